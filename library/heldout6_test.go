package library

import "testing"

// TestHeldOut6Pairs measures the normaliser on testdata/published/indicator-pairs-heldout6.tsv,
// a sixth held-out set collected and labelled in wave 8 by meaning only, while the normaliser was
// being changed by someone who does not see it; never tuned on. Like TestHeldOut5Pairs it reports
// the figures and does not list the wrong pairs. It requires the file to hold at least 200 pairs
// and the 13 "same" pairs it has (the goal of 40 was not reached; see the file's header).
// Measured once on main at c656abf: precision 1.000, recall 0.154 (TP 2 FP 0 FN 11 TN 200) —
// the recall rests on 13 pairs and is a rough figure.
func TestHeldOut6Pairs(t *testing.T) {
	reportHeldOut(t, "indicator-pairs-heldout6.tsv", 200, 13)
}
