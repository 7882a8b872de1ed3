package storetest

// The user and session cases of the conformance suite.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

func testUsers(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	u := &jixiao.User{Username: "zhangsan", Name: "张三", PasswordHash: "$argon2id$x", Role: jixiao.RoleFiller,
		DepartmentID: m["D1"].ID, PasswordChanged: time.Date(2026, 1, 2, 3, 4, 5, 6789000, time.UTC)}
	must(t, s.CreateUser(ctx, u))
	if u.ID == 0 || u.Created.IsZero() {
		t.Fatalf("CreateUser set id %d created %v", u.ID, u.Created)
	}
	got, err := s.User(ctx, u.ID)
	must(t, err)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("User mismatch (-want +got):\n%s", diff)
	}
	wantCode(t, s.CreateUser(ctx, &jixiao.User{Username: "zhangsan", Name: "另一个", Role: jixiao.RoleReviewer}), jixiao.EINVALID)
	wantCode(t, s.CreateUser(ctx, &jixiao.User{Username: " ", Name: "空"}), jixiao.EINVALID)
	v := &jixiao.User{Username: "admin", Name: "管理员", Role: jixiao.RoleAdmin}
	must(t, s.CreateUser(ctx, v))
	// A save writes what an administrator changes, under the version check, and never
	// the sign-in count or lock (those change by statements of their own).
	stale := *u
	u.FailedLogins, u.LockedUntil, u.Disabled, u.Role = 3, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), true, jixiao.RoleLeader
	must(t, s.UpdateUser(ctx, u))
	if u.Version != stale.Version+1 {
		t.Errorf("UpdateUser left the version at %d, want %d", u.Version, stale.Version+1)
	}
	got, err = s.UserByUsername(ctx, "zhangsan")
	must(t, err)
	u.FailedLogins, u.LockedUntil = 0, time.Time{}
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("UserByUsername after update mismatch (-want +got):\n%s", diff)
	}
	stale.Name = "旧页面上的修改"
	wantCode(t, s.UpdateUser(ctx, &stale), jixiao.ECONFLICT)
	v.Username = "zhangsan"
	wantCode(t, s.UpdateUser(ctx, v), jixiao.EINVALID)
	all, err := s.Users(ctx)
	must(t, err)
	var names []string
	for _, x := range all {
		names = append(names, x.Username)
	}
	if diff := cmp.Diff([]string{"admin", "zhangsan"}, names); diff != "" {
		t.Errorf("Users mismatch (-want +got):\n%s", diff)
	}
	_, err = s.UserByUsername(ctx, "nobody")
	wantCode(t, err, jixiao.ENOTFOUND)
	// Names for the pages: known usernames only, each once, in any number.
	must(t, s.CreateUser(ctx, &jixiao.User{Username: "noname", Name: " ", Role: jixiao.RoleFiller}))
	asked := []string{"zhangsan", "nobody", "admin", "zhangsan", "noname", ""}
	for i := range 1200 {
		asked = append(asked, fmt.Sprintf("ghost%d", i))
	}
	names2, err := s.UserNames(ctx, asked)
	must(t, err)
	if diff := cmp.Diff(map[string]string{"zhangsan": "张三", "admin": "管理员"}, names2); diff != "" {
		t.Errorf("UserNames (-want +got):\n%s", diff)
	}
	none, err := s.UserNames(ctx, nil)
	must(t, err)
	if len(none) != 0 {
		t.Errorf("UserNames(nil) = %v", none)
	}
	wantCode(t, s.UpdateUser(ctx, &jixiao.User{ID: 999999, Username: "ghost"}), jixiao.ENOTFOUND)
}

func testSessions(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	u := &jixiao.User{Username: "lisi", Name: "李四", Role: jixiao.RoleReviewer}
	must(t, s.CreateUser(ctx, u))
	now := time.Now()
	live := &jixiao.Session{ID: "h-live", UserID: u.ID, CSRF: "c1", Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
	must(t, s.CreateSession(ctx, live))
	got, err := s.Session(ctx, "h-live")
	must(t, err)
	if diff := cmp.Diff(live, got); diff != "" {
		t.Errorf("Session mismatch (-want +got):\n%s", diff)
	}
	must(t, s.CreateSession(ctx, &jixiao.Session{ID: "h-old", UserID: u.ID, CSRF: "c2", Created: now.Add(-2 * time.Hour), Expires: now.Add(-time.Minute)}))
	_, err = s.Session(ctx, "h-old")
	wantCode(t, err, jixiao.ENOTFOUND)
	// Touching moves the expiry: an expired session comes back only if touched (the server
	// never touches one it could not read).
	later := now.Add(30 * time.Minute)
	must(t, s.TouchSession(ctx, "h-live", later, later.Add(time.Hour)))
	got, err = s.Session(ctx, "h-live")
	must(t, err)
	if !got.LastSeen.Equal(later.Truncate(time.Microsecond)) || !got.Expires.Equal(later.Add(time.Hour).Truncate(time.Microsecond)) {
		t.Errorf("after touch: last seen %v expires %v", got.LastSeen, got.Expires)
	}
	wantCode(t, s.TouchSession(ctx, "nope", now, now), jixiao.ENOTFOUND)
	must(t, s.DeleteSession(ctx, "h-live"))
	_, err = s.Session(ctx, "h-live")
	wantCode(t, err, jixiao.ENOTFOUND)
	must(t, s.DeleteSession(ctx, "h-live"))
	must(t, s.CreateSession(ctx, &jixiao.Session{ID: "h-a", UserID: u.ID, Expires: now.Add(time.Hour)}))
	must(t, s.CreateSession(ctx, &jixiao.Session{ID: "h-b", UserID: u.ID, Expires: now.Add(time.Hour)}))
	must(t, s.DeleteUserSessions(ctx, u.ID))
	for _, id := range []string{"h-a", "h-b"} {
		_, err = s.Session(ctx, id)
		wantCode(t, err, jixiao.ENOTFOUND)
	}
	wantCode(t, s.CreateSession(ctx, &jixiao.Session{ID: "h-x", UserID: 999999, Expires: now.Add(time.Hour)}), jixiao.EINVALID)
}
