package check

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/document"
)

// seedFindings are the error and warning findings (rule and path) the seed must give, and
// nothing else: domain.md "What a correct checker finds in the seed".
var seedFindings = []string{
	// 基本支出 137.01041 + 项目支出 30 = 167.01041 ≠ 资金总额 167.0104 (0.1 yuan off)
	"error budget.spending-sum budget.total",
	// the three summary-vs-附件3 text differences
	"error item.goal-text specialFunds[0].items[1].periodGoal",
	"error item.goal-text specialFunds[0].items[2].periodGoal",
	"error item.goal-text specialFunds[0].items[2].annualGoal",
	// 137.01041 has a fifth decimal
	"warning amount.decimals budget.basic",
	// cells holding several indicators (产出数量 and 产出成本), with split proposals
	"warning indicator.compound indicators[0].target",
	"warning indicator.compound indicators[3].target",
	"warning indicator.compound specialFunds[0].items[0].indicators[0].target",
	"warning indicator.compound specialFunds[0].items[1].indicators[0].target",
	"warning indicator.compound specialFunds[0].items[2].indicators[0].target",
	"warning indicator.compound specialFunds[0].items[2].indicators[3].target",
	// 三级指标 written as paragraphs or sentences, not names
	"warning indicator.name-sentence indicators[0].name",
	"warning indicator.name-sentence indicators[5].name",
	"warning indicator.name-sentence indicators[7].name",
	"warning indicator.name-sentence specialFunds[0].items[0].indicators[0].name",
	"warning indicator.name-sentence specialFunds[0].items[0].indicators[5].name",
	"warning indicator.name-sentence specialFunds[0].items[0].indicators[7].name",
	"warning indicator.name-sentence specialFunds[0].items[1].indicators[0].name",
	"warning indicator.name-sentence specialFunds[0].items[1].indicators[5].name",
	"warning indicator.name-sentence specialFunds[0].items[1].indicators[7].name",
	"warning indicator.name-sentence specialFunds[0].items[2].indicators[0].name",
	"warning indicator.name-sentence specialFunds[0].items[2].indicators[5].name",
	"warning indicator.name-sentence specialFunds[0].items[2].indicators[7].name",
	// 效益 targets 良好 without criteria
	"warning indicator.qualitative indicators[5].target",
	"warning indicator.qualitative indicators[7].target",
	"warning indicator.qualitative specialFunds[0].items[0].indicators[5].target",
	"warning indicator.qualitative specialFunds[0].items[0].indicators[7].target",
	"warning indicator.qualitative specialFunds[0].items[1].indicators[5].target",
	"warning indicator.qualitative specialFunds[0].items[1].indicators[7].target",
	"warning indicator.qualitative specialFunds[0].items[2].indicators[5].target",
	"warning indicator.qualitative specialFunds[0].items[2].indicators[7].target",
	// 预算资金使用率 100% and 工作及时完成率 100% in every table
	"warning indicator.boilerplate indicators[1].name",
	"warning indicator.boilerplate indicators[2].name",
	// wording: 选拨, 人住环境, 三高四 and 为面加快 (twice each), 充分发各自优势
	"warning wording.typo duties",
	"warning wording.typo indicators[5].name",
	"warning wording.typo indicators[7].name",
	"warning wording.typo indicators[7].name",
	"warning wording.typo specialFunds[0].items[2].indicators[7].name",
	"warning wording.typo specialFunds[0].items[2].indicators[7].name",
	"warning wording.typo specialFunds[0].items[2].indicators[7].name",
}

// seedNational are the findings only the national framework gives: 满意度 is not a 一级指标.
var seedNational = []string{
	"warning framework.level2 indicators[8].level2",
	"warning framework.level2 specialFunds[0].items[0].indicators[8].level2",
	"warning framework.level2 specialFunds[0].items[1].indicators[8].level2",
	"warning framework.level2 specialFunds[0].items[2].indicators[8].level2",
}

// seedPasses are the passes the report must show.
var seedPasses = []string{
	"budget.income-sum budget.total 167.0104 = 资金总额 167.0104",
	"funds.group specialFunds[0].amount 5 + 10 + 15 = 30 = 30",
	"funds.total fundsTotal 5 + 10 + 15 = 30 = 合计 30",
	"funds.project budget.project 5 + 10 + 15 = 30 = 项目支出 30",
	"item.amount specialFunds[0].items[0].amount 附件3 5 = 汇总表 5",
	"item.amount specialFunds[0].items[1].amount 附件3 10 = 汇总表 10",
	"item.amount specialFunds[0].items[2].amount 附件3 15 = 汇总表 15",
	"item.period specialFunds[0].items[0].period 2021-01至2021-12 ⊆ 2021年",
	"item.period specialFunds[0].items[1].period 2021-01至2021-12 ⊆ 2021年",
	"item.period specialFunds[0].items[2].period 2021-01至2021-12 ⊆ 2021年",
	"rollup.count indicators[0].target.parts[0] 6 + 2 = 8",
	"rollup.count indicators[0].target.parts[1] 3 + 9 + 9 = 21",
	"rollup.count indicators[0].target.parts[2] 2 + 2 + 5 = 9",
	"rollup.count indicators[0].target.parts[3] 2 + 3 = 5",
	"rollup.count indicators[0].target.parts[4] 2 + 9 = 11",
	"rollup.count indicators[0].target.parts[5] 15 = 15",
	"rollup.count indicators[0].target.parts[6] 5 + 10 + 5 = 20",
	"rollup.cost indicators 5 + 5 + 5 + 5 + 10 = 30 = 项目支出 30",
	"cost.limit specialFunds[0].items[0].indicators 5 ≤ 5",
	"cost.limit specialFunds[0].items[2].indicators 5 + 5 + 5 = 15 ≤ 15",
}

func findingKeys(r *Report, withInfo bool) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Severity == Info && !withInfo {
			continue
		}
		out = append(out, string(f.Severity)+" "+f.Rule+" "+f.Path)
	}
	sort.Strings(out)
	return out
}

func passKeys(r *Report) []string {
	var out []string
	for _, f := range r.Passes {
		out = append(out, f.Rule+" "+f.Path+" "+f.Arithmetic)
	}
	sort.Strings(out)
	return out
}

func sorted(ss ...[]string) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s...)
	}
	sort.Strings(out)
	return out
}

func checkSeedReport(t *testing.T, p *jixiao.Plan) {
	t.Helper()
	cases := []struct {
		framework, wantFramework, wantSource string
		want                                 []string
	}{
		{"", "hunan-2021", SourceLayout, sorted(seedFindings)},
		{"hunan-2021", "hunan-2021", SourceOption, sorted(seedFindings)},
		{"national-2021", "national-2021", SourceOption, sorted(seedFindings, seedNational)},
	}
	for _, c := range cases {
		t.Run("framework="+c.framework, func(t *testing.T) {
			r := Check(p, Options{Framework: c.framework})
			if r.Framework != c.wantFramework || r.FrameworkSource != c.wantSource {
				t.Errorf("framework = %s (%s), want %s (%s)", r.Framework, r.FrameworkSource, c.wantFramework, c.wantSource)
			}
			if diff := cmp.Diff(c.want, findingKeys(r, false)); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(sorted(seedPasses), passKeys(r)); diff != "" {
				t.Errorf("passes mismatch (-want +got):\n%s", diff)
			}
			if r.Indicators != 36 {
				t.Errorf("indicators = %d, want 36", r.Indicators)
			}
			for _, f := range append(r.Findings, r.Passes...) {
				if f.Message == "" || strings.Contains(f.Message, "\n") {
					t.Errorf("%s %s: message %q is not one line", f.Rule, f.Path, f.Message)
				}
				if f.Explanation == "" {
					t.Errorf("%s %s: no explanation", f.Rule, f.Path)
				}
			}
		})
	}
}

func TestSeed(t *testing.T) {
	checkSeedReport(t, seedPlan(t))
}

// TestSeedFromText checks the seed as the text reader reads it.
func TestSeedFromText(t *testing.T) {
	p, err := document.ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	checkSeedReport(t, p)
}

func TestSeedMessages(t *testing.T) {
	r := Check(seedPlan(t), Options{})
	msgs := map[string]string{}
	for _, f := range r.Findings {
		msgs[f.Rule+" "+f.Path] += f.Message + "|" + f.Arithmetic + "\n"
	}
	for key, want := range map[string][]string{
		"budget.spending-sum budget.total":                         {"167.01041", "167.0104", "0.1 元", "137.01041 + 30 = 167.01041 ≠"},
		"item.goal-text specialFunds[0].items[1].periodGoal":       {"汇总表“…协调处理关系…”，附件3“…协调处理好各方面关系…”"},
		"item.goal-text specialFunds[0].items[2].periodGoal":       {"汇总表", "附件3"},
		"amount.decimals budget.basic":                             {"137.01041", "5 位小数"},
		"wording.typo duties":                                      {"“选拨”应为“选拔”", "共 2 处"},
		"wording.typo indicators[5].name":                          {"“人住环境”应为“人居环境”"},
		"wording.typo indicators[7].name":                          {"“三高四”应为“三高四新”", "“为面加快”应为“全面加快”"},
		"wording.typo specialFunds[0].items[2].indicators[7].name": {"“充分发各”应为“充分发挥各”"},
		"indicator.qualitative indicators[5].target":               {"良好"},
	} {
		for _, w := range want {
			if !strings.Contains(msgs[key], w) {
				t.Errorf("%s: messages %q lack %q", key, msgs[key], w)
			}
		}
	}
	// The one info: a quoted name written two ways.
	var infos []string
	for _, f := range r.Findings {
		if f.Severity == Info {
			infos = append(infos, f.Rule+" "+f.Message)
		}
	}
	if len(infos) != 1 || !strings.Contains(infos[0], "省级民族团结进步创建示范点") {
		t.Errorf("infos = %q, want the one quoted-name variant", infos)
	}
}

// TestSeedSplits checks the split proposals: 7 parts for the department's 产出数量 cell
// and 5 for its 产出成本 cell, applied in one step.
func TestSeedSplits(t *testing.T) {
	p := seedPlan(t)
	r := Check(p, Options{})
	byPath := map[string]*Finding{}
	for i := range r.Findings {
		if r.Findings[i].Rule == "indicator.compound" {
			byPath[r.Findings[i].Path] = &r.Findings[i]
		}
	}
	split := func(path string) []string {
		f := byPath[path]
		if f == nil || f.Suggestion == nil || f.Suggestion.Kind != Split {
			t.Fatalf("%s: no split proposal", path)
		}
		var out []string
		for _, in := range f.Suggestion.Split {
			out = append(out, in.Level1+"/"+in.Level2+"/"+in.Name+" "+in.Target.String())
		}
		return out
	}
	wantCount := []string{
		"产出指标/产出数量/培训 ≥ 8 次", "产出指标/产出数量/会议 ≥ 21 次", "产出指标/产出数量/调研 ≥ 9 次",
		"产出指标/产出数量/督查 ≥ 5 次", "产出指标/产出数量/宣传 ≥ 11 次", "产出指标/产出数量/联谊交友 ≥ 15 次",
		"产出指标/产出数量/其他 ≥ 20 次",
	}
	if diff := cmp.Diff(wantCount, split("indicators[0].target")); diff != "" {
		t.Errorf("产出数量 split mismatch (-want +got):\n%s", diff)
	}
	wantCost := []string{
		"产出指标/产出成本/新联会 ≤ 5 万元", "产出指标/产出成本/知联会 ≤ 5 万元", "产出指标/产出成本/民主党派基层组织 ≤ 5 万元",
		"产出指标/产出成本/民族宗教 ≤ 5 万元", "产出指标/产出成本/统战特别政治经费 ≤ 10 万元",
	}
	if diff := cmp.Diff(wantCost, split("indicators[3].target")); diff != "" {
		t.Errorf("产出成本 split mismatch (-want +got):\n%s", diff)
	}

	// Apply the cost split first (it is below the count cell), then the count split.
	if err := Apply(p, byPath["indicators[3].target"]); err != nil {
		t.Fatal(err)
	}
	if err := ApplySplit(p, "indicators[0].target"); err != nil {
		t.Fatal(err)
	}
	if got := len(p.Indicators); got != 9-2+7+5 {
		t.Fatalf("after splits: %d indicators, want %d", got, 9-2+7+5)
	}
	r2 := Check(p, Options{})
	for _, f := range r2.Findings {
		if f.Rule == "indicator.compound" && !strings.HasPrefix(f.Path, "specialFunds") {
			t.Errorf("after split: still %s at %s", f.Rule, f.Path)
		}
	}
	// The split rows still roll up: 7 count passes and the cost roll-up.
	n, cost := 0, false
	for _, f := range r2.Passes {
		if f.Rule == "rollup.count" {
			n++
		}
		cost = cost || f.Rule == "rollup.cost" && strings.HasSuffix(f.Arithmetic, "= 30 = 项目支出 30")
	}
	if n != 7 || !cost {
		t.Errorf("after split: %d count roll-ups (want 7), cost roll-up %v", n, cost)
	}
	if err := ApplySplit(p, "indicators[0].target"); err == nil {
		t.Error("splitting a simple indicator: no error")
	}
}

// TestSeedApplyWording applies every wording fix and checks nothing of it is left.
func TestSeedApplyWording(t *testing.T) {
	p := seedPlan(t)
	r := Check(p, Options{})
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Rule == "wording.typo" {
			// Re-check between fixes: two findings may rewrite the same cell.
			cur := Check(p, Options{})
			for j := range cur.Findings {
				g := &cur.Findings[j]
				if g.Rule == f.Rule && g.Path == f.Path && g.Suggestion.Old == f.Suggestion.Old {
					if err := Apply(p, g); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	for _, f := range Check(p, Options{}).Findings {
		if f.Rule == "wording.typo" {
			t.Errorf("left after fixes: %s %s", f.Path, f.Message)
		}
	}
	if !strings.Contains(p.Duties, "选拔培养推荐") || strings.Contains(p.Duties, "选拨") {
		t.Error("duties not fixed")
	}
	if !strings.Contains(p.Indicators[7].Name, "“三高四新”战略，全面加快") {
		t.Errorf("indicator 7 not fixed: %s", p.Indicators[7].Name)
	}
}

func TestSeedGoalFix(t *testing.T) {
	p := seedPlan(t)
	for _, f := range Check(p, Options{}).Findings {
		if f.Rule == "item.goal-text" {
			if err := Apply(p, &f); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range Check(p, Options{}).Findings {
		if f.Rule == "item.goal-text" {
			t.Errorf("after fix: %s %s", f.Path, f.Message)
		}
	}
}
