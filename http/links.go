package http

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"jixiao"
	"jixiao/check"
)

// linksPage shows the roll-ups of a plan: which department count indicator sums which
// item indicators (confirmed by a user, or proposed by matching names and units), the
// arithmetic of each, the counts linked to nothing, and, for a plan the user may
// change, a form per department indicator to confirm or change its items.
type linksPage struct {
	layout
	Plan    planHeader
	Rows    []linkRow
	Items   []linkCell // every item count that can be linked
	Version int
}

type linkRow struct {
	linkCell
	Items      []linkCell
	Confirmed  bool
	Arithmetic string
	Severity   string // pass, error: the rollup.count finding; "" when not linked
	Message    string
	Checked    map[string]bool
}

type linkCell struct {
	Path, Where, Text string
}

var atomPathRe = regexp.MustCompile(`^(indicators|specialFunds\[(\d+)\]\.items\[(\d+)\]\.indicators)\[(\d+)\]\.target(?:\.parts\[(\d+)\])?$`)

// atomText is the target text of the indicator (or of the part of a compound one) at
// path, as written.
func atomText(p *jixiao.Plan, path string) string {
	m := atomPathRe.FindStringSubmatch(path)
	if m == nil {
		return ""
	}
	list := p.Indicators
	if m[1] != "indicators" {
		f, _ := strconv.Atoi(m[2])
		i, _ := strconv.Atoi(m[3])
		if f >= len(p.SpecialFunds) || i >= len(p.SpecialFunds[f].Items) {
			return ""
		}
		list = p.SpecialFunds[f].Items[i].Indicators
	}
	r, _ := strconv.Atoi(m[4])
	if r >= len(list) {
		return ""
	}
	in := list[r]
	if m[5] == "" {
		return in.Name + " " + in.Target.Text
	}
	k, _ := strconv.Atoi(m[5])
	if k >= len(in.Target.Parts) {
		return ""
	}
	return in.Target.Parts[k].Text
}

// rollups gathers the department counts and item counts of p's report: those linked
// (confirmed or proposed) and those the checks found linked to nothing.
func rollups(p *jixiao.Plan, r *check.Report) (rows []linkRow, items []linkCell) {
	cell := func(path string) linkCell {
		return linkCell{Path: path, Where: check.Where(p, path), Text: atomText(p, path)}
	}
	seenItem := map[string]bool{}
	addItem := func(path string) {
		if !seenItem[path] {
			seenItem[path] = true
			items = append(items, cell(path))
		}
	}
	byDept := map[string]int{}
	for _, l := range r.Links {
		row := linkRow{linkCell: cell(l.Department), Confirmed: l.Confirmed, Checked: map[string]bool{}}
		for _, ip := range l.Items {
			row.Items = append(row.Items, cell(ip))
			row.Checked[ip] = true
			addItem(ip)
		}
		byDept[l.Department] = len(rows)
		rows = append(rows, row)
	}
	for _, f := range r.Findings {
		if f.Rule != "rollup.unlinked" {
			continue
		}
		if atomPathRe.MatchString(f.Path) && f.Path[0] == 's' {
			addItem(f.Path)
		} else if _, ok := byDept[f.Path]; !ok && atomPathRe.MatchString(f.Path) {
			byDept[f.Path] = len(rows)
			rows = append(rows, linkRow{linkCell: cell(f.Path), Severity: "warning", Message: f.Message, Checked: map[string]bool{}})
		}
	}
	for _, f := range append(slices.Clone(r.Findings), r.Passes...) {
		if f.Rule != "rollup.count" {
			continue
		}
		if k, ok := byDept[f.Path]; ok {
			rows[k].Severity, rows[k].Message, rows[k].Arithmetic = string(f.Severity), f.Message, f.Arithmetic
		}
	}
	slices.SortFunc(items, func(a, b linkCell) int {
		if a.Path < b.Path {
			return -1
		} else if a.Path > b.Path {
			return 1
		}
		return 0
	})
	return rows, items
}

// linksShow shows the roll-ups (GET /plans/{id}/links).
func linksShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p := c.plan
	pg := &linksPage{Plan: s.header(r.Context(), c, p, ""), Version: p.Version}
	pg.Rows, pg.Items = rollups(p, s.checkPlan(p))
	if v := r.URL.Query().Get("saved"); v != "" {
		pg.Flash = "已保存汇总关系（版本 " + v + "）。"
	}
	pg.Title, pg.Nav, pg.Wide = "汇总关系", "plans", true
	pg.Crumbs = planCrumbs(p, "汇总关系")
	s.render(w, r, c, http.StatusOK, "links", pg)
	return nil
}

// linksSave confirms or resets the roll-up of one department indicator (POST
// /plans/{id}/links: version, department, items…, op=confirm or reset). A confirmed
// link replaces the matching for that indicator (Plan.Links); reset removes it, so the
// matching proposes again.
func linksSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 || version > c.plan.Version {
		return jixiao.Errorf(jixiao.EINVALID, "缺少或无效的版本号，请刷新页面后重试。")
	}
	base := c.plan
	if version != c.plan.Version {
		if base, err = s.store.PlanAt(ctx, c.plan.ID, version); err != nil {
			return err
		}
		base.ID, base.Version = c.plan.ID, version
	}
	rows, items := rollups(base, s.checkPlan(base))
	dept := r.PostFormValue("department")
	if !slices.ContainsFunc(rows, func(x linkRow) bool { return x.Path == dept }) {
		return jixiao.Errorf(jixiao.EINVALID, "“%s”不是可以汇总的部门指标。", dept)
	}
	chosen := r.PostForm["items"]
	for _, ip := range chosen {
		if !slices.ContainsFunc(items, func(x linkCell) bool { return x.Path == ip }) {
			return jixiao.Errorf(jixiao.EINVALID, "“%s”不是可以计入汇总的子项指标。", ip)
		}
	}
	p := clonePlan(base)
	p.Links = slices.DeleteFunc(p.Links, func(l jixiao.RollupLink) bool { return l.Department == dept })
	var reason string
	switch r.PostFormValue("op") {
	case "confirm":
		if len(chosen) == 0 {
			return jixiao.Errorf(jixiao.EINVALID, "请至少勾选一个子项指标；要取消已确认的关系，请用“恢复自动匹配”。")
		}
		slices.Sort(chosen)
		p.Links = append(p.Links, jixiao.RollupLink{Department: dept, Items: slices.Compact(chosen), Confirmed: true})
		reason = fmt.Sprintf("确认汇总关系：%s = %d 个子项指标之和", check.Where(base, dept), len(chosen))
	case "reset":
		reason = "恢复自动匹配：" + check.Where(base, dept)
	default:
		return jixiao.Errorf(jixiao.EINVALID, "未知的操作。")
	}
	p.Version = version
	c.auditDetail = reason
	err = s.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return s.conflict(w, r, c, p, "department")
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/links?saved=%d#%s", p.ID, p.Version, fieldID(dept)), http.StatusSeeOther)
	return nil
}
