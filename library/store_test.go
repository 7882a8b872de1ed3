package library_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/library"
	"jixiao/sqlite"
)

// TestCacheRefresh: the in-memory library (and its suggestion index) is read from the
// store, kept while nothing changes, and read again after an import or an edit.
func TestCacheRefresh(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := library.NewCache(db)
	names := func() []string {
		l, err := c.Library(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range l.Suggest(library.Query{Text: "培训", Limit: 10}) {
			out = append(out, s.Entry.Name)
		}
		return out
	}
	if got := names(); len(got) != 0 {
		t.Fatalf("empty store suggests %v", got)
	}
	l0, _ := c.Library(ctx)
	if l1, _ := c.Library(ctx); l1 != l0 {
		t.Errorf("the library was read again without a change")
	}
	l, err := library.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	info := jixiao.SaveInfo{Author: "test"}
	if _, _, err := library.ImportInto(ctx, db, l, []*library.Entry{{Name: "培训次数", Unit: "次", Source: library.SourceBureau}}, info); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"培训次数"}, names()); diff != "" {
		t.Errorf("after the import (-want +got):\n%s", diff)
	}
	// The same row again changes nothing: no new version.
	if added, changed, err := library.ImportInto(ctx, db, l, []*library.Entry{{Name: "培训次数", Unit: "次", Source: library.SourceBureau}}, info); err != nil || added != 0 || changed != 0 {
		t.Errorf("importing the same row again: added %d, changed %d, %v", added, changed, err)
	}
	// An edit of the entry read before is saved under its version, and seen.
	e := l.Entry("开展培训次数")
	e.Name = "培训班次数"
	r, err := library.Record(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{r}, "update", info); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"培训班次数"}, names()); diff != "" {
		t.Errorf("after the edit (-want +got):\n%s", diff)
	}
	// Importing again over the entry read at version 1 is refused: it is at version 2.
	_, _, err = library.ImportInto(ctx, db, l, []*library.Entry{{Name: "培训次数", Explanation: "说明", Source: library.SourceBureau}}, info)
	if jixiao.ErrorCode(err) != jixiao.ECONFLICT {
		t.Errorf("import over a stale read: %v, want ECONFLICT", err)
	}
}

// TestAliasesInStore: an alias saved on an entry (其他写法) takes the learnt entry of that
// wording out of the library at once, and out of the store at the next learn, whose
// statistics count both wordings under the entry.
func TestAliasesInStore(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var plans []*jixiao.Plan
	for i, name := range []string{"管理人群血糖控制率", "糖尿病管理人群血糖控制率", "管理人群血糖控制率"} {
		p := &jixiao.Plan{Department: "县卫生健康局", DepartmentCode: string(rune('A' + i)), Year: 2024, Status: jixiao.Approved}
		p.Indicators = []jixiao.Indicator{jixiao.NewIndicator("产出指标", "质量指标", name, "≥60%", "")}
		plans = append(plans, p)
	}
	learn := func() *library.Library {
		l, err := library.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		lr := l.NewLearner(library.LearnOptions{})
		for _, p := range plans {
			lr.Plan(p)
		}
		if err := library.SaveLearnt(ctx, db, l, lr, jixiao.SaveInfo{Author: "test"}); err != nil {
			t.Fatal(err)
		}
		return l
	}
	stored := func() []string {
		snap, err := db.LibrarySnapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range snap.Entries {
			out = append(out, r.Key)
		}
		return out
	}
	l := learn()
	if n := len(stored()); n != 2 {
		t.Fatalf("%d stored entries after the first learn, want 2", n)
	}
	e := l.Entry("管理人群血糖控制率")
	e.Aliases = []string{"糖尿病管理人群血糖控制率"}
	e.Source = library.SourceBureau
	r, err := library.Record(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{r}, "update", jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	l2, err := library.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(l2.Entries) != 1 || l2.Entry("糖尿病管理人群血糖控制率") != l2.Entries[0] {
		t.Errorf("read after the alias: %d entries, want the bureau's only", len(l2.Entries))
	}
	l3 := learn()
	if diff := cmp.Diff([]string{r.Key}, stored()); diff != "" {
		t.Errorf("stored keys after learning again (-want +got):\n%s", diff)
	}
	if got := l3.Entry("糖尿病管理人群血糖控制率"); got == nil || got.Uses() != 3 {
		t.Errorf("the entry after learning again: %+v, want 3 uses", got)
	}
}

// TestImportAliases: a row in an entry's other wording falls on that entry, and a row
// whose other wording is another entry's name is refused, nothing saved.
func TestImportAliases(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	info := jixiao.SaveInfo{Author: "test"}
	l, err := library.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := library.ImportInto(ctx, db, l, []*library.Entry{
		{Name: "管理人群血压控制率", Source: library.SourceBureau, Aliases: []string{"高血压管理人群血压控制率"}},
		{Name: "规范管理率", Source: library.SourceBureau}}, info); err != nil {
		t.Fatal(err)
	}
	l, _ = library.Open(ctx, db)
	added, changed, err := library.ImportInto(ctx, db, l, []*library.Entry{{Name: "高血压管理人群血压控制率", Unit: "%", Source: library.SourceBureau}}, info)
	if err != nil || added != 0 || changed != 1 || l.Entry("管理人群血压控制率").Unit != "%" {
		t.Errorf("a row in the other wording: added %d, changed %d, %v; entry %+v", added, changed, err, l.Entry("管理人群血压控制率"))
	}
	l, _ = library.Open(ctx, db)
	_, _, err = library.ImportInto(ctx, db, l, []*library.Entry{
		{Name: "宣传次数", Source: library.SourceBureau},
		{Name: "糖尿病规范管理率", Source: library.SourceBureau, Aliases: []string{"规范化管理率"}}}, info)
	want := "指标“糖尿病规范管理率”的其他写法“规范化管理率”已是指标库中另一条指标“规范管理率”的名称或其他写法，未导入任何内容。"
	if jixiao.ErrorMessage(err) != want {
		t.Errorf("got %q\nwant %q", jixiao.ErrorMessage(err), want)
	}
	if l2, _ := library.Open(ctx, db); len(l2.Entries) != 2 {
		t.Errorf("%d entries after the refused import, want 2", len(l2.Entries))
	}
}
