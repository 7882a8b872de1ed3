package check

import (
	"maps"
	"strings"

	"jixiao"
)

// The indicator frameworks (指标体系) as the checks use them. The type and its lookups are
// the domain's (jixiao.Framework); the data is in frameworks/*.json (load.go). What is
// here is the checker's own: a table of every label across all its frameworks, so that a
// plan's labels are looked up once, and a guess by key words for labels none knows.

// keywordCategory guesses the category of a label no framework knows, by its key words,
// so that quality checks still know a cost from a count.
func keywordCategory(name string) jixiao.Category {
	switch {
	case strings.Contains(name, "满意"):
		return jixiao.CategorySatisfaction
	case strings.Contains(name, "生态环境成本") || strings.Contains(name, "生态成本"):
		return jixiao.CategoryCostEcological
	case strings.Contains(name, "社会成本"):
		return jixiao.CategoryCostSocial
	case strings.Contains(name, "成本"):
		return jixiao.CategoryCost
	case strings.Contains(name, "数量"):
		return jixiao.CategoryQuantity
	case strings.Contains(name, "质量"):
		return jixiao.CategoryQuality
	case strings.Contains(name, "时效"):
		return jixiao.CategoryTimeliness
	case strings.Contains(name, "经济效益"):
		return jixiao.CategoryEconomic
	case strings.Contains(name, "社会效益"):
		return jixiao.CategorySocial
	case strings.Contains(name, "生态"):
		return jixiao.CategoryEcological
	case strings.Contains(name, "可持续"):
		return jixiao.CategorySustainability
	case strings.Contains(name, "产出"):
		return jixiao.CategoryOutput
	case strings.Contains(name, "效益"):
		return jixiao.CategoryEffect
	}
	return jixiao.CategoryUnknown
}

// labelInfo is what one 一级/二级 label means in every framework of a checker, looked up
// once per distinct label of a plan rather than once per row and framework.
type labelInfo struct {
	gl1, gl2 jixiao.Category      // as a 一级 / as a 二级 label in any framework, or by key words
	l1       []jixiao.Category    // as a 一级 label, by framework index
	l2       []jixiao.Level2Entry // as a 二级 label, by framework index
	l2ok     []bool
}

// level1In returns the label's category as a 一级 label of the checker's framework i.
func (li *labelInfo) level1In(i int) jixiao.Category {
	if li.l1 == nil {
		return jixiao.CategoryUnknown
	}
	return li.l1[i]
}

// level2In returns the label's category and home 一级 as a 二级 label of the checker's
// framework i.
func (li *labelInfo) level2In(i int) (jixiao.Level2Entry, bool) {
	if li.l2 == nil {
		return jixiao.Level2Entry{}, false
	}
	return li.l2[i], li.l2ok[i]
}

// prepareLabels builds the label table over every framework's names and aliases.
func (c *Checker) prepareLabels() {
	c.labels = map[string]*labelInfo{}
	n := len(c.frameworks)
	l1s := make([]map[string]jixiao.Category, n)
	l2s := make([]map[string]jixiao.Level2Entry, n)
	for i, fw := range c.frameworks {
		l1s[i], l2s[i] = maps.Collect(fw.Level1Labels()), maps.Collect(fw.Level2Labels())
	}
	info := func(k string) *labelInfo {
		if li := c.labels[k]; li != nil {
			return li
		}
		li := &labelInfo{l1: make([]jixiao.Category, n), l2: make([]jixiao.Level2Entry, n), l2ok: make([]bool, n)}
		li.gl1, li.gl2 = keywordCategory(k), keywordCategory(k)
		if v, ok := c.globalL1[k]; ok {
			li.gl1 = v
		}
		if v, ok := c.globalL2[k]; ok {
			li.gl2 = v
		}
		for i := range c.frameworks {
			li.l1[i] = l1s[i][k]
			li.l2[i], li.l2ok[i] = l2s[i][k]
		}
		c.labels[k] = li
		return li
	}
	for i := range c.frameworks {
		for k := range l1s[i] {
			info(k)
		}
		for k := range l2s[i] {
			info(k)
		}
	}
}

// unknownLabels are the labels no framework knows, by what their key words say.
var unknownLabels = func() (u [jixiao.NumCategories]labelInfo) {
	for c := range u {
		u[c] = labelInfo{gl1: jixiao.Category(c), gl2: jixiao.Category(c)}
	}
	return u
}()

// label returns what a 一级/二级 label means.
func (c *Checker) label(name string) *labelInfo {
	if li := c.labels[jixiao.NormLabel(name)]; li != nil {
		return li
	}
	return &unknownLabels[keywordCategory(name)]
}
