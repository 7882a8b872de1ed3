package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testScoreRule: a region's rule for a year applies to its subtree, the nearest region's
// wins, choosing again replaces it, and a year or department without one is ENOTFOUND.
func testScoreRule(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	tree := Tree(t, s)
	set := func(region string, year int, rule, by string) {
		t.Helper()
		c := &jixiao.ScoreRuleChoice{RegionID: tree[region].ID, Year: year, Rule: rule, SetBy: by}
		must(t, s.SetScoreRule(ctx, c))
		if c.Set.IsZero() {
			t.Errorf("SetScoreRule set no time")
		}
	}
	set("B", 2021, "national-2020", "reviewer")
	set("B", 2021, "hunan-2021", "reviewer2") // replaced
	set("D1", 2021, "national-2020", "reviewer")
	set("B", 2022, "national-2020", "reviewer")
	got := func(dept string, year int) string {
		c, err := s.ScoreRuleFor(ctx, tree[dept].ID, year)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return "none"
		}
		must(t, err)
		return c.Rule + " " + c.SetBy
	}
	want := map[string]string{"B 2021": "hunan-2021 reviewer2", "D2 2021": "hunan-2021 reviewer2", "D1-U1 2021": "national-2020 reviewer",
		"D2 2022": "national-2020 reviewer", "D2 2023": "none"}
	have := map[string]string{"B 2021": got("B", 2021), "D2 2021": got("D2", 2021), "D1-U1 2021": got("D1-U1", 2021),
		"D2 2022": got("D2", 2022), "D2 2023": got("D2", 2023)}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("ScoreRuleFor (-want +got):\n%s", diff)
	}
	for _, bad := range []*jixiao.ScoreRuleChoice{{RegionID: tree["B"].ID, Year: 2021}, {RegionID: tree["B"].ID, Rule: "x"}} {
		if err := s.SetScoreRule(ctx, bad); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("SetScoreRule(%+v): %v, want EINVALID", bad, err)
		}
	}
	if err := s.SetScoreRule(ctx, &jixiao.ScoreRuleChoice{RegionID: 999999, Year: 2021, Rule: "x"}); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("an unknown region: %v, want ENOTFOUND", err)
	}
}
