package check

import (
	"strconv"
	"strings"

	"jixiao"
)

// sumTerms writes "a + b + c = s" from the set terms, in the report's arena; it returns
// the sum and the text.
func (s *state) sumTerms(terms ...jixiao.Amount) (jixiao.Amount, string) {
	var sum jixiao.Amount
	m := s.a.mark()
	n := 0
	for _, t := range terms {
		if !t.IsSet() {
			continue
		}
		if n > 0 {
			s.a.str(" + ")
		}
		s.a.dec(t)
		sum = sum.Add(t)
		n++
	}
	if n > 1 {
		s.a.str(" = ")
		s.a.dec(sum)
	}
	return sum, s.a.from(m)
}

// yuanDiff writes the difference of two amounts in 万元 as yuan, without trailing zeros:
// 0.00001 万元 → "0.1".
func yuanDiff(a, b jixiao.Amount) string {
	d := a.Sub(b).Abs()
	s := d.Yuan()
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// checkBudget checks 年度预算申请: 资金总额 = 一般公共预算拨款 + 政府性基金拨款 + 其他资金
// = 基本支出 + 项目支出 (the table's own two splits; standards.md §4).
func (s *state) checkBudget() {
	b := &s.p.Budget
	if !b.Total.IsSet() {
		if b.GeneralBudget.IsSet() || b.Basic.IsSet() || b.Project.IsSet() {
			s.add("budget.total", Warning, "budget.total", "年度预算申请没有填写资金总额")
		}
		return
	}
	s.budgetSplit("budget.income-sum", "按收入性质分（一般公共预算拨款、政府性基金拨款、其他资金）", b.GeneralBudget, b.GovFund, b.OtherFunds)
	s.budgetSplit("budget.spending-sum", "按支出性质分（基本支出、项目支出）", b.Basic, b.Project)
}

func (s *state) budgetSplit(rule, what string, terms ...jixiao.Amount) {
	total := s.p.Budget.Total
	any := false
	for _, t := range terms {
		any = any || t.IsSet()
	}
	if !any {
		s.add(rule, Warning, "budget", "年度预算申请没有"+what+"的金额")
		return
	}
	sum, text := s.sumTerms(terms...)
	if sum.Equal(total) {
		tot := s.dec(total)
		f := s.add(rule, Pass, "budget.total", s.cat(what, "之和等于资金总额 ", tot, " 万元"))
		f.Arithmetic = s.cat(text, " = 资金总额 ", tot)
		return
	}
	f := s.add(rule, Error, "budget.total", what+"之和 "+sum.String()+" 万元与资金总额 "+total.String()+" 万元不符，相差 "+yuanDiff(sum, total)+" 元")
	f.Arithmetic = text + " ≠ 资金总额 " + total.String()
}

// itemAmountInSummary is what the summary table says an item costs: its summary row, or
// the item's own amount when the summary is derived.
func itemAmountInSummary(it *jixiao.FundItem) jixiao.Amount {
	if it.Summary != nil && it.Summary.Amount.IsSet() {
		return it.Summary.Amount
	}
	return it.Amount
}

// checkFunds checks the summary table: each 专项 group = Σ its items; 合计 = Σ items;
// 项目支出 = Σ items (专项资金预算绩效目标汇总表, standards.md §4).
func (s *state) checkFunds() {
	p := s.p
	// every item's amount, fund by fund, in the state's scratch: each fund's terms are
	// a stretch of it
	all := s.amounts[:0]
	for i := range p.SpecialFunds {
		f := &p.SpecialFunds[i]
		first := len(all)
		for j := range f.Items {
			all = append(all, itemAmountInSummary(&f.Items[j]))
		}
		terms := all[first:]
		if !f.Amount.IsSet() || len(terms) == 0 {
			continue
		}
		sum, text := s.sumTerms(terms...)
		path := s.cat("specialFunds[", s.itoa(i), "].amount")
		if sum.Equal(f.Amount) {
			s.add("funds.group", Pass, path, s.cat("专项“", f.Name, "”的金额等于其各子项之和")).Arithmetic = s.cat(text, " = ", s.dec(f.Amount))
		} else {
			s.add("funds.group", Error, path, "专项“"+f.Name+"”的金额 "+f.Amount.String()+" 万元与其各子项之和 "+sum.String()+" 万元不符").Arithmetic = text + " ≠ " + f.Amount.String()
		}
	}
	s.amounts = all
	if len(all) == 0 {
		if p.Budget.Project.IsSet() && !p.Budget.Project.IsZero() && len(p.SpecialFunds) == 0 {
			s.add("funds.project", Info, "budget.project", "有项目支出 "+p.Budget.Project.String()+" 万元，但没有专项资金汇总表")
		}
		return
	}
	sum, text := s.sumTerms(all...)
	if p.FundsTotal.IsSet() {
		if sum.Equal(p.FundsTotal) {
			s.add("funds.total", Pass, "fundsTotal", "汇总表合计等于各子项之和").Arithmetic = s.cat(text, " = 合计 ", s.dec(p.FundsTotal))
		} else {
			s.add("funds.total", Error, "fundsTotal", "汇总表合计 "+p.FundsTotal.String()+" 万元与各子项之和 "+sum.String()+" 万元不符").Arithmetic = text + " ≠ 合计 " + p.FundsTotal.String()
		}
	}
	if pr := p.Budget.Project; pr.IsSet() {
		if sum.Equal(pr) {
			s.add("funds.project", Pass, "budget.project", "各子项金额之和等于部门整体表的项目支出").Arithmetic = s.cat(text, " = 项目支出 ", s.dec(pr))
		} else {
			s.add("funds.project", Error, "budget.project", "部门整体表的项目支出 "+pr.String()+" 万元与专项资金各子项之和 "+sum.String()+" 万元不符").Arithmetic = text + " ≠ 项目支出 " + pr.String()
		}
	}
}

// checkItems checks each item's 附件3 table against its summary row and the budget year.
func (s *state) checkItems() {
	p := s.p
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			it := &p.SpecialFunds[i].Items[j]
			if sm := it.Summary; sm != nil {
				if sm.Amount.IsSet() && it.Amount.IsSet() {
					if sm.Amount.Equal(it.Amount) {
						m := s.a.mark()
						s.a.str("附件3 ")
						s.a.dec(it.Amount)
						s.a.str(" = 汇总表 ")
						s.a.dec(sm.Amount)
						arith := s.a.from(m)
						s.add("item.amount", Pass, s.itemPath(i, j, ".amount"), s.cat("“", it.Name, "”附件3的项目金额等于汇总表金额")).Arithmetic = arith
					} else {
						s.add("item.amount", Error, itemPath(i, j)+".amount", "“"+it.Name+"”附件3的项目金额 "+it.Amount.String()+" 万元与汇总表金额 "+sm.Amount.String()+" 万元不符").Arithmetic = "附件3 " + it.Amount.String() + " ≠ 汇总表 " + sm.Amount.String()
					}
				} else if !it.Amount.IsSet() {
					s.add("item.amount", Warning, itemPath(i, j)+".amount", "“"+it.Name+"”附件3没有填写项目金额")
				}
				s.compareGoal(i, j, ".periodGoal", it.Name, "实施期绩效目标", sm.PeriodGoal, it.PeriodGoal)
				s.compareGoal(i, j, ".annualGoal", it.Name, "年度绩效目标", sm.AnnualGoal, it.AnnualGoal)
			} else if !it.Amount.IsSet() {
				s.add("item.amount", Warning, itemPath(i, j)+".amount", "“"+it.Name+"”没有填写项目金额")
			}
			s.checkPeriod(i, j, it)
		}
	}
}

// checkPeriod checks that 项目实施期 of item j of fund i is readable and lies within the
// budget year.
func (s *state) checkPeriod(i, j int, it *jixiao.FundItem) {
	pd := it.Period
	year := s.p.Year
	path := s.itemPath(i, j, ".period")
	switch {
	case trimSpace(pd.Text) == "" && !pd.IsSet():
		s.add("item.period", Warning, path, "“"+it.Name+"”没有填写项目实施期")
		return
	case !pd.IsSet():
		s.add("item.period", Warning, path, "“"+it.Name+"”的项目实施期“"+pd.Text+"”无法识别（应写作 2021.1-2021.12）")
		return
	case year == 0:
		return
	}
	switch {
	case pd.ToYear < year || pd.FromYear > year:
		s.add("item.period", Error, path, "“"+it.Name+"”的项目实施期 "+pd.String()+" 不在预算年度 "+strconv.Itoa(year)+" 年内")
	case pd.FromYear < year || pd.ToYear > year:
		s.add("item.period", Warning, path, "“"+it.Name+"”的项目实施期 "+pd.String()+" 超出预算年度 "+strconv.Itoa(year)+" 年；跨年项目应在年度绩效目标中写明本年度的部分")
	default:
		m := s.a.mark()
		s.a.period(pd)
		s.a.str(" ⊆ ")
		s.a.int(year)
		s.a.str("年")
		arith := s.a.from(m) // pd.String() + " ⊆ " + year + "年"
		s.add("item.period", Pass, path, s.cat("“", it.Name, "”的项目实施期在预算年度内")).Arithmetic = arith
	}
}

// compareGoal compares a goal text of the summary row of item j of fund i with the one
// of its 附件3 table (field: ".periodGoal" or ".annualGoal").
func (s *state) compareGoal(i, j int, field, item, what, summary, detail string) {
	if summary == detail {
		return // the common case: one text copied to both tables
	}
	a, b := normText(summary), normText(detail)
	if a == b {
		return
	}
	path := itemPath(i, j) + field
	switch {
	case a == "":
		s.add("item.goal-text", Warning, path, "“"+item+"”的"+what+"在汇总表中为空，附件3中有内容")
		return
	case b == "":
		s.add("item.goal-text", Warning, path, "“"+item+"”的"+what+"在附件3中为空，汇总表中有内容")
		return
	}
	f := s.add("item.goal-text", Error, path, "“"+item+"”的"+what+"在汇总表与附件3中不一致："+textDiffBuf(a, b, 3, &s.diffBuf))
	f.Suggestion = &Suggestion{Kind: Replace, Text: "把汇总表中的" + what + "改为与附件3一致（或反之），两表应出自同一文本", Path: path[:strings.LastIndexByte(path, '.')] + ".summary" + path[strings.LastIndexByte(path, '.'):], Old: summary, New: detail, Cell: detail}
}

// normText folds what does not change a text's meaning: white space, and ASCII versus
// full-width punctuation.
func normText(s string) string {
	s = trimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' {
			clean = false
			break
		}
	}
	if clean && !strings.Contains(s, "\u3000") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000':
			continue
		case ',':
			r = '，'
		case ';':
			r = '；'
		case ':':
			r = '：'
		case '(':
			r = '（'
		case ')':
			r = '）'
		}
		b.WriteRune(r)
	}
	return b.String()
}
