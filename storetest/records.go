package storetest

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// What the self-evaluation and monitoring suites check alike of their records.

// raceSaves runs n saves at once, released together, each made from the same version
// (save(i) is the i-th): exactly one wins and the rest get ECONFLICT.
func raceSaves(t *testing.T, n int, save func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			errs[i] = save(i)
		}(i)
	}
	close(start)
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch jixiao.ErrorCode(err) {
		case "":
			ok++
		case jixiao.ECONFLICT:
		default:
			t.Errorf("save: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d saves succeeded, want 1", ok)
	}
}

// wantVersions checks a record's revisions: the versions listed, the last saved with
// reason (when given).
func wantVersions(t *testing.T, revs []jixiao.Revision, err error, want []int, reason string) {
	t.Helper()
	must(t, err)
	var versions []int
	for _, rv := range revs {
		versions = append(versions, rv.Version)
	}
	if diff := cmp.Diff(want, versions); diff != "" || reason != "" && revs[len(revs)-1].Reason != reason {
		t.Errorf("revisions %+v (-want +got):\n%s", revs, diff)
	}
}
