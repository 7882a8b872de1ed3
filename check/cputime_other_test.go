//go:build !unix

package check

import "time"

// cpuClock is not available here: benchmarks report wall-clock figures only.
type cpuClock struct{}

func startCPU() cpuClock { return cpuClock{} }

func (cpuClock) elapsed() time.Duration { return 0 }
