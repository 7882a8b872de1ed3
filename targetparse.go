package jixiao

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseTarget reads a 指标值 into its form. It never fails: text it cannot read is kept
// verbatim with Kind TargetUnreadable and a Chinese Problem. The forms are those of
// standards.md §1.2:
//
//   - bounds with ASCII or full-width operators or words, before or after the number:
//     ≥95%, ＞＝95％, ≤3万元, ≤150元/人, >88%, 不低于90%, 95%以上, ≤5万元以内, ≥60M;
//   - exact figures: 100%, 1个, 12台, 180万, 16.5万元 (Op empty: "=");
//   - a short label before the figure: 满意度≥90%, 培训8次;
//   - periods and deadlines: 2021.1-2021.12, 2022.03-2022.12, 10月前, 6月底前,
//     12月31日前, 年底前, 2021年12月底前完成, 按季度;
//   - qualitative words (kept as Grade): 良好, 优良, 显著提升, 应保尽保, 不超过预算;
//   - placeholders: /, —, empty, 无直接经济效益;
//   - several counts in one cell: 各类培训8次；各类会议21次；… (Parts).
//
// Context-dependent readings (a bare satisfaction percentage meaning ≥, an Excel serial
// date in a 时效 cell) are made by NewIndicator. In the common forms ParseTarget does not
// allocate: Grade, Unit and Deadline.Text are substrings of text.
func ParseTarget(text string) Target {
	t := Target{Text: text}
	s := cleanTarget(text)
	if notApplicable[s] {
		t.Kind = TargetNotApplicable
		return t
	}
	if p, ok := readPeriodTarget(s); ok {
		t.Kind = TargetPeriod
		if p.IsSet() || p.ToMonth > 0 {
			d := p // only a deadline escapes to the heap
			t.Deadline = &d
		}
		return t
	}
	n := readNumeric(s, false)
	if n.ok {
		t.Kind, t.Op, t.Value, t.Unit = TargetNumeric, n.op, n.value, n.unit
		return t
	}
	if parts, problem, ok := parseCompound(s); ok {
		t.Kind, t.Parts = TargetCompound, parts
		return t
	} else if problem != "" {
		n.problem = problem // a list of counts with one bad piece: name the piece
	}
	if n.problem == "" && !hasDigit(s) {
		t.Kind, t.Grade = TargetQualitative, s
		return t
	}
	t.Kind = TargetUnreadable
	t.Problem = n.problem
	if t.Problem == "" {
		t.Problem = problemUnknown
	}
	return t
}

// Problems of unreadable targets (Chinese, shown to users).
const (
	problemUnknown     = "无法识别指标值：既不是“运算符＋数值＋单位”，也不是定性描述、期限或多项计数"
	problemOpOnly      = "指标值只有运算符，没有数值"
	problemRange       = "指标值是一个区间，无法确定比较方式；请写成“≥下限”或“≤上限”"
	problemPlaces      = "指标值的小数位数超过6位"
	problemTooLarge    = "指标值的数值过大"
	problemConflict    = "指标值的运算符前后矛盾（如“≥…以下”）"
	problemChange      = "指标值写的是增减幅度（提高、下降……），不是目标值；请写明目标值，如“≥95%”"
	problemNotUnit     = "数值后面的文字不是度量单位："
	problemCompoundBad = "一格中有多项计数，其中一项无法识别："
)

// cleanTarget trims the cell, folds white space and drops trailing sentence punctuation.
func cleanTarget(text string) string {
	s := normalizeSpace(text)
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '。', '.', '；', ';', '，', ',', '、', ' ', '！', '!':
			s = s[:len(s)-size]
			continue
		}
		break
	}
	return s
}

// normalizeSpace trims and folds runs of white space (including full-width spaces and
// line breaks inside a cell) into nothing between CJK characters and one space between
// ASCII ones. It allocates only when the text holds inner white space.
func normalizeSpace(s string) string {
	s = strings.TrimFunc(s, isSpace)
	inner := false
	for _, r := range s {
		if isSpace(r) {
			inner = true
			break
		}
	}
	if !inner {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	var last rune
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && last < 0x80 && r < 0x80 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

var notApplicable = map[string]bool{
	"": true, "/": true, "／": true, "\\": true, "—": true, "——": true, "-": true, "--": true,
	"－": true, "–": true, "―": true, "无": true, "暂无": true, "不适用": true,
	"不涉及": true, "无直接经济效益": true, "无直接社会效益": true, "无直接生态效益": true,
	"无生态效益": true, "无经济效益": true, "无社会效益": true, "N/A": true, "n/a": true, "NA": true,
}

func hasDigit(s string) bool { return firstDigit(s) >= 0 }

// firstDigit returns the byte index of the first ASCII or full-width digit, or -1.
func firstDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if _, size := digitAt(s, i); size > 0 {
			return i
		}
	}
	return -1
}

// An opWord writes an operator before the number.
type opWord struct {
	w  string
	op Op
}

// Operator words and symbols, longest first, so that 大于等于 wins over 等于 and 不低于
// over 低于 when matched at the end of the text before the number.
var opWords = []opWord{
	{"大于或等于", OpGE}, {"小于或等于", OpLE},
	{"大于等于", OpGE}, {"小于等于", OpLE},
	{"不低于", OpGE}, {"不少于", OpGE}, {"不小于", OpGE}, {"不高于", OpLE}, {"不超过", OpLE},
	{"不大于", OpLE}, {"不多于", OpLE}, {"控制在", OpLE},
	{"＞＝", OpGE}, {"＜＝", OpLE},
	{"至少", OpGE}, {"最少", OpGE}, {"最多", OpLE}, {"达到", OpGE}, {"不足", OpLT},
	{"低于", OpLT}, {"高于", OpGT}, {"超过", OpGT}, {"大于", OpGT}, {"小于", OpLT},
	{"多于", OpGT}, {"少于", OpLT}, {"等于", OpEQ},
	{"≥", OpGE}, {"≤", OpLE}, {"⩾", OpGE}, {"⩽", OpLE}, {"≧", OpGE}, {"≦", OpLE},
	{"≮", OpGE}, {"≯", OpLE}, {"＞", OpGT}, {"＜", OpLT}, {"＝", OpEQ}, {"达", OpGE},
	{">=", OpGE}, {"<=", OpLE}, {"=>", OpGE}, {"=<", OpLE},
	{">", OpGT}, {"<", OpLT}, {"=", OpEQ},
}

// Suffixes that carry the operator: 95%以上, 5万元以内, 3个工作日内. Longest first.
var opSuffixes = []opWord{
	{"及以上", OpGE}, {"及以下", OpLE}, {"或以上", OpGE}, {"或以下", OpLE},
	{"以上", OpGE}, {"以下", OpLE}, {"以内", OpLE}, {"之内", OpLE}, {"之上", OpGE},
	{"内完成", OpLE}, {"左右", OpNone}, {"内", OpLE},
	{"完成", OpNone}, {"覆盖", OpNone}, {"到位", OpNone}, // 100%完成, 100%覆盖
}

// Verbs that make a figure a change rather than a target (提高5%): the figure alone would
// be misread as the target value.
var changeVerbs = []string{"提高", "提升", "增长", "增加", "增幅", "下降", "降低", "减少", "降幅", "缩短", "压缩", "上升"}

// numeric is what readNumeric found.
type numeric struct {
	label   string // text before the operator (a compound part's name)
	op      Op
	value   Decimal
	unit    string
	ok      bool
	problem string // when !ok: why, if the text looked numeric
}

// readNumeric reads [label] [op] number [unit] [op suffix]: ≥95%, ≤150元/人, 12台,
// 95%以上, 满意度≥90%, 各类培训8次. With needLabel the label is required (a compound
// part) and must not be empty.
func readNumeric(s string, needLabel bool) numeric {
	var n numeric
	i := firstDigit(s)
	if i < 0 {
		if opOnly(s) {
			n.problem = problemOpOnly
		}
		return n
	}
	prefix := strings.TrimSpace(s[:i])
	for _, w := range opWords {
		if strings.HasSuffix(prefix, w.w) {
			n.op = w.op
			prefix = strings.TrimSpace(prefix[:len(prefix)-len(w.w)])
			break
		}
	}
	if prefix != "" {
		prefix = strings.TrimRight(prefix, ":：")
		if !isLabel(prefix) {
			return n
		}
		for _, v := range changeVerbs {
			if strings.HasSuffix(prefix, v) {
				n.problem = problemChange
				return n
			}
		}
	}
	if needLabel && prefix == "" {
		return n
	}
	n.label = prefix
	v, size, e := scanNumber(s[i:])
	switch e {
	case numTooManyPlaces:
		n.problem = problemPlaces
		return n
	case numTooLarge:
		n.problem = problemTooLarge
		return n
	}
	rest := strings.TrimSpace(s[i+size:])
	rest = trimIncl(rest)
	sop := OpNone
	hasSuffix := false
	for _, w := range opSuffixes {
		if strings.HasSuffix(rest, w.w) && len(rest) > 0 {
			sop, hasSuffix = w.op, true
			rest = trimIncl(strings.TrimSpace(rest[:len(rest)-len(w.w)]))
			break
		}
	}
	// 1500余人, 100多户: more than the figure.
	for _, w := range [...]string{"余", "多"} {
		if r, ok := strings.CutPrefix(rest, w); ok && r != "" && sop == OpNone {
			sop, rest = OpGE, r
			break
		}
	}
	if isRange(rest) {
		n.problem = problemRange
		return n
	}
	unit, ok := readUnit(rest)
	if !ok {
		if !hasDigit(rest) {
			n.problem = problemNotUnit + "“" + rest + "”"
		}
		return n
	}
	if hasSuffix && unit == "" && sop == OpLE && strings.HasSuffix(s, "内") && !strings.HasSuffix(s, "以内") && !strings.HasSuffix(s, "之内") {
		// "5内" is not a bound; "3天内" is (the unit came before 内).
		return n
	}
	switch {
	case n.op == OpNone:
		n.op = sop
	case sop != OpNone && direction(sop) != direction(n.op):
		n.problem = problemConflict
		return n
	}
	n.value, n.unit, n.ok = v, unit, true
	return n
}

// opOnly reports whether s is nothing but an operator (≥, 不低于).
func opOnly(s string) bool {
	for _, w := range opWords {
		if s == w.w {
			return true
		}
	}
	return false
}

// direction is +1 for lower bounds, -1 for upper bounds, 0 for equality.
func direction(op Op) int {
	switch op {
	case OpGE, OpGT:
		return 1
	case OpLE, OpLT:
		return -1
	}
	return 0
}

// trimIncl drops a trailing remark in brackets without figures: 95%（含）以上,
// ≥95%（满意度）. The text is kept in Target.Text.
func trimIncl(s string) string {
	for _, w := range [...]string{"（含", "(含"} {
		if strings.HasSuffix(s, w) {
			return strings.TrimSpace(s[:len(s)-len(w)])
		}
	}
	for _, p := range [...][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasSuffix(s, p[1]) {
			continue
		}
		i := strings.LastIndex(s, p[0])
		if i <= 0 {
			continue
		}
		inner := s[i+len(p[0]) : len(s)-len(p[1])]
		if !hasDigit(inner) && utf8.RuneCountInString(inner) <= 10 && !strings.ContainsAny(inner, "（）()") {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// isRange reports whether the rest after a number is the second end of a range: 95%-100%,
// 3~5次, 10至20人. The second end must be a number with no unit or a known one (not
// GB3095-2012标准).
func isRange(rest string) bool {
	for _, w := range [...]string{"-", "－", "~", "～", "—", "–", "至", "到"} {
		i := strings.Index(rest, w)
		if i < 0 || i > 12 {
			continue
		}
		if i > 0 {
			if u, ok := readUnit(rest[:i]); !ok || u == "" {
				continue
			}
		}
		end := strings.TrimSpace(rest[i+len(w):])
		_, size, e := scanNumber(end)
		if e != numOK {
			continue
		}
		u := strings.TrimSpace(end[size:])
		if a, ok := unitAliases[u]; ok {
			u = a
		}
		return u == "" || knownUnits[u] || latinUnit(u)
	}
	return false
}

// isLabel reports whether s can be the short name before a figure (满意度, 各类培训,
// 民主党派基层组织): at most 16 characters, no digits, no sentence punctuation.
func isLabel(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if n > 16 {
			return false
		}
		switch r {
		case '，', ',', '。', '；', ';', '、', '！', '!', '？', '?', '.', '．', '/', '／', '%', '％', '-', '－', '~', '～':
			return false
		}
	}
	return true
}

// parseCompound reads several counts in one cell, separated by ；;，,、 or 。:
// 各类培训8次；各类会议21次；调研9次 or 新联会5万；知联会5万. Every piece must read as
// name + [op] + number + unit, and there must be at least two. A comma between digits
// that groups thousands (1,000人次) does not separate. When the cell is a list and one
// piece cannot be read, the problem names it.
func parseCompound(s string) ([]TargetPart, string, bool) {
	count := 1
	for i := 0; i < len(s); {
		if size := partSepAt(s, i); size > 0 {
			count++
			i += size
			continue
		}
		i++
	}
	if count < 2 {
		return nil, "", false
	}
	var parts []TargetPart
	read := 0
	for s != "" {
		end, next := len(s), len(s)
		for i := 0; i < len(s); {
			if size := partSepAt(s, i); size > 0 {
				end, next = i, i+size
				break
			}
			i++
		}
		piece := strings.TrimSpace(s[:end])
		s = s[next:]
		if piece == "" {
			continue
		}
		n := readNumeric(piece, true)
		if !n.ok || n.unit == "" {
			if read == 0 {
				return nil, "", false // not a list of counts at all
			}
			return nil, problemCompoundBad + "“" + piece + "”", false
		}
		if parts == nil {
			parts = make([]TargetPart, 0, count)
		}
		parts = append(parts, TargetPart{Text: piece, Name: n.label, Op: n.op, Value: n.value, Unit: n.unit})
		read++
	}
	if len(parts) < 2 {
		return nil, "", false
	}
	return parts, "", true
}

// partSepAt returns the size of a list separator at s[i] (；;，,、。), or 0. A comma that
// groups thousands is not one.
func partSepAt(s string, i int) int {
	switch s[i] {
	case ';':
		return 1
	case ',':
		if i > 0 && thousandsAt(s, i+1) {
			if _, size := digitAt(s, i-1); size > 0 {
				return 0
			}
		}
		return 1
	case 0xE3, 0xEF:
		for _, w := range [...]string{"；", "、", "。", "，"} {
			if strings.HasPrefix(s[i:], w) {
				if w == "，" && i > 0 && thousandsAt(s, i+len(w)) {
					if _, size := digitAt(s, i-1); size > 0 {
						return 0
					}
				}
				return len(w)
			}
		}
	}
	return 0
}

// applyContext makes the readings that depend on the indicator: a bare percentage of
// satisfaction means ≥; in a 时效 indicator a bare number that is an Excel serial date
// (44,926 = 2022-12-31, leaked from a spreadsheet) or a year.month (2022.12) is a deadline.
func (in *Indicator) applyContext() {
	t := &in.Target
	if t.Kind != TargetNumeric {
		return
	}
	if t.Op == OpNone && t.Unit == "%" && in.IsSatisfaction() {
		t.Op, t.OpImplied = OpGE, true
		return
	}
	if t.Unit != "" || !(t.Op == OpNone || t.Op == OpLE || t.Op == OpLT || t.Op == OpEQ) || !strings.Contains(in.Level2, "时效") {
		return
	}
	micros := t.Value.Micros()
	whole, frac := micros/scale, micros%scale
	var p Period
	switch {
	case frac == 0 && isExcelSerial(whole):
		p = excelSerialDeadline(whole)
	case t.Value.Places() >= 1 && t.Value.Places() <= 2 && whole >= 1900 && whole <= 2200:
		m := int(frac / pow10[MaxPlaces-t.Value.Places()])
		if m < 1 || m > 12 {
			return
		}
		p = Period{Text: t.Value.String(), FromYear: int(whole), FromMonth: 1, ToYear: int(whole), ToMonth: m}
	default:
		return
	}
	*t = Target{Text: t.Text, Kind: TargetPeriod, Deadline: &p}
}

func containsStr(s, sub string) bool { return strings.Contains(s, sub) }
