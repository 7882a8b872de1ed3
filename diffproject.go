package jixiao

import (
	"strconv"
	"strings"
)

// projects compares the project tables that belong to no fund (Plan.Projects), matched by
// name, then by 项目编码, then (a renamed project) the one left over on each side with the
// same amount or 实施期绩效目标.
func (d *differ) projects(a, b []Project) {
	pairs, removed, added := matchRows(len(a), len(b),
		func(i, j int) bool { return normalizeSpace(a[i].Name) == normalizeSpace(b[j].Name) },
		func(i, j int) bool { return a[i].Code != "" && a[i].Code == b[j].Code },
		func(i, j int) bool {
			return a[i].Amount.IsSet() && a[i].Amount.Equal(b[j].Amount) || a[i].PeriodGoal != "" && sameText(a[i].PeriodGoal, b[j].PeriodGoal)
		})
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		x, y := &a[i], &b[j]
		p := diffIndex("projects", j)
		l := "项目“" + strings.TrimSpace(y.Name) + "”"
		d.text(p+".name", l+" 项目名称", x.Name, y.Name)
		d.text(p+".code", l+" 项目编码", x.Code, y.Code)
		d.text(p+".authority", l+" 主管部门", x.Authority, y.Authority)
		d.text(p+".unit", l+" 实施单位", x.Unit, y.Unit)
		d.amount(p+".amount", l+" 年度资金总额", x.Amount, y.Amount)
		d.fundLines(p, l, x.Funds, y.Funds)
		if !samePeriod(x.Period, y.Period) || !sameText(x.PeriodText, y.PeriodText) {
			d.add(p+".period", l+" 实施期", projectPeriodText(x), projectPeriodText(y))
		}
		d.text(p+".periodGoal", l+" 实施期绩效目标", x.PeriodGoal, y.PeriodGoal)
		d.text(p+".annualGoal", l+" 年度绩效目标", x.AnnualGoal, y.AnnualGoal)
		d.indicators(p+".indicators", l+" 绩效指标", x.Indicators, y.Indicators)
	}
	for _, i := range removed {
		d.add(diffIndex("projects", i), "项目“"+strings.TrimSpace(a[i].Name)+"”", projectText(&a[i]), "")
	}
	for _, j := range added {
		d.add(diffIndex("projects", j), "项目“"+strings.TrimSpace(b[j].Name)+"”", "", projectText(&b[j]))
	}
}

// fundLines compares the money rows of two projects other than the total (compared as
// the project's amount), matched by source and label.
func (d *differ) fundLines(path, label string, a, b []FundLine) {
	key := func(f FundLine) string { return string(f.Source) + "\x00" + normalizeSpace(f.Label) }
	old := map[string]FundLine{}
	for _, f := range a {
		if f.Source != FundTotal {
			old[key(f)] = f
		}
	}
	for _, f := range b {
		if f.Source == FundTotal {
			continue
		}
		o, ok := old[key(f)]
		delete(old, key(f))
		if !ok || !(o.Amount.IsSet() == f.Amount.IsSet() && o.Amount.Equal(f.Amount)) || !sameText(o.Text, f.Text) {
			d.add(path+".funds", label+" "+f.Label, fundLineText(o), fundLineText(f))
		}
	}
	for _, f := range a {
		if _, gone := old[key(f)]; gone {
			d.add(path+".funds", label+" "+f.Label, fundLineText(f), "")
			delete(old, key(f))
		}
	}
}

func fundLineText(f FundLine) string {
	if f.Amount.IsSet() {
		return f.Amount.String()
	}
	return strings.TrimSpace(f.Text)
}

// columns compares the national layout's columns of two matched indicator rows; they
// are empty in the seed's forms, so its diffs do not change.
func (d *differ) columns(p, l string, a, b *Indicator) {
	d.text(p+".weight", l+" 权重/分值", a.Weight, b.Weight)
	d.text(p+".direction", l+" 指标方向", a.Direction.Label(), b.Direction.Label())
	d.text(p+".kind", l+" 指标值类型", a.Kind, b.Kind)
	d.text(p+".standard", l+" 绩效标准", a.Standard, b.Standard)
	d.text(p+".explanation", l+" 指标解释", a.Explanation, b.Explanation)
	d.text(p+".scoringRule", l+" 评(扣)分标准", a.ScoringRule, b.ScoringRule)
}

func projectPeriodText(p *Project) string {
	if t := strings.TrimSpace(p.PeriodText); t != "" {
		return t
	}
	return periodText(p.Period)
}

func projectText(p *Project) string {
	s := strings.TrimSpace(p.Name)
	if p.Amount.IsSet() {
		s += " " + p.Amount.String() + "万元"
	}
	if t := projectPeriodText(p); t != "" {
		s += "，" + t
	}
	return s + "，" + strconv.Itoa(len(p.Indicators)) + "个指标"
}
