//go:build windows

package bench

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used so far (GetProcessTimes: kernel + user,
// every thread). Windows has no getrusage; its times count 100-nanosecond intervals.
func cpuTime() time.Duration {
	var creation, exit, kernel, user syscall.Filetime
	h, err := syscall.GetCurrentProcess()
	if err != nil {
		return 0
	}
	if err := syscall.GetProcessTimes(h, &creation, &exit, &kernel, &user); err != nil {
		return 0
	}
	ticks := func(f syscall.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration((ticks(kernel) + ticks(user)) * 100)
}
