//go:build !unix && !windows

package bench

import "time"

// cpuTime is 0 where the system has no per-process CPU clock that package syscall
// reaches (wasm, plan9): the rows judged on CPU time then report no figure.
func cpuTime() time.Duration { return 0 }
