package batch

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// PeakRSS returns the peak resident set size of this process in bytes (VmHWM of
// /proc/self/status): the memory the operating system actually gave it at its peak,
// Go heap, stacks, the SQLite page cache and all. 0 where /proc is missing (Windows,
// macOS): the caller says it does not know.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}
