package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/check"
)

var decimalCmp = cmp.Comparer(func(a, b jixiao.Decimal) bool { return a == b })

func planJSON(t testing.TB, p *jixiao.Plan) []byte {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDeterministic(t *testing.T) {
	opts := Options{Departments: 120, Year: 2022, Seed: 42}
	a, b := NewRegion(opts), NewRegion(opts)
	ja, _ := json.Marshal(a.Departments)
	jb, _ := json.Marshal(b.Departments)
	if !bytes.Equal(ja, jb) {
		t.Fatal("same options, different department trees")
	}
	// Plan i does not depend on the order plans are made in.
	late := planJSON(t, b.Plan(77))
	for i := 0; i < a.Len(); i++ {
		pa, pb := planJSON(t, a.Plan(i)), planJSON(t, b.Plan(i))
		if !bytes.Equal(pa, pb) {
			t.Fatalf("plan %d differs between two regions of the same options", i)
		}
		if i == 77 && !bytes.Equal(pa, late) {
			t.Fatal("plan 77 made first differs from plan 77 made in order")
		}
		if !slices.Equal(a.Mistakes(i), b.Mistakes(i)) {
			t.Fatalf("plan %d: mistakes differ", i)
		}
	}
	other := NewRegion(Options{Departments: 120, Year: 2022, Seed: 43})
	if bytes.Equal(planJSON(t, a.Plan(0)), planJSON(t, other.Plan(0))) {
		t.Error("another seed gave the same plan 0")
	}
}

func TestTree(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 1234} {
		r := NewRegion(Options{Departments: n, Seed: int64(n)})
		if r.Len() != n || len(r.Departments) != n+1 {
			t.Fatalf("n=%d: Len %d, %d departments", n, r.Len(), len(r.Departments))
		}
		root := r.Departments[0]
		if root.Kind != jixiao.KindBureau || root.ParentID != 0 || root.ID != 1 {
			t.Fatalf("n=%d: root %+v", n, root)
		}
		codes, names := map[string]bool{}, map[string]bool{}
		byID := map[int64]*jixiao.Department{}
		units := 0
		for i, d := range r.Departments {
			if d.ID != int64(i+1) {
				t.Fatalf("department %d has ID %d", i, d.ID)
			}
			if codes[d.Code] || names[d.Name] {
				t.Fatalf("duplicate code %q or name %q", d.Code, d.Name)
			}
			codes[d.Code], names[d.Name] = true, true
			if i > 0 {
				parent := byID[d.ParentID]
				if parent == nil {
					t.Fatalf("%s: parent %d not before it", d.Name, d.ParentID)
				}
				switch d.Kind {
				case jixiao.KindDepartment:
					if parent.Kind != jixiao.KindBureau {
						t.Fatalf("department %s under %s", d.Name, parent.Kind)
					}
				case jixiao.KindUnit:
					units++
					if parent.Kind != jixiao.KindDepartment || len(d.Code) <= len(parent.Code) || d.Code[:len(parent.Code)] != parent.Code {
						t.Fatalf("unit %s (%s) under %s (%s)", d.Name, d.Code, parent.Name, parent.Code)
					}
				default:
					t.Fatalf("%s: kind %q", d.Name, d.Kind)
				}
			}
			byID[d.ID] = d
		}
		if n >= 100 && (units == 0 || units > n/2) {
			t.Errorf("n=%d: %d units", n, units)
		}
	}
}

func TestPlansAddUp(t *testing.T) {
	r := NewRegion(Options{Departments: 300, Year: 2021, Seed: 7, MistakeRate: -1})
	for i, p := range r.Plans() {
		if m := r.Mistakes(i); len(m) != 0 {
			t.Fatalf("plan %d has mistakes %v at rate -1", i, m)
		}
		d := r.Department(i)
		if p.Department != d.Name || p.DepartmentCode != d.Code || p.Year != 2021 {
			t.Fatalf("plan %d: %s %s %d for %s %s", i, p.Department, p.DepartmentCode, p.Year, d.Name, d.Code)
		}
		b := p.Budget
		income := b.GeneralBudget.Add(b.GovFund).Add(b.OtherFunds)
		spending := b.Basic.Add(b.Project)
		if !income.Equal(b.Total) || !spending.Equal(b.Total) {
			t.Fatalf("plan %d: total %s, income %s, spending %s", i, b.Total, income, spending)
		}
		for _, a := range []jixiao.Amount{b.Total, b.GeneralBudget, b.GovFund, b.OtherFunds, b.Basic, b.Project} {
			if a.Places() > 4 {
				t.Fatalf("plan %d: amount %s has more than four decimals", i, a)
			}
		}
		var items jixiao.Amount
		nItems := 0
		if n := len(p.SpecialFunds); n < 1 || n > 3 {
			t.Fatalf("plan %d: %d funds", i, n)
		}
		for _, f := range p.SpecialFunds {
			var sum jixiao.Amount
			for _, it := range f.Items {
				nItems++
				sum = sum.Add(it.Amount)
				if !it.Amount.Equal(it.Summary.Amount) || it.PeriodGoal != it.Summary.PeriodGoal || it.AnnualGoal != it.Summary.AnnualGoal {
					t.Fatalf("plan %d: item %s differs from its summary row", i, it.Name)
				}
				if !it.Period.IsSet() || it.Period.FromYear != 2021 || it.Period.ToYear != 2021 {
					t.Fatalf("plan %d: item %s period %+v", i, it.Name, it.Period)
				}
				if n := len(it.Indicators); n < 8 || n > 15 {
					t.Fatalf("plan %d: item %s has %d indicators", i, it.Name, n)
				}
			}
			if len(f.Items) == 0 || !sum.Equal(f.Amount) {
				t.Fatalf("plan %d: fund %s amount %s, items %s", i, f.Name, f.Amount, sum)
			}
			items = items.Add(sum)
		}
		if nItems < 2 || nItems > 10 {
			t.Fatalf("plan %d: %d items", i, nItems)
		}
		if !items.Equal(b.Project) || !items.Equal(p.FundsTotal) {
			t.Fatalf("plan %d: project %s, funds total %s, items %s", i, b.Project, p.FundsTotal, items)
		}
		if n := len(p.KeyTasks); n < 4 || n > 8 {
			t.Fatalf("plan %d: %d key tasks", i, n)
		}
		if n := len(p.Indicators); n < 10 || n > 20 {
			t.Fatalf("plan %d: %d department indicators", i, n)
		}
		if p.Duties == "" || !utf8.ValidString(p.Duties) {
			t.Fatalf("plan %d: duties %q", i, p.Duties)
		}
	}
}

// TestTargetsRoundTrip checks that every rendered target reads back, through the parser,
// as what the generator meant, and that the plans use all forms.
func TestTargetsRoundTrip(t *testing.T) {
	r := NewRegion(Options{Departments: 400, Year: 2022, Seed: 3})
	kinds := map[jixiao.TargetKind]int{}
	ops := map[jixiao.Op]int{}
	implied, serial := 0, 0
	for i := 0; i < r.Len(); i++ {
		g := r.generator(i, true)
		g.plan()
		for _, in := range g.intents {
			if diff := cmp.Diff(in.want, in.got, decimalCmp); diff != "" {
				t.Fatalf("plan %d, %s: target %q mismatch (-want +got):\n%s", i, in.where, in.want.Text, diff)
			}
			kinds[in.got.Kind]++
			ops[in.got.Op]++
			if in.got.OpImplied {
				implied++
			}
			if in.got.Deadline != nil && in.got.Deadline.Text != in.got.Text {
				serial++
			}
		}
	}
	for _, k := range []jixiao.TargetKind{jixiao.TargetNumeric, jixiao.TargetQualitative, jixiao.TargetNotApplicable, jixiao.TargetPeriod, jixiao.TargetCompound} {
		if kinds[k] == 0 {
			t.Errorf("no %s targets in 400 plans", k)
		}
	}
	for _, op := range []jixiao.Op{jixiao.OpNone, jixiao.OpGE, jixiao.OpLE, jixiao.OpGT} {
		if ops[op] == 0 {
			t.Errorf("no targets with op %q", op)
		}
	}
	if implied == 0 || serial == 0 {
		t.Errorf("%d implied ≥, %d Excel serial dates", implied, serial)
	}
}

func TestMistakeShare(t *testing.T) {
	r := NewRegion(Options{Departments: 4000, Seed: 11})
	count := map[Mistake]int{}
	clean := 0
	for i := 0; i < r.Len(); i++ {
		m := r.Mistakes(i)
		if len(m) == 0 {
			clean++
		}
		for _, k := range m {
			count[k]++
		}
	}
	for _, k := range AllMistakes {
		if share := float64(count[k]) / float64(r.Len()); share < 0.035 || share > 0.065 {
			t.Errorf("%s in %.1f%% of plans, want about 5%%", k, 100*share)
		}
		if k.Rule() == "" {
			t.Errorf("%s has no rule", k)
		}
	}
	if clean < r.Len()/2 {
		t.Errorf("only %d of %d plans without mistakes", clean, r.Len())
	}
	none := NewRegion(Options{Departments: 50, Seed: 11, MistakeRate: -1})
	for i := 0; i < none.Len(); i++ {
		if len(none.Mistakes(i)) != 0 {
			t.Fatal("mistakes at a negative rate")
		}
	}
}

// TestChecksFindMistakes runs the checks over generated plans: every planted mistake is
// found by its rule, and plans without mistakes have no errors.
func TestChecksFindMistakes(t *testing.T) {
	r := NewRegion(Options{Departments: 600, Year: 2021, Seed: 5, MistakeRate: 0.08})
	found := map[Mistake]int{}
	for i := 0; i < r.Len(); i++ {
		p, mistakes := r.Generate(i)
		rep := check.Check(p, check.Options{})
		rules := map[string]bool{}
		for _, f := range rep.Findings {
			rules[f.Rule] = true
		}
		for _, m := range mistakes {
			if !rules[m.Rule()] {
				t.Errorf("plan %d (%s): mistake %s not found by %s; findings: %v", i, p.Department, m, m.Rule(), summary(rep))
				continue
			}
			found[m]++
		}
		if len(mistakes) == 0 && rep.HasErrors() {
			t.Errorf("plan %d (%s) has no planted mistake but errors: %v", i, p.Department, summary(rep))
		}
	}
	for _, m := range AllMistakes {
		if found[m] == 0 {
			t.Errorf("mistake %s never planted in 600 plans", m)
		}
	}
}

func summary(rep *check.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Severity == check.Error || f.Severity == check.Warning {
			out = append(out, fmt.Sprintf("%s %s %s", f.Severity, f.Rule, f.Message))
		}
	}
	return out
}

func TestHelpers(t *testing.T) {
	if got := excelSerial(2022, 12, 31); got != 44926 {
		t.Errorf("excelSerial(2022-12-31) = %d, want 44926", got)
	}
	if got := withThousands(44926); got != "44,926" {
		t.Errorf("withThousands = %q", got)
	}
	if got := withThousands(999); got != "999" {
		t.Errorf("withThousands(999) = %q", got)
	}
	for n, want := range map[int]string{1: "一", 10: "十", 12: "十二", 20: "二十", 23: "二十三"} {
		if got := chineseNumber(n); got != want {
			t.Errorf("chineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
	if got := dec(167_010_400).String(); got != "167.0104" {
		t.Errorf("dec = %q", got)
	}
	if got := dec(30_000_000).String(); got != "30" {
		t.Errorf("dec = %q", got)
	}
}

func BenchmarkPlan(b *testing.B) {
	r := NewRegion(Options{Departments: 1000, Seed: 1})
	b.ReportAllocs()
	i := 0
	indicators := 0
	for b.Loop() {
		p := r.Plan(i % r.Len())
		indicators += p.IndicatorCount()
		i++
	}
	b.ReportMetric(float64(indicators)/float64(i), "indicators/plan")
}
