package check

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestUnnamedProjectMessages: a project with no 项目名称 yet (a new table of the web form)
// is named in every finding by its place, 第2个项目, never as “”.
func TestUnnamedProjectMessages(t *testing.T) {
	ind := jixiao.NewIndicator
	p := &jixiao.Plan{Department: "某县交通运输局", Year: 2025, Framework: "national-2021", Projects: []jixiao.Project{
		{Name: "农村公路养护", Amount: jixiao.MustDecimal("10"), Indicators: []jixiao.Indicator{ind("产出指标", "数量指标", "养护里程", "≥300公里", "")}},
		{Amount: jixiao.MustDecimal("0"), Indicators: []jixiao.Indicator{
			ind("产出指标", "数量指标", "", "", ""),
			ind("满意度指标", "服务对象满意度指标", "群众满意度", "满意", ""),
		}},
	}}
	r := Check(p, Options{})
	var got []string
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Path, "projects[1]") && f.Severity != Pass {
			got = append(got, f.Rule+" "+f.Message)
		}
	}
	sort.Strings(got)
	want := []string{
		"framework.required 第2个项目缺少一级指标“效益指标”",
		"framework.required 第2个项目缺少二级指标“成本指标”（产出指标）",
		"framework.required 第2个项目缺少二级指标“质量指标”（产出指标）",
		"indicator.no-number 数量指标应当量化，但指标值“”没有数值",
		"indicator.qualitative 定性指标值“满意”没有说明评价标准（什么情况算“满意”）",
		"item.amount-positive 第2个项目的项目金额 0 万元应大于 0",
		"item.cost-required 第2个项目没有成本指标",
		"national.satisfaction-value 第2个项目的满意度指标“群众满意度”没有数值目标（“满意”），应写作如 ≥90%",
		"project.name 第2张项目支出绩效目标表没有项目名称",
		"table.quantitative-min 第2个项目只有 0 个量化指标，至少应有 3 个",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings of the unnamed project (-want +got):\n%s", d)
	}
}

// TestWhereProjectName: the place of a project's own name reads 项目名称, not 三级指标.
func TestWhereProjectName(t *testing.T) {
	p := &jixiao.Plan{Projects: []jixiao.Project{{}, {Name: "农村公路养护", Indicators: []jixiao.Indicator{{}}}}}
	for path, want := range map[string]string{
		"projects[0].name":               "第1个项目 › 项目名称",
		"projects[1].indicators[0].name": "项目“农村公路养护” › 年度绩效指标第1行 › 三级指标",
	} {
		if got := Where(p, path); got != want {
			t.Errorf("Where(%s) = %q, want %q", path, got, want)
		}
	}
}
