package selfeval

import (
	"slices"
	"strings"
)

// levelLabel is a 一级/二级 label as a form prints it, with the spaces of vertical
// text (产 出 指 标) taken out.
func levelLabel(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// secondLevels are the 二级 categories a form may print in the name column, without
// 指标 (满意度 is left out: a row named 满意度 is usually the indicator itself).
var secondLevels = []string{"数量", "质量", "时效", "成本", "经济成本", "社会成本", "生态环境成本", "经济效益", "社会效益", "生态效益", "可持续影响"}

// secondLevel returns the 二级 label (质量指标) when name is only a 二级 category
// (质量, 质量指标, 质 量), "" otherwise.
func secondLevel(name string) string {
	n := strings.TrimSuffix(levelLabel(name), "指标")
	if slices.Contains(secondLevels, n) {
		return n + "指标"
	}
	return ""
}
