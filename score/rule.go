// Package score computes the year-end self-evaluation (绩效自评) scores: per indicator, for
// budget execution (预算执行率) and in total, with the grade (评价等级), by a scoring rule
// that is data (rules/*.json), never code, because provinces and years differ in weights,
// rounding, bands and grade cut-offs (standards.md §2). The default rule is the national
// one most provinces follow, 财预〔2020〕10号《项目支出绩效评价管理办法》.
//
// Everything is exact: scores are Decimals computed with 128-bit integer arithmetic and
// rounded once, by the rule's rounding, so a table scored twice or on another machine
// gives the same figures, and the arithmetic shown to the user is the arithmetic done.
package score

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"jixiao"
)

// Rule is a scoring rule (评分规则).
type Rule struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Basis string `json:"basis"` // the documents it follows, in Chinese

	// Weights are the points of each 一级指标, matched by a word of its name (产出, 效益,
	// 满意度; 成本 where a framework makes it a 一级). A 满意度 二级 under 效益 counts as
	// 满意度.
	Weights []Weight `json:"weights"`
	// Execution is the budget-execution part (预算执行率, usually 10 points).
	Execution Execution `json:"execution"`
	// PlanWeights allows a plan to set its own 一级 weights ("如有特殊情况，一级指标权重可
	// 做适当调整"); the sum with execution must still be 100.
	PlanWeights bool `json:"planWeights"`
	// Places and Rounding say how every computed score is rounded: "half-up" (四舍五入),
	// "down" (截尾) or "half-even".
	Places   int    `json:"places"`
	Rounding string `json:"rounding"`
	// Bands are the qualitative bands, in percent of an indicator's points, best first.
	Bands []Band `json:"bands"`
	// OverAchievement flags an actual at or beyond this multiple of the target (1.5);
	// empty turns the flag off. OverDeduct says the rule allows the evaluator to deduct
	// for it ("按照偏离度适度调减分值").
	OverAchievement jixiao.Decimal `json:"overAchievement"`
	OverDeduct      bool           `json:"overDeduct"`
	// Grades, best first: a total at or above From gets the grade.
	Grades []Grade `json:"grades"`
}

// Weight is the points of one 一级指标.
type Weight struct {
	Level1 string         `json:"level1"`
	Points jixiao.Decimal `json:"points"`
}

// Execution is the rule's budget-execution part.
type Execution struct {
	Points jixiao.Decimal `json:"points"` // 分值, usually 10
	// Cap holds the score at Points when 执行率 exceeds 100%.
	Cap bool `json:"cap"`
	// ReasonBelow is the 执行率 in percent below which a written reason is required (90
	// in Sichuan's tables); empty: never.
	ReasonBelow jixiao.Decimal `json:"reasonBelow"`
}

// Band is a qualitative band: a score from From to To percent of the points.
type Band struct {
	Name string         `json:"name"`
	From jixiao.Decimal `json:"from"`
	To   jixiao.Decimal `json:"to"`
}

// Grade is a 评价等级 and the lowest total that earns it.
type Grade struct {
	Name string         `json:"name"`
	From jixiao.Decimal `json:"from"`
}

//go:embed rules/*.json
var ruleFiles embed.FS

// DefaultRule is the ID of the national rule.
const DefaultRule = "national-2020"

var builtin = mustLoadBuiltin()

func mustLoadBuiltin() map[string]*Rule {
	m := map[string]*Rule{}
	names, err := fs.Glob(ruleFiles, "rules/*.json")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		b, err := ruleFiles.ReadFile(n)
		if err != nil {
			panic(err)
		}
		r, err := ParseRule(b)
		if err != nil {
			panic(fmt.Sprintf("score: built-in rule %s: %v", n, err))
		}
		m[r.ID] = r
	}
	return m
}

// Rules returns the built-in rules, by ID.
func Rules() []*Rule {
	out := make([]*Rule, 0, len(builtin))
	for _, r := range builtin {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the built-in rule with the ID; "" is the default rule.
func Lookup(id string) (*Rule, error) {
	if id == "" {
		id = DefaultRule
	}
	if r, ok := builtin[id]; ok {
		return r, nil
	}
	return nil, jixiao.Errorf(jixiao.ENOTFOUND, "没有名为“%s”的评分规则。", id)
}

// ParseRule reads a rule from JSON and checks that it can be applied.
func ParseRule(b []byte) (*Rule, error) {
	var r Rule
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "评分规则不是有效的 JSON 文件。")
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}

// Validate reports the first thing that makes the rule unusable.
func (r *Rule) Validate() error {
	if r.ID == "" {
		return jixiao.Errorf(jixiao.EINVALID, "评分规则缺少编号（“id”）。")
	}
	if r.Places < 0 || r.Places > 4 {
		return jixiao.Errorf(jixiao.EINVALID, "评分规则“%s”的小数位数应在 0 到 4 之间。", r.ID)
	}
	switch r.Rounding {
	case "half-up", "down", "half-even":
	default:
		return jixiao.Errorf(jixiao.EINVALID, "评分规则“%s”的舍入方式“%s”无法识别，应为“half-up”“down”或“half-even”。", r.ID, r.Rounding)
	}
	sum := r.Execution.Points
	for _, w := range r.Weights {
		sum = sum.Add(w.Points)
	}
	if !sum.Equal(jixiao.Int(100)) {
		return jixiao.Errorf(jixiao.EINVALID, "评分规则“%s”的一级指标权重与预算执行率分值之和为 %s，应为 100。", r.ID, sum)
	}
	for i, b := range r.Bands {
		if b.From.Cmp(b.To) > 0 || b.From.Cmp(jixiao.Int(0)) < 0 || b.To.Cmp(jixiao.Int(100)) > 0 {
			return jixiao.Errorf(jixiao.EINVALID, "评分规则“%s”的第%d档“%s”范围不正确。", r.ID, i+1, b.Name)
		}
	}
	for i := 1; i < len(r.Grades); i++ {
		if r.Grades[i].From.Cmp(r.Grades[i-1].From) >= 0 {
			return jixiao.Errorf(jixiao.EINVALID, "评分规则“%s”的等级应从高到低排列。", r.ID)
		}
	}
	return nil
}

// category names the 一级 group an indicator counts in: the Weight whose word its 一级
// (or, for 满意度 under 效益, its 二级) contains; -1 when none.
func (r *Rule) category(level1, level2 string) int {
	for i, w := range r.Weights {
		if strings.Contains(w.Level1, "满意") && (strings.Contains(level1, "满意") || strings.Contains(level2, "满意")) {
			return i
		}
	}
	for i, w := range r.Weights {
		if strings.Contains(level1, w.Level1) {
			return i
		}
	}
	return -1
}

// Grade returns the grade of a total.
func (r *Rule) Grade(total jixiao.Decimal) string {
	for _, g := range r.Grades {
		if total.Cmp(g.From) >= 0 {
			return g.Name
		}
	}
	if n := len(r.Grades); n > 0 {
		return r.Grades[n-1].Name
	}
	return ""
}

// band returns the index of the band that holds pct (percent of the points): the best
// band whose range contains it (edges belong to the better band, "100–80%（含）").
func (r *Rule) band(pct jixiao.Decimal) int {
	for i, b := range r.Bands {
		if pct.Cmp(b.From) >= 0 && pct.Cmp(b.To) <= 0 {
			return i
		}
	}
	return -1
}
