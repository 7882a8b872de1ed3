package xlsx

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/check"
)

// TestProjectTemplateFillAndImport fills the project template of each project layout as a
// unit would (typing beside the labels, the drop-down values in the indicator rows) and
// reads it back with Read: the project comes out as typed, the layout's own columns too.
// openpyxl, a second reader, sees the same headers and drop-down cells.
func TestProjectTemplateFillAndImport(t *testing.T) {
	for _, l := range jixiao.Layouts {
		if !l.Projects {
			continue
		}
		t.Run(l.ID, func(t *testing.T) {
			fw := check.Default().Framework(l.Framework)
			if fw == nil {
				t.Fatalf("no framework %s", l.Framework)
			}
			var buf bytes.Buffer
			if err := ProjectTemplate(&buf, 2024, fw); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			sheet := sheetProject + "1"
			rows, _ := f.GetRows(sheet)
			find := func(label string) (int, int) {
				t.Helper()
				for r, row := range rows {
					for c, v := range row {
						if v == label {
							return c + 1, r + 1
						}
					}
				}
				t.Fatalf("no cell %q", label)
				return 0, 0
			}
			set := func(col, row int, v any) {
				t.Helper()
				ref, _ := excelize.CoordinatesToCellName(col, row)
				if err := f.SetCellValue(sheet, ref, v); err != nil {
					t.Fatal(err)
				}
			}
			c, r := find("项目名称")
			set(c+1, r, "乡村道路养护")
			c, r = find("主管部门")
			set(c+1, r, "某县交通运输局")
			set(c+5, r, "某县公路养护中心")
			c, r = find("年度资金总额")
			set(c+2, r, 150)
			set(c+2, r+1, 120) // 其中：财政拨款
			set(c+2, r+3, 30)  // 其他资金
			c, r = find("实施期")
			set(c+1, r, "2024.1-2024.12")
			c, r = find("实施期目标")
			set(c, r+1, "三年完成县乡道提质。")
			set(c+4, r+1, "养护县乡道 300 公里。")
			c, r = find("一级指标")
			heads := rows[r-1]
			level1 := fw.Level1[0]
			last := fw.Level1[len(fw.Level1)-1]
			typed := [][]string{
				{level1.Name, level1.Level2[0].Name, "养护里程", "≥", "300", "公里", "20", "正向"},
				{last.Name, last.Level2[0].Name, "群众满意度", "≥", "90", "%", "10", "正向"},
			}
			for i, row := range typed {
				for j, v := range row {
					set(c+j, r+1+i, v)
				}
				for j := len(row); j < len(heads)-1; j++ { // the layout's own columns
					v := map[string]string{colKind: "定量", colExplanation: "解释" + row[2], colScoring: "未达到扣分", colStandard: "计划标准"}[heads[j]]
					set(c+j, r+1+i, v)
				}
			}
			path := filepath.Join(t.TempDir(), l.ID+".xlsx")
			var out bytes.Buffer
			if _, err := f.WriteTo(&out); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Read(path, out.Bytes())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(got.Projects) != 1 {
				t.Fatalf("%d projects read, want 1", len(got.Projects))
			}
			pr := got.Projects[0]
			type indicator struct{ L1, L2, Name, Target, Weight, Dir, Kind, Explanation, Scoring string }
			var ins []indicator
			for _, in := range pr.Indicators {
				ins = append(ins, indicator{in.Level1, in.Level2, in.Name, in.Target.Text, in.Weight, in.Direction.Label(), in.Kind, in.Explanation, in.ScoringRule})
			}
			withCols := slices.Contains(heads, colKind)
			want := []indicator{
				{level1.Name, level1.Level2[0].Name, "养护里程", "≥300公里", "20", "正向", "", "", ""},
				{last.Name, last.Level2[0].Name, "群众满意度", "≥90%", "10", "正向", "", "", ""},
			}
			if withCols {
				want[0].Kind, want[0].Explanation, want[0].Scoring = "定量", "解释养护里程", "未达到扣分"
				want[1].Kind, want[1].Explanation, want[1].Scoring = "定量", "解释群众满意度", "未达到扣分"
			}
			if d := cmp.Diff(want, ins); d != "" {
				t.Errorf("indicators mismatch (-want +got):\n%s", d)
			}
			head := []string{pr.Name, pr.Authority, pr.Unit, pr.Amount.String(), pr.PeriodText, pr.PeriodGoal, pr.AnnualGoal}
			if d := cmp.Diff([]string{"乡村道路养护", "某县交通运输局", "某县公路养护中心", "150", "2024.1-2024.12", "三年完成县乡道提质。", "养护县乡道 300 公里。"}, head); d != "" {
				t.Errorf("project mismatch (-want +got):\n%s", d)
			}
			fiscal, _ := pr.Fund(jixiao.FundFiscal)
			other, _ := pr.Fund(jixiao.FundOther)
			if fiscal.Amount.String() != "120" || other.Amount.String() != "30" {
				t.Errorf("funds: %+v", pr.Funds)
			}
			if l.ID == "hunan-2023" && !withCols {
				t.Errorf("the hunan-2023 template has no 指标值类型 column: %q", heads)
			}
			// The blank template, through openpyxl: the headers and the drop-down lists.
			blank := filepath.Join(t.TempDir(), "blank.xlsx")
			if err := os.WriteFile(blank, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			dump := openpyxl(t, blank)
			var texts []string
			for _, cl := range dump[0].Cells {
				texts = append(texts, cl.Value)
			}
			for _, h := range heads {
				if !slices.Contains(texts, h) {
					t.Errorf("openpyxl does not see the header %q", h)
				}
			}
			if dump[0].Name != sheet {
				t.Errorf("openpyxl sheet %q, want %q", dump[0].Name, sheet)
			}
			dvs, _ := f.GetDataValidations(sheet)
			lists := 0
			for _, dv := range dvs {
				if dv.Type == "list" {
					lists++
				}
			}
			if want := 4 + map[bool]int{true: 1}[withCols]; lists != want {
				b, _ := json.Marshal(dvs)
				t.Errorf("%d drop-down lists, want %d: %s", lists, want, b)
			}
		})
	}
}
