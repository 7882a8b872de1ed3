package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"jixiao"
	"jixiao/setup"
	"jixiao/xlsx"
)

// directoryFile writes a 200-row directory workbook as the template lays it out: 50
// departments and 150 accounts; bad, when set, gives the 100th account a role that
// does not exist.
func directoryFile(t *testing.T, dir, name string, bad bool) string {
	t.Helper()
	var depts, users [][]any
	for i := 1; i <= 50; i++ {
		depts = append(depts, []any{fmt.Sprintf("E2E%03d", i), fmt.Sprintf("批量导入部门%03d", i), "部门", setup.DemoRootCode})
	}
	for i := 1; i <= 150; i++ {
		role := []string{"单位填报", "单位负责人", "财政审核"}[i%3]
		if bad && i == 100 {
			role = "校长"
		}
		users = append(users, []any{fmt.Sprintf("e2e-u%03d", i), fmt.Sprintf("导入用户%03d", i), role, fmt.Sprintf("E2E%03d", (i-1)/3+1)})
	}
	var buf bytes.Buffer
	if err := xlsx.WriteSheets(&buf, []xlsx.Sheet{
		{Name: "单位", Header: []string{"单位编码", "单位名称", "类型", "上级单位编码"}, Rows: depts},
		{Name: "账号", Header: []string{"用户名", "姓名", "角色", "单位编码"}, Rows: users},
	}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDirectoryImportBrowser: the administrator uploads a 200-row workbook with one bad
// row: the preview names the row and cell, offers no import, and nothing is written;
// the fixed file imports at once; a new account signs in and must choose its own
// password before anything else. Screenshots at 1280 and 390 px.
func TestDirectoryImportBrowser(t *testing.T) {
	bctx := browser(t)
	base, _, store := startFormsServer(t)
	shots := shotsDir(t)
	ctx := context.Background()
	dir := t.TempDir()
	a := newTab(t, bctx, "admin", base, shots)
	a.signIn("admin", adminPassword)
	a.open("/admin/directory")
	a.shots2("directory-start")
	before, err := store.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	upload := func(path string) int64 {
		t.Helper()
		if err := chromedp.Do(a.ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path})); err != nil {
			t.Fatal(err)
		}
		return a.submit(`form[action="/admin/directory/preview"] button[type=submit]`)
	}
	if st := upload(directoryFile(t, dir, "名册-有误.xlsx", true)); st != 422 {
		t.Fatalf("the bad file's preview: status %d", st)
	}
	problems := a.text("#problems")
	if !strings.Contains(problems, "工作表“账号”第101行 C101 单元格：角色“校长”无法识别") || a.count("#confirm-import") != 0 {
		t.Errorf("the bad file's preview: problems %q, %d import buttons", problems, a.count("#confirm-import"))
	}
	// Only the bad row is listed; the 199 good ones are counted.
	if a.count("#preview-users tbody tr.bad") != 1 || a.count("#preview-users tbody tr") != 1 || a.count("#preview-depts") != 0 ||
		!strings.Contains(a.text("main"), "其余 149 行检查通过") {
		t.Errorf("preview rows: %d bad accounts of %d listed, %d department tables", a.count("#preview-users tr.bad"), a.count("#preview-users tbody tr"), a.count("#preview-depts"))
	}
	a.shots2("directory-bad")
	after, err := store.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.DepartmentByCode(ctx, "E2E001"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND || len(after) != len(before) {
		t.Fatalf("the refused file wrote something: %v; %d accounts (were %d)", err, len(after), len(before))
	}
	if st := upload(directoryFile(t, dir, "名册.xlsx", false)); st != 200 {
		t.Fatalf("the fixed file's preview: status %d", st)
	}
	a.shots2("directory-good")
	if st := a.submit("#confirm-import button[type=submit]"); st != 200 {
		t.Fatalf("import: status %d: %s", st, a.text("main"))
	}
	if n := a.count("#imported tbody tr"); n != 150 {
		t.Fatalf("imported accounts shown: %d, want 150", n)
	}
	a.shots2("directory-done")
	first := a.text("#imported tbody tr:first-child")
	m := regexp.MustCompile(`(e2e-u\d+)\s.*\s(\S+)$`).FindStringSubmatch(strings.TrimSpace(first))
	if m == nil {
		t.Fatalf("first imported row: %q", first)
	}
	if d, err := store.DepartmentByCode(ctx, "E2E050"); err != nil || d.Name != "批量导入部门050" {
		t.Errorf("imported department: %+v %v", d, err)
	}

	// The new account: its first page is the password form, whatever it asks for.
	u := newTab(t, bctx, m[1], base, shots)
	u.signIn(m[1], m[2])
	if loc := u.location(); loc != "/account/password" || !strings.Contains(u.text("main"), "请先设定您自己的密码") {
		t.Fatalf("first sign-in leads to %s: %s", loc, u.text("main"))
	}
	u.open("/plans")
	if loc := u.location(); loc != "/account/password" {
		t.Errorf("/plans before the password change leads to %s", loc)
	}
	u.shots2("first-signin-password")
	u.set("#old", m[2])
	u.set("#new", "Own-Pass-2026!")
	u.set("#again", "Own-Pass-2026!")
	if st := u.submit(`form[action="/account/password"] button[type=submit]`); st != 200 {
		t.Fatalf("first password change: status %d", st)
	}
	if loc := u.location(); strings.HasPrefix(loc, "/account/password") {
		t.Fatalf("after the password change still on %s: %s", loc, u.text("main"))
	}
	u.open("/plans")
	if loc := u.location(); loc != "/plans" {
		t.Errorf("after the password change /plans leads to %s", loc)
	}
	got, err := store.UserByUsername(ctx, m[1])
	if err != nil || got.MustChangePassword {
		t.Errorf("the account still must change its password: %+v %v", got, err)
	}
}
