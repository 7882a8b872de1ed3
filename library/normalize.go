// Package library is the indicator library (指标库): entries for 三级指标 from the
// standards, a bureau's own lists and what published plans already say; the
// normalisation that groups one indicator written in different words; the statistics
// learnt from a stream of plans; suggestions while filling; the finance bureau's views.
//
// The vocabulary of the normaliser (filler words, synonyms, measure words) is data, in
// vocab.json; this file is the algorithm.
package library

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

//go:embed vocab.json
var vocabJSON []byte

// Vocabulary is the data the normaliser works from (vocab.json).
type Vocabulary struct {
	Fillers  []string          `json:"fillers"`  // words that only restate the project itself
	Suffixes []string          `json:"suffixes"` // trailing words that change nothing (情况, 调查, %)
	Replace  [][2]string       `json:"replace"`  // synonyms, applied in order
	Prefixes []string          `json:"prefixes"` // leading verbs cut when a measure follows (完成培训人次 = 培训人次)
	Whole    map[string]string `json:"whole"`    // whole normalised names mapped to another
	// Statements are names written as a statement of the target rather than as a
	// measure (资金执行在预算范围内, 建设符合验收要求): a regular expression over the whole
	// name (after labels and parentheses are cut) and the normal form it stands for.
	Statements     [][2]string       `json:"statements"`
	People         []string          `json:"people"`   // nouns of people: X数量 and X数 read as X人数
	Measures       map[string]string `json:"measures"` // a unit in parentheses → the measure noun it adds
	MeasureEndings []string          `json:"measureEndings"`
	Endings        [][2]string       `json:"endings"` // trailing words read as another (比例 → 率, 数量 → 数), after people
}

// DefaultVocabulary returns the embedded vocabulary.
func DefaultVocabulary() *Vocabulary {
	var v Vocabulary
	if err := json.Unmarshal(vocabJSON, &v); err != nil {
		panic("library: vocab.json: " + err.Error())
	}
	return &v
}

// Normalizer turns an indicator name into its normal form; two names with the same
// Key are the same indicator.
type Normalizer struct {
	v        *Vocabulary
	fillers  []string
	peopleRe *regexp.Regexp
	// statements are Vocabulary.Statements compiled.
	statements []statement

	// keys remembers Key's answers: every plan page asks for the key of each of its
	// indicators (the library's warnings among its findings), and the names repeat.
	keys  sync.Map // name → key
	nkeys atomic.Int64
}

type statement struct {
	re *regexp.Regexp
	as string
}

// maxKeys bounds the remembered keys (distinct names a region writes are far fewer).
const maxKeys = 200_000

// NewNormalizer makes a normaliser over v (DefaultVocabulary when nil).
func NewNormalizer(v *Vocabulary) *Normalizer {
	if v == nil {
		v = DefaultVocabulary()
	}
	n := &Normalizer{v: v, fillers: append([]string(nil), v.Fillers...)}
	for _, st := range v.Statements {
		n.statements = append(n.statements, statement{regexp.MustCompile("^(?:" + st[0] + ")$"), st[1]})
	}
	// Longest first, so 建设项目 goes before 项目.
	sort.SliceStable(n.fillers, func(i, j int) bool { return len(n.fillers[i]) > len(n.fillers[j]) })
	if len(v.People) > 0 {
		q := make([]string, len(v.People))
		for i, p := range v.People {
			q[i] = regexp.QuoteMeta(p)
		}
		n.peopleRe = regexp.MustCompile("(" + strings.Join(q, "|") + ")(数量|数)$")
	}
	return n
}

var (
	placeholderRe = regexp.MustCompile(`[≥≤><=]+\s*[\*＊]+.*$`)
	parenRe       = regexp.MustCompile(`\(([^()]*)\)`)
	// labelRe is what a form writes before the name: a row label (指标1:, 指标2.), a
	// number (1、 2.), 其中: for a sub-row.
	labelRe = regexp.MustCompile(`^(指标\d+[:.、．]?|指标[:.、．]|\d+[.、．]|其中:)+`)
	// basisRe is the basis a rate is counted on (以乡镇为单位…接种率): it says how, not what.
	basisRe = regexp.MustCompile(`以[^以为]{1,8}为单位`)
	// aboutRe is a satisfaction naming what it is about: 救助对象对救助工作满意度.
	aboutRe = regexp.MustCompile(`^(.+)对(.*?)的?满意度$`)
	// ageRe is an age range from birth, 0-6岁 or 0～6周岁: the same children as 7岁以下.
	ageRe = regexp.MustCompile(`(^|[^0-9])0[-~—–至到]([0-9]{1,2})周?岁`)
)

// fold maps full-width forms to ASCII, drops spaces and quotes.
func fold(s string) string {
	if !needsFold(s) {
		return s // most names and queries: nothing to change, nothing to allocate
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '【' || r == '〔':
			r = '('
		case r == '】' || r == '〕':
			r = ')'
		}
		if unicode.IsSpace(r) || strings.ContainsRune("“”\"'‘’「」《》", r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needsFold says whether fold would change s.
func needsFold(s string) bool {
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E || r == '【' || r == '〔' || r == '】' || r == '〕' || unicode.IsSpace(r) ||
			strings.ContainsRune("“”\"'‘’「」《》", r) {
			return true
		}
	}
	return false
}

// Normal returns the normal form of name, in its own word order: parentheses and
// placeholders cut, fillers removed, synonyms replaced, the measure of a unit in
// parentheses added. It keeps "**" placeholders, which Same reads as a wildcard.
func (n *Normalizer) Normal(name string) string {
	s := fold(name)
	// A unit in parentheses, (次) or (人), says what is counted.
	unit := ""
	for _, m := range parenRe.FindAllStringSubmatch(s, -1) {
		// (次/年) and (人次/年) count 次 and 人次, over a year.
		u, _, _ := strings.Cut(m[1], "/")
		if _, ok := n.v.Measures[u]; ok {
			unit = u
		}
	}
	s = cutParens(s)
	s = markReplacer.Replace(s)
	s = labelRe.ReplaceAllString(s, "")
	s = basisRe.ReplaceAllString(s, "")
	s = ageRe.ReplaceAllStringFunc(s, ageUnder)
	s = placeholderRe.ReplaceAllString(s, "")
	for _, st := range n.statements {
		if st.re.MatchString(s) {
			return st.as
		}
	}
	s = n.cutSuffixes(s)
	for _, f := range n.fillers {
		s = strings.ReplaceAll(s, f, "")
	}
	for _, r := range n.v.Replace {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	s = n.cutSuffixes(s)
	s = n.cutPrefixes(s)
	s = n.cutAbout(s)
	if w, ok := n.v.Whole[s]; ok {
		s = w
	}
	s = cutYearPrefix(s)
	// 培训人员数 and 培训人员数量 count the people trained: 培训人数.
	for _, e := range []string{"人员数量", "人员数"} {
		if rest, ok := strings.CutSuffix(s, e); ok && rest != "" {
			s = rest + "人数"
			break
		}
	}
	if n.peopleRe != nil {
		s = n.peopleRe.ReplaceAllString(s, "${1}人数")
	}
	for _, e := range n.v.Endings {
		if strings.HasSuffix(s, e[0]) && len(s) > len(e[0]) {
			s = strings.TrimSuffix(s, e[0]) + e[1]
			break
		}
	}
	if unit != "" && !n.endsWithMeasure(s) {
		s += n.v.Measures[unit]
	}
	return s
}

// cutParens removes every balanced parenthesis with what it holds, nested ones too
// (项目(工程(一期))建设 → 项目建设); an unmatched "(" or ")" stays for markReplacer. One
// pass: removing the innermost pair until none is left took time quadratic in the depth,
// seconds for a name of a few thousand nested brackets.
func cutParens(s string) string {
	if !strings.Contains(s, ")") {
		return s
	}
	var open []int
	var cuts [][2]int // matched pairs, the outermost of each nest last
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			open = append(open, i)
		case ')':
			if n := len(open); n > 0 {
				o := open[n-1]
				open = open[:n-1]
				// A pair encloses the pairs recorded after its "(": they go.
				for len(cuts) > 0 && cuts[len(cuts)-1][0] > o {
					cuts = cuts[:len(cuts)-1]
				}
				cuts = append(cuts, [2]int{o, i + 1})
			}
		}
	}
	if len(cuts) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	at := 0
	for _, c := range cuts {
		b.WriteString(s[at:c[0]])
		at = c[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// markReplacer drops what is left of brackets and the core-indicator stars (★, ★★★).
var markReplacer = strings.NewReplacer("(", "", ")", "", "★", "", "☆", "")

// ageUnder writes an age range from birth (0-6岁) as the age it stays under (7岁以下).
func ageUnder(m string) string {
	sub := ageRe.FindStringSubmatch(m)
	age, err := strconv.Atoi(sub[2])
	if err != nil {
		return m
	}
	return sub[1] + strconv.Itoa(age+1) + "岁以下"
}

// cutYearPrefix drops a leading 年 that only says "in the year" (年接待人次 is 接待人次),
// and keeps the words that begin with it (年龄, 年限, 年均, 年底…).
func cutYearPrefix(s string) string {
	rest, ok := strings.CutPrefix(s, "年")
	if !ok || utf8.RuneCountInString(rest) < 3 {
		return s
	}
	if r, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune("龄限均底末初终轻度份内报鉴检审", r) {
		return s
	}
	return rest
}

// cutAbout drops what a satisfaction says it is about when that only restates the
// people asked (救助对象对救助工作满意度 is 救助对象满意度: 工作 is a filler, 救助 is in
// 救助对象); 师生对仪器购置的满意度 keeps its 仪器, which 师生 does not say.
func (n *Normalizer) cutAbout(s string) string {
	if !strings.Contains(s, "对") {
		return s
	}
	m := aboutRe.FindStringSubmatch(s)
	if m == nil || !(strings.Contains(m[1], m[2]) || restates(m[1], m[2])) {
		return s
	}
	return m[1] + "满意度"
}

// restates says whether what a satisfaction is about ends in a word of two or more
// characters that the people asked already say: 救助对象对社会救助满意度 asks the 救助
// 对象 about 救助.
func restates(people, about string) bool {
	r := []rune(about)
	return len(r) >= 2 && strings.Contains(people, string(r[len(r)-2:]))
}

// cutPrefixes drops a leading verb (完成) when what follows is a measure of its own:
// 完成培训人次 is 培训人次, while 完成率, 完成时间 and 完成及时率 keep it, since without
// it they would say nothing or something else.
func (n *Normalizer) cutPrefixes(s string) string {
	for _, p := range n.v.Prefixes {
		rest, ok := strings.CutPrefix(s, p)
		if !ok || utf8.RuneCountInString(rest) < 3 {
			continue
		}
		if strings.HasPrefix(rest, "时间") || strings.HasPrefix(rest, "及时") || strings.HasPrefix(rest, "率") {
			continue
		}
		return rest
	}
	return s
}

func (n *Normalizer) cutSuffixes(s string) string {
	for changed := true; changed; {
		changed = false
		for _, suf := range n.v.Suffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s = strings.TrimSuffix(s, suf)
				changed = true
			}
		}
	}
	return s
}

func (n *Normalizer) endsWithMeasure(s string) bool {
	for _, e := range n.v.MeasureEndings {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// Key is the grouping key of name: its normal form with the characters sorted, so
// that word order (降尘抑尘 / 抑尘降尘, 及时完成率 / 完成及时率) does not matter.
func (n *Normalizer) Key(name string) string {
	if k, ok := n.keys.Load(name); ok {
		return k.(string)
	}
	k := sortRunes(n.Normal(name))
	if n.nkeys.Load() < maxKeys {
		if _, loaded := n.keys.LoadOrStore(name, k); !loaded {
			n.nkeys.Add(1)
		}
	}
	return k
}

func sortRunes(s string) string {
	r := []rune(s)
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return string(r)
}

// Same reports whether a and b name the same indicator. A "**" placeholder (购置**的验收
// 通过率) matches any words that fill it.
func (n *Normalizer) Same(a, b string) bool {
	na, nb := n.Normal(a), n.Normal(b)
	if na == "" || nb == "" {
		return false
	}
	if strings.Contains(na, "**") && !strings.Contains(nb, "**") {
		return wildcard(na, nb)
	}
	if strings.Contains(nb, "**") && !strings.Contains(na, "**") {
		return wildcard(nb, na)
	}
	return sortRunes(na) == sortRunes(nb)
}

func wildcard(pattern, s string) bool {
	parts := strings.Split(pattern, "**")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(strings.Trim(p, "*"))
	}
	re, err := regexp.Compile("^" + strings.Join(parts, ".+") + "$")
	return err == nil && re.MatchString(s)
}
