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

// testEditDepartment: a rename under the version check (a stale version refused), a
// move (a cycle refused), a retirement that stops new plans and keeps the old readable.
func testEditDepartment(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	old := SamplePlan("D1-U1", m["D1-U1"].Name, 2023)
	must(t, s.CreatePlan(ctx, old, jixiao.SaveInfo{Author: "filler"}))
	d, err := s.Department(ctx, m["D1-U1"].ID)
	must(t, err)
	stale := *d
	d.Name = "区工商业联合会"
	must(t, s.EditDepartment(ctx, d))
	stale.Name = "别名"
	wantCode(t, s.EditDepartment(ctx, &stale), jixiao.ECONFLICT)
	d.ParentID = m["D2"].ID
	must(t, s.EditDepartment(ctx, d))
	d1, err := s.Department(ctx, m["D1"].ID)
	must(t, err)
	d1.ParentID = m["D1-U2"].ID
	wantCode(t, s.EditDepartment(ctx, d1), jixiao.EINVALID)
	d.Retired = true
	must(t, s.EditDepartment(ctx, d))
	got, err := s.Department(ctx, d.ID)
	must(t, err)
	want := jixiao.Department{ID: d.ID, Code: "D1-U1", Name: "区工商业联合会", ParentID: m["D2"].ID, Kind: jixiao.KindUnit, Version: 3, Retired: true}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("edited department mismatch (-want +got):\n%s", diff)
	}
	wantCode(t, s.CreatePlan(ctx, SamplePlan("D1-U1", d.Name, 2024), jixiao.SaveInfo{Author: "filler"}), jixiao.EINVALID)
	if _, err := s.Plan(ctx, old.ID); err != nil {
		t.Errorf("the retired department's plan: %v", err)
	}
}
