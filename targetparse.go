package jixiao

import (
	"strings"
	"time"
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

// unitAliases maps unit spellings to one form.
var unitAliases = map[string]string{
	"百分比": "%", "％": "%", "个百分点": "百分点", "‰": "‰", "元／人": "元/人", "万元／人": "万元/人",
	"人／次": "人/次", "次／年": "次/年",
}

// knownUnits are the 度量单位 seen in real tables (standards.md §1.2) and the common
// Chinese measure words.
var knownUnits = map[string]bool{
	"%": true, "‰": true, "元": true, "万元": true, "亿元": true, "千元": true, "百元": true,
	"万": true, "亿": true, "千": true, "个": true, "次": true, "人": true, "人次": true,
	"万人次": true, "万人": true, "千人": true, "户": true, "户次": true, "家": true, "所": true,
	"台": true, "台套": true, "套": true, "件": true, "件次": true, "项": true, "项次": true,
	"场": true, "场次": true, "期": true, "期次": true, "篇": true, "份": true, "本": true,
	"册": true, "部": true, "辆": true, "座": true, "处": true, "条": true, "张": true, "批": true,
	"名": true, "位": true, "天": true, "日": true, "月": true, "年": true, "季度": true, "周": true,
	"小时": true, "分钟": true, "秒": true, "分": true, "点": true, "平方米": true, "平米": true,
	"米": true, "公里": true, "千米": true, "亩": true, "万亩": true, "公顷": true, "吨": true,
	"万吨": true, "千克": true, "公斤": true, "克": true, "立方米": true, "万立方米": true,
	"学时": true, "课时": true, "栋": true, "间": true, "床": true, "张床": true, "棵": true,
	"株": true, "万株": true, "头": true, "只": true, "箱": true, "袋": true, "盏": true, "块": true,
	"根": true, "台次": true, "架次": true, "车次": true, "人日": true, "工日": true,
	"个次": true, "工作日": true, "个工作日": true, "个月": true, "百分点": true, "分贝": true,
	"度": true, "千瓦": true, "千瓦时": true, "万千瓦时": true, "兆瓦": true, "班": true,
	"组": true, "支": true, "队": true, "村": true, "个村": true, "镇": true, "校": true, "口": true,
	"眼": true, "宗": true, "起": true, "例": true, "卷": true, "盒": true, "瓶": true, "副": true,
	"对": true, "双": true, "片": true, "段": true, "层": true, "级": true, "倍": true, "岁": true,
	"斤": true, "万斤": true, "轮": true, "趟": true, "版": true, "门": true, "节": true, "课": true,
	"人/次": true, "人/年": true, "次/年": true, "元/人": true, "万元/人": true,
}

// readUnit accepts the rest after a number as its unit when it is one: empty, a known
// unit, a ratio of units (元/人, 次/年, 元/人·年), Latin unit letters (M, GB, km2), or a
// short unknown measure word of at most two characters. A longer text is a sentence,
// not a unit (1个省级民族团结创建示范点).
func readUnit(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if a, ok := unitAliases[s]; ok {
		return a, true
	}
	if knownUnits[s] {
		return s, true
	}
	if i := strings.IndexAny(s, "/／"); i > 0 {
		size := 1
		if s[i] != '/' {
			size = len("／")
		}
		a, b := s[:i], s[i+size:]
		if unitPart(a) && unitPart(strings.TrimSuffix(b, "·年")) {
			if size != 1 {
				return a + "/" + b, true
			}
			return s, true
		}
		return "", false
	}
	if latinUnit(s) {
		return s, true
	}
	return s, shortWord(s)
}

func unitPart(s string) bool {
	return knownUnits[s] || latinUnit(s) || shortWord(s)
}

// latinUnit reports whether s is a unit in Latin letters: M, GB, km, km2, m³, Mbps.
func latinUnit(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '²' || r == '³'):
		default:
			return false
		}
	}
	return true
}

// shortWord reports whether s is one or two CJK characters: an unknown measure word.
func shortWord(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if n > 2 || !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return n > 0
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

// Words that state a timing without a date (按季度, 及时).
var periodWords = map[string]bool{
	"按季度": true, "每季度": true, "按季": true, "每季": true, "按月": true, "每月": true,
	"按年": true, "每年": true, "按半年": true, "每半年": true, "按周": true, "每周": true,
	"按时": true, "及时": true, "按期": true, "按时完成": true, "及时完成": true, "按期完成": true,
	"年内": true, "年内完成": true, "当年": true, "当年完成": true, "全年": true, "年度内": true,
	"本年度": true, "本年度内": true, "常年": true, "长期": true, "实时": true,
}

// readPeriodTarget reads a period or deadline target: 2021.1-2021.12, 2021年, 10月前,
// 6月底前, 12月31日前, 年底前, 2021年12月底前完成, 按季度. Deadlines read into a Period
// whose To is the deadline's month and whose From is January of the same year (the budget
// year); without a year only the months are set.
func readPeriodTarget(s string) (Period, bool) {
	if periodWords[s] {
		return Period{Text: s}, true
	}
	core := s
	for _, w := range [...]string{"前完成", "完成", "前"} {
		if strings.HasSuffix(core, w) {
			core = core[:len(core)-len(w)]
			break
		}
	}
	deadline := core != s
	for _, w := range [...]string{"以", "之"} {
		core = strings.TrimSuffix(core, w)
	}
	if deadline {
		if p, ok := readDeadline(core); ok {
			p.Text = s
			return p, true
		}
	}
	if _, size := digitAt(s, 0); size == 0 {
		if deadline {
			return Period{}, false
		}
		// 年底, 6月底, 第四季度, 上半年 without 前.
		if strings.HasSuffix(s, "底") || strings.HasSuffix(s, "末") || strings.HasSuffix(s, "季度") || strings.HasSuffix(s, "半年") {
			if p, ok := readDeadline(s); ok {
				p.Text = s
				return p, true
			}
		}
		return Period{}, false
	}
	// 2022.12 alone is a number (NewIndicator reads it as a date in a 时效 indicator);
	// 2021-06, 2021/6 and 2021年6月 are months.
	if p, shape, ok := parsePeriod(s); ok && (shape.rng || shape.words || shape.numbers >= 3 || shape.slash || shape.dash) {
		return p, true
	}
	if strings.HasSuffix(s, "底") || strings.HasSuffix(s, "末") || deadline {
		if p, ok := readDeadline(core); ok {
			p.Text = s
			return p, true
		}
	}
	return Period{}, false
}

// readDeadline reads the date of a deadline without its 前: 10月, 6月底, 12月31日, 年底,
// 2021年12月底, 2021.6.30, 十月.
func readDeadline(core string) (Period, bool) {
	for _, w := range [...]string{"底", "末", "上旬", "中旬", "下旬", "份"} {
		if strings.HasSuffix(core, w) {
			core = core[:len(core)-len(w)]
			break
		}
	}
	switch core {
	case "年", "本年", "当年", "今年", "年度", "本年度":
		return Period{FromMonth: 1, ToMonth: 12}, true
	case "年中", "上半年", "第二季度", "二季度":
		return Period{FromMonth: 1, ToMonth: 6}, true
	case "第一季度", "一季度":
		return Period{FromMonth: 1, ToMonth: 3}, true
	case "第三季度", "三季度":
		return Period{FromMonth: 1, ToMonth: 9}, true
	case "第四季度", "四季度", "下半年":
		return Period{FromMonth: 1, ToMonth: 12}, true
	}
	if strings.HasSuffix(core, "日") || strings.HasSuffix(core, "号") { // 12月31日
		i := strings.LastIndex(core, "月")
		if i < 0 {
			return Period{}, false
		}
		day := core[i+len("月") : len(core)-len("日")]
		if d, ok := smallNumber(day); !ok || d < 1 || d > 31 {
			return Period{}, false
		}
		core = core[:i+len("月")]
	}
	year := 0
	if strings.HasSuffix(core, "月") {
		core = core[:len(core)-len("月")]
		ms := core
		if i := strings.LastIndex(core, "年"); i >= 0 {
			ms = core[i+len("年"):]
			y, ok := smallNumber(core[:i])
			if !ok || y < 1900 || y > 2200 {
				return Period{}, false
			}
			year = y
		}
		m, ok := smallNumber(ms)
		if !ok {
			m, ok = chineseMonth(ms)
		}
		if !ok || m < 1 || m > 12 {
			return Period{}, false
		}
		return Period{FromYear: year, FromMonth: 1, ToYear: year, ToMonth: m}, true
	}
	if strings.HasSuffix(core, "年") {
		y, ok := smallNumber(core[:len(core)-len("年")])
		if !ok || y < 1900 || y > 2200 {
			return Period{}, false
		}
		return Period{FromYear: y, FromMonth: 1, ToYear: y, ToMonth: 12}, true
	}
	if p, shape, ok := parsePeriod(core); ok && !shape.rng && shape.numbers >= 2 {
		p.FromMonth = 1
		return p, true
	}
	return Period{}, false
}

// smallNumber reads a whole number of ASCII or full-width digits (at most 4).
func smallNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	v, n := 0, 0
	for i := 0; i < len(s); {
		d, size := digitAt(s, i)
		if size == 0 || n == 4 {
			return 0, false
		}
		v = v*10 + d
		n++
		i += size
	}
	return v, true
}

// chineseMonth reads 一 … 十二 (a month written in Chinese numerals).
func chineseMonth(s string) (int, bool) {
	const digits = "一二三四五六七八九"
	if s == "十" {
		return 10, true
	}
	if rest, ok := strings.CutPrefix(s, "十"); ok {
		d := strings.Index(digits, rest)
		if d < 0 || len(rest) != 3 || d/3 > 1 {
			return 0, false
		}
		return 11 + d/3, true
	}
	if len(s) != 3 {
		return 0, false
	}
	if d := strings.Index(digits, s); d >= 0 {
		return 1 + d/3, true
	}
	return 0, false
}

// periodShape says how a period was written.
type periodShape struct {
	rng     bool // two ends (2021.1-2021.12)
	words   bool // 年 or 月 was written
	numbers int  // how many numbers
	slash   bool // written with / (2021/6)
	dash    bool // the year is followed by a hyphen (2021-06)
}

// A periodNum is one number of a period and the separator that follows it: '.' (. / ．),
// '-' (a hyphen: a date separator or a range), 'r' (a range: ~ 至 到 —), 'y' 年, 'm' 月,
// 'd' 日, 0 at the end.
type periodNum struct {
	v, digits int
	after     byte
}

// parsePeriod is ParsePeriod, also saying how the period was written. It does not
// allocate.
func parsePeriod(text string) (Period, periodShape, bool) {
	fail := Period{Text: text}
	var nums [8]periodNum
	var shape periodShape
	k := -1 // index of the current number
	inNum := false
	s := text
	for i := 0; i < len(s); {
		if d, size := digitAt(s, i); size > 0 {
			if !inNum {
				k++
				if k == len(nums) {
					return fail, shape, false
				}
				inNum = true
			}
			nums[k].v = nums[k].v*10 + d
			nums[k].digits++
			if nums[k].digits > 4 {
				return fail, shape, false
			}
			i += size
			continue
		}
		inNum = false
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var sep byte
		switch r {
		case ' ', '\t', '\u3000', '度', '份':
			continue
		case '.', '．':
			sep = '.'
		case '/', '／':
			sep, shape.slash = '.', true
		case '-', '－', '‐':
			sep = '-'
		case '~', '～', '至', '到', '—', '–', '―', '〜':
			sep = 'r'
		case '年':
			sep, shape.words = 'y', true
		case '月':
			sep, shape.words = 'm', true
		case '日', '号':
			sep = 'd'
		default:
			return fail, shape, false
		}
		if k < 0 {
			return fail, shape, false
		}
		// The strongest separator after a number wins: a range over a hyphen over the rest.
		switch a := nums[k].after; {
		case a == 'r':
		case sep == 'r', a == 0, sep == '-' && a != 'r':
			nums[k].after = sep
		}
	}
	n := k + 1
	shape.numbers = n
	if n == 0 {
		return fail, shape, false
	}
	shape.dash = nums[0].after == '-'
	split := -1
	for j := 0; j < n-1 && split < 0; j++ {
		if nums[j].after == 'r' {
			split = j + 1
		}
	}
	for j := 1; j < n && split < 0; j++ {
		if nums[j].digits == 4 {
			split = j
		}
	}
	if split < 0 && nums[0].after != '-' {
		for j := 0; j < n-1; j++ {
			if nums[j].after == '-' {
				split = j + 1
				break
			}
		}
	}
	var from, to []periodNum
	if split < 0 {
		from, to = nums[:n], nums[:n]
	} else {
		from, to = nums[:split], nums[split:n]
		shape.rng = true
	}
	fy, fm, ok := periodEnd(from, 0, 1)
	if !ok {
		return fail, shape, false
	}
	ty, tm, ok := periodEnd(to, fy, 12)
	if !ok || ty*12+tm < fy*12+fm {
		return fail, shape, false
	}
	return Period{Text: text, FromYear: fy, FromMonth: fm, ToYear: ty, ToMonth: tm}, shape, true
}

// periodEnd reads one end of a period: year [month [day]], or month [day] taking the year
// of the other end (inherit > 0). defMonth is used when only a year is given.
func periodEnd(g []periodNum, inherit, defMonth int) (y, m int, ok bool) {
	if len(g) == 0 {
		return 0, 0, false
	}
	if g[0].digits == 4 {
		y, g = g[0].v, g[1:]
	} else if inherit > 0 {
		y = inherit
	} else {
		return 0, 0, false
	}
	if y < 1900 || y > 2200 || len(g) > 2 {
		return 0, 0, false
	}
	if len(g) == 0 {
		return y, defMonth, true
	}
	if g[0].digits > 2 || g[0].v < 1 || g[0].v > 12 {
		return 0, 0, false
	}
	if len(g) == 2 && (g[1].digits > 2 || g[1].v < 1 || g[1].v > 31) {
		return 0, 0, false
	}
	return y, g[0].v, true
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
	case frac == 0 && whole >= minExcelSerial && whole <= maxExcelSerial:
		d := excelEpoch.AddDate(0, 0, int(whole))
		p = Period{Text: d.Format(time.DateOnly), FromYear: d.Year(), FromMonth: 1, ToYear: d.Year(), ToMonth: int(d.Month())}
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

// Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug folded in). Serial
// numbers from 1990-01-01 to 2100-12-31 are read as dates in 时效 indicators.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

const (
	minExcelSerial = 32874 // 1990-01-01
	maxExcelSerial = 73415 // 2100-12-31
)

func containsStr(s, sub string) bool { return strings.Contains(s, sub) }
