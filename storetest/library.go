package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// RunLibrary runs the conformance suite of the indicator library (指标库): entries saved
// under a version check with every edit kept, imports all or nothing, learning that
// leaves the bureau's own entries alone. open returns a new, empty, migrated store.
func RunLibrary(t *testing.T, open func(t *testing.T) jixiao.ReviewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s jixiao.ReviewStore)
	}{
		{"Edit", testLibraryEdit},
		{"ImportAllOrNothing", testLibraryImport},
		{"Learn", testLibraryLearn},
		{"LearnSelfEvaluations", testLibraryLearnSelfEval},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func libRec(key, source, name string) *jixiao.LibraryRecord {
	doc, _ := json.Marshal(map[string]string{"name": name})
	return &jixiao.LibraryRecord{Key: key, Source: source, Doc: doc}
}

// libNames is key → name of the snapshot's entries.
func libNames(t *testing.T, s jixiao.LibraryService) (map[string]string, int64) {
	t.Helper()
	snap, err := s.LibrarySnapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range snap.Entries {
		var d struct{ Name string }
		if err := json.Unmarshal(r.Doc, &d); err != nil {
			t.Fatal(err)
		}
		out[r.Key] = d.Name
	}
	return out, snap.Stamp
}

func testLibraryEdit(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	stamp0, err := s.LibraryStamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := libRec("k1", "bureau", "培训次数")
	if err := s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{r}, "create", jixiao.SaveInfo{Author: "reviewer"}); err != nil {
		t.Fatal(err)
	}
	if r.ID == 0 || r.Version != 1 {
		t.Fatalf("created %+v", r)
	}
	if got := jixiao.ErrorCode(s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{libRec("k1", "bureau", "又一个")}, "create", jixiao.SaveInfo{Author: "reviewer"})); got != jixiao.ECONFLICT {
		t.Errorf("second entry of the same key: %s, want ECONFLICT", got)
	}
	edit := *r
	edit.Doc = json.RawMessage(`{"name":"开展培训次数"}`)
	if err := s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{&edit}, "update", jixiao.SaveInfo{Author: "chief", Reason: "改名"}); err != nil {
		t.Fatal(err)
	}
	if edit.Version != 2 {
		t.Errorf("version after the edit %d, want 2", edit.Version)
	}
	stale := *r // read at version 1
	stale.Doc = json.RawMessage(`{"name":"过期的修改"}`)
	if got := jixiao.ErrorCode(s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{&stale}, "update", jixiao.SaveInfo{Author: "late"})); got != jixiao.ECONFLICT {
		t.Errorf("stale edit: %s, want ECONFLICT", got)
	}
	names, stamp := libNames(t, s)
	if diff := cmp.Diff(map[string]string{"k1": "开展培训次数"}, names); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if stamp <= stamp0 {
		t.Errorf("stamp %d did not move from %d", stamp, stamp0)
	}
	changes, err := s.LibraryChanges(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	type ch struct {
		Version               int
		Action, Actor, Reason string
		Before, After         string
	}
	var got []ch
	for _, c := range changes {
		if c.Created.IsZero() {
			t.Errorf("change %d has no time", c.Version)
		}
		got = append(got, ch{c.Version, c.Action, c.Actor, c.Reason, compact(c.Before), compact(c.After)})
	}
	want := []ch{
		{1, "create", "reviewer", "", "", `{"name":"培训次数"}`},
		{2, "update", "chief", "改名", `{"name":"培训次数"}`, `{"name":"开展培训次数"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if e, err := s.LibraryEntry(ctx, r.ID); err != nil || e.Version != 2 || e.UpdatedBy != "chief" {
		t.Errorf("entry %+v, %v", e, err)
	}
	if got := jixiao.ErrorCode(func() error { _, err := s.LibraryEntry(ctx, 9999); return err }()); got != jixiao.ENOTFOUND {
		t.Errorf("missing entry: %s, want ENOTFOUND", got)
	}
}

func compact(b json.RawMessage) string {
	if len(b) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return "invalid: " + string(b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func testLibraryImport(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	a := libRec("a", "bureau", "甲")
	if err := s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{a}, "create", jixiao.SaveInfo{Author: "x"}); err != nil {
		t.Fatal(err)
	}
	_, stamp0 := libNames(t, s)
	// One stale row refuses the whole import: the new entry before it is not kept.
	stale := *a
	stale.Version = 7
	stale.Doc = json.RawMessage(`{"name":"甲改"}`)
	err := s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{libRec("b", "bureau", "乙"), &stale}, "import", jixiao.SaveInfo{Author: "x"})
	if jixiao.ErrorCode(err) != jixiao.ECONFLICT {
		t.Fatalf("import with a stale row: %v, want ECONFLICT", err)
	}
	names, stamp := libNames(t, s)
	if diff := cmp.Diff(map[string]string{"a": "甲"}, names); diff != "" {
		t.Errorf("after the refused import (-want +got):\n%s", diff)
	}
	if stamp != stamp0 {
		t.Errorf("a refused import moved the stamp %d → %d", stamp0, stamp)
	}
	ok := *a
	ok.Doc = json.RawMessage(`{"name":"甲改"}`)
	if err := s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{libRec("b", "bureau", "乙"), &ok}, "import", jixiao.SaveInfo{Author: "x"}); err != nil {
		t.Fatal(err)
	}
	names, _ = libNames(t, s)
	if diff := cmp.Diff(map[string]string{"a": "甲改", "b": "乙"}, names); diff != "" {
		t.Errorf("after the import (-want +got):\n%s", diff)
	}
}

func testLibraryLearn(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	own := libRec("own", "bureau", "局定指标")
	if err := s.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{own}, "create", jixiao.SaveInfo{Author: "reviewer"}); err != nil {
		t.Fatal(err)
	}
	stats := map[string]json.RawMessage{"own": json.RawMessage(`{"uses":3}`), "l1": json.RawMessage(`{"uses":1}`)}
	first := []*jixiao.LibraryRecord{libRec("own", "learnt", "学到的名字"), libRec("l1", "learnt", "一"), libRec("l2", "learnt", "二")}
	if err := s.ReplaceLearnt(ctx, first, stats, json.RawMessage(`{"d|k":{"year":2024}}`), jixiao.SaveInfo{Author: "console"}); err != nil {
		t.Fatal(err)
	}
	names, _ := libNames(t, s)
	if diff := cmp.Diff(map[string]string{"own": "局定指标", "l1": "一", "l2": "二"}, names); diff != "" {
		t.Errorf("after learning (-want +got):\n%s", diff)
	}
	l1 := first[1].ID
	second := []*jixiao.LibraryRecord{libRec("l1", "learnt", "一改")}
	if err := s.ReplaceLearnt(ctx, second, map[string]json.RawMessage{"l1": json.RawMessage(`{"uses":2}`)}, nil, jixiao.SaveInfo{Author: "console"}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.LibrarySnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Key, Source string
		Version     int
		Name        string
	}
	var got []row
	for _, r := range snap.Entries {
		var d struct{ Name string }
		json.Unmarshal(r.Doc, &d)
		got = append(got, row{r.Key, r.Source, r.Version, d.Name})
		if r.Key == "l1" && r.ID != l1 {
			t.Errorf("learnt entry l1 changed its ID %d → %d", l1, r.ID)
		}
	}
	want := []row{{"own", "bureau", 1, "局定指标"}, {"l1", "learnt", 2, "一改"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after learning again (-want +got):\n%s", diff)
	}
	gotStats := map[string]string{}
	for k, v := range snap.Stats {
		gotStats[k] = compact(v)
	}
	if diff := cmp.Diff(map[string]string{"l1": `{"uses":2}`}, gotStats); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	if compact(snap.Actuals) != `{}` {
		t.Errorf("actuals %s, want {}", snap.Actuals)
	}
	if changes, err := s.LibraryChanges(ctx, own.ID); err != nil || len(changes) != 1 {
		t.Errorf("the bureau's entry has changes %+v, %v; want only its creation", changes, err)
	}
}
