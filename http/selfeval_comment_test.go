package http_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// cellText is the content of the element with the id, up to its </td>.
func cellText(body, id string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</td>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

// The finance bureau comments on cells of a self-evaluation table (the score, the actual,
// the 偏差原因): each comment is shown beside its cell on the table, not on the plan's
// pages nor in its count; the unit answers it there; another department's users can
// neither comment nor answer nor see it.
func TestSelfEvalComments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	if _, err := f.store.OpenSelfEvaluations(ctx, f.demo, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	table := fmt.Sprintf("/plans/%d/selfeval/0", f.demo)
	reviewer := f.login("reviewer")
	comment := func(c *client, path, body string) int {
		st, _ := c.post(table+"/comments", url.Values{"csrf": {c.csrf()}, "path": {path}, "body": {body}})
		return st
	}
	got := []int{
		comment(reviewer, "indicators[0].score", "得分依据不足，请补充。"),
		comment(reviewer, "indicators[1].reason", "偏差原因过于笼统。"),
		comment(reviewer, "indicators[99].score", "没有这一行。"),
		comment(reviewer, "budget.basic", "不是自评表的单元格。"),
		comment(f.login("filler"), "indicators[0].actual", "填报人不能提意见。"),
		comment(f.login("reviewer2"), "indicators[0].actual", "别的地区。"),
	}
	if diff := cmp.Diff([]int{303, 303, 400, 400, 403, 403}, got); diff != "" {
		t.Errorf("comment as reviewer ×2, on a row the table lacks, on a plan cell, as filler, as another region's reviewer (-want +got):\n%s", diff)
	}
	if !hasEntry(auditActions(t, f), "reviewer", "selfeval_comment", "ok") {
		t.Error("the comment is not audited")
	}

	filler := f.login("filler")
	if _, msgs := filler.get("/messages"); !strings.Contains(msgs, "有新的审核意见") || !strings.Contains(msgs, "得分依据不足，请补充。") {
		t.Errorf("the unit's filler is not told of the comment:\n%s", snippet(msgs))
	}
	_, body := filler.get(table)
	if c := cellText(body, "score-0"); !strings.Contains(c, "得分依据不足，请补充。") {
		t.Errorf("the comment is not beside the score of row 1:\n%s", c)
	}
	if c := cellText(body, "indicators-1-reason"); !strings.Contains(c, "偏差原因过于笼统。") {
		t.Errorf("the comment is not beside the 偏差原因 of row 2:\n%s", c)
	}
	if !strings.Contains(body, "审核意见 2 条，待答复 2 条。") {
		t.Errorf("the table does not count its comments:\n%s", snippet(body))
	}
	// Not the plan's: not on its page, list or count.
	if _, pbody := filler.get(fmt.Sprintf("/plans/%d", f.demo)); strings.Contains(pbody, "得分依据不足") {
		t.Error("the self-evaluation comment is shown on the plan's page")
	}
	cs, err := f.store.Comments(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.store.PlanHead(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 0 || head.Comments != 0 {
		t.Errorf("the plan's comments: %d listed, %d counted; want none", len(cs), head.Comments)
	}

	// The unit answers; another department's filler cannot, nor see the table.
	se, err := f.store.SubjectComments(ctx, f.demo, jixiao.SelfEvalSubject(0))
	if err != nil || len(se) != 2 {
		t.Fatalf("self-evaluation comments: %v, %v", se, err)
	}
	_, body = filler.get(table)
	if !strings.Contains(body, fmt.Sprintf(`action="/plans/%d/comments/%d/answer"`, f.demo, se[0].ID)) || !strings.Contains(body, fmt.Sprintf(`form="ans-%d"`, se[0].ID)) {
		t.Errorf("the unit's page has no answer form for the comment:\n%s", snippet(body))
	}
	if _, rbody := reviewer.get(table); !strings.Contains(rbody, `action="`+table+`/comments"`) || !strings.Contains(rbody, "✎ 提意见") {
		t.Errorf("the reviewer's page has no comment forms:\n%s", snippet(rbody))
	}
	answer := func(c *client) int {
		st, _ := c.post(fmt.Sprintf("/plans/%d/comments/%d/answer", f.demo, se[0].ID),
			url.Values{"csrf": {c.csrf()}, "answer": {"已补充测算依据。"}, "back": {table}})
		return st
	}
	other := f.login("filler2")
	otherSee, _ := other.get(table)
	got = []int{answer(other), otherSee, answer(filler)}
	if diff := cmp.Diff([]int{403, 403, 303}, got); diff != "" {
		t.Errorf("answer as another department, read as it, answer as the unit (-want +got):\n%s", diff)
	}
	_, body = filler.get(table)
	if c := cellText(body, "score-0"); !strings.Contains(c, "已答复") || !strings.Contains(c, "已补充测算依据。") {
		t.Errorf("the answer is not shown beside the score:\n%s", c)
	}
	if !strings.Contains(body, "审核意见 2 条，待答复 1 条。") {
		t.Errorf("the count after the answer:\n%s", snippet(body))
	}
}
