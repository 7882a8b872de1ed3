package check

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"jixiao"
)

// Pack is a rule pack (规则包): region- and year-specific checks declared as data
// (packs/*.json). Each rule is an expression over one kind of element of the plan
// (github.com/expr-lang/expr), compiled once when the pack is loaded. Money reaches the
// expressions as exact integers (micros: 万元 × 10^6, i.e. fen) and decimal places,
// never as floats.
type Pack struct {
	Kind       string     `json:"kind"` // "rules"
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Basis      string     `json:"basis,omitempty"`
	Frameworks []string   `json:"frameworks"` // framework ids it applies to; "*" for all
	Rules      []PackRule `json:"rules"`
}

// PackRule is one declared rule. Assert must hold for every element of Scope; where it
// does not, a finding with Severity and Message is reported at the element's path plus
// Cell.
type PackRule struct {
	ID          string   `json:"id"`
	Severity    Severity `json:"severity"`
	Scope       string   `json:"scope"` // plan, table, item, indicator, amount
	Cell        string   `json:"cell,omitempty"`
	Assert      string   `json:"assert"`
	Message     string   `json:"message"` // {field} is replaced by the element's field
	Explanation string   `json:"explanation"`

	program *vm.Program
	native  any    // the expression as Go closures (a boolFn of the scope's env), or nil (native.go)
	idx     int    // position among the checker's rules (packVM.memo)
	memo    uint64 // 0: not remembered; else memoPure and a bit per env field it reads
}

// The environments the expressions see, one per scope. Field names in expressions are
// the expr tags.

// AmountEnv is one amount cell (scope "amount").
type AmountEnv struct {
	Label  string `expr:"label"`  // 资金总额, 基本支出, 项目金额 …
	Set    bool   `expr:"set"`    // the cell says something
	Micros int64  `expr:"micros"` // 万元 × 10^6 (fen)
	Places int    `expr:"places"` // decimals as written
	Item   bool   `expr:"item"`   // the amount of a fund item
}

// TableEnv is one 年度绩效指标 table (scope "table"), the department's or an item's.
type TableEnv struct {
	Name            string `expr:"name"`
	Department      bool   `expr:"department"`
	Indicators      int    `expr:"indicators"`
	Quantitative    int    `expr:"quantitative"` // rows whose 指标值 states a number
	HasQuantity     bool   `expr:"hasQuantity"`
	HasQuality      bool   `expr:"hasQuality"`
	HasTimeliness   bool   `expr:"hasTimeliness"`
	HasCost         bool   `expr:"hasCost"`
	HasEffect       bool   `expr:"hasEffect"`
	HasSatisfaction bool   `expr:"hasSatisfaction"`
	t               *table
}

// ItemEnv is one fund item (scope "item").
type ItemEnv struct {
	Name      string   `expr:"name"`
	Set       bool     `expr:"set"`
	Micros    int64    `expr:"micros"`
	Places    int      `expr:"places"`
	Year      int      `expr:"year"` // the plan's budget year
	PeriodSet bool     `expr:"periodSet"`
	FromYear  int      `expr:"fromYear"`
	ToYear    int      `expr:"toYear"`
	Table     TableEnv `expr:"table"`
}

// IndicatorEnv is one indicator row (scope "indicator").
type IndicatorEnv struct {
	Level1       string `expr:"level1"`
	Level2       string `expr:"level2"`
	Name         string `expr:"name"`
	NameLength   int    `expr:"nameLength"` // in characters
	Category     string `expr:"category"`   // quantity, quality, timeliness, cost, satisfaction, …
	Kind         string `expr:"kind"`       // numeric, qualitative, notApplicable, period, compound, unreadable
	Op           string `expr:"op"`
	Unit         string `expr:"unit"`
	Micros       int64  `expr:"micros"` // the number × 10^6
	Quantitative bool   `expr:"quantitative"`
	Department   bool   `expr:"department"`
}

// PlanEnv is the whole plan (scope "plan").
type PlanEnv struct {
	Year        int    `expr:"year"`
	Department  string `expr:"department"`
	Framework   string `expr:"framework"`
	KeyTasks    int    `expr:"keyTasks"`
	DutiesRunes int    `expr:"dutiesLength"`
	Items       int    `expr:"items"`
	Indicators  int    `expr:"indicators"`
	Total       int64  `expr:"total"` // micros
	Basic       int64  `expr:"basic"`
	Project     int64  `expr:"project"`
}

var scopeEnvs = map[string]any{
	"amount": &AmountEnv{}, "table": &TableEnv{}, "item": &ItemEnv{}, "indicator": &IndicatorEnv{}, "plan": &PlanEnv{},
}

func (pk *Pack) compile() error {
	if pk.ID == "" {
		return fmt.Errorf("rule pack without id")
	}
	if len(pk.Frameworks) == 0 {
		return fmt.Errorf("rule pack %s: frameworks is empty (use [\"*\"] for all)", pk.ID)
	}
	seen := map[string]bool{}
	for i := range pk.Rules {
		r := &pk.Rules[i]
		if r.ID == "" || seen[r.ID] {
			return fmt.Errorf("rule pack %s: rule %d: missing or duplicate id %q", pk.ID, i, r.ID)
		}
		seen[r.ID] = true
		switch r.Severity {
		case Error, Warning, Info:
		default:
			return fmt.Errorf("rule %s: severity must be error, warning or info", r.ID)
		}
		env, ok := scopeEnvs[r.Scope]
		if !ok {
			return fmt.Errorf("rule %s: scope must be plan, table, item, indicator or amount", r.ID)
		}
		if r.Message == "" || r.Explanation == "" {
			return fmt.Errorf("rule %s: message and explanation are required", r.ID)
		}
		p, err := expr.Compile(r.Assert, expr.Env(env), expr.AsBool())
		if err != nil {
			return fmt.Errorf("rule %s: %w", r.ID, err)
		}
		r.program = p
		r.native = compileNative(r.Scope, p.Node())
		r.memo = memoMask(p, env)
	}
	return nil
}

func (pk *Pack) applies(fw string) bool {
	for _, f := range pk.Frameworks {
		if f == "*" || f == fw {
			return true
		}
	}
	return false
}

// packVM is the reusable expression machine and element environments of one state.
type packVM struct {
	vm  vm.VM
	amt AmountEnv
	itm ItemEnv
	ind IndicatorEnv
	pln PlanEnv

	tabs  []TableEnv // one per table, filled once per plan (tabsOK)
	tabOK bool
	plnOK bool       // pln is filled for the plan
	memo  []ruleMemo // by PackRule.idx
}

// runPacks evaluates the rule packs that apply to the plan's framework.
func (s *state) runPacks() {
	s.vm.tabOK, s.vm.plnOK = false, false
	if len(s.vm.memo) < s.c.nrules {
		s.vm.memo = make([]ruleMemo, s.c.nrules)
	}
	for _, pk := range s.c.packs {
		if !pk.applies(s.fw.ID) {
			continue
		}
		for i := range pk.Rules {
			s.runRule(&pk.Rules[i])
		}
	}
}

func (s *state) eval(r *PackRule, env any) bool {
	out, err := s.vm.vm.Run(r.program, env)
	if err != nil {
		s.add("rules.error", Warning, "", "规则 "+r.ID+" 无法执行："+err.Error())
		return true
	}
	ok, _ := out.(bool)
	return ok
}

func (s *state) packFinding(r *PackRule, path string, field func(string) string) {
	if r.Cell != "" {
		path += r.Cell
	}
	f := Finding{Rule: r.ID, Severity: r.Severity, Path: path, Message: expand(r.Message, field), Explanation: r.Explanation}
	s.r.Findings = append(s.r.Findings, f)
}

// expand replaces {name} in a message by field(name).
func expand(msg string, field func(string) string) string {
	if !strings.Contains(msg, "{") {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(msg[:i])
		v := field(msg[i+1 : i+j])
		msg = msg[i+j+1:]
		if place, ok := strings.CutPrefix(v, placeMark); ok {
			// A place is not a name as written: “第2个项目” reads 第2个项目.
			if strings.HasSuffix(b.String(), "“") && strings.HasPrefix(msg, "”") {
				s := b.String()
				b.Reset()
				b.WriteString(strings.TrimSuffix(s, "“"))
				msg = strings.TrimPrefix(msg, "”")
			}
			v = place
		}
		b.WriteString(v)
	}
	b.WriteString(msg)
	return b.String()
}

// tableEnvs returns the environment of every table, made once per plan.
func (s *state) tableEnvs() []TableEnv {
	v := &s.vm
	if !v.tabOK {
		v.tabs = v.tabs[:0]
		for ti := range s.tables {
			v.tabs = append(v.tabs, TableEnv{})
			s.fillTable(&v.tabs[ti], &s.tables[ti])
		}
		v.tabOK = true
	}
	return v.tabs
}

func (s *state) runRule(r *PackRule) {
	v := &s.vm
	p := s.p
	memo := &v.memo[r.idx]
	switch r.Scope {
	case "plan":
		if projectsOnly(p) {
			return // no department table: the plan's rules are about one
		}
		if !v.plnOK { // once per plan, for all its plan rules
			v.pln = PlanEnv{Year: p.Year, Department: p.Department, Framework: s.fw.ID, KeyTasks: len(p.KeyTasks),
				DutiesRunes: runeCount(trimSpace(p.Duties)), Items: len(s.tables) - 1, Indicators: s.r.Indicators,
				Total: p.Budget.Total.Micros(), Basic: p.Budget.Basic.Micros(), Project: p.Budget.Project.Micros()}
			v.plnOK = true
		}
		ok, native := runNative(r, &v.pln)
		if !native {
			ok = s.eval(r, &v.pln)
		}
		if !ok {
			pe := v.pln
			s.packFinding(r, "", func(k string) string {
				switch k {
				case "year":
					return strconv.Itoa(pe.Year)
				case "department":
					return pe.Department
				case "keyTasks":
					return strconv.Itoa(pe.KeyTasks)
				case "items":
					return strconv.Itoa(pe.Items)
				}
				return "{" + k + "}"
			})
		}
	case "amount":
		for ac := range s.amountCells() {
			a := ac.value
			v.amt = AmountEnv{Set: a.IsSet(), Micros: a.Micros(), Places: a.Places(), Item: ac.item}
			if r.memo&(1<<0) != 0 || r.memo == 0 {
				v.amt.Label = ac.label(p) // read by the rule (or not remembered): made for it
			}
			ok, native := runNative(r, &v.amt)
			if !native {
				ok = evalMemo(s, r, &memo.amt, &v.amt, v.amt.key(r.memo))
			}
			if !ok {
				label := ac.label(p)
				s.packFinding(r, ac.path(), func(k string) string {
					switch k {
					case "label":
						return label
					case "value":
						return a.String()
					case "places":
						return strconv.Itoa(a.Places())
					}
					return "{" + k + "}"
				})
			}
		}
	case "table":
		tabs := s.tableEnvs()
		for ti := range tabs {
			te := &tabs[ti]
			ok, native := runNative(r, te)
			if !native {
				ok = evalMemo(s, r, &memo.tab, te, te.key(r.memo))
			}
			if !ok {
				s.packFinding(r, te.t.path(), te.field)
			}
		}
	case "item":
		tabs := s.tableEnvs()
		for ti := 1; ti < len(s.tables); ti++ {
			t := &s.tables[ti]
			it := t.it
			v.itm = ItemEnv{Name: it.Name, Set: it.Amount.IsSet(), Micros: it.Amount.Micros(), Places: it.Amount.Places(), Year: p.Year,
				PeriodSet: it.Period.IsSet(), FromYear: it.Period.FromYear, ToYear: it.Period.ToYear, Table: tabs[ti]}
			ok, native := runNative(r, &v.itm)
			if !native {
				ok = evalMemo(s, r, &memo.itm, &v.itm, v.itm.key(r.memo))
			}
			if !ok {
				ie := v.itm
				s.packFinding(r, itemPath(t.fund, t.item), func(k string) string {
					switch k {
					case "name":
						return t.messageName()
					case "amount":
						return it.Amount.String()
					}
					return ie.Table.field(k)
				})
			}
		}
	case "indicator":
		for ti := range s.tables {
			t := &s.tables[ti]
			for i := range t.inds {
				in := &t.inds[i]
				row := &t.rows[i]
				v.ind = IndicatorEnv{Level1: row.l1Name, Level2: row.l2Name, Name: in.Name, NameLength: -1,
					Category: row.cat().String(), Kind: string(in.Target.Kind), Op: string(in.Target.Op), Unit: in.Target.Unit,
					Micros: in.Target.Value.Micros(), Quantitative: in.Target.IsQuantitative(), Department: t.it == nil}
				if r.memo&(1<<3) != 0 || r.memo == 0 {
					v.ind.NameLength = runeCount(in.Name) // read by the rule (or not remembered)
				}
				ok, native := runNative(r, &v.ind)
				if !native {
					ok = evalMemo(s, r, &memo.ind, &v.ind, v.ind.key(r.memo))
				}
				if !ok {
					ie := v.ind
					text := in.Target.Text
					s.packFinding(r, t.rowPath(i), func(k string) string {
						switch k {
						case "name":
							return clip(ie.Name, 20)
						case "target":
							return text
						case "level1":
							return ie.Level1
						case "level2":
							return ie.Level2
						case "table":
							return t.label()
						}
						return "{" + k + "}"
					})
				}
			}
		}
	}
}

func (te *TableEnv) field(k string) string {
	switch k {
	case "name", "table":
		return te.t.messageName()
	case "indicators":
		return strconv.Itoa(te.Indicators)
	case "quantitative":
		return strconv.Itoa(te.Quantitative)
	}
	return "{" + k + "}"
}

func (s *state) fillTable(e *TableEnv, t *table) {
	*e = TableEnv{Department: t.it == nil, Indicators: len(t.inds), t: t}
	if t.it == nil {
		e.Name = "部门整体支出绩效目标表"
	} else {
		e.Name = t.it.Name
	}
	var has hasFlags
	for i := range t.inds {
		if t.inds[i].Target.IsQuantitative() {
			e.Quantitative++
		}
		r := &t.rows[i]
		has |= tableHasOf[r.gl1] | tableHasOf[r.gl2]
	}
	e.HasQuantity, e.HasQuality, e.HasTimeliness = has&hasQuantity != 0, has&hasQuality != 0, has&hasTimeliness != 0
	e.HasCost, e.HasEffect, e.HasSatisfaction = has&hasCost != 0, has&hasEffect != 0, has&hasSatisfaction != 0
}

// hasFlags is the set of TableEnv's Has fields a table's rows make true.
type hasFlags uint8

const (
	hasQuantity hasFlags = 1 << iota
	hasQuality
	hasTimeliness
	hasCost
	hasEffect
	hasSatisfaction
)

// tableHasOf is the Has field a row's label of each category makes true.
var tableHasOf = func() (of [jixiao.NumCategories]hasFlags) {
	for c := range jixiao.NumCategories {
		switch {
		case c == jixiao.CategoryQuantity:
			of[c] = hasQuantity
		case c == jixiao.CategoryQuality:
			of[c] = hasQuality
		case c == jixiao.CategoryTimeliness:
			of[c] = hasTimeliness
		case c.IsCost():
			of[c] = hasCost
		case c == jixiao.CategoryEffect || c == jixiao.CategoryEconomic || c == jixiao.CategorySocial || c == jixiao.CategoryEcological || c == jixiao.CategorySustainability:
			of[c] = hasEffect
		case c == jixiao.CategorySatisfaction:
			of[c] = hasSatisfaction
		}
	}
	return of
}()

// amountCell is one amount of the plan; its label and path are made only for a finding.
type amountCell struct {
	kind        int // index into budgetAmounts, or amountFund, amountItem, amountItemSummary
	fund, itemI int
	value       jixiao.Amount
	item        bool // the amount of a fund item
}

const (
	amountFundsTotal = iota + 6
	amountFund
	amountItem
	amountItemSummary
)

var budgetAmounts = [6]struct{ label, path string }{
	{"资金总额", "budget.total"}, {"一般公共预算拨款", "budget.generalBudget"}, {"政府性基金拨款", "budget.govFund"},
	{"其他资金", "budget.otherFunds"}, {"基本支出", "budget.basic"}, {"项目支出", "budget.project"},
}

func (ac *amountCell) label(p *jixiao.Plan) string {
	switch ac.kind {
	case amountFundsTotal:
		return "汇总表合计"
	case amountFund:
		return "专项“" + p.SpecialFunds[ac.fund].Name + "”金额"
	case amountItem:
		return "“" + p.SpecialFunds[ac.fund].Items[ac.itemI].Name + "”项目金额"
	case amountItemSummary:
		return "“" + p.SpecialFunds[ac.fund].Items[ac.itemI].Name + "”汇总表金额"
	}
	return budgetAmounts[ac.kind].label
}

func (ac *amountCell) path() string {
	switch ac.kind {
	case amountFundsTotal:
		return "fundsTotal"
	case amountFund:
		return indexPath("specialFunds", ac.fund) + ".amount"
	case amountItem:
		return itemPath(ac.fund, ac.itemI) + ".amount"
	case amountItemSummary:
		return itemPath(ac.fund, ac.itemI) + ".summary.amount"
	}
	return budgetAmounts[ac.kind].path
}

// amountCells yields every amount cell of the plan.
func (s *state) amountCells() iter.Seq[amountCell] {
	return func(yield func(amountCell) bool) {
		p := s.p
		b := &p.Budget
		for k, a := range [6]jixiao.Amount{b.Total, b.GeneralBudget, b.GovFund, b.OtherFunds, b.Basic, b.Project} {
			if !yield(amountCell{kind: k, value: a}) {
				return
			}
		}
		if p.FundsTotal.IsSet() && !yield(amountCell{kind: amountFundsTotal, value: p.FundsTotal}) {
			return
		}
		for i := range p.SpecialFunds {
			f := &p.SpecialFunds[i]
			if f.Amount.IsSet() && !yield(amountCell{kind: amountFund, fund: i, value: f.Amount}) {
				return
			}
			for j := range f.Items {
				it := &f.Items[j]
				if it.Amount.IsSet() && !yield(amountCell{kind: amountItem, fund: i, itemI: j, value: it.Amount, item: true}) {
					return
				}
				if it.Summary != nil && it.Summary.Amount.IsSet() && !yield(amountCell{kind: amountItemSummary, fund: i, itemI: j, value: it.Summary.Amount, item: true}) {
					return
				}
			}
		}
	}
}
