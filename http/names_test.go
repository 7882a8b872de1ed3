package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao"
)

// TestPeopleByName: the pages that say who did what name people by their accounts'
// names (姓名), not their usernames: the plan's steps and comments, the history, the
// list of plans and the board (the walkthrough found usernames everywhere).
func TestPeopleByName(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for user, name := range map[string]string{"filler": "田宝", "leader": "付泽仁", "reviewer": "沈河"} {
		u, err := f.store.UserByUsername(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		u.Name = name
		if err := f.store.UpdateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	id := cleanPlan(t, f, 2022, false)
	filler, leader, reviewer := f.login("filler"), f.login("leader"), f.login("reviewer")
	filler.submit(id)
	leader.act(id, jixiao.ActUnitApprove, 0, "")
	v := url.Values{"csrf": {reviewer.csrf()}, "path": {"duties"}, "back": {fmt.Sprintf("/plans/%d", id)}, "body": {"请写明职责依据。"}}
	if st, _ := reviewer.post(fmt.Sprintf("/plans/%d/comments", id), v); st != 303 {
		t.Fatalf("comment: %d", st)
	}
	cell := func(s string) string { return "<td>" + s + "</td>" }
	for _, tc := range []struct {
		path string
		want []string
	}{
		{fmt.Sprintf("/plans/%d", id), []string{cell("田宝"), cell("付泽仁"), "<b>沈河</b>"}},
		{fmt.Sprintf("/plans/%d/department", id), []string{"<b>沈河</b>"}},
		{fmt.Sprintf("/plans/%d/history", id), []string{cell("付泽仁")}},
		{"/plans?year=2022", []string{cell("付泽仁")}},
		{"/review/board?year=2022", []string{"<small>付泽仁</small>"}},
	} {
		_, body := reviewer.get(tc.path)
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %s", tc.path, w)
			}
		}
		for _, u := range []string{cell("filler"), cell("leader"), "<b>reviewer</b>", "<small>leader</small>"} {
			if strings.Contains(body, u) {
				t.Errorf("%s shows the username %s", tc.path, u)
			}
		}
	}
	// The lock reason of a save refused because of the state names who put it there.
	st, body := filler.post(fmt.Sprintf("/plans/%d/department", id), url.Values{"csrf": {filler.csrf()}, "version": {"3"}})
	if st != http.StatusLocked || !strings.Contains(body, "由 付泽仁 于") || strings.Contains(body, "由 leader") {
		t.Errorf("save of a plan under review: %d, want the reason to name 付泽仁\n%s", st, snippet(body))
	}
}
