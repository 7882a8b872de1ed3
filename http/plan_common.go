package http

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/render"
)

// planHeader is what every page of a plan shows at the top.
type planHeader struct {
	ID         int64
	Department string
	Code       string
	Year       int
	Status     jixiao.Status
	Version    int
	Framework  string
	Editable   bool // the user may change this plan now
	// LockReason says why the plan is read-only for the user, and by whom: its state
	// (who moved it there, when), the deadline (who set it), or the user's role.
	LockReason string
	// ApprovedVersion is the approved (or published) version kept visible beside an
	// adjustment (调整) under way; 0 when there is none to show beside this version.
	ApprovedVersion int
	Tables          []tableLink
}

// tableLink is one table of a plan: its editor and its print view.
type tableLink struct {
	Title string
	Edit  string
	Print string
	Which string
	On    bool
}

func (s *Server) header(ctx context.Context, c *reqCtx, p *jixiao.Plan, on string) planHeader {
	h := planHeader{ID: p.ID, Department: p.Department, Code: p.DepartmentCode, Year: p.Year,
		Status: p.Status, Version: p.Version, Framework: frameworkName(p.Framework),
		Editable: c.can(ctx, actEditPlan, c.planDept, p.Status)}
	if !h.Editable {
		if err := authorize(ctx, c, actEditPlan, c.planDept, p.Status); err != nil {
			h.LockReason = jixiao.ErrorMessage(err)
			if jixiao.ErrorCode(err) == jixiao.EFORBIDDEN {
				h.LockReason = "“" + c.user.Role.Label() + "”角色只能阅读，不能修改绩效目标。"
			}
		}
	}
	if c.review != nil && c.review.ApprovedVersion > 0 && c.review.ApprovedVersion != p.Version {
		h.ApprovedVersion = c.review.ApprovedVersion
	}
	for _, ref := range render.Tables(p) {
		l := tableLink{Title: ref.Title, Which: ref.Which, Print: fmt.Sprintf("/plans/%d/print/%s", p.ID, ref.Which)}
		switch {
		case ref.Which == "department":
			l.Edit = editorPage{Kind: "department"}.url(p.ID)
		case ref.Which == "summary":
			l.Edit = editorPage{Kind: "funds"}.url(p.ID)
		case strings.HasPrefix(ref.Which, "project:"):
			if n, err := strconv.Atoi(ref.Which[len("project:"):]); err == nil && n >= 1 {
				l.Edit = editorPage{Kind: "project", I: n - 1}.url(p.ID)
			}
			if ref.Name != "" {
				l.Title = ref.Title + "（" + ref.Name + "）"
			}
		case strings.HasPrefix(ref.Which, "item:"):
			if f, i, ok := itemIndex(p, ref.Which); ok {
				l.Edit = editorPage{Kind: "item", F: f, I: i}.url(p.ID)
			}
			if ref.Name != "" {
				l.Title = ref.Title + "（" + ref.Name + "）"
			}
		}
		l.On = ref.Which == on
		h.Tables = append(h.Tables, l)
	}
	if len(p.SpecialFunds) == 0 && !(len(p.Projects) > 0 && len(p.Indicators) == 0) { // the fund editor is where the first fund is added; a plan of project tables has none
		l := tableLink{Title: "专项资金预算绩效目标汇总表（尚无专项资金）", Edit: editorPage{Kind: "funds"}.url(p.ID), Which: "summary", On: on == "summary"}
		h.Tables = append(h.Tables, l)
	}
	return h
}

// itemIndex turns render's "item:N" (N from 1 over p.Items) into fund and item indexes.
func itemIndex(p *jixiao.Plan, which string) (f, i int, ok bool) {
	var n int
	if _, err := fmt.Sscanf(which, "item:%d", &n); err != nil || n < 1 {
		return 0, 0, false
	}
	k := 0
	for f := range p.SpecialFunds {
		for i := range p.SpecialFunds[f].Items {
			k++
			if k == n {
				return f, i, true
			}
		}
	}
	return 0, 0, false
}

// itemWhich is the inverse of itemIndex.
func itemWhich(p *jixiao.Plan, f, i int) string {
	k := 0
	for ff := range p.SpecialFunds {
		for ii := range p.SpecialFunds[ff].Items {
			k++
			if ff == f && ii == i {
				return fmt.Sprintf("item:%d", k)
			}
		}
	}
	return ""
}

func planCrumbs(p *jixiao.Plan, last string) []crumb {
	cs := []crumb{{Label: "绩效目标", URL: "/plans"}, {Label: fmt.Sprintf("%s %d年", p.Department, p.Year), URL: fmt.Sprintf("/plans/%d", p.ID)}}
	if last != "" {
		cs = append(cs, crumb{Label: last})
	}
	return cs
}

// base reads the plan as it was at the version a form was made from: edits are applied
// to what the user saw, and saving it over a newer version is refused by the store.
func (s *Server) base(ctx context.Context, c *reqCtx, version int) (*jixiao.Plan, error) {
	if version > c.plan.Version {
		return nil, jixiao.Errorf(jixiao.EINVALID, "表单的版本号 %d 比当前版本 %d 还新，请刷新页面。", version, c.plan.Version)
	}
	if version == c.plan.Version {
		return clonePlan(c.plan), nil
	}
	p, err := s.store.PlanAt(ctx, c.plan.ID, version)
	if err != nil {
		return nil, err
	}
	p.ID, p.Version = c.plan.ID, version
	return p, nil
}

// clonePlan copies p deeply enough that editing its slices leaves p alone.
func clonePlan(p *jixiao.Plan) *jixiao.Plan {
	q := *p
	q.KeyTasks = append([]jixiao.KeyTask(nil), p.KeyTasks...)
	q.Indicators = append([]jixiao.Indicator(nil), p.Indicators...)
	q.Links = append([]jixiao.RollupLink(nil), p.Links...)
	q.SpecialFunds = make([]jixiao.SpecialFund, len(p.SpecialFunds))
	for i, f := range p.SpecialFunds {
		f.Items = append([]jixiao.FundItem(nil), f.Items...)
		for j := range f.Items {
			f.Items[j].Indicators = append([]jixiao.Indicator(nil), f.Items[j].Indicators...)
		}
		q.SpecialFunds[i] = f
	}
	if p.Projects != nil {
		q.Projects = make([]jixiao.Project, len(p.Projects))
		for k, pr := range p.Projects {
			pr.Indicators = append([]jixiao.Indicator(nil), pr.Indicators...)
			pr.Funds = append([]jixiao.FundLine(nil), pr.Funds...)
			q.Projects[k] = pr
		}
	}
	return &q
}

// viewKey names the content of an editor page shown from the stored plan p (not from a
// posted form): it depends on the plan's version, department code and state, whether the user may edit,
// and which table it is.
func viewKey(p *jixiao.Plan, editable bool, table string) string {
	// The department's code is as it is now (it may change without a new version).
	return fmt.Sprintf("%d|%d|%s|%s|%t|%s", p.ID, p.Version, p.DepartmentCode, p.Status, editable, table)
}

// lockKey names what the header's lock note depends on beyond viewKey.
func (h planHeader) lockKey() string {
	return fmt.Sprintf("%s|%d", h.LockReason, h.ApprovedVersion)
}
