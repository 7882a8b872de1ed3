package http_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/setup"
	"jixiao/xlsx"

	"github.com/xuri/excelize/v2"
)

// upload posts a file to /plans/import as a browser does: multipart, with the CSRF token
// as a form field.
func (c *client) upload(name string, data []byte, csrf string) (int, string, http.Header) {
	c.t.Helper()
	return c.uploadWith(name, data, csrf, nil)
}

// uploadWith is upload with more form fields (year).
func (c *client) uploadWith(name string, data []byte, csrf string, fields map[string]string) (int, string, http.Header) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if csrf != "" {
		mw.WriteField("csrf", csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.f.ts.URL+"/plans/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// planXLSX is the workbook of the stored plan id, changed by edit first.
func planXLSX(t *testing.T, f *fixture, id int64, edit func(*jixiao.Plan)) []byte {
	t.Helper()
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(p)
	}
	var b bytes.Buffer
	if err := xlsx.Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func planCount(t *testing.T, f *fixture) int {
	t.Helper()
	_, n, err := f.store.Plans(context.Background(), jixiao.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportLandsInOwnDepartment(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.login("filler")
	if st, body := c.get("/plans/import"); st != 200 || !strings.Contains(body, `enctype="multipart/form-data"`) {
		t.Fatalf("import form: %d", st)
	}
	// The other department's plan, as a 2022 workbook: imported by the demo
	// department's filler, it becomes the demo department's plan.
	data := planXLSX(t, f, f.other, func(p *jixiao.Plan) { p.Year = 2022 })
	st, body, h := c.upload("教育局.xlsx", data, c.csrf())
	if st != http.StatusSeeOther {
		t.Fatalf("status %d:\n%s", st, snippet(body))
	}
	demoDept, _ := f.store.DepartmentByCode(ctx, setup.DemoDeptCode)
	otherDept, _ := f.store.DepartmentByCode(ctx, otherCode)
	p, err := f.store.PlanByDepartmentYear(ctx, demoDept.ID, 2022)
	if err != nil {
		t.Fatalf("no 2022 plan of the user's department: %v", err)
	}
	if p.Department != demoDept.Name || p.DepartmentCode != demoDept.Code || p.Status != jixiao.Draft {
		t.Errorf("imported plan: %q %q %s", p.Department, p.DepartmentCode, p.Status)
	}
	if h.Get("Location") != pathOf(p.ID)+"?imported=1" {
		t.Errorf("redirect to %q", h.Get("Location"))
	}
	if _, err := f.store.PlanByDepartmentYear(ctx, otherDept.ID, 2022); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("the other department got a 2022 plan: %v", err)
	}
	other, _ := f.store.Plan(ctx, f.other)
	if len(p.Indicators) != len(other.Indicators) || p.Budget.Total != other.Budget.Total {
		t.Errorf("content not imported: %d indicators, total %s", len(p.Indicators), p.Budget.Total)
	}
	// Importing the same file for the same year again: a preview, then, confirmed, the
	// same plan unchanged (nothing differs, so no new revision), no duplicate.
	n := planCount(t, f)
	st, body, _ = c.upload("again.xlsx", data, c.csrf())
	if st != http.StatusOK || !strings.Contains(body, "导入预览") {
		t.Fatalf("again: status %d:\n%s", st, snippet(body))
	}
	if st, body, h := c.confirmImport(body, "replace"); st != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "?imported=same") {
		t.Fatalf("confirm: status %d to %q:\n%s", st, h.Get("Location"), snippet(body))
	}
	again, _ := f.store.PlanByDepartmentYear(ctx, demoDept.ID, 2022)
	if again.ID != p.ID || again.Version != p.Version || planCount(t, f) != n {
		t.Errorf("second import: plan %d v%d (want %d v%d), %d plans (want %d)", again.ID, again.Version, p.ID, p.Version, planCount(t, f), n)
	}
}

func TestImportBrokenFileChangesNothing(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	n := planCount(t, f)
	before, _ := f.store.Plan(context.Background(), f.demo)
	good := planXLSX(t, f, f.demo, nil)
	for name, data := range map[string][]byte{
		"truncated.xlsx": good[:len(good)/2],
		"garbage.bin":    []byte("\x00\x01 这不是绩效目标表"),
	} {
		st, body, _ := c.upload(name, data, c.csrf())
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "无法导入") || !strings.Contains(body, name) {
			t.Errorf("%s: status %d, want 422 naming the file:\n%s", name, st, snippet(body))
		}
	}
	if planCount(t, f) != n {
		t.Errorf("plans: %d, want %d", planCount(t, f), n)
	}
	after, _ := f.store.Plan(context.Background(), f.demo)
	if after.Version != before.Version {
		t.Errorf("the demo plan changed: v%d → v%d", before.Version, after.Version)
	}
}

func TestImportRefusals(t *testing.T) {
	f := newFixture(t)
	data := planXLSX(t, f, f.demo, func(p *jixiao.Plan) { p.Year = 2023 })
	c := f.login("filler")
	// Without the token.
	if st, _, _ := c.upload("a.xlsx", data, ""); st != http.StatusForbidden {
		t.Errorf("no csrf: status %d", st)
	}
	// A reviewer may not import.
	r := f.login("reviewer")
	if st, _, _ := r.upload("a.xlsx", data, r.csrf()); st != http.StatusForbidden {
		t.Errorf("reviewer: status %d", st)
	}
	// Too large.
	big := bytes.Repeat([]byte("x"), 17<<20)
	if st, body, _ := c.upload("big.xlsx", big, c.csrf()); st != http.StatusRequestEntityTooLarge || !strings.Contains(body, "16 MB") {
		t.Errorf("too large: status %d\n%s", st, snippet(body))
	}
	if planCount(t, f) != 2 {
		t.Errorf("plans: %d, want 2", planCount(t, f))
	}
}

func TestImportErrorNamesCell(t *testing.T) {
	f := newFixture(t)
	good := planXLSX(t, f, f.demo, nil)
	wb, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	// Spoil the first number of the first sheet.
	sheet := wb.GetSheetList()[0]
	rows, _ := wb.GetRows(sheet)
	ref := ""
	for r, row := range rows {
		for col, v := range row {
			if _, err := strconv.ParseFloat(v, 64); err == nil && v != "" && ref == "" && r > 2 {
				ref, _ = excelize.CoordinatesToCellName(col+1, r+1)
			}
		}
	}
	if ref == "" {
		t.Fatal("no number in the first sheet")
	}
	wb.SetCellValue(sheet, ref, "一百万")
	var b bytes.Buffer
	wb.Write(&b)
	c := f.login("filler")
	st, body, _ := c.upload("bad.xlsx", b.Bytes(), c.csrf())
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, ref) {
		t.Errorf("status %d, want 422 naming %s!%s:\n%s", st, sheet, ref, snippet(body))
	}
}

// TestImportGivenYear: a table that states no year anywhere (海南's 项目绩效目标表) is
// refused with a sentence that says how to give it, keeping the year typed; with the
// year given it is stored as that year's plan; a year that is no number is refused.
func TestImportGivenYear(t *testing.T) {
	f := newFixture(t)
	data, err := os.ReadFile("../testdata/published/hainan-2022-project-sheng-huizhan-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	filler := f.login("filler")
	before := planCount(t, f)
	st, body, _ := filler.uploadWith("hainan.txt", data, filler.csrf(), nil)
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "没有预算年度") || !strings.Contains(body, "网页导入时填写“预算年度”") {
		t.Errorf("no year: %d\n%s", st, snippet(body))
	}
	st, body, _ = filler.uploadWith("hainan.txt", data, filler.csrf(), map[string]string{"year": "二〇二二"})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "预算年度“二〇二二”不是年份") || !strings.Contains(body, `value="二〇二二"`) {
		t.Errorf("a year in words: %d\n%s", st, snippet(body))
	}
	if n := planCount(t, f); n != before {
		t.Fatalf("%d plans after two refused imports, want %d", n, before)
	}
	st, _, h := filler.uploadWith("hainan.txt", data, filler.csrf(), map[string]string{"year": "2022"})
	if st != http.StatusSeeOther {
		t.Fatalf("year given: %d", st)
	}
	loc, _, _ := strings.Cut(strings.TrimPrefix(h.Get("Location"), "/plans/"), "?")
	id, err := strconv.ParseInt(loc, 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q", h.Get("Location"))
	}
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2022 || len(p.Projects) != 1 || len(p.Projects[0].Indicators) != 1 || p.Projects[0].Amount.String() != "2430.30" {
		t.Errorf("stored: year %d, %d projects %+v", p.Year, len(p.Projects), p.Projects)
	}
	// A plan of project tables only shows the projects' money, not an empty 资金总额.
	_, body = filler.get(fmt.Sprintf("/plans/%d", id))
	if !strings.Contains(body, "<th>项目资金合计</th><td>2430.30 万元</td>") || strings.Contains(body, "（未填）") {
		t.Errorf("the overview of a project-only plan:\n%s", snippet(body))
	}
}
