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
	"jixiao/examples"
	"jixiao/score"
	"jixiao/selfeval"
	"jixiao/textdoc"
)

// blankTemplate writes the fill-in workbook of the seed plan's self-evaluations.
func blankTemplate(t *testing.T) (*score.Rule, []*jixiao.SelfEvaluation, []byte) {
	t.Helper()
	p, err := textdoc.Read("seed.txt", examples.Shifeng)
	if err != nil {
		t.Fatal(err)
	}
	rule, err := score.Lookup("")
	if err != nil {
		t.Fatal(err)
	}
	blank := rule.Blank(p)
	var b bytes.Buffer
	if err := WriteSelfEvaluations(&b, blank); err != nil {
		t.Fatal(err)
	}
	return rule, blank, b.Bytes()
}

// TestSelfEvaluationTemplateRoundTrip: the template of the seed plan reads back as the
// blank tables (targets, points, budget); filled in with excelize the way a unit fills it
// (actuals, 全年执行数, one indicator missed with its reason, the unit's scores), it reads
// back with the figures typed and scores as computed by hand.
func TestSelfEvaluationTemplateRoundTrip(t *testing.T) {
	rule, blank, data := blankTemplate(t)
	tables, err := Cells("t.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := selfeval.ReadAll("t.xlsx", tables)
	if err != nil {
		t.Fatal(err)
	}
	sum := func(e *jixiao.SelfEvaluation) []string {
		out := []string{e.Title, fmt.Sprint(e.Year), e.Project, e.Department}
		for _, f := range e.Funds {
			out = append(out, fmt.Sprintf("%s %s/%s/%s %s", f.Name, fixed(f.Initial), fixed(f.Adjusted), fixed(f.Executed), fixed(f.Weight)))
		}
		for _, g := range e.Goals {
			out = append(out, "goal "+g.Expected)
		}
		for _, in := range e.Indicators {
			out = append(out, fmt.Sprintf("%s/%s/%s %s %s", in.Level1, in.Level2, in.Name, in.Target.Text, fixed(in.Weight)))
		}
		return out
	}
	if len(got) != len(blank) {
		t.Fatalf("%d tables read back, want %d", len(got), len(blank))
	}
	for i := range blank {
		if diff := cmp.Diff(sum(blank[i]), sum(got[i])); diff != "" {
			t.Errorf("table %d (-written +read):\n%s", i, diff)
		}
	}

	// Fill in the second sheet (the first fund item) as a unit would.
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[1]
	rows, _ := f.GetRows(sheet)
	find := func(text string, from int) int {
		for r := from; r < len(rows); r++ {
			for _, c := range rows[r] {
				if c == text {
					return r + 1
				}
			}
		}
		t.Fatalf("no %q in %s", text, sheet)
		return 0
	}
	total := find("年度资金总额", 0)
	f.SetCellValue(sheet, fmt.Sprintf("E%d", total), 4.5) // of 5: 90%
	head := find("三级指标", 0)
	item := blank[1]
	for k, in := range item.Indicators {
		r := head + 1 + k
		actual := "达成预期指标"
		switch {
		case in.Name == "预算资金使用率":
			actual = "90%" // missed: 90 ÷ 100 × weight
			f.SetCellValue(sheet, fmt.Sprintf("I%d", r), "部分经费年底前未支付。")
		case in.Target.Kind == jixiao.TargetNumeric && in.Target.Value.IsSet():
			actual = in.Target.Value.String() + in.Target.Unit
		}
		f.SetCellValue(sheet, fmt.Sprintf("F%d", r), actual)
	}
	var filled bytes.Buffer
	if err := f.Write(&filled); err != nil {
		t.Fatal(err)
	}
	tables, err = Cells("filled.xlsx", filled.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err = selfeval.ReadAll("filled.xlsx", tables)
	if err != nil {
		t.Fatal(err)
	}
	res := rule.Score(score.FromRecord(got[1]))
	var scores []string
	for _, in := range res.Indicators {
		scores = append(scores, in.Name+" "+in.Score.String())
	}
	var want []string
	for _, in := range item.Indicators {
		s := in.Weight.StringFixed(2)
		if in.Name == "预算资金使用率" {
			s = jixiao.FromMicros(in.Weight.Micros()/10*9, 2).StringFixed(2) // 90 ÷ 100 × 分值
		}
		want = append(want, in.Name+" "+s)
	}
	if diff := cmp.Diff(want, scores); diff != "" {
		t.Errorf("scores (-want +got):\n%s\nfindings %v", diff, res.Findings)
	}
	if res.Execution.Rate.String() != "90.00" || res.Execution.Score.String() != "9.00" {
		t.Errorf("execution %s%% %s", res.Execution.Rate, res.Execution.Score)
	}
	for _, fd := range res.Findings {
		if fd.Rule == "score.reason" || fd.Rule == "score.weights.total" {
			t.Errorf("finding %s: %s", fd.Rule, fd.Message)
		}
	}
}

// TestOpenpyxlReadsSelfEvaluationTemplate: a second reader sees the sheets, titles,
// targets and merged cells.
func TestOpenpyxlReadsSelfEvaluationTemplate(t *testing.T) {
	_, blank, data := blankTemplate(t)
	path := filepath.Join(t.TempDir(), "selfeval.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	dump := openpyxl(t, path)
	if len(dump) != len(blank) {
		t.Fatalf("openpyxl sees %d sheets, want %d", len(dump), len(blank))
	}
	for i, d := range dump {
		vals := map[string]string{}
		for _, c := range d.Cells {
			vals[c.Ref] = c.Value
		}
		if want := blank[i].Title; vals["A1"] != want {
			t.Errorf("sheet %s: A1 %q, want %q", d.Name, vals["A1"], want)
		}
		all := ""
		for _, c := range d.Cells {
			all += c.Value + "\n"
		}
		for _, in := range blank[i].Indicators {
			if !strings.Contains(all, in.Target.Text) {
				t.Errorf("sheet %s lacks the target %q", d.Name, in.Target.Text)
			}
		}
		if !strings.Contains(strings.Join(d.Merged, " "), "A1:I1") || d.PaperSize != 9 {
			t.Errorf("sheet %s: merged %v, paper %d", d.Name, d.Merged, d.PaperSize)
		}
	}
}

// fixed writes an amount to four places (a workbook's number format sets the places it
// reads back with), "—" when empty.
func fixed(d jixiao.Decimal) string {
	if !d.IsSet() {
		return "—"
	}
	return d.StringFixed(4)
}
