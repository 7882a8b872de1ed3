package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/library"
	"jixiao/setup"
)

// seedLibrary learns the library from eight units' plans that ask for 组织培训次数
// (≥8…≥15 次) and the demo department's self-evaluation of last year (9 次 done).
func seedLibrary(t *testing.T, st jixiao.ReviewStore) {
	t.Helper()
	ctx := context.Background()
	l, err := library.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	lr := l.NewLearner(library.LearnOptions{IncludeDrafts: true})
	for i := 0; i < 8; i++ {
		p := &jixiao.Plan{Year: 2025, Department: fmt.Sprintf("第%d单位", i), DepartmentCode: fmt.Sprintf("9%02d", i),
			Indicators: []jixiao.Indicator{jixiao.NewIndicator("产出指标", "数量指标", "组织培训次数", fmt.Sprintf("≥%d次", 8+i), "")}}
		lr.Plan(p)
	}
	lr.SelfEvaluation(setup.DemoDeptCode, &jixiao.SelfEvaluation{Year: 2024, Indicators: []jixiao.IndicatorOutcome{{
		Indicator: jixiao.NewIndicator("产出指标", "数量指标", "开展培训次数", "≥10次", ""), Actual: jixiao.ParseTarget("9次")}}})
	if err := library.SaveLearnt(ctx, st, l, lr, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
}

func TestLibrarySuggestAndCheck(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	st, body := c.get("/library/suggest?q=" + url.QueryEscape("培训"))
	if st != 200 || strings.TrimSpace(body) != "[]" {
		t.Fatalf("suggest from an empty library: %d %s", st, body)
	}
	seedLibrary(t, f.store)
	st, body = c.get(fmt.Sprintf("/plans/%d/library/suggest?q=%s", f.demo, url.QueryEscape("培训")))
	if st != 200 {
		t.Fatalf("suggest: %d %s", st, body)
	}
	var got []struct {
		Name, Level1, Level2, Unit string
		Op                         jixiao.Op
		Uses, N                    int
		Median, P25, P75           float64
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	want := []struct {
		Name, Level1, Level2, Unit string
		Op                         jixiao.Op
		Uses, N                    int
		Median, P25, P75           float64
	}{{"组织培训次数", "产出指标", "产出数量", "次", jixiao.OpGE, 8, 8, 11.5, 9.75, 13.25}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suggestions (-want +got):\n%s", diff)
	}

	check := func(target string) []library.Warning {
		t.Helper()
		st, body := c.get(fmt.Sprintf("/plans/%d/library/check?name=%s&target=%s", f.demo, url.QueryEscape("组织培训次数"), url.QueryEscape(target)))
		if st != 200 {
			t.Fatalf("check %s: %d %s", target, st, body)
		}
		var r struct{ Warnings []library.Warning }
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		return r.Warnings
	}
	if w := check("≥12次"); len(w) != 0 {
		t.Errorf("a target in range and above last year warns: %+v", w)
	}
	var msgs []string
	for _, w := range check("≥5次") {
		msgs = append(msgs, w.Message)
	}
	wantMsgs := []string{"“组织培训次数”的指标值 5次 低于2024年的实际完成值 9次。"}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("warnings of ≥5次 (-want +got):\n%s", diff)
	}
	msgs = nil
	for _, w := range check("≥100次") {
		msgs = append(msgs, w.Message)
	}
	wantMsgs = []string{"“组织培训次数”的指标值 100次 远离同类单位的常见范围 9.75–13.25次（中位数 11.5，8 个指标值）。"}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("warnings of ≥100次 (-want +got):\n%s", diff)
	}
	// Another department's filler cannot ask about the demo plan.
	if st, _ := f.login("filler2").get(fmt.Sprintf("/plans/%d/library/check?name=x&target=1", f.demo)); st != 403 && st != 404 {
		t.Errorf("filler2 checks the demo plan: %d", st)
	}
}

// TestLibraryBureauPages: the reviewer finds an entry, edits it under its version (a
// stale form is refused and nothing is overwritten), sees the change with its before
// and after, exports the workbook and imports it back (all or nothing).
func TestLibraryBureauPages(t *testing.T) {
	f := newFixture(t)
	seedLibrary(t, f.store)
	c := f.login("reviewer")
	st, body := c.get("/review/library?q=" + url.QueryEscape("培训"))
	if st != 200 || !strings.Contains(body, "组织培训次数") || !strings.Contains(body, "最常未完成的指标") {
		t.Fatalf("library page: %d\n%s", st, snippet(body))
	}
	l, err := library.Open(context.Background(), f.store)
	if err != nil {
		t.Fatal(err)
	}
	e := l.Entry("组织培训次数")
	path := fmt.Sprintf("/review/library/%d", e.ID)
	form := c.form(path, path)
	form.Set("unit", "期")
	form.Set("explanation", "年度内举办的培训班期数。")
	form.Set("reason", "按培训班计")
	stale := url.Values{}
	for k, v := range form {
		stale[k] = append([]string(nil), v...)
	}
	if st, body := c.post(path, form); st != 303 {
		t.Fatalf("save: %d\n%s", st, snippet(body))
	}
	stale.Set("unit", "次（过期）")
	if st, body := c.post(path, stale); st != 409 || !strings.Contains(body, "您读取的是第 1 版，当前已是第 2 版") {
		t.Errorf("stale save: %d\n%s", st, snippet(body))
	}
	st, body = c.get(path)
	if st != 200 || !strings.Contains(body, "按培训班计") || !strings.Contains(body, "单位：≥期") || !strings.Contains(body, "单位：≥次") {
		t.Errorf("entry page after the edit: %d\n%s", st, body)
	}
	rec, err := f.store.LibraryEntry(context.Background(), e.ID)
	if err != nil || rec.Version != 2 || rec.Source != "bureau" || rec.UpdatedBy != "reviewer" {
		t.Errorf("stored entry %+v, %v", rec, err)
	}
	// A filler may not open the bureau's pages.
	if st, _ := f.login("filler").get(path); st != 403 {
		t.Errorf("filler opens the entry: %d", st)
	}
	st, xl := c.get("/review/library.xlsx")
	if st != 200 || !strings.HasPrefix(xl, "PK") {
		t.Fatalf("export: %d", st)
	}
	ents, err := library.Import("library.xlsx", []byte(xl))
	if err != nil || len(ents) == 0 {
		t.Fatalf("read the export back: %d entries, %v", len(ents), err)
	}
}

// uploadLibrary posts a workbook to the bureau's library import.
func (c *client) uploadLibrary(name string, data []byte) (int, string, http.Header) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf())
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.f.ts.URL+"/review/library/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// TestLibraryImportPage: the bureau's workbook is imported all or nothing; a file that
// cannot be read leaves the library as it was.
func TestLibraryImportPage(t *testing.T) {
	f := newFixture(t)
	seedLibrary(t, f.store)
	ctx := context.Background()
	c := f.login("reviewer")
	stamp0, err := f.store.LibraryStamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st, body, _ := c.uploadLibrary("broken.xlsx", []byte("这不是工作簿")); st != 422 || !strings.Contains(body, "无法导入") {
		t.Errorf("a broken file: %d\n%s", st, snippet(body))
	}
	if stamp, _ := f.store.LibraryStamp(ctx); stamp != stamp0 {
		t.Errorf("a refused import moved the stamp %d → %d", stamp0, stamp)
	}
	in := library.New()
	in.Add(&library.Entry{Name: "组织培训次数", Level1: "产出指标", Level2: "数量指标", Unit: "次", Op: jixiao.OpGE,
		Explanation: "年度内举办培训的次数。", Source: library.SourceBureau})
	in.Add(&library.Entry{Name: "宣传资料发放份数", Level1: "产出指标", Level2: "数量指标", Unit: "份", Op: jixiao.OpGE, Source: library.SourceBureau})
	var xl bytes.Buffer
	if err := in.Export(&xl, false); err != nil {
		t.Fatal(err)
	}
	st, _, h := c.uploadLibrary("局定指标.xlsx", xl.Bytes())
	if st != 303 || !strings.Contains(h.Get("Location"), "added=1&changed=1") {
		t.Fatalf("import: %d, location %q", st, h.Get("Location"))
	}
	l, err := library.Open(ctx, f.store)
	if err != nil {
		t.Fatal(err)
	}
	e := l.Entry("组织培训次数")
	if e == nil || e.Explanation != "年度内举办培训的次数。" || e.Source != library.SourceBureau || e.Version != 2 || l.Entry("宣传资料发放份数") == nil {
		t.Errorf("after the import: %+v", e)
	}
	if st, body := c.get(h.Get("Location")); st != 200 || !strings.Contains(body, "已导入：新增 1 条，修改 1 条指标。") {
		t.Errorf("the page after the import: %d\n%s", st, snippet(body))
	}
}

// TestLibraryAliases: the bureau writes another wording of an entry (其他写法) that the
// normaliser keeps apart; the learnt entry of that wording leaves the library, and a
// suggestion typed in that wording finds the entry. An alias that is another bureau
// entry's name is refused with the entry named; a form without the field (opened before
// it existed) keeps the aliases; every save stays under the version check.
func TestLibraryAliases(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l := learnNames(t, f.store, "组织培训次数", "组织培训次数", "培训班举办期数")
	if _, _, err := library.ImportInto(ctx, f.store, l, []*library.Entry{{Name: "宣传活动场次", Source: library.SourceBureau}}, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	c := f.login("reviewer")
	suggested := func(q string) []string {
		t.Helper()
		_, body := c.get("/library/suggest?q=" + url.QueryEscape(q))
		var got []struct{ Name string }
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		var out []string
		for _, g := range got {
			out = append(out, g.Name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"培训班举办期数"}, suggested("培训班")); diff != "" {
		t.Fatalf("before the alias (-want +got):\n%s", diff)
	}
	path := fmt.Sprintf("/review/library/%d", l.Entry("组织培训次数").ID)

	form := c.form(path, path)
	form.Set("aliases", "培训班举办期数\n宣传活动场次")
	if st, body := c.post(path, form); st != 422 || !strings.Contains(body, "其他写法“宣传活动场次”已是指标库中另一条指标“宣传活动场次”的名称或其他写法，不能同时归入本条。") ||
		!strings.Contains(body, "培训班举办期数\n宣传活动场次</textarea>") {
		t.Errorf("an alias that is another entry: %d\n%s", st, snippet(body))
	}
	form.Set("aliases", "培训班举办期数")
	stale := url.Values{}
	for k, v := range form {
		stale[k] = append([]string(nil), v...)
	}
	st, body := c.post(path, form)
	if st != 303 {
		t.Fatalf("save the alias: %d\n%s", st, snippet(body))
	}
	if diff := cmp.Diff([]string{"组织培训次数"}, suggested("培训班")); diff != "" {
		t.Errorf("after the alias (-want +got):\n%s", diff)
	}
	if st, body := c.get(path + "?saved=1&learnt=1"); st != 200 || !strings.Contains(body, "其他写法的使用情况已并入本条。") ||
		!strings.Contains(body, "其他写法：培训班举办期数") {
		t.Errorf("entry page after the alias: %d\n%s", st, snippet(body))
	}
	if st, _ := c.post(path, stale); st != 409 {
		t.Errorf("a stale form with aliases: %d, want 409", st)
	}
	// A form without the field keeps the aliases.
	form = c.form(path, path)
	form.Del("aliases")
	form.Set("scoring", "每少1次扣1分。")
	if st, body := c.post(path, form); st != 303 {
		t.Fatalf("save without the field: %d\n%s", st, snippet(body))
	}
	l2, err := library.Open(ctx, f.store)
	if err != nil {
		t.Fatal(err)
	}
	if e := l2.Entry("培训班举办期数"); e == nil || e.Name != "组织培训次数" || e.Scoring != "每少1次扣1分。" {
		t.Errorf("the entry by its alias after a save without the field: %+v", e)
	}
	var audited bool
	for _, a := range auditActions(t, f) {
		if a.Action == "library_update" && strings.Contains(a.Detail, "其他写法：培训班举办期数；已重新学习") {
			audited = true
		}
	}
	if !audited {
		t.Errorf("no library_update audit record names the alias")
	}
}

// TestLibrarySimilarMerge: the entry page proposes learnt entries that may be the entry
// written otherwise; 并入本条 saves what was typed in the form with the proposed name
// added to the other wordings, and the proposed entry leaves the library.
func TestLibrarySimilarMerge(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l := learnNames(t, f.store, "组织培训次数", "组织培训次数", "开展业务培训次数", "培训人次")
	c := f.login("reviewer")
	path := fmt.Sprintf("/review/library/%d", l.Entry("组织培训次数").ID)
	st, body := c.get(path)
	if st != 200 || !strings.Contains(body, "<strong>开展业务培训次数</strong>（1 个单位使用；常见指标值 8–8次（中位数 8，1 个单位））") || strings.Contains(body, `name="add_alias" value="培训人次"`) {
		t.Fatalf("the proposals: %d\n%s", st, snippet(body))
	}
	form := c.form(path, path)
	form.Set("explanation", "年度内举办的培训班次数。")
	form.Set("add_alias", "开展业务培训次数")
	if st, body := c.post(path, form); st != 303 {
		t.Fatalf("并入本条: %d\n%s", st, snippet(body))
	}
	l2, err := library.Open(ctx, f.store)
	if err != nil {
		t.Fatal(err)
	}
	e := l2.Entry("开展业务培训次数")
	if e == nil || e.Name != "组织培训次数" || e.Explanation != "年度内举办的培训班次数。" || !cmp.Equal(e.Aliases, []string{"开展业务培训次数"}) {
		t.Fatalf("after 并入本条: %+v", e)
	}
	for _, x := range l2.Entries {
		if x.Name == "开展业务培训次数" {
			t.Errorf("the merged learnt entry is still in the library")
		}
	}
	if _, body := c.get(path); strings.Contains(body, "可能是本条的其他写法") {
		t.Errorf("the merged entry is still proposed:\n%s", snippet(body))
	}
}

// learnNames learns the store's library from one unit's plan per name (≥8次 each) and
// returns the library learnt.
func learnNames(t *testing.T, st jixiao.ReviewStore, names ...string) *library.Library {
	t.Helper()
	ctx := context.Background()
	l, err := library.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	lr := l.NewLearner(library.LearnOptions{IncludeDrafts: true})
	for i, name := range names {
		lr.Plan(&jixiao.Plan{Year: 2025, Department: fmt.Sprintf("第%d单位", i), DepartmentCode: fmt.Sprintf("9%02d", i),
			Indicators: []jixiao.Indicator{jixiao.NewIndicator("产出指标", "数量指标", name, "≥8次", "")}})
	}
	if err := library.SaveLearnt(ctx, st, l, lr, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	return l
}
