package xlsx

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// Labels of the official tables, written as they are printed.
const (
	labelSubmitter    = "填报单位（盖章）："
	labelCode         = "单位编码："
	labelFramework    = "指标体系："
	labelUnit         = "金额单位：万元"
	labelAuthority    = "项目主管部门："
	labelDepartment   = "部门名称"
	labelBudget       = "年度预算申请"
	labelTotal        = "资金总额"
	labelByIncome     = "按收入性质分"
	labelBySpending   = "按支出性质分"
	labelGeneral      = "其中：一般公共预算拨款"
	labelGovFund      = "政府性基金拨款"
	labelOther        = "其他资金"
	labelBasic        = "其中：基本支出"
	labelProject      = "项目支出"
	labelDuties       = "部门职责概述"
	labelKeyTasks     = "年度重点工作计划"
	labelGoal         = "年度总体目标"
	labelTaskAmount   = "预算金额（万元）"
	labelTaskSpending = "支出项目名称"
	labelIndicators   = "年度绩效指标"
	labelItemName     = "支出方向（子项）"
	labelFund         = "所属专项"
	labelAmount       = "项目金额"
	labelPeriod       = "项目实施期"
	labelPeriodGoal   = "实施期绩效目标"
	labelAnnualGoal   = "年度绩效目标"
	labelNo           = "序号"
	labelSumAmount    = "金额"
	labelGrandTotal   = "合  计"
)

var (
	taskHeads      = []string{"事项", "责任单位/科室", "工作目标"}
	indicatorHeads = []string{"一级指标", "二级指标", "三级指标", "指标值", "备注"}
)

// propDerived is the custom document property listing the fund items ("fund.item"
// indexes) whose summary row jixiao derived (FundItem.Summary nil). The cells cannot tell
// a derived row from a written one that happens to agree, and imported documents keep
// what their summary said (design.md), so without it a round trip would turn nil into a
// copy.
const propDerived = "jixiao.derivedSummaries"

// propLinks is the custom document property that carries Plan.Links: the roll-up links a
// user confirmed have no place in the printed tables, and a round trip must keep them.
const propLinks = "jixiao.links"

// propOther is the custom document property that carries Plan.Other of a plan of projects
// only (JSON), which has no sheet of its own to show it.
const propOther = "jixiao.other"

// Write writes p as one workbook: a sheet 部门整体, a sheet 汇总表 and one sheet per fund
// item (附件3), laid out like the official tables and set up to print on A4.
func Write(w io.Writer, p *jixiao.Plan) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := cachedStyles(f)
	if err != nil {
		return err
	}
	sheets := planSheets(p, st)
	for i, sh := range sheets {
		if err := sh.stream(f, i == 0); err != nil {
			return err
		}
	}
	if err := setProps(f, fmt.Sprintf("%s%s绩效目标", p.Department, yearPrefix(p.Year))); err != nil {
		return err
	}
	var derived []string
	for i, fund := range p.SpecialFunds {
		for j, it := range fund.Items {
			if it.Summary == nil {
				derived = append(derived, fmt.Sprintf("%d.%d", i, j))
			}
		}
	}
	if len(derived) > 0 {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: propDerived, Value: strings.Join(derived, ",")}); err != nil {
			return fmt.Errorf("custom props: %w", err)
		}
	}
	if projectsOnly(p) && len(p.Other) > 0 {
		// A plan of projects only has no sheet for its own rows kept as written (a list's
		// total: 820-马踏镇部门 预算数): they travel as a property, like the links.
		b, err := json.Marshal(p.Other)
		if err != nil {
			return fmt.Errorf("marshal other: %w", err)
		}
		if err := f.SetCustomProps(excelize.CustomProperty{Name: propOther, Value: string(b)}); err != nil {
			return fmt.Errorf("custom props: %w", err)
		}
	}
	if len(p.Links) > 0 {
		b, err := json.Marshal(p.Links)
		if err != nil {
			return fmt.Errorf("marshal links: %w", err)
		}
		if err := f.SetCustomProps(excelize.CustomProperty{Name: propLinks, Value: string(b)}); err != nil {
			return fmt.Errorf("custom props: %w", err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func setProps(f *excelize.File, title string) error {
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "jixiao", Language: "zh-CN"}); err != nil {
		return fmt.Errorf("doc props: %w", err)
	}
	return nil
}

// planSheets lays out every table of p.
func planSheets(p *jixiao.Plan, st *styles) []*sheet {
	var out []*sheet
	if !projectsOnly(p) {
		out = append(out, departmentSheet(p, st, 0), summarySheet(p, st, 0))
	}
	used := sheetNames{sheetDepartment: true, sheetSummary: true}
	for _, fund := range p.SpecialFunds {
		for i := range fund.Items {
			it := &fund.Items[i]
			out = append(out, itemSheet(used.name(it.Name), p, fund.Name, it, st, 0))
		}
	}
	for k := range p.Projects {
		out = append(out, projectSheet(sheetProject+strconv.Itoa(k+1), p, &p.Projects[k], st, projectColumns(nil, &p.Projects[k])))
	}
	return out
}

func yearPrefix(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y) + "年"
}

func amountCell(a jixiao.Amount, st *styles) cell {
	if !a.IsSet() {
		return cell{s: st.num[0]}
	}
	return cell{v: a.Float64(), s: st.num[a.Places()]}
}

// str is a text cell; an empty text is a styled cell with no value.
func str(s string, style int) cell {
	if s == "" {
		return cell{s: style}
	}
	return cell{v: s, s: style}
}

// departmentSheet lays out 部门整体支出绩效目标表; blank adds that many empty rows to the
// task and indicator blocks (for the template).
func departmentSheet(p *jixiao.Plan, st *styles, blank int) *sheet {
	sh := newSheet(sheetDepartment, 11, 16, 16, 34, 22, 10)
	sh.st = st
	r := sh.add(str(yearPrefix(p.Year)+titleDepartment, st.title))
	sh.merge(r, 0, r, 5)
	sh.heights[r] = 30
	r = sh.add(str(labelSubmitter+p.Submitter, st.info), cell{s: st.info}, cell{s: st.info}, cell{s: st.info}, str(labelUnit, st.infoRight))
	sh.merge(r, 0, r, 3)
	sh.merge(r, 4, r, 5)
	if p.DepartmentCode != "" || p.Framework != "" {
		var code, fw string
		if p.DepartmentCode != "" {
			code = labelCode + p.DepartmentCode
		}
		if p.Framework != "" {
			fw = labelFramework + p.Framework
		}
		r = sh.add(str(code, st.info), cell{s: st.info}, cell{s: st.info}, cell{s: st.info}, str(fw, st.infoRight))
		sh.merge(r, 0, r, 3)
		sh.merge(r, 4, r, 5)
	}
	sh.titleRows = len(sh.rows)

	r = sh.add(str(labelDepartment, st.head), str(p.Department, st.text))
	sh.merge(r, 1, r, 5)

	b := p.Budget
	top := sh.add(str(labelBudget+"（万元）", st.head), str(labelTotal, st.head), amountCell(b.Total, st), cell{s: st.num[0]})
	sh.merge(top, 2, top, 5)
	r = sh.add(cell{s: st.head}, str(labelByIncome, st.head), cell{s: st.head}, str(labelBySpending, st.head))
	sh.merge(r, 1, r, 2)
	sh.merge(r, 3, r, 5)
	r = sh.add(cell{s: st.head}, str(labelGeneral, st.text), amountCell(b.GeneralBudget, st), str(labelBasic, st.text), amountCell(b.Basic, st), cell{s: amountCell(b.Basic, st).s})
	sh.merge(r, 4, r, 5)
	r = sh.add(cell{s: st.head}, str(labelGovFund, st.text), amountCell(b.GovFund, st), str(labelProject, st.text), amountCell(b.Project, st), cell{s: amountCell(b.Project, st).s})
	sh.merge(r, 4, r, 5)
	r = sh.add(cell{s: st.head}, str(labelOther, st.text), amountCell(b.OtherFunds, st), cell{s: st.text})
	sh.merge(r, 3, r, 5)
	sh.merge(top, 0, r, 0)

	r = sh.add(str(labelDuties, st.head), str(p.Duties, st.text))
	sh.merge(r, 1, r, 5)
	sh.fit(r, 1, 5, p.Duties)
	// A 年度总体目标 (the national form, 福建, 江西) and the rows the layout has no place
	// for, as written.
	extra := p.Other
	if p.Goal != "" {
		extra = append([]jixiao.LabelValue{{Label: labelGoal, Value: p.Goal}}, extra...)
	}
	for _, lv := range extra {
		r = sh.add(str(lv.Label, st.head), str(lv.Value, st.text))
		sh.merge(r, 1, r, 5)
		sh.fit(r, 1, 5, lv.Value)
	}

	// The objective spans to the last column, or up to a 支出项目名称 and a 预算金额 column
	// when a task has them (福建's 年度履职目标, the national form).
	spending, amounts := jixiao.TaskMoney(p.KeyTasks)
	objEnd := 5
	if spending {
		objEnd--
	}
	if amounts {
		objEnd--
	}
	heads := []cell{str(labelKeyTasks, st.head), str(taskHeads[0], st.head), str(taskHeads[1], st.head), str(taskHeads[2], st.head)}
	for c := 4; c <= objEnd; c++ {
		heads = append(heads, cell{s: st.head})
	}
	if spending {
		heads = append(heads, str(labelTaskSpending, st.head))
	}
	if amounts {
		heads = append(heads, str(labelTaskAmount, st.head))
	}
	top = sh.add(heads...)
	sh.merge(top, 3, top, objEnd)
	last := top
	for _, t := range p.KeyTasks {
		cells := []cell{{s: st.head}, str(t.Item, st.text), str(t.Owner, st.text), str(t.Objective, st.text)}
		for c := 4; c <= objEnd; c++ {
			cells = append(cells, cell{s: st.text})
		}
		if spending {
			cells = append(cells, str(t.Spending, st.text))
		}
		if amounts {
			cells = append(cells, str(t.SpendingAmount, st.center))
		}
		last = sh.add(cells...)
		sh.merge(last, 3, last, objEnd)
		sh.fit(last, 1, 1, t.Item)
		sh.fit(last, 2, 2, t.Owner)
		sh.fit(last, 3, objEnd, t.Objective)
	}
	for range blank {
		last = sh.add(cell{s: st.head}, cell{s: st.text})
		sh.merge(last, 3, last, 5)
	}
	sh.merge(top, 0, last, 0)

	indicatorBlock(sh, p.Indicators, st, blank)
	return sh
}

// indicatorBlock lays out a 年度绩效指标 block: the label down column A, the header, and
// one row per indicator, with equal 一级 and 二级 cells of adjacent rows merged as on the
// official tables.
// It returns the 0-based rows of the blank rows added for the template.
func indicatorBlock(sh *sheet, ins []jixiao.Indicator, st *styles, blank int) (firstBlank, lastBlank int) {
	cells := []cell{str(labelIndicators, st.head)}
	for _, h := range indicatorHeads {
		cells = append(cells, str(h, st.head))
	}
	top := sh.add(cells...)
	first := top + 1
	for _, in := range ins {
		r := sh.add(cell{s: st.head}, str(in.Level1, st.center), str(in.Level2, st.center), str(in.Name, st.text), str(in.Target.Text, st.center), str(in.Note, st.text))
		sh.fit(r, 3, 3, in.Name)
		sh.fit(r, 4, 4, in.Target.Text)
		sh.fit(r, 5, 5, in.Note)
		sh.fit(r, 2, 2, in.Level2)
	}
	// Runs of equal, non-empty 一级 (and 二级 within one 一级) become merged cells.
	for i := 0; i < len(ins); {
		j := i + 1
		for j < len(ins) && ins[j].Level1 == ins[i].Level1 && ins[i].Level1 != "" {
			j++
		}
		sh.merge(first+i, 1, first+j-1, 1)
		for k := i; k < j; {
			m := k + 1
			for m < j && ins[m].Level2 == ins[k].Level2 && ins[k].Level2 != "" {
				m++
			}
			sh.merge(first+k, 2, first+m-1, 2)
			k = m
		}
		i = j
	}
	last := first + len(ins) - 1
	firstBlank = last + 1
	for range blank {
		last = sh.add(cell{s: st.head}, cell{s: st.center}, cell{s: st.center}, cell{s: st.text}, cell{s: st.center}, cell{s: st.text})
	}
	sh.merge(top, 0, max(last, top), 0)
	return firstBlank, last
}

// chineseNumeral writes 1..99 as 一 … 九十九, the numbering of the summary's group rows.
func chineseNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// derivedSummary is the summary row jixiao writes for an item whose Summary is nil; items
// are numbered within their fund, as the render package does.
func derivedSummary(it *jixiao.FundItem, seq int) jixiao.FundItemSummary {
	return jixiao.FundItemSummary{No: strconv.Itoa(seq), Amount: it.Amount, PeriodGoal: it.PeriodGoal, AnnualGoal: it.AnnualGoal}
}

// summarySheet lays out 专项资金预算绩效目标汇总表.
func summarySheet(p *jixiao.Plan, st *styles, blank int) *sheet {
	sh := newSheet(sheetSummary, 7, 22, 11, 42, 42)
	sh.st = st
	r := sh.add(str(yearPrefix(p.Year)+titleSummary, st.title))
	sh.merge(r, 0, r, 4)
	sh.heights[r] = 30
	r = sh.add(str(labelAuthority+p.FundAuthority, st.info), cell{s: st.info}, cell{s: st.info}, str(labelUnit, st.infoRight))
	sh.merge(r, 0, r, 2)
	sh.merge(r, 3, r, 4)
	sh.add(str(labelNo, st.head), str(labelItemName, st.head), str(labelSumAmount, st.head), str(labelPeriodGoal, st.head), str(labelAnnualGoal, st.head))
	sh.titleRows = len(sh.rows)
	sh.add(str("", st.center), str(labelGrandTotal, st.head), amountCell(p.FundsTotal, st), str("", st.text), str("", st.text))
	for i, fund := range p.SpecialFunds {
		r = sh.add(str(chineseNumeral(i+1), st.center), str(fund.Name, st.head), amountCell(fund.Amount, st), str("", st.text), str("", st.text))
		sh.fit(r, 1, 1, fund.Name)
		for j := range fund.Items {
			it := &fund.Items[j]
			s := derivedSummary(it, j+1)
			if it.Summary != nil {
				s = *it.Summary
			}
			r = sh.add(str(s.No, st.center), str(it.Name, st.text), amountCell(s.Amount, st), str(s.PeriodGoal, st.text), str(s.AnnualGoal, st.text))
			sh.fit(r, 1, 1, it.Name)
			sh.fit(r, 3, 3, s.PeriodGoal)
			sh.fit(r, 4, 4, s.AnnualGoal)
		}
	}
	for range blank {
		sh.add(cell{s: st.center}, cell{s: st.text}, cell{s: st.num[0]}, cell{s: st.text}, cell{s: st.text})
	}
	return sh
}

// itemSheet lays out one 附件3 专项资金支出方向绩效目标表.
func itemSheet(name string, p *jixiao.Plan, fund string, it *jixiao.FundItem, st *styles, blank int) *sheet {
	sh := newSheet(name, 12, 12, 14, 32, 22, 10)
	sh.st = st
	r := sh.add(str("附件3", st.info))
	sh.merge(r, 0, r, 5)
	r = sh.add(str(yearPrefix(p.Year)+titleItem, st.title))
	sh.merge(r, 0, r, 5)
	sh.heights[r] = 30
	r = sh.add(str(labelAuthority+p.FundAuthority, st.info), cell{s: st.info}, cell{s: st.info}, cell{s: st.info}, str(labelUnit, st.infoRight))
	sh.merge(r, 0, r, 3)
	sh.merge(r, 4, r, 5)
	sh.titleRows = len(sh.rows)

	r = sh.add(str(labelItemName, st.head), str(it.Name, st.text), cell{s: st.text}, str(labelFund, st.head), str(fund, st.text))
	sh.merge(r, 1, r, 2)
	sh.merge(r, 4, r, 5)
	sh.fit(r, 1, 2, it.Name)
	sh.fit(r, 4, 5, fund)
	am := amountCell(it.Amount, st)
	r = sh.add(str(labelAmount, st.head), am, cell{s: am.s}, str(labelPeriod, st.head), str(it.Period.Text, st.center))
	sh.merge(r, 1, r, 2)
	sh.merge(r, 4, r, 5)
	r = sh.add(str(labelPeriodGoal, st.head), str(it.PeriodGoal, st.text))
	sh.merge(r, 1, r, 5)
	sh.fit(r, 1, 5, it.PeriodGoal)
	r = sh.add(str(labelAnnualGoal, st.head), str(it.AnnualGoal, st.text))
	sh.merge(r, 1, r, 5)
	sh.fit(r, 1, 5, it.AnnualGoal)
	indicatorBlock(sh, it.Indicators, st, blank)
	return sh
}
