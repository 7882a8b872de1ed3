package xlsx

import (
	"slices"
	"strconv"
	"strings"

	"jixiao"
)

// Project tables (Plan.Projects) are written in the national 一体化 layout, one sheet each
// named 项目表1, 项目表2, …, and read back by labels (textdoc.ReadTables).
const (
	sheetProject = "项目表"
	titleProject = "项目支出绩效目标表"
)

var nationalHeads = []string{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权(分)值", "指标方向", "备注"}

// The optional indicator columns, written between 指标方向 and 备注 when a layout requires
// them (湖南2023) or an indicator of the table has them filled.
const (
	colKind        = "指标值类型"
	colStandard    = "绩效标准"
	colExplanation = "指标解释"
	colScoring     = "评(扣)分标准"
)

var optionalColumns = []string{colKind, colStandard, colExplanation, colScoring}

// projectColumns are the optional columns a project's table shows: those the framework
// requires, those any of its indicators has filled in, then the headers of the columns its
// indicators keep in Indicator.Other (半年(程)指标值, 2021年实际实现值), as written.
func projectColumns(fw *jixiao.Framework, pr *jixiao.Project) []string {
	var out []string
	for _, col := range optionalColumns {
		has := fw != nil && (slices.Contains(fw.Columns, col) || col == colScoring && slices.Contains(fw.Columns, "评（扣）分标准"))
		for _, in := range pr.Indicators {
			has = has || optionalValue(in, col) != ""
		}
		if has {
			out = append(out, col)
		}
	}
	for _, in := range pr.Indicators {
		for _, o := range in.Other {
			if o.Label != "" && !slices.Contains(out, o.Label) && !slices.Contains(nationalHeads, o.Label) {
				out = append(out, o.Label)
			}
		}
	}
	return out
}

// optionalValue is an indicator's cell under an optional column: its field, or the value
// it keeps in Other under that header.
func optionalValue(in jixiao.Indicator, col string) string {
	switch col {
	case colKind:
		return in.Kind
	case colStandard:
		return in.Standard
	case colExplanation:
		return in.Explanation
	case colScoring:
		return in.ScoringRule
	}
	for _, o := range in.Other {
		if o.Label == col {
			return o.Value
		}
	}
	return ""
}

// projectSheet lays out one project table in the national layout, with the optional
// indicator columns extra.
func projectSheet(name string, p *jixiao.Plan, pr *jixiao.Project, st *styles, extra []string) *sheet {
	widths := []float64{11, 12, 24, 8, 14, 9, 8, 8}
	for range extra {
		widths = append(widths, 16)
	}
	sh := newSheet(name, append(widths, 10)...)
	last := len(widths) // the column of 备注, the last
	sh.st = st
	r := sh.add(str(yearPrefix(p.Year)+titleProject, st.title))
	sh.merge(r, 0, r, last)
	sh.heights[r] = 30
	r = sh.add(str(labelUnit, st.infoRight))
	sh.merge(r, 0, r, last)
	sh.titleRows = len(sh.rows)

	pair := func(label, value string) {
		r := sh.add(str(label, st.head), str(value, st.text))
		sh.merge(r, 1, r, last)
		sh.fit(r, 1, last, value)
	}
	pair("项目名称", pr.Name)
	if pr.Code != "" {
		pair("项目编码", pr.Code)
	}
	r = sh.add(str("主管部门", st.head), str(pr.Authority, st.text), cell{s: st.text}, cell{s: st.text}, str("实施单位", st.head), str(pr.Unit, st.text))
	sh.merge(r, 1, r, 3)
	sh.merge(r, 5, r, last)
	money := func(label string, a jixiao.Amount) int {
		am := amountCell(a, st)
		r := sh.add(cell{s: st.head}, str(label, st.text), cell{s: st.text}, am)
		sh.merge(r, 1, r, 2)
		sh.merge(r, 3, r, last)
		return r
	}
	top := money("年度资金总额", pr.Amount)
	sh.rows[top][0] = str("项目资金（万元）", st.head)
	bottom := top
	for _, src := range []struct {
		s     jixiao.FundSource
		label string
	}{{jixiao.FundFiscal, "其中：财政拨款"}, {jixiao.FundUpper, "上级资金"}, {jixiao.FundCarryOver, "上年结转"}, {jixiao.FundOther, "其他资金"}} {
		if f, ok := pr.Fund(src.s); ok {
			bottom = money(src.label, f.Amount)
		}
	}
	sh.merge(top, 0, bottom, 0)
	period := pr.PeriodText
	if period == "" {
		period = pr.Period.Text
	}
	pair("实施期", period)
	// The table's rows the national layout has no place for (项目属性, 立项依据, 中期资金总额
	// 其中:财政拨款 …), label and value as written: they read back as the project's Other.
	for _, o := range pr.Other {
		if l := strings.TrimSpace(o.Label); o.Value == "" && (strings.HasPrefix(l, "单位:") || strings.HasPrefix(l, "单位：")) {
			continue // 单位:万元: the sheet states its own unit, and its amounts are in 万元
		}
		pair(o.Label, o.Value)
	}
	r = sh.add(str("总体目标", st.head), str("实施期目标", st.head), cell{s: st.head}, cell{s: st.head}, cell{s: st.head}, str("年度目标", st.head))
	sh.merge(r, 1, r, 4)
	sh.merge(r, 5, r, last)
	r2 := sh.add(cell{s: st.head}, str(pr.PeriodGoal, st.text), cell{s: st.text}, cell{s: st.text}, cell{s: st.text}, str(pr.AnnualGoal, st.text))
	sh.merge(r2, 1, r2, 4)
	sh.merge(r2, 5, r2, last)
	sh.merge(r, 0, r2, 0)
	sh.fit(r2, 1, 4, pr.PeriodGoal)

	var heads []cell
	for _, h := range nationalHeads[:len(nationalHeads)-1] {
		heads = append(heads, str(h, st.head))
	}
	for _, h := range extra {
		heads = append(heads, str(h, st.head))
	}
	sh.add(append(heads, str("备注", st.head))...)
	first := len(sh.rows)
	ins := pr.Indicators
	for _, in := range ins {
		nature, value, unit := nationalColumns(in)
		cells := []cell{str(in.Level1, st.center), str(in.Level2, st.center), str(in.Name, st.text), str(nature, st.center),
			str(value, st.center), str(unit, st.center), str(in.Weight, st.center), str(in.Direction.Label(), st.center)}
		for _, col := range extra {
			cells = append(cells, str(optionalValue(in, col), st.text))
		}
		r := sh.add(append(cells, str(in.Note, st.text))...)
		sh.fit(r, 2, 2, in.Name)
	}
	// Equal 一级 (and 二级 within one 一级) of adjacent rows are merged, as printed.
	for i := 0; i < len(ins); {
		j := i + 1
		for j < len(ins) && ins[j].Level1 == ins[i].Level1 && ins[i].Level1 != "" {
			j++
		}
		sh.merge(first+i, 0, first+j-1, 0)
		for k := i; k < j; {
			m := k + 1
			for m < j && ins[m].Level2 == ins[k].Level2 && ins[k].Level2 != "" {
				m++
			}
			sh.merge(first+k, 1, first+m-1, 1)
			k = m
		}
		i = j
	}
	return sh
}

// nationalColumns splits an indicator's 指标值 into 指标性质 | 指标值 | 度量单位: as written
// when the table had those columns, else the target's text in 指标值 alone (it reads
// back as written).
func nationalColumns(in jixiao.Indicator) (nature, value, unit string) {
	if w := in.Written; w != nil {
		return w.Nature, w.Value, w.Unit
	}
	return "", in.Target.Text, ""
}

// projectsOnly reports whether the plan is project tables only, with no department table.
func projectsOnly(p *jixiao.Plan) bool {
	return len(p.Projects) > 0 && len(p.Indicators) == 0 && len(p.SpecialFunds) == 0 && p.Duties == "" &&
		len(p.KeyTasks) == 0 && !p.Budget.Total.IsSet()
}

// projectSheetName reports whether a sheet is one of Write's project tables.
func projectSheetName(name string) bool {
	rest, ok := strings.CutPrefix(name, sheetProject)
	_, err := strconv.Atoi(rest)
	return ok && err == nil
}
