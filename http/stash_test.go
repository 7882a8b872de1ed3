package http

import (
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The stash stays within its byte and entry budgets whatever is put in, keeps one import
// per user, and hands out each token once, also to racing takers.
func TestStashBounds(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	st := newStash(4, 100)
	if tok := st.put(now, stashEntry{Kind: "form", Expires: now.Add(time.Hour), Size: 101}); tok != "" {
		t.Error("an entry larger than the stash was kept")
	}
	var toks []string
	for i := 0; i < 10; i++ {
		toks = append(toks, st.put(now, stashEntry{Kind: "form", Expires: now.Add(time.Duration(i) * time.Minute), Size: 30}))
	}
	got := struct{ Entries, Bytes int }{len(st.m), st.bytes}
	if diff := cmp.Diff(struct{ Entries, Bytes int }{3, 90}, got); diff != "" {
		t.Errorf("after ten puts of 30 bytes into 100 (-want +got):\n%s", diff)
	}
	if _, ok := st.get(now, toks[0], "form"); ok {
		t.Error("the oldest entry was kept over the budget")
	}
	if _, ok := st.get(now, toks[9], "form"); !ok {
		t.Error("the newest entry was dropped")
	}
	// One import per user: a second upload replaces the first preview.
	im := newStash(10, 1000)
	a := im.put(now, stashEntry{Kind: "import", UserID: 7, Expires: now.Add(time.Hour), Size: 1})
	b := im.put(now, stashEntry{Kind: "import", UserID: 7, Expires: now.Add(time.Hour), Size: 1})
	o := im.put(now, stashEntry{Kind: "import", UserID: 8, Expires: now.Add(time.Hour), Size: 1})
	_, okA := im.get(now, a, "import")
	_, okB := im.get(now, b, "import")
	_, okO := im.get(now, o, "import")
	if diff := cmp.Diff([]bool{false, true, true}, []bool{okA, okB, okO}); diff != "" {
		t.Errorf("previews kept (-want +got):\n%s", diff)
	}
	if _, ok := im.get(now.Add(2*time.Hour), b, "import"); ok {
		t.Error("an expired entry was handed out")
	}
	// 32 racing takes of one token: exactly one gets it.
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := im.take(now, b, "import"); ok {
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if n != 1 {
		t.Errorf("%d takers got the token, want 1", n)
	}
}
