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
	Name       string
	Code       string
	Authority  string
	Unit       string
	Total      string // 年度资金总额
	Fiscal     string // 其中：财政拨款
	Upper      string // 上级资金
	Other      string // 其他资金
	Period     string
	PeriodGoal string
	AnnualGoal string
	Indicators []projectRow
}

// projectRow is one indicator row in the national columns.
type projectRow struct {
	indicatorRow
	Nature    string // 指标性质: ≥ ≤ = or 定性
	Value     string
	Unit      string
	Weight    string
	Direction string
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
		rows := indicatorRows(pr.Indicators)
		for i, in := range pr.Indicators {
			r := projectRow{indicatorRow: rows[i], Weight: in.Weight, Direction: in.Direction.Label()}
			r.Nature, r.Value, r.Unit = nationalColumns(in)
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
