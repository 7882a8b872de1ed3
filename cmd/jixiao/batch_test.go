package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/batch"
	"jixiao/check"
	"jixiao/sqlite"
	"jixiao/xlsx"
)

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "region.db")
	n := 307
	code, stdout, stderr := runParseCmd(t, "batch", "generate", "--db", db, "--year", "2022", "--plans", strconv.Itoa(n))
	if code != 0 {
		t.Fatalf("generate: exit %d, stderr %q", code, stderr)
	}

	// The batch check must find what checking each generated plan finds.
	reg := batch.NewRegion(n, 2022)
	c := check.Default()
	wantErr, wantInd := 0, 0
	for _, p := range reg.Plans() {
		wantInd += p.IndicatorCount()
		for _, f := range c.Check(p, check.Options{}).Findings {
			if f.Severity == check.Error {
				wantErr++
			}
		}
	}
	// The same report whatever the number of workers (the last line is time and memory).
	var first string
	for _, workers := range []string{"1", "3", "8"} {
		code, stdout, stderr = runParseCmd(t, "batch", "check", "--db", db, "--year", "2022", "--workers", workers)
		if code != 0 {
			t.Fatalf("check: exit %d, stderr %q", code, stderr)
		}
		want := "已审核 " + strconv.Itoa(n) + " 份绩效目标（" + strconv.Itoa(wantInd) + " 个指标）"
		if !strings.Contains(stdout, want) || !strings.Contains(stdout, "错误 "+strconv.Itoa(wantErr)+" 条") {
			t.Errorf("check output %q, want %q and %d errors", stdout, want, wantErr)
		}
		if !regexp.MustCompile(`峰值内存（VmHWM）[0-9.]+ MB`).MatchString(stdout) {
			t.Errorf("no peak memory in %q", stdout)
		}
		report := stdout[:strings.LastIndex(strings.TrimSuffix(stdout, "\n"), "\n")+1]
		if first == "" {
			first = report
		} else if report != first {
			t.Errorf("--workers %s reports\n%s\nand --workers 1\n%s", workers, report, first)
		}
	}

	// Another year has nothing.
	code, stdout, _ = runParseCmd(t, "batch", "check", "--db", db, "--year", "2023")
	if code != 0 || !strings.Contains(stdout, "已审核 0 份绩效目标") {
		t.Errorf("other year: exit %d, %q", code, stdout)
	}

	// Export of one department's subtree into a zip: every workbook reads back.
	d := reg.Departments[1]
	sub := 0
	for _, x := range reg.Departments[1:] {
		if x.Code == d.Code || x.ParentID == d.ID {
			sub++
		}
	}
	// The zip's entries come in the listing's order, the same with one worker or several.
	out := filepath.Join(dir, "out.zip")
	code, stdout, stderr = runParseCmd(t, "batch", "export", "--db", db, "--year", "2022", "--department", d.Code, "--out", out, "--workers", "3")
	if code != 0 {
		t.Fatalf("export: exit %d, stderr %q", code, stderr)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != sub {
		t.Fatalf("zip has %d workbooks, want %d (department %s and its units)", len(zr.File), sub, d.Code)
	}
	out1 := filepath.Join(dir, "out1.zip")
	if code, _, stderr := runParseCmd(t, "batch", "export", "--db", db, "--year", "2022", "--department", d.Code, "--out", out1, "--workers", "1"); code != 0 {
		t.Fatalf("export: exit %d, stderr %q", code, stderr)
	}
	zr1, err := zip.OpenReader(out1)
	if err != nil {
		t.Fatal(err)
	}
	defer zr1.Close()
	store, err := sqlite.Open(filepath.Join(dir, "region.db"))
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := store.Plans(context.Background(), jixiao.PlanFilter{Year: 2022, Department: d.Code})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		if want := list[i].DepartmentCode + "-2022.xlsx"; f.Name != want || zr1.File[i].Name != want {
			t.Errorf("entry %d: %s (3 workers), %s (1 worker), want %s", i, f.Name, zr1.File[i].Name, want)
		}
		// excelize stores a workbook's parts in map order, so two writes of one plan differ
		// in bytes; their parts are the same.
		if a, b := workbookParts(t, f), workbookParts(t, zr1.File[i]); !maps.Equal(a, b) {
			t.Errorf("%s differs between 3 workers and 1: %v, %v", f.Name, a, b)
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, f.UncompressedSize64)
		if _, err := io.ReadFull(rc, b); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		p, err := xlsx.Read(f.Name, b)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !strings.HasPrefix(f.Name, p.DepartmentCode+"-2022") && p.DepartmentCode != "" {
			t.Errorf("%s holds the plan of %s", f.Name, p.DepartmentCode)
		}
	}

	// Export into a directory.
	outDir := filepath.Join(dir, "xlsx")
	if code, _, stderr := runParseCmd(t, "batch", "export", "--db", db, "--year", "2022", "--department", d.Code, "--out", outDir); code != 0 {
		t.Fatalf("export dir: exit %d, %q", code, stderr)
	}
	if es, _ := os.ReadDir(outDir); len(es) != sub {
		t.Errorf("directory has %d files, want %d", len(es), sub)
	}

	// Usage errors.
	if code, _, _ := runParseCmd(t, "batch", "check", "--db", db); code == 0 {
		t.Error("no --year accepted")
	}
	if code, _, _ := runParseCmd(t, "batch", "frobnicate", "--db", db, "--year", "2022"); code != 2 {
		t.Errorf("unknown subcommand: exit %d, want 2", code)
	}
}

// workbookParts returns the CRC-32 of each part of the workbook in a zip entry.
func workbookParts(t *testing.T, f *zip.File) map[string]uint32 {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	parts := map[string]uint32{}
	for _, p := range zr.File {
		parts[p.Name] = p.CRC32
	}
	return parts
}

func TestBenchRedactsPasswords(t *testing.T) {
	got := strings.Join(redactArgs([]string{"--postgres", "postgres://u:secret@h:5432/db?sslmode=disable", "--postgres=postgres://u:pw2@h/db", "--quick"}), " ")
	if strings.Contains(got, "secret") || strings.Contains(got, "pw2") || !strings.Contains(got, "postgres://u:xxxxx@h:5432/db") {
		t.Errorf("redacted: %s", got)
	}
}
