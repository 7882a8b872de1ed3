package batch

import (
	"archive/zip"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/check"
	"jixiao/sqlite"
	"jixiao/xlsx"
)

func TestBatch(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "batch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 60
	if err := Fill(ctx, s, NewRegion(n, 2022), 1, nil); err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Plans(ctx, jixiao.PlanFilter{Year: 2022})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range list {
		want = append(want, p.DepartmentCode)
	}
	// Work that takes a random time: the results still come in the listing's order.
	code := func(p *jixiao.Plan) (string, error) {
		time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
		return p.DepartmentCode, nil
	}
	for _, workers := range []int{1, 3, 16} {
		var got []string
		k, err := Batch(ctx, s, jixiao.PlanFilter{Year: 2022}, workers, code, func(c string) error {
			got = append(got, c)
			return nil
		})
		if err != nil || k != n || !slices.Equal(got, want) {
			t.Errorf("%d workers: %d results, error %v, order %v; want %d, %v", workers, k, err, got, n, want)
		}
	}

	// The error of work at the 11th plan: the ten before it are emitted, nothing after.
	boom := errors.New("boom")
	var got []string
	k, err := Batch(ctx, s, jixiao.PlanFilter{Year: 2022}, 4, func(p *jixiao.Plan) (string, error) {
		if p.DepartmentCode == want[10] {
			return "", boom
		}
		return code(p)
	}, func(c string) error {
		got = append(got, c)
		return nil
	})
	if err != boom || k != 10 || !slices.Equal(got, want[:10]) {
		t.Errorf("work's error: %d, %v, %v", k, err, got)
	}
	// emit's error.
	k, err = Batch(ctx, s, jixiao.PlanFilter{Year: 2022}, 4, code, func(c string) error {
		if c == want[5] {
			return boom
		}
		return nil
	})
	if err != boom || k != 5 {
		t.Errorf("emit's error: %d, %v", k, err)
	}
	// Cancelled.
	cctx, cancel := context.WithCancel(ctx)
	k, err = Batch(cctx, s, jixiao.PlanFilter{Year: 2022}, 4, code, func(string) error {
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || k != 1 {
		t.Errorf("cancelled: %d, %v", k, err)
	}
	// The store's error.
	_, err = Batch(ctx, s, jixiao.PlanFilter{Department: "NOPE"}, 4, code, func(string) error { return nil })
	if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("unknown department: %v", err)
	}

	// The counts of a batch check do not depend on the number of workers, and are those
	// of checking the plans one by one.
	c := check.Default()
	one := &CheckTally{BySeverity: map[check.Severity]int{}, ByRule: map[string]int{}}
	for _, sum := range list {
		p, err := s.Plan(ctx, sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := c.Check(p, check.Options{})
		one.Plans++
		one.Indicators += p.IndicatorCount()
		hasErr := false
		for _, f := range r.Findings {
			one.BySeverity[f.Severity]++
			one.ByRule[f.Rule]++
			hasErr = hasErr || f.Severity == check.Error
		}
		if hasErr {
			one.WithErrors++
		}
	}
	for _, workers := range []int{1, 2, 7} {
		got, err := CheckPlans(ctx, s, jixiao.PlanFilter{Year: 2022}, c, workers)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(one, got); diff != "" {
			t.Errorf("%d workers (-one by one +batch):\n%s", workers, diff)
		}
	}
}

// TestExport writes a region's workbooks into a directory and into a zip: the same names,
// one per plan, in the listing's order in the zip whatever the number of workers, each a
// workbook that reads back as its plan's department.
func TestExport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(filepath.Join(dir, "export.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 12
	if err := Fill(ctx, s, NewRegion(n, 2022), 1, nil); err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Plans(ctx, jixiao.PlanFilter{Year: 2022})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range list {
		want = append(want, p.DepartmentCode+"-2022.xlsx")
	}
	for _, workers := range []int{1, 5} {
		out := filepath.Join(dir, "out"+strconv.Itoa(workers)+".zip")
		k, size, err := Export(ctx, s, jixiao.PlanFilter{Year: 2022}, out, workers)
		if err != nil || k != n || size <= 0 {
			t.Fatalf("%d workers: %d workbooks, %d bytes, error %v", workers, k, size, err)
		}
		zr, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range zr.File {
			got = append(got, f.Name)
		}
		zr.Close()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%d workers: zip entries mismatch (-want +got):\n%s", workers, diff)
		}
	}
	out := filepath.Join(dir, "files")
	if _, _, err := Export(ctx, s, jixiao.PlanFilter{Year: 2022}, out, 3); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	sorted := slices.Clone(want)
	slices.Sort(sorted)
	if diff := cmp.Diff(sorted, got); diff != "" {
		t.Errorf("directory mismatch (-want +got):\n%s", diff)
	}
	data, err := os.ReadFile(filepath.Join(out, want[0]))
	if err != nil {
		t.Fatal(err)
	}
	p, err := xlsx.Read(want[0], data)
	if err != nil {
		t.Fatal(err)
	}
	if p.Department != list[0].Department {
		t.Errorf("%s reads back as %q, want %q", want[0], p.Department, list[0].Department)
	}
}
