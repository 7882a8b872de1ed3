package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/document"
	"jixiao/xlsx"
)

const exportSeed = "../../examples/shifeng-tongzhanbu-2021.txt"

func exportSeedPlan(t *testing.T) *jixiao.Plan {
	t.Helper()
	p, err := document.ReadFile(exportSeed)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExportFileToXLSXAndBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "seed.xlsx")
	if code, _, stderr := runRenderCmd(t, "export", exportSeed, "--as", "xlsx", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := xlsx.Read(out, data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(exportSeedPlan(t), got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestExportJSONAndCSV(t *testing.T) {
	code, stdout, stderr := runRenderCmd(t, "export", exportSeed, "--as", "json", "-o", "-")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, stderr)
	}
	var p jixiao.Plan
	if err := json.Unmarshal([]byte(stdout), &p); err != nil {
		t.Fatalf("json: %v", err)
	}
	if diff := cmp.Diff(exportSeedPlan(t), &p); diff != "" {
		t.Errorf("json mismatch (-want +got):\n%s", diff)
	}
	dir := filepath.Join(t.TempDir(), "open")
	if code, _, stderr := runRenderCmd(t, "export", exportSeed, "--as", "csv", "-o", dir); code != 0 {
		t.Fatalf("csv dir: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"plans.csv", "projects.csv", "indicators.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("csv dir: %v", err)
		}
	}
	zipPath := filepath.Join(t.TempDir(), "open.zip")
	if code, _, stderr := runRenderCmd(t, "export", exportSeed, "--as", "csv", "-o", zipPath); code != 0 {
		t.Fatalf("csv zip: exit %d: %s", code, stderr)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 3 {
		t.Errorf("zip holds %d files, want 3 (plans, projects, indicators)", len(zr.File))
	}
}

func TestExportUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"export", exportSeed}, 2},
		{[]string{"export", exportSeed, "--as", "doc", "-o", "x.doc"}, 2},
		{[]string{"export", exportSeed, "--as", "xlsx", "-o", "-"}, 2},
		{[]string{"export", "no-such-file.txt", "--as", "xlsx", "-o", "x.xlsx"}, 2},
	} {
		if code, _, stderr := runRenderCmd(t, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr)
		}
	}
}

// TestExportStoredPlan exports a plan by its number from a SQLite store.
func TestExportStoredPlan(t *testing.T) {
	ctx := context.Background()
	db := "sqlite:" + filepath.Join(t.TempDir(), "j.db")
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	p := exportSeedPlan(t)
	p.DepartmentCode = "820001"
	if err := st.CreateDepartment(ctx, &jixiao.Department{Code: p.DepartmentCode, Name: p.Department, Kind: jixiao.KindDepartment}); err != nil {
		t.Fatal(err)
	}
	if err := st.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "test", Reason: "导出测试"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(t.TempDir(), "stored.xlsx")
	if code, _, stderr := runRenderCmd(t, "export", "1", "--as", "xlsx", "-o", out, "--db", db); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	got, err := xlsx.Read(out, data)
	if err != nil {
		t.Fatal(err)
	}
	if got.DepartmentCode != "820001" || got.Department != p.Department || len(got.Items()) != len(p.Items()) {
		t.Errorf("exported stored plan = %q %q with %d items", got.DepartmentCode, got.Department, len(got.Items()))
	}
}

func TestExportPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium missing and CI=true")
		}
		t.Skip("chromium not installed")
	}
	out := filepath.Join(t.TempDir(), "seed.pdf")
	if code, _, stderr := runRenderCmd(t, "export", exportSeed, "--as", "pdf", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("output is not a PDF: %q", data[:min(len(data), 16)])
	}
}
