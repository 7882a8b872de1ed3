package check

import (
	"strconv"
	"strings"

	"jixiao"
)

// segment is one step of a path: a field name and an optional index (items[2]).
type segment struct {
	name  string
	index int // -1 when absent
}

func splitPath(path string) ([]segment, bool) {
	if path == "" {
		return nil, true
	}
	var out []segment
	for _, part := range strings.Split(path, ".") {
		seg := segment{name: part, index: -1}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, false
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 0 {
				return nil, false
			}
			seg.name, seg.index = part[:i], n
		}
		out = append(out, seg)
	}
	return out, true
}

var fieldLabels = map[string]string{
	"name": "三级指标", "target": "指标值", "note": "备注", "level1": "一级指标", "level2": "二级指标",
	"periodGoal": "实施期绩效目标", "annualGoal": "年度绩效目标", "amount": "金额", "period": "项目实施期",
	"duties": "部门职责概述", "keyTasks": "年度重点工作计划", "fundsTotal": "汇总表合计",
	"item": "事项", "owner": "责任单位/科室", "objective": "工作目标",
	"total": "资金总额", "generalBudget": "一般公共预算拨款", "govFund": "政府性基金拨款", "otherFunds": "其他资金",
	"basic": "基本支出", "project": "项目支出",
}

// Where describes a path in Chinese for a reader: "附件3“统战业务专项” › 年度绩效指标第1行 ›
// 指标值 › 第3项".
func Where(p *jixiao.Plan, path string) string {
	segs, ok := splitPath(path)
	if !ok || len(segs) == 0 {
		return path
	}
	var out []string
	table := "部门整体支出绩效目标表"
	for k := 0; k < len(segs); k++ {
		sg := segs[k]
		switch sg.name {
		case "budget":
			out = append(out, table, "年度预算申请")
		case "specialFunds":
			if sg.index >= 0 && sg.index < len(p.SpecialFunds) {
				f := &p.SpecialFunds[sg.index]
				if k+1 < len(segs) && segs[k+1].name == "items" && segs[k+1].index >= 0 && segs[k+1].index < len(f.Items) {
					it := &f.Items[segs[k+1].index]
					k++
					if k+1 < len(segs) && segs[k+1].name == "summary" {
						out = append(out, "专项资金汇总表“"+it.Name+"”行")
						k++
					} else {
						out = append(out, "附件3“"+it.Name+"”")
					}
					continue
				}
				out = append(out, "专项资金汇总表“"+f.Name+"”行")
			}
		case "projects":
			if sg.index >= 0 && sg.index < len(p.Projects) {
				if name := p.Projects[sg.index].Name; strings.TrimSpace(name) != "" {
					out = append(out, "项目“"+name+"”")
				} else {
					out = append(out, projectPlace(sg.index))
				}
				continue
			}
		case "indicators":
			if len(out) == 0 {
				out = append(out, table)
			}
			if sg.index >= 0 {
				out = append(out, "年度绩效指标第"+strconv.Itoa(sg.index+1)+"行")
			} else {
				out = append(out, "年度绩效指标")
			}
		case "keyTasks":
			out = append(out, table)
			if sg.index >= 0 {
				out = append(out, "年度重点工作计划第"+strconv.Itoa(sg.index+1)+"行")
			} else {
				out = append(out, "年度重点工作计划")
			}
		case "parts":
			out = append(out, "第"+strconv.Itoa(sg.index+1)+"项")
		case "duties":
			out = append(out, table, "部门职责概述")
		case "fundsTotal":
			out = append(out, "专项资金汇总表", "合计")
		default:
			if sg.name == "name" && k > 0 && (segs[k-1].name == "projects" || segs[k-1].name == "items") {
				out = append(out, "项目名称") // a table's own name, not an indicator's 三级指标
				continue
			}
			if l, ok := fieldLabels[sg.name]; ok {
				out = append(out, l)
			} else {
				out = append(out, sg.name)
			}
		}
	}
	return strings.Join(out, " › ")
}

// textCell returns a pointer to the text cell at path, for applying fixes.
func textCell(p *jixiao.Plan, path string) (*string, bool) {
	segs, ok := splitPath(path)
	if !ok || len(segs) == 0 {
		return nil, false
	}
	ind := func(in []jixiao.Indicator, sg []segment) (*string, bool) {
		if len(sg) != 2 || sg[0].index < 0 || sg[0].index >= len(in) {
			return nil, false
		}
		x := &in[sg[0].index]
		switch sg[1].name {
		case "name":
			return &x.Name, true
		case "note":
			return &x.Note, true
		case "level1":
			return &x.Level1, true
		case "level2":
			return &x.Level2, true
		case "target":
			return &x.Target.Text, true
		}
		return nil, false
	}
	switch segs[0].name {
	case "duties":
		return &p.Duties, len(segs) == 1
	case "keyTasks":
		if len(segs) != 2 || segs[0].index < 0 || segs[0].index >= len(p.KeyTasks) {
			return nil, false
		}
		k := &p.KeyTasks[segs[0].index]
		switch segs[1].name {
		case "item":
			return &k.Item, true
		case "owner":
			return &k.Owner, true
		case "objective":
			return &k.Objective, true
		}
	case "indicators":
		return ind(p.Indicators, segs)
	case "specialFunds", "projects":
		var it *jixiao.Project
		var rest []segment
		if segs[0].name == "projects" {
			if len(segs) < 2 || segs[0].index < 0 || segs[0].index >= len(p.Projects) {
				return nil, false
			}
			it, rest = &p.Projects[segs[0].index], segs[1:]
		} else {
			if len(segs) < 3 || segs[0].index < 0 || segs[0].index >= len(p.SpecialFunds) || segs[1].name != "items" {
				return nil, false
			}
			items := p.SpecialFunds[segs[0].index].Items
			if segs[1].index < 0 || segs[1].index >= len(items) {
				return nil, false
			}
			it, rest = &items[segs[1].index], segs[2:]
		}
		switch rest[0].name {
		case "indicators":
			return ind(it.Indicators, rest)
		case "name":
			return &it.Name, len(rest) == 1
		case "periodGoal":
			return &it.PeriodGoal, len(rest) == 1
		case "annualGoal":
			return &it.AnnualGoal, len(rest) == 1
		case "summary":
			if it.Summary == nil || len(rest) != 2 {
				return nil, false
			}
			switch rest[1].name {
			case "periodGoal":
				return &it.Summary.PeriodGoal, true
			case "annualGoal":
				return &it.Summary.AnnualGoal, true
			}
		}
	}
	return nil, false
}

// indicatorList returns the indicator list a row path points into and the row's index:
// "indicators[3]" or "specialFunds[0].items[1].indicators[0]" (a trailing ".target" is
// allowed).
func indicatorList(p *jixiao.Plan, path string) (*[]jixiao.Indicator, int, bool) {
	path = strings.TrimSuffix(path, ".target")
	segs, ok := splitPath(path)
	if !ok || len(segs) == 0 {
		return nil, 0, false
	}
	var list *[]jixiao.Indicator
	var row segment
	switch {
	case len(segs) == 1 && segs[0].name == "indicators":
		list, row = &p.Indicators, segs[0]
	case len(segs) == 3 && segs[0].name == "specialFunds" && segs[1].name == "items" && segs[2].name == "indicators":
		if segs[0].index < 0 || segs[0].index >= len(p.SpecialFunds) {
			return nil, 0, false
		}
		items := p.SpecialFunds[segs[0].index].Items
		if segs[1].index < 0 || segs[1].index >= len(items) {
			return nil, 0, false
		}
		list, row = &items[segs[1].index].Indicators, segs[2]
	case len(segs) == 2 && segs[0].name == "projects" && segs[1].name == "indicators":
		if segs[0].index < 0 || segs[0].index >= len(p.Projects) {
			return nil, 0, false
		}
		list, row = &p.Projects[segs[0].index].Indicators, segs[1]
	default:
		return nil, 0, false
	}
	if row.index < 0 || row.index >= len(*list) {
		return nil, 0, false
	}
	return list, row.index, true
}

// Apply applies the suggestion of a finding to the plan: rewrites a text cell (and reads
// a rewritten 指标值 again) or splits a compound indicator into one row per part.
func Apply(p *jixiao.Plan, f *Finding) error {
	sg := f.Suggestion
	if sg == nil {
		return jixiao.Errorf(jixiao.EINVALID, "审核结果 %s（%s）没有可直接应用的修改建议。", f.Rule, f.Path)
	}
	switch sg.Kind {
	case Split:
		return applySplit(p, f.Path, sg.Split)
	case Replace:
		path := f.Path
		if sg.Path != "" {
			path = sg.Path
		}
		cell, ok := textCell(p, path)
		if !ok {
			return jixiao.Errorf(jixiao.EINVALID, "找不到要修改的单元格“%s”。", path)
		}
		*cell = sg.Cell
		if strings.HasSuffix(path, ".target") {
			if list, i, ok := indicatorList(p, path); ok {
				x := (*list)[i]
				(*list)[i] = jixiao.NewIndicator(x.Level1, x.Level2, x.Name, sg.Cell, x.Note)
			}
		}
		return nil
	}
	return jixiao.Errorf(jixiao.EINVALID, "未知的修改建议类型“%s”。", sg.Kind)
}

// ApplySplit splits the compound indicator at path ("indicators[0]" or
// "indicators[0].target", or the same under an item) into one indicator per part, as
// proposed by the indicator.compound rule.
func ApplySplit(p *jixiao.Plan, path string) error {
	list, i, ok := indicatorList(p, path)
	if !ok {
		return jixiao.Errorf(jixiao.EINVALID, "找不到指标“%s”。", path)
	}
	in := &(*list)[i]
	if in.Target.Kind != jixiao.TargetCompound {
		return jixiao.Errorf(jixiao.EINVALID, "指标“%s”的指标值不是多个指标写在一起，无需拆分。", path)
	}
	r := rowInfo{l1Name: in.Level1, l2Name: in.Level2}
	// fill the labels down from the rows above when the cell is merged (empty)
	for k := i; k >= 0 && (r.l1Name == "" || r.l2Name == ""); k-- {
		if r.l1Name == "" {
			r.l1Name = (*list)[k].Level1
		}
		if r.l2Name == "" {
			r.l2Name = (*list)[k].Level2
		}
	}
	r.gl2 = Default().l2Category(r.l2Name)
	r.gl1 = Default().l1Category(r.l1Name)
	return applySplit(p, path, splitSuggestion(in, &r).Split)
}

func applySplit(p *jixiao.Plan, path string, rows []jixiao.Indicator) error {
	list, i, ok := indicatorList(p, path)
	if !ok {
		return jixiao.Errorf(jixiao.EINVALID, "找不到指标“%s”。", path)
	}
	if len(rows) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "拆分建议为空。")
	}
	old := *list
	out := make([]jixiao.Indicator, 0, len(old)+len(rows)-1)
	out = append(out, old[:i]...)
	out = append(out, rows...)
	out = append(out, old[i+1:]...)
	*list = out
	return nil
}
