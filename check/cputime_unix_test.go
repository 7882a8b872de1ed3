//go:build unix

package check

import (
	"syscall"
	"time"
)

// cpuClock measures the CPU time the process spends (all threads, GC included).
type cpuClock time.Duration

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock(processCPU()) }

// elapsed returns the CPU time since the clock was started.
func (c cpuClock) elapsed() time.Duration { return processCPU() - time.Duration(c) }
