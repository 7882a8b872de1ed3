package score

import (
	"strconv"
	"strings"

	"jixiao"
)

// FromRecord turns a self-evaluation as filed (jixiao.SelfEvaluation) into the input of
// Score. The unit's own scores are kept twice: as the written score every computed one
// is compared with, and as the evaluator's score where the rule leaves the score to the
// evaluator (a 定性 indicator, an = target or a deadline missed), because there the
// unit's self-evaluation is that judgement.
func FromRecord(se *jixiao.SelfEvaluation) *Evaluation {
	e := &Evaluation{WrittenTotal: se.WrittenTotal, WrittenGrade: se.Grade}
	if f := totalFunds(se.Funds); f != nil {
		e.Budget = Budget{Path: "budget", Initial: f.Initial, Adjusted: f.Adjusted, Executed: f.Executed,
			WrittenRate: f.Rate, WrittenScore: f.Score, Reason: f.Reason}
		// A total row left at 0 (or empty) while its sources hold the money is a slip of
		// the table, seen in real ones: the sources' sum is used, and said so.
		if !positive(f.Adjusted) && !positive(f.Initial) {
			var ini, adj, exe jixiao.Decimal
			for i := range se.Funds {
				if g := &se.Funds[i]; g != f {
					ini, adj, exe = ini.Add(g.Initial), adj.Add(g.Adjusted), exe.Add(g.Executed)
				}
			}
			if positive(adj) || positive(ini) {
				e.Budget.Initial, e.Budget.Adjusted, e.Budget.Executed = ini, adj, exe
				e.Budget.Derived = "“" + f.Name + "”一行未填写金额（或为 0），按其中各项资金之和计算：全年预算数 " +
					adj.String() + "，全年执行数 " + exe.String() + "。"
			}
		}
	}
	e.Indicators = make([]Indicator, len(se.Indicators))
	for i := range se.Indicators {
		in := &se.Indicators[i]
		path := "indicators[" + strconv.Itoa(i) + "]"
		e.Indicators[i] = Indicator{Path: path, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
			Target: in.Target, Actual: in.Actual, Weight: in.Weight, Direction: in.Direction,
			Judged: in.Score, Written: in.Score, Reason: in.Reason}
	}
	return e
}

// totalFunds is the row of all funds: 年度资金总额 / 总额 / 合计, else the first row.
func totalFunds(fs []jixiao.FundExecution) *jixiao.FundExecution {
	for i := range fs {
		n := fs[i].Name
		if strings.Contains(n, "总额") || strings.Contains(n, "合计") || strings.Contains(n, "总计") {
			return &fs[i]
		}
	}
	if len(fs) > 0 {
		return &fs[0]
	}
	return nil
}

func positive(d jixiao.Decimal) bool { return d.IsSet() && d.Cmp(jixiao.Int(0)) > 0 }
