package score

import "jixiao"

// Clause names the clause of the rule an indicator's score came from (财预〔2020〕10号
// 附件的评分方法, as the rule file sets it), so that the finance bureau's re-check
// differences can be reported per clause: a bureau that lowers many 定性 scores and no
// ratio is reading the bands differently from its units, not catching arithmetic.
type Clause string

const (
	ClausePositive    Clause = "positive"    // 定量正向（≥）：达成满分，未达成 实际 ÷ 指标值 × 分值
	ClauseNegative    Clause = "negative"    // 定量反向（≤）：达成满分，未达成 指标值 ÷ 实际 × 分值
	ClauseEqual       Clause = "equal"       // = 指标与时限：达成满分，未达成由评价人打分
	ClauseQualitative Clause = "qualitative" // 定性：达成、部分达成、未达成三档
	ClauseOver        Clause = "over"        // 超额完成：指标值可能过低，可酌情扣分
	ClauseJudged      Clause = "judged"      // 无法比较（多项、无法识别）：由评价人打分
)

// Clauses lists the clauses in the order reports show them.
var Clauses = []Clause{ClausePositive, ClauseNegative, ClauseEqual, ClauseQualitative, ClauseOver, ClauseJudged}

// Label is the clause as a report names it.
func (c Clause) Label() string {
	switch c {
	case ClausePositive:
		return "定量正向指标（≥）"
	case ClauseNegative:
		return "定量反向指标（≤）"
	case ClauseEqual:
		return "“=”指标及时限指标"
	case ClauseQualitative:
		return "定性指标（分档）"
	case ClauseOver:
		return "超额完成扣分"
	case ClauseJudged:
		return "评价人打分（无法比较）"
	}
	return string(c)
}

// clauseOf is the clause that scores the indicator: by the target's kind and the
// comparison's direction (the operator, else the row's stated or implied one).
func clauseOf(in *Indicator, c jixiao.Comparison, stated jixiao.Direction) Clause {
	switch in.Target.Kind {
	case jixiao.TargetQualitative:
		return ClauseQualitative
	case jixiao.TargetPeriod:
		return ClauseEqual
	case jixiao.TargetNumeric:
		switch direction(c, stated) {
		case jixiao.DirectionPositive:
			return ClausePositive
		case jixiao.DirectionNegative:
			return ClauseNegative
		}
		return ClauseEqual
	}
	return ClauseJudged
}
