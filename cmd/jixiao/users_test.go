package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"jixiao"
	"jixiao/account"
	"jixiao/setup"
)

// usersCmd runs `jixiao users args…` with stdin, as the operator alice.
func usersCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "USER" {
			return "alice"
		}
		return ""
	}
	code := run(context.Background(), &env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: getenv}, append([]string{"users"}, args...))
	return code, out.String(), errb.String()
}

var shownPassword = regexp.MustCompile(`（只显示这一次[^）]*）：(\S+)`)

// TestUsersCommand: jixiao users adds, lists, disables, unlocks and resets accounts on
// the console, including the security and audit administrators and a locked-out admin;
// passwords come from stdin (policy-checked) or at random, printed once; every change
// is in the audit log under the operator's name.
func TestUsersCommand(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testUsersCommand(t, "sqlite:"+filepath.Join(t.TempDir(), "j.db")) })
	t.Run("postgres", func(t *testing.T) {
		url := os.Getenv("JIXIAO_TEST_POSTGRES")
		if url == "" {
			if os.Getenv("CI") == "true" {
				t.Fatal("JIXIAO_TEST_POSTGRES is not set, and CI=true")
			}
			t.Skip("JIXIAO_TEST_POSTGRES is not set")
		}
		ctx := context.Background()
		b := make([]byte, 6)
		rand.Read(b)
		schema := "jx_users_" + hex.EncodeToString(b)
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`) })
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		testUsersCommand(t, url+sep+"search_path="+schema)
	})
}

func testUsersCommand(t *testing.T, dsn string) {
	ctx := context.Background()
	open := func() jixiao.ReviewStore {
		t.Helper()
		st, err := openStore(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		return st.(jixiao.ReviewStore)
	}
	db := open()
	if _, err := setup.Setup(ctx, db, setup.Options{}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// add
	code, out, errOut := usersCmd(t, "Shenhe-pass-2024\n", "add", "shenhe", "--role", "reviewer", "--department", setup.DemoRootCode, "--real-name", "审核员", "--password-stdin", "--db", dsn)
	if code != 0 || !strings.Contains(out, "已新建财政审核账号 shenhe") || strings.Contains(out, "Shenhe-pass-2024") {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = usersCmd(t, "", "add", "shenji2", "--role", "auditor", "--real-name", "审计二", "--db", dsn)
	m := shownPassword.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("add with a random password: exit %d\n%s", code, out)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"Password12\n", []string{"add", "weak", "--role", "filler", "--department", setup.DemoDeptCode, "--real-name", "弱", "--password-stdin"}, "太常见"},
		{"", []string{"add", "nodept", "--role", "filler", "--real-name", "无单位"}, "--department"},
		{"", []string{"add", "badrole", "--role", "root", "--real-name", "x"}, "--role"},
		{"", []string{"add", "noname", "--role", "filler", "--department", setup.DemoDeptCode}, "--real-name"},
		{"", []string{"add", "shenhe", "--role", "filler", "--department", setup.DemoDeptCode, "--real-name", "重名"}, ""},
		{"", []string{"disable", "nobody"}, "不存在"},
	} {
		code, out, errOut := usersCmd(t, tc.stdin, append(tc.args, "--db", dsn)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, want 2 saying %q\n%s%s", tc.args, code, tc.want, out, errOut)
		}
	}

	// Lock the admin out, then unlock, disable and reset on the console.
	db = open()
	for range 5 { // five wrong sign-ins lock the account
		if _, _, err := db.ClaimSignIn(ctx, "admin", time.Now(), 5, time.Now().Add(15*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if code, out, _ := usersCmd(t, "", "list", "--db", dsn); code != 0 || !regexp.MustCompile(`admin\s+系统管理员.*锁定至`).MatchString(out) {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"unlock", "admin"}, {"disable", "shenhe"}} {
		if code, out, errOut := usersCmd(t, "", append(args, "--db", dsn)...); code != 0 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	code, out, _ = usersCmd(t, "", "reset", "auditor", "--db", dsn)
	m2 := shownPassword.FindStringSubmatch(out)
	if code != 0 || m2 == nil {
		t.Fatalf("reset: exit %d\n%s", code, out)
	}
	if code, out, errOut := usersCmd(t, "New-security-pw-7\n", "reset", "security", "--password-stdin", "--db", dsn); code != 0 {
		t.Errorf("reset from stdin: exit %d\n%s%s", code, out, errOut)
	}

	db = open()
	defer db.Close()
	check := func(name, pw string) *jixiao.User {
		u, err := db.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if pw != "" && !account.Check(u.PasswordHash, pw) {
			t.Errorf("%s: the password does not match", name)
		}
		return u
	}
	if u := check("shenhe", "Shenhe-pass-2024"); !u.Disabled || u.Role != jixiao.RoleReviewer {
		t.Errorf("shenhe: %+v", u)
	}
	check("shenji2", m[1])
	check("auditor", m2[1])
	check("security", "New-security-pw-7")
	if u := check("admin", ""); !u.LockedUntil.IsZero() {
		t.Errorf("admin still locked until %v", u.LockedUntil)
	}
	es, _, err := db.AuditEntries(ctx, jixiao.AuditFilter{Actor: "console:alice"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(es) - 1; i >= 0; i-- {
		got = append(got, es[i].Action+" "+es[i].Object[:5]+" "+es[i].Addr)
	}
	want := []string{"console_user_add user: console", "console_user_add user: console", "console_user_unlock user: console",
		"console_user_disable user: console", "console_user_reset user: console", "console_user_reset user: console"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("audit entries mismatch (-want +got):\n%s", diff)
	}
	if n, err := jixiao.VerifyAudit(ctx, db); err != nil || n == 0 {
		t.Errorf("verify: %d, %v", n, err)
	}
}
