package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"jixiao"
)

// changeView is one row of a comparison.
type changeView struct {
	Path, Label, Old, New string
	Kind                  string // added, removed, changed (a CSS class)
	KindLabel             string // 新增, 删除, 修改
	Href                  string // the cell in the current plan's editor
}

// changesBetween lists what changed from a to b (jixiao.DiffPlans), for display.
func changesBetween(a, b *jixiao.Plan) []changeView {
	var out []changeView
	for _, c := range jixiao.DiffPlans(a, b) {
		out = append(out, changeView{Path: c.Path, Label: c.Label, Old: c.Old, New: c.New, Kind: string(c.Kind), KindLabel: c.Kind.Label()})
	}
	return out
}

// diffPage compares two versions of a plan, or a plan with its department's plan of the
// year before.
type diffPage struct {
	layout
	Plan      planHeader
	From, To  string // what is compared, in Chinese
	Changes   []changeView
	Versions  []int
	FromV     int
	ToV       int
	LastYear  bool
	LastYearN int64
}

// planDiff compares two revisions (GET /plans/{id}/diff?from=V&to=W) or the plan with
// last year's (?against=lastyear).
func planDiff(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	p := c.plan
	q := r.URL.Query()
	pg := &diffPage{Plan: s.header(ctx, c, p, "")}
	var a, b *jixiao.Plan
	if q.Get("against") == "lastyear" {
		if c.planDept == nil || c.planDept.ID == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "找不到“%s”的上年度绩效目标。", p.Department)
		}
		last, err := s.store.PlanByDepartmentYear(ctx, c.planDept.ID, p.Year-1)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.ENOTFOUND, "“%s”没有 %d 年的绩效目标，无法与上年度对比。", p.Department, p.Year-1)
		} else if err != nil {
			return err
		}
		a, b = last, p
		pg.LastYear, pg.LastYearN = true, last.ID
		pg.From, pg.To = fmt.Sprintf("%d 年（版本 %d）", last.Year, last.Version), fmt.Sprintf("%d 年（版本 %d）", p.Year, p.Version)
	} else {
		from, err1 := strconv.Atoi(q.Get("from"))
		to, err2 := strconv.Atoi(q.Get("to"))
		if q.Get("to") == "" {
			to, err2 = p.Version, nil
		}
		if q.Get("from") == "" {
			from, err1 = to-1, nil
		}
		if err1 != nil || err2 != nil || from < 1 || to < 1 || from > p.Version || to > p.Version {
			return jixiao.Errorf(jixiao.ENOTFOUND, "版本号无效：本绩效目标的版本为 1 至 %d。", p.Version)
		}
		var err error
		if a, err = s.version(ctx, p, from); err != nil {
			return err
		}
		if b, err = s.version(ctx, p, to); err != nil {
			return err
		}
		pg.FromV, pg.ToV = from, to
		pg.From, pg.To = fmt.Sprintf("版本 %d", from), fmt.Sprintf("版本 %d", to)
	}
	pg.Changes = changesBetween(a, b)
	for i := range pg.Changes {
		if pg.Changes[i].Kind != "removed" {
			pg.Changes[i].Href = homePage(pg.Changes[i].Path).url(p.ID) + "#" + fieldID(pg.Changes[i].Path)
		}
	}
	for v := p.Version; v >= 1; v-- {
		pg.Versions = append(pg.Versions, v)
	}
	pg.Title, pg.Nav = "对比："+pg.From+" → "+pg.To, "plans"
	pg.Crumbs = planCrumbs(p, "对比")
	s.render(w, r, c, http.StatusOK, "diff", pg)
	return nil
}

// version reads version v of p (p itself when it is the latest).
func (s *Server) version(ctx context.Context, p *jixiao.Plan, v int) (*jixiao.Plan, error) {
	if v == p.Version {
		return p, nil
	}
	return s.store.PlanAt(ctx, p.ID, v)
}
