// Package selfgen makes the year-end self-evaluations (绩效自评表) of a generated region
// (package gen): for each plan, the tables score.Rule.Blank makes from it — the department
// table and one per fund item — filled in as a unit would: most targets met, some missed
// with a reason, budget execution mostly above 90%, the unit's own scores written as the
// rule computes them; and, in a small recorded share of plans, the problems the scorer is
// meant to find. Like gen it is pure: the same region and index give the same tables.
//
// It is a package of its own because gen may not import score (check's tests import gen).
package selfgen

import (
	"math/rand/v2"
	"slices"

	"jixiao"
	"jixiao/gen"
	"jixiao/score"
)

// Problem is a kind of deliberate problem planted in a plan's self-evaluations.
type Problem string

// The kinds of problem, each one the scorer finds (Rule names the finding).
const (
	ProblemNoReason     Problem = "missed-without-reason" // an indicator missed, no 偏差原因
	ProblemWrittenScore Problem = "written-score"         // the unit's score differs from the rule's
	ProblemWeights      Problem = "weights-not-100"       // the points do not add up to 100
	ProblemLowExecution Problem = "low-execution"         // 执行率 below 90% without a reason
)

// AllProblems lists every kind, in the order they are decided.
var AllProblems = []Problem{ProblemNoReason, ProblemWrittenScore, ProblemWeights, ProblemLowExecution}

// Rule returns the id of the scorer's finding for the problem.
func (p Problem) Rule() string {
	switch p {
	case ProblemNoReason:
		return "score.reason"
	case ProblemWrittenScore:
		return "score.written"
	case ProblemWeights:
		return "score.weights.total"
	case ProblemLowExecution:
		return "score.execution.reason"
	}
	return ""
}

// Generator makes the self-evaluations of a region's plans by a rule.
type Generator struct {
	Region *gen.Region
	Rule   *score.Rule
	Seed   int64
	// Rate is the share of plans with each kind of problem; 0: gen.DefaultMistakeRate,
	// negative: none.
	Rate float64
}

// Generate returns the self-evaluations of plan i (the department's first, then one per
// fund item) and the problems planted in them. Every problem is planted in the first
// table (the department's), so that a test knows where to look.
func (g *Generator) Generate(i int) ([]*jixiao.SelfEvaluation, []Problem) {
	return g.Of(g.Region.Plan(i), i)
}

// Of fills in the self-evaluations of plan p, the region's plan i (i seeds the choices).
func (g *Generator) Of(p *jixiao.Plan, i int) ([]*jixiao.SelfEvaluation, []Problem) {
	rng := rand.New(rand.NewPCG(uint64(g.Seed), uint64(i)<<8|7))
	rate := g.Rate
	if rate == 0 {
		rate = gen.DefaultMistakeRate
	}
	var problems []Problem
	for _, pr := range AllProblems {
		if rate > 0 && rng.Float64() < rate {
			problems = append(problems, pr)
		}
	}
	evals := g.Rule.Blank(p)
	for k, e := range evals {
		var planted []Problem
		if k == 0 {
			planted = problems
		}
		g.fill(e, rng, planted)
	}
	return evals, problems
}

// fill writes actuals, execution, reasons and the unit's scores into a blank table.
func (g *Generator) fill(e *jixiao.SelfEvaluation, rng *rand.Rand, problems []Problem) {
	has := func(p Problem) bool { return slices.Contains(problems, p) }
	// Budget execution: 90–100% mostly, a few under 90% with a reason.
	pct := int64(90 + rng.IntN(11))
	reason := ""
	if rng.IntN(20) == 0 || has(ProblemLowExecution) {
		pct = int64(75 + rng.IntN(14))
		if !has(ProblemLowExecution) {
			reason = "部分采购合同年底前未完成验收，资金未支付，已结转下年。"
		}
	}
	for k := range e.Funds {
		f := &e.Funds[k]
		if f.Adjusted.IsSet() {
			f.Executed = jixiao.FromMicros(f.Adjusted.Micros()/100*pct, 4)
		}
	}
	if len(e.Funds) > 0 {
		e.Funds[0].Reason = reason
	}
	for k := range e.Goals {
		e.Goals[k].Actual = "已按计划完成年度目标。"
	}
	planted := !has(ProblemNoReason) // the missed indicator without a reason, once
	for k := range e.Indicators {
		in := &e.Indicators[k]
		miss := rng.IntN(10) == 0 && missable(in.Target)
		noReason := false
		if !planted && missable(in.Target) {
			miss, noReason, planted = true, true, true
		}
		in.Actual, in.Score = actualFor(in.Target, in.Weight, miss)
		if miss && !noReason {
			in.Reason = "受资金到位时间影响，部分任务顺延，下年度提前安排实施。"
		}
	}
	if has(ProblemWeights) && len(e.Indicators) > 0 {
		e.Indicators[0].Weight = e.Indicators[0].Weight.Add(jixiao.Int(2))
	}
	// The unit's scores, as the rule computes them.
	res := g.Rule.Score(score.FromRecord(e))
	for k := range e.Indicators {
		if s := res.Indicators[k].Score; s.IsSet() {
			e.Indicators[k].Score = s
		}
	}
	if len(e.Funds) > 0 {
		e.Funds[0].Rate = res.Execution.Rate
		e.Funds[0].Score = res.Execution.Score
	}
	e.WrittenWeight = jixiao.Int(100)
	e.WrittenTotal = res.Total
	e.Grade = res.Grade
	if has(ProblemWrittenScore) {
		for k := range e.Indicators {
			in := &e.Indicators[k]
			if res.Indicators[k].Method == score.MethodFull && in.Weight.Cmp(jixiao.Int(1)) > 0 {
				in.Score = in.Score.Sub(jixiao.Int(1)) // the written total stays: it then disagrees too, as such tables do
				in.Reason = "个别任务完成质量有待提高。"
				break
			}
		}
	}
}

// missable reports a target the generator can miss by a ratio: a number with ≥ or none.
func missable(t jixiao.Target) bool {
	return t.Kind == jixiao.TargetNumeric && t.Value.IsSet() && t.Value.Cmp(jixiao.Int(0)) > 0 &&
		(t.Op == jixiao.OpGE || t.Op == jixiao.OpNone || t.Op == jixiao.OpGT)
}

// actualFor writes an actual for a target: met (the target's own figure) or, when miss and
// the target is a number to reach, 80% of it. Targets the rule cannot compare get
// 达成预期指标 and, as the evaluator's score, the full points.
func actualFor(t jixiao.Target, w jixiao.Decimal, miss bool) (jixiao.Target, jixiao.Decimal) {
	if t.Kind == jixiao.TargetNumeric && t.Value.IsSet() {
		v := t.Value
		if miss && missable(t) {
			v = jixiao.FromMicros(v.Micros()/10*8, min(v.Places()+1, jixiao.MaxPlaces))
		} else if t.Op == jixiao.OpGT {
			v = v.Add(jixiao.Int(1))
		} else if t.Op == jixiao.OpLT {
			v = v.Sub(jixiao.NewDecimal(1, min(v.Places()+1, jixiao.MaxPlaces)))
		}
		a := jixiao.ParseTarget(v.String() + t.Unit)
		if c := jixiao.CompareActual(t, a); c.Comparable && c.Numeric {
			if miss { // the evaluator's score where the rule leaves it to them (an = target)
				return a, jixiao.FromMicros(w.Micros()/10*8, 2)
			}
			return a, jixiao.Decimal{}
		}
	}
	a := jixiao.ParseTarget("达成预期指标")
	if c := jixiao.CompareActual(t, a); c.Comparable && c.Met {
		return a, jixiao.Decimal{}
	}
	return a, w // the evaluator's judgement: met in full
}
