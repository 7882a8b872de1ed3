package jixiao

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseTarget reads a 指标值 into its form. It never fails: text it cannot read is kept
// verbatim with Kind TargetUnreadable and a Problem. The forms are those of standards.md
// §1.2: bounds with ASCII or full-width operators or words (≥95%, ≤5万元, 不低于90%,
// 95%以上), exact figures (100%, 1个, 16.5万元), periods and deadlines (2021.1-2021.12,
// 10月前, 按季度), qualitative words (良好, 达标), placeholders (/, —, empty,
// 无直接经济效益) and several counts in one cell (各类培训8次；各类会议21次).
func ParseTarget(text string) Target {
	t := Target{Text: text}
	s := normalizeSpace(text)
	s = strings.TrimRight(s, "。.；;，,、 ")
	if isNotApplicable(s) {
		t.Kind = TargetNotApplicable
		return t
	}
	if p, ok := parseDeadline(s); ok {
		t.Kind = TargetPeriod
		if p.IsSet() {
			t.Deadline = &p
		}
		return t
	}
	if op, v, unit, ok := parseBound(s); ok {
		t.Kind, t.Op, t.Value, t.Unit = TargetNumeric, op, v, unit
		return t
	}
	if parts, ok := parseCompound(s); ok {
		t.Kind, t.Parts = TargetCompound, parts
		return t
	}
	if !hasDigit(s) {
		t.Kind, t.Grade = TargetQualitative, s
		return t
	}
	t.Kind = TargetUnreadable
	t.Problem = "无法识别指标值：既不是“运算符＋数值＋单位”，也不是定性描述或期限"
	return t
}

// normalizeSpace trims and folds runs of white space (including full-width spaces and
// line breaks inside a cell) into nothing between CJK characters and one space elsewhere.
func normalizeSpace(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, " \t\r\n\u3000\u00a0") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u3000' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			if last < 0x80 && r < 0x80 {
				b.WriteByte(' ')
			}
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

var notApplicable = map[string]bool{
	"": true, "/": true, "／": true, "\\": true, "—": true, "——": true, "-": true, "--": true, "－": true,
	"–": true, "无": true, "暂无": true, "不适用": true, "不涉及": true, "无直接经济效益": true,
	"无直接社会效益": true, "无直接生态效益": true, "无生态效益": true, "无经济效益": true, "N/A": true, "n/a": true,
}

func isNotApplicable(s string) bool { return notApplicable[s] }

func hasDigit(s string) bool {
	for _, r := range s {
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
			return true
		}
	}
	return false
}

// Operator words, longest first so that 大于等于 wins over 大于.
var opWords = []struct {
	w  string
	op Op
}{
	{"大于或等于", OpGE}, {"小于或等于", OpLE}, {"大于等于", OpGE}, {"小于等于", OpLE},
	{">=", OpGE}, {"<=", OpLE}, {"＞＝", OpGE}, {"＜＝", OpLE}, {"=>", OpGE}, {"=<", OpLE},
	{"≥", OpGE}, {"≤", OpLE}, {"⩾", OpGE}, {"⩽", OpLE}, {"≧", OpGE}, {"≦", OpLE},
	{"不低于", OpGE}, {"不少于", OpGE}, {"不小于", OpGE}, {"至少", OpGE}, {"达到", OpGE},
	{"不高于", OpLE}, {"不超过", OpLE}, {"不大于", OpLE}, {"不多于", OpLE}, {"控制在", OpLE}, {"低于", OpLT},
	{"高于", OpGT}, {"超过", OpGT}, {"大于", OpGT}, {"小于", OpLT}, {"多于", OpGT}, {"少于", OpLT},
	{">", OpGT}, {"<", OpLT}, {"＞", OpGT}, {"＜", OpLT}, {"=", OpEQ}, {"＝", OpEQ}, {"等于", OpEQ},
}

// Suffixes that carry the operator: 95%以上, 5万元以内.
var opSuffixes = []struct {
	w  string
	op Op
}{
	{"及以上", OpGE}, {"以上", OpGE}, {"及以下", OpLE}, {"以下", OpLE}, {"以内", OpLE}, {"之内", OpLE},
}

// parseBound reads [op] number [unit] [suffix]: ≥95%, ≤200元/人, 12台, 16.5万元, 95%以上.
func parseBound(s string) (Op, Decimal, string, bool) {
	op := OpNone
	for _, w := range opWords {
		if strings.HasPrefix(s, w.w) {
			op, s = w.op, strings.TrimSpace(s[len(w.w):])
			break
		}
	}
	for _, w := range opSuffixes {
		if strings.HasSuffix(s, w.w) && op == OpNone {
			op, s = w.op, strings.TrimSpace(s[:len(s)-len(w.w)])
			break
		}
	}
	num, rest := leadingNumber(s)
	if num == "" {
		return OpNone, Decimal{}, "", false
	}
	v, err := ParseDecimal(num)
	if err != nil {
		return OpNone, Decimal{}, "", false
	}
	unit, ok := readUnit(strings.TrimSpace(rest))
	if !ok {
		return OpNone, Decimal{}, "", false
	}
	return op, v, unit, true
}

// leadingNumber splits s into a leading decimal number (ASCII or full-width digits, an
// optional point, thousands commas) and the rest.
func leadingNumber(s string) (num, rest string) {
	var b strings.Builder
	i := 0
	seenPoint := false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case (r == '.' || r == '．') && !seenPoint && b.Len() > 0:
			seenPoint = true
			b.WriteByte('.')
		case r == ',' && b.Len() > 0 && i+3 < len(s)+1 && isThousands(s[i+1:]):
			// 44,926 or 1,000: a thousands separator, not a list comma.
		default:
			return trimPoint(b.String()), s[i:]
		}
		i += size
	}
	return trimPoint(b.String()), ""
}

func isThousands(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

func trimPoint(s string) string { return strings.TrimSuffix(s, ".") }

// Unit words normalised to one spelling.
var unitAliases = map[string]string{
	"百分比": "%", "％": "%", "百分点": "%", "个百分点": "%",
}

// readUnit accepts the rest of a bound as its unit when it looks like one: short, with no
// digits, no sentence punctuation.
func readUnit(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if a, ok := unitAliases[s]; ok {
		return a, true
	}
	if utf8.RuneCountInString(s) > 6 || hasDigit(s) || strings.ContainsAny(s, "，,。；;：:、（）()") {
		return "", false
	}
	return s, true
}

// parseDeadline reads periods and deadlines: 2021.1-2021.12, 2021年12月, 10月前, 6月底前,
// 年底前, 12月31日前, 按季度, 每月.
func parseDeadline(s string) (Period, bool) {
	switch s {
	case "按季度", "每季度", "按月", "每月", "按年", "每年", "按时", "及时", "年底前", "年内", "当年", "全年", "年度内", "按期", "按时完成", "及时完成":
		return Period{Text: s}, true
	}
	if strings.HasSuffix(s, "前") || strings.HasSuffix(s, "底") || strings.HasSuffix(s, "以前") || strings.HasSuffix(s, "之前") {
		core := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "之前"), "以前"), "前")
		core = strings.TrimSuffix(core, "底")
		core = strings.TrimSuffix(core, "月")
		if i := strings.Index(core, "月"); i >= 0 { // 12月31日
			core = core[:i]
		}
		core = strings.TrimPrefix(strings.TrimPrefix(core, "年"), "本年")
		if y, m, ok := strings.Cut(core, "年"); ok {
			if p, ok := ParsePeriod(y + "." + m); ok {
				p.Text = s
				return p, true
			}
		}
		if _, err := ParseDecimal(core); err == nil || core == "" {
			return Period{Text: s}, true
		}
		return Period{}, false
	}
	if strings.ContainsAny(s, ".年-~～至/") && hasDigit(s) {
		if p, ok := ParsePeriod(s); ok {
			p.Text = s
			return p, true
		}
	}
	return Period{}, false
}

// parseCompound reads several counts in one cell, separated by ；;，,、 or 。:
// 各类培训8次；各类会议21次；调研9次 or 新联会5万；知联会5万. Every piece must read as
// name + [op] + number + unit, and there must be at least two.
func parseCompound(s string) ([]TargetPart, bool) {
	pieces := strings.FieldsFunc(s, func(r rune) bool {
		return r == '；' || r == ';' || r == '，' || r == ',' || r == '、' || r == '。'
	})
	if len(pieces) < 2 {
		return nil, false
	}
	parts := make([]TargetPart, 0, len(pieces))
	for _, p := range pieces {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		part, ok := parsePart(p)
		if !ok {
			return nil, false
		}
		parts = append(parts, part)
	}
	return parts, len(parts) >= 2
}

func parsePart(s string) (TargetPart, bool) {
	// The name is everything before the first digit or operator.
	i := strings.IndexFunc(s, func(r rune) bool {
		return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') || strings.ContainsRune("≥≤<>＜＞=＝", r)
	})
	if i <= 0 {
		return TargetPart{}, false
	}
	name := strings.TrimSpace(s[:i])
	for _, w := range opWords { // 培训不少于8次
		if strings.HasSuffix(name, w.w) && len(w.w) < len(name) {
			name = strings.TrimSpace(strings.TrimSuffix(name, w.w))
			i = strings.Index(s, w.w)
			break
		}
	}
	op, v, unit, ok := parseBound(strings.TrimSpace(s[i:]))
	if !ok || unit == "" {
		return TargetPart{}, false
	}
	return TargetPart{Text: s, Name: name, Op: op, Value: v, Unit: unit}, true
}

func containsStr(s, sub string) bool { return strings.Contains(s, sub) }
