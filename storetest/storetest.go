package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// ExactDecimal compares decimals by value, places and whether they are set, where
// Decimal.Equal compares values only: 10.00 and 10 are different cells.
var ExactDecimal = cmp.Comparer(func(a, b jixiao.Decimal) bool {
	return a.IsSet() == b.IsSet() && a.Micros() == b.Micros() && a.Places() == b.Places()
})

// Versioned is what a store tells about its schema.
type Versioned interface {
	SchemaVersion(ctx context.Context) (int, error)
	LatestSchemaVersion() int
}

// Run runs the conformance suite. open returns a new, empty, migrated store for one
// subtest; it registers its own cleanup.
func Run(t *testing.T, open func(t *testing.T) jixiao.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s jixiao.Store)
	}{
		{"Departments", testDepartments},
		{"PlanRoundTrip", testPlanRoundTrip},
		{"StaleSave", testStaleSave},
		{"ImportTwice", testImportTwice},
		{"FailingImport", testFailingImport},
		{"Revisions", testRevisions},
		{"PlansFilter", testPlansFilter},
		{"PlansAfter", testPlansAfter},
		{"EachPlan", testEachPlan},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Tokens", testTokens},
		{"Migrations", testMigrations},
		{"ConcurrentWriters", testConcurrentWriters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := jixiao.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	if msg := jixiao.ErrorMessage(err); !hasHan(msg) {
		t.Errorf("message %q is not a Chinese sentence", msg)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Tree creates 财政局 B → departments D1, D2 → units D1-U1, D1-U2, and returns them by code.
func Tree(t *testing.T, s jixiao.DepartmentService) map[string]*jixiao.Department {
	t.Helper()
	ctx := context.Background()
	m := map[string]*jixiao.Department{}
	add := func(code, name, parent string, kind jixiao.DepartmentKind) {
		d := &jixiao.Department{Code: code, Name: name, Kind: kind}
		if parent != "" {
			d.ParentID = m[parent].ID
		}
		must(t, s.CreateDepartment(ctx, d))
		if d.ID == 0 {
			t.Fatalf("CreateDepartment(%s) set no ID", code)
		}
		m[code] = d
	}
	add("B", "石峰区财政局", "", jixiao.KindBureau)
	add("D2", "区教育局", "B", jixiao.KindDepartment)
	add("D1", "区委统战部", "B", jixiao.KindDepartment)
	add("D1-U2", "区侨联", "D1", jixiao.KindUnit)
	add("D1-U1", "区工商联", "D1", jixiao.KindUnit)
	return m
}

func codes(ds []*jixiao.Department) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

func testDepartments(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	all, err := s.Departments(ctx, 0)
	must(t, err)
	if diff := cmp.Diff([]string{"B", "D1", "D1-U1", "D1-U2", "D2"}, codes(all)); diff != "" {
		t.Errorf("Departments(0) mismatch (-want +got):\n%s", diff)
	}
	sub, err := s.Departments(ctx, m["D1"].ID)
	must(t, err)
	if diff := cmp.Diff([]string{"D1", "D1-U1", "D1-U2"}, codes(sub)); diff != "" {
		t.Errorf("Departments(D1) mismatch (-want +got):\n%s", diff)
	}
	got, err := s.DepartmentByCode(ctx, "D1-U1")
	must(t, err)
	if diff := cmp.Diff(m["D1-U1"], got); diff != "" {
		t.Errorf("DepartmentByCode mismatch (-want +got):\n%s", diff)
	}
	got, err = s.Department(ctx, m["D2"].ID)
	must(t, err)
	if diff := cmp.Diff(m["D2"], got); diff != "" {
		t.Errorf("Department mismatch (-want +got):\n%s", diff)
	}

	err = s.CreateDepartment(ctx, &jixiao.Department{Code: "D1", Name: "重复", ParentID: m["B"].ID})
	wantCode(t, err, jixiao.EINVALID)
	err = s.CreateDepartment(ctx, &jixiao.Department{Code: "X", Name: "无上级", ParentID: 999999})
	wantCode(t, err, jixiao.EINVALID)
	_, err = s.DepartmentByCode(ctx, "nope")
	wantCode(t, err, jixiao.ENOTFOUND)
	_, err = s.Department(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)

	// Moving D1 under D2 moves its units with it.
	d1 := *m["D1"]
	d1.ParentID, d1.Name = m["D2"].ID, "区委统战部（新）"
	must(t, s.UpdateDepartment(ctx, &d1))
	sub, err = s.Departments(ctx, m["D2"].ID)
	must(t, err)
	if diff := cmp.Diff([]string{"D2", "D1", "D1-U1", "D1-U2"}, codes(sub)); diff != "" {
		t.Errorf("subtree after move mismatch (-want +got):\n%s", diff)
	}
	// A department cannot move under its own subtree.
	d2 := *m["D2"]
	d2.ParentID = m["D1-U1"].ID
	wantCode(t, s.UpdateDepartment(ctx, &d2), jixiao.EINVALID)
	// Nor take another's code.
	u := *m["D1-U2"]
	u.Code = "D1-U1"
	wantCode(t, s.UpdateDepartment(ctx, &u), jixiao.EINVALID)
	got, err = s.DepartmentByCode(ctx, "D1-U2")
	must(t, err)
	if diff := cmp.Diff(m["D1-U2"], got); diff != "" {
		t.Errorf("refused update changed the department (-want +got):\n%s", diff)
	}
}

// stored returns what a store must give back for plan p saved as id at version.
func stored(p *jixiao.Plan, id int64, version int, status jixiao.Status) *jixiao.Plan {
	q := *p
	q.ID, q.Version, q.Status = id, version, status
	return &q
}

func diffPlan(t *testing.T, what string, want, got *jixiao.Plan) {
	t.Helper()
	if diff := cmp.Diff(want, got, ExactDecimal); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, diff)
	}
}

func testPlanRoundTrip(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	p := SamplePlan("D1", "区委统战部", 2021)
	must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "张三", Reason: "新建"}))
	if p.ID == 0 || p.Version != 1 || p.Status != jixiao.Draft {
		t.Fatalf("after CreatePlan: id %d version %d status %q, want an id, 1, draft", p.ID, p.Version, p.Status)
	}
	want := stored(SamplePlan("D1", "区委统战部", 2021), p.ID, 1, jixiao.Draft)
	got, err := s.Plan(ctx, p.ID)
	must(t, err)
	diffPlan(t, "Plan after create", want, got)
	got, err = s.PlanByDepartmentYear(ctx, m["D1"].ID, 2021)
	must(t, err)
	diffPlan(t, "PlanByDepartmentYear", want, got)

	// Update: change money (places matter), an indicator, add a fund item.
	got.Budget.Basic = jixiao.MustDecimal("137.0104")
	got.Budget.OtherFunds = jixiao.MustDecimal("0.00")
	got.Indicators[1] = jixiao.NewIndicator("产出指标", "产出质量", "工作完成率", "≥98%", "改")
	got.SpecialFunds[0].Items = append(got.SpecialFunds[0].Items, jixiao.FundItem{Name: "新增子项", Amount: jixiao.MustDecimal("1.5")})
	got.Status = jixiao.Submitted
	must(t, s.UpdatePlan(ctx, got, jixiao.SaveInfo{Author: "李四", Reason: "修改"}))
	if got.Version != 2 {
		t.Fatalf("version after update = %d, want 2", got.Version)
	}
	again, err := s.Plan(ctx, p.ID)
	must(t, err)
	diffPlan(t, "Plan after update", got, again)

	// One plan per department and year.
	dup := SamplePlan("D1", "区委统战部", 2021)
	wantCode(t, s.CreatePlan(ctx, dup, jixiao.SaveInfo{Author: "王五"}), jixiao.ECONFLICT)
	if dup.ID != 0 || dup.Version != 0 {
		t.Errorf("refused CreatePlan changed the plan: id %d version %d", dup.ID, dup.Version)
	}
	wantCode(t, s.CreatePlan(ctx, SamplePlan("NOPE", "无此单位", 2021), jixiao.SaveInfo{}), jixiao.EINVALID)
	_, err = s.Plan(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
	_, err = s.PlanByDepartmentYear(ctx, m["D1"].ID, 1999)
	wantCode(t, err, jixiao.ENOTFOUND)
	missing := SamplePlan("D1", "区委统战部", 2021)
	missing.ID, missing.Version = 999999, 1
	wantCode(t, s.UpdatePlan(ctx, missing, jixiao.SaveInfo{}), jixiao.ENOTFOUND)
	// The department and year of a plan are fixed.
	moved := *again
	moved.Year = 2022
	wantCode(t, s.UpdatePlan(ctx, &moved, jixiao.SaveInfo{}), jixiao.EINVALID)
}

func testStaleSave(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	Tree(t, s)
	p := SamplePlan("D1", "区委统战部", 2021)
	must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "张三"}))
	a, err := s.Plan(ctx, p.ID)
	must(t, err)
	b, err := s.Plan(ctx, p.ID)
	must(t, err)
	a.Duties = "甲的修改"
	must(t, s.UpdatePlan(ctx, a, jixiao.SaveInfo{Author: "甲"}))
	b.Duties = "乙的修改"
	err = s.UpdatePlan(ctx, b, jixiao.SaveInfo{Author: "乙"})
	wantCode(t, err, jixiao.ECONFLICT)
	if b.Version != 1 {
		t.Errorf("refused save changed the caller's version to %d", b.Version)
	}
	got, err := s.Plan(ctx, p.ID)
	must(t, err)
	diffPlan(t, "plan after a stale save", a, got)
	revs, err := s.Revisions(ctx, p.ID)
	must(t, err)
	if len(revs) != 2 {
		t.Errorf("%d revisions after a refused save, want 2", len(revs))
	}
	// A version from the future is stale too.
	a.Version = 7
	wantCode(t, s.UpdatePlan(ctx, a, jixiao.SaveInfo{Author: "甲"}), jixiao.ECONFLICT)
}

func testImportTwice(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	// No code: found by its exact name.
	p := SamplePlan("", "区委统战部", 2021)
	created, err := s.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "导入员"})
	must(t, err)
	if !created || p.DepartmentCode != "D1" || p.Version != 1 {
		t.Fatalf("first import: created %v code %q version %d, want true D1 1", created, p.DepartmentCode, p.Version)
	}
	q := SamplePlan("D1", "区委统战部", 2021)
	q.Duties = "第二次导入"
	created, err = s.ImportPlan(ctx, q, jixiao.SaveInfo{Author: "导入员"})
	must(t, err)
	if created || q.ID != p.ID || q.Version != 2 {
		t.Fatalf("second import: created %v id %d version %d, want false %d 2", created, q.ID, q.Version, p.ID)
	}
	list, total, err := s.Plans(ctx, jixiao.PlanFilter{})
	must(t, err)
	if total != 1 || len(list) != 1 || list[0].Revisions != 2 || list[0].Version != 2 {
		t.Fatalf("after two imports: %d plans (total %d) %+v, want one plan with two revisions", len(list), total, list)
	}
	revs, err := s.Revisions(ctx, p.ID)
	must(t, err)
	if len(revs) != 2 || revs[0].Reason == "" || revs[1].Author != "导入员" {
		t.Errorf("revisions = %+v", revs)
	}
	got, err := s.Plan(ctx, p.ID)
	must(t, err)
	diffPlan(t, "plan after second import", stored(q, p.ID, 2, jixiao.Draft), got)

	// An unknown department is created under the root, and found again next time.
	n := SamplePlan("", "区新设单位", 2021)
	created, err = s.ImportPlan(ctx, n, jixiao.SaveInfo{Author: "导入员"})
	must(t, err)
	if !created || n.DepartmentCode == "" {
		t.Fatalf("import of a new department: created %v code %q", created, n.DepartmentCode)
	}
	d, err := s.DepartmentByCode(ctx, n.DepartmentCode)
	must(t, err)
	if d.ParentID != m["B"].ID || d.Name != "区新设单位" {
		t.Errorf("new department %+v, want %q under the bureau %d", d, "区新设单位", m["B"].ID)
	}
	n2 := SamplePlan("", "区新设单位", 2021)
	created, err = s.ImportPlan(ctx, n2, jixiao.SaveInfo{Author: "导入员"})
	must(t, err)
	if created || n2.ID != n.ID {
		t.Errorf("re-import of the new department created another plan (%d, was %d)", n2.ID, n.ID)
	}
	// A code that is not in the tree yet creates the department with that code.
	c := SamplePlan("NEW-7", "区统计局", 2022)
	_, err = s.ImportPlan(ctx, c, jixiao.SaveInfo{})
	must(t, err)
	if _, err := s.DepartmentByCode(ctx, "NEW-7"); err != nil {
		t.Errorf("department NEW-7 not created: %v", err)
	}
}

// snapshot is everything a store shows, to tell that a failed operation changed nothing.
type snapshot struct {
	Departments []*jixiao.Department
	Plans       []jixiao.PlanSummary
	Docs        []*jixiao.Plan
}

// Snapshot reads every department and every plan.
func Snapshot(t *testing.T, s jixiao.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var sn snapshot
	var err error
	sn.Departments, err = s.Departments(ctx, 0)
	must(t, err)
	sn.Plans, _, err = s.Plans(ctx, jixiao.PlanFilter{})
	must(t, err)
	for _, p := range sn.Plans {
		doc, err := s.Plan(ctx, p.ID)
		must(t, err)
		sn.Docs = append(sn.Docs, doc)
	}
	return sn
}

func testFailingImport(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	Tree(t, s)
	p := SamplePlan("D1", "区委统战部", 2021)
	_, err := s.ImportPlan(ctx, p, jixiao.SaveInfo{})
	must(t, err)
	before := Snapshot(t, s)
	// A new department would be created first, then the plan is refused: the department
	// must go too.
	bad := SamplePlan("", "区新单位", 0)
	_, err = s.ImportPlan(ctx, bad, jixiao.SaveInfo{})
	wantCode(t, err, jixiao.EINVALID)
	if bad.ID != 0 || bad.Version != 0 || bad.DepartmentCode != "" {
		t.Errorf("failed import changed the plan: id %d version %d code %q", bad.ID, bad.Version, bad.DepartmentCode)
	}
	// A plan without any department name or code.
	_, err = s.ImportPlan(ctx, &jixiao.Plan{Year: 2021}, jixiao.SaveInfo{})
	wantCode(t, err, jixiao.EINVALID)
	// A cancelled import of a new revision.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.ImportPlan(cctx, SamplePlan("D1", "区委统战部", 2021), jixiao.SaveInfo{})
	if err == nil {
		t.Error("import with a cancelled context succeeded")
	}
	after := Snapshot(t, s)
	if diff := cmp.Diff(before, after, ExactDecimal); diff != "" {
		t.Errorf("failed imports changed the store (-before +after):\n%s", diff)
	}
}

func testRevisions(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	Tree(t, s)
	start := time.Now().Add(-time.Second)
	p := SamplePlan("D1", "区委统战部", 2021)
	must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "张三", Reason: "新建"}))
	v1 := stored(SamplePlan("D1", "区委统战部", 2021), p.ID, 1, jixiao.Draft)
	var versions []*jixiao.Plan
	versions = append(versions, v1)
	cur := p
	for i := 2; i <= 4; i++ {
		next := *cur
		next.Duties = fmt.Sprintf("第%d版职责", i)
		next.Budget.Basic = jixiao.NewDecimal(int64(1370104+i), 4)
		next.Indicators = slices.Clone(cur.Indicators)[:len(cur.Indicators)-1]
		must(t, s.UpdatePlan(ctx, &next, jixiao.SaveInfo{Author: fmt.Sprintf("作者%d", i), Reason: fmt.Sprintf("原因%d", i)}))
		snap := next
		versions = append(versions, &snap)
		cur = &next
	}
	end := time.Now().Add(time.Second)
	revs, err := s.Revisions(ctx, p.ID)
	must(t, err)
	if len(revs) != 4 {
		t.Fatalf("%d revisions, want 4", len(revs))
	}
	for i, r := range revs {
		want := jixiao.Revision{PlanID: p.ID, Version: i + 1, Author: fmt.Sprintf("作者%d", i+1), Reason: fmt.Sprintf("原因%d", i+1)}
		if i == 0 {
			want.Author, want.Reason = "张三", "新建"
		}
		if r.Created.Before(start) || r.Created.After(end) || r.Created.Location() != time.UTC {
			t.Errorf("revision %d created %v, want UTC between %v and %v", i+1, r.Created, start, end)
		}
		r.Created = time.Time{}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("revision %d mismatch (-want +got):\n%s", i+1, diff)
		}
	}
	for i, want := range versions {
		got, err := s.PlanAt(ctx, p.ID, i+1)
		must(t, err)
		diffPlan(t, fmt.Sprintf("PlanAt(%d)", i+1), want, got)
	}
	_, err = s.PlanAt(ctx, p.ID, 5)
	wantCode(t, err, jixiao.ENOTFOUND)
	_, err = s.Revisions(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
}

func testPlansFilter(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	add := func(code string, year int, status jixiao.Status, saves int) int64 {
		p := SamplePlan(code, m[code].Name, year)
		p.Status = status
		must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "张三"}))
		for range saves {
			must(t, s.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "李四"}))
		}
		return p.ID
	}
	add("D1", 2021, jixiao.Draft, 0)
	add("D1", 2022, jixiao.Submitted, 2)
	add("D1-U1", 2021, jixiao.Approved, 1)
	add("D1-U2", 2021, jixiao.Draft, 0)
	add("D2", 2021, jixiao.Published, 0)
	add("B", 2022, jixiao.Draft, 0)
	type row struct {
		Code      string
		Year      int
		Status    jixiao.Status
		Version   int
		Revisions int
	}
	rows := func(ps []jixiao.PlanSummary) []row {
		var out []row
		for _, p := range ps {
			if p.DepartmentID == 0 || p.Department == "" || p.Updated.IsZero() || p.Framework != "hunan-2021" {
				t.Errorf("summary %+v lacks fields", p)
			}
			out = append(out, row{p.DepartmentCode, p.Year, p.Status, p.Version, p.Revisions})
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		f     jixiao.PlanFilter
		want  []row
		total int
	}{
		{"all", jixiao.PlanFilter{}, []row{
			{"B", 2022, jixiao.Draft, 1, 1}, {"D1", 2022, jixiao.Submitted, 3, 3},
			{"D1", 2021, jixiao.Draft, 1, 1}, {"D1-U1", 2021, jixiao.Approved, 2, 2},
			{"D1-U2", 2021, jixiao.Draft, 1, 1}, {"D2", 2021, jixiao.Published, 1, 1},
		}, 6},
		{"year", jixiao.PlanFilter{Year: 2022}, []row{{"B", 2022, jixiao.Draft, 1, 1}, {"D1", 2022, jixiao.Submitted, 3, 3}}, 2},
		{"subtree by code", jixiao.PlanFilter{Department: "D1", Year: 2021}, []row{
			{"D1", 2021, jixiao.Draft, 1, 1}, {"D1-U1", 2021, jixiao.Approved, 2, 2}, {"D1-U2", 2021, jixiao.Draft, 1, 1},
		}, 3},
		{"subtree by id", jixiao.PlanFilter{DepartmentID: m["D1-U1"].ID}, []row{{"D1-U1", 2021, jixiao.Approved, 2, 2}}, 1},
		{"status", jixiao.PlanFilter{Status: jixiao.Draft}, []row{
			{"B", 2022, jixiao.Draft, 1, 1}, {"D1", 2021, jixiao.Draft, 1, 1}, {"D1-U2", 2021, jixiao.Draft, 1, 1},
		}, 3},
		{"query name", jixiao.PlanFilter{Query: "侨联"}, []row{{"D1-U2", 2021, jixiao.Draft, 1, 1}}, 1},
		{"query code", jixiao.PlanFilter{Query: "d1-u"}, []row{{"D1-U1", 2021, jixiao.Approved, 2, 2}, {"D1-U2", 2021, jixiao.Draft, 1, 1}}, 2},
		{"query wildcard is literal", jixiao.PlanFilter{Query: "%"}, nil, 0},
		{"limit offset", jixiao.PlanFilter{Limit: 2, Offset: 1}, []row{
			{"D1", 2022, jixiao.Submitted, 3, 3}, {"D1", 2021, jixiao.Draft, 1, 1},
		}, 6},
		{"offset only", jixiao.PlanFilter{Offset: 5}, []row{{"D2", 2021, jixiao.Published, 1, 1}}, 6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Plans(ctx, tt.f)
			must(t, err)
			if diff := cmp.Diff(tt.want, rows(got)); diff != "" {
				t.Errorf("Plans(%+v) mismatch (-want +got):\n%s", tt.f, diff)
			}
			if total != tt.total {
				t.Errorf("total = %d, want %d", total, tt.total)
			}
		})
	}
	_, _, err := s.Plans(ctx, jixiao.PlanFilter{Department: "NOPE"})
	wantCode(t, err, jixiao.ENOTFOUND)
}

func testMigrations(t *testing.T, s jixiao.Store) {
	v, ok := s.(Versioned)
	if !ok {
		t.Fatalf("%T does not report its schema version", s)
	}
	got, err := v.SchemaVersion(context.Background())
	must(t, err)
	if latest := v.LatestSchemaVersion(); got != latest || latest < 1 {
		t.Errorf("schema version %d, latest %d: want every migration recorded", got, latest)
	}
}

// CheckNewerRefused checks the error of opening a database whose schema is newer than
// the binary: EINVALID with a Chinese message that says to upgrade.
func CheckNewerRefused(t *testing.T, err error) {
	t.Helper()
	wantCode(t, err, jixiao.EINVALID)
	if msg := jixiao.ErrorMessage(err); !strings.Contains(msg, "升级") {
		t.Errorf("message %q does not say to upgrade", msg)
	}
}

// testConcurrentWriters has 16 writers save the same plan at once, round after round,
// all from the version read at the start of the round: exactly one wins each version,
// the others get ECONFLICT, and every accepted change is in the final plan and history.
func testConcurrentWriters(t *testing.T, s jixiao.Store) {
	const writers, rounds = 16, 8
	ctx := context.Background()
	Tree(t, s)
	p := SamplePlan("D1", "区委统战部", 2021)
	p.KeyTasks = nil
	must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "init"}))
	var accepted []string
	for round := range rounds {
		base, err := s.Plan(ctx, p.ID)
		must(t, err)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := *base
				mine.KeyTasks = append(slices.Clone(base.KeyTasks), jixiao.KeyTask{Item: fmt.Sprintf("r%d-w%d", round, w)})
				mine.Duties = fmt.Sprintf("第%d轮由写入者%d保存", round, w)
				<-start
				errs[w] = s.UpdatePlan(ctx, &mine, jixiao.SaveInfo{Author: fmt.Sprintf("w%d", w), Reason: fmt.Sprint(round)})
			}()
		}
		close(start)
		wg.Wait()
		var winners []int
		for w, err := range errs {
			switch {
			case err == nil:
				winners = append(winners, w)
			case jixiao.ErrorCode(err) == jixiao.ECONFLICT:
			default:
				t.Fatalf("round %d writer %d: %v, want success or ECONFLICT", round, w, err)
			}
		}
		if len(winners) != 1 {
			t.Fatalf("round %d: %d writers won (%v), want exactly 1", round, len(winners), winners)
		}
		accepted = append(accepted, fmt.Sprintf("r%d-w%d", round, winners[0]))
		rev, err := s.PlanAt(ctx, p.ID, base.Version+1)
		must(t, err)
		if rev.Duties != fmt.Sprintf("第%d轮由写入者%d保存", round, winners[0]) {
			t.Errorf("round %d: version %d holds %q, not the winner's change", round, base.Version+1, rev.Duties)
		}
	}
	final, err := s.Plan(ctx, p.ID)
	must(t, err)
	if final.Version != rounds+1 {
		t.Errorf("final version %d, want %d", final.Version, rounds+1)
	}
	var items []string
	for _, k := range final.KeyTasks {
		items = append(items, k.Item)
	}
	if diff := cmp.Diff(accepted, items); diff != "" {
		t.Errorf("accepted changes in the final plan mismatch (-want +got):\n%s", diff)
	}
	revs, err := s.Revisions(ctx, p.ID)
	must(t, err)
	if len(revs) != rounds+1 {
		t.Errorf("%d revisions, want %d", len(revs), rounds+1)
	}
	if errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
}
