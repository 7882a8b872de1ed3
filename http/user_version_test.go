package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"
)

// TestAccountSaveIsVersionChecked (issue 13: every mutable row under a version check): an
// administrator's form read before another change of the account is refused with 409 and
// the other change stands; a failed sign-in counted meanwhile is not undone by a save.
func TestAccountSaveIsVersionChecked(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.login("admin")
	u, err := f.store.UserByUsername(ctx, "filler")
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/admin/users/%d", u.ID)
	st, page := admin.get(path)
	if st != http.StatusOK {
		t.Fatalf("GET %s: %d", path, st)
	}
	m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the account form carries no version:\n%s", page)
	}
	// Meanwhile another administrator renames the account, and a wrong sign-in is counted.
	u.Name = "另一位管理员改的名字"
	if err := f.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.ClaimSignIn(ctx, "filler", f.clock.Now(), 5, f.clock.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"csrf": {admin.csrf()}, "version": {m[1]}, "name": {"旧页面上的名字"}, "role": {string(u.Role)},
		"department": {"430204101"}, "disabled": {"1"}}
	if st, body := admin.post(path, form); st != http.StatusConflict {
		t.Errorf("a save from a stale page: %d, want 409\n%s", st, snippet(body))
	}
	got, err := f.store.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "另一位管理员改的名字" || got.Disabled || got.FailedLogins != 1 {
		t.Errorf("after the refused save: name %q, disabled %v, %d failed sign-ins; want the other change kept and 1", got.Name, got.Disabled, got.FailedLogins)
	}
	// A save from the current page goes through and keeps the counted failure.
	form.Set("version", fmt.Sprint(got.Version))
	form.Set("disabled", "1")
	if st, body := admin.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("a current save: %d\n%s", st, snippet(body))
	}
	if got, _ = f.store.User(ctx, u.ID); got.Name != "旧页面上的名字" || !got.Disabled || got.FailedLogins != 1 {
		t.Errorf("after the save: %+v", got)
	}
}
