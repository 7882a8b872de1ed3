package check

import (
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// The rule packs' memo: a pure rule's result is remembered by the fields of its element
// that its expression reads, so that it runs a few times per plan rather than once per
// element (ruleMemo, memoMask and the environments' keys).

// ruleMemo remembers the results of one rule by the fields its expression reads: most
// elements of a plan look alike to a rule (places ≤ 4, category ≠ satisfaction), so the
// expression runs a few times per plan, not once per element. Only rules whose
// expression is pure (no function calls, no $env) are remembered (PackRule.memo).
type ruleMemo struct {
	amt memo[AmountEnv]
	tab memo[TableEnv]
	itm memo[ItemEnv]
	ind memo[IndicatorEnv]
}

// memo is one rule's remembered results for one kind of element. The last key and its
// result are kept apart from the map: the rows of a table follow one another with the
// same key most of the time, and comparing two keys costs less than hashing one.
//
// A rule that reads a field that differs from element to element (an item's micros)
// seldom meets a key twice, and looking it up costs more than running it; such a memo
// turns itself off once it has seen memoTrial elements and found fewer than half of them
// remembered.
type memo[E comparable] struct {
	m    map[E]bool
	last E
	res  bool // the result for last
	ok   bool // last is set

	seen, hits int
	off        bool
}

// memoTrial is how many elements a memo sees before it decides whether it pays.
const memoTrial = 2 * maxMemo

// maxMemo bounds each rule's memo: past it, elements are evaluated without remembering.
const maxMemo = 512

// evalMemo evaluates r on env, or returns the remembered result for an element whose
// fields read by r are the same. key is env with the fields r does not read zeroed.
func evalMemo[E comparable](s *state, r *PackRule, m *memo[E], env *E, key E) bool {
	if m.seen++; m.seen == memoTrial && 2*m.hits < m.seen {
		m.off, m.m = true, nil
	}
	if r.memo == 0 || m.off {
		return s.eval(r, env)
	}
	if m.ok && m.last == key {
		m.hits++
		return m.res
	}
	ok, hit := m.m[key]
	if hit {
		m.hits++
	} else {
		out, err := s.vm.vm.Run(r.program, env)
		if err != nil {
			s.add("rules.error", Warning, "", "规则 "+r.ID+" 无法执行："+err.Error())
			return true
		}
		ok, _ = out.(bool)
		if m.m == nil {
			m.m = make(map[E]bool)
		}
		if len(m.m) < maxMemo {
			m.m[key] = ok
		}
	}
	m.last, m.res, m.ok = key, ok, true
	return ok
}

// memoPure marks a rule whose results may be remembered (ruleMemo).
const memoPure = 1 << 63

// memoMask says which fields of its environment a compiled rule reads, as bits by field
// index, with memoPure; 0 when the expression may not be pure (it calls a function or
// reads $env), so that its result must not be remembered.
func memoMask(p *vm.Program, env any) uint64 {
	fields := map[string]int{}
	t := reflect.TypeOf(env).Elem()
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("expr"); tag != "" {
			fields[tag] = i
		}
	}
	v := &memoVisitor{fields: fields}
	if f, ok := t.FieldByName("Table"); ok {
		// an item's table: its fields read one by one (table.hasCost) are bits from
		// memoTableShift on, so that items with equal such fields share a result
		v.table, v.tableIdx = map[string]int{}, f.Index[0]
		for i := 0; i < f.Type.NumField(); i++ {
			if tag := f.Type.Field(i).Tag.Get("expr"); tag != "" {
				v.table[tag] = i
			}
		}
	}
	node := p.Node()
	ast.Walk(&node, v)
	if v.impure {
		return 0
	}
	if v.table != nil && v.tableIdents > v.tableMembers {
		v.mask |= 1 << v.tableIdx // the table is read whole somewhere
	}
	return v.mask | memoPure
}

// memoTableShift is where the bits of an item's table fields start in a memo mask.
const memoTableShift = 16

type memoVisitor struct {
	fields map[string]int
	mask   uint64
	impure bool

	table                     map[string]int // the fields of an item's table, by tag
	tableIdx                  int
	tableIdents, tableMembers int // uses of "table", and those that read one field of it
}

func (v *memoVisitor) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.MemberNode:
		if id, ok := n.Node.(*ast.IdentifierNode); ok && v.table != nil && id.Value == "table" {
			if prop, ok := n.Property.(*ast.StringNode); ok {
				if i, ok := v.table[prop.Value]; ok {
					v.mask |= 1 << (memoTableShift + i)
					v.tableMembers++
				}
			}
		}
	case *ast.IdentifierNode:
		if v.table != nil && n.Value == "table" {
			v.tableIdents++
			return
		}
		if strings.HasPrefix(n.Value, "$") {
			v.impure = true
		}
		if i, ok := v.fields[n.Value]; ok {
			v.mask |= 1 << i
		}
	case *ast.CallNode:
		v.impure = true
	case *ast.BuiltinNode:
		switch n.Name {
		case "now", "date", "timezone":
			v.impure = true
		}
	}
}

// The memo keys: the environment with the fields the rule does not read zeroed (bits by
// field index, as memoMask sets them; TestMemoKeys holds them to the struct layouts).

func (e *AmountEnv) key(m uint64) AmountEnv {
	var k AmountEnv
	if m&(1<<0) != 0 {
		k.Label = e.Label
	}
	if m&(1<<1) != 0 {
		k.Set = e.Set
	}
	if m&(1<<2) != 0 {
		k.Micros = e.Micros
	}
	if m&(1<<3) != 0 {
		k.Places = e.Places
	}
	if m&(1<<4) != 0 {
		k.Item = e.Item
	}
	return k
}

func (e *TableEnv) key(m uint64) TableEnv {
	k := *e
	k.t = nil
	if m&(1<<0) == 0 {
		k.Name = ""
	}
	if m&(1<<1) == 0 {
		k.Department = false
	}
	if m&(1<<2) == 0 {
		k.Indicators = 0
	}
	if m&(1<<3) == 0 {
		k.Quantitative = 0
	}
	if m&(1<<4) == 0 {
		k.HasQuantity = false
	}
	if m&(1<<5) == 0 {
		k.HasQuality = false
	}
	if m&(1<<6) == 0 {
		k.HasTimeliness = false
	}
	if m&(1<<7) == 0 {
		k.HasCost = false
	}
	if m&(1<<8) == 0 {
		k.HasEffect = false
	}
	if m&(1<<9) == 0 {
		k.HasSatisfaction = false
	}
	return k
}

func (e *ItemEnv) key(m uint64) ItemEnv {
	var k ItemEnv
	if m&(1<<0) != 0 {
		k.Name = e.Name
	}
	if m&(1<<1) != 0 {
		k.Set = e.Set
	}
	if m&(1<<2) != 0 {
		k.Micros = e.Micros
	}
	if m&(1<<3) != 0 {
		k.Places = e.Places
	}
	if m&(1<<4) != 0 {
		k.Year = e.Year
	}
	if m&(1<<5) != 0 {
		k.PeriodSet = e.PeriodSet
	}
	if m&(1<<6) != 0 {
		k.FromYear = e.FromYear
	}
	if m&(1<<7) != 0 {
		k.ToYear = e.ToYear
	}
	if m&(1<<8) != 0 {
		k.Table = e.Table
		k.Table.t = nil
	} else if tm := m >> memoTableShift & (1<<10 - 1); tm != 0 {
		k.Table = e.Table.key(tm)
	}
	return k
}

func (e *IndicatorEnv) key(m uint64) IndicatorEnv {
	var k IndicatorEnv
	if m&(1<<0) != 0 {
		k.Level1 = e.Level1
	}
	if m&(1<<1) != 0 {
		k.Level2 = e.Level2
	}
	if m&(1<<2) != 0 {
		k.Name = e.Name
	}
	if m&(1<<3) != 0 {
		k.NameLength = e.NameLength
	}
	if m&(1<<4) != 0 {
		k.Category = e.Category
	}
	if m&(1<<5) != 0 {
		k.Kind = e.Kind
	}
	if m&(1<<6) != 0 {
		k.Op = e.Op
	}
	if m&(1<<7) != 0 {
		k.Unit = e.Unit
	}
	if m&(1<<8) != 0 {
		k.Micros = e.Micros
	}
	if m&(1<<9) != 0 {
		k.Quantitative = e.Quantitative
	}
	if m&(1<<10) != 0 {
		k.Department = e.Department
	}
	return k
}
