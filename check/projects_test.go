package check

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao/textdoc"
)

// TestPublishedProjectChecks: the project rules on published tables, as their sources
// show them (testdata/published/SOURCES.md).
func TestPublishedProjectChecks(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // rule severity path, of the project rules
	}{
		// 湘潭 2023: 年度本级预算金额 250万 + 上级资金 0 is the total; no weights.
		{"hunan-2023-project-xiangtan-wupaoche.txt", nil},
		// 黄石 2022: 项目金额 164万元 but 其中:当年市级财政资金 132万元 only.
		{"hubei-2022-project-huangshi-dangxiao-pifu.txt", []string{"project.funds warning projects[0].funds"}},
		// 乌海 2021 (cut after 产出): the visible 分值 add up to 50; 出差单位成本 etc. are 反向 with =.
		{"neimenggu-2021-project-wuhai-gongxiao-cut.txt", []string{"project.weights warning projects[0].indicators"}},
		// 南宁 2021: money by 资金性质 in 元 adds up to 本年度项目金额.
		{"guangxi-2021-project-nanning-waipin-cut.txt", nil},
		// 鄂州 2022: the cost composition table is kept as unread rows.
		{"hubei-2022-project-ezhou-dalou-cut.txt", []string{
			"project.unread warning projects[0]", "project.unread warning projects[0]",
			"project.unread warning projects[0]", "project.unread warning projects[0]"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/published/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := textdoc.Read(tc.file, data)
			if err != nil {
				t.Fatal(err)
			}
			r := Check(p, Options{})
			var got []string
			for _, f := range r.Findings {
				for _, pr := range projectRules {
					if f.Rule == pr.ID {
						got = append(got, f.Rule+" "+string(f.Severity)+" "+f.Path)
					}
				}
			}
			sort.Strings(got)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("project findings (-want +got):\n%s", d)
			}
		})
	}
}

// TestProjectsOnlyNoRollup: a plan of projects only has no department table, so no
// project's counts are a sum of the others' (井研 2023: 村组干部230人 and 行政村数量 were
// paired as a department indicator and its items).
func TestProjectsOnlyNoRollup(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/sichuan-2023-project-jingyan-mata-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("jingyan.txt", data)
	if err != nil || len(p.Projects) != 2 {
		t.Fatalf("%v", err)
	}
	for _, f := range Check(p, Options{}).Findings {
		if strings.HasPrefix(f.Rule, "rollup.") {
			t.Errorf("%s %s: %s", f.Rule, f.Path, f.Message)
		}
	}
}

// TestSatisfactionByNameWithoutLevels: in a table with no 一级/二级 (重庆 潼南 2023's single
// 指标 column) a 满意度 row is the satisfaction indicator by its name.
func TestSatisfactionByNameWithoutLevels(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/chongqing-2023-project-tongnan-wugui-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("tongnan.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Check(p, Options{}).Findings {
		if f.Rule == "indicator.satisfaction-missing" {
			got = append(got, f.Path+" "+f.Message)
		}
	}
	want := []string{"projects[0].indicators 项目“潼南区五桂镇汇总项目库”没有满意度指标", "projects[2].indicators 项目“日常办公设备购买和运行维护”没有填写任何绩效指标"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
