package selfeval

import (
	"strings"

	"jixiao"
)

// Column kinds of the two blocks.
const (
	colNone = iota
	colInitial
	colAdjusted
	colExecuted
	colRate
	colWeight
	colScore
	colReason
	colLevel1
	colLevel2
	colName
	colOp
	colTarget
	colUnit
	colActual
	colDirection
	colForecast   // 全年预计执行数 / 全年预计完成值 (monitoring)
	colLikelihood // 完成目标可能性 (monitoring)
	colCategory   // 偏差原因 category: a column of its own or one per category (monitoring)
	colRemedy     // 完善措施 / 纠偏措施 (monitoring)
)

// isBudgetHeader: a row naming 年初预算 and an execution figure (执行数 / 执行率).
func isBudgetHeader(r row) bool {
	initial, exec := false, false
	for _, c := range r {
		initial = initial || strings.Contains(c.key, "年初预算")
		exec = exec || strings.Contains(c.key, "执行数") || strings.Contains(c.key, "执行率")
	}
	return initial && exec
}

func budgetColumn(k string) int {
	switch {
	case strings.Contains(k, "年初预算"):
		return colInitial
	case strings.Contains(k, "预计") && strings.Contains(k, "率"):
		return colNone // 全年预计执行率: computed from the figures, not a figure of its own
	case strings.Contains(k, "预计执行") || strings.Contains(k, "全年预计") || strings.Contains(k, "预计全年"):
		return colForecast
	case strings.Contains(k, "全年预算") || strings.Contains(k, "调整后预算") || strings.Contains(k, "调整预算"):
		return colAdjusted
	case strings.Contains(k, "执行率"):
		return colRate
	case strings.Contains(k, "执行数") || strings.Contains(k, "实际支出"):
		return colExecuted
	case k == "分值" || k == "权重" || strings.HasPrefix(k, "分值") || strings.HasPrefix(k, "权重"):
		return colWeight
	case k == "得分" || strings.HasPrefix(k, "得分"):
		return colScore
	case strings.Contains(k, "原因") || strings.Contains(k, "说明"):
		return colReason
	}
	return colNone
}

// header maps the columns of a header row; first is the first mapped column.
func header(r row, kind func(string) int) (cols []int, first int) {
	cols = make([]int, len(r))
	first = -1
	for j, c := range r {
		cols[j] = kind(c.key)
		if cols[j] != colNone && first < 0 {
			first = j
		}
	}
	return cols, first
}

// readFunds reads the budget block whose header is row i and returns the number of rows
// it took after the header.
func (rd *reader) readFunds(i int) (int, error) {
	h := rd.rows[i]
	cols, first := header(h, budgetColumn)
	for _, c := range h {
		if m := asOfMonth(c.key); m > 0 {
			rd.x.asOf = m
		}
	}
	yuan := false
	for _, c := range h {
		if strings.Contains(c.key, "(元)") || strings.Contains(c.key, "单位:元") {
			yuan = true
		}
	}
	n := 0
	for k := i + 1; k < len(rd.rows); k++ {
		r := rd.rows[k]
		if isIndicatorHeader(r) || isGoalHeader(r) || isBudgetHeader(r) {
			break
		}
		l := r.firstNonEmpty()
		if l < 0 || isNumber(r[l].text) {
			break
		}
		label := r[l].text
		if !fundLabel(r[l].key) {
			break
		}
		f := jixiao.FundExecution{Name: fundName(label), Path: r[l].where}
		var forecast jixiao.Decimal
		vals := r[l+1:]
		for v := range vals {
			col := first + v
			if col >= len(cols) {
				break
			}
			c := vals[v]
			if cols[col] == colReason {
				f.Reason = c.text
				continue
			}
			if cols[col] == colNone || c.text == "" {
				continue
			}
			d, ok, err := amount(c.text)
			if err != nil {
				return 0, rd.errorf(c, "“%s”一行的%s“%s”不是数字。", f.Name, h[col].text, c.text)
			}
			if !ok {
				continue
			}
			switch cols[col] {
			case colInitial:
				f.Initial = money(d, yuan)
			case colAdjusted:
				f.Adjusted = money(d, yuan)
			case colExecuted:
				f.Executed, f.ExecutedAt = money(d, yuan), c.where
			case colRate:
				f.Rate = d
			case colWeight:
				f.Weight = d
			case colScore:
				f.Score = d
			case colForecast:
				forecast = money(d, yuan)
			}
		}
		rd.x.forecasts = append(rd.x.forecasts, forecast)
		n = k - i
		rd.e.Funds = append(rd.e.Funds, f) // an empty source row is kept: nothing is dropped

	}
	return n, nil
}

// fundLabel reports whether a row label names a source of funds.
func fundLabel(k string) bool {
	for _, w := range []string{"资金总额", "总额", "合计", "财政", "拨款", "结转", "其他资金", "单位资金", "自有资金", "上级", "本级", "专户", "资金"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// fundName is the row's label without 其中： and trailing colons.
func fundName(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"其中：", "其中:", "其中"} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimRight(strings.TrimSpace(s), "：:")
}

func money(d jixiao.Decimal, yuan bool) jixiao.Decimal {
	if yuan {
		return d.DivInt(10000)
	}
	return d
}

// isIndicatorHeader: a row naming 三级指标 (or 指标名称) and an actual (完成值 / 实际值).
func isIndicatorHeader(r row) bool {
	name, actual := false, false
	for _, c := range r {
		name = name || isNameLabel(c.key)
		actual = actual || isActualLabel(c.key)
	}
	return name && actual
}

func isNameLabel(k string) bool {
	return strings.Contains(k, "三级指标") || k == "指标名称" || k == "绩效指标名称"
}

func isActualLabel(k string) bool {
	return strings.Contains(k, "指标执行情况") || strings.Contains(k, "执行情况") && !strings.Contains(k, "预计") ||
		strings.Contains(k, "完成值") || strings.Contains(k, "实际值") || strings.Contains(k, "实际完成") || k == "实施进度"
}

// mergeHeader lays a header's second row over its first, cell by cell: a header of two
// rows (年度指标值 above 指标性质 / 指标值 / 度量单位; 实际完成值 beside them in the first
// row only) reads as one.
func mergeHeader(top, sub row) row {
	out := make(row, max(len(top), len(sub)))
	for j := range out {
		if j < len(top) {
			out[j] = top[j]
		}
		if j < len(sub) && sub[j].text != "" {
			out[j] = sub[j]
		}
	}
	return out
}

// indicatorHeaderAt reports whether an indicator header starts at row i: in that row, or
// in it and the next together. n is the number of rows the header takes.
func (rd *reader) indicatorHeaderAt(i int) (h row, n int, ok bool) {
	r := rd.rows[i]
	if isIndicatorHeader(r) {
		// 偏差原因分析 over its categories (经费保障 | 制度保障 | …) in a second row
		if i+1 < len(rd.rows) && !hasNumber(rd.rows[i+1]) && hasCategories(rd.rows[i+1]) {
			return mergeHeader(r, rd.rows[i+1]), 2, true
		}
		return r, 1, true
	}
	if i+1 >= len(rd.rows) || hasNumber(r) || hasNumber(rd.rows[i+1]) {
		return nil, 0, false
	}
	m := mergeHeader(r, rd.rows[i+1])
	name, actual := false, false
	for _, x := range []row{r, rd.rows[i+1]} {
		for _, c := range x {
			name = name || isNameLabel(c.key)
			actual = actual || isActualLabel(c.key)
		}
	}
	if name && actual && isIndicatorHeader(m) {
		return m, 2, true
	}
	return nil, 0, false
}

func hasNumber(r row) bool {
	for _, c := range r {
		if isNumber(c.text) {
			return true
		}
	}
	return false
}

func indicatorColumn(k string) int {
	switch {
	case strings.Contains(k, "一级指标"):
		return colLevel1
	case strings.Contains(k, "二级指标"):
		return colLevel2
	case strings.Contains(k, "三级指标") || k == "指标名称" || k == "绩效指标名称":
		return colName
	case strings.Contains(k, "指标性质") || k == "运算符号" || k == "符号":
		return colOp
	case strings.Contains(k, "方向"):
		return colDirection
	case strings.Contains(k, "可能性"):
		return colLikelihood
	case strings.Contains(k, "预计"):
		return colForecast
	case strings.Contains(k, "完善措施") || strings.Contains(k, "纠偏措施") || strings.Contains(k, "举措") ||
		strings.Contains(k, "采取") && strings.Contains(k, "措施"): // 吉林: 拟采取的措施
		return colRemedy
	case isCategory(k) || strings.Contains(k, "原因类") || strings.Contains(k, "偏差类") || strings.Contains(k, "原因分类"):
		return colCategory
	case isActualLabel(k):
		return colActual
	case strings.Contains(k, "指标值") || strings.Contains(k, "目标值"):
		return colTarget
	case strings.Contains(k, "度量单位") || strings.Contains(k, "计量单位") || k == "单位":
		return colUnit
	case strings.HasPrefix(k, "分值") || strings.HasPrefix(k, "权重"):
		return colWeight
	case strings.HasPrefix(k, "得分") || k == "自评得分":
		return colScore
	case strings.Contains(k, "原因") || strings.Contains(k, "改进措施"):
		return colReason
	}
	return colNone
}

// endOfIndicators: a row that closes the indicator block (总分 / 合计) or starts the texts
// after it.
func endOfIndicators(k string) (total, end bool) {
	switch {
	case k == "总分" || k == "合计" || k == "总计" || strings.HasPrefix(k, "总分") || k == "自评得分":
		return true, true
	case strings.HasPrefix(k, "评价结论") || strings.HasPrefix(k, "存在问题") || strings.HasPrefix(k, "存在的问题") ||
		strings.HasPrefix(k, "改进措施") || strings.HasPrefix(k, "评价等级") || strings.HasPrefix(k, "自评等级") ||
		strings.HasPrefix(k, "项目负责人") || strings.HasPrefix(k, "填报人") || strings.HasPrefix(k, "说明") ||
		strings.HasPrefix(k, "偏差或") || strings.HasPrefix(k, "相关建议") || strings.HasPrefix(k, "注:") || strings.HasPrefix(k, "注："):
		return false, true
	}
	return false, false
}

// readIndicators reads the indicator block whose header is row i and returns the number
// of rows it took after the header.
func (rd *reader) readIndicators(i int, h row, hn int) (int, error) {
	i += hn - 1 // the last row of the header
	cols, _ := header(h, indicatorColumn)
	colOf := func(kind int) int {
		for j, k := range cols {
			if k == kind {
				return j
			}
		}
		return -1
	}
	var level1, level2 string
	n := 0
	for k := i + 1; k < len(rd.rows); k++ {
		r := rd.rows[k]
		l := r.firstNonEmpty()
		if total, end := endOfIndicators(r[l].key); end {
			if total {
				if err := rd.totalRow(r, l, cols, colOf(colWeight), colOf(colScore)); err != nil {
					return 0, err
				}
				n = k - i
			}
			break
		}
		if isBudgetHeader(r) || isIndicatorHeader(r) {
			break
		}
		n = k - i
		// Cells align with the header; a row missing the cells of a label merged down
		// the left (a web page's rowspan) is aligned from the right.
		shift := 0
		if len(r) < len(h) && !rd.alignsLeft(r, colOf) {
			shift = len(h) - len(r)
		}
		atCol := func(j int) cell {
			if j < 0 || j-shift < 0 || j-shift >= len(r) {
				return cell{}
			}
			return r[j-shift]
		}
		at := func(kind int) cell { return atCol(colOf(kind)) }
		if v := levelLabel(at(colLevel1).text); v != "" {
			level1, level2 = v, ""
		}
		if v := levelLabel(at(colLevel2).text); v != "" {
			level2 = v
		}
		name := at(colName)
		target := at(colTarget)
		actual := at(colActual)
		if name.text == "" && target.text == "" && actual.text == "" {
			continue // an empty 二级 row (无 经济效益) or a spacer
		}
		if l2 := secondLevel(name.text); l2 != "" && colOf(colLevel2) < 0 {
			// A form without a 二级 column prints 数量/质量/时效/成本 in the name column
			// (Hubei's 监控表): the row is the 二级 itself, an indicator when filled in.
			level2 = l2
			if target.text == "" && actual.text == "" {
				continue
			}
		}
		if strings.Trim(name.text, "…. ") == "" && name.text != "" {
			continue // "……": the rest of the table left out
		}
		if name.text == "" && !hasNumber(r) {
			continue // a second header row (单项指标得分, 符号) or a note
		}
		in := jixiao.IndicatorOutcome{Where: name.where, Reason: at(colReason).text}
		in.Indicator = jixiao.NewIndicator(level1, level2, name.text, targetText(at(colOp).text, target.text, at(colUnit).text), "")
		in.Actual = jixiao.ParseTarget(actual.text)
		if d, ok := jixiao.ParseDirection(at(colDirection).text); ok {
			in.Direction = d
		}
		for _, f := range []struct {
			kind int
			dst  *jixiao.Decimal
			what string
		}{{colWeight, &in.Weight, "分值"}, {colScore, &in.Score, "得分"}} {
			c := at(f.kind)
			d, ok, err := amount(c.text)
			if err != nil {
				return 0, rd.errorf(c, "指标“%s”的%s“%s”不是数字。", name.text, f.what, c.text)
			}
			if ok {
				*f.dst = d
			}
		}
		rd.e.Indicators = append(rd.e.Indicators, in)
		rd.x.indicators = append(rd.x.indicators, rd.indicatorExtra(h, cols, atCol))
	}
	return n, nil
}

// alignsLeft reports whether a row shorter than its header lines up from the left: a
// row cut at its end, or an Excel row stopped at its last value, has its 分值 and 得分
// where the header has them (empty or figures); a row missing the cells of a label
// merged down the left does not.
func (rd *reader) alignsLeft(r row, colOf func(int) int) bool {
	for _, kind := range []int{colWeight, colScore} {
		if j := colOf(kind); j >= 0 && j < len(r) {
			if _, _, err := amount(r[j].text); err != nil {
				return false
			}
		}
	}
	if j := colOf(colName); j >= 0 && j < len(r) && r[j].text == "" {
		return false
	}
	return true
}

// totalRow reads the 总分/合计 row: its 分值 and 得分, by the header's columns when the
// row has the header's cells, else as the numbers after the label (分值 first).
func (rd *reader) totalRow(r row, l int, cols []int, wc, sc int) error {
	var nums []jixiao.Decimal
	if len(r) == len(cols) && wc >= 0 {
		found := false
		for _, j := range []int{wc, sc} {
			if j < 0 {
				nums = append(nums, jixiao.Decimal{})
				continue
			}
			d, ok, err := amount(r[j].text)
			if err != nil {
				return rd.errorf(r[j], "合计行的“%s”不是数字。", r[j].text)
			}
			found = found || ok
			nums = append(nums, d)
		}
		if !found {
			nums = nil // the label spans the columns: the figures follow it
		}
	}
	if nums == nil {
		for _, c := range r[l+1:] {
			d, ok, err := amount(c.text)
			if err != nil {
				continue // a text in the row (说明) is not a figure
			}
			if ok {
				nums = append(nums, d)
			}
		}
		if len(nums) == 1 && sc >= 0 && wc < 0 {
			nums = []jixiao.Decimal{{}, nums[0]}
		}
	}
	if len(nums) > 0 {
		rd.e.WrittenWeight = nums[0]
	}
	if len(nums) > 1 {
		rd.e.WrittenTotal = nums[1]
	}
	return nil
}

// targetText builds the 指标值 from 指标性质, 指标值 and 度量单位 when they stand in
// separate columns (≥ | 95 | %  →  ≥95%); a 定性 target is its value as written.
func targetText(op, value, unit string) string {
	op, value, unit = strings.TrimSpace(op), strings.TrimSpace(value), strings.TrimSpace(unit)
	if value == "" || strings.Contains(op, "定性") {
		return value
	}
	switch op {
	case "≥", ">=", "＞＝", "大于等于", "≧", "≥=":
		op = "≥"
	case "≤", "<=", "＜＝", "小于等于", "≦", "≤=":
		op = "≤"
	case ">", "＞", "大于":
		op = ">"
	case "<", "＜", "小于":
		op = "<"
	case "=", "＝", "═", "﹦", "等于":
		op = "="
	default:
		op = "" // 定量 and an empty cell state the figure alone
	}
	if !isNumber(value) {
		return op + value
	}
	if unit != "" && !strings.HasSuffix(value, unit) {
		value += unit
	}
	return op + value
}

// isGoalHeader: 预期目标 beside 实际完成情况 (or 年度目标 beside 完成情况).
func isGoalHeader(r row) bool {
	exp, act := false, false
	for _, c := range r {
		exp = exp || strings.Contains(c.key, "预期目标") || c.key == "项目年度目标" || c.key == "年度目标" || c.key == "原定目标"
		act = act || strings.Contains(c.key, "实际完成情况") || strings.Contains(c.key, "目标完成情况") || c.key != "" && strings.HasSuffix(c.key, "执行情况")
	}
	return exp && act
}

// goalRows reads the rows under the goal header at row i by its columns (预期目标 and
// 实际完成情况), as many as follow — a department's table lists several goals, and a
// blank template leaves 实际完成情况 empty — and returns how many it read; 0 when the
// rows do not line up with the header (goalRow then reads the one row).
func (rd *reader) goalRows(i int) int {
	h := rd.rows[i]
	exp, act := -1, -1
	for j, c := range h {
		if exp < 0 && (strings.Contains(c.key, "预期目标") || c.key == "项目年度目标" || c.key == "年度目标") {
			exp = j
		}
		if act < 0 && (strings.Contains(c.key, "实际完成情况") || strings.Contains(c.key, "目标完成情况")) {
			act = j
		}
	}
	if exp < 0 || act <= exp {
		return 0
	}
	n := 0
	for k := i + 1; k < len(rd.rows); k++ {
		r := rd.rows[k]
		if len(r) != len(h) || isBudgetHeader(r) || isGoalHeader(r) || isIndicatorHeader(r) {
			break
		}
		other := false
		for j, c := range r {
			if j != exp && j != act && c.text != "" && !(strings.Contains(c.key, "总体目标") && len([]rune(c.key)) <= 10) {
				other = true
			}
		}
		// Every goal row is shaped like the first: all with an actual, or (a blank
		// template) all without; a heading after the goals has none.
		if other || r[exp].text == "" || n > 0 && (r[act].text == "") != (rd.e.Goals[len(rd.e.Goals)-1].Actual == "") {
			break
		}
		rd.e.Goals = append(rd.e.Goals, jixiao.GoalOutcome{Expected: r[exp].text, Actual: r[act].text})
		n++
	}
	return n
}

// goalRow reads the row under a goal header: the expected text and the actual one,
// after any label such as 年度总体目标.
func goalRow(r row) (jixiao.GoalOutcome, bool) {
	var texts []string
	for _, c := range r {
		if c.text == "" || strings.Contains(c.key, "总体目标") && len([]rune(c.key)) <= 10 {
			continue
		}
		texts = append(texts, c.text)
	}
	if len(texts) < 2 {
		return jixiao.GoalOutcome{}, false
	}
	return jixiao.GoalOutcome{Expected: texts[0], Actual: texts[1]}, true
}

// amount reads a figure: 238.93, 1,234.50, 100.00%, 250万, 12万元; ok is false for an
// empty cell or a dash (/, —, -, 无), err for text that is not a number.
func amount(s string) (jixiao.Decimal, bool, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "/", "-", "—", "——", "－", "无", "\\":
		return jixiao.Decimal{}, false, nil
	}
	for _, suf := range []string{"万元", "万", "%", "％", "分"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suf))
	}
	d, err := jixiao.ParseDecimal(s)
	if err != nil {
		return jixiao.Decimal{}, false, err
	}
	return d, true, nil
}

func isNumber(s string) bool {
	_, ok, err := amount(s)
	return ok && err == nil
}
