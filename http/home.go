package http

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"jixiao"
)

// todo is one entry of a user's 待办 list.
type todo struct {
	Kind   string // 待填报, 待审核, 已退回, 待答复, 即将截止
	Text   string
	Reason string // a return's reason
	Link   string
}

// todoPage is the home page of the roles that work on plans: their 待办 list and their
// latest messages.
type todoPage struct {
	layout
	Todos    []todo
	Messages []jixiao.Message
	Year     int
}

// home shows the 待办 list of users who work on plans, and sends the administrators to
// their pages (GET /).
func home(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	if !c.can(ctx, actReadPlan, nil, "") {
		dest := "/account/password"
		switch {
		case c.can(ctx, actAdmin, nil, ""):
			dest = "/admin/departments"
		case c.can(ctx, actAudit, nil, ""):
			dest = "/audit"
		case c.can(ctx, actSecurity, nil, ""):
			dest = "/security"
		}
		http.Redirect(w, r, dest, http.StatusSeeOther)
		return nil
	}
	pg := &todoPage{}
	var err error
	if pg.Todos, pg.Year, err = s.todos(ctx, c, true); err != nil {
		return err
	}
	if pg.Messages, err = s.store.Messages(ctx, c.user.ID, 5); err != nil {
		return err
	}
	pg.Title, pg.Nav = "待办", "home"
	s.render(w, r, c, http.StatusOK, "home", pg)
	return nil
}

// todos is the user's 待办 list for the filing year. full reads each plan's comments and
// last return (the home page); without it the list is what the navigation counts.
func (s *Server) todos(ctx context.Context, c *reqCtx, full bool) ([]todo, int, error) {
	k, err := s.cockpit(ctx, c, 0)
	if err != nil {
		return nil, 0, err
	}
	now := s.cfg.Now()
	var out []todo
	role := c.user.Role
	if role == jixiao.RoleReviewer {
		n := 0
		for _, u := range k.Units {
			if u.Plan != nil && u.Plan.Status == jixiao.UnitApproved {
				n++
				if full && n <= 20 {
					out = append(out, todo{Kind: "待审核", Text: fmt.Sprintf("%s的%d年绩效目标已由单位负责人审核，待财政审核。", u.Dept.Name, k.Year),
						Link: "/plans/" + strconv.FormatInt(u.Plan.ID, 10)})
				}
			}
		}
		if n > 20 || (!full && n > 0) {
			out = append(out, todo{Kind: "待审核", Text: fmt.Sprintf("共 %d 份绩效目标待财政审核。", n), Link: "/review/board?state=" + boardSubmitted})
		}
		return out, k.Year, nil
	}
	for _, u := range k.Units {
		if u.ByParent {
			continue
		}
		name := u.Dept.Name
		switch {
		case u.Plan == nil && role == jixiao.RoleFiller:
			out = append(out, todo{Kind: "待填报", Text: fmt.Sprintf("%s尚未开始填报%d年绩效目标。", name, k.Year), Link: "/plans/new"})
		case u.Plan == nil:
		case u.Plan.Status == jixiao.Submitted && role == jixiao.RoleLeader:
			out = append(out, todo{Kind: "待审核", Text: fmt.Sprintf("%s的%d年绩效目标已提交，待单位负责人审核。", name, k.Year), Link: planLink(u.Plan.ID)})
		case u.Plan.Status == jixiao.Returned && role == jixiao.RoleFiller:
			t := todo{Kind: "已退回", Text: fmt.Sprintf("%s的%d年绩效目标被退回，请修改后重新提交。", name, k.Year), Link: planLink(u.Plan.ID)}
			if full {
				if st, err := s.store.ReviewState(ctx, u.Plan.ID); err == nil && st.LastTransition != nil {
					t.Reason = st.LastTransition.Reason
				} else if err != nil {
					return nil, 0, err
				}
			}
			out = append(out, t)
		case u.Plan.Status == jixiao.Draft && role == jixiao.RoleFiller:
			out = append(out, todo{Kind: "待填报", Text: fmt.Sprintf("%s的%d年绩效目标尚未提交。", name, k.Year), Link: planLink(u.Plan.ID)})
		}
		if full && u.Plan != nil && role == jixiao.RoleFiller {
			cs, err := s.store.Comments(ctx, u.Plan.ID)
			if err != nil {
				return nil, 0, err
			}
			open := 0
			for _, cm := range cs {
				if !cm.Answered {
					open++
				}
			}
			if open > 0 {
				out = append(out, todo{Kind: "待答复", Text: fmt.Sprintf("%s的绩效目标有 %d 条审核意见待答复。", name, open), Link: planLink(u.Plan.ID)})
			}
		}
		if !u.Due.IsZero() && !u.filed() && u.Due.After(now) && u.Due.Sub(now).Hours() <= 72 {
			days := int(math.Ceil(u.Due.Sub(now).Hours() / 24))
			out = append(out, todo{Kind: "即将截止", Text: fmt.Sprintf("%s的%d年绩效目标将于 %s 截止报送（还有 %d 天）。", name, k.Year, localTime(u.Due), days), Link: "/plans"})
		}
	}
	return out, k.Year, nil
}

func planLink(id int64) string { return "/plans/" + strconv.FormatInt(id, 10) }
