package check

import (
	"fmt"
	"strings"
)

// Framework is an indicator framework (指标体系): which 一级 and 二级 indicators a table may
// use, which it must use, and the other names each goes by. It is data, read from a JSON
// file (see frameworks/*.json), because frameworks differ by region and year
// (standards.md §1, §5).
type Framework struct {
	Kind        string      `json:"kind"` // "framework"
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Basis       string      `json:"basis"`       // the documents it follows
	Description string      `json:"description"` // where 成本 and 满意度 sit, in Chinese
	Priority    int         `json:"priority"`    // lower wins when layouts fit equally
	Level1      []Level1Def `json:"level1"`

	l1      map[string]category    // normalised name or alias → category
	l2      map[string]level2Entry // normalised name or alias → category and home 一级
	l1Names map[category]string    // category → the framework's own 一级 name
	idx     int                    // position in its checker's frameworks (labelInfo)
	// cats are the categories of Level1 and of their Level2, parsed once rather than
	// for every table checked (checkFramework)
	cats []levelCats
}

type levelCats struct {
	l1 category
	l2 []category
}

// level1Cat returns the category of Level1[k]; level2Cat that of Level1[k].Level2[j].
// (A definition added after prepare is parsed on the spot.)
func (f *Framework) level1Cat(k int) category {
	if k < len(f.cats) {
		return f.cats[k].l1
	}
	c, _ := parseCategory(f.Level1[k].Category)
	return c
}

func (f *Framework) level2Cat(k, j int) category {
	if k < len(f.cats) && j < len(f.cats[k].l2) {
		return f.cats[k].l2[j]
	}
	c, _ := parseCategory(f.Level1[k].Level2[j].Category)
	return c
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

type level2Entry struct {
	cat, parent category
	name        string // the framework's own name
}

// category is what a 一级 or 二级 indicator measures, whatever it is called. 一级 and 二级
// share the enum: satisfaction and cost appear at both levels depending on the framework.
type category uint8

const (
	catUnknown category = iota
	catOutput
	catEffect
	catSatisfaction
	catCost
	catQuantity
	catQuality
	catTimeliness
	catCostEconomic
	catCostSocial
	catCostEcological
	catEconomic
	catSocial
	catEcological
	catSustainability
	numCategories
)

var categoryNames = [numCategories]string{
	"", "output", "effect", "satisfaction", "cost", "quantity", "quality", "timeliness",
	"cost-economic", "cost-social", "cost-ecological", "economic", "social", "ecological", "sustainability",
}

var categoryLabels = [numCategories]string{
	"未知", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
	"经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
}

func (c category) String() string { return categoryNames[c] }

func parseCategory(s string) (category, bool) {
	for i, n := range categoryNames {
		if i > 0 && n == s {
			return category(i), true
		}
	}
	return catUnknown, false
}

func (c category) isCost() bool {
	return c == catCost || c == catCostEconomic || c == catCostSocial || c == catCostEcological
}

// quantitative reports whether indicators of the 二级 category must state a number
// (数量、质量、时效、成本: standards.md §1.2, 财预〔2021〕101号 "细化量化").
func (c category) quantitative() bool {
	return c == catQuantity || c == catQuality || c == catTimeliness || c == catCost || c == catCostEconomic
}

// normName folds a 一级/二级 label for lookup: spaces trimmed, a trailing 指标 dropped
// (产出数量指标 = 产出数量). It does not allocate.
func normName(s string) string {
	s = trimSpace(s)
	if t := strings.TrimSuffix(s, "指标"); t != "" {
		s = t
	}
	return trimSpace(s)
}

// prepare validates the framework and builds its lookup tables.
func (f *Framework) prepare() error {
	if f.ID == "" || f.Name == "" {
		return fmt.Errorf("framework without id or name")
	}
	if len(f.Level1) == 0 {
		return fmt.Errorf("framework %s: no level1 indicators", f.ID)
	}
	f.l1 = map[string]category{}
	f.l2 = map[string]level2Entry{}
	f.l1Names = map[category]string{}
	f.cats = f.cats[:0]
	for _, l1 := range f.Level1 {
		c1, ok := parseCategory(l1.Category)
		if !ok {
			return fmt.Errorf("framework %s: level1 %s: unknown category %q", f.ID, l1.Name, l1.Category)
		}
		f.cats = append(f.cats, levelCats{l1: c1})
		f.l1Names[c1] = l1.Name
		for _, n := range append([]string{l1.Name}, l1.Aliases...) {
			f.l1[normName(n)] = c1
		}
		for _, l2 := range l1.Level2 {
			c2, ok := parseCategory(l2.Category)
			if !ok {
				return fmt.Errorf("framework %s: level2 %s: unknown category %q", f.ID, l2.Name, l2.Category)
			}
			f.cats[len(f.cats)-1].l2 = append(f.cats[len(f.cats)-1].l2, c2)
			for _, n := range append([]string{l2.Name}, l2.Aliases...) {
				k := normName(n)
				if prev, dup := f.l2[k]; dup && prev.parent != c1 {
					return fmt.Errorf("framework %s: level2 name %s is under two level1 indicators", f.ID, n)
				}
				f.l2[k] = level2Entry{cat: c2, parent: c1, name: l2.Name}
			}
		}
	}
	return nil
}

// level1 returns the category of a 一级 label in this framework.
func (f *Framework) level1(name string) category { return f.l1[normName(name)] }

// level2 returns the category and home 一级 of a 二级 label in this framework.
func (f *Framework) level2(name string) (level2Entry, bool) {
	e, ok := f.l2[normName(name)]
	return e, ok
}

// keywordCategory guesses the category of a label no framework knows, by its key words,
// so that quality checks still know a cost from a count.
func keywordCategory(name string) category {
	switch {
	case strings.Contains(name, "满意"):
		return catSatisfaction
	case strings.Contains(name, "生态环境成本") || strings.Contains(name, "生态成本"):
		return catCostEcological
	case strings.Contains(name, "社会成本"):
		return catCostSocial
	case strings.Contains(name, "成本"):
		return catCost
	case strings.Contains(name, "数量"):
		return catQuantity
	case strings.Contains(name, "质量"):
		return catQuality
	case strings.Contains(name, "时效"):
		return catTimeliness
	case strings.Contains(name, "经济效益"):
		return catEconomic
	case strings.Contains(name, "社会效益"):
		return catSocial
	case strings.Contains(name, "生态"):
		return catEcological
	case strings.Contains(name, "可持续"):
		return catSustainability
	case strings.Contains(name, "产出"):
		return catOutput
	case strings.Contains(name, "效益"):
		return catEffect
	}
	return catUnknown
}

// labelInfo is what one 一级/二级 label means in every framework of a checker, looked up
// once per distinct label of a plan rather than once per row and framework.
type labelInfo struct {
	gl1, gl2 category      // as a 一级 / as a 二级 label in any framework, or by key words
	l1       []category    // as a 一级 label, by framework index
	l2       []level2Entry // as a 二级 label, by framework index
	l2ok     []bool
}

// level1In returns the label's category as a 一级 label of fw.
func (li *labelInfo) level1In(fw *Framework) category {
	if li.l1 == nil {
		return catUnknown
	}
	return li.l1[fw.idx]
}

// level2In returns the label's category and home 一级 as a 二级 label of fw.
func (li *labelInfo) level2In(fw *Framework) (level2Entry, bool) {
	if li.l2 == nil {
		return level2Entry{}, false
	}
	return li.l2[fw.idx], li.l2ok[fw.idx]
}

// prepareLabels builds the label table over every framework's names and aliases.
func (c *Checker) prepareLabels() {
	c.labels = map[string]*labelInfo{}
	n := len(c.frameworks)
	info := func(k string) *labelInfo {
		if li := c.labels[k]; li != nil {
			return li
		}
		li := &labelInfo{l1: make([]category, n), l2: make([]level2Entry, n), l2ok: make([]bool, n)}
		li.gl1, li.gl2 = keywordCategory(k), keywordCategory(k)
		if v, ok := c.globalL1[k]; ok {
			li.gl1 = v
		}
		if v, ok := c.globalL2[k]; ok {
			li.gl2 = v
		}
		for _, fw := range c.frameworks {
			li.l1[fw.idx] = fw.l1[k]
			li.l2[fw.idx], li.l2ok[fw.idx] = fw.l2[k]
		}
		c.labels[k] = li
		return li
	}
	for _, fw := range c.frameworks {
		for k := range fw.l1 {
			info(k)
		}
		for k := range fw.l2 {
			info(k)
		}
	}
}

// unknownLabels are the labels no framework knows, by what their key words say.
var unknownLabels = func() (u [numCategories]labelInfo) {
	for c := range u {
		u[c] = labelInfo{gl1: category(c), gl2: category(c)}
	}
	return u
}()

// label returns what a 一级/二级 label means.
func (c *Checker) label(name string) *labelInfo {
	if li := c.labels[normName(name)]; li != nil {
		return li
	}
	return &unknownLabels[keywordCategory(name)]
}
