package xlsx

import (
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

// projectSheet lays out one project table in the national layout.
func projectSheet(name string, p *jixiao.Plan, pr *jixiao.Project, st *styles) *sheet {
	sh := newSheet(name, 11, 12, 24, 8, 14, 9, 8, 8, 10)
	sh.st = st
	r := sh.add(str(yearPrefix(p.Year)+titleProject, st.title))
	sh.merge(r, 0, r, 8)
	sh.heights[r] = 30
	r = sh.add(str(labelUnit, st.infoRight))
	sh.merge(r, 0, r, 8)
	sh.titleRows = len(sh.rows)

	pair := func(label, value string) {
		r := sh.add(str(label, st.head), str(value, st.text))
		sh.merge(r, 1, r, 8)
		sh.fit(r, 1, 8, value)
	}
	pair("项目名称", pr.Name)
	if pr.Code != "" {
		pair("项目编码", pr.Code)
	}
	r = sh.add(str("主管部门", st.head), str(pr.Authority, st.text), cell{s: st.text}, cell{s: st.text}, str("实施单位", st.head), str(pr.Unit, st.text))
	sh.merge(r, 1, r, 3)
	sh.merge(r, 5, r, 8)
	money := func(label string, a jixiao.Amount) int {
		am := amountCell(a, st)
		r := sh.add(cell{s: st.head}, str(label, st.text), cell{s: st.text}, am)
		sh.merge(r, 1, r, 2)
		sh.merge(r, 3, r, 8)
		return r
	}
	top := money("年度资金总额", pr.Amount)
	sh.rows[top][0] = str("项目资金（万元）", st.head)
	last := top
	for _, src := range []struct {
		s     jixiao.FundSource
		label string
	}{{jixiao.FundFiscal, "其中：财政拨款"}, {jixiao.FundUpper, "上级资金"}, {jixiao.FundCarryOver, "上年结转"}, {jixiao.FundOther, "其他资金"}} {
		if f, ok := pr.Fund(src.s); ok {
			last = money(src.label, f.Amount)
		}
	}
	sh.merge(top, 0, last, 0)
	period := pr.PeriodText
	if period == "" {
		period = pr.Period.Text
	}
	pair("实施期", period)
	r = sh.add(str("总体目标", st.head), str("实施期目标", st.head), cell{s: st.head}, cell{s: st.head}, cell{s: st.head}, str("年度目标", st.head))
	sh.merge(r, 1, r, 4)
	sh.merge(r, 5, r, 8)
	r2 := sh.add(cell{s: st.head}, str(pr.PeriodGoal, st.text), cell{s: st.text}, cell{s: st.text}, cell{s: st.text}, str(pr.AnnualGoal, st.text))
	sh.merge(r2, 1, r2, 4)
	sh.merge(r2, 5, r2, 8)
	sh.merge(r, 0, r2, 0)
	sh.fit(r2, 1, 4, pr.PeriodGoal)

	var heads []cell
	for _, h := range nationalHeads {
		heads = append(heads, str(h, st.head))
	}
	sh.add(heads...)
	first := len(sh.rows)
	ins := pr.Indicators
	for _, in := range ins {
		nature, value, unit := nationalColumns(in)
		r := sh.add(str(in.Level1, st.center), str(in.Level2, st.center), str(in.Name, st.text), str(nature, st.center),
			str(value, st.center), str(unit, st.center), str(in.Weight, st.center), str(in.Direction.Label(), st.center), str(in.Note, st.text))
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
