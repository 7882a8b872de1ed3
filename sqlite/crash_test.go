package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/sqlite"
	"jixiao/storetest"
)

const (
	crashPlans = 40  // distinct department plans the child cycles through
	crashSize  = 100 // indicators per plan
	crashKills = 50
)

// crashPlan is the plan the child imports as round r of plan i: the generated plan with
// the round written into its duties, so that every revision tells what it must hold.
func crashPlan(i, round int) *jixiao.Plan {
	p := storetest.LargePlan(i, 2021, crashSize)
	p.Duties = "round " + strconv.Itoa(round)
	if round%3 == 1 { // revisions differ in shape too, not only in text
		p.SpecialFunds = p.SpecialFunds[:len(p.SpecialFunds)-1]
	}
	return p
}

// TestCrashImport kills a process that imports plans into SQLite with SIGKILL at
// random moments, 50 times, and checks after each kill that the database opens, passes
// PRAGMA integrity_check, and holds every plan either whole (its revision JSON and its
// normalized rows both equal to the source plan) or not at all.
func TestCrashImport(t *testing.T) {
	if path := os.Getenv("JIXIAO_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	var imported, midImport int
	start := time.Now()
	for run := range crashKills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashImport$", "-test.count=1")
		cmd.Env = append(os.Environ(), "JIXIAO_CRASH_CHILD="+path, "JIXIAO_CRASH_RUN="+strconv.Itoa(run))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the child to have the store open, then kill it at a random moment;
		// a few runs are killed before they even get there (mid-open, mid-migration).
		lines := bufio.NewScanner(out)
		if run%10 != 3 {
			lines.Scan()
		}
		time.Sleep(time.Duration(rng.IntN(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		var n int
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "imported") {
				n++
			}
		}
		cmd.Wait()
		imported += n
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			midImport++
		}
		verifyCrashDB(t, path, run)
		if t.Failed() {
			t.Fatalf("after kill %d", run+1)
		}
	}
	if imported == 0 || midImport < crashKills/2 {
		t.Fatalf("the kills did not land during imports: %d imports committed, %d children killed", imported, midImport)
	}
	t.Logf("%d kills in %v; %d imports committed before the kills", crashKills, time.Since(start).Round(time.Millisecond), imported)
}

// crashChild imports plans forever; the parent kills it.
func crashChild(path string) {
	run, _ := strconv.Atoi(os.Getenv("JIXIAO_CRASH_RUN"))
	db, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	fmt.Println("open")
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(run), 11))
	for k := 0; ; k++ {
		i := rng.IntN(crashPlans)
		if _, err := db.ImportPlan(ctx, crashPlan(i, run*100000+k), jixiao.SaveInfo{Author: "crash", Reason: strconv.Itoa(run)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println("imported", i)
	}
}

func verifyCrashDB(t *testing.T, path string, run int) {
	t.Helper()
	ctx := context.Background()
	raw := openRaw(t, path)
	defer raw.Close()
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("kill %d: integrity_check = %q, %v", run+1, check, err)
	}
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("kill %d: open: %v", run+1, err)
	}
	defer db.Close()
	list, _, err := db.Plans(ctx, jixiao.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		i, err := strconv.Atoi(strings.TrimPrefix(s.DepartmentCode, "G"))
		if err != nil {
			t.Fatalf("unexpected department %q", s.DepartmentCode)
		}
		got, err := db.Plan(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		round, err := strconv.Atoi(strings.TrimPrefix(got.Duties, "round "))
		if err != nil {
			t.Fatalf("plan %d: duties %q", s.ID, got.Duties)
		}
		want := crashPlan(i, round)
		want.ID, want.Version, want.Status = s.ID, s.Version, jixiao.Draft
		if diff := cmp.Diff(want, got, storetest.ExactDecimal); diff != "" {
			t.Errorf("kill %d: plan %d (G%05d round %d) mismatch (-want +got):\n%s", run+1, s.ID, i, round, diff)
		}
		if s.Revisions != s.Version {
			t.Errorf("kill %d: plan %d at version %d has %d revisions", run+1, s.ID, s.Version, s.Revisions)
		}
		// The plan's row was written in the same transaction as its revision: they agree.
		var department, status string
		var version int
		if err := raw.QueryRow(`SELECT department, status, version FROM plans WHERE id = ?`, s.ID).Scan(&department, &status, &version); err != nil {
			t.Fatal(err)
		}
		if department != got.Department || jixiao.Status(status) != got.Status || version != s.Version {
			t.Errorf("kill %d: plan %d row (%q, %s, v%d) disagrees with its revision (%q, %s, v%d)",
				run+1, s.ID, department, status, version, got.Department, got.Status, s.Version)
		}
	}
	// No revision without its plan.
	var orphans int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM revisions WHERE plan_id NOT IN (SELECT id FROM plans)`).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("kill %d: %d orphan revisions (%v)", run+1, orphans, err)
	}
}
