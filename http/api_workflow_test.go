package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/setup"
)

type apiPlanBody struct {
	Plan     jixiao.Plan
	Findings []struct{ Rule, Severity, Path, Message string }
	Actions  []string
}

func decodePlan(t *testing.T, r apiResp) apiPlanBody {
	t.Helper()
	var b apiPlanBody
	if err := json.Unmarshal(r.body, &b); err != nil {
		t.Fatalf("%d %s: %v", r.status, clip(r.body), err)
	}
	return b
}

// TestAPIWorkflow: a plan made through the API is refused at submission with the
// checks' findings; a submitted plan is returned by its leader only with a reason; the
// state machine's refusals come back as problems.
func TestAPIWorkflow(t *testing.T) {
	f := newFixture(t)
	filler, leader, reviewer := f.token("filler", "填报"), f.token("leader", "负责人"), f.token("reviewer", "审核")

	r := f.call(t, filler, "POST", "/api/v1/plans", map[string]any{"departmentCode": setup.DemoDeptCode, "year": 2030, "framework": "hunan-2021"})
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, clip(r.body))
	}
	created := decodePlan(t, r)
	if created.Plan.Version != 1 || created.Plan.Status != jixiao.Draft || len(created.Findings) == 0 {
		t.Fatalf("created plan %+v with %d findings", created.Plan, len(created.Findings))
	}
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/api/v1/plans/%d", created.Plan.ID) {
		t.Errorf("Location %q", loc)
	}
	if r := f.call(t, filler, "POST", "/api/v1/plans", map[string]any{"departmentCode": setup.DemoDeptCode, "year": 2030}); r.status != http.StatusConflict {
		t.Errorf("second plan for the year: %d, want 409", r.status)
	}
	if r := f.call(t, filler, "POST", "/api/v1/plans", map[string]any{"departmentCode": otherCode, "year": 2030}); r.status != http.StatusForbidden {
		t.Errorf("a plan for another department: %d, want 403", r.status)
	}
	path := fmt.Sprintf("/api/v1/plans/%d/transitions", created.Plan.ID)
	r = f.call(t, filler, "POST", path, map[string]any{"action": "submit", "version": 1})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("submitting an empty plan: %d, want 422: %s", r.status, clip(r.body))
	}
	if p := r.problem(t); p["findings"] == nil {
		t.Errorf("the refusal lists no findings: %v", p)
	}

	// The demo plan, submitted: its leader returns it, with a reason.
	ctx := context.Background()
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.store.Transition(ctx, &jixiao.TransitionRecord{PlanID: p.ID, Version: p.Version, Action: jixiao.ActSubmit,
		From: p.Status, To: jixiao.Submitted, Actor: "filler"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	path = fmt.Sprintf("/api/v1/plans/%d/transitions", f.demo)
	got := decodePlan(t, f.call(t, leader, "GET", fmt.Sprintf("/api/v1/plans/%d", f.demo), nil))
	if diff := cmp.Diff([]string{"unit_approve", "unit_return"}, got.Actions); diff != "" {
		t.Errorf("leader's actions mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name  string
		token string
		body  map[string]any
		want  int
	}{
		{"no reason", leader, map[string]any{"action": "unit_return", "version": v}, http.StatusBadRequest},
		{"stale version", leader, map[string]any{"action": "unit_return", "version": v - 1, "reason": "指标不完整"}, http.StatusConflict},
		{"not yet the reviewer's step", reviewer, map[string]any{"action": "approve", "version": v}, http.StatusLocked},
		{"not the filler's step", filler, map[string]any{"action": "unit_approve", "version": v}, http.StatusForbidden},
		{"unknown action", leader, map[string]any{"action": "finish", "version": v}, http.StatusBadRequest},
		{"returned", leader, map[string]any{"action": "unit_return", "version": v, "reason": "指标不完整，请补充。"}, http.StatusOK},
		{"twice", leader, map[string]any{"action": "unit_return", "version": v, "reason": "指标不完整，请补充。"}, http.StatusConflict},
	} {
		r := f.call(t, tt.token, "POST", path, tt.body)
		if r.status != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, r.status, tt.want, clip(r.body))
			continue
		}
		if r.status != http.StatusOK {
			r.problem(t)
			continue
		}
		if st := decodePlan(t, r).Plan.Status; st != jixiao.Returned {
			t.Errorf("%s: status %s, want returned", tt.name, st)
		}
	}
}

// TestAPIBoard: the status board through the API is the page's board.
func TestAPIBoard(t *testing.T) {
	f := newFixture(t)
	tok := f.token("reviewer", "看板")
	p, err := f.store.Plan(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	r := f.call(t, tok, "GET", fmt.Sprintf("/api/v1/board?year=%d", p.Year), nil)
	if r.status != http.StatusOK {
		t.Fatalf("board: %d %s", r.status, clip(r.body))
	}
	var b struct {
		Year   int
		Counts map[string]int
		Rows   []struct {
			Code, State string
			PlanID      int64
		}
	}
	if err := json.Unmarshal(r.body, &b); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range b.Rows {
		got[row.Code] = fmt.Sprintf("%s %d", row.State, row.PlanID)
	}
	// The sub-unit has no plan of its own and its parent files for it: the board leaves it
	// out (issue 17: units whose parent files for them are not counted).
	want := map[string]string{setup.DemoDeptCode: fmt.Sprintf("草稿 %d", f.demo), otherCode: fmt.Sprintf("草稿 %d", f.other)}
	_ = subCode
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("board mismatch (-want +got):\n%s", diff)
	}
	if b.Year != p.Year || b.Counts["草稿"] != 2 {
		t.Errorf("year %d counts %v", b.Year, b.Counts)
	}
	// Exports: json is the plan; xlsx is a workbook.
	r = f.call(t, tok, "GET", fmt.Sprintf("/api/v1/plans/%d/export.json", f.demo), nil)
	var ex jixiao.Plan
	if err := json.Unmarshal(r.body, &ex); err != nil || ex.ID != f.demo || ex.Version != p.Version {
		t.Errorf("export.json: %d %v %+v", r.status, err, ex.ID)
	}
	r = f.call(t, tok, "GET", fmt.Sprintf("/api/v1/plans/%d/export.xlsx", f.demo), nil)
	if r.status != http.StatusOK || len(r.body) < 4 || string(r.body[:2]) != "PK" {
		t.Errorf("export.xlsx: %d, %d bytes", r.status, len(r.body))
	}
	if r := f.call(t, tok, "GET", fmt.Sprintf("/api/v1/plans/%d/export.json?version=99", f.demo), nil); r.status != http.StatusNotFound {
		t.Errorf("export of a missing version: %d", r.status)
	}
}
