package setup_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/account"
	"jixiao/setup"
	"jixiao/sqlite"
)

func open(t *testing.T) jixiao.ReviewStore {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type acct struct {
	User string
	Role jixiao.Role
}

func accounts(t *testing.T, db jixiao.Store) []acct {
	t.Helper()
	us, err := db.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []acct
	for _, u := range us {
		out = append(out, acct{u.Username, u.Role})
	}
	return out
}

// TestSetupThreeAdministrators: the first start makes the demo data and the three
// administrators of 三员分立, with random passwords that pass the policy and work;
// every account made is in the audit log; a second start changes nothing.
func TestSetupThreeAdministrators(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	res, err := setup.Setup(ctx, db, setup.Options{SecurityUser: "anquan"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Done || res.DemoPlanID == 0 || res.RootCode != setup.DemoRootCode {
		t.Errorf("result %+v", res)
	}
	want := []acct{{"admin", jixiao.RoleAdmin}, {"anquan", jixiao.RoleSecurity}, {"auditor", jixiao.RoleAuditor}}
	if diff := cmp.Diff(want, accounts(t, db)); diff != "" {
		t.Errorf("accounts mismatch (-want +got):\n%s", diff)
	}
	for _, a := range res.Accounts {
		if msg := account.Policy(a.Password, a.Username); a.Password == "" || msg != "" {
			t.Errorf("%s: password %q: %s", a.Username, a.Password, msg)
		}
		u, err := db.UserByUsername(ctx, a.Username)
		if err != nil || !account.Check(u.PasswordHash, a.Password) {
			t.Errorf("%s: the printed password does not sign in (%v)", a.Username, err)
		}
	}
	es, _, err := db.AuditEntries(ctx, jixiao.AuditFilter{Action: "setup_account"})
	if err != nil || len(es) != 3 {
		t.Errorf("audit entries of setup_account: %d, %v; want 3", len(es), err)
	}
	again, err := setup.Setup(ctx, db, setup.Options{})
	if err != nil || again.Done || len(again.Accounts) != 0 {
		t.Errorf("second start: %+v, %v; want nothing done", again, err)
	}
}

// TestSetupAddsMissingAdministrators: a database from before 三员分立 (an administrator
// only) gets the security and audit administrators at the next start, and no second
// administrator.
func TestSetupAddsMissingAdministrators(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	h, _ := account.Hash("Old-admin-pw-9")
	if err := db.CreateUser(ctx, &jixiao.User{Username: "root-admin", Name: "管理员", Role: jixiao.RoleAdmin, PasswordHash: h, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	res, err := setup.Setup(ctx, db, setup.Options{AuditorPassword: "Audit-secret-77"})
	if err != nil {
		t.Fatal(err)
	}
	want := []acct{{"auditor", jixiao.RoleAuditor}, {"root-admin", jixiao.RoleAdmin}, {"security", jixiao.RoleSecurity}} // by username
	if diff := cmp.Diff(want, accounts(t, db)); diff != "" {
		t.Errorf("accounts mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]setup.Account{{Username: "security", Role: jixiao.RoleSecurity, Password: res.Accounts[0].Password}, {Username: "auditor", Role: jixiao.RoleAuditor}}, res.Accounts); diff != "" {
		t.Errorf("result mismatch (-want +got):\n%s", diff)
	}
}

// TestSetupRefusesWeakPassword: a password from the environment must pass the policy.
func TestSetupRefusesWeakPassword(t *testing.T) {
	_, err := setup.Setup(context.Background(), open(t), setup.Options{AdminPassword: "Password12"})
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("err = %v, want EINVALID", err)
	}
}
