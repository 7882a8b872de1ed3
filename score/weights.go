package score

import "jixiao"

// SuggestWeights proposes the 分值 of indicators that have none: each 一级's points of
// the rule shared out evenly, in whole points, among its indicators without a 分值 (the
// first ones get the remainder). Indicators of no 一级 of the rule, and every indicator
// that has a 分值, are left as they are. The unit may change them; the sum is checked
// when scoring.
func (r *Rule) SuggestWeights(ins []jixiao.IndicatorOutcome) []jixiao.Decimal {
	out := make([]jixiao.Decimal, len(ins))
	groups := make([][]int, len(r.Weights))
	left := make([]jixiao.Decimal, len(r.Weights))
	for k, w := range r.Weights {
		left[k] = w.Points
	}
	for i := range ins {
		out[i] = ins[i].Weight
		k := r.category(ins[i].Level1, ins[i].Level2)
		if k < 0 {
			continue
		}
		if ins[i].Weight.IsSet() {
			left[k] = left[k].Sub(ins[i].Weight)
		} else {
			groups[k] = append(groups[k], i)
		}
	}
	for k, g := range groups {
		if len(g) == 0 || left[k].Cmp(jixiao.Int(0)) <= 0 {
			continue
		}
		whole := left[k].Micros() / jixiao.Int(1).Micros()
		n := int64(len(g))
		for j, i := range g {
			p := whole / n
			if int64(j) < whole%n {
				p++
			}
			out[i] = jixiao.Int(p)
		}
	}
	return out
}
