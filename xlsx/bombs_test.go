package xlsx

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	bombs "jixiao/internal/hostile"
)

// allocated returns the bytes fn allocated on the heap.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBombs: small files that expand into huge XML (issue 13 item 8) are refused with
// ETOOLARGE and a message naming the limit, early: reading them allocates a few
// megabytes, not the hundreds excelize would build. The largest workbook the limits
// allow is read within a bounded allocation.
func TestBombs(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want []string // in the message
	}{
		{"3.5M-shared-strings", bombs.SharedStrings(3_500_000), []string{"8 MB"}},
		{"shared-strings", bombs.SharedStrings(MaxSharedStrings + 1), []string{"共享字符串", strconv.Itoa(MaxSharedStrings)}},
		{"4x60MiB", bombs.BigParts(4, 60<<20), []string{"8 MB"}},
		{"3x6MiB", bombs.BigParts(3, 6<<20), []string{"16 MB"}},
		{"cells", bombs.Cells(MaxCells/20+1, 20), []string{"单元格", strconv.Itoa(MaxCells)}},
		{"rows", bombs.EmptyRows(MaxRows + 1), []string{strconv.Itoa(MaxRows) + " 行"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Read(tc.name+".xlsx", tc.data) })
			if jixiao.ErrorCode(err) != jixiao.ETOOLARGE {
				t.Fatalf("err = %v, want ETOOLARGE", err)
			}
			msg := jixiao.ErrorMessage(err)
			for _, w := range append(tc.want, tc.name+".xlsx", "上限", "。") {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not say %q", msg, w)
				}
			}
			if n > 16<<20 {
				t.Errorf("refusing %s allocated %d MB, want it refused before anything big is built", tc.name, n>>20)
			}
		})
	}
	// The largest workbook the limits let through is read (it holds no table, so it is
	// refused as such) with a bounded allocation.
	var err error
	n := allocated(func() { _, err = Read("largest.xlsx", bombs.Largest()) })
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("largest: err = %v, want EINVALID (no table), not a limit", err)
	}
	if n > 400<<20 {
		t.Errorf("largest allowed workbook allocated %d MB", n>>20)
	}
	t.Logf("largest allowed workbook: %d MB allocated in all", n>>20)
}
