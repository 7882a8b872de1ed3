package library

import (
	"context"
	"math"
	"sort"
	"strings"

	"jixiao"
)

// Stats is what the library learnt about one entry from the region's plans and
// self-evaluations.
type Stats struct {
	Uses     int            `json:"uses"`     // units (departments) whose plans use it
	Rows     int            `json:"rows"`     // indicator rows, all plans
	Fields   map[string]int `json:"fields"`   // units by field
	Variants []string       `json:"variants"` // the wordings seen, most used first (at most 8)
	Targets  Distribution   `json:"targets"`  // numeric targets in the usual unit
	// BySize is the distribution by the size of the unit's budget (资金总额):
	// 小 (< 100 万元), 中 (< 1000 万元), 大.
	BySize       map[string]Distribution `json:"bySize,omitempty"`
	Quantitative int                     `json:"quantitative"` // rows with a numeric target
	Hundred      int                     `json:"hundred"`      // rows whose target is 100%
	Evaluated    int                     `json:"evaluated"`    // self-evaluation rows with a comparable actual
	Failed       int                     `json:"failed"`       // of which the actual missed the target
	Actuals      Distribution            `json:"actuals"`      // numeric actuals in the usual unit
}

// Distribution summarises numbers: their count, median and quartiles.
type Distribution struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P25    float64 `json:"p25"`
	P75    float64 `json:"p75"`
}

// Distribute returns the distribution of v (sorted in place).
func Distribute(v []float64) Distribution {
	if len(v) == 0 {
		return Distribution{}
	}
	sort.Float64s(v)
	return Distribution{N: len(v), Median: quantile(v, 0.5), P25: quantile(v, 0.25), P75: quantile(v, 0.75)}
}

// quantile of sorted v by linear interpolation between closest ranks.
func quantile(v []float64, q float64) float64 {
	pos := q * float64(len(v)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return v[lo] + (v[hi]-v[lo])*(pos-float64(lo))
}

// SizeOf is the size class of a unit by its budget in 万元.
func SizeOf(total jixiao.Amount) string {
	if !total.IsSet() {
		return ""
	}
	switch f := total.Float64(); {
	case f < 100:
		return "小"
	case f < 1000:
		return "中"
	}
	return "大"
}

// group is what a Learner gathers for one key.
type group struct {
	units    map[string]string // unit → field
	rows     int
	names    map[string]int
	level1   map[string]int
	level2   map[string]int
	unitOf   map[string]int
	ops      map[jixiao.Op]int
	values   map[string][]float64 // by target unit
	bySize   map[string]map[string][]float64
	quant    int
	hundred  int
	eval     int
	failed   int
	actuals  map[string][]float64
	explains map[string]int
}

// Learner gathers plans and self-evaluations; Apply writes what it learnt into a
// library. It holds one small group per distinct indicator, not the plans.
type Learner struct {
	norm    *Normalizer
	alias   map[string]string // the library's aliases (Library.Key)
	fields  []Field
	opt     LearnOptions
	groups  map[string]*group
	actuals map[string]Actual
	Plans   int // plans learnt from
	Skipped int // plans left out by status
	// Evaluations counts the self-evaluations learnt from (files and stored records).
	Evaluations int
	planUnit    map[int64]string // stored plan → its unit, for the stored self-evaluations
	years       map[int]bool     // the plans' years
}

// LearnOptions says which plans count.
type LearnOptions struct {
	// IncludeDrafts counts every plan; without it only approved and published plans.
	IncludeDrafts bool
}

// NewLearner returns a learner using l's normaliser and fields.
func (l *Library) NewLearner(opt LearnOptions) *Learner {
	return &Learner{norm: l.norm, alias: l.alias, fields: l.Fields, opt: opt, groups: map[string]*group{}, actuals: map[string]Actual{},
		planUnit: map[int64]string{}, years: map[int]bool{}}
}

func (lr *Learner) group(key string) *group {
	g := lr.groups[key]
	if g == nil {
		g = &group{units: map[string]string{}, names: map[string]int{}, level1: map[string]int{}, level2: map[string]int{},
			unitOf: map[string]int{}, ops: map[jixiao.Op]int{}, values: map[string][]float64{},
			bySize: map[string]map[string][]float64{}, actuals: map[string][]float64{}, explains: map[string]int{}}
		lr.groups[key] = g
	}
	return g
}

// key is Library.Key of the library the learner was made from.
func (lr *Learner) key(name string) string {
	k := lr.norm.Key(name)
	if to, ok := lr.alias[k]; ok {
		return to
	}
	return k
}

// unitKey names a plan's unit: its code, else its name.
func unitKey(p *jixiao.Plan) string {
	if p.DepartmentCode != "" {
		return p.DepartmentCode
	}
	return p.Department
}

// Plan learns from one plan (left out unless approved or published, or drafts are
// included).
func (lr *Learner) Plan(p *jixiao.Plan) {
	if p.ID != 0 {
		lr.planUnit[p.ID] = unitKey(p)
	}
	if p.Year != 0 {
		lr.years[p.Year] = true
	}
	if !lr.opt.IncludeDrafts && p.Status != jixiao.Approved && p.Status != jixiao.Published {
		lr.Skipped++
		return
	}
	lr.Plans++
	unit := unitKey(p)
	field := FieldOf(lr.fields, p.Department, p.Submitter)
	size := SizeOf(p.Budget.Total)
	add := func(in *jixiao.Indicator, project string) {
		if strings.TrimSpace(in.Name) == "" {
			return
		}
		key := lr.key(in.Name)
		if key == "" {
			return
		}
		g := lr.group(key)
		f := field
		if f == "" {
			f = FieldOf(lr.fields, project)
		}
		if _, ok := g.units[unit]; !ok || g.units[unit] == "" {
			g.units[unit] = f
		}
		g.rows++
		g.names[in.Name]++
		g.level1[in.Level1]++
		g.level2[in.Level2]++
		t := in.Target
		if t.Kind == jixiao.TargetNumeric && t.Value.IsSet() {
			g.quant++
			g.unitOf[t.Unit]++
			g.ops[t.EffectiveOp()]++
			v := t.Value.Float64()
			g.values[t.Unit] = append(g.values[t.Unit], v)
			if size != "" {
				if g.bySize[size] == nil {
					g.bySize[size] = map[string][]float64{}
				}
				g.bySize[size][t.Unit] = append(g.bySize[size][t.Unit], v)
			}
			if t.Unit == "%" && v == 100 {
				g.hundred++
			}
		}
	}
	for i := range p.Indicators {
		add(&p.Indicators[i], "")
	}
	for _, f := range p.SpecialFunds {
		for _, it := range f.Items {
			for i := range it.Indicators {
				add(&it.Indicators[i], f.Name+it.Name)
			}
		}
	}
	for _, it := range p.Projects {
		for i := range it.Indicators {
			add(&it.Indicators[i], it.Name)
		}
	}
}

// SelfEvaluation learns the actuals of one self-evaluation (自评) of department (code or
// name, as the plans name it): how often each indicator was evaluated and missed, the
// actuals' distribution, and each department's last actual (for the warning).
func (lr *Learner) SelfEvaluation(department string, se *jixiao.SelfEvaluation) {
	lr.Evaluations++
	for _, o := range se.Indicators {
		key := lr.key(o.Name)
		if key == "" {
			continue
		}
		g := lr.group(key)
		g.names[o.Name]++
		g.level1[o.Level1]++
		g.level2[o.Level2]++
		c := jixiao.CompareActual(o.Target, o.Actual)
		if c.Comparable {
			g.eval++
			if !c.Met {
				g.failed++
			}
		}
		if o.Actual.Kind == jixiao.TargetNumeric && o.Actual.Value.IsSet() {
			u := o.Actual.Unit
			if u == "" {
				u = o.Target.Unit
			}
			v := o.Actual.Value.Float64()
			g.actuals[u] = append(g.actuals[u], v)
			k := actualKey(department, key)
			if old, ok := lr.actuals[k]; !ok || se.Year >= old.Year {
				lr.actuals[k] = Actual{Year: se.Year, Value: v, Unit: u, Text: o.Actual.Text}
			}
		}
	}
}

// Apply writes what was learnt into l: every group becomes an entry (a learnt one, or
// the standard or bureau entry of the same key) whose Stats are replaced.
func (lr *Learner) Apply(l *Library) {
	l.dropSuperseded()
	for _, e := range l.Entries {
		e.Stats = nil
	}
	for key, g := range lr.groups {
		e := l.byKey[key]
		if e == nil {
			e = l.Add(&Entry{Key: key, Name: top(g.names), Level1: top(g.level1), Level2: top(g.level2), Source: SourceLearnt})
		}
		st := &Stats{Uses: len(g.units), Rows: g.rows, Fields: map[string]int{}, Quantitative: g.quant, Hundred: g.hundred,
			Evaluated: g.eval, Failed: g.failed}
		for _, f := range g.units {
			if f != "" {
				st.Fields[f]++
			}
		}
		st.Variants = ranked(g.names, 8)
		unit := e.Unit
		if unit == "" && len(g.unitOf) > 0 {
			unit = top(g.unitOf)
			e.Unit = unit
		}
		if e.Op == jixiao.OpNone && len(g.ops) > 0 {
			best, n := jixiao.OpNone, 0
			for op, c := range g.ops {
				if c > n || (c == n && op < best) {
					best, n = op, c
				}
			}
			e.Op = best
		}
		if e.Source == SourceLearnt {
			// An indicator used across fields, none holding half its units, is a
			// 共性 indicator of no one field.
			f := topField(st.Fields)
			if len(st.Fields) >= 3 && st.Fields[f]*2 < st.Uses {
				e.Common, f = true, ""
			}
			if e.Field == "" {
				e.Field = f
			}
		}
		st.Targets = Distribute(g.values[unit])
		for size, byUnit := range g.bySize {
			if d := Distribute(byUnit[unit]); d.N > 0 {
				if st.BySize == nil {
					st.BySize = map[string]Distribution{}
				}
				st.BySize[size] = d
			}
		}
		st.Actuals = Distribute(g.actuals[unit])
		e.Stats = st
	}
	if l.Actuals == nil {
		l.Actuals = map[string]Actual{}
	}
	for k, v := range lr.actuals {
		l.Actuals[k] = v
	}
	l.sortEntries()
	l.index = nil
}

func top[K comparable](m map[K]int) K {
	var best K
	n := -1
	for k, c := range m {
		if c > n || (c == n && less(k, best)) {
			best, n = k, c
		}
	}
	return best
}

func less[K comparable](a, b K) bool {
	as, _ := any(a).(string)
	bs, _ := any(b).(string)
	return as < bs
}

func topField(m map[string]int) string { return top(m) }

func ranked(m map[string]int, k int) []string {
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// Learn rebuilds the library's statistics from a stream of plans (a Go 1.23 iterator:
// for p := range plans).
func (l *Library) Learn(plans func(yield func(*jixiao.Plan) bool), opt LearnOptions) *Learner {
	lr := l.NewLearner(opt)
	for p := range plans {
		lr.Plan(p)
	}
	lr.Apply(l)
	return lr
}

// LearnStore rebuilds the statistics from the plans of a store (PlanService.EachPlan),
// one plan in memory at a time.
func (l *Library) LearnStore(ctx context.Context, plans jixiao.PlanService, f jixiao.PlanFilter, opt LearnOptions) (*Learner, error) {
	lr := l.NewLearner(opt)
	if err := lr.Store(ctx, plans, f); err != nil {
		return nil, err
	}
	lr.Apply(l)
	return lr, nil
}

// Store learns from every plan of a store that matches f, by EachPlan, and, when the
// store keeps self-evaluations (jixiao.SelfEvaluationService), from the stored
// self-evaluations of those plans' years (StoredSelfEvaluations).
func (lr *Learner) Store(ctx context.Context, plans jixiao.PlanService, f jixiao.PlanFilter) error {
	if _, err := plans.EachPlan(ctx, f, func(p *jixiao.Plan) error { lr.Plan(p); return nil }); err != nil {
		return err
	}
	if ses, ok := plans.(jixiao.SelfEvaluationService); ok {
		return lr.StoredSelfEvaluations(ctx, ses)
	}
	return nil
}

// StoredSelfEvaluations learns the actuals of the stored self-evaluations of every year
// the learnt plans have: only approved and published ones (every one with
// IncludeDrafts), each under the unit of its plan as Plan saw it (else the department
// the table names), so that next year's plan of the same unit finds last year's actual.
func (lr *Learner) StoredSelfEvaluations(ctx context.Context, ses jixiao.SelfEvaluationService) error {
	years := make([]int, 0, len(lr.years))
	for y := range lr.years {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		recs, err := ses.SelfEvaluationsOfYear(ctx, y, 0)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if !lr.opt.IncludeDrafts && r.Status != jixiao.Approved && r.Status != jixiao.Published {
				continue
			}
			unit, ok := lr.planUnit[r.PlanID]
			if !ok {
				unit = r.Eval.Department
			}
			se := r.Eval
			if se.Year == 0 {
				se.Year = r.Year
			}
			lr.SelfEvaluation(unit, &se)
		}
	}
	return nil
}
