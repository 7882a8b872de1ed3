package gen

import (
	"math/rand/v2"
	"strings"

	"jixiao"
)

// Monitoring records (绩效运行监控) of a generated region: for plan i and a round, the
// department table's and every project's record, filled as a unit on schedule fills
// them — money spent near the 序时进度, actuals in proportion to the months, forecasts
// meeting the targets, 确定能 — with a small, recorded share of the problems the
// monitoring rules warn of.

// MonitorProblem is a kind of deliberate problem planted in a plan's monitoring records.
type MonitorProblem string

// The kinds of problem, each one a monitoring rule finds (Rule names it).
const (
	ProblemBehind        MonitorProblem = "behind"         // the department has spent a fifth of its budget by July
	ProblemOverExecuted  MonitorProblem = "over-executed"  // a project has spent more than its budget
	ProblemForecastBelow MonitorProblem = "forecast-below" // a forecast short of its target
	ProblemNoReason      MonitorProblem = "no-reason"      // 有可能 without a 偏差原因 (with a 完善措施)
	ProblemFarAbove      MonitorProblem = "far-above"      // an actual already twice the target
)

// AllMonitorProblems lists every kind, in the order they are decided.
var AllMonitorProblems = []MonitorProblem{ProblemBehind, ProblemOverExecuted, ProblemForecastBelow, ProblemNoReason, ProblemFarAbove}

// Rule returns the id of the monitoring rule that finds the problem.
func (m MonitorProblem) Rule() string {
	switch m {
	case ProblemBehind:
		return "execution.behind"
	case ProblemOverExecuted:
		return "execution.over"
	case ProblemForecastBelow:
		return "forecast.below-target"
	case ProblemNoReason:
		return "likelihood.no-reason"
	case ProblemFarAbove:
		return "actual.far-above"
	}
	return ""
}

// PlantedProblem is a problem and the record it was planted in (an index into the
// records Monitoring returns).
type PlantedProblem struct {
	Problem MonitorProblem
	Record  int
}

// Monitoring returns the monitoring records of plan i for a round (AsOf 1–12; the year
// is the region's) and the problems planted in them. Like Plan, it depends on i and the
// options only.
func (r *Region) Monitoring(i int, asOf int) ([]*jixiao.MonitoringRecord, []PlantedProblem) {
	p := r.Plan(i)
	p.ID = int64(i + 1)
	recs := jixiao.NewMonitoringRecords(p, jixiao.MonitoringRound{Year: r.opts.Year, AsOf: asOf})
	rng := newRand(r.opts.Seed, i, 3)
	for _, rec := range recs {
		fillRecord(rng, rec, asOf)
	}
	var out []PlantedProblem
	if r.opts.MistakeRate < 0 {
		return recs, nil
	}
	decide := newRand(r.opts.Seed, i, 4)
	for _, m := range AllMonitorProblems {
		if decide.Float64() >= r.opts.MistakeRate {
			continue
		}
		if k, ok := plant(rng, recs, m, asOf); ok {
			out = append(out, PlantedProblem{Problem: m, Record: k})
		}
	}
	return recs, out
}

// fillRecord fills a record as a unit on schedule does.
func fillRecord(rng *rand.Rand, rec *jixiao.MonitoringRecord, asOf int) {
	if len(rec.Funds) > 0 {
		f := &rec.Funds[0]
		if b := f.Budget(); b.IsSet() {
			// between 序时进度 − 8 points and + 5 points, never over the budget
			pct := min(max(asOf*100/12-8+rng.IntN(14), 0), 100)
			f.Executed = b.MulInt(int64(pct)).DivInt(100)
			f.ForecastExecuted = b
		}
	}
	for k := range rec.Indicators {
		in := &rec.Indicators[k]
		in.Likelihood = jixiao.LikelihoodCertain
		t := in.Target
		if t.Kind == jixiao.TargetNumeric && t.Value.IsSet() && len(t.Parts) == 0 {
			actual := t.Value
			switch t.EffectiveOp() {
			case jixiao.OpGE, jixiao.OpGT:
				actual = t.Value.MulInt(int64(asOf)).DivInt(12) // in proportion to the months
			}
			in.Actual = jixiao.ParseTarget(number(actual) + t.Unit)
			switch t.EffectiveOp() {
			case jixiao.OpGT:
				in.Forecast = jixiao.ParseTarget(number(t.Value.Add(jixiao.Int(1))) + t.Unit)
			case jixiao.OpLT:
				in.Forecast = jixiao.ParseTarget("达成预期指标")
			default:
				in.Forecast = jixiao.ParseTarget(number(t.Value) + t.Unit)
			}
			continue
		}
		in.Actual = jixiao.ParseTarget("按计划推进")
		in.Forecast = jixiao.ParseTarget("达成预期指标")
	}
}

// number writes a decimal without trailing zeros (6.000 → 6).
func number(d jixiao.Decimal) string {
	s := d.String()
	for len(s) > 1 && s[len(s)-1] == '0' && strings.Contains(s, ".") {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// plant puts a problem into one record; ok is false when no record can take it (a plan
// without projects cannot over-execute one).
func plant(rng *rand.Rand, recs []*jixiao.MonitoringRecord, m MonitorProblem, asOf int) (int, bool) {
	switch m {
	case ProblemBehind:
		f := &recs[0].Funds[0]
		if !f.Budget().IsSet() || f.Budget().Micros() <= 0 || asOf < 4 {
			return 0, false
		}
		f.Executed = f.Budget().DivInt(5) // 20%: at 截至7月底 38 points behind, red
		return 0, true
	case ProblemOverExecuted:
		for k := len(recs) - 1; k > 0; k-- { // the last project, never the department
			f := &recs[k].Funds[0]
			if b := f.Budget(); b.IsSet() && b.Micros() > 0 {
				f.Executed = b.MulInt(105).DivInt(100)
				return k, true
			}
		}
		return 0, false
	}
	// Indicator problems: a random numeric ≥ indicator with a positive target.
	type at struct{ rec, ind int }
	var cands []at
	for k, rec := range recs {
		for j, in := range rec.Indicators {
			t := in.Target
			if t.Kind == jixiao.TargetNumeric && len(t.Parts) == 0 && t.EffectiveOp() == jixiao.OpGE && t.Value.Micros() >= 10*1_000_000 &&
				in.Likelihood == jixiao.LikelihoodCertain && in.Deviation.IsZero() {
				cands = append(cands, at{k, j})
			}
		}
	}
	if len(cands) == 0 {
		return 0, false
	}
	c := cands[rng.IntN(len(cands))]
	in := &recs[c.rec].Indicators[c.ind]
	switch m {
	case ProblemForecastBelow:
		in.Forecast = jixiao.ParseTarget(number(in.Target.Value.MulInt(8).DivInt(10)) + in.Target.Unit)
		in.Likelihood = jixiao.LikelihoodPossible
		in.Deviation = jixiao.DeviationReason{Category: "经费保障", Text: "资金下达较晚，进度滞后。"}
		in.Remedy = "加快资金拨付。"
	case ProblemNoReason:
		in.Likelihood = jixiao.LikelihoodPossible
		in.Remedy = "加快进度。"
	case ProblemFarAbove:
		in.Actual = jixiao.ParseTarget(number(in.Target.Value.MulInt(2)) + in.Target.Unit)
	}
	return c.rec, true
}
