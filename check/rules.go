package check

// RuleInfo describes one rule for the catalogue (jixiao rules, the web page of rules).
type RuleInfo struct {
	ID          string   `json:"id"`
	Severity    Severity `json:"severity"` // the most serious severity it reports
	Title       string   `json:"title"`    // one line, Chinese
	Explanation string   `json:"explanation"`
	Source      string   `json:"source"` // "go" for built-in checks, else the rule pack's id
	Scope       string   `json:"scope,omitempty"`
	Assert      string   `json:"assert,omitempty"`     // the expression of a pack rule
	Frameworks  []string `json:"frameworks,omitempty"` // where a pack rule applies
}

// goRules are the checks written in Go: arithmetic, text comparison, roll-ups, framework
// and indicator quality. Their explanations say why the rule matters, where it comes
// from and how to fix what it finds. The project tables' rules are in projects.go.
var goRules = append(baseRules, projectRules...)

var baseRules = []RuleInfo{
	{ID: "budget.income-sum", Severity: Error, Title: "资金总额 = 一般公共预算拨款 + 政府性基金拨款 + 其他资金",
		Explanation: "年度预算申请按收入性质分的各项之和必须等于资金总额（部门整体支出绩效目标表的表内关系）。不相等说明某个数填错或漏填。请核对部门预算批复，改正错误的那一项。"},
	{ID: "budget.spending-sum", Severity: Error, Title: "资金总额 = 基本支出 + 项目支出",
		Explanation: "年度预算申请按支出性质分的各项之和必须等于资金总额（部门整体支出绩效目标表的表内关系）。哪怕只差零点几元，也说明有金额被截断或多写了小数位。请核对部门预算批复中的基本支出和项目支出，改正后使两者之和等于资金总额。"},
	{ID: "budget.total", Severity: Warning, Title: "年度预算申请应填写资金总额",
		Explanation: "资金总额是部门整体绩效目标的基础数据，其他金额都要与它核对。请按部门预算批复填写。"},
	{ID: "funds.group", Severity: Error, Title: "专项金额 = 其各子项金额之和",
		Explanation: "专项资金预算绩效目标汇总表中，每个专项（如“一 业务性专项经费”）的金额应等于其下各支出方向（子项）金额之和。请核对各子项金额与专项金额。"},
	{ID: "funds.total", Severity: Error, Title: "汇总表合计 = 各子项金额之和",
		Explanation: "专项资金预算绩效目标汇总表的“合计”行应等于全部子项金额之和。不相等说明漏列了子项或某个金额填错。"},
	{ID: "funds.project", Severity: Error, Title: "项目支出 = 专项资金各子项金额之和",
		Explanation: "部门整体支出绩效目标表中的项目支出，应与专项资金预算绩效目标汇总表各子项金额之和一致：两张表说的是同一笔钱。请核对后改正其中错误的一方。"},
	{ID: "item.amount", Severity: Error, Title: "附件3 项目金额 = 汇总表中该子项的金额",
		Explanation: "每张附件3（专项资金支出方向绩效目标表）的项目金额，必须等于汇总表中同一子项的金额。两张表应出自同一数据，不一致时请以预算批复为准改正。"},
	{ID: "item.goal-text", Severity: Error, Title: "汇总表与附件3的实施期、年度绩效目标文字一致",
		Explanation: "汇总表中每个子项的实施期绩效目标和年度绩效目标，是从该子项的附件3复制而来，两处文字应完全一致。不一致时审核人无法判断以哪一处为准，公开后也会被看出前后矛盾。请确定正确的文字，两处统一。"},
	{ID: "item.period", Severity: Error, Title: "项目实施期应在预算年度内且可识别",
		Explanation: "专项资金支出方向绩效目标表的项目实施期应写作“2021.1-2021.12”这样的起止年月，并落在预算年度之内；跨年项目应在年度绩效目标中写明本年度要完成的部分。"},
	{ID: "rollup.count", Severity: Error, Title: "部门的数量指标 = 各子项对应数量指标之和",
		Explanation: "部门整体支出绩效目标表中的数量指标（如各类培训 8 次）是各专项子项同类指标之和（如 6 + 2）。系统按名称和计量单位把部门指标与子项指标对应起来，并列出算式；对应关系可以由用户确认或修改。不相等说明某张表的数字填错，或对应关系不对。"},
	{ID: "rollup.unlinked", Severity: Warning, Title: "看似汇总的数量指标应能与子项指标对应",
		Explanation: "部门整体表的数量指标一般由各子项汇总而来。若某个部门指标在子项中找不到同名同单位的指标，或某个子项指标没有计入部门指标，就无法核对汇总是否正确。请检查名称和单位是否一致，或在系统中确认对应关系。"},
	{ID: "rollup.link", Severity: Warning, Title: "已确认的汇总关系应指向存在的指标",
		Explanation: "用户确认过的汇总关系引用了表中已不存在的指标（可能是指标被删除或拆分）。请重新确认汇总关系。"},
	{ID: "rollup.cost", Severity: Warning, Title: "部门成本指标之和 = 项目支出（或资金总额）",
		Explanation: "部门整体表中按用途列出的成本（如新联会 5 万、知联会 5 万……）应加起来等于项目支出（或资金总额）。对不上说明漏列或多列了某项成本。"},
	{ID: "cost.limit", Severity: Error, Title: "成本指标不超过该表的资金",
		Explanation: "成本指标说明钱怎么花；一张表的成本合计不应超过该表的资金（子项的项目金额、部门的资金总额）。注意单位：万、万元与元相差一万倍。"},
	{ID: "framework.unknown", Severity: Warning, Title: "指标体系应为已知的体系",
		Explanation: "所指定的指标体系不存在，系统改为根据表格结构判断。可用 jixiao frameworks 查看全部指标体系。"},
	{ID: "framework.level1", Severity: Warning, Title: "一级指标应属于所用的指标体系",
		Explanation: "一级指标必须是指标体系中的一级指标（或其别名）。不同地区、年度的体系不同：湖南 2021 年的表只有产出指标和效益指标，满意度在效益指标之下；财预〔2021〕101号把满意度指标单列为一级指标。请按申报所适用的体系填写。"},
	{ID: "framework.level2", Severity: Warning, Title: "二级指标应在所用指标体系的对应一级指标之下",
		Explanation: "二级指标必须在指标体系中、且位于正确的一级指标之下。例如按财预〔2021〕101号，服务对象满意度指标属于一级指标“满意度指标”，不应列在效益指标之下；按湖南 2021 年的表则列在效益指标之下。名称的不同写法（产出数量 = 数量指标）会自动识别。"},
	{ID: "framework.required", Severity: Warning, Title: "每张表应有指标体系要求的一级、二级指标",
		Explanation: "指标体系规定了必须设置的一级、二级指标（如产出指标下的数量、质量、时效、成本）。缺少时绩效目标不完整，审核会退回。"},
	{ID: "indicator.name-sentence", Severity: Warning, Title: "三级指标应是指标名称，而不是句子或段落",
		Explanation: "三级指标是可以衡量的“指标名称”（如“培训次数”“侨情调查完成率”），具体数值写在指标值一栏。把工作内容写成一段话放在三级指标里，就无法据以打分。请把句子改写为名称，把其中的各项工作分别设为指标。"},
	{ID: "indicator.compound", Severity: Warning, Title: "一个单元格只写一个指标",
		Explanation: "一个指标值单元格写了多个指标（如“各类培训8次；各类会议21次；…”），年终自评时无法逐项打分，也无法与子项汇总核对。系统给出了拆分建议，可一键拆分为多行，每行一个指标名称和一个指标值。"},
	{ID: "indicator.no-number", Severity: Warning, Title: "数量、质量、时效、成本指标应有数值",
		Explanation: "产出的数量、质量、时效、成本指标是定量指标（财预〔2015〕88号“细化量化”），应写出数值和单位（如 ≥8次、≥95%、10月底前、≤5万元）。"},
	{ID: "indicator.boilerplate", Severity: Warning, Title: "避免套话式指标",
		Explanation: "“预算资金使用率 100%”“工作及时完成率 100%”这类指标在每张表里都一样，只说明钱花了、事做了，不反映这笔钱产出了什么，审核中常被要求修改。请换成反映本项资金产出的指标（如“侨情调查覆盖率 ≥95%”“培训合格率 ≥90%”）。"},
	{ID: "indicator.vague", Severity: Warning, Title: "指标值不用模糊的词",
		Explanation: "“进一步”“明显”“有效”“加强”之类的词无法衡量，年终无法判断是否完成。请改为可核实的数值或明确的标准。"},
	{ID: "indicator.qualitative", Severity: Warning, Title: "定性指标值应说明评价标准",
		Explanation: "定性指标值（如“良好”）要有评价标准，否则年终自评只能凭感觉打分（财预〔2020〕10号对定性指标按“达成、部分达成、未达成”分档评分）。请在备注中写明什么情况算“良好”，或改为可量化的指标。"},
	{ID: "indicator.unreadable", Severity: Warning, Title: "指标值应能识别",
		Explanation: "指标值应为“运算符＋数值＋单位”（≥95%、≤5万元）、期限（10月底前）或定性描述（良好），系统无法识别的写法年终也难以评价。"},
	{ID: "indicator.satisfaction-missing", Severity: Warning, Title: "每张表应有满意度指标",
		Explanation: "满意度指标反映服务对象对产出和效益的认可程度，各地的指标体系都要求设置（湖南列在效益指标下，财预〔2021〕101号单列为一级指标）。请补充，如“服务对象满意度 ≥90%”。"},
	{ID: "wording.typo", Severity: Warning, Title: "常见错别字与不规范写法",
		Explanation: "对照政府公文常见错别字表（可由审核人员扩充）发现的错误写法，并给出正确写法；公开的绩效目标中的错别字会影响单位形象。"},
	{ID: "wording.variant", Severity: Warning, Title: "同一术语不应有两种写法",
		Explanation: "同一份申报中同一个词用了两种写法（如“其他”与“其它”），应按规范写法统一。"},
	{ID: "wording.quoted-variant", Severity: Info, Title: "同一名称不应有两种写法",
		Explanation: "加引号的名称（示范点、活动、品牌名等）在不同地方写得不一样，可能其中一处漏字或多字。请核对正式名称后统一。"},
	{ID: "rules.error", Severity: Warning, Title: "规则包中的规则应能执行",
		Explanation: "规则包中的某条规则执行出错，请联系规则包的维护人员。"},
}

var goRuleIndex = func() map[string]int {
	m := make(map[string]int, len(goRules))
	for i, r := range goRules {
		m[r.ID] = i
	}
	return m
}()

func explanationOf(rule string) string {
	if i, ok := goRuleIndex[rule]; ok {
		return goRules[i].Explanation
	}
	return ""
}

// Rules lists every rule: the built-in ones, then each pack's.
func (c *Checker) Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(goRules)+8)
	for _, r := range goRules {
		r.Source = "go"
		out = append(out, r)
	}
	for _, pk := range c.packs {
		for _, r := range pk.Rules {
			out = append(out, RuleInfo{ID: r.ID, Severity: r.Severity, Title: r.Message, Explanation: r.Explanation,
				Source: pk.ID, Scope: r.Scope, Assert: r.Assert, Frameworks: pk.Frameworks})
		}
	}
	return out
}
