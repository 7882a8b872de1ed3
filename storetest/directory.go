package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testImportDirectory: departments (a child after its new parent) and accounts in one
// transaction; a duplicate account name in the last row writes nothing at all; the
// must-change flag is stored.
func testImportDirectory(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	deps := []jixiao.DirectoryDepartment{
		{Code: "D4", Name: "区民政局", ParentCode: "B", Kind: jixiao.KindDepartment},
		{Code: "D4-U1", Name: "区福利院", ParentCode: "D4", Kind: jixiao.KindUnit},
	}
	acct := func(name, dept string) jixiao.DirectoryAccount {
		return jixiao.DirectoryAccount{User: jixiao.User{Username: name, Name: name, Role: jixiao.RoleFiller, PasswordHash: "x", MustChangePassword: true}, DepartmentCode: dept}
	}
	bad := []jixiao.DirectoryAccount{acct("mz1", "D4-U1"), acct("mz1", "D4")}
	wantCode(t, s.ImportDirectory(ctx, deps, bad), jixiao.EINVALID)
	wantCode(t, s.ImportDirectory(ctx, deps, []jixiao.DirectoryAccount{acct("mz2", "D9")}), jixiao.EINVALID)
	all, err := s.Departments(ctx, 0)
	must(t, err)
	users, err := s.Users(ctx)
	must(t, err)
	if len(all) != len(m) || len(users) != 0 {
		t.Fatalf("a refused import wrote %d departments (want %d), %d accounts", len(all), len(m), len(users))
	}
	good := []jixiao.DirectoryAccount{acct("mz1", "D4-U1"), acct("mz2", "D4")}
	must(t, s.ImportDirectory(ctx, deps, good))
	u1, err := s.Department(ctx, good[0].User.DepartmentID)
	must(t, err)
	d4, err := s.DepartmentByCode(ctx, "D4")
	must(t, err)
	if u1.Code != "D4-U1" || u1.ParentID != d4.ID || d4.ParentID != m["B"].ID {
		t.Errorf("imported tree: %+v under %+v", u1, d4)
	}
	got, err := s.UserByUsername(ctx, "mz2")
	must(t, err)
	if diff := cmp.Diff([]any{"mz2", d4.ID, true}, []any{got.Username, got.DepartmentID, got.MustChangePassword}); diff != "" {
		t.Errorf("imported account mismatch (-want +got):\n%s", diff)
	}
	got.MustChangePassword = false
	must(t, s.UpdateUser(ctx, got))
	got, err = s.UserByUsername(ctx, "mz2")
	must(t, err)
	if got.MustChangePassword {
		t.Error("UpdateUser did not clear the must-change flag")
	}
}
