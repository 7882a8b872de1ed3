package render

import (
	"fmt"
	"strings"

	"jixiao"
)

// The view types below are what the templates see: every merge (rowspan, colspan) is
// decided here, in Go, so that the templates only lay out cells and the merging can be
// tested without parsing HTML.

// sheet is one official table.
type sheet struct {
	ID    string // the HTML id: jx-department, jx-summary, jx-item-1, … (prefixed: the web app embeds these)
	Which string // the name Table accepts: department, summary, item:1, …
	Kind  string // department, summary or item
	Annex string // 附件3, for the fund item tables
	Title string

	Department *departmentView
	Summary    *summaryView
	Item       *itemView
	Project    *projectView
}

type departmentView struct {
	Submitter  string // 填报单位, without the （盖章） placeholder
	Department string
	Total      string // 资金总额, with 万元
	General    string
	GovFund    string
	Other      string
	Basic      string
	Project    string
	Duties     string
	Goal       string // 年度总体目标, when the table states one (the national form, 福建, 江西)
	KeyTasks   []jixiao.KeyTask
	// TaskAmounts says whether a task has its 预算金额 (the national form): the task table
	// then has that column.
	TaskAmounts bool
	// TaskSpending says whether a task names its 支出项目 (福建's 年度履职目标).
	TaskSpending bool
	Indicators   []indicatorRow
	// Extra are the rows of the table the official layout has no place for, as written.
	Extra []jixiao.LabelValue
}

type summaryView struct {
	Authority string // 项目主管部门, without （盖章）
	Total     string // 合计
	Groups    []summaryGroup
}

type summaryGroup struct {
	No     string // 一, 二, …
	Name   string
	Amount string
	Items  []summaryItem
}

type summaryItem struct {
	No         string
	Name       string
	Amount     string
	PeriodGoal string
	AnnualGoal string
}

type itemView struct {
	Authority  string
	Name       string
	Fund       string // 所属专项
	Amount     string // 项目金额
	Period     string // 项目实施期
	PeriodGoal string
	AnnualGoal string
	Indicators []indicatorRow
}

// indicatorRow is one row of a 年度绩效指标 part. A span of 0 means the cell is covered by
// a merged cell above; a span of 1 or more is a cell with that rowspan.
type indicatorRow struct {
	Level1, Level2, Name, Target, Note string
	L1Span, L2Span                     int
}

// seal is the placeholder for the unit's stamp that the official forms print after
// 填报单位 and 项目主管部门; the renderer prints it itself, so a value that starts with it
// (as the seed's do) is not printed with it twice.
const seal = "（盖章）"

func stripSeal(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{seal, "(盖章)"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	return s
}

// wan writes an amount of the budget block as the originals do (167.0104万元); an empty
// amount is an empty cell.
func wan(a jixiao.Amount) string {
	if !a.IsSet() {
		return ""
	}
	return a.String() + "万元"
}

func yearTitle(year int, title string) string {
	if year <= 0 {
		return title
	}
	return fmt.Sprintf("%d年%s", year, title)
}

// Table titles, as printed on the official forms.
const (
	titleDepartment = "部门整体支出绩效目标表"
	titleSummary    = "专项资金预算绩效目标汇总表"
	titleItem       = "专项资金支出方向绩效目标表"
)

func departmentSheet(p *jixiao.Plan) sheet {
	submitter := stripSeal(p.Submitter)
	if submitter == "" {
		submitter = p.Department
	}
	b := p.Budget
	spending, amounts := jixiao.TaskMoney(p.KeyTasks)
	return sheet{
		ID: "jx-department", Which: "department", Kind: "department",
		Title: yearTitle(p.Year, titleDepartment),
		Department: &departmentView{
			Submitter:    submitter,
			Department:   p.Department,
			Total:        wan(b.Total),
			General:      wan(b.GeneralBudget),
			GovFund:      wan(b.GovFund),
			Other:        wan(b.OtherFunds),
			Basic:        wan(b.Basic),
			Project:      wan(b.Project),
			Duties:       p.Duties,
			Goal:         p.Goal,
			KeyTasks:     p.KeyTasks,
			TaskAmounts:  amounts,
			TaskSpending: spending,
			Indicators:   indicatorRows(p.Indicators),
			Extra:        p.Other,
		},
	}
}

func authority(p *jixiao.Plan) string {
	if a := stripSeal(p.FundAuthority); a != "" {
		return a
	}
	return p.Department
}

// summarySheet lays out 专项资金预算绩效目标汇总表. By default every figure and text comes
// from the fund items (one source: the summary cannot disagree with the 附件3 tables);
// with asImported, the rows say what the imported document's summary said, where it said
// something.
func summarySheet(p *jixiao.Plan, asImported bool) sheet {
	v := &summaryView{Authority: authority(p)}
	var total jixiao.Amount
	for i, f := range p.SpecialFunds {
		g := summaryGroup{No: chineseNumber(i + 1), Name: f.Name}
		var sum jixiao.Amount
		for j, it := range f.Items {
			row := summaryItem{
				No:         fmt.Sprint(j + 1),
				Name:       it.Name,
				Amount:     it.Amount.String(),
				PeriodGoal: it.PeriodGoal,
				AnnualGoal: it.AnnualGoal,
			}
			if s := it.Summary; asImported && s != nil {
				if s.No != "" {
					row.No = s.No
				}
				row.Amount = s.Amount.String()
				row.PeriodGoal, row.AnnualGoal = s.PeriodGoal, s.AnnualGoal
			}
			sum = sum.Add(it.Amount)
			g.Items = append(g.Items, row)
		}
		g.Amount = sum.String()
		if asImported && f.Amount.IsSet() {
			g.Amount = f.Amount.String()
		}
		total = total.Add(sum)
		v.Groups = append(v.Groups, g)
	}
	v.Total = total.String()
	if asImported && p.FundsTotal.IsSet() {
		v.Total = p.FundsTotal.String()
	}
	return sheet{ID: "jx-summary", Which: "summary", Kind: "summary", Title: yearTitle(p.Year, titleSummary), Summary: v}
}

// itemSheets lays out one 附件3 per fund item, numbered from 1 in the order of p.Items.
func itemSheets(p *jixiao.Plan) []sheet {
	var out []sheet
	n := 0
	for _, f := range p.SpecialFunds {
		for _, it := range f.Items {
			n++
			out = append(out, sheet{
				ID: fmt.Sprintf("jx-item-%d", n), Which: fmt.Sprintf("item:%d", n), Kind: "item",
				Annex: "附件3",
				Title: yearTitle(p.Year, titleItem),
				Item: &itemView{
					Authority:  authority(p),
					Name:       it.Name,
					Fund:       f.Name,
					Amount:     it.Amount.String(),
					Period:     periodText(it.Period),
					PeriodGoal: it.PeriodGoal,
					AnnualGoal: it.AnnualGoal,
					Indicators: indicatorRows(it.Indicators),
				},
			})
		}
	}
	return out
}

// periodText writes a 项目实施期 as written, or in the forms' own style (2021.1-2021.12)
// when only the months are known.
func periodText(p jixiao.Period) string {
	if t := strings.TrimSpace(p.Text); t != "" {
		return t
	}
	if !p.IsSet() {
		return ""
	}
	return fmt.Sprintf("%d.%d-%d.%d", p.FromYear, p.FromMonth, p.ToYear, p.ToMonth)
}

// indicatorRows merges the 一级指标 cells of consecutive rows with the same 一级指标, and
// within such a run the 二级指标 cells of consecutive rows with the same 二级指标, as the
// originals do (产出指标 runs down four rows in the seed).
func indicatorRows(ins []jixiao.Indicator) []indicatorRow {
	rows := make([]indicatorRow, len(ins))
	for i, in := range ins {
		rows[i] = indicatorRow{
			Level1: in.Level1, Level2: in.Level2, Name: in.Name,
			Target: in.Target.Text, Note: in.Note,
		}
	}
	levelSpans(len(rows), func(i int) (string, string) { return rows[i].Level1, rows[i].Level2 },
		func(i, l1, l2 int) { rows[i].L1Span, rows[i].L2Span = l1, l2 })
	return rows
}

// levelSpans merges the 一级 and 二级 cells of n indicator rows as the official forms
// do: set(i, l1, l2) is called with the rows the row's 一级 and 二级 cells span (0 in a
// row a cell above covers); equal consecutive 一级 merge, and 二级 within them.
func levelSpans(n int, levels func(i int) (l1, l2 string), set func(i, l1, l2 int)) {
	for i := 0; i < n; i++ {
		set(i, 0, 0)
	}
	same1 := func(a, b int) bool { x, _ := levels(a); y, _ := levels(b); return x == y }
	same2 := func(a, b int) bool { _, x := levels(a); _, y := levels(b); return x == y }
	for i := 0; i < n; {
		j := i + 1
		for j < n && same1(j, i) {
			j++
		}
		for k := i; k < j; {
			m := k + 1
			for m < j && same2(m, k) {
				m++
			}
			l1 := 0
			if k == i {
				l1 = j - i
			}
			set(k, l1, m-k)
			k = m
		}
		i = j
	}
}

// chineseNumber writes n (1…99) as the forms number their groups: 一, 二, …, 十, 十一, 二十一.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}
