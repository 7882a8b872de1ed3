package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
)

func ind(l1, l2, name, target string) jixiao.Indicator {
	return jixiao.NewIndicator(l1, l2, name, target, "")
}

// cleanPlan is a small plan that breaks no rule: the passing case of every rule.
func cleanPlan() *jixiao.Plan {
	period, _ := jixiao.ParsePeriod("2021.1-2021.12")
	item := func(name, amount string, inds ...jixiao.Indicator) jixiao.FundItem {
		goal := name + "：按计划完成全年培训任务，提高干部业务能力。"
		annual := name + "：全年完成培训任务，培训合格率达到要求。"
		return jixiao.FundItem{Name: name, Amount: jixiao.MustDecimal(amount), Period: period, PeriodGoal: goal, AnnualGoal: annual,
			Indicators: inds, Summary: &jixiao.FundItemSummary{Amount: jixiao.MustDecimal(amount), PeriodGoal: goal, AnnualGoal: annual}}
	}
	return &jixiao.Plan{
		Department: "某区某部", Year: 2021,
		Budget: jixiao.Budget{Total: jixiao.MustDecimal("20"), GeneralBudget: jixiao.MustDecimal("20"),
			Basic: jixiao.MustDecimal("12"), Project: jixiao.MustDecimal("8")},
		Duties:   "（一）负责本区干部教育培训工作。（二）负责其他交办事项。",
		KeyTasks: []jixiao.KeyTask{{Item: "干部培训", Owner: "培训科", Objective: "全年举办培训 8 次。"}},
		Indicators: []jixiao.Indicator{
			ind("产出指标", "产出数量", "培训次数", "≥8次"),
			ind("产出指标", "产出质量", "培训合格率", "≥95%"),
			ind("产出指标", "产出时效", "培训完成时间", "2021年11月底前"),
			ind("产出指标", "产出成本", "培训经费", "≤8万元"),
			ind("效益指标", "社会效益", "干部培训覆盖率", "≥90%"),
			ind("效益指标", "社会公众及服务对象满意度", "参训干部满意度", "≥90%"),
		},
		FundsTotal: jixiao.MustDecimal("8"),
		SpecialFunds: []jixiao.SpecialFund{{Name: "业务专项经费", Amount: jixiao.MustDecimal("8"), Items: []jixiao.FundItem{
			item("干部培训经费", "5",
				ind("产出指标", "产出数量", "培训次数", "≥6次"),
				ind("产出指标", "产出质量", "结业考试合格率", "≥95%"),
				ind("产出指标", "产出时效", "培训完成时间", "2021年10月底前"),
				ind("产出指标", "产出成本", "人均培训成本", "≤500元/人"),
				ind("效益指标", "社会效益", "干部履职能力提升率", "≥80%"),
				ind("效益指标", "社会公众及服务对象满意度", "学员满意度", "≥90%")),
			item("专题讲座经费", "3",
				ind("产出指标", "产出数量", "培训次数", "≥2次"),
				ind("产出指标", "产出质量", "讲座课件归档率", "100%"),
				ind("产出指标", "产出时效", "讲座完成时间", "2021年11月底前"),
				ind("产出指标", "产出成本", "讲座经费", "≤3万元"),
				ind("效益指标", "社会效益", "听讲干部覆盖率", "≥85%"),
				ind("效益指标", "社会公众及服务对象满意度", "听讲干部满意度", "≥90%")),
		}}},
	}
}

func TestCleanPlanHasNoFindings(t *testing.T) {
	for _, fw := range []string{"", "hunan-2021"} {
		r := Check(cleanPlan(), Options{Framework: fw})
		if r.Framework != "hunan-2021" {
			t.Errorf("framework %s", r.Framework)
		}
		for _, f := range r.Findings {
			t.Errorf("clean plan (%s): %s %s %s: %s", fw, f.Severity, f.Rule, f.Path, f.Message)
		}
		if len(r.Passes) == 0 {
			t.Error("no passes")
		}
	}
}

// TestRules is the failing case of every rule: one mistake in the clean plan, and the
// rule reports it at the cell.
func TestRules(t *testing.T) {
	it := func(p *jixiao.Plan, i int) *jixiao.FundItem { return &p.SpecialFunds[0].Items[i] }
	cases := []struct {
		rule, path string
		sev        Severity
		opts       Options
		mutate     func(p *jixiao.Plan)
	}{
		{"budget.income-sum", "budget.total", Error, Options{}, func(p *jixiao.Plan) { p.Budget.GeneralBudget = jixiao.MustDecimal("19.5") }},
		{"budget.spending-sum", "budget.total", Error, Options{}, func(p *jixiao.Plan) { p.Budget.Basic = jixiao.MustDecimal("12.0001") }},
		{"budget.total", "budget.total", Warning, Options{}, func(p *jixiao.Plan) { p.Budget.Total = jixiao.Amount{} }},
		{"funds.group", "specialFunds[0].amount", Error, Options{}, func(p *jixiao.Plan) { p.SpecialFunds[0].Amount = jixiao.MustDecimal("9") }},
		{"funds.total", "fundsTotal", Error, Options{}, func(p *jixiao.Plan) { p.FundsTotal = jixiao.MustDecimal("7") }},
		{"funds.project", "budget.project", Error, Options{}, func(p *jixiao.Plan) {
			p.Budget.Project, p.Budget.Basic = jixiao.MustDecimal("9"), jixiao.MustDecimal("11")
		}},
		{"item.amount", "specialFunds[0].items[1].amount", Error, Options{}, func(p *jixiao.Plan) { it(p, 1).Amount = jixiao.MustDecimal("4") }},
		{"item.goal-text", "specialFunds[0].items[0].annualGoal", Error, Options{}, func(p *jixiao.Plan) { it(p, 0).Summary.AnnualGoal += "另加一句。" }},
		{"item.goal-text", "specialFunds[0].items[0].periodGoal", Warning, Options{}, func(p *jixiao.Plan) { it(p, 0).Summary.PeriodGoal = "" }},
		{"item.period", "specialFunds[0].items[0].period", Error, Options{}, func(p *jixiao.Plan) { it(p, 0).Period, _ = jixiao.ParsePeriod("2020.1-2020.12") }},
		{"item.period", "specialFunds[0].items[1].period", Warning, Options{}, func(p *jixiao.Plan) { it(p, 1).Period = jixiao.Period{Text: "全年"} }},
		{"item.period", "specialFunds[0].items[1].period", Warning, Options{}, func(p *jixiao.Plan) { it(p, 1).Period, _ = jixiao.ParsePeriod("2021.1-2022.12") }},
		{"rollup.count", "indicators[0].target", Error, Options{}, func(p *jixiao.Plan) {
			it(p, 0).Indicators[0] = ind("产出指标", "产出数量", "培训次数", "≥7次")
		}},
		{"rollup.unlinked", "indicators[6].target", Warning, Options{}, func(p *jixiao.Plan) {
			p.Indicators = append(p.Indicators, ind("产出指标", "产出数量", "督查次数", "≥4次"))
		}},
		{"rollup.unlinked", "specialFunds[0].items[1].indicators[7].target", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 1).Indicators = append(it(p, 1).Indicators, ind("产出指标", "产出数量", "座谈会场次", "≥3场"), ind("产出指标", "产出数量", "调研报告", "≥2次"))
		}},
		{"rollup.link", "links[0]", Warning, Options{}, func(p *jixiao.Plan) {
			p.Links = []jixiao.RollupLink{{Department: "indicators[9].target", Items: []string{"x"}, Confirmed: true}}
		}},
		{"rollup.cost", "indicators", Warning, Options{}, func(p *jixiao.Plan) {
			p.Indicators[3] = ind("产出指标", "产出成本", "培训经费", "培训班6万；讲座1万")
		}},
		{"cost.limit", "specialFunds[0].items[1].indicators", Error, Options{}, func(p *jixiao.Plan) {
			it(p, 1).Indicators[3] = ind("产出指标", "产出成本", "讲座经费", "≤40000元")
		}},
		{"cost.limit", "indicators", Error, Options{}, func(p *jixiao.Plan) {
			p.Indicators[3] = ind("产出指标", "产出成本", "培训经费", "≤21万元")
		}},
		{"framework.unknown", "framework", Warning, Options{Framework: "guangdong-2030"}, func(p *jixiao.Plan) {}},
		{"framework.level1", "indicators[4].level1", Warning, Options{}, func(p *jixiao.Plan) { p.Indicators[4].Level1 = "影响指标" }},
		{"framework.level2", "indicators[1].level2", Warning, Options{}, func(p *jixiao.Plan) { p.Indicators[1].Level2 = "过程管理" }},
		{"framework.level2", "indicators[5].level2", Warning, Options{Framework: "national-2021"}, func(p *jixiao.Plan) {}},
		{"framework.required", "specialFunds[0].items[1].indicators", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 1).Indicators = append(it(p, 1).Indicators[:1:1], it(p, 1).Indicators[2:]...)
		}},
		{"indicator.name-sentence", "specialFunds[0].items[0].indicators[4].name", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 0).Indicators[4].Name = "提升干部履职能力，推动工作。"
		}},
		{"indicator.compound", "specialFunds[0].items[0].indicators[0].target", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 0).Indicators[0] = ind("产出指标", "产出数量", "培训", "培训6次；考试2次")
		}},
		{"indicator.no-number", "indicators[1].target", Warning, Options{}, func(p *jixiao.Plan) { p.Indicators[1] = ind("产出指标", "产出质量", "培训质量", "良好") }},
		{"indicator.boilerplate", "specialFunds[0].items[1].indicators[1].name", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 1).Indicators[1] = ind("产出指标", "产出质量", "预算资金使用率", "100%")
		}},
		{"indicator.vague", "indicators[4].target", Warning, Options{}, func(p *jixiao.Plan) {
			p.Indicators[4] = ind("效益指标", "社会效益", "干部能力", "明显提升")
		}},
		{"indicator.qualitative", "indicators[4].target", Warning, Options{}, func(p *jixiao.Plan) { p.Indicators[4] = ind("效益指标", "社会效益", "干部能力", "良好") }},
		{"indicator.unreadable", "indicators[4].target", Warning, Options{}, func(p *jixiao.Plan) {
			p.Indicators[4] = ind("效益指标", "社会效益", "干部能力", "约3到5次左右")
		}},
		{"indicator.satisfaction-missing", "specialFunds[0].items[0].indicators", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 0).Indicators = it(p, 0).Indicators[:5]
		}},
		{"wording.typo", "keyTasks[0].objective", Warning, Options{}, func(p *jixiao.Plan) { p.KeyTasks[0].Objective = "截止2021年底举办培训 8 次。" }},
		{"wording.typo", "duties", Warning, Options{}, func(p *jixiao.Plan) { p.Duties += "（三）做好干部选拨工作。" }},
		{"wording.variant", "keyTasks[0].objective", Warning, Options{}, func(p *jixiao.Plan) { p.KeyTasks[0].Objective = "其它交办事项。" }},
		{"wording.quoted-variant", "keyTasks[0].objective", Info, Options{}, func(p *jixiao.Plan) {
			p.KeyTasks[0].Objective = "创建“省级文明示范单位”。"
			p.Duties += "争创“省级文明建设示范单位”。"
		}},
		{"amount.decimals", "specialFunds[0].items[1].summary.amount", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 1).Summary.Amount = jixiao.MustDecimal("3.00000")
		}},
		{"item.amount-positive", "specialFunds[0].items[1].amount", Error, Options{}, func(p *jixiao.Plan) {
			it(p, 1).Amount = jixiao.MustDecimal("0")
		}},
		{"table.quantitative-min", "specialFunds[0].items[1].indicators", Warning, Options{}, func(p *jixiao.Plan) {
			x := it(p, 1).Indicators
			x[1] = jixiao.NewIndicator("产出指标", "产出质量", "讲座课件归档", "良好", "全部归档为良好")
			x[4] = jixiao.NewIndicator("效益指标", "社会效益", "听讲干部覆盖", "良好", "覆盖全部科室为良好")
			x[5] = jixiao.NewIndicator("效益指标", "社会公众及服务对象满意度", "听讲干部满意度", "较高", "问卷满意为较高")
		}},
		{"item.cost-required", "specialFunds[0].items[0].indicators", Warning, Options{}, func(p *jixiao.Plan) {
			it(p, 0).Indicators = append(it(p, 0).Indicators[:3:3], it(p, 0).Indicators[4:]...)
		}},
		{"hunan.duties", "duties", Warning, Options{}, func(p *jixiao.Plan) { p.Duties = " " }},
		{"hunan.key-tasks", "keyTasks", Warning, Options{}, func(p *jixiao.Plan) { p.KeyTasks = nil }},
		{"national.satisfaction-value", "indicators[5].target", Warning, Options{Framework: "national-2021"}, func(p *jixiao.Plan) {
			p.Indicators[5] = jixiao.NewIndicator("满意度指标", "服务对象满意度指标", "参训干部满意度", "较高", "问卷")
		}},
		{"framework.columns", "indicators[0]", Warning, Options{Framework: "hunan-2023"}, func(p *jixiao.Plan) {}},
		// Project tables (Plan.Projects), each rule on a copy of the clean plan's first item.
		{"project.name", "projects[0].name", Warning, Options{}, func(p *jixiao.Plan) {
			p.Projects = []jixiao.Project{cleanProject(p)}
			p.Projects[0].Name = ""
		}},
		{"project.funds", "projects[0].funds", Warning, Options{}, func(p *jixiao.Plan) {
			pr := cleanProject(p)
			pr.Funds[1].Amount, pr.Funds[1].Text = jixiao.MustDecimal("4"), "4"
			p.Projects = []jixiao.Project{pr}
		}},
		{"project.amount", "projects[0].funds[1]", Warning, Options{}, func(p *jixiao.Plan) {
			pr := cleanProject(p)
			pr.Funds[1].Amount, pr.Funds[1].Text = jixiao.Amount{}, "见附表"
			p.Projects = []jixiao.Project{pr}
		}},
		{"project.weights", "projects[0].indicators", Warning, Options{}, func(p *jixiao.Plan) {
			pr := cleanProject(p)
			for i := range pr.Indicators {
				pr.Indicators[i].Weight = "10"
			}
			p.Projects = []jixiao.Project{pr}
		}},
		{"indicator.direction", "projects[0].indicators[1].target", Warning, Options{}, func(p *jixiao.Plan) {
			pr := cleanProject(p)
			pr.Indicators[1].Direction = jixiao.DirectionNegative
			p.Projects = []jixiao.Project{pr}
		}},
		{"indicator.unit", "projects[0].indicators[0].target", Warning, Options{}, func(p *jixiao.Plan) {
			pr := cleanProject(p)
			pr.Indicators[0] = jixiao.NewIndicator("产出指标", "产出数量", "培训次数", "=6", "")
			pr.Indicators[0].Kind = "定量"
			p.Projects = []jixiao.Project{pr}
		}},
		{"project.unread", "projects[0]", Warning, Options{}, func(p *jixiao.Plan) {
			pr := cleanProject(p)
			pr.Unread = []jixiao.UnreadRow{{Where: "第12行", Cells: []string{"保安服务费", "191", "依据招标文件"}}}
			p.Projects = []jixiao.Project{pr}
		}},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.rule] = true
		t.Run(c.rule, func(t *testing.T) {
			p := cleanPlan()
			c.mutate(p)
			r := Check(p, c.opts)
			for _, f := range r.Findings {
				if f.Rule == c.rule && f.Path == c.path && f.Severity == c.sev {
					if f.Explanation == "" {
						t.Error("no explanation")
					}
					return
				}
			}
			t.Errorf("no %s %s at %s; got:\n%s", c.sev, c.rule, c.path, strings.Join(findingKeys(r, true), "\n"))
		})
	}
	// Every rule in the catalogue has a failing case here, except rules.error (TestLoadDir).
	for _, ri := range Default().Rules() {
		if !covered[ri.ID] && ri.ID != "rules.error" {
			t.Errorf("rule %s has no failing case", ri.ID)
		}
	}
}

func TestFrameworkFromLayout(t *testing.T) {
	// relabel changes row i of every table of the plan.
	relabel := func(p *jixiao.Plan, i int, l1, l2 string) {
		p.Indicators[i].Level1, p.Indicators[i].Level2 = l1, l2
		for j := range p.SpecialFunds[0].Items {
			in := &p.SpecialFunds[0].Items[j].Indicators[i]
			in.Level1, in.Level2 = l1, l2
		}
	}
	national := cleanPlan()
	relabel(national, 5, "满意度指标", "服务对象满意度指标")
	costL1 := cleanPlan()
	relabel(costL1, 3, "成本指标", "经济成本指标")
	relabel(costL1, 5, "满意度指标", "服务对象满意度指标")
	named := cleanPlan()
	named.Framework = "national-2021"
	// A project table whose rows every framework allows (产出 › 数量 only): the national
	// one, its forms' source; the seed's forms with the same rows keep hunan-2021.
	projectOnly := &jixiao.Plan{Year: 2022, Projects: []jixiao.Project{{Name: "会展业发展", Indicators: []jixiao.Indicator{ind("产出指标", "数量指标", "全年实现会展业综合收入", "≥280亿元")}}}}
	seedOnly := &jixiao.Plan{Year: 2022, Department: "某局", Indicators: []jixiao.Indicator{ind("产出指标", "数量指标", "全年实现会展业综合收入", "≥280亿元")}}
	for _, c := range []struct {
		name      string
		p         *jixiao.Plan
		want, src string
	}{
		{"hunan", cleanPlan(), "hunan-2021", SourceLayout},
		{"national", national, "national-2021", SourceLayout},
		{"cost-level1", costL1, "cost-level1", SourceLayout},
		{"named", named, "national-2021", SourcePlan},
		{"a tie in a project table", projectOnly, "national-2021", SourceLayout},
		{"a tie in the seed's forms", seedOnly, "hunan-2021", SourceLayout},
	} {
		r := Check(c.p, Options{})
		if r.Framework != c.want || r.FrameworkSource != c.src {
			t.Errorf("%s: framework %s (%s), want %s (%s)", c.name, r.Framework, r.FrameworkSource, c.want, c.src)
		}
	}
	// Under cost-level1 the department's cost sits under 产出 in the Hunan layout: a finding.
	r := Check(cleanPlan(), Options{Framework: "cost-level1"})
	found := false
	for _, f := range r.Findings {
		found = found || f.Rule == "framework.level2" && f.Path == "indicators[3].level2"
	}
	if !found {
		t.Errorf("cost-level1: 产出成本 under 产出 not reported:\n%s", strings.Join(findingKeys(r, true), "\n"))
	}
}

// TestConfirmedLinks: a link confirmed by the user replaces the matching.
func TestConfirmedLinks(t *testing.T) {
	p := cleanPlan()
	p.Indicators[0] = ind("产出指标", "产出数量", "办班次数", "≥8次") // a name the matching does not link
	r := Check(p, Options{})
	if !hasRule(r, "rollup.unlinked") {
		t.Fatalf("unlinked department count not reported:\n%s", strings.Join(findingKeys(r, true), "\n"))
	}
	p.Links = []jixiao.RollupLink{{Department: "indicators[0].target", Confirmed: true,
		Items: []string{"specialFunds[0].items[0].indicators[0].target", "specialFunds[0].items[1].indicators[0].target"}}}
	r = Check(p, Options{})
	if hasRule(r, "rollup.unlinked") {
		t.Errorf("confirmed link still unlinked:\n%s", strings.Join(findingKeys(r, true), "\n"))
	}
	ok := false
	for _, f := range r.Passes {
		ok = ok || f.Rule == "rollup.count" && f.Arithmetic == "6 + 2 = 8"
	}
	if !ok || len(r.Links) != 1 || !r.Links[0].Confirmed {
		t.Errorf("confirmed link: passes %v links %+v", passKeys(r), r.Links)
	}
	// A confirmed link that sums wrong is an error.
	p.Links[0].Items = p.Links[0].Items[:1]
	if r := Check(p, Options{}); !hasFinding(r, "rollup.count", "indicators[0].target") {
		t.Errorf("wrong confirmed link not reported:\n%s", strings.Join(findingKeys(r, true), "\n"))
	}
}

func hasRule(r *Report, rule string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func hasFinding(r *Report, rule, path string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule && f.Path == path {
			return true
		}
	}
	return false
}

// TestLoadDir extends the built-in data from a directory: a framework, a rule pack
// (including one whose expression fails when run) and a wording list.
func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("fw.json", `{"kind":"framework","id":"test-2030","name":"测试体系","basis":"测试","description":"测试","priority":9,
		"level1":[{"name":"产出指标","category":"output","required":true,"level2":[{"name":"数量指标","category":"quantity","aliases":["产出数量"]}]}]}`)
	write("pack.json", `{"kind":"rules","id":"test","name":"测试规则","frameworks":["test-2030"],"rules":[
		{"id":"test.min-indicators","severity":"error","scope":"table","assert":"indicators >= 10","message":"{name}只有 {indicators} 个指标","explanation":"测试"},
		{"id":"test.broken","severity":"warning","scope":"plan","assert":"items % (items - items) > 0","message":"不会出现","explanation":"测试"}]}`)
	write("words.json", `{"kind":"wording","id":"test","name":"测试","typos":[{"wrong":"干部培训","right":"干部教育培训"}]}`)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Framework("test-2030") == nil || c.Framework("hunan-2021") == nil {
		t.Fatal("frameworks not merged")
	}
	r := c.Check(cleanPlan(), Options{Framework: "test-2030"})
	if !hasFinding(r, "test.min-indicators", "indicators") || !hasRule(r, "rules.error") || !hasFinding(r, "wording.typo", "keyTasks[0].item") {
		t.Errorf("loaded rules not applied:\n%s", strings.Join(findingKeys(r, true), "\n"))
	}
	for _, f := range r.Findings {
		if f.Rule == "test.min-indicators" && f.Path == "indicators" && f.Message != "部门整体支出绩效目标表只有 6 个指标" {
			t.Errorf("message %q", f.Message)
		}
	}
	// The pack applies to its framework only.
	if r := c.Check(cleanPlan(), Options{}); hasRule(r, "test.min-indicators") {
		t.Error("pack applied under another framework")
	}
	// Bad files are refused with a Chinese message.
	for name, bad := range map[string]string{
		"kind.json":  `{"kind":"other"}`,
		"expr.json":  `{"kind":"rules","id":"x","name":"x","frameworks":["*"],"rules":[{"id":"x.a","severity":"error","scope":"plan","assert":"nosuchfield > 1","message":"m","explanation":"e"}]}`,
		"scope.json": `{"kind":"rules","id":"x","name":"x","frameworks":["*"],"rules":[{"id":"x.a","severity":"error","scope":"cell","assert":"true","message":"m","explanation":"e"}]}`,
		"fw.json":    `{"kind":"framework","id":"x","name":"x","level1":[{"name":"产出","category":"nonsense","level2":[]}]}`,
		"field.json": `{"kind":"wording","id":"x","name":"x","typos":[],"extra":1}`,
	} {
		d := t.TempDir()
		if err := os.WriteFile(filepath.Join(d, name), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(d); err == nil || jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
}

func TestWhere(t *testing.T) {
	p := seedPlan(t)
	for path, want := range map[string]string{
		"budget.basic":                                "部门整体支出绩效目标表 › 年度预算申请 › 基本支出",
		"indicators[0].target.parts[2]":               "部门整体支出绩效目标表 › 年度绩效指标第1行 › 指标值 › 第3项",
		"specialFunds[0].items[1].periodGoal":         "附件3“统战特别政治经费” › 实施期绩效目标",
		"specialFunds[0].items[2].summary.annualGoal": "专项资金汇总表“统战业务专项”行 › 年度绩效目标",
		"keyTasks[3].objective":                       "部门整体支出绩效目标表 › 年度重点工作计划第4行 › 工作目标",
	} {
		if got := Where(p, path); got != want {
			t.Errorf("Where(%s) = %q, want %q", path, got, want)
		}
	}
}

func TestTextDiff(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"充分发挥统一战线法宝作用，协调处理关系，凝聚人心", "充分发挥统一战线法宝作用，协调处理好各方面关系，凝聚人心", "汇总表“…协调处理关系…”，附件3“…协调处理好各方面关系…”"},
		{"甲乙丙丁", "甲乙丙丁戊", "汇总表“甲乙丙丁”，附件3“甲乙丙丁戊”"},
	} {
		if got := textDiff(c.a, c.b, 3); got != c.want {
			t.Errorf("textDiff(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

// cleanProject is the clean plan's first item as a project table that stands alone, with
// its money by source.
func cleanProject(p *jixiao.Plan) jixiao.Project {
	pr := p.SpecialFunds[0].Items[0]
	pr.Summary = nil
	pr.Indicators = append([]jixiao.Indicator(nil), pr.Indicators...)
	pr.Funds = []jixiao.FundLine{
		{Source: jixiao.FundTotal, Label: "年度资金总额", Text: "5", Amount: jixiao.MustDecimal("5")},
		{Source: jixiao.FundFiscal, Label: "其中：财政拨款", Text: "5", Amount: jixiao.MustDecimal("5")},
		{Source: jixiao.FundOther, Label: "其他资金", Text: "0", Amount: jixiao.MustDecimal("0")},
	}
	return pr
}

// TestProjectRulesPass: a clean project table raises none of the project rules, and its
// sources and weights are reported as passes.
func TestProjectRulesPass(t *testing.T) {
	p := cleanPlan()
	pr := cleanProject(p)
	for i := range pr.Indicators {
		pr.Indicators[i].Weight = "15"
		pr.Indicators[i].Direction = jixiao.DirectionOf(pr.Indicators[i].Target.EffectiveOp())
	}
	pr.Indicators[0].Weight = "25" // 25 + 5 × 15 = 100
	p.Projects = []jixiao.Project{pr}
	r := Check(p, Options{})
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Path, "projects[") && (strings.HasPrefix(f.Rule, "project.") || strings.HasPrefix(f.Rule, "indicator.direction") || f.Rule == "indicator.unit") {
			t.Errorf("finding %s %s: %s", f.Rule, f.Path, f.Message)
		}
	}
	passes := map[string]bool{}
	for _, f := range r.Passes {
		passes[f.Rule] = true
	}
	for _, rule := range []string{"project.funds", "project.weights", "cost.limit"} {
		if !passes[rule] {
			t.Errorf("no pass of %s", rule)
		}
	}
}
