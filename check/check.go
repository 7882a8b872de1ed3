// Package check runs the checks of a performance target plan (绩效目标审核): the
// arithmetic of the budget and the fund tables, the agreement of the summary table with
// each 附件3 table, the roll-up of the items' indicators into the department's, the
// indicator framework (指标体系) the plan follows, the quality of each indicator, the
// wording of the texts, and the region- and year-specific rule packs.
//
// Checks are pure functions over a *jixiao.Plan. Frameworks, rule packs and the wording
// list are data: JSON files embedded in the binary (frameworks/, packs/, wording/) that a
// reviewer can extend from a directory (Load).
package check

import (
	"slices"
	"strconv"
	"sync"

	"jixiao"
)

// Severity says how serious a finding is. A pass is a rule that was checked and held; it
// is reported so that a reader sees what was verified (e.g. "6 + 2 = 8").
type Severity string

// Severities, most serious first.
const (
	Error   Severity = "error"   // 错误: the plan is wrong and would be returned
	Warning Severity = "warning" // 警告: most likely wrong or poor; fix or explain
	Info    Severity = "info"    // 提示: worth a look
	Pass    Severity = "pass"    // 通过
)

// Label is the Chinese name of the severity.
func (s Severity) Label() string {
	switch s {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	case Info:
		return "提示"
	case Pass:
		return "通过"
	}
	return string(s)
}

func (s Severity) rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	case Info:
		return 2
	}
	return 3
}

// Finding is one result of one rule on one cell (审核结果).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Path points at the cell: "budget.basic", "indicators[0].target",
	// "specialFunds[0].items[1].periodGoal", "indicators[0].target.parts[2]".
	Path        string      `json:"path"`
	Message     string      `json:"message"`               // one line, Chinese
	Explanation string      `json:"explanation,omitempty"` // why it matters, where the rule comes from, how to fix
	Suggestion  *Suggestion `json:"suggestion,omitempty"`
	Arithmetic  string      `json:"arithmetic,omitempty"` // the sum behind a roll-up or a total: "6 + 2 = 8"
}

// Suggestion is a fix the system can apply in one step (Apply).
type Suggestion struct {
	Kind SuggestionKind `json:"kind"`
	Text string         `json:"text"` // what the fix does, in Chinese
	// Path is the cell the fix rewrites when it is not the finding's own (the summary
	// row's text when the finding points at the 附件3 text).
	Path string `json:"path,omitempty"`

	// Replace: the wrong and the right wording, and the whole cell as it would read.
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
	Cell string `json:"cell,omitempty"`

	// Split: the indicators that replace the one at Path.
	Split []jixiao.Indicator `json:"split,omitempty"`
}

// SuggestionKind is the kind of a fix.
type SuggestionKind string

// Kinds of fixes.
const (
	Replace SuggestionKind = "replace" // rewrite a text cell
	Split   SuggestionKind = "split"   // replace one indicator row by several
)

// Options tune a check run.
type Options struct {
	// Framework is the id of the indicator framework to check against (hunan-2021,
	// national-2021, cost-level1, …). Empty: the plan's own Framework, or else the one
	// that fits the plan's layout best.
	Framework string
}

// Framework sources: how the framework of a report was chosen.
const (
	SourceOption = "option" // given by the caller (--framework)
	SourcePlan   = "plan"   // named by the plan itself
	SourceLayout = "layout" // chosen from the plan's layout
)

// Report is the result of checking one plan.
type Report struct {
	Framework       string `json:"framework"`       // id, e.g. hunan-2021
	FrameworkName   string `json:"frameworkName"`   // Chinese name
	FrameworkSource string `json:"frameworkSource"` // option, plan or layout
	// FrameworkReason says, in Chinese, why the framework was chosen from the layout.
	FrameworkReason string `json:"frameworkReason,omitempty"`

	Findings   []Finding           `json:"findings"` // errors, warnings and info, most serious first
	Passes     []Finding           `json:"passes"`   // rules that held, with their arithmetic
	Links      []jixiao.RollupLink `json:"links"`    // roll-up links used: confirmed by a user or proposed by matching
	Indicators int                 `json:"indicators"`
}

// Count returns the number of findings of a severity.
func (r *Report) Count(s Severity) int {
	if s == Pass {
		return len(r.Passes)
	}
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding is an error.
func (r *Report) HasErrors() bool { return r.Count(Error) > 0 }

// Check checks a plan with the built-in frameworks, rule packs and wording list.
func Check(p *jixiao.Plan, opts Options) *Report {
	return Default().Check(p, opts)
}

var (
	defaultOnce    sync.Once
	defaultChecker *Checker
)

// Default returns the checker built from the embedded data. The embedded files are
// tested, so a failure to load them is a bug and panics.
func Default() *Checker {
	defaultOnce.Do(func() {
		c, err := Load()
		if err != nil {
			panic("check: embedded data: " + err.Error())
		}
		defaultChecker = c
	})
	return defaultChecker
}

// Check checks a plan. It never fails: a plan that cannot be checked in some respect
// gets a finding that says so.
func (c *Checker) Check(p *jixiao.Plan, opts Options) *Report {
	s := c.newState(p)
	defer c.putState(s)
	r := &Report{Indicators: len(s.rows)} // p.IndicatorCount(): newState made a row of each
	// Room for the usual passes (the budget's two splits, the summary's three sums, and
	// per item its amount, period and costs, and a few roll-ups) so that they are not
	// copied as the report grows.
	r.Passes = make([]Finding, 0, 8+4*(len(s.tables)-1))
	// Room for the text of the passes (some 600 bytes per item: its amount, period and
	// costs, and its share of the roll-ups) and of a few findings.
	s.a.start(1024 + 640*(len(s.tables)-1))
	s.r = r
	s.chooseFramework(opts)
	s.resolveRows()

	s.checkBudget()
	s.checkFunds()
	s.checkItems()
	s.checkFramework()
	s.checkRollups()
	s.checkCosts()
	s.checkQuality()
	s.checkWording()
	s.checkProjects()
	s.runPacks()

	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return a.Severity.rank() - b.Severity.rank()
	})
	return r
}

// add records a finding of a Go rule, with the rule's explanation. The finding is
// written in place, field by field, rather than copied in whole (a copy of a struct
// with pointers goes through the runtime's bulk write barrier while the collector runs).
func (s *state) add(rule string, sev Severity, path, msg string) *Finding {
	list := &s.r.Findings
	if sev == Pass {
		list = &s.r.Passes
	}
	*list = slices.Grow(*list, 1)
	*list = (*list)[:len(*list)+1]
	f := &(*list)[len(*list)-1]
	f.Rule, f.Severity, f.Path, f.Message, f.Explanation = rule, sev, path, msg, explanationOf(rule)
	f.Suggestion, f.Arithmetic = nil, ""
	return f
}

// Paths. They are built only for findings and links, never in the hot loops.

func itemPath(fund, item int) string {
	var buf [48]byte
	return string(appendItemPath(buf[:0], fund, item))
}

// projectFund is the fund index of the tables of Plan.Projects, which belong to no fund:
// their paths are projects[k].
const projectFund = -2

func appendItemPath(b []byte, fund, item int) []byte {
	if fund == projectFund {
		b = append(b, "projects["...)
		b = strconv.AppendInt(b, int64(item), 10)
		return append(b, ']')
	}
	b = append(b, "specialFunds["...)
	b = strconv.AppendInt(b, int64(fund), 10)
	b = append(b, "].items["...)
	b = strconv.AppendInt(b, int64(item), 10)
	return append(b, ']')
}

func indexPath(prefix string, i int) string {
	return prefix + "[" + strconv.Itoa(i) + "]"
}
