package http

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
)

// The dashboard (统计分析) of the targets stage: for one year and one node of the
// department tree, the units by state, the node's children with their counts (the
// drill-down), the most common findings of the checks, and who is late. The stages to
// come (monitoring, self-evaluation) add their own sections beside these: each section
// is a dashSection, drawn by the same template blocks and exported by the same code.

// dashSection is one table of the dashboard, with its chart.
type dashSection struct {
	ID     string // status, tree, rules, late: the xlsx export's table=
	Title  string
	Chart  template.HTML
	Header []dashCol
	Rows   []dashRow
	Total  *dashRow
	Note   string
	Table  template.HTML // the rows as HTML (tableHTML), filled in last
	// Deferred: the section is computed only on request (rules=1) at this size.
	Deferred bool
	More     string // the address that lists every row, when the page shows only the first

}

// dashCol is a column head; Sort is the link that sorts by it (server-side, no script).
type dashCol struct {
	Label string
	Sort  string
	On    string // "▲" or "▼" when the table is sorted by this column
}

// dashRow is one row: its cells as shown (and exported), and a link for the first.
type dashRow struct {
	Cells []any // string or int
	Link  string
	Class string
}

// dashboardPage is the dashboard for one year and one node.
type dashboardPage struct {
	layout
	Year     int
	Years    []int
	Node     *jixiao.Department
	Path     []crumb // the node's ancestors within the region, for the drill-up
	Deadline string
	Sections []*dashSection
	Export   string // the xlsx address without table=
}

// maxTreeRows bounds the drill-down rows a page shows unless all=1.
const maxTreeRows = 200

// maxRulePlans bounds the plans the findings-by-rule section checks on one request; a
// larger node shows a link to compute it on demand (rules=1). Each plan is read and
// checked (its report cached by version): about 0.6 ms a plan on the test machine, so
// 150 plans keep the page near 100 ms (2,000 made a region of 1,000 plans wait 600 ms).
const maxRulePlans = 150

// dashboard computes the page for the request.
func (s *Server) dashboard(ctx context.Context, c *reqCtx, r *http.Request) (*dashboardPage, error) {
	q := r.URL.Query()
	all := q.Get("all") == "1" || r.URL.Path == "/review/dashboard.xlsx"
	// Sorted by name, the store reads only the rows shown; by a count, every child.
	page := jixiao.ChildPage{}
	if col, dir := treeSort(q.Get("sort"), q.Get("dir")); col == 0 && !all {
		page = jixiao.ChildPage{Limit: maxTreeRows, Desc: dir == "desc"}
	}
	v, err := s.dashViewFor(ctx, c, r, page)
	if err != nil {
		return nil, err
	}
	node := &v.T.Node
	pg := &dashboardPage{Year: v.Year, Years: v.Years, Node: node, Path: v.crumbs()}
	if v.Deadline != nil {
		pg.Deadline = localTime(v.Deadline.Due) + "（" + v.Deadline.SetBy + "设定）"
	}
	base := url.Values{"year": {strconv.Itoa(v.Year)}, "dept": {strconv.FormatInt(node.ID, 10)}}
	pg.Export = "/review/dashboard.xlsx?" + base.Encode()
	pg.Sections = append(pg.Sections, statusSection(v))
	limit := maxTreeRows
	if all {
		limit = v.T.ChildCount + 1
	}
	pg.Sections = append(pg.Sections, treeSection(v, q.Get("sort"), q.Get("dir"), limit))
	rules, err := s.rulesSection(ctx, v, q.Get("rules") == "1")
	if err != nil {
		return nil, err
	}
	late := s.lateSection(v)
	if !all && len(late.Rows) > maxTreeRows {
		late.Note += fmt.Sprintf("表中列出逾期最久的前 %d 个单位（共 %d 个）；导出的 Excel 含全部单位。", maxTreeRows, len(late.Rows))
		late.Rows = late.Rows[:maxTreeRows]
		late.More = strings.Replace(dashURL(v.Year, node.ID, q.Get("sort"), q.Get("dir")), "#tree", "&all=1#late", 1)
	}
	pg.Sections = append(pg.Sections, rules, late)
	se, err := s.selfEvalSections(ctx, v)
	if err != nil {
		return nil, err
	}
	pg.Sections = append(pg.Sections, se...)
	if sec, err := s.monitoringSection(ctx, v.Year, node, c.can(ctx, actBoard, nil, "")); err != nil {
		return nil, err
	} else if sec != nil {
		pg.Sections = append(pg.Sections, sec)
	}
	for _, sec := range pg.Sections {
		sec.Table = sec.tableHTML()
	}
	return pg, nil
}

func dashURL(year int, dept int64, sort, dir string) string {
	v := url.Values{"year": {strconv.Itoa(year)}, "dept": {strconv.FormatInt(dept, 10)}}
	if sort != "" {
		v.Set("sort", sort)
		v.Set("dir", dir)
	}
	return "/review/dashboard?" + v.Encode() + "#tree"
}

// statusSection: the units of the node's subtree by state.
func statusSection(v *dashView) *dashSection {
	t := v.Sum
	sec := &dashSection{ID: "status", Title: "按状态统计",
		Header: []dashCol{{Label: "状态"}, {Label: "单位数"}, {Label: "占比"}}}
	var bars []bar
	for _, st := range boardStates {
		n := t.ByState[st]
		sec.Rows = append(sec.Rows, dashRow{Cells: []any{st, n, percent(n, t.Total)}, Class: "state-" + st})
		bars = append(bars, bar{Label: st, Value: float64(n), Text: fmt.Sprintf("%d（%s）", n, percent(n, t.Total)), Class: "state-" + st})
	}
	sec.Total = &dashRow{Cells: []any{"合计", t.Total, percent(t.Total, t.Total)}}
	sec.Chart = barChart("chart-status", "各状态的单位数", bars, 0)
	sec.Note = fmt.Sprintf("已提交及以后的单位 %d 个，占 %s；逾期未提交 %d 个。", t.Filed, percent(t.Filed, t.Total), t.Late)
	if t.ByParnt > 0 {
		sec.Note += fmt.Sprintf("另有 %d 个下属单位由上级部门合并填报，不计入。", t.ByParnt)
	}
	return sec
}

// treeCols are the drill-down table's columns after the name: the states, then the
// totals. Their index is the sort key.
var treeCols = append(append([]string{"单位"}, boardStates...), "合计", "已提交率", "逾期")

// treeSort reads the drill-down's sort column and direction (the name, ascending, by
// default).
func treeSort(sortBy, dir string) (int, string) {
	col, err := strconv.Atoi(sortBy)
	if err != nil || col < 0 || col >= len(treeCols) {
		return 0, "asc"
	}
	if dir != "desc" {
		dir = "asc"
	}
	return col, dir
}

// treeSection: the node's children, each with its subtree's counts; sortable.
// Only the first limit rows (in the chosen order) are drawn; the totals are of all.
func treeSection(v *dashView, sortBy, dir string, limit int) *dashSection {
	node := &v.T.Node
	sec := &dashSection{ID: "tree", Title: "下级单位进度"}
	col, dir := treeSort(sortBy, dir)
	for i, l := range treeCols {
		d := "asc"
		h := dashCol{Label: l}
		if i == col {
			if dir == "asc" {
				d, h.On = "desc", "▲"
			} else {
				h.On = "▼"
			}
		}
		h.Sort = dashURL(v.Year, node.ID, strconv.Itoa(i), d)
		sec.Header = append(sec.Header, h)
	}
	type line struct {
		label, link string
		t           tally
		name        string
		ratio       float64
	}
	lines := make([]line, 0, len(v.Kids)+1)
	add := func(d *jixiao.Department, t tally, label, link string) {
		if t.Total == 0 && t.ByParnt == 0 {
			return
		}
		ratio := -1.0
		if t.Total > 0 {
			ratio = float64(t.Filed) / float64(t.Total)
		}
		lines = append(lines, line{label: label, link: link, t: t, name: d.Code, ratio: ratio})
	}
	if v.Self != nil {
		link := ""
		if v.T.PlanID != 0 {
			link = planLink(v.T.PlanID)
		}
		add(node, *v.Self, node.Name+"（本级）", link)
	}
	for i := range v.Kids {
		ch := &v.Kids[i]
		link := dashURL(v.Year, ch.Department.ID, "", "")
		if ch.Leaf {
			link = ""
			if ch.PlanID != 0 {
				link = planLink(ch.PlanID)
			}
		}
		add(&ch.Department, ch.t, ch.Department.Name, link)
	}
	slices.SortStableFunc(lines, func(a, b line) int {
		var c int
		switch {
		case col == 0:
			c = compareStr(a.name, b.name)
		case col <= len(boardStates):
			c = a.t.ByState[boardStates[col-1]] - b.t.ByState[boardStates[col-1]]
		case treeCols[col] == "合计":
			c = a.t.Total - b.t.Total
		case treeCols[col] == "已提交率":
			c = compareFloat(a.ratio, b.ratio)
		default:
			c = a.t.Late - b.t.Late
		}
		if dir == "desc" {
			c = -c
		}
		return c
	})
	total := v.Sum // of every child, also those not read (a page of a province's root)
	var bars []bar
	for i, l := range lines {
		if i < limit {
			// Only the rows shown are drawn: a province's root has thousands.
			cells := []any{l.label}
			for _, st := range boardStates {
				cells = append(cells, l.t.ByState[st])
			}
			cells = append(cells, l.t.Total, percent(l.t.Filed, l.t.Total), l.t.Late)
			sec.Rows = append(sec.Rows, dashRow{Cells: cells, Link: l.link})
		}
		if len(bars) < 20 {
			bars = append(bars, bar{Label: l.label, Value: 100 * max(l.ratio, 0),
				Text: fmt.Sprintf("%s（%d/%d）", percent(l.t.Filed, l.t.Total), l.t.Filed, l.t.Total), Class: "state-" + boardSubmitted})
		}
	}
	cells := []any{"合计"}
	for _, st := range boardStates {
		cells = append(cells, total.ByState[st])
	}
	sec.Total = &dashRow{Cells: append(cells, total.Total, percent(total.Filed, total.Total), total.Late)}
	sec.Chart = barChart("chart-tree", "下级单位的已提交率", bars, 100)
	count := v.T.ChildCount
	if v.Self != nil && (v.Self.Total > 0 || v.Self.ByParnt > 0) {
		count++
	}
	if count > len(bars) {
		sec.Note = fmt.Sprintf("图中只画出按当前排序的前 %d 个单位，表中列出全部 %d 个。", len(bars), count)
	}
	if count > limit {
		// A province's root has thousands of children: the page shows the first rows in
		// the chosen order (the totals are of all), the export and all=1 every row.
		sec.Note = fmt.Sprintf("图中只画出按当前排序的前 %d 个单位。表中按当前排序列出前 %d 个单位（共 %d 个，合计为全部单位）；导出的 Excel 含全部单位。",
			len(bars), limit, count)
		sec.More = strings.Replace(dashURL(v.Year, v.T.Node.ID, strconv.Itoa(col), dir), "#tree", "&all=1#tree", 1)
	}
	return sec
}

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// rulesSection: the findings of the checks on the node's plans, by rule (the most
// common mistakes first). Each plan's report is cached by its version (checkPlan).
func (s *Server) rulesSection(ctx context.Context, v *dashView, force bool) (*dashSection, error) {
	node := &v.T.Node
	sec := &dashSection{ID: "rules", Title: "常见问题（按核对规则）",
		Header: []dashCol{{Label: "规则"}, {Label: "说明"}, {Label: "级别"}, {Label: "涉及绩效目标"}, {Label: "问题条数"}}}
	n := v.Sum.plans()
	if n > maxRulePlans && !force {
		sec.Note = fmt.Sprintf("本范围共有 %d 份绩效目标，逐份核对需要较长时间，默认不统计。", n)
		sec.Rows, sec.Deferred = nil, true
		return sec, nil
	}
	titles := map[string]check.RuleInfo{}
	for _, ri := range check.Default().Rules() {
		titles[ri.ID] = ri
	}
	type agg struct {
		plans, findings int
		sev             check.Severity
	}
	byRule := map[string]*agg{}
	plans := 0
	_, err := s.store.EachPlan(ctx, jixiao.PlanFilter{Year: v.Year, DepartmentID: node.ID}, func(p *jixiao.Plan) error {
		plans++
		seen := map[string]bool{}
		for _, f := range s.checkPlan(p).Findings {
			a := byRule[f.Rule]
			if a == nil {
				a = &agg{sev: f.Severity}
				byRule[f.Rule] = a
			}
			a.findings++
			if !seen[f.Rule] {
				seen[f.Rule] = true
				a.plans++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if c := byRule[b].plans - byRule[a].plans; c != 0 {
			return c
		}
		if c := byRule[b].findings - byRule[a].findings; c != 0 {
			return c
		}
		return compareStr(a, b)
	})
	var bars []bar
	total := 0
	for _, id := range ids {
		a := byRule[id]
		total += a.findings
		title := placeholderRe.ReplaceAllString(titles[id].Title, "…")
		sec.Rows = append(sec.Rows, dashRow{Cells: []any{id, title, severityLabel(a.sev), a.plans, a.findings}, Link: "/rules#" + id})
		if len(bars) < 10 {
			label := title
			if label == "" {
				label = id
			}
			bars = append(bars, bar{Label: label, Value: float64(a.plans), Text: fmt.Sprintf("%d 份（%s）", a.plans, percent(a.plans, plans)),
				Class: "sev-" + string(a.sev)})
		}
	}
	sec.Total = &dashRow{Cells: []any{"合计", fmt.Sprintf("%d 份绩效目标", plans), "", "", total}}
	sec.Chart = barChart("chart-rules", "最常见的问题：涉及的绩效目标份数", bars, 0)
	if len(ids) == 0 {
		sec.Note = "本范围的绩效目标没有发现问题。"
	}
	return sec, nil
}

// placeholderRe finds the fill-ins of a rule's message template ({name}), which the
// catalogue's titles keep.
var placeholderRe = regexp.MustCompile(`\{[A-Za-z_]+\}`)

func severityLabel(s check.Severity) string {
	switch s {
	case check.Error:
		return "错误"
	case check.Warning:
		return "警告"
	}
	return "提示"
}

// lateSection: the units of the node whose deadline has passed without a submission,
// the longest overdue first.
func (s *Server) lateSection(v *dashView) *dashSection {
	sec := &dashSection{ID: "late", Title: "逾期未提交的单位",
		Header: []dashCol{{Label: "单位编码"}, {Label: "单位"}, {Label: "状态"}, {Label: "截止时间"}, {Label: "已逾期"}}}
	late := slices.Clone(v.Late)
	slices.SortStableFunc(late, func(a, b jixiao.LateUnit) int { return a.Due.Compare(b.Due) })
	for _, u := range late {
		link, state := "", boardNotStarted
		if u.PlanID != 0 {
			link, state = planLink(u.PlanID), boardState(u.Status)
		}
		due := localTime(u.Due)
		if u.Extended {
			due += "（已延期）"
		}
		sec.Rows = append(sec.Rows, dashRow{Cells: []any{u.Department.Code, u.Department.Name, state, due, fmt.Sprintf("%d 天", -lateDays(s, u))}, Link: link})
	}
	sec.Total = &dashRow{Cells: []any{"合计", fmt.Sprintf("%d 个单位", len(late)), "", "", ""}}
	if v.Deadline == nil && len(late) == 0 {
		sec.Note = "本年度尚未设定报送截止时间。"
	} else if len(late) == 0 {
		sec.Note = "没有逾期未提交的单位。"
	}
	return sec
}

// dashboardShow shows the dashboard (GET /review/dashboard?year=&dept=&sort=&dir=&rules=).
func dashboardShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.dashboard(r.Context(), c, r)
	if err != nil {
		return err
	}
	pg.Title, pg.Nav, pg.Wide = fmt.Sprintf("%d年绩效目标统计分析", pg.Year), "dashboard", true
	s.render(w, r, c, http.StatusOK, "dashboard", pg)
	return nil
}
