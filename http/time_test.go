package http_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"jixiao"
)

// TestTimesInBeijing (issue 13 item 13): every time a person reads is shown in Beijing
// time (UTC+8) whatever the server's zone; the stores keep UTC.
func TestTimesInBeijing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	bj := func(tm time.Time) string { return tm.In(jixiao.ChinaTime()).Format("2006-01-02 15:04") }
	utc := func(tm time.Time) string { return tm.UTC().Format("2006-01-02 15:04") }
	sums, _, err := f.store.Plans(ctx, jixiao.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	revs, err := f.store.Revisions(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.store.UserByUsername(ctx, "filler")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who, path string
		when      time.Time
	}{
		{"filler", "/plans", sums[0].Updated},
		{"filler", fmt.Sprintf("/plans/%d/history", f.demo), revs[0].Created},
		{"admin", "/admin/users", u.Created},
	} {
		_, body := f.login(tc.who).get(tc.path)
		if !strings.Contains(body, bj(tc.when)) {
			t.Errorf("%s does not show %s (Beijing time of %s)", tc.path, bj(tc.when), utc(tc.when))
		}
		if utc(tc.when) != bj(tc.when) && strings.Contains(body, utc(tc.when)) {
			t.Errorf("%s shows the UTC time %s", tc.path, utc(tc.when))
		}
	}
}
