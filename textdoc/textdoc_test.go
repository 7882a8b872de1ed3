package textdoc_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const seedPath = "../examples/shifeng-tongzhanbu-2021.txt"

func readSeed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return data
}

func mustRead(t testing.TB, name string, data []byte) *jixiao.Plan {
	t.Helper()
	p, err := textdoc.Read(name, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return p
}

// TestSeedGolden holds the whole plan read from the seed as JSON (go test -update to
// refresh it after a deliberate change).
func TestSeedGolden(t *testing.T) {
	p := mustRead(t, "seed.txt", readSeed(t))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seed.golden.json")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("seed JSON mismatch (-want +got):\n%s", diff)
	}
}

// TestSeedFigures states the figures of issue 2 explicitly, independent of the golden
// file.
func TestSeedFigures(t *testing.T) {
	p := mustRead(t, "seed.txt", readSeed(t))
	type figures struct {
		Department, Submitter                          string
		Year                                           int
		Total, General, GovFund, Other, Basic, Project string
		DutiesStart, DutiesEnd                         string
		Owners                                         []string
		Indicators                                     int
		FundAuthority, FundsTotal                      string
		Funds                                          []string
		Items                                          []string
	}
	got := figures{
		Department: p.Department, Submitter: p.Submitter, Year: p.Year,
		Total: p.Budget.Total.String(), General: p.Budget.GeneralBudget.String(),
		GovFund: p.Budget.GovFund.String(), Other: p.Budget.OtherFunds.String(),
		Basic: p.Budget.Basic.String(), Project: p.Budget.Project.String(),
		Indicators: len(p.Indicators), FundAuthority: p.FundAuthority, FundsTotal: p.FundsTotal.String(),
	}
	if start := "（一）贯彻执行中央和省、市委关于统一战线的"; strings.HasPrefix(p.Duties, start) {
		got.DutiesStart = start
	}
	if end := "（七）开展新的社会阶层人士工作。"; strings.HasSuffix(p.Duties, end) {
		got.DutiesEnd = end
	}
	for _, k := range p.KeyTasks {
		got.Owners = append(got.Owners, k.Owner)
	}
	for _, f := range p.SpecialFunds {
		got.Funds = append(got.Funds, f.Name+" "+f.Amount.String())
		for _, it := range f.Items {
			s := it.Name + " " + it.Amount.String() + " " + it.Period.String() + " " + itoa(len(it.Indicators))
			if it.Summary != nil {
				s += " 汇总表:" + it.Summary.No + " " + it.Summary.Amount.String()
			}
			got.Items = append(got.Items, s)
		}
	}
	want := figures{
		Department: "中共株洲市石峰区委员会统一战线工作部", Submitter: "中共株洲市石峰区委员会统一战线工作部", Year: 2021,
		Total: "167.0104", General: "167.0104", GovFund: "", Other: "",
		Basic: "137.01041", Project: "30",
		DutiesStart: "（一）贯彻执行中央和省、市委关于统一战线的", DutiesEnd: "（七）开展新的社会阶层人士工作。",
		Owners:        []string{"统战部", "统战部", "统战部", "民宗局", "统战部", "统战部", "侨联"},
		Indicators:    9,
		FundAuthority: "中共株\n株洲市石峰区委统战部", FundsTotal: "30",
		Funds: []string{"业务性专项经费 30"},
		Items: []string{
			"民主党派基层建设经费 5 2021-01至2021-12 9 汇总表:1 5",
			"统战特别政治经费 10 2021-01至2021-12 9 汇总表:2 10",
			"统战业务专项 15 2021-01至2021-12 9 汇总表:3 15",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seed figures mismatch (-want +got):\n%s", diff)
	}

	// Both goal texts are kept: the summary's and the 附件3's differ for two items.
	items := p.Items()
	goals := func(it *jixiao.FundItem) [4]string {
		return [4]string{it.PeriodGoal, it.AnnualGoal, it.Summary.PeriodGoal, it.Summary.AnnualGoal}
	}
	for i, it := range items {
		for j, g := range goals(it) {
			if g == "" {
				t.Errorf("item %d (%s): goal %d is empty", i, it.Name, j)
			}
		}
	}
	if !strings.Contains(items[1].PeriodGoal, "协调处理好各方面关系") || !strings.Contains(items[1].Summary.PeriodGoal, "协调处理关系，") {
		t.Errorf("统战特别政治经费: 实施期绩效目标 not kept from both tables: %q / %q", items[1].PeriodGoal, items[1].Summary.PeriodGoal)
	}
	if items[0].PeriodGoal != items[0].Summary.PeriodGoal || items[0].AnnualGoal != items[0].Summary.AnnualGoal {
		t.Errorf("民主党派基层建设经费: goals should agree between the tables")
	}
	if items[2].AnnualGoal == items[2].Summary.AnnualGoal || items[2].PeriodGoal == items[2].Summary.PeriodGoal {
		t.Errorf("统战业务专项: both goals should differ between the summary and 附件3")
	}

	// The indicators keep their merged levels and typed targets.
	in := p.Indicators
	if in[1].Level1 != "产出指标" || in[1].Level2 != "产出质量" || in[1].Name != "预算资金使用率" || in[1].Target.Text != "100%" || in[1].Note != "/" {
		t.Errorf("indicator 1 = %+v", in[1])
	}
	if in[8].Level1 != "效益指标" || in[8].Level2 != "社会公众及服务对象满意度" || in[8].Target.Op != jixiao.OpGE {
		t.Errorf("indicator 8 = %+v", in[8])
	}
	if in[0].Target.Kind != jixiao.TargetCompound || len(in[0].Target.Parts) != 7 {
		t.Errorf("indicator 0 target = %+v, want 7 compound parts", in[0].Target)
	}
	if got := items[1].Indicators[3].Target.Text; got != "≤200元/人" {
		t.Errorf("统战特别政治经费 产出成本 = %q", got)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
