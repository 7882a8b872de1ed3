package http

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// Consecutive saves of one author within a few minutes show as one row; other authors,
// longer pauses and landmarks (workflow steps, imports, restores) break the run.
func TestCoalesceHistory(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	rv := func(v int, who string, min int, why string) jixiao.Revision {
		return jixiao.Revision{Version: v, Author: who, Created: t0.Add(time.Duration(min) * time.Minute), Reason: why}
	}
	edit := "修改部门整体支出绩效目标表"
	revs := []jixiao.Revision{ // newest first
		rv(9, "a", 40, edit),
		rv(8, "a", 38, edit),
		rv(7, "a", 35, edit),
		rv(6, "a", 34, "提交"),
		rv(5, "a", 33, edit),
		rv(4, "b", 32, edit),
		rv(3, "a", 31, edit),
		rv(2, "a", 10, edit),
		rv(1, "a", 0, "导入文件“x.xlsx”"),
	}
	var got [][]int
	for _, g := range coalesce(revs, 9) {
		vs := []int{g.Version}
		for _, f := range g.Folded {
			vs = append(vs, f.Version)
		}
		got = append(got, vs)
	}
	want := [][]int{{9, 8, 7}, {6}, {5}, {4}, {3}, {2}, {1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
