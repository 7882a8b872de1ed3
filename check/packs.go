package check

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

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
	value  jixiao.Amount
	path   string
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
	path      string
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
	target       string
	path         string
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
	tab TableEnv
	itm ItemEnv
	ind IndicatorEnv
	pln PlanEnv
}

// runPacks evaluates the rule packs that apply to the plan's framework.
func (s *state) runPacks() {
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
		b.WriteString(field(msg[i+1 : i+j]))
		msg = msg[i+j+1:]
	}
	b.WriteString(msg)
	return b.String()
}

func (s *state) runRule(r *PackRule) {
	v := &s.vm
	p := s.p
	switch r.Scope {
	case "plan":
		v.pln = PlanEnv{Year: p.Year, Department: p.Department, Framework: s.fw.ID, KeyTasks: len(p.KeyTasks),
			DutiesRunes: utf8.RuneCountInString(strings.TrimSpace(p.Duties)), Items: len(s.tables) - 1, Indicators: s.r.Indicators,
			Total: p.Budget.Total.Micros(), Basic: p.Budget.Basic.Micros(), Project: p.Budget.Project.Micros()}
		if !s.eval(r, &v.pln) {
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
		s.eachAmount(func(label, path string, a jixiao.Amount, item bool) {
			v.amt = AmountEnv{Label: label, Set: a.IsSet(), Micros: a.Micros(), Places: a.Places(), Item: item, value: a}
			if !s.eval(r, &v.amt) {
				ae := v.amt
				s.packFinding(r, path, func(k string) string {
					switch k {
					case "label":
						return ae.Label
					case "value":
						return ae.value.String()
					case "places":
						return strconv.Itoa(ae.Places)
					}
					return "{" + k + "}"
				})
			}
		})
	case "table":
		for ti := range s.tables {
			s.fillTable(&v.tab, &s.tables[ti])
			if !s.eval(r, &v.tab) {
				te := v.tab
				s.packFinding(r, te.t.path(), te.field)
			}
		}
	case "item":
		for ti := 1; ti < len(s.tables); ti++ {
			t := &s.tables[ti]
			it := t.it
			v.itm = ItemEnv{Name: it.Name, Set: it.Amount.IsSet(), Micros: it.Amount.Micros(), Places: it.Amount.Places(), Year: p.Year,
				PeriodSet: it.Period.IsSet(), FromYear: it.Period.FromYear, ToYear: it.Period.ToYear}
			s.fillTable(&v.itm.Table, t)
			if !s.eval(r, &v.itm) {
				ie := v.itm
				s.packFinding(r, itemPath(t.fund, t.item), func(k string) string {
					switch k {
					case "name":
						return ie.Name
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
				v.ind = IndicatorEnv{Level1: row.l1Name, Level2: row.l2Name, Name: in.Name, NameLength: utf8.RuneCountInString(in.Name),
					Category: row.cat().String(), Kind: string(in.Target.Kind), Op: string(in.Target.Op), Unit: in.Target.Unit,
					Micros: in.Target.Value.Micros(), Quantitative: in.Target.IsQuantitative(), Department: t.it == nil}
				if !s.eval(r, &v.ind) {
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
		return te.Name
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
	for i := range t.inds {
		if t.inds[i].Target.IsQuantitative() {
			e.Quantitative++
		}
		r := &t.rows[i]
		for _, c := range [2]category{r.gl1, r.gl2} {
			switch {
			case c == catQuantity:
				e.HasQuantity = true
			case c == catQuality:
				e.HasQuality = true
			case c == catTimeliness:
				e.HasTimeliness = true
			case c.isCost():
				e.HasCost = true
			case c == catEffect || c == catEconomic || c == catSocial || c == catEcological || c == catSustainability:
				e.HasEffect = true
			case c == catSatisfaction:
				e.HasSatisfaction = true
			}
		}
	}
}

// eachAmount calls fn with every amount cell of the plan.
func (s *state) eachAmount(fn func(label, path string, a jixiao.Amount, item bool)) {
	p := s.p
	b := &p.Budget
	fn("资金总额", "budget.total", b.Total, false)
	fn("一般公共预算拨款", "budget.generalBudget", b.GeneralBudget, false)
	fn("政府性基金拨款", "budget.govFund", b.GovFund, false)
	fn("其他资金", "budget.otherFunds", b.OtherFunds, false)
	fn("基本支出", "budget.basic", b.Basic, false)
	fn("项目支出", "budget.project", b.Project, false)
	if p.FundsTotal.IsSet() {
		fn("汇总表合计", "fundsTotal", p.FundsTotal, false)
	}
	for i := range p.SpecialFunds {
		f := &p.SpecialFunds[i]
		if f.Amount.IsSet() {
			fn("专项“"+f.Name+"”金额", indexPath("specialFunds", i)+".amount", f.Amount, false)
		}
		for j := range f.Items {
			it := &f.Items[j]
			if it.Amount.IsSet() {
				fn("“"+it.Name+"”项目金额", itemPath(i, j)+".amount", it.Amount, true)
			}
			if it.Summary != nil && it.Summary.Amount.IsSet() {
				fn("“"+it.Name+"”汇总表金额", itemPath(i, j)+".summary.amount", it.Summary.Amount, true)
			}
		}
	}
}
