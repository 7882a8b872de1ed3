package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// historyPage lists a plan's revisions, with a form to compare any two, and for each
// version its print view, its downloads and 恢复到此版本.
type historyPage struct {
	layout
	Plan     planHeader
	Groups   []revisionGroup // newest first
	LastYear bool
	Count    int // revisions in the store
}

// revisionGroup is one row of the history: a revision, and the earlier consecutive saves
// of the same author within coalesceWithin folded under it. Folding is for the eye only:
// every revision stays in the store and keeps its own links.
type revisionGroup struct {
	jixiao.Revision
	Folded  []jixiao.Revision // newest first
	Current bool              // the plan's current version
}

// coalesceWithin is how close consecutive saves of one author must follow each other to
// be shown as one row of the history.
const coalesceWithin = 5 * time.Minute

// coalesce groups revs (newest first) as revisionGroup says.
func coalesce(revs []jixiao.Revision, current int) []revisionGroup {
	var out []revisionGroup
	for _, rv := range revs {
		if n := len(out); n > 0 {
			g := &out[n-1]
			prev := g.Revision
			if len(g.Folded) > 0 {
				prev = g.Folded[len(g.Folded)-1]
			}
			if rv.Author == prev.Author && rv.Author != "" && prev.Created.Sub(rv.Created) <= coalesceWithin &&
				!landmark(rv) && !landmark(prev) {
				g.Folded = append(g.Folded, rv)
				continue
			}
		}
		out = append(out, revisionGroup{Revision: rv, Current: rv.Version == current})
	}
	return out
}

// landmark tells the revisions that stay a row of their own: workflow steps,
// restores and imports are landmarks, not typing.
func landmark(rv jixiao.Revision) bool {
	return !strings.HasPrefix(rv.Reason, "修改") && !strings.HasPrefix(rv.Reason, "采纳修改建议")
}

// First is the oldest version of the group.
func (g revisionGroup) First() int {
	if len(g.Folded) == 0 {
		return g.Version
	}
	return g.Folded[len(g.Folded)-1].Version
}

// planHistory lists the revisions of a plan (GET /plans/{id}/history).
func planHistory(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	revs, err := s.store.Revisions(ctx, c.plan.ID)
	if err != nil {
		return err
	}
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	pg := &historyPage{Plan: s.header(ctx, c, c.plan, ""), Groups: coalesce(revs, c.plan.Version), Count: len(revs)}
	who := s.namer(ctx, actors(revs, func(rv jixiao.Revision) string { return rv.Author }))
	for i := range pg.Groups {
		g := &pg.Groups[i]
		g.Author = who(g.Author)
		for k := range g.Folded {
			g.Folded[k].Author = who(g.Folded[k].Author)
		}
	}
	if c.planDept != nil && c.planDept.ID != 0 {
		if _, err := s.store.PlanByDepartmentYear(ctx, c.planDept.ID, c.plan.Year-1); err == nil {
			pg.LastYear = true
		}
	}
	if v := r.URL.Query().Get("restored"); v != "" {
		pg.Flash = fmt.Sprintf("已恢复到第 %s 版的内容，保存为新的第 %d 版；之前的各版本仍保留在历史中。", v, c.plan.Version)
	}
	pg.Title, pg.Nav = "修改历史", "plans"
	pg.Crumbs = planCrumbs(c.plan, "修改历史")
	s.render(w, r, c, http.StatusOK, "history", pg)
	return nil
}

// planRestore saves an earlier version's content as a new revision (POST
// /plans/{id}/restore, fields from, the version to restore, and version, the current
// version the user saw): nothing is overwritten or dropped, the history keeps every
// version, and the revision says who restored what and why. A plan saved by someone after
// the history page was opened is not overwritten.
func planRestore(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	from, err := strconv.Atoi(r.PostFormValue("from"))
	if err != nil || from < 1 || from > c.plan.Version {
		return jixiao.Errorf(jixiao.EINVALID, "要恢复的版本“%s”无效：本绩效目标的版本为 1 至 %d。", r.PostFormValue("from"), c.plan.Version)
	}
	if version != c.plan.Version {
		return jixiao.Errorf(jixiao.ECONFLICT, "打开修改历史之后，绩效目标已被修改（您看到的是第 %d 版，现在是第 %d 版），未恢复。请刷新修改历史，确认后再恢复。", version, c.plan.Version)
	}
	if from == version {
		return jixiao.Errorf(jixiao.EINVALID, "第 %d 版就是当前版本，无需恢复。", from)
	}
	old, err := s.store.PlanAt(ctx, c.plan.ID, from)
	if err != nil {
		return err
	}
	p := clonePlan(old)
	p.ID, p.Version, p.Status = c.plan.ID, version, c.plan.Status
	p.Department, p.DepartmentCode, p.Year = c.plan.Department, c.plan.DepartmentCode, c.plan.Year
	reason := fmt.Sprintf("恢复到第 %d 版", from)
	if why := strings.TrimSpace(r.PostFormValue("reason")); why != "" {
		reason += "：" + why
	}
	err = s.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return jixiao.Errorf(jixiao.ECONFLICT, "恢复时绩效目标刚被他人修改，未恢复。请刷新修改历史，确认后再恢复。")
	} else if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("%s（第 %d 版 → 第 %d 版）", reason, version, p.Version)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/history?restored=%d", p.ID, from), http.StatusSeeOther)
	return nil
}

// planVersion is the plan a read-only view or download shows: the version named by the
// query's version (?version=N, any earlier version), else the current one.
func (s *Server) planVersion(ctx context.Context, r *http.Request, c *reqCtx) (*jixiao.Plan, error) {
	v := r.URL.Query().Get("version")
	if v == "" {
		return c.plan, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > c.plan.Version {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标没有第“%s”版：版本为 1 至 %d。", v, c.plan.Version)
	}
	if n == c.plan.Version {
		return c.plan, nil
	}
	p, err := s.store.PlanAt(ctx, c.plan.ID, n)
	if err != nil {
		return nil, err
	}
	p.ID, p.Version = c.plan.ID, n
	if p.DepartmentCode == "" {
		p.DepartmentCode = c.plan.DepartmentCode
	}
	return p, nil
}

// versionFileName is planFileName, naming the version when it is not the current one:
// "统战部-2021年预算绩效目标（第3版）.xlsx".
func versionFileName(p, current *jixiao.Plan, ext string) string {
	name := planFileName(p, ext)
	if p.Version == current.Version {
		return name
	}
	return strings.TrimSuffix(name, "."+ext) + fmt.Sprintf("（第%d版）.%s", p.Version, ext)
}
