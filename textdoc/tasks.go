package textdoc

import (
	"strings"

	"jixiao"
)

// taskMoney is what the 预算金额 columns of a task block hold in the national
// department-wide form of 财预〔2015〕88号:
//
//	年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元） |          |
//	             |          |          | 总额             | 财政拨款 | 其他资金
//	             | 任务1    | …        | 100              | 100      | 0
//	金额合计     |          |          | 150              | 140      | 10
//
// The second header row names the columns after 总额; the 金额合计 row is the
// department's budget.
type taskMoney struct {
	names      []string // 总额, 财政拨款, 其他资金: from the second header row
	totals     []string // the 金额合计 row, from the 预算金额 column on
	totalsLine int
	other      []jixiao.LabelValue // the sources of each task, as written
}

// taskRow reads one row of a 年度重点工作计划 / 年度主要任务 block.
func (b *block) taskRow(rw row, get func(column) string) {
	item, owner, obj := joinLines(get(colTaskItem)), joinLines(get(colTaskOwner)), get(colTaskObjective)
	at := b.h[colTaskAmount]
	var money []string
	if at >= 0 {
		end := b.width
		for _, c := range []column{colTaskItem, colTaskOwner, colTaskObjective} {
			if j := b.h[c]; j > at && j < end {
				end = j // the amount's own columns end where another task column begins
			}
		}
		for j := at; j < end; j++ {
			money = append(money, strings.TrimSpace(rw.cell(j)))
		}
		if first := rw.firstNonEmpty(); first >= 0 && first < at && isTotalLabel(rw.cells[first].key) {
			b.money.totals, b.money.totalsLine = money, rw.line
			if len(rw.cells) < b.width {
				// 金额合计 one cell over the columns left of the amounts (a merge in Word or
				// Excel): the figures after it are the amounts, in order.
				var figures []string
				for _, c := range rw.cells[first+1:] {
					if t := strings.TrimSpace(c.text); t != "" {
						figures = append(figures, t)
					}
				}
				if len(figures) <= end-at {
					b.money.totals = figures
				}
			}
			return
		}
	}
	if item == "" && owner == "" && obj == "" {
		if b.money.names == nil && len(money) > 0 && money[0] != "" && !firstIsDigit(money[0]) {
			b.money.names = money
		}
		return
	}
	t := jixiao.KeyTask{Item: item, Owner: owner, Objective: obj}
	if len(money) > 0 {
		t.SpendingAmount = money[0]
		for k := 1; k < len(money); k++ {
			if money[k] != "" {
				b.money.other = append(b.money.other, jixiao.LabelValue{Label: item + " " + b.money.name(k), Value: money[k]})
			}
		}
	}
	b.tasks = append(b.tasks, t)
	b.n++
}

// name is the name of the k-th 预算金额 column (财政拨款), as the second header row writes it.
func (m taskMoney) name(k int) string {
	if k < len(m.names) && m.names[k] != "" {
		return m.names[k]
	}
	if k == 0 {
		return "预算金额"
	}
	return "预算金额第" + string(rune('0'+k+1)) + "列"
}

// isTotalLabel reports whether a cell heads a row of totals: 金额合计, 合计, 总计.
func isTotalLabel(key string) bool {
	switch strings.TrimRight(key, ":") {
	case "金额合计", "合计", "总计", "资金合计", "预算金额合计":
		return true
	}
	return false
}

// taskTotals takes the department's budget from the 金额合计 row of a task block: 总额 is
// its 资金总额 (unless the table gives one elsewhere), the columns after it its sources by
// their names (财政拨款, 其他资金); what has no place in the budget is kept in Other.
func (r *reader) taskTotals(b *block, u unit, seen map[field]int) error {
	p := &r.plan
	r.deptOther = append(r.deptOther, b.money.other...)
	for k, v := range b.money.totals {
		if v == "" {
			continue
		}
		name := b.money.name(k)
		f := fTotal
		if k > 0 {
			key, _ := labelKey(name)
			f = deptLabels.match(cell{text: name, key: key}).f
		}
		amt := budgetAmount(&p.Budget, f)
		if _, dup := seen[f]; amt == nil || dup {
			r.deptOther = append(r.deptOther, jixiao.LabelValue{Label: "金额合计 " + name, Value: v})
			continue
		}
		a, err := r.parseAmount(v, u, b.money.totalsLine)
		if err != nil {
			return err
		}
		*amt, seen[f] = a, b.money.totalsLine
	}
	return nil
}
