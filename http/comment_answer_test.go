package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestCommentAnswerKept: an answered comment is not overwritten or blanked by posting
// its answer form again; an answer from a page that saw the first one replaces it, and
// the first stays in the comment's history; the audit entry says what was answered.
func TestCommentAnswerKept(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cm := &jixiao.Comment{PlanID: f.demo, Path: "duties", Author: "reviewer", Body: "请写明职责依据"}
	if err := f.store.AddComment(ctx, cm); err != nil {
		t.Fatal(err)
	}
	filler := f.login("filler")
	csrf := filler.csrf()
	path := fmt.Sprintf("/plans/%d/comments/%d/answer", f.demo, cm.ID)
	post := func(answer, seen string) int {
		t.Helper()
		form := url.Values{"csrf": {csrf}, "answer": {answer}}
		if seen != "" {
			form.Set("seen", seen)
		}
		st, _ := filler.post(path, form)
		return st
	}
	if st := post("依据为三定方案", ""); st != http.StatusSeeOther {
		t.Fatalf("first answer: %d", st)
	}
	for _, tc := range []struct {
		name, answer, seen string
		want               int
	}{
		{"the same form again", "改掉它", "", http.StatusConflict},
		{"blank", "", "1", http.StatusBadRequest},
		{"blank, same form", "  ", "", http.StatusBadRequest},
	} {
		if st := post(tc.answer, tc.seen); st != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, st, tc.want)
		}
	}
	if st := post("依据为三定方案及区委文件", "1"); st != http.StatusSeeOther {
		t.Fatalf("second answer from a page that saw the first: %d", st)
	}
	as, err := f.store.CommentAnswers(ctx, f.demo, cm.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.Author+"："+a.Body)
	}
	if diff := cmp.Diff([]string{"filler：依据为三定方案", "filler：依据为三定方案及区委文件"}, got); diff != "" {
		t.Errorf("kept answers mismatch (-want +got):\n%s", diff)
	}
	es, _, err := f.store.AuditEntries(ctx, jixiao.AuditFilter{Action: "comment_answer"})
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, e := range es {
		if e.Outcome == "ok" {
			details = append(details, e.Detail)
		}
	}
	want := []string{"修改审核意见的答复（第 2 次答复，此前的答复保留）：依据为三定方案及区委文件", "答复审核意见：依据为三定方案"}
	if len(details) != len(want) {
		t.Fatalf("audit details %q, want ones with %q", details, want)
	}
	for i := range want {
		if !strings.Contains(details[i], want[i]) {
			t.Errorf("audit detail %q does not say %q", details[i], want[i])
		}
	}
	if _, body := filler.get(fmt.Sprintf("/plans/%d", f.demo)); !strings.Contains(body, "依据为三定方案及区委文件") {
		t.Errorf("the plan page does not show the current answer")
	}
}
