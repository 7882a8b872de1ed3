package bench

import (
	"runtime"
	"time"
)

// sample is one timed run of a workload or its floor: wall-clock time and the CPU time
// the whole process spent (user + system, every thread).
type sample struct {
	Wall time.Duration
	CPU  time.Duration
}

// measure runs fn once and times it. A GC first, so that garbage of the run before is
// not charged to this one.
func measure(fn func() error) (sample, error) {
	runtime.GC()
	c0, t0 := cpuTime(), time.Now()
	err := fn()
	return sample{Wall: time.Since(t0), CPU: cpuTime() - c0}, err
}

// oneCore runs fn with GOMAXPROCS=1, so that its CPU time is the time of one core
// (the machine is shared: wall time counts the other processes' load, CPU time does not).
func oneCore(fn func() error) error {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	return fn()
}

// pair runs a workload and its floor alternately, rounds times each, and keeps the best
// sample of each side (by the measure the row is judged on). Alternating keeps both
// sides under the same background load, so their ratio stays honest on a busy machine.
func pair(rounds int, byCPU bool, work, floor func() error) (w, f sample, err error) {
	better := func(a, b sample) bool {
		if byCPU {
			return a.CPU < b.CPU
		}
		return a.Wall < b.Wall
	}
	for i := 0; i < rounds; i++ {
		for k, fn := range []func() error{work, floor} {
			s, err := measure(fn)
			if err != nil {
				return w, f, err
			}
			dst := &w
			if k == 1 {
				dst = &f
			}
			if i == 0 || better(s, *dst) {
				*dst = s
			}
		}
	}
	return w, f, nil
}

// pick returns the duration a row is judged on.
func (s sample) pick(byCPU bool) time.Duration {
	if byCPU {
		return s.CPU
	}
	return s.Wall
}

// timed is a workload or floor whose setup and teardown are not timed.
type timed struct {
	setup    func() error // before each round
	body     func() error // the timed part
	teardown func() error // after each round
}

// pairTimed is pair for workloads that need a fresh setup (a new database) each round.
func pairTimed(rounds int, byCPU bool, work, floor timed) (w, f sample, err error) {
	for i := 0; i < rounds; i++ {
		for k, t := range []timed{work, floor} {
			if t.setup != nil {
				if err := t.setup(); err != nil {
					return w, f, err
				}
			}
			s, err := measure(t.body)
			if t.teardown != nil {
				if e := t.teardown(); err == nil {
					err = e
				}
			}
			if err != nil {
				return w, f, err
			}
			dst := &w
			if k == 1 {
				dst = &f
			}
			if i == 0 || s.pick(byCPU) < dst.pick(byCPU) {
				*dst = s
			}
		}
	}
	return w, f, nil
}
