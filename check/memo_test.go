package check

import (
	"reflect"
	"testing"

	"github.com/expr-lang/expr"
)

// TestMemoKeys holds the memo key functions to the layouts of the environments: the key
// with a field's bit keeps that field, the key without it zeroes it, and the unexported
// fields never reach a key.
func TestMemoKeys(t *testing.T) {
	keys := map[string]func(v reflect.Value, m uint64) reflect.Value{
		"amount": func(v reflect.Value, m uint64) reflect.Value {
			return reflect.ValueOf(v.Addr().Interface().(*AmountEnv).key(m))
		},
		"table": func(v reflect.Value, m uint64) reflect.Value {
			return reflect.ValueOf(v.Addr().Interface().(*TableEnv).key(m))
		},
		"item": func(v reflect.Value, m uint64) reflect.Value {
			return reflect.ValueOf(v.Addr().Interface().(*ItemEnv).key(m))
		},
		"indicator": func(v reflect.Value, m uint64) reflect.Value {
			return reflect.ValueOf(v.Addr().Interface().(*IndicatorEnv).key(m))
		},
	}
	for scope, key := range keys {
		typ := reflect.TypeOf(scopeEnvs[scope]).Elem()
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			env := reflect.New(typ).Elem()
			setNonZero(t, env.Field(i))
			if got := key(env, 1<<i).Field(i); got.IsZero() {
				t.Errorf("%s: key with bit %d drops field %s", scope, i, f.Name)
			}
			if got := key(env, (1<<memoTableShift-1)&^(1<<i)).Field(i); !got.IsZero() {
				t.Errorf("%s: key without bit %d keeps field %s", scope, i, f.Name)
			}
		}
	}
	tab := TableEnv{t: &table{}, Name: "x"}
	if k := tab.key(^uint64(0)); k.t != nil {
		t.Error("table key keeps the table pointer")
	}
	itm := ItemEnv{Table: tab}
	if k := itm.key(^uint64(0)); k.Table.t != nil {
		t.Error("item key keeps the table pointer")
	}
	itm.Table = TableEnv{t: &table{}, Name: "x", HasCost: true, Indicators: 3}
	if k := itm.key(1<<(memoTableShift+7) | 1<<(memoTableShift+2)); k.Table != (TableEnv{HasCost: true, Indicators: 3}) {
		t.Errorf("item key by table fields = %+v", k.Table)
	}
}

func setNonZero(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Struct:
		setNonZero(t, v.Field(0))
	default:
		t.Fatalf("field of kind %s", v.Kind())
	}
}

func TestMemoMask(t *testing.T) {
	cases := []struct {
		scope, assert string
		want          uint64
	}{
		{"amount", "!set || places <= 4", memoPure | 1<<1 | 1<<3},
		{"item", "table.indicators == 0 || table.hasCost", memoPure | 1<<(memoTableShift+2) | 1<<(memoTableShift+7)},
		{"item", "table == table", memoPure | 1<<8},
		{"item", "table.name != '' && table.hasCost", memoPure | 1<<(memoTableShift+0) | 1<<(memoTableShift+7)},
		{"indicator", "category != 'satisfaction' || quantitative", memoPure | 1<<4 | 1<<9},
		{"indicator", "true", memoPure},
		{"amount", "all([1, 2], # > 0) && places <= 4", memoPure | 1<<3},
		{"indicator", "len(name) < 30", memoPure | 1<<2},
		// not pure, or not known to be: never remembered
		{"amount", "now().Year() > 2000 || set", 0},
		{"amount", "$env.places <= 4", 0},
	}
	for _, c := range cases {
		p, err := expr.Compile(c.assert, expr.Env(scopeEnvs[c.scope]), expr.AsBool())
		if err != nil {
			t.Fatalf("%s: %v", c.assert, err)
		}
		if got := memoMask(p, scopeEnvs[c.scope]); got != c.want {
			t.Errorf("memoMask(%q) = %#x, want %#x", c.assert, got, c.want)
		}
	}
}
