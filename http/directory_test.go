package http_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/setup"
)

// directoryXLSX writes a directory workbook as the template lays it out.
func directoryXLSX(t *testing.T, depts, users [][]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "单位")
	x.NewSheet("账号")
	put := func(sheet string, header []string, rows [][]string) {
		x.SetSheetRow(sheet, "A1", &header)
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			x.SetSheetRow(sheet, cell, &r)
		}
	}
	put("单位", []string{"单位编码", "单位名称", "类型", "上级单位编码"}, depts)
	put("账号", []string{"用户名", "姓名", "角色", "单位编码"}, users)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDirectoryImport: the template, a file with bad rows refused with each problem
// named by sheet, row and cell and nothing written, the fixed file previewed and
// imported in one go, the passwords shown once, the accounts made to choose their own.
func TestDirectoryImport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.login("admin")
	req, _ := http.NewRequest("GET", f.ts.URL+"/admin/directory/template.xlsx", nil)
	st, data, _ := a.do(req)
	if st != 200 {
		t.Fatalf("template: %d", st)
	}
	x, err := excelize.OpenReader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"单位", "账号", "填写说明"}, x.GetSheetList()); diff != "" {
		t.Errorf("template sheets (-want +got):\n%s", diff)
	}
	depts := [][]string{
		{"430204201-1", "区民政局福利院", "单位", "430204201"}, // before its parent
		{"430204201", "区民政局", "部门", setup.DemoRootCode},
	}
	users := [][]string{
		{"mzj-tb", "民政填报", "单位填报", "430204201-1"},
		{"mzj-fz", "民政负责人", "校长", "430204201"},
		{"mzj-tb", "重复", "单位填报", "430299"},
	}
	before, _ := f.store.Users(ctx)
	st, body := a.uploadTo("/admin/directory/preview", "名册.xlsx", directoryXLSX(t, depts, users))
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: %d", st)
	}
	var problems []string
	for _, m := range regexp.MustCompile(`<li>(工作表[^<]+)</li>`).FindAllStringSubmatch(body, -1) {
		problems = append(problems, m[1])
	}
	want := []string{
		"工作表“账号”第3行 C3 单元格：角色“校长”无法识别：请填写“单位填报”“单位负责人”或“财政审核”（系统管理员不能批量导入）。",
		"工作表“账号”第4行 A4 单元格：用户名“mzj-tb”在本文件中重复（先见于工作表“账号”第2行 A2 单元格）。",
		"工作表“账号”第4行 D4 单元格：单位编码“430299”既不是已有单位，也不是本文件单位表中的单位。",
	}
	if diff := cmp.Diff(want, problems); diff != "" || strings.Contains(body, `id="confirm-import"`) {
		t.Errorf("problems of the bad file (-want +got):\n%s", diff)
	}
	// Posting the bad file to the import itself writes nothing either.
	st, _ = a.post("/admin/directory", url.Values{"csrf": {a.csrf()}, "name": {"名册.xlsx"},
		"data": {b64(directoryXLSX(t, depts, users))}})
	if st != http.StatusUnprocessableEntity {
		t.Errorf("import of the bad file: %d", st)
	}
	after, _ := f.store.Users(ctx)
	if _, err := f.store.DepartmentByCode(ctx, "430204201"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND || len(after) != len(before) {
		t.Fatalf("the refused file wrote something: %v, %d accounts (were %d)", err, len(after), len(before))
	}
	users[1][2], users[2] = "单位负责人", []string{"mzj-sh", "民政审核", "财政审核", "430204201"}
	good := directoryXLSX(t, depts, users)
	st, body = a.uploadTo("/admin/directory/preview", "名册.xlsx", good)
	m := regexp.MustCompile(`name="data" value="([^"]+)"`).FindStringSubmatch(body)
	if st != 200 || m == nil {
		t.Fatalf("preview of the fixed file: %d\n%s", st, snippet(body))
	}
	st, body = a.post("/admin/directory", url.Values{"csrf": {a.csrf()}, "name": {"名册.xlsx"}, "data": {html.UnescapeString(m[1])}})
	pws := regexp.MustCompile(`<td>(mzj-[a-z]+)</td>.*?<code class="password">([^<]+)</code>`).FindAllStringSubmatch(body, -1)
	if st != 200 || len(pws) != 3 || !strings.Contains(body, "已导入单位 2 个、账号 3 个") {
		t.Fatalf("import: %d, %d passwords\n%s", st, len(pws), snippet(body))
	}
	home, err := f.store.DepartmentByCode(ctx, "430204201-1")
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.store.UserByUsername(ctx, "mzj-tb")
	if err != nil || u.DepartmentID != home.ID || !u.MustChangePassword || u.Role != jixiao.RoleFiller {
		t.Errorf("imported filler: %+v, %v", u, err)
	}
	entries, _, err := f.store.AuditEntries(ctx, jixiao.AuditFilter{Action: "directory_import"})
	if err != nil || len(entries) == 0 || !strings.Contains(entries[0].Detail, "新建单位 2 个、账号 3 个") {
		t.Errorf("audit of the import: %+v %v", entries, err)
	}
	// The new account signs in with the password shown and must choose its own first.
	n := f.anon()
	if st, _ := n.signIn(pws[0][1], pws[0][2]); st != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d", pws[0][1], st)
	}
	if st, _ := n.get("/"); st != http.StatusSeeOther {
		t.Errorf("home before the first password change: %d, want 303", st)
	}
	// Importing the same file again is refused row by row: the codes and names exist.
	if st, body := a.uploadTo("/admin/directory/preview", "名册.xlsx", good); st != http.StatusUnprocessableEntity || !strings.Contains(body, "已存在") {
		t.Errorf("the same file again: %d", st)
	}
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// TestDepartmentEdit: a rename at the version read, the same form again refused as
// stale (409), a move under its own unit refused (422), a retirement audited.
func TestDepartmentEdit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.login("admin")
	d, err := f.store.DepartmentByCode(ctx, setup.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	path := "/admin/departments/" + strconv.FormatInt(d.ID, 10)
	st, body := a.get(path)
	if st != 200 || !strings.Contains(body, `name="version" value="0"`) {
		t.Fatalf("GET %s: %d", path, st)
	}
	form := url.Values{"csrf": {a.csrf()}, "version": {"0"}, "code": {d.Code}, "name": {"区委统战部（新）"}, "parent": {setup.DemoRootCode}}
	if st, _ := a.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("rename: %d", st)
	}
	form.Set("name", "又一个名字")
	if st, body := a.post(path, form); st != http.StatusConflict || !strings.Contains(body, "已被他人修改") {
		t.Errorf("stale rename: %d", st)
	}
	form.Set("version", "1")
	form.Set("parent", f.unitSub)
	if st, body := a.post(path, form); st != http.StatusUnprocessableEntity || !strings.Contains(body, "不能把单位") {
		t.Errorf("move under its own unit: %d", st)
	}
	form.Set("parent", setup.DemoRootCode)
	form.Set("retired", "1")
	if st, _ := a.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("retire: %d", st)
	}
	got, _ := f.store.Department(ctx, d.ID)
	if got.Name != "又一个名字" || !got.Retired || got.Version != 2 {
		t.Errorf("department after the edits: %+v", got)
	}
	entries, _, err := f.store.AuditEntries(ctx, jixiao.AuditFilter{Action: "department_update"})
	if err != nil || len(entries) < 2 || !strings.Contains(entries[0].Detail, "撤销") {
		t.Errorf("audit of the edits: %+v %v", entries, err)
	}
	if _, body := a.get("/admin/departments"); !strings.Contains(body, "又一个名字</a>（已撤销）") {
		t.Error("the tree does not show the retirement")
	}
}
