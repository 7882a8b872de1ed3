package check

import (
	"github.com/expr-lang/expr/ast"
)

// A rule whose expression only reads fields of its element and compares them with
// literals or with one another, joined by !, && and || (every built-in rule: "!set ||
// places <= 4", "table.indicators == 0 || table.hasCost"), is also compiled to Go
// closures when its pack is loaded, and runs as a Go function call. The expression
// machine reads the element's fields through reflection and boxes numbers, which made
// the rule packs a tenth of a check's time even with their results remembered
// (ruleMemo). Any other expression (arithmetic, functions, builtins, in, matches …) runs
// on the machine as before.
//
// The closures compute what the machine does: integers of either size compare as
// numbers, strings byte-wise, and || and && stop at the first operand that decides.
// TestNative holds them to the machine.

// The compiled forms, by the type of value they compute.
type (
	boolFn[E any] func(*E) bool
	intFn[E any]  func(*E) int64
	strFn[E any]  func(*E) string
)

// compileNative compiles a rule of the scope, or returns nil.
func compileNative(scope string, node ast.Node) any {
	switch scope {
	case "amount":
		return nativeBool(&nativeCompiler[AmountEnv]{fields: amountFields}, node)
	case "table":
		return nativeBool(&nativeCompiler[TableEnv]{fields: tableFields}, node)
	case "item":
		return nativeBool(&nativeCompiler[ItemEnv]{fields: itemFields, table: func(e *ItemEnv) *TableEnv { return &e.Table }}, node)
	case "indicator":
		return nativeBool(&nativeCompiler[IndicatorEnv]{fields: indicatorFields}, node)
	case "plan":
		return nativeBool(&nativeCompiler[PlanEnv]{fields: planFields}, node)
	}
	return nil
}

// nativeBool returns the compiled rule as a boolFn[E], or nil (an untyped nil, so that
// runNative's type assertion fails).
func nativeBool[E any](c *nativeCompiler[E], node ast.Node) any {
	if f, ok := c.boolean(node); ok {
		return f
	}
	return nil
}

// runNative runs the compiled form of r on env; ok is false when r has none.
func runNative[E any](r *PackRule, env *E) (result, ok bool) {
	f, ok := r.native.(boolFn[E])
	if !ok {
		return false, false
	}
	return f(env), true
}

// nativeCompiler compiles expressions over the environment E: fields holds a
// boolFn[E], intFn[E] or strFn[E] per expr tag; table, when set, reaches the
// environment's TableEnv (an item's table), whose fields are read as table.<tag>.
type nativeCompiler[E any] struct {
	fields map[string]any
	table  func(*E) *TableEnv
}

func (c *nativeCompiler[E]) boolean(node ast.Node) (boolFn[E], bool) {
	switch n := node.(type) {
	case *ast.BoolNode:
		v := n.Value
		return func(*E) bool { return v }, true
	case *ast.IdentifierNode:
		f, ok := c.fields[n.Value].(boolFn[E])
		return f, ok
	case *ast.MemberNode:
		if g, ok := c.member(n).(boolFn[TableEnv]); ok {
			t := c.table
			return func(e *E) bool { return g(t(e)) }, true
		}
	case *ast.UnaryNode:
		if n.Operator != "!" && n.Operator != "not" {
			break
		}
		if x, ok := c.boolean(n.Node); ok {
			return func(e *E) bool { return !x(e) }, true
		}
	case *ast.BinaryNode:
		switch n.Operator {
		case "||", "or", "&&", "and":
			l, okl := c.boolean(n.Left)
			r, okr := c.boolean(n.Right)
			if !okl || !okr {
				break
			}
			if n.Operator == "||" || n.Operator == "or" {
				return func(e *E) bool { return l(e) || r(e) }, true
			}
			return func(e *E) bool { return l(e) && r(e) }, true
		case "==", "!=", "<", "<=", ">", ">=":
			return c.compare(n)
		}
	}
	return nil, false
}

// compare compiles a comparison of two integers, two strings, or two booleans (== and
// != only).
func (c *nativeCompiler[E]) compare(n *ast.BinaryNode) (boolFn[E], bool) {
	if l, ok := c.integer(n.Left); ok {
		r, ok := c.integer(n.Right)
		if !ok {
			return nil, false
		}
		return ordered(n.Operator, l, r)
	}
	if l, ok := c.str(n.Left); ok {
		r, ok := c.str(n.Right)
		if !ok {
			return nil, false
		}
		return ordered(n.Operator, l, r)
	}
	if n.Operator == "==" || n.Operator == "!=" {
		l, okl := c.boolean(n.Left)
		r, okr := c.boolean(n.Right)
		if okl && okr {
			if n.Operator == "==" {
				return func(e *E) bool { return l(e) == r(e) }, true
			}
			return func(e *E) bool { return l(e) != r(e) }, true
		}
	}
	return nil, false
}

// ordered compiles a comparison of two integers or two strings.
func ordered[E any, T int64 | string](op string, l, r func(*E) T) (boolFn[E], bool) {
	switch op {
	case "==":
		return func(e *E) bool { return l(e) == r(e) }, true
	case "!=":
		return func(e *E) bool { return l(e) != r(e) }, true
	case "<":
		return func(e *E) bool { return l(e) < r(e) }, true
	case "<=":
		return func(e *E) bool { return l(e) <= r(e) }, true
	case ">":
		return func(e *E) bool { return l(e) > r(e) }, true
	case ">=":
		return func(e *E) bool { return l(e) >= r(e) }, true
	}
	return nil, false
}

func (c *nativeCompiler[E]) integer(node ast.Node) (intFn[E], bool) {
	switch n := node.(type) {
	case *ast.IntegerNode:
		v := int64(n.Value)
		return func(*E) int64 { return v }, true
	case *ast.IdentifierNode:
		f, ok := c.fields[n.Value].(intFn[E])
		return f, ok
	case *ast.MemberNode:
		if g, ok := c.member(n).(intFn[TableEnv]); ok {
			t := c.table
			return func(e *E) int64 { return g(t(e)) }, true
		}
	}
	return nil, false
}

func (c *nativeCompiler[E]) str(node ast.Node) (strFn[E], bool) {
	switch n := node.(type) {
	case *ast.StringNode:
		v := n.Value
		return func(*E) string { return v }, true
	case *ast.IdentifierNode:
		f, ok := c.fields[n.Value].(strFn[E])
		return f, ok
	case *ast.MemberNode:
		if g, ok := c.member(n).(strFn[TableEnv]); ok {
			t := c.table
			return func(e *E) string { return g(t(e)) }, true
		}
	}
	return nil, false
}

// member returns the accessor of table.<field> on a TableEnv, or nil.
func (c *nativeCompiler[E]) member(n *ast.MemberNode) any {
	id, ok := n.Node.(*ast.IdentifierNode)
	if !ok || c.table == nil || id.Value != "table" || n.Method {
		return nil
	}
	prop, ok := n.Property.(*ast.StringNode)
	if !ok {
		return nil
	}
	return tableFields[prop.Value]
}

// The fields of each environment by expr tag (TestNativeFields holds them to the
// struct tags).

var amountFields = map[string]any{
	"label":  strFn[AmountEnv](func(e *AmountEnv) string { return e.Label }),
	"set":    boolFn[AmountEnv](func(e *AmountEnv) bool { return e.Set }),
	"micros": intFn[AmountEnv](func(e *AmountEnv) int64 { return e.Micros }),
	"places": intFn[AmountEnv](func(e *AmountEnv) int64 { return int64(e.Places) }),
	"item":   boolFn[AmountEnv](func(e *AmountEnv) bool { return e.Item }),
}

var tableFields = map[string]any{
	"name":            strFn[TableEnv](func(e *TableEnv) string { return e.Name }),
	"department":      boolFn[TableEnv](func(e *TableEnv) bool { return e.Department }),
	"indicators":      intFn[TableEnv](func(e *TableEnv) int64 { return int64(e.Indicators) }),
	"quantitative":    intFn[TableEnv](func(e *TableEnv) int64 { return int64(e.Quantitative) }),
	"hasQuantity":     boolFn[TableEnv](func(e *TableEnv) bool { return e.HasQuantity }),
	"hasQuality":      boolFn[TableEnv](func(e *TableEnv) bool { return e.HasQuality }),
	"hasTimeliness":   boolFn[TableEnv](func(e *TableEnv) bool { return e.HasTimeliness }),
	"hasCost":         boolFn[TableEnv](func(e *TableEnv) bool { return e.HasCost }),
	"hasEffect":       boolFn[TableEnv](func(e *TableEnv) bool { return e.HasEffect }),
	"hasSatisfaction": boolFn[TableEnv](func(e *TableEnv) bool { return e.HasSatisfaction }),
}

// itemFields has no "table": the table is read field by field (table.hasCost), or
// else the expression runs on the machine.
var itemFields = map[string]any{
	"name":      strFn[ItemEnv](func(e *ItemEnv) string { return e.Name }),
	"set":       boolFn[ItemEnv](func(e *ItemEnv) bool { return e.Set }),
	"micros":    intFn[ItemEnv](func(e *ItemEnv) int64 { return e.Micros }),
	"places":    intFn[ItemEnv](func(e *ItemEnv) int64 { return int64(e.Places) }),
	"year":      intFn[ItemEnv](func(e *ItemEnv) int64 { return int64(e.Year) }),
	"periodSet": boolFn[ItemEnv](func(e *ItemEnv) bool { return e.PeriodSet }),
	"fromYear":  intFn[ItemEnv](func(e *ItemEnv) int64 { return int64(e.FromYear) }),
	"toYear":    intFn[ItemEnv](func(e *ItemEnv) int64 { return int64(e.ToYear) }),
}

var indicatorFields = map[string]any{
	"level1":       strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Level1 }),
	"level2":       strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Level2 }),
	"name":         strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Name }),
	"nameLength":   intFn[IndicatorEnv](func(e *IndicatorEnv) int64 { return int64(e.NameLength) }),
	"category":     strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Category }),
	"kind":         strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Kind }),
	"op":           strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Op }),
	"unit":         strFn[IndicatorEnv](func(e *IndicatorEnv) string { return e.Unit }),
	"micros":       intFn[IndicatorEnv](func(e *IndicatorEnv) int64 { return e.Micros }),
	"quantitative": boolFn[IndicatorEnv](func(e *IndicatorEnv) bool { return e.Quantitative }),
	"department":   boolFn[IndicatorEnv](func(e *IndicatorEnv) bool { return e.Department }),
}

var planFields = map[string]any{
	"year":         intFn[PlanEnv](func(e *PlanEnv) int64 { return int64(e.Year) }),
	"department":   strFn[PlanEnv](func(e *PlanEnv) string { return e.Department }),
	"framework":    strFn[PlanEnv](func(e *PlanEnv) string { return e.Framework }),
	"keyTasks":     intFn[PlanEnv](func(e *PlanEnv) int64 { return int64(e.KeyTasks) }),
	"dutiesLength": intFn[PlanEnv](func(e *PlanEnv) int64 { return int64(e.DutiesRunes) }),
	"items":        intFn[PlanEnv](func(e *PlanEnv) int64 { return int64(e.Items) }),
	"indicators":   intFn[PlanEnv](func(e *PlanEnv) int64 { return int64(e.Indicators) }),
	"total":        intFn[PlanEnv](func(e *PlanEnv) int64 { return e.Total }),
	"basic":        intFn[PlanEnv](func(e *PlanEnv) int64 { return e.Basic }),
	"project":      intFn[PlanEnv](func(e *PlanEnv) int64 { return e.Project }),
}
