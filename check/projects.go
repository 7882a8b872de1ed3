package check

import (
	"strconv"
	"strings"

	"jixiao"
)

// projectRules are the checks of project tables (Plan.Projects: 项目支出绩效目标表 in the
// national layout and the provinces'), beside the checks every indicator table gets.
var projectRules = []RuleInfo{
	{ID: "project.name", Severity: Warning, Title: "项目支出绩效目标表应写明项目名称",
		Explanation: "项目名称是一张项目表的主键：审核、汇总和公开都按它找表。请填写与预算批复一致的项目名称。"},
	{ID: "project.funds", Severity: Warning, Title: "年度资金总额 = 各资金来源之和",
		Explanation: "项目表中的年度资金总额应等于其中财政拨款（本级预算）、上级资金、上年结转和其他资金之和；没有按来源列出时，应等于按资金性质列出的各项之和。对不上说明某一来源漏填或填错，或总额写的是项目总投资而不是本年度金额。"},
	{ID: "project.amount", Severity: Warning, Title: "资金栏应是可识别的金额",
		Explanation: "资金栏应填写数字（可带万元或元），系统按万元精确保存。写成文字或夹带说明的金额无法核对，请把说明移到备注。"},
	{ID: "project.weights", Severity: Warning, Title: "指标权重（分值）之和应为 100",
		Explanation: "带权重或分值的表（如产出 50、效益 30、满意度 10，另 10 分留给预算执行率）各指标分值之和应为 100，或加上预算执行率的 10 分后为 100。不等说明漏列了指标或分值填错，自评打分时总分将不是百分制。"},
	{ID: "indicator.direction", Severity: Warning, Title: "指标方向应与指标性质一致",
		Explanation: "正向指标（越大越好）的指标值应写作 ≥ 或 =，反向指标（越小越好，如成本、投诉率）应写作 ≤ 或 =。正向配 ≤、反向配 ≥ 多半是填反了，自评时会算错完成情况。"},
	{ID: "indicator.unit", Severity: Warning, Title: "定量指标应有计量单位",
		Explanation: "指标值类型为定量的指标，应在计量单位栏写明单位（%、人、万元、个……），否则无法判断 100 是人还是百分比。"},
	{ID: "framework.columns", Severity: Warning, Title: "指标应填写指标体系要求的栏目",
		Explanation: "有的地区的表式要求每个指标都填写指标值类型（定量/定性）、计量单位、指标解释和评(扣)分标准（如湖南 2023 年的项目支出和整体支出绩效目标表），自评时据以打分。请补齐这些栏目。"},
	{ID: "project.unread", Severity: Warning, Title: "表中无法识别的行已原样保留",
		Explanation: "这一行找不到它所属的标签或表头，系统原样保留而没有丢弃。请确认它是否是应填入某一栏的内容（例如错位的指标行、成本测算表），必要时改正表格结构后重新导入。"},
}

// projectsOnly reports whether the plan is project tables only (a document of
// 项目支出绩效目标表): it has no department table to check.
func projectsOnly(p *jixiao.Plan) bool {
	return len(p.Projects) > 0 && len(p.Indicators) == 0 && len(p.SpecialFunds) == 0 && p.Duties == "" &&
		len(p.KeyTasks) == 0 && !p.Budget.Total.IsSet()
}

// checkProjects runs the project rules over Plan.Projects, and the framework's required
// columns over every table.
func (s *state) checkProjects() {
	if s.fw != nil && len(s.fw.Columns) > 0 {
		for ti := range s.tables {
			s.checkRequiredColumns(&s.tables[ti])
		}
	}
	for k := range s.p.Projects {
		pr := &s.p.Projects[k]
		path := "projects[" + strconv.Itoa(k) + "]"
		label := "项目“" + pr.Name + "”"
		if strings.TrimSpace(pr.Name) == "" {
			s.add("project.name", Warning, path+".name", "第"+strconv.Itoa(k+1)+"张项目支出绩效目标表没有项目名称")
			label = projectPlace(k)
		}
		s.checkProjectFunds(pr, path, label)
		s.checkWeights(pr, path, label)
		for i := range pr.Indicators {
			s.checkColumns(&pr.Indicators[i], path+".indicators["+strconv.Itoa(i)+"]", label)
		}
		for _, u := range pr.Unread {
			s.add("project.unread", Warning, path, label+"中"+u.Where+"无法识别的行“"+clipText(u.Text(), 40)+"”已原样保留")
		}
	}
}

// checkProjectFunds checks that the sources add up to the total.
func (s *state) checkProjectFunds(pr *jixiao.Project, path, label string) {
	var total *jixiao.FundLine
	var sum, parts jixiao.Amount
	var terms, partTerms []string
	seen := map[jixiao.FundSource]bool{}
	for i := range pr.Funds {
		f := &pr.Funds[i]
		if !f.Amount.IsSet() {
			if t := strings.TrimSpace(f.Text); t != "" && t != "/" && t != "-" && t != "—" && t != "无" {
				s.add("project.amount", Warning, path+".funds["+strconv.Itoa(i)+"]", label+"的“"+f.Label+"”写作“"+clipText(t, 30)+"”，无法识别为金额")
			}
			continue
		}
		switch f.Source {
		case jixiao.FundTotal:
			if total == nil || f.Amount.Equal(pr.Amount) {
				total = f
			}
		case jixiao.FundPart:
			parts = parts.Add(f.Amount)
			partTerms = append(partTerms, f.Amount.String())
		default:
			if !seen[f.Source] {
				seen[f.Source] = true
				sum = sum.Add(f.Amount)
				terms = append(terms, f.Amount.String())
			}
		}
	}
	if total == nil {
		return
	}
	if len(terms) == 0 {
		sum, terms = parts, partTerms
	}
	if len(terms) == 0 {
		return
	}
	arith := strings.Join(terms, " + ") + " = " + sum.String()
	if !sum.Equal(total.Amount) && len(partTerms) > 0 && parts.Equal(total.Amount) {
		// Listed by 资金性质 (一般公共预算资金, 政府性基金, …) rather than by source.
		sum, terms = parts, partTerms
		arith = strings.Join(terms, " + ") + " = " + sum.String()
	}
	if sum.Equal(total.Amount) {
		s.add("project.funds", Pass, path+".funds", label+"的资金来源之和等于“"+total.Label+"”").Arithmetic = arith
		return
	}
	f := s.add("project.funds", Warning, path+".funds", label+"的资金来源之和 "+sum.String()+" 万元与“"+total.Label+"” "+total.Amount.String()+" 万元不符")
	f.Arithmetic = arith + " ≠ " + total.Amount.String()
}

// checkWeights checks that the weights (分值) of a table that has them sum to 100, or to
// 90 when 10 are kept for the execution rate (预算执行率).
func (s *state) checkWeights(pr *jixiao.Project, path, label string) {
	var sum jixiao.Decimal
	var terms []string
	for _, in := range pr.Indicators {
		if w, ok := in.WeightValue(); ok {
			sum = sum.Add(w)
			terms = append(terms, w.String())
		}
	}
	if len(terms) == 0 {
		return
	}
	arith := strings.Join(terms, " + ") + " = " + sum.String()
	switch {
	case sum.Equal(jixiao.Int(100)):
		s.add("project.weights", Pass, path+".indicators", label+"的指标分值之和为 100").Arithmetic = arith
	case sum.Equal(jixiao.Int(90)):
		s.add("project.weights", Pass, path+".indicators", label+"的指标分值之和为 90，另 10 分为预算执行率").Arithmetic = arith
	default:
		s.add("project.weights", Warning, path+".indicators", label+"的指标分值之和为 "+sum.String()+"，应为 100（或留出预算执行率 10 分后为 90）").Arithmetic = arith
	}
}

// checkColumns checks an indicator's 指标方向 against its operator and a 定量 indicator's
// unit.
func (s *state) checkColumns(in *jixiao.Indicator, path, label string) {
	op := in.Target.EffectiveOp()
	switch {
	case in.Direction == jixiao.DirectionPositive && (op == jixiao.OpLE || op == jixiao.OpLT):
		s.add("indicator.direction", Warning, path+".target", label+"的“"+in.Name+"”是正向指标，指标值却写作“"+in.Target.Text+"”（"+string(op)+"）")
	case in.Direction == jixiao.DirectionNegative && (op == jixiao.OpGE || op == jixiao.OpGT):
		s.add("indicator.direction", Warning, path+".target", label+"的“"+in.Name+"”是反向指标，指标值却写作“"+in.Target.Text+"”（"+string(op)+"）")
	}
	if jixiao.ParseKind(in.Kind) == "定量" && in.Target.Text != "" && in.Target.Kind != jixiao.TargetPeriod && in.Target.Unit == "" && (in.Written == nil || in.Written.Unit == "") {
		s.add("indicator.unit", Warning, path+".target", label+"的“"+in.Name+"”是定量指标，却没有计量单位（指标值“"+in.Target.Text+"”）")
	}
}

// clipText shortens a text for a message.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// checkRequiredColumns reports, once per table and column, the indicators that leave a
// column the framework requires empty.
func (s *state) checkRequiredColumns(t *table) {
	for _, col := range s.fw.Columns {
		missing := 0
		first := -1
		for i := range t.inds {
			in := &t.inds[i]
			if strings.TrimSpace(in.Name) == "" {
				continue // an empty 二级 row
			}
			var v string
			switch col {
			case "指标值类型":
				v = in.Kind
			case "计量单位", "度量单位":
				if jixiao.ParseKind(in.Kind) == "定性" {
					continue
				}
				v = in.Target.Unit
				if in.Written != nil && in.Written.Unit != "" {
					v = in.Written.Unit
				}
			case "指标解释":
				v = in.Explanation
			case "评(扣)分标准", "评（扣）分标准":
				v = in.ScoringRule
			case "绩效标准":
				v = in.Standard
			case "权重", "分值":
				v = in.Weight
			default:
				continue
			}
			if strings.TrimSpace(v) == "" {
				if first < 0 {
					first = i
				}
				missing++
			}
		}
		if missing > 0 {
			s.add("framework.columns", Warning, t.rowPath(first), t.label()+"有 "+strconv.Itoa(missing)+" 个指标没有填写“"+col+"”（指标体系 "+s.fw.ID+" 要求填写）")
		}
	}
}
