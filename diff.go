package jixiao

import (
	"strconv"
	"strings"
)

// ChangeKind says whether a value was added, removed or changed between two plans.
type ChangeKind string

// Kinds of change.
const (
	ChangeAdded   ChangeKind = "added"   // 新增
	ChangeRemoved ChangeKind = "removed" // 删除
	ChangeChanged ChangeKind = "changed" // 修改
)

// Label is the Chinese name of the kind for tables.
func (k ChangeKind) Label() string {
	switch k {
	case ChangeAdded:
		return "新增"
	case ChangeRemoved:
		return "删除"
	case ChangeChanged:
		return "修改"
	}
	return string(k)
}

// Change is one difference between two plans (two revisions, or two years of the same
// department): where (Path, as in Finding.Path; Label, in Chinese), what it was and what
// it is. A whole indicator row or fund item that was added or removed is one Change with
// the row written out in Old or New.
type Change struct {
	Path  string     `json:"path"`  // budget.total, indicators[3].target, specialFunds[0].items[1].periodGoal
	Label string     `json:"label"` // 资金总额, 年度绩效指标 第4行 指标值
	Old   string     `json:"old"`
	New   string     `json:"new"`
	Kind  ChangeKind `json:"kind"`
}

// DiffPlans returns what changed from a to b, field by field: the header, the budget, the
// duties, the key tasks (matched by 事项), the department indicators, the fund summary and
// each fund item with its indicators, and the project tables that belong to no fund
// (Plan.Projects, matched by name). Indicator rows are matched by (一级, 二级, 三级指标)
// rather than by position, so an inserted or reordered row shows as one change, not as a
// change of every later row; a row whose 三级指标 alone was edited is matched by its
// target, or as the only unmatched row of its 二级. Funds and items are matched by name.
// Paths of changed and added values index b; paths of removed ones index a. Amounts are
// compared by value (30 and 30.00 are the same); texts are compared with white space
// folded. Store metadata (ID, Version, Status) is not compared.
func DiffPlans(a, b *Plan) []Change {
	if a == nil {
		a = &Plan{}
	}
	if b == nil {
		b = &Plan{}
	}
	d := &differ{}
	d.text("department", "部门名称", a.Department, b.Department)
	d.text("departmentCode", "单位编码", a.DepartmentCode, b.DepartmentCode)
	d.text("submitter", "填报单位", a.Submitter, b.Submitter)
	d.text("year", "预算年度", yearText(a.Year), yearText(b.Year))
	d.text("framework", "指标体系", a.Framework, b.Framework)

	d.amount("budget.total", "资金总额", a.Budget.Total, b.Budget.Total)
	d.amount("budget.generalBudget", "一般公共预算拨款", a.Budget.GeneralBudget, b.Budget.GeneralBudget)
	d.amount("budget.govFund", "政府性基金拨款", a.Budget.GovFund, b.Budget.GovFund)
	d.amount("budget.otherFunds", "其他资金", a.Budget.OtherFunds, b.Budget.OtherFunds)
	d.amount("budget.basic", "基本支出", a.Budget.Basic, b.Budget.Basic)
	d.amount("budget.project", "项目支出", a.Budget.Project, b.Budget.Project)
	d.text("duties", "部门职责概述", a.Duties, b.Duties)
	d.keyTasks(a.KeyTasks, b.KeyTasks)
	d.indicators("indicators", "年度绩效指标", a.Indicators, b.Indicators)

	d.text("fundAuthority", "项目主管部门", a.FundAuthority, b.FundAuthority)
	d.amount("fundsTotal", "专项资金合计", a.FundsTotal, b.FundsTotal)
	d.funds(a.SpecialFunds, b.SpecialFunds)
	d.projects(a.Projects, b.Projects)
	return d.out
}

type differ struct{ out []Change }

func (d *differ) add(path, label, old, new string) {
	k := ChangeChanged
	switch {
	case old == "" && new != "":
		k = ChangeAdded
	case old != "" && new == "":
		k = ChangeRemoved
	}
	d.out = append(d.out, Change{Path: path, Label: label, Old: old, New: new, Kind: k})
}

func (d *differ) text(path, label, old, new string) {
	if sameText(old, new) {
		return
	}
	d.add(path, label, strings.TrimSpace(old), strings.TrimSpace(new))
}

func (d *differ) amount(path, label string, old, new Amount) {
	if old.IsSet() == new.IsSet() && old.Equal(new) {
		return
	}
	d.add(path, label, old.String(), new.String())
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// sameText compares two cells with white space folded (a line break inside a cell is not
// a change).
func sameText(a, b string) bool {
	return a == b || normalizeSpace(a) == normalizeSpace(b)
}

func diffIndex(prefix string, i int) string { return prefix + "[" + strconv.Itoa(i) + "]" }

func diffRow(i int) string { return "第" + strconv.Itoa(i+1) + "行" }

// keyTasks matches the rows of 年度重点工作计划 by 事项, then by position among the rest.
func (d *differ) keyTasks(a, b []KeyTask) {
	key := func(t KeyTask) string { return normalizeSpace(t.Item) }
	pairs, removed, added := matchRows(len(a), len(b),
		func(i, j int) bool { return key(a[i]) == key(b[j]) },
		func(i, j int) bool {
			return sameText(a[i].Objective, b[j].Objective) && sameText(a[i].Owner, b[j].Owner)
		},
		func(i, j int) bool { return true })
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		p, l := diffIndex("keyTasks", j), "年度重点工作计划 "+diffRow(j)
		d.text(p+".item", l+" 事项", a[i].Item, b[j].Item)
		d.text(p+".owner", l+" 责任单位/科室", a[i].Owner, b[j].Owner)
		d.text(p+".objective", l+" 工作目标", a[i].Objective, b[j].Objective)
	}
	for _, i := range removed {
		d.add(diffIndex("keyTasks", i), "年度重点工作计划 "+diffRow(i), keyTaskText(a[i]), "")
	}
	for _, j := range added {
		d.add(diffIndex("keyTasks", j), "年度重点工作计划 "+diffRow(j), "", keyTaskText(b[j]))
	}
}

func keyTaskText(t KeyTask) string {
	return strings.TrimSpace(t.Item) + " | " + strings.TrimSpace(t.Owner) + " | " + strings.TrimSpace(t.Objective)
}

// indicators compares two indicator tables row by row, matched by their levels and name.
func (d *differ) indicators(prefix, label string, a, b []Indicator) {
	key := func(in *Indicator) string {
		return normalizeSpace(in.Level1) + "\x00" + normalizeSpace(in.Level2) + "\x00" + normalizeSpace(in.Name)
	}
	group := func(in *Indicator) string { return normalizeSpace(in.Level1) + "\x00" + normalizeSpace(in.Level2) }
	pairs, removed, added := matchRows(len(a), len(b),
		func(i, j int) bool { return key(&a[i]) == key(&b[j]) },
		func(i, j int) bool {
			return group(&a[i]) == group(&b[j]) && sameText(a[i].Target.Text, b[j].Target.Text)
		},
		func(i, j int) bool { return group(&a[i]) == group(&b[j]) })
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		p, l := diffIndex(prefix, j), label+" "+diffRow(j)
		d.text(p+".level1", l+" 一级指标", a[i].Level1, b[j].Level1)
		d.text(p+".level2", l+" 二级指标", a[i].Level2, b[j].Level2)
		d.text(p+".name", l+" 三级指标", a[i].Name, b[j].Name)
		d.text(p+".target", l+" 指标值", a[i].Target.Text, b[j].Target.Text)
		d.text(p+".note", l+" 备注", a[i].Note, b[j].Note)
		d.columns(p, l, &a[i], &b[j])
	}
	for _, i := range removed {
		d.add(diffIndex(prefix, i), label+" "+diffRow(i), indicatorText(&a[i]), "")
	}
	for _, j := range added {
		d.add(diffIndex(prefix, j), label+" "+diffRow(j), "", indicatorText(&b[j]))
	}
}

// indicatorText writes a whole row: 产出指标 / 产出数量 / 培训次数：≥8次.
func indicatorText(in *Indicator) string {
	s := strings.TrimSpace(in.Level1) + " / " + strings.TrimSpace(in.Level2) + " / " + normalizeSpace(in.Name) + "：" + strings.TrimSpace(in.Target.Text)
	if n := strings.TrimSpace(in.Note); n != "" {
		s += "（备注：" + n + "）"
	}
	return s
}

// funds compares the special funds, matched by name, and their items, matched by name.
func (d *differ) funds(a, b []SpecialFund) {
	pairs, removed, added := matchRows(len(a), len(b),
		func(i, j int) bool { return normalizeSpace(a[i].Name) == normalizeSpace(b[j].Name) },
		func(i, j int) bool { return sameItemNames(a[i].Items, b[j].Items) },
		func(i, j int) bool { return false })
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		p := diffIndex("specialFunds", j)
		l := "专项资金“" + strings.TrimSpace(b[j].Name) + "”"
		d.text(p+".name", l+" 所属专项", a[i].Name, b[j].Name)
		d.amount(p+".amount", l+" 金额", a[i].Amount, b[j].Amount)
		d.items(p, l, a[i].Items, b[j].Items)
	}
	for _, i := range removed {
		d.add(diffIndex("specialFunds", i), "专项资金“"+strings.TrimSpace(a[i].Name)+"”", fundText(&a[i]), "")
	}
	for _, j := range added {
		d.add(diffIndex("specialFunds", j), "专项资金“"+strings.TrimSpace(b[j].Name)+"”", "", fundText(&b[j]))
	}
}

func sameItemNames(a, b []FundItem) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for i := range a {
		if normalizeSpace(a[i].Name) != normalizeSpace(b[i].Name) {
			return false
		}
	}
	return true
}

func fundText(f *SpecialFund) string {
	s := strings.TrimSpace(f.Name)
	if f.Amount.IsSet() {
		s += " " + f.Amount.String() + "万元"
	}
	if len(f.Items) > 0 {
		names := make([]string, len(f.Items))
		for k := range f.Items {
			names[k] = strings.TrimSpace(f.Items[k].Name)
		}
		s += "（" + strings.Join(names, "、") + "）"
	}
	return s
}

func (d *differ) items(fundPath, fundLabel string, a, b []FundItem) {
	pairs, removed, added := matchRows(len(a), len(b),
		func(i, j int) bool { return normalizeSpace(a[i].Name) == normalizeSpace(b[j].Name) },
		func(i, j int) bool {
			return a[i].Amount.Equal(b[j].Amount) && sameText(a[i].PeriodGoal, b[j].PeriodGoal)
		},
		func(i, j int) bool { return false })
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		x, y := &a[i], &b[j]
		p := diffIndex(fundPath+".items", j)
		l := "子项“" + strings.TrimSpace(y.Name) + "”"
		d.text(p+".name", l+" 支出方向", x.Name, y.Name)
		d.amount(p+".amount", l+" 项目金额", x.Amount, y.Amount)
		if !samePeriod(x.Period, y.Period) {
			d.add(p+".period", l+" 项目实施期", periodText(x.Period), periodText(y.Period))
		}
		d.text(p+".periodGoal", l+" 实施期绩效目标", x.PeriodGoal, y.PeriodGoal)
		d.text(p+".annualGoal", l+" 年度绩效目标", x.AnnualGoal, y.AnnualGoal)
		d.summary(p+".summary", l+" 汇总表", x.Summary, y.Summary)
		d.indicators(p+".indicators", l+" 年度绩效指标", x.Indicators, y.Indicators)
	}
	for _, i := range removed {
		d.add(diffIndex(fundPath+".items", i), fundLabel+" 子项“"+strings.TrimSpace(a[i].Name)+"”", itemText(&a[i]), "")
	}
	for _, j := range added {
		d.add(diffIndex(fundPath+".items", j), fundLabel+" 子项“"+strings.TrimSpace(b[j].Name)+"”", "", itemText(&b[j]))
	}
}

func (d *differ) summary(path, label string, a, b *FundItemSummary) {
	var x, y FundItemSummary
	if a != nil {
		x = *a
	}
	if b != nil {
		y = *b
	}
	d.text(path+".no", label+" 序号", x.No, y.No)
	d.amount(path+".amount", label+" 金额", x.Amount, y.Amount)
	d.text(path+".periodGoal", label+" 实施期绩效目标", x.PeriodGoal, y.PeriodGoal)
	d.text(path+".annualGoal", label+" 年度绩效目标", x.AnnualGoal, y.AnnualGoal)
}

func itemText(it *FundItem) string {
	s := strings.TrimSpace(it.Name)
	if it.Amount.IsSet() {
		s += " " + it.Amount.String() + "万元"
	}
	if t := periodText(it.Period); t != "" {
		s += "，" + t
	}
	return s + "，" + strconv.Itoa(len(it.Indicators)) + "个指标"
}

func samePeriod(a, b Period) bool {
	if a.IsSet() || b.IsSet() {
		return a.FromYear == b.FromYear && a.FromMonth == b.FromMonth && a.ToYear == b.ToYear && a.ToMonth == b.ToMonth
	}
	return sameText(a.Text, b.Text)
}

func periodText(p Period) string {
	if t := strings.TrimSpace(p.Text); t != "" {
		return t
	}
	if p.IsSet() {
		return p.String()
	}
	return ""
}

// matchRows pairs the rows of two lists, in three passes over the rows still unpaired: by
// key (same), then by a weaker likeness (similar: e.g. same 二级 and target, a renamed
// row), then by last resort (fallback), used only when a group has exactly one unpaired
// row on each side. Within a pass, rows pair in order (the first unpaired b for each a).
// It returns the pairs in b's order and the unpaired indexes of a and of b.
func matchRows(na, nb int, same, similar, fallback func(i, j int) bool) (pairs [][2]int, removed, added []int) {
	ai := make([]int, na) // a index → b index + 1, 0 when unpaired
	bj := make([]int, nb)
	pass := func(f func(i, j int) bool) {
		for i := 0; i < na; i++ {
			if ai[i] != 0 {
				continue
			}
			for j := 0; j < nb; j++ {
				if bj[j] == 0 && f(i, j) {
					ai[i], bj[j] = j+1, i+1
					break
				}
			}
		}
	}
	pass(same)
	pass(similar)
	// Fallback: only where exactly one unpaired a and one unpaired b are alike.
	for i := 0; i < na; i++ {
		if ai[i] != 0 {
			continue
		}
		cand, n := -1, 0
		for j := 0; j < nb; j++ {
			if bj[j] == 0 && fallback(i, j) {
				cand, n = j, n+1
			}
		}
		if n != 1 {
			continue
		}
		others := 0
		for k := 0; k < na; k++ {
			if ai[k] == 0 && fallback(k, cand) {
				others++
			}
		}
		if others == 1 {
			ai[i], bj[cand] = cand+1, i+1
		}
	}
	for j := 0; j < nb; j++ {
		if bj[j] != 0 {
			pairs = append(pairs, [2]int{bj[j] - 1, j})
		} else {
			added = append(added, j)
		}
	}
	for i := 0; i < na; i++ {
		if ai[i] == 0 {
			removed = append(removed, i)
		}
	}
	return pairs, removed, added
}
