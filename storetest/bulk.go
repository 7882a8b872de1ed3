package storetest

import (
	"context"
	"strings"
	"testing"

	"jixiao"
)

// RunImportPlans checks the bulk import: the same plans and revisions as one ImportPlan
// each, in one transaction that stores all of them or none. open returns a new, empty,
// migrated store.
func RunImportPlans(t *testing.T, open func(t *testing.T) jixiao.Store) {
	t.Run("AsImportPlan", func(t *testing.T) { testImportPlans(t, open(t)) })
	t.Run("AllOrNothing", func(t *testing.T) { testImportPlansAllOrNothing(t, open(t)) })
}

func testImportPlans(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	first := SamplePlan("D1", "区委统战部", 2021)
	if _, err := s.ImportPlan(ctx, first, jixiao.SaveInfo{Author: "导入员"}); err != nil {
		t.Fatal(err)
	}
	again := SamplePlan("D1", "区委统战部", 2021)
	again.Duties = "批量导入的新版本"
	other := SamplePlan("D2", m["D2"].Name, 2021)
	byName := SamplePlan("", "区新设单位", 2021)
	twice := SamplePlan("D2", m["D2"].Name, 2022)
	twice2 := SamplePlan("D2", m["D2"].Name, 2022)
	twice2.Duties = "同一批中的第二版"
	batch := []*jixiao.Plan{again, other, byName, twice, twice2}
	created, err := s.ImportPlans(ctx, batch, jixiao.SaveInfo{Author: "批量"})
	must(t, err)
	if created != 3 {
		t.Errorf("created %d plans, want 3 (D2 2021, the new department's, D2 2022)", created)
	}
	for _, tc := range []struct {
		p       *jixiao.Plan
		id      int64
		version int
	}{{again, first.ID, 2}, {other, other.ID, 1}, {byName, byName.ID, 1}, {twice2, twice.ID, 2}} {
		if tc.p.ID != tc.id || tc.p.Version != tc.version {
			t.Errorf("%s %d: id %d version %d, want %d %d", tc.p.DepartmentCode, tc.p.Year, tc.p.ID, tc.p.Version, tc.id, tc.version)
		}
		got, err := s.Plan(ctx, tc.p.ID)
		must(t, err)
		diffPlan(t, "plan after the bulk import", stored(tc.p, tc.id, tc.version, jixiao.Draft), got)
		revs, err := s.Revisions(ctx, tc.p.ID)
		must(t, err)
		if len(revs) != tc.version || revs[len(revs)-1].Author != "批量" || revs[len(revs)-1].Reason != "导入" {
			t.Errorf("revisions of %s %d: %+v", tc.p.DepartmentCode, tc.p.Year, revs)
		}
	}
	if byName.DepartmentCode == "" {
		t.Errorf("the department named in the document was not created")
	}
}

func testImportPlansAllOrNothing(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	Tree(t, s)
	good := SamplePlan("D1", "区委统战部", 2022)
	bad := SamplePlan("D2", "区教育局", 1800)
	_, err := s.ImportPlans(ctx, []*jixiao.Plan{good, bad}, jixiao.SaveInfo{Author: "批量"})
	wantCode(t, err, jixiao.EINVALID)
	if msg := jixiao.ErrorMessage(err); !strings.Contains(msg, "第 2 份") {
		t.Errorf("the message %q does not name the second document", msg)
	}
	if good.ID != 0 || good.Version != 0 {
		t.Errorf("a refused batch left id %d version %d on the caller's plan", good.ID, good.Version)
	}
	list, total, err := s.Plans(ctx, jixiao.PlanFilter{})
	must(t, err)
	if total != 0 || len(list) != 0 {
		t.Errorf("a refused batch stored %d plans", total)
	}
}
