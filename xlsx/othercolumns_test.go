package xlsx

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

// TestIndicatorOtherRoundTrip: the indicator columns a plan keeps in Indicator.Other by
// their header (江苏's 半年(程)指标值, 黄石's 2021年实际实现值, a column no reader knows)
// are written as columns of the project sheet and read back into Other.
func TestIndicatorOtherRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/jiangsu-2024-project-zhenjiang-saizhenzhu-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	jiangsu, err := textdoc.Read("jiangsu.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	made := func() *jixiao.Plan {
		p := &jixiao.Plan{Year: 2022, Projects: []jixiao.Project{{Name: "党校培训", Authority: "中共黄石市委党校", Unit: "中共黄石市委党校",
			Amount: jixiao.Int(120), AnnualGoal: "完成主体班培训。"}}}
		pr := &p.Projects[0]
		for _, r := range []struct {
			l1, l2, name, target string
			other                []jixiao.LabelValue
		}{
			{"产出指标", "数量指标", "主体班培训人次", "280人次", []jixiao.LabelValue{{Label: "2021年实际实现值", Value: "260人次"}, {Label: "核查方式", Value: "查阅名册"}}},
			{"产出指标", "质量指标", "学员满意率", "≥90%", nil},
			{"效益指标", "社会效益指标", "干部理论水平", "提高", []jixiao.LabelValue{{Label: "核查方式", Value: "问卷"}}},
		} {
			in := jixiao.NewIndicator(r.l1, r.l2, r.name, r.target, "")
			in.Other = r.other
			pr.Indicators = append(pr.Indicators, in)
		}
		return p
	}()
	for _, c := range []struct {
		name string
		p    *jixiao.Plan
	}{{"江苏 半年(程)指标值", jiangsu}, {"实际实现值 and an unknown column", made}} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, c.p); err != nil {
				t.Fatal(err)
			}
			got, err := Read("p.xlsx", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Projects) != len(c.p.Projects) {
				t.Fatalf("%d projects, want %d", len(got.Projects), len(c.p.Projects))
			}
			other := func(p *jixiao.Plan) (out [][]jixiao.LabelValue) {
				for _, pr := range p.Projects {
					for _, in := range pr.Indicators {
						out = append(out, in.Other)
					}
				}
				return out
			}
			want := other(c.p)
			if len(want) == 0 || want[0] == nil {
				t.Fatal("the plan has no Other values to write")
			}
			if d := cmp.Diff(want, other(got)); d != "" {
				t.Errorf("Indicator.Other (-written +read):\n%s", d)
			}
			if d := cmp.Diff(factsOfProject(c.p.Projects[0]), factsOfProject(got.Projects[0])); d != "" {
				t.Errorf("the project (-written +read):\n%s", d)
			}
		})
	}
}
