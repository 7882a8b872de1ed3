package library

import (
	"bytes"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// plan makes an approved plan of department code with one fund item holding rows
// of name → target.
func plan(code, dept string, total int64, status jixiao.Status, rows ...[2]string) *jixiao.Plan {
	p := &jixiao.Plan{Department: dept, DepartmentCode: code, Year: 2024, Status: status,
		Budget: jixiao.Budget{Total: jixiao.Int(total)}}
	item := jixiao.FundItem{Name: "业务工作经费"}
	for _, r := range rows {
		item.Indicators = append(item.Indicators, jixiao.NewIndicator("产出指标", "数量指标", r[0], r[1], ""))
	}
	p.SpecialFunds = []jixiao.SpecialFund{{Name: "专项", Items: []jixiao.FundItem{item}}}
	return p
}

func seq(plans ...*jixiao.Plan) func(func(*jixiao.Plan) bool) {
	return func(yield func(*jixiao.Plan) bool) {
		for _, p := range plans {
			if !yield(p) {
				return
			}
		}
	}
}

func learnt(t *testing.T) *Library {
	t.Helper()
	l := New()
	plans := learntPlans()
	plans = append(plans, plan("D01", "县卫生健康局", 900, jixiao.Draft, [2]string{"培训次数", "≥900次"}))
	l.Learn(seq(plans...), LearnOptions{})
	return l
}

func TestLearnGroupsAndCounts(t *testing.T) {
	l := learnt(t)
	type row struct {
		Name, Field, Unit string
		Op                jixiao.Op
		Uses, Rows        int
		Targets           Distribution
		Variants          []string
	}
	var got []row
	for _, e := range l.Entries {
		got = append(got, row{e.Name, e.Field, e.Unit, e.Op, e.Uses(), e.Stats.Rows, e.Stats.Targets, e.Stats.Variants})
	}
	want := []row{
		{"培训人次", "教育", "人次", jixiao.OpGE, 6, 6, Distribution{N: 6, Median: 90, P25: 65, P75: 115}, []string{"培训人次"}},
		{"培训次数", "教育", "次", jixiao.OpGE, 6, 6, Distribution{N: 6, Median: 9, P25: 6.5, P75: 11.5}, []string{"培训次数", "开展培训次数", "组织培训(次)"}},
		{"资金使用合规性", "教育", "%", jixiao.OpEQ, 6, 6, Distribution{N: 6, Median: 100, P25: 100, P75: 100}, []string{"资金使用合规性"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("entries (-want +got):\n%s", d)
	}
	// By the size of the unit's budget (50, 350, …, 1550 万元).
	wantSize := map[string]Distribution{"小": {N: 1, Median: 4, P25: 4, P75: 4}, "中": {N: 3, Median: 8, P25: 7, P75: 9},
		"大": {N: 2, Median: 56, P25: 34, P75: 78}}
	if d := cmp.Diff(wantSize, l.Entry("培训次数").Stats.BySize); d != "" {
		t.Errorf("by size (-want +got):\n%s", d)
	}
	// With drafts, the health bureau's plan counts too.
	l2 := New()
	lr := l2.Learn(seq(plan("D01", "县卫生健康局", 900, jixiao.Draft, [2]string{"培训次数", "≥900次"})), LearnOptions{IncludeDrafts: true})
	if lr.Plans != 1 || l2.Entry("开展培训次数").Field != "卫生健康" {
		t.Errorf("drafts: plans %d, field %q", lr.Plans, l2.Entry("开展培训次数").Field)
	}
}

func TestSuggestAndWarnings(t *testing.T) {
	l := learnt(t)
	var got []string
	for _, s := range l.Suggest(Query{Text: "培训", Department: "第二中学"}) {
		got = append(got, s.Entry.Name+" "+s.Entry.Unit+" "+s.Range)
	}
	want := []string{
		"培训人次 人次 65–115人次（中位数 90，6 个单位）",
		"培训次数 次 6.5–11.5次（中位数 9，6 个单位）",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("suggestions (-want +got):\n%s", d)
	}
	// A variant's words find the entry too.
	if s := l.Suggest(Query{Text: "组织培训"}); len(s) != 1 || s[0].Entry.Name != "培训次数" {
		t.Errorf("variant search: %+v", s)
	}
	if s := l.Suggest(Query{Text: "培训", Field: "卫生健康", OnlyField: true}); len(s) != 0 {
		t.Errorf("field filter: %+v", s)
	}

	// Learn again, the plans and a self-evaluation of E01 for 2023.
	l = New()
	lr := l.NewLearner(LearnOptions{})
	for p := range seq(learntPlans()...) {
		lr.Plan(p)
	}
	lr.SelfEvaluation("E01", &jixiao.SelfEvaluation{Year: 2023, Indicators: []jixiao.IndicatorOutcome{
		{Indicator: jixiao.NewIndicator("产出指标", "数量指标", "开展培训次数", "≥6次", ""), Actual: jixiao.ParseTarget("12次")},
		{Indicator: jixiao.NewIndicator("产出指标", "数量指标", "培训人次", "≥60人次", ""), Actual: jixiao.ParseTarget("50人次")},
	}})
	lr.Apply(l)

	var msgs []string
	for _, w := range l.Check("E01", "组织培训（次）", jixiao.ParseTarget("≥10次")) {
		msgs = append(msgs, w.Message)
	}
	for _, w := range l.Check("E02", "培训次数", jixiao.ParseTarget("≥60次")) {
		msgs = append(msgs, w.Message)
	}
	for _, w := range l.Check("E02", "培训次数", jixiao.ParseTarget("≥10次")) {
		msgs = append(msgs, w.Message)
	}
	wantMsgs := []string{
		"“组织培训（次）”的指标值 10次 低于2023年的实际完成值 12次。",
		"“培训次数”的指标值 60次 远离同类单位的常见范围 6.5–11.5次（中位数 9，6 个指标值）。",
	}
	if d := cmp.Diff(wantMsgs, msgs); d != "" {
		t.Errorf("warnings (-want +got):\n%s", d)
	}
	if e := l.Entry("培训人次"); e.Stats.Evaluated != 1 || e.Stats.Failed != 1 {
		t.Errorf("培训人次 evaluated %d failed %d", e.Stats.Evaluated, e.Stats.Failed)
	}
	if got := names(l.MostFailed(5)); !cmp.Equal(got, []string{"培训人次"}) {
		t.Errorf("most failed: %v", got)
	}
	if got := names(l.Boilerplate(5, 0.9)); !cmp.Equal(got, []string{"资金使用合规性"}) {
		t.Errorf("boilerplate: %v", got)
	}
	wf := l.WeakFields()
	if d := cmp.Diff([]FieldQuality{{Field: "教育", Rows: 18, Quantitative: 18, Hundred: 6, Weak: 6.0 / 18}}, wf); d != "" {
		t.Errorf("weak fields (-want +got):\n%s", d)
	}
}

func learntPlans() []*jixiao.Plan {
	var plans []*jixiao.Plan
	for i, n := range []string{"4", "6", "8", "10", "12", "100"} {
		name := []string{"培训次数", "开展培训次数", "组织培训(次)"}[i%3]
		plans = append(plans, plan(fmt.Sprintf("E%02d", i), fmt.Sprintf("第%d中学", i), int64(50+i*300), jixiao.Approved,
			[2]string{name, "≥" + n + "次"}, [2]string{"培训人次", "≥" + n + "0人次"}, [2]string{"资金使用合规性", "100%"}))
	}
	return plans
}

func names(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestSaveLoad(t *testing.T) {
	l := learnt(t)
	var b bytes.Buffer
	if err := l.Save(&b); err != nil {
		t.Fatal(err)
	}
	l2, err := Load(&b)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(l.Entries, l2.Entries); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if e := l2.Entry("组织培训（次）"); e == nil || e.Name != "培训次数" {
		t.Errorf("lookup after load: %+v", e)
	}
}

// TestCheckSized: a target usual for large units is far outside the range of small ones.
func TestCheckSized(t *testing.T) {
	var plans []*jixiao.Plan
	for i, n := range []string{"2", "2", "3", "3", "4", "40", "45", "50", "55", "60"} {
		total := int64(50) // 小
		if i >= 5 {
			total = 5000 // 大
		}
		plans = append(plans, plan(fmt.Sprintf("S%02d", i), "卫生院", total, jixiao.Published, [2]string{"培训次数", "≥" + n + "次"}))
	}
	l := New()
	l.Learn(seq(plans...), LearnOptions{})
	var got []string
	for _, size := range []string{"", "小", "大"} {
		for _, w := range l.CheckSized("S00", size, "培训次数", jixiao.ParseTarget("≥20次")) {
			got = append(got, size+"："+w.Message)
		}
	}
	want := []string{"小：“培训次数”的指标值 20次 远离同规模（小）单位的常见范围 2–3次（中位数 3，5 个指标值）。",
		"大：“培训次数”的指标值 20次 远离同规模（大）单位的常见范围 45–55次（中位数 50，5 个指标值）。"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("warnings (-want +got):\n%s", d)
	}
}

// TestAddBureauOverLearnt: the bureau's wording of a learnt indicator replaces the
// learnt one, and the statistics stay.
func TestAddBureauOverLearnt(t *testing.T) {
	l := learnt(t)
	got := l.Add(&Entry{Level1: "产出指标", Level2: "数量指标", Name: "组织培训（次）", Unit: "次", Op: jixiao.OpGE,
		Explanation: "年度内组织的培训班次数", Source: SourceBureau})
	want := &Entry{Key: l.Normalizer().Key("培训次数"), Level1: "产出指标", Level2: "数量指标", Name: "组织培训（次）", Field: "教育",
		Unit: "次", Op: jixiao.OpGE, Explanation: "年度内组织的培训班次数", Source: SourceBureau, Stats: got.Stats}
	if d := cmp.Diff(want, got); d != "" || got.Stats == nil || len(l.Entries) != 3 {
		t.Errorf("merged entry (-want +got):\n%s (entries %d)", d, len(l.Entries))
	}
}

// TestSuggestConcurrent: suggestions from many goroutines at once (run with -race).
func TestSuggestConcurrent(t *testing.T) {
	l := learnt(t)
	done := make(chan int)
	for range 8 {
		go func() { done <- len(l.Suggest(Query{Text: "培训"})) }()
	}
	for range 8 {
		if n := <-done; n != 2 {
			t.Errorf("got %d suggestions, want 2", n)
		}
	}
}

// TestAliases: the finance bureau names other wordings of an entry (其他写法) that the
// normaliser does not group (高血压管理人群血压控制率 and 管理人群血压控制率: the programme's
// population written out or not). Learning counts both under the entry, the learnt entry
// of the other wording goes, suggestions find the entry by the other wording, and the
// warnings read its range under either name. An alias that is another bureau entry's own
// name stays that entry's.
func TestAliases(t *testing.T) {
	l := New()
	l.Add(&Entry{Name: "管理人群血压控制率", Unit: "%", Op: jixiao.OpGE, Source: SourceBureau})
	other := l.Add(&Entry{Name: "规范管理率", Source: SourceBureau})
	var plans []*jixiao.Plan
	for i, v := range []string{"60%", "62%", "58%", "61%", "59%", "63%"} {
		name := "管理人群血压控制率"
		if i%2 == 1 {
			name = "高血压管理人群血压控制率"
		}
		plans = append(plans, plan(fmt.Sprintf("C%02d", i), "县卫生健康局", 300, jixiao.Approved, [2]string{name, "≥" + v}))
	}
	l.Learn(seq(plans...), LearnOptions{})
	if got := names(l.Entries); !cmp.Equal(got, []string{"管理人群血压控制率", "高血压管理人群血压控制率", "规范管理率"}) {
		t.Fatalf("before the alias: %v", got)
	}

	e := l.Entry("管理人群血压控制率")
	if owner := l.AliasOwner(e, "规范化管理率"); owner != other {
		t.Errorf("AliasOwner(规范化管理率) = %v, want the bureau's 规范管理率", owner)
	}
	if owner := l.AliasOwner(e, "高血压管理人群血压控制率"); owner != nil {
		t.Errorf("AliasOwner of a learnt entry's name = %v, want nil", owner)
	}
	e.Aliases = []string{"高血压管理人群血压控制率", "规范化管理率"}
	l.Add(&Entry{Name: e.Name, Source: SourceBureau, Aliases: e.Aliases}) // as FromSnapshot and Add link them
	l.Learn(seq(plans...), LearnOptions{})
	if got := names(l.Entries); !cmp.Equal(got, []string{"管理人群血压控制率", "规范管理率"}) {
		t.Errorf("after the alias: %v, want the learnt 高血压… gone", got)
	}
	if e.Uses() != 6 || e.Stats.Targets.Median != 60.5 {
		t.Errorf("uses %d, median %v: want 6 and 60.5", e.Uses(), e.Stats.Targets.Median)
	}
	if l.Entry("高血压管理人群血压控制率") != e || l.Entry("规范化管理率") != other {
		t.Errorf("Entry by the alias: %v; by another bureau entry's name: %v", l.Entry("高血压管理人群血压控制率"), l.Entry("规范化管理率"))
	}
	if s := l.Suggest(Query{Text: "高血压管理"}); len(s) != 1 || s[0].Entry != e {
		t.Errorf("suggest 高血压管理: %v", s)
	}
	w := l.Check("C99", "高血压管理人群血压控制率", jixiao.Target{Kind: jixiao.TargetNumeric, Value: jixiao.Int(20), Unit: "%", Op: jixiao.OpGE})
	if len(w) != 1 || w[0].Kind != WarnRange {
		t.Errorf("warning under the alias: %+v", w)
	}
}

// TestSimilar: the learnt entries proposed as other wordings of an entry are those whose
// normal form holds the entry's in order with a few more characters, or shares nearly
// all its characters, ending alike; never a standard or bureau entry, never one already
// named among the entry's aliases, never another measure (人次 for 次数).
func TestSimilar(t *testing.T) {
	l := New()
	var plans []*jixiao.Plan
	for i, name := range []string{"管理人群血压控制率", "管理人群血压控制率", "高血压管理人群血压控制率", "高血压患者管理人群血压控制率",
		"管理人群血压控制人次", "辖区群众血压知晓率", "血压控制率"} {
		plans = append(plans, plan(fmt.Sprintf("S%02d", i), "县卫生健康局", 300, jixiao.Approved, [2]string{name, "≥60%"}))
	}
	l.Learn(seq(plans...), LearnOptions{})
	l.Add(&Entry{Name: "糖尿病管理人群血压控制率", Source: SourceBureau})
	e := l.Entry("管理人群血压控制率")
	sorted := func(es []*Entry) []string {
		out := names(es)
		sort.Strings(out)
		return out
	}
	// 血压控制率 is proposed too: the bureau judges whether a table's 血压控制率 is of its managed population.
	if got := sorted(l.Similar(e, 5)); !cmp.Equal(got, []string{"血压控制率", "高血压患者管理人群血压控制率", "高血压管理人群血压控制率"}) {
		t.Errorf("similar to 管理人群血压控制率: %v", got)
	}
	e.Aliases = []string{"高血压管理人群血压控制率"}
	l.Add(&Entry{Name: e.Name, Source: SourceBureau, Aliases: e.Aliases})
	if got := sorted(l.Similar(e, 5)); !cmp.Equal(got, []string{"血压控制率", "高血压患者管理人群血压控制率"}) {
		t.Errorf("after the alias: %v", got)
	}
	if got := sorted(l.Similar(e, 1)); len(got) != 1 {
		t.Errorf("limit 1: %v", got)
	}
}
