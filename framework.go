package jixiao

import (
	"fmt"
	"iter"
	"strings"
)

// Framework is an indicator framework (指标体系): which 一级 and 二级 indicators a target
// table may use, which it must use, and the other names each goes by. It is data, read
// from a JSON file (check/frameworks/*.json), because frameworks differ by region and
// year (standards.md §1, §5). The checks judge a plan against one; the fill-in template
// and the web forms offer its names as choices.
type Framework struct {
	Kind        string      `json:"kind"` // "framework"
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Basis       string      `json:"basis"`       // the documents it follows
	Description string      `json:"description"` // where 成本 and 满意度 sit, in Chinese
	Priority    int         `json:"priority"`    // lower wins when layouts fit equally
	Level1      []Level1Def `json:"level1"`

	// Columns are the indicator columns the layout requires besides the levels, the name
	// and the 指标值 (Hunan 2023: 指标值类型, 计量单位, 指标解释, 评(扣)分标准); see
	// IndicatorColumns. Empty for layouts that require none.
	Columns []string `json:"columns,omitempty"`

	l1      map[string]Category    // normalised name or alias → category
	l2      map[string]Level2Entry // normalised name or alias → category and home 一级
	l1Names map[Category]string    // category → the framework's own 一级 name
	// cats are the categories of Level1 and of their Level2, parsed once by Prepare
	// rather than for every table checked
	cats []levelCats
}

// Level1Def is one 一级指标 of a framework.
type Level1Def struct {
	Name     string      `json:"name"`
	Category string      `json:"category"` // output, effect, satisfaction, cost
	Aliases  []string    `json:"aliases,omitempty"`
	Required bool        `json:"required,omitempty"`
	Level2   []Level2Def `json:"level2"`
}

// Level2Def is one 二级指标 of a framework.
type Level2Def struct {
	Name     string   `json:"name"`
	Category string   `json:"category"` // quantity, quality, timeliness, cost, cost-economic, …
	Aliases  []string `json:"aliases,omitempty"`
	Required bool     `json:"required,omitempty"`
}

// Level2Entry is what a 二级 label means in a framework: its category, the category of
// the 一级 it belongs under, and the framework's own name for it.
type Level2Entry struct {
	Category, Parent Category
	Name             string
}

type levelCats struct {
	l1 Category
	l2 []Category
}

// Category is what a 一级 or 二级 indicator measures, whatever a framework calls it. 一级
// and 二级 share the enum: satisfaction and cost appear at both levels depending on the
// framework.
type Category uint8

// The categories, named in the frameworks' JSON by Category.String.
const (
	CategoryUnknown Category = iota
	CategoryOutput
	CategoryEffect
	CategorySatisfaction
	CategoryCost
	CategoryQuantity
	CategoryQuality
	CategoryTimeliness
	CategoryCostEconomic
	CategoryCostSocial
	CategoryCostEcological
	CategoryEconomic
	CategorySocial
	CategoryEcological
	CategorySustainability
	NumCategories // the number of categories, for arrays indexed by Category
)

var categoryNames = [NumCategories]string{
	"", "output", "effect", "satisfaction", "cost", "quantity", "quality", "timeliness",
	"cost-economic", "cost-social", "cost-ecological", "economic", "social", "ecological", "sustainability",
}

var categoryLabels = [NumCategories]string{
	"未知", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
	"经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
}

// String returns the category's name in the frameworks' JSON (output, cost-economic, …).
func (c Category) String() string { return categoryNames[c] }

// Label returns the category's Chinese name (产出指标, 经济成本指标, …).
func (c Category) Label() string { return categoryLabels[c] }

// ParseCategory returns the category named s in the frameworks' JSON.
func ParseCategory(s string) (Category, bool) {
	for i, n := range categoryNames {
		if i > 0 && n == s {
			return Category(i), true
		}
	}
	return CategoryUnknown, false
}

// IsCost reports whether the category is a cost (成本指标 or one of its kinds).
func (c Category) IsCost() bool {
	return c == CategoryCost || c == CategoryCostEconomic || c == CategoryCostSocial || c == CategoryCostEcological
}

// Quantitative reports whether indicators of the 二级 category must state a number
// (数量、质量、时效、成本: standards.md §1.2, 财预〔2021〕101号 "细化量化").
func (c Category) Quantitative() bool {
	return c == CategoryQuantity || c == CategoryQuality || c == CategoryTimeliness || c == CategoryCost || c == CategoryCostEconomic
}

// NormLabel folds a 一级/二级 label for lookup: spaces trimmed, a template's fill-in hint
// in parentheses dropped (宁夏: 数量指标（必填硬性指标）, 经济效益指标（选填）), a trailing 指标
// dropped (产出数量指标 = 产出数量). It does not allocate.
func NormLabel(s string) string {
	s = strings.TrimSpace(s)
	s = trimFillHint(s)
	if t := strings.TrimSuffix(s, "指标"); t != "" {
		s = t
	}
	return strings.TrimSpace(s)
}

// trimFillHint drops a trailing "(必填…)" or "(选填…)" (ASCII or full-width parentheses),
// which templates print after a 二级指标 to say whether it must be filled.
func trimFillHint(s string) string {
	for _, close := range []string{")", "）"} {
		if !strings.HasSuffix(s, close) {
			continue
		}
		i := max(strings.LastIndex(s, "("), strings.LastIndex(s, "（"))
		if i <= 0 {
			return s
		}
		hint := s[i:]
		if strings.Contains(hint, "必填") || strings.Contains(hint, "选填") {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// Prepare validates the framework and builds its lookup tables; call it once after
// decoding, before any lookup. Its errors are for the operator who wrote the file.
func (f *Framework) Prepare() error {
	if f.ID == "" || f.Name == "" {
		return fmt.Errorf("framework without id or name")
	}
	if len(f.Level1) == 0 {
		return fmt.Errorf("framework %s: no level1 indicators", f.ID)
	}
	f.l1 = map[string]Category{}
	f.l2 = map[string]Level2Entry{}
	f.l1Names = map[Category]string{}
	f.cats = f.cats[:0]
	for _, l1 := range f.Level1 {
		c1, ok := ParseCategory(l1.Category)
		if !ok {
			return fmt.Errorf("framework %s: level1 %s: unknown category %q", f.ID, l1.Name, l1.Category)
		}
		f.cats = append(f.cats, levelCats{l1: c1})
		f.l1Names[c1] = l1.Name
		for _, n := range append([]string{l1.Name}, l1.Aliases...) {
			f.l1[NormLabel(n)] = c1
		}
		for _, l2 := range l1.Level2 {
			c2, ok := ParseCategory(l2.Category)
			if !ok {
				return fmt.Errorf("framework %s: level2 %s: unknown category %q", f.ID, l2.Name, l2.Category)
			}
			f.cats[len(f.cats)-1].l2 = append(f.cats[len(f.cats)-1].l2, c2)
			for _, n := range append([]string{l2.Name}, l2.Aliases...) {
				k := NormLabel(n)
				if prev, dup := f.l2[k]; dup && prev.Parent != c1 {
					return fmt.Errorf("framework %s: level2 name %s is under two level1 indicators", f.ID, n)
				}
				f.l2[k] = Level2Entry{Category: c2, Parent: c1, Name: l2.Name}
			}
		}
	}
	return nil
}

// Level1Cat returns the category of Level1[k]; Level2Cat that of Level1[k].Level2[j].
// (A definition added after Prepare is parsed on the spot.)
func (f *Framework) Level1Cat(k int) Category {
	if k < len(f.cats) {
		return f.cats[k].l1
	}
	c, _ := ParseCategory(f.Level1[k].Category)
	return c
}

// Level2Cat returns the category of Level1[k].Level2[j].
func (f *Framework) Level2Cat(k, j int) Category {
	if k < len(f.cats) && j < len(f.cats[k].l2) {
		return f.cats[k].l2[j]
	}
	c, _ := ParseCategory(f.Level1[k].Level2[j].Category)
	return c
}

// LookupLevel1 returns the category of a 一级 label in this framework, CategoryUnknown if
// the framework has no such 一级.
func (f *Framework) LookupLevel1(name string) Category { return f.l1[NormLabel(name)] }

// LookupLevel2 returns the category and home 一级 of a 二级 label in this framework.
func (f *Framework) LookupLevel2(name string) (Level2Entry, bool) {
	e, ok := f.l2[NormLabel(name)]
	return e, ok
}

// Level1Labels yields every normalised 一级 name and alias with its category.
func (f *Framework) Level1Labels() iter.Seq2[string, Category] {
	return func(yield func(string, Category) bool) {
		for k, v := range f.l1 {
			if !yield(k, v) {
				return
			}
		}
	}
}

// Level2Labels yields every normalised 二级 name and alias with what it means.
func (f *Framework) Level2Labels() iter.Seq2[string, Level2Entry] {
	return func(yield func(string, Level2Entry) bool) {
		for k, v := range f.l2 {
			if !yield(k, v) {
				return
			}
		}
	}
}

// Level1Name returns the framework's own name of the 一级 of category c.
func (f *Framework) Level1Name(c Category) string { return f.l1Names[c] }

// Level1Names lists the framework's 一级 names, joined by 、.
func (f *Framework) Level1Names() string {
	names := make([]string, len(f.Level1))
	for i, l := range f.Level1 {
		names[i] = l.Name
	}
	return strings.Join(names, "、")
}

// Level2Names lists the 二级 names under the 一级 of category c1, joined by 、.
func (f *Framework) Level2Names(c1 Category) string {
	var names []string
	for _, l := range f.Level1 {
		if l.Category == c1.String() {
			for _, l2 := range l.Level2 {
				names = append(names, l2.Name)
			}
		}
	}
	return strings.Join(names, "、")
}

func (f *Framework) String() string { return fmt.Sprintf("%s（%s）", f.ID, f.Name) }
