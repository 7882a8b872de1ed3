package http

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"

	"jixiao"
)

// todo is one entry of a user's 待办 list.
type todo struct {
	Kind   string // 待填报, 待审核, 已退回, 待答复, 即将截止
	Text   string
	Reason string // a return's reason
	Link   string
	Count  int // the plans it stands for, when more than one (the navigation's count)
}

// todoPage is the home page of the roles that work on plans: their 待办 list and their
// latest messages.
type todoPage struct {
	layout
	Items    []todo
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
	if pg.Items, pg.Year, err = s.todos(ctx, c, true); err != nil {
		return err
	}
	if pg.Messages, err = s.store.Messages(ctx, c.user.ID, 5); err != nil {
		return err
	}
	pg.Title, pg.Nav = "待办", "home"
	s.render(w, r, c, http.StatusOK, "home", pg)
	return nil
}

// todoStates are the states that wait for a role, whatever the year: 待审核 for the
// leader and the reviewer, 已退回 for the filler.
var todoStates = map[jixiao.Role][]struct {
	status jixiao.Status
	kind   string
	text   string
}{
	jixiao.RoleLeader:   {{jixiao.Submitted, "待审核", "%s的%d年绩效目标已提交，待单位负责人审核。"}},
	jixiao.RoleReviewer: {{jixiao.UnitApproved, "待审核", "%s的%d年绩效目标已由单位负责人审核，待财政审核。"}},
	// The filler's drafts of every year too (a 调整稿 is a draft again), each with its year.
	jixiao.RoleFiller: {{jixiao.Returned, "已退回", "%s的%d年绩效目标被退回，请修改后重新提交。"},
		{jixiao.Draft, "待填报", "%s的%d年绩效目标尚未提交。"}},
}

// maxTodos bounds the plans listed one by one; beyond it one line counts the rest.
const maxTodos = 20

// todos is the user's 待办 list: the plans waiting for their role (any year, for the
// filler with their comments to answer), and for the filing year the units that have
// not started or not submitted, the comments to answer and the deadlines in the next
// three days. full reads each listed plan's comments and
// last return (the home page); without it the list is what the navigation counts.
func (s *Server) todos(ctx context.Context, c *reqCtx, full bool) ([]todo, int, error) {
	root, err := c.regionRoot(ctx)
	if err != nil {
		return nil, 0, err
	}
	now := s.cfg.Now()
	role := c.user.Role
	var out []todo
	asked := map[int64]bool{} // plans whose comments to answer are listed
	for _, ts := range todoStates[role] {
		limit := maxTodos
		if !full {
			limit = 1
		}
		ps, n, err := s.store.Plans(ctx, jixiao.PlanFilter{DepartmentID: root.ID, Status: ts.status, Limit: limit})
		if err != nil {
			return nil, 0, err
		}
		if !full && n > 0 {
			out = append(out, todo{Kind: ts.kind, Count: n})
		}
		for _, p := range ps {
			if !full {
				break
			}
			t := todo{Kind: ts.kind, Text: fmt.Sprintf(ts.text, p.Department, p.Year), Link: planLink(p.ID)}
			if ts.status == jixiao.Returned {
				st, err := s.store.ReviewState(ctx, p.ID)
				if err != nil {
					return nil, 0, err
				}
				if st.LastTransition != nil {
					t.Reason = st.LastTransition.Reason
				}
			}
			out = append(out, t)
			if role == jixiao.RoleFiller {
				// Its comments to answer, whatever its year.
				a, err := s.toAnswer(ctx, p.ID, p.Department, p.Year)
				if err != nil {
					return nil, 0, err
				}
				out, asked[p.ID] = append(out, a...), true
			}
		}
		if full && n > len(ps) {
			out = append(out, todo{Kind: ts.kind, Text: fmt.Sprintf("另有 %d 份绩效目标%s。", n-len(ps), ts.kind), Link: "/plans?status=" + string(ts.status)})
		}
	}
	if role != jixiao.RoleFiller && !full {
		return out, 0, nil // the navigation's count: no need for the region's whole state
	}
	if full {
		mt, err := s.monitoringTodos(ctx, c, root)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, mt...)
	}
	deadlines, err := s.store.DeadlinesFor(ctx, root.ID)
	if err != nil {
		return nil, 0, err
	}
	if role != jixiao.RoleFiller {
		// The home page's year: the filing year, without the region's whole state.
		year, err := s.filingYear(ctx, root, now, deadlines)
		return out, year, err
	}
	by, err := s.budgetYear(ctx, root, now, deadlines)
	if err != nil {
		return nil, 0, err
	}
	k, err := s.cockpit(ctx, c, by)
	if err != nil {
		return nil, 0, err
	}
	for _, u := range k.Units {
		if u.ByParent {
			continue
		}
		name := u.Dept.Name
		switch {
		case u.Plan == nil:
			out = append(out, todo{Kind: "待填报", Text: fmt.Sprintf("%s尚未开始填报%d年绩效目标。", name, k.Year), Link: "/plans/new"})
		}
		if full && u.Plan != nil && !asked[u.Plan.ID] {
			a, err := s.toAnswer(ctx, u.Plan.ID, name, k.Year)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, a...)
		}
		out = append(out, dueSoon(u, k.Year, now)...)
	}
	// A deadline of another year near too (a late year's targets, say): its units'
	// state is read only then.
	seen := map[int]bool{k.Year: true}
	for _, d := range deadlines {
		if seen[d.Year] {
			continue
		}
		if !near(d.Due, now) {
			// Past, a unit's extension may be the one near; further away, nothing is.
			if !d.Due.Before(now) {
				continue
			}
			exs, err := s.store.Exceptions(ctx, root.ID, d.Year)
			if err != nil {
				return nil, 0, err
			}
			if !slices.ContainsFunc(exs, func(e jixiao.DeadlineException) bool { return near(e.Until, now) }) {
				continue
			}
		}
		seen[d.Year] = true
		ky, err := s.cockpit(ctx, c, d.Year)
		if err != nil {
			return nil, 0, err
		}
		for _, u := range ky.Units {
			if !u.ByParent {
				out = append(out, dueSoon(u, d.Year, now)...)
			}
		}
	}
	return out, k.Year, nil
}

// near says whether due is after now and at most three days away.
func near(due, now time.Time) bool {
	return !due.IsZero() && due.After(now) && due.Sub(now).Hours() <= 72
}

// dueSoon is the 即将截止 line of a unit whose year's targets are not filed and whose
// deadline is near, none otherwise.
func dueSoon(u *unitState, year int, now time.Time) []todo {
	if u.filed() || !near(u.Due, now) {
		return nil
	}
	days := int(math.Ceil(u.Due.Sub(now).Hours() / 24))
	return []todo{{Kind: "即将截止", Text: fmt.Sprintf("%s的%d年绩效目标将于 %s 截止报送（还有 %d 天）。", u.Dept.Name, year, localTime(u.Due), days), Link: "/plans?year=" + strconv.Itoa(year)}}
}

func planLink(id int64) string { return "/plans/" + strconv.FormatInt(id, 10) }

// toAnswer is the 待答复 line of a plan with comments not yet answered, none without.
func (s *Server) toAnswer(ctx context.Context, planID int64, dept string, year int) ([]todo, error) {
	cs, err := s.store.Comments(ctx, planID)
	if err != nil {
		return nil, err
	}
	open := 0
	for _, cm := range cs {
		if !cm.Answered {
			open++
		}
	}
	var out []todo
	if open > 0 {
		out = append(out, todo{Kind: "待答复", Text: fmt.Sprintf("%s的%d年绩效目标有 %d 条审核意见待答复。", dept, year, open), Link: planLink(planID)})
	}
	return out, nil
}
