package render

import (
	"fmt"

	"jixiao"
)

// titleProject is the national 一体化 layout's title of a project table.
const titleProject = "项目支出绩效目标表"

// projectView is a project table (Plan.Projects) in the national layout: 项目名称, 主管部门,
// 实施单位, the money by source, 实施期, 总体目标 (实施期 and 年度) and the indicators with the
// national columns 指标性质 | 指标值 | 度量单位 | 权(分)值 | 指标方向.
type projectView struct {
	Name      string
	Code      string
	Authority string
	Unit      string
	Total     string // 年度资金总额
	Fiscal    string // 其中：财政拨款
	Upper     string // 上级资金
	Other     string // 其他资金
	Period    string
	// Rows are the table's rows the national layout has no place for (项目属性, 立项依据 …),
	// label and value as written (Project.Other).
	Rows       []jixiao.LabelValue
	PeriodGoal string
	AnnualGoal string
	Indicators []projectRow
	// Extra are the headers of the indicator columns the table had beyond the national
	// ones (Indicator.Other: 江苏's 半年(程)指标值, 2021年实际实现值, …), as written, in the
	// order they first appear; each row has a value (maybe empty) under each.
	Extra []string
	// Cols are the widths of the indicator columns (the national nine, then Extra).
	Cols []string
}

// projectRow is one indicator row in the national columns.
type projectRow struct {
	indicatorRow
	Nature    string // 指标性质: ≥ ≤ = or 定性
	Value     string
	Unit      string
	Weight    string
	Direction string
	Extra     []string // under projectView.Extra
}

// projectSheets lays out one table per project that stands alone, numbered from 1.
func projectSheets(p *jixiao.Plan) []sheet {
	var out []sheet
	for k := range p.Projects {
		pr := &p.Projects[k]
		v := &projectView{Name: pr.Name, Code: pr.Code, Authority: pr.Authority, Unit: pr.Unit,
			Total: amountText(pr.Amount), Period: pr.PeriodText, PeriodGoal: pr.PeriodGoal, AnnualGoal: pr.AnnualGoal}
		if v.Period == "" {
			v.Period = periodText(pr.Period)
		}
		if f, ok := pr.Fund(jixiao.FundFiscal); ok {
			v.Fiscal = fundText(f)
		}
		if f, ok := pr.Fund(jixiao.FundUpper); ok {
			v.Upper = fundText(f)
		}
		if f, ok := pr.Fund(jixiao.FundOther); ok {
			v.Other = fundText(f)
		}
		v.Rows = pr.Other
		v.Extra = jixiao.OtherColumns(pr.Indicators)
		v.Cols = indicatorCols(len(v.Extra))
		rows := indicatorRows(pr.Indicators)
		for i, in := range pr.Indicators {
			r := projectRow{indicatorRow: rows[i], Weight: in.Weight, Direction: in.Direction.Label()}
			r.Nature, r.Value, r.Unit = nationalColumns(in)
			r.Extra = in.OtherValues(v.Extra)
			v.Indicators = append(v.Indicators, r)
		}
		n := k + 1
		out = append(out, sheet{ID: fmt.Sprintf("jx-project-%d", n), Which: fmt.Sprintf("project:%d", n), Kind: "project",
			Title: yearTitle(p.Year, titleProject), Project: v})
	}
	return out
}

func amountText(a jixiao.Amount) string {
	if !a.IsSet() {
		return ""
	}
	return a.String()
}

// fundText is a money row in 万元: the amount read, or the text as written when it could
// not be read.
func fundText(f jixiao.FundLine) string {
	if f.Amount.IsSet() {
		return f.Amount.String()
	}
	return f.Text
}

// nationalColumns splits an indicator's 指标值 into the national layout's 指标性质 | 指标值 |
// 度量单位: as written when the table had those columns, else from the target read.
func nationalColumns(in jixiao.Indicator) (nature, value, unit string) {
	return in.Columns()
}

// nationalWidths are the national indicator columns' widths in percent: 一级 二级 三级
// 指标性质 指标值 度量单位 权(分)值 指标方向 备注.
var nationalWidths = []int{11, 12, 22, 8, 14, 9, 8, 8, 8}

// indicatorCols are the indicator table's column widths with extra columns of 9% each,
// the national ones narrowed in proportion so that the table still fits the A4 width.
func indicatorCols(extra int) []string {
	own := 9 * extra
	if own > 45 {
		own = 45
	}
	var out []string
	for _, w := range nationalWidths {
		out = append(out, fmt.Sprintf("%.4g%%", float64(w)*float64(100-own)/100))
	}
	for range extra {
		out = append(out, fmt.Sprintf("%.4g%%", float64(own)/float64(extra)))
	}
	return out
}
