package textdoc

// The indicator block's columns beyond one set of 一级 | 二级 | 三级 | 指标值: two sets
// side by side (中期 and 年度), a 指标类型 column that is the 指标值类型, and names that
// are the 二级 themselves.

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// laterSet moves 二级, 三级 and the target to the second of two column sets side by side
// when nothing in their headers says which is the year's (东莞's 批复表: 二级 | 三级 |
// 指标值 for the 中期滚动目标, then 二级 | 三级 | 计划指标值 for the 年度目标, as the goal row
// above them is ordered): the medium-term set comes first in the forms that have both. The
// first set is kept beside, under its headers.
func laterSet(rw row, cols [numPCols]int, pref [numPCols]int, extra []extraCol) (_ [numPCols]int, _ []extraCol, firstName int) {
	firstName = -1
	if cols[cName] < 0 || cols[cTarget] < cols[cName] {
		return cols, extra, firstName
	}
	// Two halves of one list side by side (一级 | 二级 | 三级 | 指标值 twice) are not two
	// sets of one row: the second half has its own 一级.
	for _, e := range extra {
		if e.of == cLevel1 && e.at > cols[cTarget] {
			return cols, extra, firstName
		}
	}
	// The second set: a 三级 header after the first set's target.
	second := -1
	for _, e := range extra {
		if e.of == cName && e.at > cols[cTarget] {
			second = e.at
			break
		}
	}
	if second < 0 {
		return cols, extra, firstName
	}
	// Its target: the first header after it that names a value (计划指标值, 指标值…).
	target := -1
	for j := second + 1; j < len(rw.cells); j++ {
		if k := rw.cells[j].key; strings.Contains(k, "指标值") || strings.Contains(k, "目标值") {
			target = j
			break
		}
	}
	if target < 0 || preferred(rw.cells[target].key) < pref[cTarget] {
		return cols, extra, firstName
	}
	move := map[pcol]int{cName: second, cTarget: target}
	firstName = cols[cName]
	if cols[cLevel2] >= 0 {
		for _, e := range extra {
			if e.of == cLevel2 && e.at > cols[cTarget] && e.at < second {
				move[cLevel2] = e.at
			}
		}
	}
	for k, to := range move {
		from := cols[k]
		extra = slices.DeleteFunc(extra, func(e extraCol) bool { return e.at == to })
		extra = append(extra, extraCol{from, headText(rw.cells[from].text), k})
		cols[k] = to
	}
	slices.SortFunc(extra, func(a, b extraCol) int { return a.at - b.at })
	return cols, extra, firstName
}

// kindValues reports whether column j of the rows after the header row i holds 定量 or
// 定性 (looking at the next few rows).
func kindValues(rows []row, i, j int) bool {
	for k := i + 1; k < len(rows) && k <= i+6; k++ {
		if v := rows[k].cell(j); v == "定量" || v == "定性" {
			return true
		}
	}
	return false
}

// categoryName reports whether a name is a 二级 category's (数量指标, 社会效益指标,
// 服务对象或受益者满意度指标): it ends in 指标, is short, and names a kind of measure.
func categoryName(name string) bool {
	n := norm(name)
	if !strings.HasSuffix(n, "指标") || utf8.RuneCountInString(n) > 16 {
		return false
	}
	for _, w := range []string{"数量", "质量", "时效", "成本", "效益", "可持续", "满意度"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
