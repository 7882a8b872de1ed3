package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// runStoreCmd runs a command line and returns its exit code and output.
func runStoreCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}, args)
	return code, out.String(), errb.String()
}

func TestParseDSN(t *testing.T) {
	t.Setenv("JIXIAO_DB", "")
	for _, tt := range []struct {
		in   string
		want dbTarget
		code string
	}{
		{"", dbTarget{Kind: dbSQLite, Path: "jixiao.db"}, ""},
		{"sqlite:data/x.db", dbTarget{Kind: dbSQLite, Path: "data/x.db"}, ""},
		{"sqlite:///abs/x.db", dbTarget{Kind: dbSQLite, Path: "/abs/x.db"}, ""},
		{"plain.db", dbTarget{Kind: dbSQLite, Path: "plain.db"}, ""},
		{"/var/lib/jixiao/jixiao.db", dbTarget{Kind: dbSQLite, Path: "/var/lib/jixiao/jixiao.db"}, ""},
		{"postgres://u:p@h:5432/db?sslmode=disable", dbTarget{Kind: dbPostgres, URL: "postgres://u:p@h:5432/db?sslmode=disable"}, ""},
		{"postgresql://h/db", dbTarget{Kind: dbPostgres, URL: "postgresql://h/db"}, ""},
		{"mysql://h/db", dbTarget{}, jixiao.EINVALID},
		{"sqlite:", dbTarget{}, jixiao.EINVALID},
	} {
		got, err := parseDSN(tt.in)
		if code := jixiao.ErrorCode(err); code != tt.code {
			t.Errorf("parseDSN(%q) error %v, want code %q", tt.in, err, tt.code)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseDSN(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
	t.Setenv("JIXIAO_DB", "sqlite:from-env.db")
	if got, _ := parseDSN(""); got.Path != "from-env.db" {
		t.Errorf("JIXIAO_DB ignored: %+v", got)
	}
	if got, _ := parseDSN("flag.db"); got.Path != "flag.db" {
		t.Errorf("--db does not win over JIXIAO_DB: %+v", got)
	}
}

func TestMigrateCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	code, out, errs := runStoreCmd(t, "migrate", "--db", "sqlite:"+path)
	// Migrations are added (and renumbered at merges) by several hands: the database must
	// be at the newest version this binary knows, whatever its number.
	m := regexp.MustCompile(`版本 (\d+)（本程序支持到版本 (\d+)）`).FindStringSubmatch(out)
	if code != 0 || m == nil || m[1] != m[2] {
		t.Fatalf("migrate: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
