package textdoc

import (
	"jixiao"
)

// A listCol is a project column of a list of a department's projects written one
// indicator a row, each project's own cells in its first row and merged down (四川's
// 部门预算项目绩效目标申报表: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | …).
type listCol struct {
	at    int
	m     pmatch
	label string
}

// listColumns takes, from the columns an indicator header has beside the indicator's, the
// ones a project label heads, when one of them is the 项目名称: the header then heads a
// list of projects. The rest stay the indicators' own extra columns.
func listColumns(rw row, extra []extraCol) ([]listCol, []extraCol) {
	var list []listCol
	var rest []extraCol
	named := false
	for _, e := range extra {
		m := matchProject(rw.cells[e.at])
		if e.of < 0 && !m.hasValue {
			switch m.l.f {
			case pName, pCode, pUnit, pDept, pAuthority, pMoney, pPeriod, pPeriodGoal, pAnnualGoal:
				list = append(list, listCol{at: e.at, m: m, label: headText(rw.cells[e.at].text)})
				named = named || m.l.f == pName
				continue
			}
		}
		rest = append(rest, e)
	}
	if !named {
		return nil, extra
	}
	return list, rest
}

// listRow reads the project cells of a row of a list of projects. A row that names a
// project starts it, with the cells beside the name (a unit left empty under its merge
// is the one above); a row with no name and no indicator is the list's own total (820-马踏镇
// 部门 | | 8,827,620.53): the department, whose amount is kept in the plan's Other as
// written. It reports whether the row is done; else its indicator cells are read.
func (pr *projReader) listRow(rw row) bool {
	name, indicator := "", false
	for _, lc := range pr.list {
		if lc.m.l.f == pName {
			name = joinLines(rw.cell(lc.at))
		}
	}
	for _, j := range pr.cols {
		indicator = indicator || j >= 0 && rw.cell(j) != ""
	}
	if name == "" {
		if indicator {
			return false
		}
		group := ""
		for _, lc := range pr.list {
			v := rw.cell(lc.at)
			switch {
			case v == "":
			case group == "":
				group = joinLines(v)
			default:
				pr.r.deptOther = append(pr.r.deptOther, jixiao.LabelValue{Label: group + " " + lc.label, Value: v})
			}
		}
		if group == "" {
			return false
		}
		pr.listGroup = group
		for _, e := range pr.extra {
			if v := rw.cell(e.at); v != "" {
				pr.r.deptOther = append(pr.r.deptOther, jixiao.LabelValue{Label: group + " " + e.label, Value: v})
			}
		}
		return true
	}
	for _, lc := range pr.list {
		if lc.m.l.f == pName {
			pr.set(lc.m, lc.label, rw.cell(lc.at))
		}
	}
	if pr.listGroup != "" {
		pr.cur.Authority = pr.listGroup
	}
	if pr.listLast == nil {
		pr.listLast = map[int]string{}
	}
	for _, lc := range pr.list {
		v := rw.cell(lc.at)
		switch lc.m.l.f {
		case pName:
			continue
		case pUnit, pDept, pAuthority:
			if v == "" {
				v = pr.listLast[lc.at]
			}
			pr.listLast[lc.at] = v
		}
		if v != "" {
			pr.set(lc.m, lc.label, v)
		}
	}
	return false
}
