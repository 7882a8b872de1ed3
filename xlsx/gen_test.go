package xlsx

import (
	"fmt"
	"testing"

	"jixiao/gen"
)

// TestRoundTripGenerated: 200 plans of a generated region (with its planted mistakes)
// come back equal through Write and Read — all but the workflow Status, which is the
// store's state, not the tables' content: an imported workbook starts a new workflow.
func TestRoundTripGenerated(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 20
	}
	r := gen.NewRegion(gen.Options{Departments: n, Seed: 6})
	for i := range r.Len() {
		want := r.Plan(i)
		want.Status = ""
		got, err := Read(fmt.Sprintf("gen%d.xlsx", i), writeBytes(t, want))
		if err != nil {
			t.Fatalf("plan %d: Read: %v", i, err)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) { samePlan(t, want, got) })
	}
}
