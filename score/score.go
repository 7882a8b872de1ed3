package score

import (
	"strings"
	"unsafe"

	"jixiao"
	"jixiao/check"
)

// Indicator is one indicator row of a self-evaluation table (项目支出绩效自评表): the
// approved target, what was achieved, and what the row's scorer wrote.
type Indicator struct {
	Path   string // the row's cell path for findings, e.g. "indicators[3]"
	Level1 string
	Level2 string
	Name   string
	Target jixiao.Target // 年度指标值, from the approved plan
	Actual jixiao.Target // 实际完成值, read by jixiao.ParseTarget
	Weight jixiao.Decimal
	// Direction is the row's 指标方向 when the table states it; empty: from the operator.
	Direction jixiao.Direction
	// Judged is the evaluator's score where the rule leaves the score to them: a 定性
	// indicator (within its band), an = target or a deadline not met, a deduction for
	// over-achievement. Empty when not given.
	Judged jixiao.Decimal
	// Written is the score as an imported table wrote it; empty when none.
	Written jixiao.Decimal
	// Reason is 偏差原因分析及改进措施.
	Reason string
}

// Budget is the budget-execution part of a self-evaluation table.
type Budget struct {
	Path     string         // e.g. "budget"
	Initial  jixiao.Decimal // 年初预算数
	Adjusted jixiao.Decimal // 全年预算数 (A); Initial when empty
	Executed jixiao.Decimal // 全年执行数 (B)
	// WrittenRate (percent) and WrittenScore are the table's own figures, if any.
	WrittenRate  jixiao.Decimal
	WrittenScore jixiao.Decimal
	Reason       string // why execution is low, where the rule requires it
	// Derived, when set, says how the figures were derived from other rows of the table
	// (a total left empty); it is reported as a warning.
	Derived string
}

// Evaluation is a whole self-evaluation table to score.
type Evaluation struct {
	Budget       Budget
	Indicators   []Indicator
	WrittenTotal jixiao.Decimal // 总分 as written; empty when none
	WrittenGrade string
}

// Method says how an indicator's score was obtained.
type Method string

// Methods.
const (
	MethodFull    Method = "full"    // target met: the whole 分值
	MethodRatio   Method = "ratio"   // not met: 正向 实际÷指标值×分值, 反向 指标值÷实际×分值
	MethodJudged  Method = "judged"  // the evaluator's score, where the rule leaves it to them
	MethodPending Method = "pending" // the evaluator still has to score it
)

// IndicatorScore is the result for one indicator.
type IndicatorScore struct {
	Path         string         `json:"path"`
	Name         string         `json:"name"`
	Weight       jixiao.Decimal `json:"weight"`
	Target       string         `json:"target"`
	Actual       string         `json:"actual"`
	Score        jixiao.Decimal `json:"score"`        // null while pending
	WrittenScore jixiao.Decimal `json:"writtenScore"` // null when the table had none
	Method       Method         `json:"method"`
	Met          bool           `json:"met"`
	Band         string         `json:"band,omitempty"`
	Over         bool           `json:"overAchieved,omitempty"`
	Clause       Clause         `json:"clause,omitempty"`     // the rule's clause the score came from
	Arithmetic   string         `json:"arithmetic,omitempty"` // e.g. "实际完成值 90 ÷ 指标值 95 × 分值 10 = 9.47"
}

// ExecutionScore is the result for budget execution.
type ExecutionScore struct {
	Rate         jixiao.Decimal `json:"rate"` // percent, two places; null when A is missing
	Points       jixiao.Decimal `json:"points"`
	Score        jixiao.Decimal `json:"score"`
	WrittenScore jixiao.Decimal `json:"writtenScore"`
	Arithmetic   string         `json:"arithmetic,omitempty"`
}

// Result is a scored self-evaluation.
type Result struct {
	Rule         string           `json:"rule"`
	Total        jixiao.Decimal   `json:"total"`        // computed
	WrittenTotal jixiao.Decimal   `json:"writtenTotal"` // as written, or null
	Grade        string           `json:"grade"`
	WrittenGrade string           `json:"writtenGrade,omitempty"`
	Complete     bool             `json:"complete"` // no score is waiting for the evaluator
	Execution    ExecutionScore   `json:"execution"`
	Indicators   []IndicatorScore `json:"indicators"`
	Findings     []check.Finding  `json:"findings"`
	Arithmetic   string           `json:"arithmetic,omitempty"` // the total's sum
}

var hundred = jixiao.Int(100)

// Score scores a self-evaluation by the rule: every score it can compute, with its
// arithmetic; the evaluator's scores where the rule leaves them to the evaluator; and a
// finding for each figure the table wrote that differs from the computed one, for each
// shortfall without a reason, and for weights that do not add up.
func (r *Rule) Score(e *Evaluation) *Result {
	res := &Result{Rule: r.ID, WrittenTotal: e.WrittenTotal, WrittenGrade: e.WrittenGrade, Complete: true}
	res.Indicators = make([]IndicatorScore, len(e.Indicators))
	// The arithmetic of every row is written into one buffer and cut into strings once:
	// scoring runs over millions of indicators and must not allocate per row.
	a := arith{b: make([]byte, 0, 80*len(e.Indicators))}
	ends := make([]int, 2*len(e.Indicators))
	for i := range e.Indicators {
		ends[2*i] = len(a.b)
		r.scoreIndicator(&res.Indicators[i], &e.Indicators[i], &res.Findings, &a)
		ends[2*i+1] = len(a.b)
		if res.Indicators[i].Method == MethodPending {
			res.Complete = false
		}
	}
	all := a.String()
	for i := range res.Indicators {
		res.Indicators[i].Arithmetic = all[ends[2*i]:ends[2*i+1]]
	}
	res.Execution = r.scoreExecution(&e.Budget, &res.Findings)
	r.checkWeights(e, &res.Findings)

	total := res.Execution.Score
	if !total.IsSet() {
		total = jixiao.NewDecimal(0, r.Places)
	}
	sum := arith{b: make([]byte, 0, 8*len(res.Indicators)+16)}
	sum.d(res.Execution.Score)
	for _, s := range res.Indicators {
		if s.Score.IsSet() {
			total = total.Add(s.Score)
			sum.s(" + ").d(s.Score)
		}
	}
	sum.s(" = ").d(total)
	res.Total = total
	res.Arithmetic = sum.String()
	if res.Complete {
		res.Grade = r.Grade(total) // no grade for a total that is still missing scores
	} else {
		res.Findings = append(res.Findings, check.Finding{Rule: "score.pending", Severity: check.Info, Path: "total",
			Message: "有指标尚待评价人打分，总分暂不完整。"})
	}
	if e.WrittenTotal.IsSet() && !writtenMatches(e.WrittenTotal, total) {
		res.Findings = append(res.Findings, check.Finding{Rule: "score.total.written", Severity: check.Warning, Path: "total",
			Message:    "表中总分为 " + e.WrittenTotal.String() + "，按评分规则计算为 " + total.String() + "，相差 " + total.Sub(e.WrittenTotal).Abs().String() + "。",
			Arithmetic: res.Arithmetic})
	}
	if e.WrittenGrade != "" && strings.TrimSpace(e.WrittenGrade) != res.Grade && res.Complete {
		res.Findings = append(res.Findings, check.Finding{Rule: "score.grade.written", Severity: check.Warning, Path: "grade",
			Message: "表中评价等级为“" + strings.TrimSpace(e.WrittenGrade) + "”，按总分 " + total.String() + " 应为“" + res.Grade + "”。"})
	}
	return res
}

// arith writes arithmetic text without allocating a string per piece.
type arith struct{ b []byte }

// String returns the text written; the buffer is not written to after (no copy).
func (a *arith) String() string {
	if len(a.b) == 0 {
		return ""
	}
	return unsafe.String(&a.b[0], len(a.b))
}

func (a *arith) s(text string) *arith { a.b = append(a.b, text...); return a }
func (a *arith) d(v jixiao.Decimal) *arith {
	a.b = v.AppendFixed(a.b, v.Places())
	return a
}

// scoreIndicator scores one row into s (in place: an IndicatorScore is large, and copying
// it into the result costs more than scoring it); its arithmetic is appended to a.
func (r *Rule) scoreIndicator(s *IndicatorScore, in *Indicator, fs *[]check.Finding, a *arith) {
	*s = IndicatorScore{Path: in.Path, Name: in.Name, Weight: in.Weight, Target: in.Target.Text, Actual: in.Actual.Text,
		WrittenScore: in.Written, Method: MethodPending}
	start := len(a.b)
	add := func(rule string, sev check.Severity, cell, msg string) {
		*fs = append(*fs, check.Finding{Rule: rule, Severity: sev, Path: in.Path + cell, Message: "“" + in.Name + "”" + msg})
	}
	if !in.Weight.IsSet() {
		add("score.weight.missing", check.Error, ".weight", "没有分值，无法计分。")
		return
	}
	w := in.Weight
	c := jixiao.CompareActual(in.Target, in.Actual)
	dir := impliedDirection(in)
	s.Met, s.Clause = c.Comparable && c.Met, clauseOf(in, c, dir)
	switch {
	case c.Comparable && c.Met:
		s.Score, s.Method = round(w, r.Places, r.Rounding), MethodFull
		a.s("已达成指标值，得满分 ").d(s.Score)
		if c.Numeric && r.overAchieved(c, dir) {
			s.Over, s.Clause = true, ClauseOver
			add("score.over", check.Warning, ".actual", "实际完成值 "+c.Actual.String()+" 远超指标值 "+c.Target.String()+
				"（达到规则所定的 "+r.OverAchievement.String()+" 倍），指标值可能定得过低。")
			if r.OverDeduct && in.Judged.IsSet() {
				s.Score, s.Method = r.judged(in, w, add), MethodJudged
				a.s("；超额完成，评价人酌情扣分后得 ").d(s.Score)
			}
		}
	case c.Comparable && c.Numeric && !c.Met && r.ratioApplies(c, dir):
		s.Score = r.ratio(c, dir, w, a)
		s.Method = MethodRatio
	case in.Judged.IsSet():
		s.Score, s.Method = r.judged(in, w, add), MethodJudged
		a.s("评价人评分 ").d(s.Score)
	case strings.TrimSpace(in.Actual.Text) == "":
		add("score.actual.missing", check.Warning, ".actual", "未填写实际完成值，无法计分。")
		return
	default:
		msg := "须由评价人打分"
		if c.Problem != "" {
			msg = c.Problem
			msg = strings.TrimSuffix(msg, "。") + "，须由评价人打分"
		}
		if c.Comparable && !c.Met && in.Target.Kind == jixiao.TargetQualitative && len(r.Bands) > 0 {
			msg = "未完全达成，须由评价人在“" + r.Bands[min(1, len(r.Bands)-1)].Name + "”等档内打分"
		}
		add("score.judge", check.Info, ".score", msg+"。")
		return
	}
	if len(r.Bands) > 0 && (in.Target.Kind == jixiao.TargetQualitative || s.Method == MethodJudged) && w.Cmp(jixiao.Int(0)) > 0 {
		if b := r.band(mulDiv(s.Score, hundred, w, 2, "half-up")); b >= 0 {
			s.Band = r.Bands[b].Name
		}
	}
	if s.Score.Cmp(w) < 0 && strings.TrimSpace(in.Reason) == "" {
		add("score.reason", check.Error, ".reason", "得分 "+s.Score.String()+" 低于分值 "+w.String()+"，须填写偏差原因分析及改进措施。")
	}
	if in.Written.IsSet() && s.Method != MethodJudged && !writtenMatches(in.Written, s.Score) {
		*fs = append(*fs, check.Finding{Rule: "score.written", Severity: check.Warning, Path: in.Path + ".score",
			Message:    "“" + in.Name + "”表中得分为 " + in.Written.String() + "，按评分规则计算为 " + s.Score.String() + "，相差 " + s.Score.Sub(in.Written).Abs().String() + "。",
			Arithmetic: string(a.b[start:])})
	}
}

// judged takes the evaluator's score, held to [0, 分值].
func (r *Rule) judged(in *Indicator, w jixiao.Decimal, add func(rule string, sev check.Severity, cell, msg string)) jixiao.Decimal {
	j := in.Judged
	if j.Cmp(w) > 0 {
		add("score.judged.range", check.Error, ".score", "评价人评分 "+j.String()+" 超过分值 "+w.String()+"，按分值计。")
		j = w
	} else if j.Cmp(jixiao.Int(0)) < 0 {
		add("score.judged.range", check.Error, ".score", "评价人评分 "+j.String()+" 小于 0，按 0 计。")
		j = jixiao.NewDecimal(0, 0)
	}
	return round(j, r.Places, r.Rounding)
}

// direction is the operator's direction, else the row's stated one.
func direction(c jixiao.Comparison, stated jixiao.Direction) jixiao.Direction {
	if d := jixiao.DirectionOf(c.Op); d != jixiao.DirectionNone {
		return d
	}
	return stated // an = target: only a stated direction makes it a ratio
}

// impliedDirection is the direction of a rate written as a bare percentage (执行率 100%,
// 覆盖率 95%): tables write "100%" for "at least 100%", so such a rate is 正向, unless
// its name says less is better (发生率, 差错率, 投诉率 …). An = written out stays an =.
func impliedDirection(in *Indicator) jixiao.Direction {
	t := in.Target
	if in.Direction != jixiao.DirectionNone || t.Kind != jixiao.TargetNumeric || t.Op != jixiao.OpNone ||
		(t.Unit != "%" && t.Unit != "％") || !strings.Contains(in.Name, "率") {
		return in.Direction
	}
	for _, w := range negativeRates {
		if strings.Contains(in.Name, w) {
			return jixiao.DirectionNegative
		}
	}
	return jixiao.DirectionPositive
}

// negativeRates are the words of rates where less is better.
var negativeRates = []string{"发生率", "事故率", "差错率", "错误率", "投诉率", "下降率", "降低率", "空置率", "失业率", "流失率", "死亡率", "返工率", "漏检率", "误报率", "违规率", "超标率", "损耗率", "结余率", "闲置率", "不合格率", "故障率"}

func (r *Rule) ratioApplies(c jixiao.Comparison, stated jixiao.Direction) bool {
	switch direction(c, stated) {
	case jixiao.DirectionPositive:
		return c.Target.Cmp(jixiao.Int(0)) > 0
	case jixiao.DirectionNegative:
		return c.Actual.Cmp(jixiao.Int(0)) > 0 && c.Target.Cmp(jixiao.Int(0)) >= 0
	}
	return false
}

// ratio scores an unmet quantitative target: 正向 实际÷指标值×分值, 反向 指标值÷实际×分值,
// never above 分值 nor below 0.
func (r *Rule) ratio(c jixiao.Comparison, stated jixiao.Direction, w jixiao.Decimal, a *arith) jixiao.Decimal {
	var v jixiao.Decimal
	if direction(c, stated) == jixiao.DirectionPositive {
		act := c.Actual
		if act.Cmp(jixiao.Int(0)) < 0 {
			act = jixiao.Int(0)
		}
		v = mulDiv(act, w, c.Target, r.Places, r.Rounding)
		a.s("实际完成值 ").d(c.Actual).s(" ÷ 指标值 ").d(c.Target).s(" × 分值 ").d(w).s(" = ").d(v)
	} else {
		v = mulDiv(c.Target, w, c.Actual, r.Places, r.Rounding)
		a.s("指标值 ").d(c.Target).s(" ÷ 实际完成值 ").d(c.Actual).s(" × 分值 ").d(w).s(" = ").d(v)
	}
	if v.Cmp(w) > 0 {
		v = round(w, r.Places, r.Rounding)
		a.s("，以分值 ").d(v).s(" 为限")
	}
	return v
}

// overAchieved reports a met numeric target beaten by the rule's multiple: 正向 actual ≥
// k × target, 反向 target ≥ k × actual.
func (r *Rule) overAchieved(c jixiao.Comparison, stated jixiao.Direction) bool {
	k := r.OverAchievement
	if !k.IsSet() || k.Cmp(jixiao.Int(1)) <= 0 {
		return false
	}
	zero := jixiao.Int(0)
	switch direction(c, stated) {
	case jixiao.DirectionPositive:
		return c.Target.Cmp(zero) > 0 && c.Actual.Cmp(mulDiv(c.Target, k, jixiao.Int(1), jixiao.MaxPlaces, "half-up")) >= 0
	case jixiao.DirectionNegative:
		return c.Actual.Cmp(zero) > 0 && c.Target.Cmp(mulDiv(c.Actual, k, jixiao.Int(1), jixiao.MaxPlaces, "half-up")) >= 0
	}
	return false
}

func (r *Rule) scoreExecution(b *Budget, fs *[]check.Finding) ExecutionScore {
	pts := r.Execution.Points
	es := ExecutionScore{Points: pts, WrittenScore: b.WrittenScore}
	path := b.Path
	if path == "" {
		path = "budget"
	}
	a := b.Adjusted
	if !a.IsSet() {
		a = b.Initial
	}
	switch {
	case !a.IsSet() || a.Cmp(jixiao.Int(0)) <= 0:
		*fs = append(*fs, check.Finding{Rule: "score.execution.budget", Severity: check.Error, Path: path + ".adjusted",
			Message: "缺少全年预算数（A），无法计算预算执行率。"})
		return es
	case !b.Executed.IsSet():
		*fs = append(*fs, check.Finding{Rule: "score.execution.executed", Severity: check.Error, Path: path + ".executed",
			Message: "缺少全年执行数（B），无法计算预算执行率。"})
		return es
	}
	if b.Derived != "" {
		*fs = append(*fs, check.Finding{Rule: "score.execution.total", Severity: check.Warning, Path: path + ".adjusted", Message: b.Derived})
	}
	es.Rate = mulDiv(b.Executed, hundred, a, 2, "half-up")
	es.Score = mulDiv(pts, b.Executed, a, r.Places, r.Rounding)
	es.Arithmetic = "全年执行数 " + b.Executed.String() + " ÷ 全年预算数 " + a.String() + " × 分值 " + pts.String() + " = " + es.Score.String()
	if r.Execution.Cap && es.Score.Cmp(pts) > 0 {
		es.Score = round(pts, r.Places, r.Rounding)
		es.Arithmetic += "，执行率超过 100%，以分值 " + es.Score.String() + " 为限"
	}
	if es.Score.Cmp(jixiao.Int(0)) < 0 {
		es.Score = jixiao.NewDecimal(0, r.Places)
	}
	if rb := r.Execution.ReasonBelow; rb.IsSet() && es.Rate.Cmp(rb) < 0 && strings.TrimSpace(b.Reason) == "" {
		*fs = append(*fs, check.Finding{Rule: "score.execution.reason", Severity: check.Error, Path: path + ".reason",
			Message: "预算执行率为 " + es.Rate.String() + "%，低于 " + rb.String() + "%，须写明原因。"})
	}
	if b.WrittenRate.IsSet() && !writtenMatches(b.WrittenRate, mulDiv(b.Executed, hundred, a, jixiao.MaxPlaces, "half-up")) {
		*fs = append(*fs, check.Finding{Rule: "score.execution.rate", Severity: check.Warning, Path: path + ".rate",
			Message:    "表中预算执行率为 " + b.WrittenRate.String() + "%，按全年执行数 ÷ 全年预算数计算为 " + es.Rate.String() + "%。",
			Arithmetic: b.Executed.String() + " ÷ " + a.String() + " = " + es.Rate.String() + "%"})
	}
	if b.WrittenScore.IsSet() && !writtenMatches(b.WrittenScore, es.Score) && !writtenMatches(b.WrittenScore, mulDiv(pts, b.Executed, a, jixiao.MaxPlaces, "half-up")) {
		*fs = append(*fs, check.Finding{Rule: "score.execution.written", Severity: check.Warning, Path: path + ".score",
			Message:    "表中预算执行得分为 " + b.WrittenScore.String() + "，按评分规则计算为 " + es.Score.String() + "。",
			Arithmetic: es.Arithmetic})
	}
	return es
}

// writtenMatches reports whether a figure as written agrees with the computed one to the
// places it was written with: 9.5 agrees with 9.47 rounded to one place (either way of
// rounding, as tables differ: "rounding of 86% to a whole point varies").
func writtenMatches(written, computed jixiao.Decimal) bool {
	p := written.Places()
	return round(computed, p, "half-up").Equal(written) || round(computed, p, "down").Equal(written)
}

// checkWeights checks that the points add up to 100 with budget execution and, unless
// the rule lets plans set their own, that each 一级 has the rule's points.
func (r *Rule) checkWeights(e *Evaluation, fs *[]check.Finding) {
	sums := make([]jixiao.Decimal, len(r.Weights))
	total := r.Execution.Points
	any := false
	lastK, last1, last2 := -1, "", ""
	for i := range e.Indicators {
		in := &e.Indicators[i]
		if !in.Weight.IsSet() {
			continue
		}
		any = true
		total = total.Add(in.Weight)
		// Rows of one 一级/二级 follow each other: the last one's category is reused.
		if in.Level1 != last1 || in.Level2 != last2 || i == 0 {
			lastK, last1, last2 = r.category(in.Level1, in.Level2), in.Level1, in.Level2
		}
		if k := lastK; k >= 0 {
			sums[k] = sums[k].Add(in.Weight)
		}
	}
	if !any {
		return
	}
	if !total.Equal(hundred) {
		*fs = append(*fs, check.Finding{Rule: "score.weights.total", Severity: check.Error, Path: "indicators",
			Message: "各指标分值与预算执行率分值 " + r.Execution.Points.String() + " 之和为 " + total.String() + "，应为 100。"})
	}
	for k, w := range r.Weights {
		if sums[k].Equal(w.Points) {
			continue
		}
		got := sums[k]
		if !got.IsSet() {
			got = jixiao.Int(0)
		}
		sev, tail := check.Error, "，本规则不允许调整。"
		if r.PlanWeights {
			sev, tail = check.Info, "；规则允许特殊情况下适当调整，请确认已说明理由。"
		}
		*fs = append(*fs, check.Finding{Rule: "score.weights.level1", Severity: sev, Path: "indicators",
			Message: w.Level1 + "指标分值合计为 " + got.String() + "，规则建议为 " + w.Points.String() + tail})
	}
}
