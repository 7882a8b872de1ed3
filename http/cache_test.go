package http_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"jixiao"
	jxhttp "jixiao/http"
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
	root, err := db2.DepartmentByCode(ctx, jxhttp.DemoRootCode)
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
	d, err := db2.DepartmentByCode(ctx, jxhttp.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	d.Code = "430204199"
	if err := db2.UpdateDepartment(ctx, d); err != nil {
		t.Fatal(err)
	}
	page("430204199")
}
