// Package gen makes synthetic regions for scale and load tests: a finance bureau's
// department tree and one performance target plan (绩效目标申报) per department, shaped like
// the seed (examples/shifeng-tongzhanbu-2021.txt) — budgets that add up, key tasks,
// department indicators, special funds with items and their own indicator tables, targets
// in every form the target parser reads — with a small, recorded share of the mistakes the
// checks are meant to find.
//
// It is pure: no store, no clock, no global random source. The same Options give
// byte-identical plans, and plan i does not depend on the plans before it, so a region of
// 30,000 departments is generated one plan at a time (Region.Plan, Region.Plans) and
// never held in memory whole.
package gen

import (
	"iter"
	"math/rand/v2"
	"strconv"
	"strings"

	"jixiao"
)

// Options say what region to make.
type Options struct {
	Departments int   // departments and units with a plan, not counting the finance bureau
	Year        int   // budget year; 0 means 2021 (the seed's)
	Seed        int64 // same seed, same region
	// MistakeRate is the share of plans that get each kind of mistake (independently per
	// kind); 0 means DefaultMistakeRate, a negative rate plants none.
	MistakeRate float64
}

// DefaultMistakeRate is the share of plans with each kind of mistake.
const DefaultMistakeRate = 0.05

// Mistake is a kind of deliberate error planted in a plan.
type Mistake string

// The kinds of mistake, each one the checks find (Rule names the check rule).
const (
	MistakeTotal          Mistake = "budget-total"         // 资金总额 ≠ the sum of its splits
	MistakeFifthDecimal   Mistake = "fifth-decimal"        // 基本支出 with a fifth decimal, so the split no longer adds up (the seed's 137.01041)
	MistakeSummaryText    Mistake = "summary-text"         // an item's goal text in the summary differs from its 附件3
	MistakeItemAmount     Mistake = "item-amount"          // an item's 附件3 项目金额 ≠ its summary row
	MistakeCompound       Mistake = "compound-count"       // the department's counts written in one cell
	MistakeRollup         Mistake = "rollup"               // a department count ≠ the sum of the items' counts
	MistakeNoSatisfaction Mistake = "missing-satisfaction" // the department table has no 满意度 indicator
	MistakeVague          Mistake = "vague-verb"           // an effect target such as 显著提升
	MistakeWording        Mistake = "wording"              // a typo such as 选拨 in the duties
)

// AllMistakes lists every kind, in the order they are decided.
var AllMistakes = []Mistake{MistakeTotal, MistakeFifthDecimal, MistakeSummaryText, MistakeItemAmount,
	MistakeCompound, MistakeRollup, MistakeNoSatisfaction, MistakeVague, MistakeWording}

// Rule returns the id of the check rule that finds the mistake.
func (m Mistake) Rule() string {
	switch m {
	case MistakeTotal, MistakeFifthDecimal:
		return "budget.spending-sum"
	case MistakeSummaryText:
		return "item.goal-text"
	case MistakeItemAmount:
		return "item.amount"
	case MistakeCompound:
		return "indicator.compound"
	case MistakeRollup:
		return "rollup.count"
	case MistakeNoSatisfaction:
		return "indicator.satisfaction-missing"
	case MistakeVague:
		return "indicator.vague"
	case MistakeWording:
		return "wording.typo"
	}
	return ""
}

// Region is a generated region: its department tree and, on demand, its plans.
type Region struct {
	// Departments is the tree, parents before children: [0] is the finance bureau
	// (财政局), then each department followed by its units. IDs are 1..n in this order
	// and ParentID refers to them; a store assigns its own IDs, so map them by Code.
	Departments []*jixiao.Department

	opts   Options
	topics []uint8 // topic of each department, by index in Departments
}

// NewRegion makes the department tree of a region. Plans are made on demand.
func NewRegion(opts Options) *Region {
	if opts.Year == 0 {
		opts.Year = 2021
	}
	if opts.MistakeRate == 0 {
		opts.MistakeRate = DefaultMistakeRate
	}
	if opts.Departments < 0 {
		opts.Departments = 0
	}
	r := &Region{opts: opts}
	rng := newRand(opts.Seed, 0, 0)
	district := districts[rng.IntN(len(districts))]
	width := max(3, len(strconv.Itoa(opts.Departments)))
	pad := func(n, w int) string {
		s := strconv.Itoa(n)
		return strings.Repeat("0", max(0, w-len(s))) + s
	}
	r.add(&jixiao.Department{Code: strings.Repeat("0", width), Name: district + "财政局", Kind: jixiao.KindBureau}, 8)
	used := map[string]int{}
	unique := func(name string) string {
		used[name]++
		if n := used[name]; n > 1 {
			return name + "（" + strconv.Itoa(n) + "）"
		}
		return name
	}
	n, dept := 0, 0
	for n < opts.Departments {
		dept++
		var o organ
		if k := dept - 1; k < len(organs) {
			o = organs[k]
			o.name = district + o.name
		} else {
			k -= len(organs)
			t := towns[(k/len(townOrgans))%len(towns)]
			o = townOrgans[k%len(townOrgans)]
			o.name = district + t + o.name
		}
		d := &jixiao.Department{Code: pad(dept, width), Name: unique(o.name), ParentID: 1, Kind: jixiao.KindDepartment}
		r.add(d, o.topic)
		n++
		units := [...]int{0, 0, 0, 0, 1, 2}[rng.IntN(6)]
		for u := 1; u <= units && n < opts.Departments; u++ {
			r.add(&jixiao.Department{Code: d.Code + pad(u, 3), Name: d.Name + unitSuffixes[(dept+u)%len(unitSuffixes)],
				ParentID: d.ID, Kind: jixiao.KindUnit}, o.topic)
			n++
		}
	}
	return r
}

func (r *Region) add(d *jixiao.Department, topic int) {
	d.ID = int64(len(r.Departments) + 1)
	r.Departments = append(r.Departments, d)
	r.topics = append(r.topics, uint8(topic))
}

// Len returns the number of plans: one per department and unit, not the bureau.
func (r *Region) Len() int { return len(r.Departments) - 1 }

// Year returns the budget year of the plans.
func (r *Region) Year() int { return r.opts.Year }

// Department returns the department of plan i.
func (r *Region) Department(i int) *jixiao.Department { return r.Departments[i+1] }

// Plan returns plan i (0 ≤ i < Len), made afresh: the caller may keep or change it.
func (r *Region) Plan(i int) *jixiao.Plan {
	p, _ := r.Generate(i)
	return p
}

// Generate returns plan i and the mistakes planted in it.
func (r *Region) Generate(i int) (*jixiao.Plan, []Mistake) {
	g := r.generator(i, false)
	return g.plan(), g.mistakes
}

// Mistakes returns the mistakes planted in plan i, without making the plan.
func (r *Region) Mistakes(i int) []Mistake {
	return r.decideMistakes(i)
}

// Plans iterates over the plans in order, making each when it is reached.
func (r *Region) Plans() iter.Seq2[int, *jixiao.Plan] {
	return func(yield func(int, *jixiao.Plan) bool) {
		for i := 0; i < r.Len(); i++ {
			if !yield(i, r.Plan(i)) {
				return
			}
		}
	}
}

// newRand returns the random source of one stream of one plan: plan i's mistakes and its
// content come from streams of their own, so that they do not shift each other.
func newRand(seed int64, i int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)<<8|stream))
}

func (r *Region) decideMistakes(i int) []Mistake {
	if r.opts.MistakeRate < 0 {
		return nil
	}
	rng := newRand(r.opts.Seed, i, 1)
	var out []Mistake
	for _, m := range AllMistakes {
		if rng.Float64() < r.opts.MistakeRate {
			out = append(out, m)
		}
	}
	return out
}

func (r *Region) generator(i int, record bool) *planGen {
	if i < 0 || i >= r.Len() {
		panic("gen: plan index " + strconv.Itoa(i) + " out of range")
	}
	g := &planGen{
		rng:    newRand(r.opts.Seed, i, 2),
		year:   r.opts.Year,
		dept:   r.Department(i),
		topic:  &topics[r.topics[i+1]],
		record: record,
	}
	g.mistakes = r.decideMistakes(i)
	return g
}
