package check

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"jixiao/gen"
)

// TestNativeBuiltins: every built-in rule runs as Go closures.
func TestNativeBuiltins(t *testing.T) {
	for _, pk := range Default().Packs() {
		for _, r := range pk.Rules {
			if r.native == nil {
				t.Errorf("rule %s (%s) is not compiled natively", r.ID, r.Assert)
			}
		}
	}
}

// TestNativeFields holds the accessors to the expr tags of the environments.
func TestNativeFields(t *testing.T) {
	tables := map[string]map[string]any{
		"amount": amountFields, "table": tableFields, "item": itemFields, "indicator": indicatorFields, "plan": planFields,
	}
	for scope, fields := range tables {
		typ := reflect.TypeOf(scopeEnvs[scope]).Elem()
		n := 0
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := f.Tag.Get("expr")
			if tag == "" || f.Type.Kind() == reflect.Struct {
				continue
			}
			n++
			acc, ok := fields[tag]
			if !ok {
				t.Errorf("%s: no accessor for %s", scope, tag)
				continue
			}
			env := reflect.New(typ)
			var want any
			switch f.Type.Kind() {
			case reflect.String:
				env.Elem().Field(i).SetString("x")
				want = "x"
			case reflect.Bool:
				env.Elem().Field(i).SetBool(true)
				want = true
			case reflect.Int, reflect.Int64:
				env.Elem().Field(i).SetInt(7)
				want = int64(7)
			default:
				t.Fatalf("%s.%s: kind %s", scope, tag, f.Type.Kind())
			}
			got := reflect.ValueOf(acc).Call([]reflect.Value{env})[0].Interface()
			if got != want {
				t.Errorf("%s.%s: accessor reads %v, want %v", scope, tag, got, want)
			}
		}
		if n != len(fields) {
			t.Errorf("%s: %d accessors for %d fields", scope, len(fields), n)
		}
	}
}

// TestNative holds the compiled closures to the expression machine, on random
// environments, for the built-in rules and expressions that use every operator the
// compiler takes; and checks that what it does not take is left to the machine.
func TestNative(t *testing.T) {
	cases := []struct {
		scope, assert string
		native        bool
	}{
		{"amount", "!set || places <= 4", true},
		{"amount", "not set or places < 3 and micros >= -2", true},
		{"amount", "label == '资金总额' && micros != 0 || item == set", true},
		{"amount", "label < 'b' || label >= '项目' || label > label", true},
		{"amount", "micros > places && true != false", true},
		{"item", "!set || micros > 0", true},
		{"item", "table.indicators == 0 || table.hasCost", true},
		{"item", "table.name != name || table.quantitative <= year - 2020", false},
		{"item", "table.name != name || table.quantitative <= fromYear", true},
		{"item", "periodSet && fromYear <= year && toYear >= year", true},
		{"item", "table == table", false},
		{"table", "indicators == 0 || quantitative >= 3", true},
		{"table", "department || hasQuantity && hasQuality && hasTimeliness && (hasCost || hasEffect) && hasSatisfaction", true},
		{"indicator", "category != 'satisfaction' || quantitative", true},
		{"indicator", "kind == 'numeric' && op in ['≥', '>'] || department", false},
		{"indicator", "nameLength <= 30 && level1 != level2 && unit != '元' && micros < 1000000000", true},
		{"indicator", "len(name) < 30", false},
		{"plan", "dutiesLength > 0", true},
		{"plan", "keyTasks > 0 && items <= indicators && total >= basic + project", false},
		{"plan", "keyTasks > 0 && items <= indicators && total >= basic && department != framework && year == 2021", true},
	}
	rng := rand.New(rand.NewPCG(7, 8))
	strs := []string{"", "a", "b", "x", "资金总额", "项目", "satisfaction", "quantity", "numeric", "元", "≥"}
	ints := []int64{0, 1, -1, 2, 3, 4, 5, 7, 30, 31, 2020, 2021, 2022, 1_000_000_000, -3, math.MaxInt32}
	fill := func(v reflect.Value) {
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !f.CanSet() {
				continue
			}
			switch f.Kind() {
			case reflect.String:
				f.SetString(strs[rng.IntN(len(strs))])
			case reflect.Bool:
				f.SetBool(rng.IntN(2) == 0)
			case reflect.Int, reflect.Int64:
				f.SetInt(ints[rng.IntN(len(ints))])
			}
		}
	}
	var machine vm.VM
	for _, c := range cases {
		env := scopeEnvs[c.scope]
		p, err := expr.Compile(c.assert, expr.Env(env), expr.AsBool())
		if err != nil {
			t.Fatalf("%s: %v", c.assert, err)
		}
		native := compileNative(c.scope, p.Node())
		if (native != nil) != c.native {
			t.Errorf("%s: compiled natively %v, want %v", c.assert, native != nil, c.native)
			continue
		}
		if native == nil {
			continue
		}
		r := &PackRule{native: native}
		for range 2000 {
			e := reflect.New(reflect.TypeOf(env).Elem())
			fill(e.Elem())
			if c.scope == "item" {
				fill(e.Elem().FieldByName("Table"))
			}
			want, err := machine.Run(p, e.Interface())
			if err != nil {
				t.Fatalf("%s: %v", c.assert, err)
			}
			var got, ok bool
			switch x := e.Interface().(type) {
			case *AmountEnv:
				got, ok = runNative(r, x)
			case *TableEnv:
				got, ok = runNative(r, x)
			case *ItemEnv:
				got, ok = runNative(r, x)
			case *IndicatorEnv:
				got, ok = runNative(r, x)
			case *PlanEnv:
				got, ok = runNative(r, x)
			}
			if !ok || got != want {
				t.Fatalf("%s on %+v: native %v (%v), machine %v", c.assert, e.Elem().Interface(), got, ok, want)
			}
		}
	}
}

// TestMachineRulesAgree runs rules that the compiler leaves to the expression machine
// (remembered in ruleMemo, whose memo turns itself off for a field that differs from
// element to element) beside their natively compiled twins over generated plans: both
// must find the same cells.
func TestMachineRulesAgree(t *testing.T) {
	dir := t.TempDir()
	pack := `{"kind":"rules","id":"twins","name":"测试","frameworks":["*"],"rules":[
		{"id":"n.item","severity":"warning","scope":"item","assert":"!set || micros > 30000000","message":"m","explanation":"e"},
		{"id":"m.item","severity":"warning","scope":"item","assert":"!set || micros + 0 > 30000000","message":"m","explanation":"e"},
		{"id":"n.ind","severity":"info","scope":"indicator","assert":"category != 'quantity' || kind == 'compound'","message":"m","explanation":"e"},
		{"id":"m.ind","severity":"info","scope":"indicator","assert":"category + '' != 'quantity' || kind == 'compound'","message":"m","explanation":"e"},
		{"id":"n.amt","severity":"info","scope":"amount","assert":"!set || places <= 1","message":"m","explanation":"e"},
		{"id":"m.amt","severity":"info","scope":"amount","assert":"!set || places + 0 <= 1","message":"m","explanation":"e"}]}`
	if err := os.WriteFile(filepath.Join(dir, "twins.json"), []byte(pack), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, pk := range c.Packs() {
		for _, r := range pk.Rules {
			if strings.HasPrefix(r.ID, "m.") && r.native != nil || strings.HasPrefix(r.ID, "n.") && r.native == nil {
				t.Fatalf("rule %s: native %v", r.ID, r.native != nil)
			}
		}
	}
	n := 0
	for _, p := range gen.NewRegion(gen.Options{Departments: 400, Seed: 11}).Plans() {
		got := map[string][]string{}
		for _, f := range c.Check(p, Options{}).Findings {
			if kind, rest, ok := strings.Cut(f.Rule, "."); ok && (kind == "n" || kind == "m") {
				got[kind+"."+rest] = append(got[kind+"."+rest], f.Path)
				n++
			}
		}
		for _, k := range []string{"item", "ind", "amt"} {
			if !slices.Equal(got["n."+k], got["m."+k]) {
				t.Fatalf("%s: native %v, machine %v", k, got["n."+k], got["m."+k])
			}
		}
	}
	if n == 0 {
		t.Fatal("the twins found nothing")
	}
}
