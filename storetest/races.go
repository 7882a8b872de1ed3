package storetest

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// raceWriters is how many goroutines race one row.
const raceWriters = 32

// RunRaces races the writes of the rows beside plans (accounts, comments, deadlines) on
// one store: each must be one atomic statement or a version check, so that no write is
// lost and no limit is passed. open returns a new, empty, migrated store.
func RunRaces(t *testing.T, open func(t *testing.T) jixiao.ReviewStore) {
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, s jixiao.ReviewStore)
	}{
		{"SignInClaims", testSignInClaims},
		{"SignInKeepsAdminChange", testSignInKeepsAdminChange},
		{"CommentAnswers", testCommentAnswerRace},
		{"Deadlines", testDeadlineRace},
		{"DepartmentMoves", testDepartmentMoveRace},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// race runs fn(i) on raceWriters goroutines released together.
func race(fn func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range raceWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

// testSignInClaims: of 32 parallel attempts on one account, exactly 5 are spent, the
// fifth locks the account and the count starts again at 0; a locked account spends
// none; a good password's reset clears both.
func testSignInClaims(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	u := &jixiao.User{Username: "filler", Name: "填报人", PasswordHash: "h1", Role: jixiao.RoleFiller}
	must(t, s.CreateUser(ctx, u))
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	until := now.Add(15 * time.Minute)
	var mu sync.Mutex
	var spent []int
	race(func(int) {
		got, ok, err := s.ClaimSignIn(ctx, "filler", now, 5, until)
		if err != nil {
			t.Error(err)
			return
		}
		if ok {
			mu.Lock()
			spent = append(spent, got.FailedLogins)
			mu.Unlock()
		}
	})
	sort.Ints(spent)
	if diff := cmp.Diff([]int{0, 1, 2, 3, 4}, spent); diff != "" {
		t.Errorf("failure counts of the spent attempts mismatch (-want +got):\n%s", diff)
	}
	got, err := s.User(ctx, u.ID)
	must(t, err)
	if got.FailedLogins != 0 || !got.LockedUntil.Equal(until) {
		t.Errorf("after the race: %d failures, locked until %v; want 0, %v", got.FailedLogins, got.LockedUntil, until)
	}
	// Locked: nothing is spent until the lock ends.
	if _, ok, err := s.ClaimSignIn(ctx, "filler", until.Add(-time.Second), 5, until.Add(time.Hour)); err != nil || ok {
		t.Errorf("a claim while locked: ok %v, %v; want refused", ok, err)
	}
	after, ok, err := s.ClaimSignIn(ctx, "filler", until.Add(time.Second), 5, until.Add(time.Hour))
	if err != nil || !ok || after.FailedLogins != 1 {
		t.Errorf("a claim after the lock: ok %v, %d failures, %v; want spent, 1", ok, after.FailedLogins, err)
	}
	must(t, s.ResetSignIn(ctx, u.ID))
	got, err = s.User(ctx, u.ID)
	must(t, err)
	if got.FailedLogins != 0 || !got.LockedUntil.IsZero() {
		t.Errorf("after the reset: %d failures, locked until %v", got.FailedLogins, got.LockedUntil)
	}
	if _, _, err := s.ClaimSignIn(ctx, "nobody", now, 5, until); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("claim for an unknown user: %v, want ENOTFOUND", err)
	}
	wantCode(t, s.ResetSignIn(ctx, u.ID+100), jixiao.ENOTFOUND)
}

// testSignInKeepsAdminChange: an administrator disables the account and sets a new
// password while sign-in attempts race on it: the change stands.
func testSignInKeepsAdminChange(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	u := &jixiao.User{Username: "filler", Name: "填报人", PasswordHash: "old", Role: jixiao.RoleFiller}
	must(t, s.CreateUser(ctx, u))
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	race(func(i int) {
		if i == raceWriters/2 {
			admin, err := s.User(ctx, u.ID)
			if err != nil {
				t.Error(err)
				return
			}
			admin.Disabled, admin.PasswordHash = true, "new"
			if err := s.UpdateUser(ctx, admin); err != nil {
				t.Error(err)
			}
			return
		}
		// 100 failures to lock: every attempt is spent and writes its count.
		if _, _, err := s.ClaimSignIn(ctx, "filler", now, 100, now.Add(time.Hour)); err != nil {
			t.Error(err)
		}
		if i%4 == 0 {
			if err := s.ResetSignIn(ctx, u.ID); err != nil {
				t.Error(err)
			}
		}
	})
	got, err := s.User(ctx, u.ID)
	must(t, err)
	if !got.Disabled || got.PasswordHash != "new" {
		t.Errorf("after the race: disabled %v, hash %q; want the administrator's true, \"new\"", got.Disabled, got.PasswordHash)
	}
}

// testCommentAnswerRace: 32 first answers from the same page, one wins and the others
// get ECONFLICT; 32 further answers without a check are all kept, numbered 2–33; an
// empty answer never blanks one.
func testCommentAnswerRace(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	p := SamplePlan("D1", m["D1"].Name, 2021)
	must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "filler"}))
	c := &jixiao.Comment{PlanID: p.ID, Path: "duties", Author: "reviewer", Body: "请写明依据"}
	must(t, s.AddComment(ctx, c))
	var mu sync.Mutex
	var won []string
	race(func(i int) {
		text := fmt.Sprintf("答复 %d", i)
		n, err := s.AnswerCommentAt(ctx, p.ID, c.ID, 0, "filler", text)
		switch {
		case err == nil && n == 1:
			mu.Lock()
			won = append(won, text)
			mu.Unlock()
		case jixiao.ErrorCode(err) == jixiao.ECONFLICT:
		default:
			t.Errorf("answer %d: %d, %v; want 1 or ECONFLICT", i, n, err)
		}
	})
	if len(won) != 1 {
		t.Fatalf("%d first answers won (%v), want 1", len(won), won)
	}
	race(func(i int) {
		if err := s.AnswerComment(ctx, p.ID, c.ID, "filler2", fmt.Sprintf("补充 %d", i)); err != nil {
			t.Error(err)
		}
	})
	if _, err := s.AnswerCommentAt(ctx, p.ID, c.ID, 1+raceWriters, "filler", " "); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("an empty answer over an answered comment: %v, want EINVALID", err)
	}
	if _, err := s.AnswerCommentAt(ctx, p.ID, c.ID, 1, "filler", "迟到的答复"); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
		t.Errorf("an answer from a stale page: %v, want ECONFLICT", err)
	}
	history, err := s.CommentAnswers(ctx, p.ID, c.ID)
	must(t, err)
	var texts []string
	for i, a := range history {
		if a.Seq != i+1 || a.Created.IsZero() {
			t.Errorf("answer %d: seq %d, created %v", i, a.Seq, a.Created)
		}
		texts = append(texts, a.Body)
	}
	want := []string{won[0]}
	for i := range raceWriters {
		want = append(want, fmt.Sprintf("补充 %d", i))
	}
	sort.Strings(want[1:])
	if len(texts) > 1 {
		sort.Strings(texts[1:])
	}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("kept answers mismatch (-want +got):\n%s", diff)
	}
	cs, err := s.Comments(ctx, p.ID)
	must(t, err)
	if len(cs) != 1 || cs[0].Answers != 1+raceWriters || cs[0].Answer != history[len(history)-1].Body || !cs[0].Answered {
		t.Errorf("the comment after the races: %+v; want %d answers, the last one shown", cs, 1+raceWriters)
	}
	if _, err := s.CommentAnswers(ctx, p.ID+100, c.ID); err != nil {
		t.Errorf("answers of another plan's comment: %v", err)
	}
}

// testDeadlineRace: 32 parallel settings of one region's deadline leave one row, one
// writer's whole setting (due and who).
func testDeadlineRace(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	base := time.Date(2026, 3, 31, 18, 0, 0, 0, time.UTC)
	race(func(i int) {
		d := &jixiao.Deadline{RegionID: m["B"].ID, Year: 2026, Due: base.Add(time.Duration(i) * time.Hour), SetBy: fmt.Sprint("reviewer", i)}
		if err := s.SetDeadline(ctx, d); err != nil {
			t.Error(err)
		}
	})
	ds, err := s.Deadlines(ctx, m["B"].ID)
	must(t, err)
	if len(ds) != 1 {
		t.Fatalf("%d deadlines, want 1", len(ds))
	}
	var i int
	if _, err := fmt.Sscanf(ds[0].SetBy, "reviewer%d", &i); err != nil || !ds[0].Due.Equal(base.Add(time.Duration(i)*time.Hour)) {
		t.Errorf("the deadline mixes writers: %+v", ds[0])
	}
}

// testDepartmentMoves: two departments are moved under each other by 32 goroutines at
// once: each move is checked against the tree as the other moves left it, so they never
// end up each other's parent, and every path agrees with the parents.
func testDepartmentMoveRace(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	for round := range 4 {
		x := &jixiao.Department{Code: fmt.Sprint("X", round), Name: "甲", ParentID: m["B"].ID, Kind: jixiao.KindDepartment}
		y := &jixiao.Department{Code: fmt.Sprint("Y", round), Name: "乙", ParentID: m["B"].ID, Kind: jixiao.KindDepartment}
		must(t, s.CreateDepartment(ctx, x))
		must(t, s.CreateDepartment(ctx, y))
		race(func(i int) {
			d, parent := *x, y.ID
			if i%2 == 1 {
				d, parent = *y, x.ID
			}
			d.ParentID = parent
			if err := s.UpdateDepartment(ctx, &d); err != nil && jixiao.ErrorCode(err) != jixiao.EINVALID {
				t.Errorf("move %s: %v", d.Code, err)
			}
		})
		gx, err := s.Department(ctx, x.ID)
		must(t, err)
		gy, err := s.Department(ctx, y.ID)
		must(t, err)
		if gx.ParentID == y.ID && gy.ParentID == x.ID {
			t.Fatalf("round %d: %s and %s are each other's parent", round, x.Code, y.Code)
		}
		// The subtree of the one moved under the other holds it: paths agree with parents.
		under, parent := gx, gy
		if gy.ParentID == x.ID {
			under, parent = gy, gx
		}
		if under.ParentID == parent.ID {
			sub, err := s.Departments(ctx, parent.ID)
			must(t, err)
			if len(sub) != 2 || sub[1].ID != under.ID {
				t.Errorf("round %d: the subtree of %s is %v, want it and %s", round, parent.Code, sub, under.Code)
			}
		}
	}
}
