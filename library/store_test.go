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
