package http_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
	"jixiao/sqlite"
)

// TestTwoServersNoStaleCache runs two servers, each over its own connection to one
// database file (as two processes would), and changes the plan through one while the
// other has it cached: every change shows on the other server's next page — a save, a
// comment, a changed answer, a deadline, a renamed department code.
func TestTwoServersNoStaleCache(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	db2, err := sqlite.Open(f.store.(*sqlite.DB).Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	srv2, err := jxhttp.New(db2, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ts2 := httptest.NewServer(srv2)
	defer ts2.Close()
	f2 := *f
	f2.ts = ts2

	a := f.login("filler")
	b := &client{t: t, f: &f2, http: a.http} // the same browser (cookie jar) on the second server
	path := fmt.Sprintf("/plans/%d/department", f.demo)
	page := func(want ...string) string {
		t.Helper()
		st, body := a.get(path)
		if st != 200 {
			t.Fatalf("GET %s on the first server: %d", path, st)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("the first server's page lacks %q", w)
			}
		}
		return body
	}
	body := page()
	v1 := versionRe.FindStringSubmatch(body)[1]
	page() // now from the first server's caches

	// A save through the second server.
	form := b.form(path, path)
	form.Set("duties", "两台服务器之间的修改")
	if st, body := b.post(path, form); st != 303 {
		t.Fatalf("save on the second server: %d\n%s", st, body)
	}
	body = page("两台服务器之间的修改")
	if v2 := versionRe.FindStringSubmatch(body)[1]; v2 == v1 {
		t.Errorf("the first server still shows version %s after a save elsewhere", v1)
	}

	// A comment and its answer, changed twice, through the other store.
	cm := &jixiao.Comment{PlanID: f.demo, Version: 2, Path: "duties", Author: "reviewer", Body: "请写明职责依据"}
	if err := db2.AddComment(ctx, cm); err != nil {
		t.Fatal(err)
	}
	page("请写明职责依据")
	for _, answer := range []string{"已补充依据", "依据为三定方案"} {
		if err := db2.AnswerComment(ctx, f.demo, cm.ID, "filler", answer); err != nil {
			t.Fatal(err)
		}
		page(answer)
	}

	// A deadline that has passed locks the draft on the first server at once.
	root, err := db2.DepartmentByCode(ctx, setup.DemoRootCode)
	if err != nil {
		t.Fatal(err)
	}
	if err := db2.SetDeadline(ctx, &jixiao.Deadline{RegionID: root.ID, Year: 2021, Due: f.clock.Now().Add(-time.Hour), SetBy: "reviewer"}); err != nil {
		t.Fatal(err)
	}
	page("报送截止时间")
	if st, _ := a.post(path, a.form(path, path)); st != 423 {
		t.Errorf("save after the deadline on the first server: %d, want 423", st)
	}

	// The department's code changed elsewhere: the page shows it as it is now.
	d, err := db2.DepartmentByCode(ctx, setup.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	d.Code = "430204199"
	if err := db2.UpdateDepartment(ctx, d); err != nil {
		t.Fatal(err)
	}
	page("430204199")
}

// countingStore counts the plan reads of a server.
type countingStore struct {
	*sqlite.DB
	plans atomic.Int32
}

func (s *countingStore) Plan(ctx context.Context, id int64) (*jixiao.Plan, error) {
	s.plans.Add(1)
	return s.DB.Plan(ctx, id)
}

// TestSaveFillsPlanCache saves a table through one server and reads the plan back from
// it and from a second server over the same file: the first answers from the plan it
// saved, without reading the plan from the store, and both servers show the same pages.
func TestSaveFillsPlanCache(t *testing.T) {
	f := newFixture(t)
	path := f.store.(*sqlite.DB).Path()
	serve := func(st jixiao.ReviewStore) *fixture {
		srv, err := jxhttp.New(st, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: f.clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		g := *f
		g.ts = ts
		return &g
	}
	open := func() *sqlite.DB {
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	counted := &countingStore{DB: open()}
	f1, f2 := serve(counted), serve(open())
	a := f.login("filler")
	c1 := &client{t: t, f: f1, http: a.http}
	c2 := &client{t: t, f: f2, http: a.http}
	show := fmt.Sprintf("/plans/%d", f.demo)
	for _, tc := range []struct{ path, field, value string }{
		{fmt.Sprintf("/plans/%d/department", f.demo), "duties", "保存后直接从缓存读出的职责"},
		{fmt.Sprintf("/plans/%d/department", f.demo), "duties", "第二次保存"},
	} {
		form := c1.form(tc.path, tc.path)
		form.Set(tc.field, tc.value)
		if st, body := c1.post(tc.path, form); st != 303 {
			t.Fatalf("save %s: %d\n%s", tc.path, st, body)
		}
		before := counted.plans.Load()
		for _, page := range []string{show, tc.path} {
			st1, page1 := c1.get(page)
			st2, page2 := c2.get(page)
			if st1 != 200 || st2 != 200 {
				t.Fatalf("GET %s after the save: %d and %d", page, st1, st2)
			}
			if page == tc.path && !strings.Contains(page1, tc.value) {
				t.Errorf("%s after the save lacks %q", page, tc.value)
			}
			if page1 != page2 {
				t.Errorf("%s: the saving server's page differs from a fresh server's:\n%s", page, firstDiff(page1, page2))
			}
		}
		if n := counted.plans.Load() - before; n != 0 {
			t.Errorf("the server that saved read the plan %d times from the store after its own save", n)
		}
	}
}

// firstDiff shows where two pages part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return fmt.Sprintf("…%s\n--- versus ---\n…%s", a[from:min(len(a), i+120)], b[from:min(len(b), i+120)])
}
