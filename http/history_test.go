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
	"jixiao/document"
)

// twoVersions saves a second version of the demo plan with other duties and returns both.
func twoVersions(t *testing.T, f *fixture) (v1, v2 *jixiao.Plan) {
	t.Helper()
	ctx := context.Background()
	v1, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	p := *v1
	p.Duties = "第二版的职责。"
	p.Indicators = p.Indicators[:2]
	if err := f.store.UpdatePlan(ctx, &p, jixiao.SaveInfo{Author: "filler", Reason: "修改部门整体支出绩效目标表"}); err != nil {
		t.Fatal(err)
	}
	v2, err = f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	return v1, v2
}

// 恢复到此版本: the old content becomes a new revision, recorded with who and why; a
// restore from a stale history page is refused.
func TestRestoreOldVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	v1, v2 := twoVersions(t, f)
	c := f.login("filler")
	_, body := c.get(pathOf(f.demo) + "/history")
	if !strings.Contains(body, fmt.Sprintf(`name="from" value="%d"><button type="submit" class="js-confirm"`, v1.Version)) || !strings.Contains(body, "恢复到此版本") {
		t.Fatalf("no restore button for version %d:\n%s", v1.Version, snippet(body))
	}
	if _, lb := f.login("leader").get(pathOf(f.demo) + "/history"); strings.Contains(lb, "/restore") {
		t.Error("the leader, who may not edit, is offered to restore")
	}
	// A history page opened before version 2 was saved: refused.
	st, rb, _ := c.postH(pathOf(f.demo)+"/restore", url.Values{"csrf": {c.csrf()}, "version": {fmt.Sprint(v1.Version)}, "from": {fmt.Sprint(v1.Version)}})
	if st != http.StatusConflict {
		t.Errorf("stale restore: status %d\n%s", st, snippet(rb))
	}
	if now, _ := f.store.Plan(ctx, f.demo); now.Version != v2.Version {
		t.Fatalf("the stale restore saved version %d", now.Version)
	}
	st, rb, h := c.postH(pathOf(f.demo)+"/restore", url.Values{"csrf": {c.csrf()}, "version": {fmt.Sprint(v2.Version)},
		"from": {fmt.Sprint(v1.Version)}, "reason": {"第二版删错了"}})
	if st != http.StatusSeeOther {
		t.Fatalf("restore: status %d\n%s", st, snippet(rb))
	}
	v3, _ := f.store.Plan(ctx, f.demo)
	if v3.Version != v2.Version+1 {
		t.Fatalf("restored as version %d, want %d", v3.Version, v2.Version+1)
	}
	if diff := cmp.Diff([]jixiao.Change(nil), jixiao.DiffPlans(v1, v3)); diff != "" {
		t.Errorf("the restored plan differs from version 1 (-want +got):\n%s", diff)
	}
	revs, _ := f.store.Revisions(ctx, f.demo)
	if len(revs) != v3.Version {
		t.Errorf("%d revisions for version %d: one was dropped", len(revs), v3.Version)
	}
	last := revs[len(revs)-1]
	if last.Author != "filler" || last.Reason != fmt.Sprintf("恢复到第 %d 版：第二版删错了", v1.Version) {
		t.Errorf("revision %q by %q", last.Reason, last.Author)
	}
	if _, page := c.get(h.Get("Location")); !strings.Contains(page, fmt.Sprintf("已恢复到第 %d 版的内容", v1.Version)) {
		t.Error("no confirmation on the history page")
	}
}

// Every old version can be viewed, printed and downloaded as it was.
func TestOldVersionViewAndExport(t *testing.T) {
	f := newFixture(t)
	v1, v2 := twoVersions(t, f)
	c := f.login("leader")
	for _, tt := range []struct {
		query string
		want  *jixiao.Plan
	}{{"", v2}, {fmt.Sprintf("?version=%d", v1.Version), v1}, {fmt.Sprintf("?version=%d", v2.Version), v2}} {
		st, body := c.get(pathOf(f.demo) + "/export.xlsx" + tt.query)
		if st != 200 {
			t.Fatalf("export.xlsx%s: %d", tt.query, st)
		}
		got, err := document.ReadBytes("x.xlsx", []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if got.Duties != tt.want.Duties || len(got.Indicators) != len(tt.want.Indicators) {
			t.Errorf("export.xlsx%s: duties %q and %d indicators, want version %d's %q and %d", tt.query,
				got.Duties, len(got.Indicators), tt.want.Version, tt.want.Duties, len(tt.want.Indicators))
		}
	}
	st, body := c.get(fmt.Sprintf("%s/print/department?version=%d", pathOf(f.demo), v1.Version))
	if st != 200 || !strings.Contains(body, `id="old-version"`) || !strings.Contains(body, fmt.Sprintf("export.xlsx?version=%d", v1.Version)) {
		t.Errorf("print of version %d: %d\n%s", v1.Version, st, snippet(body))
	}
	if strings.Contains(body, v2.Duties) {
		t.Error("the print view of version 1 shows version 2's duties")
	}
	for _, ext := range []string{"xlsx", "pdf"} {
		if st, _ := c.get(pathOf(f.demo) + "/export." + ext + "?version=99"); st != http.StatusNotFound {
			t.Errorf("export.%s of a version that does not exist: %d", ext, st)
		}
	}
	_, hist := c.get(pathOf(f.demo) + "/history")
	for _, s := range []string{fmt.Sprintf("print/department?version=%d", v1.Version), fmt.Sprintf("export.pdf?version=%d", v1.Version)} {
		if !strings.Contains(hist, s) {
			t.Errorf("the history does not link %s", s)
		}
	}
}

// Three quick saves by one user show as one row of the history, the earlier two folded
// under it, each still in the store and linked.
func TestHistoryFoldsQuickSaves(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.login("filler")
	path := pathOf(f.demo) + "/department"
	for i := 0; i < 3; i++ {
		form := c.form(path, path)
		form.Set("duties", fmt.Sprintf("第 %d 次修改。", i+1))
		if st, _ := c.post(path, form); st != http.StatusSeeOther {
			t.Fatalf("save %d: %d", i+1, st)
		}
	}
	revs, _ := f.store.Revisions(ctx, f.demo)
	if len(revs) != 4 {
		t.Fatalf("%d revisions in the store, want 4", len(revs))
	}
	_, body := c.get(pathOf(f.demo) + "/history")
	for _, s := range []string{"此前连续保存 2 次", `id="v4"`, `id="v3"`, `id="v2"`, `id="v1"`, "print/department?version=2", "（2–4）"} {
		if !strings.Contains(body, s) {
			t.Errorf("the history lacks %q", s)
		}
	}
	if n := strings.Count(body, `<tr id="v`); n != 2 {
		t.Errorf("%d rows in the history, want 2 (the seed, and the three saves folded)", n)
	}
}
