package e2e

import (
	"context"
	"strings"
	"testing"

	"jixiao"
)

// TestImportGivenYear: a unit uploads a province's project table that states no year (海南
// 2022's, attached to a notice that names the year): the page says so and how to give
// it, the filler types 2022 as 预算年度 and uploads again, and the plan is that year's,
// with the table's project, amount and indicator.
func TestImportGivenYear(t *testing.T) {
	bctx := browser(t)
	base, _, db := startFormsServer(t)
	a := newTab(t, bctx, "Y", base, shotsDir(t))
	a.signIn("tianbao", reviewPW)
	upload := func() int64 {
		a.t.Helper()
		return a.uploadPlan("../testdata/published/hainan-2022-project-sheng-huizhan-cut.txt")
	}
	a.open("/plans/import")
	if st := upload(); st != 422 {
		t.Fatalf("upload without a year: status %d\n%s", st, a.text("main"))
	}
	if msg := a.text(".error-box"); !strings.Contains(msg, "没有预算年度") || !strings.Contains(msg, "网页导入时填写“预算年度”") {
		t.Errorf("the refusal does not say how to give the year: %s", msg)
	}
	a.shots2("22-import-no-year")
	for _, w := range []int64{1280, 390} {
		a.viewport(w, 900)
		if n := a.overflow(); n > 0 {
			t.Errorf("at %d px the import page scrolls sideways by %d px", w, n)
		}
	}
	a.viewport(1366, 900)
	a.set("#year", "2022")
	if st := upload(); st != 200 || !strings.Contains(a.location(), "imported=1") {
		t.Fatalf("upload with 2022: status %d at %s\n%s", st, a.location(), a.text("main"))
	}
	a.shots2("23-import-year-given")
	ps, _, err := db.Plans(context.Background(), jixiao.PlanFilter{Year: 2022})
	if err != nil || len(ps) != 1 {
		t.Fatalf("plans of 2022: %v, %v", ps, err)
	}
	p, err := db.Plan(context.Background(), ps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Projects) != 1 || p.Projects[0].Amount.String() != "2430.30" || len(p.Projects[0].Indicators) != 1 {
		t.Errorf("the stored plan: %+v", p.Projects)
	}
}
