package http

import (
	"strings"

	"jixiao"
)

// mergeImport is "合并：只填入文件中有的内容": the stored plan with what the file fills
// in, and nothing taken away. It returns a new plan; neither argument is changed.
//
//   - A cell the file leaves empty keeps the stored value; a cell the file fills replaces
//     it (texts, amounts, 项目实施期, a 指标值 by its text).
//   - Rows (重点工作 by 事项, 指标 by 三级指标, 专项资金 and 支出方向 by name) are matched by
//     name: a file row with a name matches the first stored row of that name not matched
//     yet, and is added at the end when there is none. A file row without a name (a blank
//     template with only its 指标值 filled, say) matches the stored row at the same
//     position. A file row with no cell filled is skipped.
//   - No stored row is removed, and the order of the stored rows is kept.
//   - The plan's identity (department, year, version, state) and its confirmed roll-up
//     links stay the stored ones.
func mergeImport(stored, file *jixiao.Plan) *jixiao.Plan {
	p := clonePlan(stored)
	p.Submitter = fill(p.Submitter, file.Submitter)
	p.Framework = fill(p.Framework, file.Framework)
	p.Duties = fill(p.Duties, file.Duties)
	p.Goal = fill(p.Goal, file.Goal)
	p.FundAuthority = fill(p.FundAuthority, file.FundAuthority)
	fillAmount(&p.FundsTotal, file.FundsTotal)
	fillAmount(&p.Budget.Total, file.Budget.Total)
	fillAmount(&p.Budget.GeneralBudget, file.Budget.GeneralBudget)
	fillAmount(&p.Budget.GovFund, file.Budget.GovFund)
	fillAmount(&p.Budget.OtherFunds, file.Budget.OtherFunds)
	fillAmount(&p.Budget.Basic, file.Budget.Basic)
	fillAmount(&p.Budget.Project, file.Budget.Project)

	p.KeyTasks = mergeRows(p.KeyTasks, file.KeyTasks,
		func(t jixiao.KeyTask) string { return t.Item },
		func(t jixiao.KeyTask) bool { return t == jixiao.KeyTask{} },
		func(s, f jixiao.KeyTask) jixiao.KeyTask {
			return jixiao.KeyTask{Item: fill(s.Item, f.Item), Owner: fill(s.Owner, f.Owner), Objective: fill(s.Objective, f.Objective),
				Spending: fill(s.Spending, f.Spending), SpendingAmount: fill(s.SpendingAmount, f.SpendingAmount)}
		})
	p.Indicators = mergeIndicators(p.Indicators, file.Indicators)
	p.SpecialFunds = mergeRows(p.SpecialFunds, file.SpecialFunds,
		func(f jixiao.SpecialFund) string { return f.Name },
		func(f jixiao.SpecialFund) bool { return f.Name == "" && !f.Amount.IsSet() && len(f.Items) == 0 },
		func(s, f jixiao.SpecialFund) jixiao.SpecialFund {
			s.Name = fill(s.Name, f.Name)
			fillAmount(&s.Amount, f.Amount)
			s.Items = mergeRows(s.Items, f.Items,
				func(it jixiao.FundItem) string { return it.Name },
				emptyItem, mergeItem)
			return s
		})
	return p
}

func mergeItem(s, f jixiao.FundItem) jixiao.FundItem {
	s.Name = fill(s.Name, f.Name)
	fillAmount(&s.Amount, f.Amount)
	if strings.TrimSpace(f.Period.Text) != "" || f.Period.IsSet() {
		s.Period = f.Period
	}
	s.PeriodGoal = fill(s.PeriodGoal, f.PeriodGoal)
	s.AnnualGoal = fill(s.AnnualGoal, f.AnnualGoal)
	s.Indicators = mergeIndicators(s.Indicators, f.Indicators)
	if f.Summary != nil {
		sum := *f.Summary
		s.Summary = &sum
	}
	return s
}

func emptyItem(it jixiao.FundItem) bool {
	return it.Name == "" && !it.Amount.IsSet() && strings.TrimSpace(it.Period.Text) == "" && it.PeriodGoal == "" &&
		it.AnnualGoal == "" && len(it.Indicators) == 0
}

func mergeIndicators(stored, file []jixiao.Indicator) []jixiao.Indicator {
	return mergeRows(stored, file,
		func(in jixiao.Indicator) string { return in.Name },
		func(in jixiao.Indicator) bool {
			return in.Level1 == "" && in.Level2 == "" && in.Name == "" && strings.TrimSpace(in.Target.Text) == "" && in.Note == ""
		},
		func(s, f jixiao.Indicator) jixiao.Indicator {
			text := s.Target.Text
			if strings.TrimSpace(f.Target.Text) != "" {
				text = f.Target.Text
			}
			// The 指标值 is read again under the merged levels (a satisfaction percentage
			// means "at least"), as a save from the form would read it.
			s = jixiao.NewIndicator(fill(s.Level1, f.Level1), fill(s.Level2, f.Level2), fill(s.Name, f.Name), text, fill(s.Note, f.Note))
			return s
		})
}

// mergeRows merges the rows of the file into the stored rows as mergeImport says: by
// name, else by position for a file row without one; rows matching nothing are added.
func mergeRows[T any](stored, file []T, name func(T) string, empty func(T) bool, merge func(s, f T) T) []T {
	out := append([]T(nil), stored...)
	used := make([]bool, len(stored))
	for j, f := range file {
		if empty(f) {
			continue
		}
		at := -1
		if key := normalizeKey(name(f)); key != "" {
			for i, s := range stored {
				if !used[i] && normalizeKey(name(s)) == key {
					at = i
					break
				}
			}
		} else if j < len(stored) && !used[j] {
			at = j
		}
		if at < 0 {
			out = append(out, f)
			continue
		}
		used[at] = true
		out[at] = merge(out[at], f)
	}
	return out
}

// normalizeKey folds white space, so that a name wrapped differently still matches.
func normalizeKey(s string) string { return strings.Join(strings.Fields(s), "") }

// fill is the merged value of a text cell: the file's when it says something.
func fill(stored, file string) string {
	if strings.TrimSpace(file) != "" {
		return file
	}
	return stored
}

func fillAmount(stored *jixiao.Amount, file jixiao.Amount) {
	if file.IsSet() {
		*stored = file
	}
}
