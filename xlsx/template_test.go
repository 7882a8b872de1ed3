package xlsx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

var testFramework = &jixiao.Framework{ID: "hunan-2021", Name: "湖南省2021年绩效目标表指标体系", Level1: []jixiao.Level1Def{
	{Name: "产出指标", Level2: level2("产出数量", "产出质量", "产出时效", "产出成本")},
	{Name: "效益指标", Level2: level2("经济效益", "社会效益", "生态效益", "可持续影响", "社会公众及服务对象满意度")},
}}

func level2(names ...string) []jixiao.Level2Def {
	out := make([]jixiao.Level2Def, len(names))
	for i, n := range names {
		out[i] = jixiao.Level2Def{Name: n}
	}
	return out
}

// TestTemplateFillAndImport fills the template the way a unit would — typing into the
// cells next to the labels, using the drop-down values — and imports it.
func TestTemplateFillAndImport(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf, 2022, testFramework); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// The drop-down lists are there, pointing at the hidden list sheet.
	dvs, err := f.GetDataValidations(sheetDepartment)
	if err != nil {
		t.Fatal(err)
	}
	var lists int
	for _, dv := range dvs {
		if dv.Type == "list" {
			lists++
		}
	}
	if lists != 2 {
		t.Errorf("部门整体 has %d drop-down lists, want 2 (一级, 二级)", lists)
	}
	if v, _ := f.GetSheetVisible(sheetLists); v {
		t.Error("the list sheet is visible")
	}
	if got, _ := f.GetCellValue(sheetLists, "B3"); got != "产出质量" {
		t.Errorf("list sheet B3 = %q, want 产出质量", got)
	}
	set := func(sheet, cellRef string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, cellRef, v); err != nil {
			t.Fatal(err)
		}
	}
	find := func(sheet, label string) (int, int) {
		t.Helper()
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c, v := range row {
				if v == label {
					return c + 1, r + 1
				}
			}
		}
		t.Fatalf("%s: no cell %q", sheet, label)
		return 0, 0
	}
	at := func(col, row int) string {
		s, _ := excelize.CoordinatesToCellName(col, row)
		return s
	}
	c, r := find(sheetDepartment, labelDepartment)
	set(sheetDepartment, at(c+1, r), "某某区教育局")
	c, r = find(sheetDepartment, labelTotal)
	set(sheetDepartment, at(c+1, r), 100.5)
	set(sheetDepartment, at(c+1, r+2), 100.5) // 一般公共预算拨款
	set(sheetDepartment, at(c+3, r+2), 80)    // 基本支出
	set(sheetDepartment, at(c+3, r+3), 20.5)  // 项目支出
	c, r = find(sheetDepartment, "事项")
	set(sheetDepartment, at(c, r+1), "学校建设")
	set(sheetDepartment, at(c+1, r+1), "基建科")
	set(sheetDepartment, at(c+2, r+1), "新建学校1所")
	c, r = find(sheetDepartment, "一级指标")
	set(sheetDepartment, at(c, r+1), "产出指标")
	set(sheetDepartment, at(c+1, r+1), "产出数量")
	set(sheetDepartment, at(c+2, r+1), "新建学校")
	set(sheetDepartment, at(c+3, r+1), "1所")

	c, r = find(sheetSummary, labelGrandTotal)
	set(sheetSummary, at(c+1, r), 20.5)
	set(sheetSummary, at(c-1, r+1), "一")
	set(sheetSummary, at(c, r+1), "教育专项")
	set(sheetSummary, at(c+1, r+1), 20.5)
	set(sheetSummary, at(c-1, r+2), "1")
	set(sheetSummary, at(c, r+2), "学校建设经费")
	set(sheetSummary, at(c+1, r+2), 20.5)
	set(sheetSummary, at(c+2, r+2), "建成学校")
	set(sheetSummary, at(c+3, r+2), "完成主体")

	c, r = find("附件3", labelItemName)
	set("附件3", at(c+1, r), "学校建设经费")
	set("附件3", at(c+4, r), "教育专项")
	set("附件3", at(c+1, r+1), 20.5)
	set("附件3", at(c+4, r+1), "2022.1-2022.12")
	set("附件3", at(c+1, r+2), "建成学校")
	set("附件3", at(c+1, r+3), "完成主体")
	c, r = find("附件3", "一级指标")
	set("附件3", at(c, r+1), "效益指标")
	set("附件3", at(c+1, r+1), "社会公众及服务对象满意度")
	set("附件3", at(c+2, r+1), "家长满意度")
	set("附件3", at(c+3, r+1), "90%")
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	got, err := Read("filled.xlsx", out.Bytes())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	period, _ := jixiao.ParsePeriod("2022.1-2022.12")
	want := &jixiao.Plan{
		Department: "某某区教育局", Year: 2022, Framework: "hunan-2021",
		Budget: jixiao.Budget{Total: jixiao.MustDecimal("100.5"), GeneralBudget: jixiao.MustDecimal("100.5"),
			Basic: jixiao.MustDecimal("80"), Project: jixiao.MustDecimal("20.5")},
		KeyTasks:   []jixiao.KeyTask{{Item: "学校建设", Owner: "基建科", Objective: "新建学校1所"}},
		Indicators: []jixiao.Indicator{jixiao.NewIndicator("产出指标", "产出数量", "新建学校", "1所", "")},
		FundsTotal: jixiao.MustDecimal("20.5"),
		SpecialFunds: []jixiao.SpecialFund{{Name: "教育专项", Amount: jixiao.MustDecimal("20.5"), Items: []jixiao.FundItem{{
			Name: "学校建设经费", Amount: jixiao.MustDecimal("20.5"), Period: period, PeriodGoal: "建成学校", AnnualGoal: "完成主体",
			Indicators: []jixiao.Indicator{jixiao.NewIndicator("效益指标", "社会公众及服务对象满意度", "家长满意度", "90%", "")},
			Summary:    &jixiao.FundItemSummary{No: "1", Amount: jixiao.MustDecimal("20.5"), PeriodGoal: "建成学校", AnnualGoal: "完成主体"},
		}}}},
	}
	samePlan(t, want, got)
}

// TestTemplateDependentLevel2: the 二级 drop-down of each indicator row lists the 二级 of
// the 一级 chosen in its row — INDIRECT over one named list per 一级 — read back by
// excelize and, where installed, by openpyxl; the names resolve to the framework's lists.
func TestTemplateDependentLevel2(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf, 2022, testFramework); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// What each list name holds, through the names' ranges on the hidden sheet.
	lists := map[string][]string{}
	for _, dn := range f.GetDefinedName() {
		if !strings.HasPrefix(dn.Name, "jx_") {
			continue
		}
		sheet, rng, ok := strings.Cut(strings.ReplaceAll(dn.RefersTo, "$", ""), "!")
		from, to, ok2 := strings.Cut(rng, ":")
		if !ok || !ok2 || strings.Trim(sheet, "'") != sheetLists {
			t.Fatalf("name %s refers to %q", dn.Name, dn.RefersTo)
		}
		c1, r1, _ := excelize.CellNameToCoordinates(from)
		_, r2, _ := excelize.CellNameToCoordinates(to)
		for r := r1; r <= r2; r++ {
			v, _ := f.GetCellValue(sheetLists, ref(c1-1, r-1))
			lists[dn.Name] = append(lists[dn.Name], v)
		}
	}
	want := map[string][]string{nameLevel1: {"产出指标", "效益指标"}, nameLevel2All: level2Names(testFramework)}
	for i, l1 := range testFramework.Level1 {
		var names []string
		for _, l2 := range l1.Level2 {
			names = append(names, l2.Name)
		}
		want[fmt.Sprintf("jx_level2_%d", i+1)] = names
	}
	if diff := cmp.Diff(want, lists); diff != "" {
		t.Errorf("named lists mismatch (-want +got):\n%s", diff)
	}

	py := openpyxlValidations(t, path)
	for _, sheet := range []string{sheetDepartment, "附件3"} {
		rows, _ := f.GetRows(sheet)
		first := -1
		for r, row := range rows {
			if len(row) > 1 && row[1] == "一级指标" {
				first = r + 1
			}
		}
		if first < 0 {
			t.Fatalf("%s: no indicator header", sheet)
		}
		wantFormula := fmt.Sprintf(`INDIRECT(IFERROR("jx_level2_"&MATCH($B%d,jx_level1,0),"jx_level2_all"))`, first+1)
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, dv := range dvs {
			if dv.Type == "list" && strings.HasPrefix(dv.Sqref, fmt.Sprintf("C%d:", first+1)) {
				got = append(got, dv.Formula1)
			}
		}
		if diff := cmp.Diff([]string{wantFormula}, got); diff != "" {
			t.Errorf("%s: 二级 validation (excelize) mismatch (-want +got):\n%s", sheet, diff)
		}
		if py != nil {
			var pgot []string
			for _, dv := range py.Validations[sheet] {
				if dv.Type == "list" && strings.HasPrefix(dv.Sqref, fmt.Sprintf("C%d:", first+1)) {
					pgot = append(pgot, dv.Formula1)
				}
			}
			if diff := cmp.Diff([]string{wantFormula}, pgot); diff != "" {
				t.Errorf("%s: 二级 validation (openpyxl) mismatch (-want +got):\n%s", sheet, diff)
			}
		}
	}
	if py != nil {
		for name := range want {
			if py.Names[name] == "" {
				t.Errorf("openpyxl does not see the name %s (names: %v)", name, py.Names)
			}
		}
	}
}

type pyValidations struct {
	Names       map[string]string `json:"names"`
	Validations map[string][]struct {
		Type     string `json:"type"`
		Sqref    string `json:"sqref"`
		Formula1 string `json:"formula1"`
	} `json:"validations"`
}

// openpyxlValidations reads the defined names and data validations with openpyxl; nil
// when it is not installed (outside CI).
func openpyxlValidations(t *testing.T, path string) *pyValidations {
	t.Helper()
	const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = {d.name: d.attr_text for d in wb.defined_names.definedName}
vals = {}
for ws in wb.worksheets:
    vals[ws.title] = [{"type": dv.type or "", "sqref": str(dv.sqref), "formula1": dv.formula1 or ""} for dv in ws.data_validations.dataValidation]
print(json.dumps({"names": names, "validations": vals}, ensure_ascii=False))
`
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-openpyxl is missing and CI=true: %v", err)
		}
		t.Log("python3-openpyxl not installed: checked with excelize only")
		return nil
	}
	out, err := exec.Command(py, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var v pyValidations
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("openpyxl output: %v\n%s", err, out)
	}
	return &v
}
