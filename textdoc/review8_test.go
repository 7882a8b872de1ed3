package textdoc_test

import (
	"os"
	"strings"
	"testing"

	"jixiao/textdoc"
)

// review8Seed is the seed with the rows at line index `at` (0-based) of its text inserted.
func review8Seed(t *testing.T, at int, insert ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	out := append(append(append([]string{}, lines[:at]...), insert...), lines[at:]...)
	return []byte(strings.Join(out, "\n"))
}

// TestReview8DutiesYearRow: yearRow (0c05228, for "(2023年度)" under the national form's
// title) runs before the 部门职责概述 continuation, so a short one-cell row of the duties
// that names a year ("2021年工作要点") is dropped silently: before 0c05228 it was part of
// Plan.Duties. It should stay in the duties (or at least be kept somewhere).
func TestReview8DutiesYearRow(t *testing.T) {
	data := review8Seed(t, 35, "", "\t2021年工作要点")
	p, err := textdoc.Read("seed-duties.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Duties, "2021年工作要点") {
		t.Errorf("the duties row “2021年工作要点” is lost; Duties = %q", p.Duties)
	}
}
