package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"jixiao/xlsx"
)

func TestTemplateCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "blank.xlsx")
	if code, _, stderr := runRenderCmd(t, "template", "--year", "2023", "--framework", "national-2021", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The blank template imports as an empty plan of its year and framework.
	p, err := xlsx.Read(out, data)
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2023 || p.Framework != "national-2021" || len(p.Indicators) != 0 || len(p.Items()) != 0 {
		t.Errorf("blank template read as year %d, framework %q, %d indicators, %d items", p.Year, p.Framework, len(p.Indicators), len(p.Items()))
	}
	// A layout of project tables gives the project template, in its framework.
	if code, _, stderr := runRenderCmd(t, "template", "--year", "2024", "--layout", "hunan-2023", "-o", out); code != 0 {
		t.Fatalf("--layout: exit %d: %s", code, stderr)
	}
	data, _ = os.ReadFile(out)
	tables, err := xlsx.Cells(out, data)
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, tb := range tables {
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				heads = append(heads, c.Text)
			}
		}
	}
	if !slices.Contains(heads, "项目名称") || !slices.Contains(heads, "指标值类型") {
		t.Errorf("the hunan-2023 project template has no 项目名称 or 指标值类型: %q", heads)
	}
	if code, _, _ := runRenderCmd(t, "template", "--year", "2023", "--layout", "nope", "-o", out); code != 2 {
		t.Errorf("unknown layout: exit %d, want 2", code)
	}
	if code, _, _ := runRenderCmd(t, "template", "--year", "2023", "--framework", "nope", "-o", out); code != 2 {
		t.Errorf("unknown framework: exit %d, want 2", code)
	}
}
