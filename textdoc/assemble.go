package textdoc

import (
	"errors"
	"strings"

	"jixiao"
)

// assemble checks that the document held a plan and puts the tables together: each 附件3
// goes to the summary row of the same name, under that row's special fund (or the one its
// 所属专项 names); rows and tables without a partner are kept too.
func (r *reader) assemble(secs []section, rows []row) (*jixiao.Plan, error) {
	onlyEmpty := r.dept == nil && len(r.projects) == 0 && r.plan.Department == ""
	for _, s := range secs {
		onlyEmpty = onlyEmpty && s.kind == kindProject
	}
	if onlyEmpty {
		// Titles that name 绩效目标表 over nothing a project table has: no table at all.
		secs = nil
	}
	if len(secs) == 0 {
		if r.firstLine == 0 {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s：文件是空的，没有任何表格。", r.name)
		}
		return nil, r.errorf(r.firstLine, "未找到任何绩效目标表：文件中应有标题为“××年部门整体支出绩效目标表”“××年专项资金预算绩效目标汇总表”或“××年专项资金支出方向绩效目标表”的表格")
	}
	if r.dept == nil && (len(r.projects) > 0 || r.plan.Department != "") {
		return r.projectPlan()
	}
	if r.dept == nil {
		var found []string
		for _, s := range secs {
			found = append(found, s.name())
		}
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s：缺少“部门整体支出绩效目标表”（文件中只找到%s）。", r.name, strings.Join(found, "、"))
	}
	p := &r.plan
	p.Year = r.dept.year
	for i := 0; p.Year == 0 && i < len(secs); i++ {
		p.Year = secs[i].year
	}
	for i := 0; p.Year == 0 && i < len(r.items); i++ {
		p.Year = r.items[i].item.Period.FromYear
	}
	p.FundAuthority = r.authority
	if p.FundAuthority == "" && len(r.items) > 0 {
		p.FundAuthority = r.items[0].authority
	}
	if p.Department == "" {
		p.Department = p.Submitter
	}
	if p.Department == "" {
		return nil, r.errorf(r.dept.line, "“部门整体支出绩效目标表”中没有“部门名称”或“填报单位”")
	}
	if p.KeyTasks == nil {
		p.KeyTasks = []jixiao.KeyTask{}
	}
	if p.Indicators == nil {
		p.Indicators = []jixiao.Indicator{}
	}
	p.Other = append(p.Other, r.deptOther...)
	funds, err := r.funds()
	if err != nil {
		return nil, err
	}
	p.SpecialFunds = funds
	for _, pa := range r.projects {
		p.Projects = append(p.Projects, pa.p)
	}
	if p.Year == 0 {
		return nil, &NoYearError{Plan: p, err: r.errorf(r.dept.line, "表格标题中没有预算年度（应如“2021年部门整体支出绩效目标表”）")}
	}
	return p, nil
}

// NoYearError is the error of a document read whole but for its budget year, which it
// does not state anywhere (海南's 项目绩效目标表 attached to a notice that names the year;
// a 项目库 form whose year is in the system it came from). Plan is what was read, with
// Year 0: a caller that is told the year (jixiao parse --year, the import page's year)
// sets it and goes on; any other caller has the error, which names the table's line.
type NoYearError struct {
	Plan *jixiao.Plan
	err  error
}

func (e *NoYearError) Error() string { return e.err.Error() }
func (e *NoYearError) Unwrap() error { return e.err }

// NoYear returns the NoYearError in err's chain, nil when there is none.
func NoYear(err error) *NoYearError {
	var ny *NoYearError
	if errors.As(err, &ny) {
		return ny
	}
	return nil
}

// maxFuzzyPairs bounds the work of pairing summary rows with 附件3 tables by name.
const maxFuzzyPairs = 1 << 20

// funds builds the special funds from the summary's group and item rows and the 附件3
// tables.
func (r *reader) funds() ([]jixiao.SpecialFund, error) {
	funds := []jixiao.SpecialFund{}
	byName := map[string]int{}
	fundFor := func(name string) int {
		k := norm(name)
		if i, ok := byName[k]; ok {
			return i
		}
		funds = append(funds, jixiao.SpecialFund{Name: name, Items: []jixiao.FundItem{}})
		byName[k] = len(funds) - 1
		return len(funds) - 1
	}
	groupFund := make([]int, len(r.groups))
	for gi, g := range r.groups {
		if _, dup := byName[norm(g.name)]; dup {
			return nil, r.errorf(g.line, "汇总表中专项“%s”出现了两次", g.name)
		}
		groupFund[gi] = fundFor(g.name)
		funds[groupFund[gi]].Amount = g.amount
	}

	// Pair summary rows with 附件3 tables: same name first, then the one table whose name
	// contains the row's (or is contained in it).
	used := make([]bool, len(r.items))
	pair := make([]int, len(r.summaryItems))
	byItem := map[string][]int{}
	for ti, t := range r.items {
		k := norm(t.item.Name)
		byItem[k] = append(byItem[k], ti)
	}
	for si, s := range r.summaryItems {
		pair[si] = -1
		for _, ti := range byItem[norm(s.name)] {
			if !used[ti] {
				pair[si], used[ti] = ti, true
				break
			}
		}
	}
	// The second pass compares every unpaired row with every unused table; it is skipped
	// when that would be slow (the rows and tables are then kept unpaired, not dropped).
	fuzzy := len(r.summaryItems)*len(r.items) <= maxFuzzyPairs
	for si, s := range r.summaryItems {
		if pair[si] >= 0 || !fuzzy {
			continue
		}
		sn, cand := norm(s.name), -1
		for ti, t := range r.items {
			tn := norm(t.item.Name)
			if used[ti] || !(strings.Contains(tn, sn) || strings.Contains(sn, tn)) {
				continue
			}
			if cand >= 0 {
				cand = -2 // ambiguous
				break
			}
			cand = ti
		}
		if cand >= 0 {
			pair[si], used[cand] = cand, true
		}
	}

	for si, s := range r.summaryItems {
		sum := s.sum
		var it jixiao.FundItem
		fi := -1
		if ti := pair[si]; ti >= 0 {
			t := r.items[ti]
			it = t.item
			if s.group < 0 && t.fund != "" {
				fi = fundFor(t.fund)
			}
		} else {
			// No 附件3: the summary row is all the document says of the item.
			it = jixiao.FundItem{Name: s.name, Amount: sum.Amount, PeriodGoal: sum.PeriodGoal,
				AnnualGoal: sum.AnnualGoal, Indicators: []jixiao.Indicator{}}
		}
		it.Summary = &sum
		switch {
		case s.group >= 0:
			fi = groupFund[s.group]
		case fi < 0:
			fi = fundFor("")
		}
		funds[fi].Items = append(funds[fi].Items, it)
	}
	for ti, t := range r.items {
		if used[ti] {
			continue
		}
		fi := fundFor(t.fund)
		funds[fi].Items = append(funds[fi].Items, t.item)
	}
	return funds, nil
}
