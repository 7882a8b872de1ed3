package http_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
)

var (
	tokenRe   = regexp.MustCompile(`name="token" value="([^"]+)"`)
	previewRe = regexp.MustCompile(`id="(replace|merge)-counts">新增 <b>(\d+)</b> 处 · 删除 <b>(\d+)</b> 处 · 修改 <b>(\d+)</b> 处`)
)

// confirmImport answers the import preview in body with mode (replace, merge, cancel).
func (c *client) confirmImport(body, mode string) (int, string, http.Header) {
	c.t.Helper()
	tm, vm := tokenRe.FindStringSubmatch(body), versionRe.FindStringSubmatch(body)
	if tm == nil || vm == nil {
		c.t.Fatalf("no import confirmation form in:\n%s", snippet(body))
	}
	return c.postH("/plans/import/confirm", url.Values{"csrf": {c.csrf()}, "token": {tm[1]}, "version": {vm[1]}, "mode": {mode}})
}

func (c *client) postH(path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.f.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// oneCellTemplate is the blank template of the server for year with one cell filled:
// 资金总额 = total.
func oneCellTemplate(t *testing.T, c *client, year int, total string) []byte {
	t.Helper()
	st, body := c.get(fmt.Sprintf("/template.xlsx?year=%d", year))
	if st != 200 {
		t.Fatalf("template: %d", st)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	if v, _ := x.GetCellValue(sheet, "B5"); v != "资金总额" {
		t.Fatalf("the template's B5 is %q, not 资金总额", v)
	}
	x.SetCellValue(sheet, "C5", total)
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func previewCounts(t *testing.T, body string) map[string][3]string {
	t.Helper()
	out := map[string][3]string{}
	for _, m := range previewRe.FindAllStringSubmatch(body, -1) {
		out[m[1]] = [3]string{m[2], m[3], m[4]}
	}
	return out
}

// The seed plan (19 cells and rows) and a blank template with 资金总额 alone: the upload
// shows what replacing and merging would do, warns loudly, and changes nothing; cancel
// changes nothing either and the token is spent.
func TestImportPreviewChangesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	c := f.login("filler")
	st, body, _ := c.upload("模板.xlsx", oneCellTemplate(t, c, before.Year, "300"), c.csrf())
	if st != http.StatusOK {
		t.Fatalf("upload: status %d\n%s", st, snippet(body))
	}
	after, _ := f.store.Plan(ctx, f.demo)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("the upload changed the plan before any confirmation (-before +after):\n%s", diff)
	}
	// The seed's 24 cells and rows but 资金总额 go; the template names its framework.
	want := map[string][3]string{"merge": {"1", "0", "1"}, "replace": {"1", "23", "1"}}
	got := previewCounts(t, body)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("preview counts (-want +got):\n%s", diff)
	}
	for _, s := range []string{`id="import-warning"`, "确认替换将删除绩效目标的大部分内容", "确认替换", "合并：只填入文件中有的内容", "取消", "部门职责概述"} {
		if !strings.Contains(body, s) {
			t.Errorf("the preview lacks %q", s)
		}
	}
	st, _, h := c.confirmImport(body, "cancel")
	if st != http.StatusSeeOther || h.Get("Location") != pathOf(f.demo)+"?import=cancelled" {
		t.Fatalf("cancel: %d to %q", st, h.Get("Location"))
	}
	if _, page := c.get(h.Get("Location")); !strings.Contains(page, "已取消导入，绩效目标未作任何修改。") {
		t.Error("no confirmation of the cancel")
	}
	// The token is spent: the same form cannot replace afterwards.
	if st, _, _ := c.confirmImport(body, "replace"); st != http.StatusNotFound {
		t.Errorf("replace after cancel: status %d, want 404", st)
	}
	after, _ = f.store.Plan(ctx, f.demo)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("cancel changed the plan (-before +after):\n%s", diff)
	}
}

// Confirming: replace makes the plan the file; merge fills in the one cell and keeps the
// rest. Either is one new revision saying why.
func TestImportConfirmReplaceAndMerge(t *testing.T) {
	for _, mode := range []string{"merge", "replace"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			before, _ := f.store.Plan(ctx, f.demo)
			c := f.login("filler")
			_, body, _ := c.upload("模板.xlsx", oneCellTemplate(t, c, before.Year, "300"), c.csrf())
			st, rb, h := c.confirmImport(body, mode)
			if st != http.StatusSeeOther || h.Get("Location") != pathOf(f.demo)+"?imported="+mode {
				t.Fatalf("confirm: %d to %q\n%s", st, h.Get("Location"), snippet(rb))
			}
			after, _ := f.store.Plan(ctx, f.demo)
			want := *before
			want.Version = before.Version + 1
			want.Budget.Total, _ = jixiao.ParseDecimal("300")
			want.Framework = "hunan-2021" // the stored plan names none; the template does
			if mode == "replace" {
				want = jixiao.Plan{ID: before.ID, Department: before.Department, DepartmentCode: before.DepartmentCode, Submitter: before.Department,
					Year: before.Year, Framework: "hunan-2021", Status: before.Status, Version: before.Version + 1, Budget: jixiao.Budget{Total: want.Budget.Total}}
			}
			if diff := cmp.Diff(jixiao.DiffPlans(&want, after), []jixiao.Change(nil)); diff != "" {
				t.Errorf("the plan after %s differs from the expected one:\n%s", mode, diff)
			}
			if after.Version != before.Version+1 {
				t.Errorf("version %d, want %d", after.Version, before.Version+1)
			}
			revs, _ := f.store.Revisions(ctx, f.demo)
			last := revs[len(revs)-1]
			if last.Author != "filler" || !strings.Contains(last.Reason, "模板.xlsx") {
				t.Errorf("revision %+v", last)
			}
		})
	}
}

// A confirmation after someone else saved the plan is refused and changes nothing; the
// token belongs to its user.
func TestImportConfirmStaleOrForeign(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, _ := f.store.Plan(ctx, f.demo)
	c := f.login("filler")
	_, body, _ := c.upload("模板.xlsx", oneCellTemplate(t, c, before.Year, "300"), c.csrf())

	// Another session, even of the same user, may not use the token.
	other := f.login("filler")
	if st, _, _ := other.confirmImport(body, "replace"); st != http.StatusNotFound {
		t.Errorf("another session's confirm: status %d, want 404", st)
	}
	_, body, _ = c.upload("模板.xlsx", oneCellTemplate(t, c, before.Year, "300"), c.csrf())
	// A version field changed by the client is refused.
	tm := tokenRe.FindStringSubmatch(body)
	if st, _, _ := c.postH("/plans/import/confirm", url.Values{"csrf": {c.csrf()}, "token": {tm[1]}, "version": {fmt.Sprint(before.Version + 1)}, "mode": {"replace"}}); st != http.StatusUnprocessableEntity && st != http.StatusBadRequest {
		t.Errorf("confirm with another version: status %d", st)
	}
	_, body, _ = c.upload("模板.xlsx", oneCellTemplate(t, c, before.Year, "300"), c.csrf())
	// Someone saves the plan after the preview.
	edited := *before
	edited.Duties = "他人刚刚修改的职责。"
	if err := f.store.UpdatePlan(ctx, &edited, jixiao.SaveInfo{Author: "leader"}); err != nil {
		t.Fatal(err)
	}
	st, rb, _ := c.confirmImport(body, "replace")
	if st != http.StatusConflict || !strings.Contains(rb, "预览之后，该绩效目标已被修改") {
		t.Errorf("stale confirm: status %d\n%s", st, snippet(rb))
	}
	after, _ := f.store.Plan(ctx, f.demo)
	if after.Version != edited.Version || after.Duties != edited.Duties {
		t.Errorf("the stale confirm changed the plan: v%d %q", after.Version, after.Duties)
	}
}

// An import that would change nothing (the plan's own export, merged or replacing) makes
// no new version and says so, instead of “已合并导入” over an unchanged plan.
func TestImportSameMakesNoVersion(t *testing.T) {
	for _, mode := range []string{"merge", "replace"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			c := f.login("filler")
			_, file := c.get(pathOf(f.demo) + "/export.xlsx")
			before, _ := f.store.Plan(ctx, f.demo)
			_, body, _ := c.upload("本单位.xlsx", []byte(file), c.csrf())
			st, rb, h := c.confirmImport(body, mode)
			if st != http.StatusSeeOther || h.Get("Location") != pathOf(f.demo)+"?imported=same" {
				after, _ := f.store.Plan(ctx, f.demo)
				t.Fatalf("confirm: %d to %q; changes %v\n%s", st, h.Get("Location"), jixiao.DiffPlans(before, after), snippet(rb))
			}
			if after, _ := f.store.Plan(ctx, f.demo); after.Version != before.Version {
				t.Errorf("version %d → %d for an import that changes nothing", before.Version, after.Version)
			}
			if _, page := c.get(h.Get("Location")); !strings.Contains(page, "未作修改，也没有生成新版本") {
				t.Errorf("the page does not say nothing changed:\n%s", snippet(page))
			}
		})
	}
}
