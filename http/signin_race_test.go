package http_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao"
	"jixiao/setup"
)

// signInRace prepares n browsers on the sign-in page and, released together, has each
// post username with a wrong password. It returns the status and body of every answer.
type signInRace struct {
	clients []*client
	forms   []url.Values
}

func newSignInRace(f *fixture, n int, username string) *signInRace {
	f.t.Helper()
	r := &signInRace{}
	for i := range n {
		c := f.anon()
		_, body := c.get("/login")
		m := loginCSRFRe.FindStringSubmatch(body)
		if m == nil {
			f.t.Fatalf("no login_csrf in the sign-in page:\n%s", body)
		}
		r.clients = append(r.clients, c)
		r.forms = append(r.forms, url.Values{"login_csrf": {m[1]}, "username": {username}, "password": {fmt.Sprintf("wrong-password-%d", i)}})
	}
	return r
}

type answer struct {
	status int
	body   string
	err    error
}

// run posts every form at once and returns the answers once all are in.
func (r *signInRace) run(start <-chan struct{}) []answer {
	out := make([]answer, len(r.clients))
	var wg sync.WaitGroup
	for i, c := range r.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, _ := http.NewRequest("POST", c.f.ts.URL+"/login", strings.NewReader(r.forms[i].Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := c.http.Do(req)
			if err != nil {
				out[i].err = err
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			out[i] = answer{resp.StatusCode, string(b), err}
		}()
	}
	wg.Wait()
	return out
}

// TestSignInRaceKeepsAdminChange: 12 wrong-password sign-ins race an administrator who,
// 30 ms later, disables the account or resets its password. The failed sign-ins once
// wrote the whole account back after their ~25 ms of hashing and undid the change.
func TestSignInRaceKeepsAdminChange(t *testing.T) {
	for _, mode := range []string{"disable", "reset"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			admin := f.login("admin")
			csrf := admin.csrf()
			u, err := f.store.UserByUsername(ctx, "filler")
			if err != nil {
				t.Fatal(err)
			}
			race := newSignInRace(f, 12, "filler")
			start := make(chan struct{})
			done := make(chan []answer)
			go func() { done <- race.run(start) }()
			close(start)
			time.Sleep(30 * time.Millisecond) // the administrator acts while the guesses are being hashed
			form := url.Values{"csrf": {csrf}}
			if mode == "disable" {
				form.Set("name", u.Name)
				form.Set("role", string(u.Role))
				form.Set("department", setup.DemoDeptCode)
				form.Set("disabled", "1")
			} else {
				form.Set("reset", "1")
			}
			st, body := admin.post(fmt.Sprintf("/admin/users/%d", u.ID), form)
			if st != http.StatusSeeOther && st != http.StatusOK {
				t.Fatalf("admin %s: %d\n%s", mode, st, snippet(body))
			}
			byAdmin, err := f.store.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range <-done {
				if a.err != nil {
					t.Errorf("sign-in %d: %v", i, a.err)
				}
			}
			got, err := f.store.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch mode {
			case "disable":
				if !got.Disabled {
					t.Errorf("the failed sign-ins enabled the account again")
				}
			case "reset":
				if byAdmin.PasswordHash == u.PasswordHash || got.PasswordHash != byAdmin.PasswordHash {
					t.Errorf("the failed sign-ins put the old password hash back")
				}
			}
		})
	}
}

// TestSignInRaceLocks: 25 wrong passwords at once for one account check at most 5
// guesses, and the account is locked after them. The failure count was read, hashed
// over for ~25 ms and written back, so parallel guesses overwrote each other's counts.
func TestSignInRaceLocks(t *testing.T) {
	f := newFixture(t)
	race := newSignInRace(f, 25, "leader")
	start := make(chan struct{})
	close(start)
	// Every answer is the same (a locked account is not told apart from a wrong
	// password); the audit log says which guesses had their password checked.
	for i, a := range race.run(start) {
		switch {
		case a.err != nil:
			t.Errorf("sign-in %d: %v", i, a.err)
		case a.status == http.StatusUnauthorized && strings.Contains(a.body, "用户名或密码错误"),
			a.status == http.StatusTooManyRequests:
		default:
			t.Errorf("sign-in %d: %d\n%s", i, a.status, snippet(a.body))
		}
	}
	count := func(action string) int {
		_, n, err := f.store.AuditEntries(context.Background(), jixiao.AuditFilter{Action: action})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	checked, refused := count("signin_failed")+count("account_locked"), count("signin_locked")
	if checked > 5 {
		t.Errorf("%d guesses were checked (%d refused), want at most 5", checked, refused)
	}
	u, err := f.store.UserByUsername(context.Background(), "leader")
	if err != nil {
		t.Fatal(err)
	}
	if !f.clock.Now().Before(u.LockedUntil) {
		t.Errorf("after 25 wrong passwords the account is not locked: %d failures, locked until %v", u.FailedLogins, u.LockedUntil)
	}
	// The right password is refused while locked, with the answer of a wrong one.
	if st, body := f.anon().signIn("leader", password); st != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
		t.Errorf("right password on the locked account: %d\n%s", st, snippet(body))
	}
}
