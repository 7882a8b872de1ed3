package check

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao/textdoc"
)

// TestReview8ProjectsOnlyCostLimit: the wave-8 early return in checkRollups (no roll-up
// on plans of projects only) also skips collectAtoms, so checkCosts sees no atoms and
// cost.limit never runs on a plan of projects only. 乌海 2021's project has cost
// indicators of 1 + 2 + 0 + 3 = 6 万元 against a 项目金额 of 3 万元: the error was
// reported before 204c245 and is gone after it.
func TestReview8ProjectsOnlyCostLimit(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/neimenggu-2021-project-wuhai-gongxiao-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("wuhai.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Check(p, Options{}).Findings {
		if f.Rule == "cost.limit" {
			got = append(got, string(f.Severity)+" "+f.Path+" "+f.Arithmetic)
		}
	}
	want := []string{"error projects[0].indicators 1 + 2 + 0 + 3 = 6 > 3"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("cost.limit findings (-want +got):\n%s", d)
	}
}
