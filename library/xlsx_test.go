package library

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// openpyxlCells reads a workbook with openpyxl (an xlsx reader independent of
// excelize, through xlsx/testdata/dump.py): sheet name → cell ref → value.
func openpyxlCells(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-openpyxl is missing and CI=true: %v", err)
		}
		t.Skip("python3-openpyxl not installed")
	}
	out, err := exec.Command(py, "../xlsx/testdata/dump.py", path).Output()
	if err != nil {
		t.Fatalf("dump.py: %v", err)
	}
	var d []struct {
		Name  string `json:"name"`
		Cells []struct {
			Ref   string `json:"ref"`
			Value string `json:"value"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	m := map[string]map[string]string{}
	for _, s := range d {
		m[s.Name] = map[string]string{}
		for _, c := range s.Cells {
			m[s.Name][c.Ref] = c.Value
		}
	}
	return m
}

func TestExportOpenpyxlImport(t *testing.T) {
	l := learnt(t)
	l.Add(&Entry{Level1: "效益指标", Level2: "社会效益指标", Name: "政策知晓率", Field: "统战", Unit: "%", Op: jixiao.OpGE,
		Explanation: "抽样调查知晓政策的比例", Scoring: "每低1个百分点扣0.5分", Source: SourceStandard, Common: true,
		Aliases: []string{"惠民政策宣传覆盖率", "群众对政策的了解程度"}})
	var b bytes.Buffer
	if err := l.Export(&b, true); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "library.xlsx")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := openpyxlCells(t, path)
	var sheets []string
	for name := range got {
		sheets = append(sheets, name)
	}
	want := map[string]string{"A1": "一级指标", "C1": "三级指标", "C2": "培训人次", "E2": "人次", "F2": "≥", "I2": "学习所得", "J2": "否",
		"K1": "其他写法", "K2": "", "L2": "6", "M2": "90", "N2": "65", "O2": "115", "C5": "政策知晓率", "G5": "抽样调查知晓政策的比例", "I5": "标准",
		"J5": "是", "K5": "惠民政策宣传覆盖率；群众对政策的了解程度"}
	for ref, v := range want {
		if got["指标库"][ref] != v {
			t.Errorf("指标库!%s = %q, want %q", ref, got["指标库"][ref], v)
		}
	}
	if got["千篇一律指标"]["C2"] != "资金使用合规性" || got["领域指标质量"]["A2"] != "教育" {
		t.Errorf("views: %v %v", got["千篇一律指标"], got["领域指标质量"])
	}

	entries, err := Import("library.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.Entries {
		e.Stats, e.Key = nil, "" // statistics are learnt, not imported
	}
	if d := cmp.Diff(l.Entries, entries); d != "" {
		t.Errorf("import (-want +got):\n%s", d)
	}
}

func TestImportProblems(t *testing.T) {
	l := New()
	l.Add(&Entry{Name: "培训次数", Source: SourceBureau, Op: jixiao.OpGE})
	sheets := l.Sheets(false)
	sheets[0].Rows = append(sheets[0].Rows, []any{"产出指标", "", "", "", "", "", "", "", "", ""},
		[]any{"产出指标", "数量指标", "宣传次数", "", "次", "大于", "", "", "上级", ""})
	var b bytes.Buffer
	if err := writeSheets(&b, sheets); err != nil {
		t.Fatal(err)
	}
	_, err := Import("bad.xlsx", b.Bytes())
	want := "文件“bad.xlsx”无法导入：“指标库!A3”所在行没有填写三级指标；“指标库!F4”的运算符“大于”不是 ≥ ≤ = > < 之一；“指标库!I4”的来源“上级”不是 标准、财政局 或 学习所得。"
	if jixiao.ErrorMessage(err) != want {
		t.Errorf("got %q\nwant %q", jixiao.ErrorMessage(err), want)
	}
}
