package bench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Machine describes where a run happened.
type Machine struct {
	CPU    string
	Cores  int
	Memory string
	Go     string
	OS     string
	Date   time.Time
	Load   string // /proc/loadavg at the start: the machine may be shared
}

// ThisMachine reads /proc/cpuinfo, /proc/meminfo and /proc/loadavg (where they exist).
func ThisMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, Date: time.Now()}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if m.CPU == "" {
		m.CPU = "unknown"
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "MemTotal:") {
				var kb int64
				fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "MemTotal:")), "%d", &kb)
				m.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		f := strings.Fields(string(b))
		if len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	return m
}

func dur(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func (r Result) cells() []string {
	ratio := "—"
	if r.Ratio > 0 {
		ratio = fmt.Sprintf("%.2f×", r.Ratio)
	}
	t := dur(r.Time)
	if r.Clock != "" && r.Time > 0 {
		t += " (" + r.Clock + ")"
	}
	goal := r.GoalText()
	if goal == "" {
		goal = "—"
	}
	return []string{r.Workload, r.Size, t, orDash(r.Throughput), orDash(r.Floor), dur(r.FloorTime), ratio, goal, string(r.Status)}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

var heads = []string{"workload", "size", "time", "throughput", "floor", "floor time", "ratio", "goal", "result"}

// WriteText prints the table for a terminal, with the notes under it.
func WriteText(w io.Writer, rs []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(heads, "\t"))
	for _, r := range rs {
		fmt.Fprintln(tw, strings.Join(r.cells(), "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range rs {
		if r.Note != "" {
			fmt.Fprintf(w, "- %s: %s\n", r.Workload, r.Note)
		}
	}
	return nil
}

// WriteMarkdown writes the table as Markdown, with the notes as a list.
func WriteMarkdown(w io.Writer, rs []Result) {
	fmt.Fprintln(w, "| "+strings.Join(heads, " | ")+" |")
	fmt.Fprintln(w, "|"+strings.Repeat("---|", len(heads)))
	for _, r := range rs {
		c := r.cells()
		for i := range c {
			c[i] = strings.ReplaceAll(c[i], "|", "\\|")
		}
		fmt.Fprintln(w, "| "+strings.Join(c, " | ")+" |")
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		if r.Note != "" {
			fmt.Fprintf(w, "- **%s**: %s\n", r.Workload, r.Note)
		}
	}
}

// WriteMachine writes the machine as a Markdown list.
func WriteMachine(w io.Writer, m Machine) {
	fmt.Fprintf(w, "- CPU: %s, %d cores (runtime.NumCPU)\n", m.CPU, m.Cores)
	if m.Memory != "" {
		fmt.Fprintf(w, "- Memory: %s\n", m.Memory)
	}
	fmt.Fprintf(w, "- Go: %s, %s\n", m.Go, m.OS)
	fmt.Fprintf(w, "- Date: %s\n", m.Date.Format("2006-01-02 15:04 MST"))
	if m.Load != "" {
		fmt.Fprintf(w, "- Load average at the start (1, 5, 15 min): %s — the machine was shared; CPU-bound rows are timed by CPU time on one core, which background load changes little; wall-clock rows (import, web) are affected by it.\n", m.Load)
	}
}
