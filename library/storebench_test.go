package library

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"jixiao"
	"jixiao/sqlite"
)

// TestSuggestLatency1MFromStore keeps the 1,000,000-row figure as the web application
// reaches it: the rows are stored (one ReplaceLearnt), read by a Cache into the
// in-memory index, and the same queries as TestSuggestLatency1M measured on it. An edit
// moves the stamp and the cache reads the library again.
func TestSuggestLatency1MFromStore(t *testing.T) {
	load1M(t)
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries := benchEntries(1_000_000)
	recs := make([]*jixiao.LibraryRecord, len(entries))
	stats := make(map[string]json.RawMessage, len(entries))
	for i, e := range entries {
		e.Key = e.Name // distinct names; the grouping key is not what is measured
		r, err := Record(e)
		if err != nil {
			t.Fatal(err)
		}
		r.Source = string(SourceLearnt)
		recs[i] = r
		stats[e.Key], _ = json.Marshal(e.Stats)
	}
	start := time.Now()
	if err := db.ReplaceLearnt(ctx, recs, stats, nil, jixiao.SaveInfo{Author: "bench"}); err != nil {
		t.Fatal(err)
	}
	t.Logf("1,000,000 rows stored in %v", time.Since(start))
	c := NewCache(db)
	start = time.Now()
	l, err := c.Library(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read from the store and indexed in %v", time.Since(start))
	if len(l.Entries) != 1_000_000 {
		t.Fatalf("%d entries read", len(l.Entries))
	}
	ix := l.Index()
	sug, pre := sideBySide(bench1M.queries, func(q string) { ix.Search(Query{Text: q}, "教育") },
		func(q string) { bench1M.prefix.Search(q, 10) })
	s99 := sug.p99
	t.Logf("suggest from the store's index: p50 %v p99 %v; prefix p99 %v; ratio %.2f", sug.p50, sug.p99, pre.p99, float64(sug.p99)/float64(pre.p99))
	if s99 >= 50*time.Millisecond {
		t.Errorf("suggestion p99 %v at 1,000,000 stored rows: want < 50ms", s99)
	}
	// An edit moves the stamp: the cache reads the library again.
	e := l.Entries[0]
	e.Unit = "场"
	r, err := Record(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveLibraryEntries(ctx, []*jixiao.LibraryRecord{r}, "update", jixiao.SaveInfo{Author: "bench"}); err != nil {
		t.Fatal(err)
	}
	l2, err := c.Library(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if l2 == l || l2.byKey[e.Key].Unit != "场" {
		t.Errorf("the cache did not read the edited library again")
	}
}
