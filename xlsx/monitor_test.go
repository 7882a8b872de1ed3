package xlsx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/selfeval"
)

var monitorRound = jixiao.MonitoringRound{Year: 2021, AsOf: 7}

var nationalCategories = []string{"经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"}

func monitorTemplate(t *testing.T, p *jixiao.Plan) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := MonitorTemplate(&b, p, monitorRound, nationalCategories); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// monitorLines is a record as the round-trip compares it.
func monitorLines(r *jixiao.MonitoringRecord) []string {
	out := []string{fmt.Sprintf("%s | %s | %s | %s", r.Title, r.Project, r.Department, r.Round)}
	for _, f := range r.Funds {
		out = append(out, fmt.Sprintf("fund %s: %s / %s / %s", f.Name, f.Initial, f.Executed, f.ForecastExecuted))
	}
	for _, in := range r.Indicators {
		out = append(out, fmt.Sprintf("%s / %s / %s / %s / %s / %s / %s / %s / %s / %s", in.Level1, in.Level2, in.Name, in.Target.Text,
			in.Actual.Text, in.Forecast.Text, in.Likelihood.Label(), in.Deviation.Category, in.Deviation.Text, in.Remedy))
	}
	return out
}

// TestMonitorTemplateRoundTrip generates the template of the seed plan, fills the first
// project as a unit would (in excelize, by the labels' places), and reads it back with
// the monitoring reader: every table, every pre-filled target and every filled cell.
func TestMonitorTemplateRoundTrip(t *testing.T) {
	p := seedPlan(t)
	data := monitorTemplate(t, p)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	item := p.SpecialFunds[0].Items[0]
	if len(sheets) != 1+len(p.Items()) || sheets[1] != item.Name {
		t.Fatalf("sheets = %q", sheets)
	}
	// Fill 年度资金总额 (row 6: title, round, name, 主管部门, header) and the first indicator
	// (row 10: goal header, goal, indicator header).
	fills := map[string]string{"D6": "3", "F6": "9.5", "F8": "已开展两次调研", "E10": "1次", "F10": "2次", "G10": "有可能", "H10": "人员保障", "I10": "人员借调", "J10": "增派人员"}
	for ref, v := range fills {
		if err := f.SetCellValue(sheets[1], ref, v); err != nil {
			t.Fatal(err)
		}
	}
	var filled bytes.Buffer
	if _, err := f.WriteTo(&filled); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tables, err := Cells("监控.xlsx", filled.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err := selfeval.ReadAllMonitoring("监控.xlsx", tables)
	if err != nil {
		t.Fatal(err)
	}

	want := jixiao.NewMonitoringRecords(p, monitorRound)
	for _, r := range want {
		r.Title = "2021年" + r.Title
	}
	w := want[1]
	w.Funds[0].Executed, w.Funds[0].ForecastExecuted = jixiao.MustDecimal("3"), jixiao.MustDecimal("9.5")
	in := &w.Indicators[0]
	in.Actual, in.Forecast, in.Likelihood = jixiao.ParseTarget("1次"), jixiao.ParseTarget("2次"), jixiao.LikelihoodPossible
	in.Deviation, in.Remedy = jixiao.DeviationReason{Category: "人员保障", Text: "人员借调"}, "增派人员"
	var wl, gl []string
	for _, r := range want {
		wl = append(wl, monitorLines(r)...)
	}
	for _, r := range got {
		gl = append(gl, monitorLines(r)...)
	}
	if diff := cmp.Diff(wl, gl); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if len(got) > 1 && (len(got[1].Goals) != 1 || got[1].Goals[0].Actual != "已开展两次调研") {
		t.Errorf("goals = %+v", got[1].Goals)
	}
}

// TestMonitorTemplateOpenpyxl: a second reader sees the sheets, the titles, the
// pre-filled targets as text and the drop-down list of 完成目标可能性.
func TestMonitorTemplateOpenpyxl(t *testing.T) {
	p := seedPlan(t)
	path := filepath.Join(t.TempDir(), "monitor.xlsx")
	if err := os.WriteFile(path, monitorTemplate(t, p), 0o644); err != nil {
		t.Fatal(err)
	}
	dump := openpyxl(t, path)
	recs := jixiao.NewMonitoringRecords(p, monitorRound)
	if len(dump) != len(recs) {
		t.Fatalf("openpyxl sees %d sheets, want %d", len(dump), len(recs))
	}
	for i, d := range dump {
		vals := map[string]bool{}
		for _, c := range d.Cells {
			vals[c.Value] = true
		}
		want := []string{"2021年" + recs[i].Title, "截至7月底执行数", "全年预计执行数", "截至7月底实际完成值", "完成目标可能性"}
		for _, in := range recs[i].Indicators {
			if in.Target.Text != "" {
				want = append(want, in.Target.Text)
			}
		}
		for _, w := range want {
			if !vals[w] {
				t.Errorf("sheet %s: openpyxl does not see %q", d.Name, w)
			}
		}
		if d.PaperSize != 9 || !strings.HasPrefix(d.PrintTitleRows, "1:2") && d.PrintTitleRows != "$1:$2" {
			t.Errorf("sheet %s: paper %d, print titles %q", d.Name, d.PaperSize, d.PrintTitleRows)
		}
	}
	if err := MonitorTemplate(&bytes.Buffer{}, p, jixiao.MonitoringRound{Year: 2021}, nil); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("a round without a month: err = %v, want EINVALID", err)
	}
}
