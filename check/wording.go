package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// wordingFile is a list of miswritings (wording/*.json), extendable by reviewers.
type wordingFile struct {
	Kind     string    `json:"kind"`
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Typos    []typo    `json:"typos"`
	Variants []variant `json:"variants"`
}

// typo is a common miswriting and its fix. Conditions on the neighbouring characters keep
// it from firing on correct text: 三高四 is wrong only when 新 does not follow; 截止 only
// when a time follows ('#' stands for any digit).
type typo struct {
	Wrong         string `json:"wrong"`
	Right         string `json:"right"`
	FollowedBy    string `json:"followedBy,omitempty"`
	NotFollowedBy string `json:"notFollowedBy,omitempty"`
	NotPrecededBy string `json:"notPrecededBy,omitempty"`
	Note          string `json:"note,omitempty"`
}

// variant is a term with more than one written form; a plan should use one.
type variant struct {
	Preferred string   `json:"preferred"`
	Others    []string `json:"others"`
	Note      string   `json:"note,omitempty"`
}

type wordList struct {
	typos    []typo
	variants []variant
	// entries indexes every string the scanner looks for by its first rune.
	entries []wordEntry
	// The scanner looks at the entries that start at a rune only when the rune and the
	// next may begin one: pairs is a bitset over a hash of the first two runes of the
	// entries. Nearly every first rune is a common character (一, 不, 有 …) followed by
	// another than in any entry, and a test at every rune of a text that is rarely true
	// costs less than one that is often true. alone marks the runes that are acted on
	// whatever follows them: the first runes of the entries of one rune (or not valid
	// UTF-8), and the opening quote “ of a quoted name.
	pairs   [1 << 16 / 64]uint64
	alone   [1 << 16 / 64]uint64
	byFirst map[rune][]int
	// table is byFirst as an open-addressed hash table over the first runes, probed for
	// the places the bitsets let through.
	table []firstSlot
	shift uint
}

type firstSlot struct {
	r       rune // 0: empty
	entries []int
}

type wordEntry struct {
	s       string
	typo    int // index into typos, or -1
	variant int // index into variants, or -1
	other   bool
}

func (w *wordList) add(f *wordingFile) error {
	for _, t := range f.Typos {
		if t.Wrong == "" || t.Right == "" || t.Wrong == t.Right {
			return fmt.Errorf("typo %q → %q", t.Wrong, t.Right)
		}
		w.typos = append(w.typos, t)
	}
	for _, v := range f.Variants {
		if v.Preferred == "" || len(v.Others) == 0 {
			return fmt.Errorf("variant %q without other forms", v.Preferred)
		}
		w.variants = append(w.variants, v)
	}
	return nil
}

func (w *wordList) prepare() error {
	w.byFirst = map[rune][]int{}
	w.entries = w.entries[:0]
	for i, t := range w.typos {
		w.entries = append(w.entries, wordEntry{s: t.Wrong, typo: i, variant: -1})
	}
	for i, v := range w.variants {
		w.entries = append(w.entries, wordEntry{s: v.Preferred, typo: -1, variant: i})
		for _, o := range v.Others {
			w.entries = append(w.entries, wordEntry{s: o, typo: -1, variant: i, other: true})
		}
	}
	for i, e := range w.entries {
		r, size := utf8.DecodeRuneInString(e.s)
		w.byFirst[r] = append(w.byFirst[r], i)
		if r < 1<<16 {
			rest := e.s[size:]
			if r2, _ := utf8.DecodeRuneInString(rest); rest != "" && utf8.ValidString(e.s) {
				h := pairHash(r, r2)
				w.pairs[h/64] |= 1 << (h % 64)
			} else {
				w.alone[r/64] |= 1 << (r % 64)
			}
		}
	}
	w.alone['“'/64] |= 1 << ('“' % 64)
	size, shift := 16, uint(32-4)
	for size < 4*len(w.byFirst) {
		size, shift = size*2, shift-1
	}
	w.table, w.shift = make([]firstSlot, size), shift
	for r, es := range w.byFirst {
		if r == 0 {
			return fmt.Errorf("entry starting with NUL")
		}
		h := w.slot(r)
		for w.table[h].r != 0 {
			h = (h + 1) & (len(w.table) - 1)
		}
		w.table[h] = firstSlot{r: r, entries: es}
	}
	return nil
}

func (w *wordList) slot(r rune) int { return int(uint32(r) * 2654435761 >> w.shift) }

// candidates returns the entries that start with r.
func (w *wordList) candidates(r rune) []int {
	for h := w.slot(r); ; h = (h + 1) & (len(w.table) - 1) {
		sl := &w.table[h]
		if sl.r == r {
			return sl.entries
		}
		if sl.r == 0 {
			return nil
		}
	}
}

// nextRune decodes the rune at text[i] like a range loop does, with a fast path for the
// three-byte runes of Chinese text.
func nextRune(text string, i int) (rune, int) {
	if b := text[i]; b >= 0xE1 && b <= 0xEF && b != 0xED && i+2 < len(text) {
		b1, b2 := text[i+1], text[i+2]
		if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(b&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// pairHash indexes pairs by the low bytes of the two runes: cheap, and a random pair
// of Chinese characters meets one of the few dozen entries' pairs once in a thousand.
func pairHash(r1, r2 rune) uint32 {
	return uint32(r1&0xFF)<<8 | uint32(r2&0xFF)
}

// isAlone reports whether the scanner acts on r whatever follows it (alone); runes
// outside the Basic Multilingual Plane always are.
func (w *wordList) isAlone(r rune) bool {
	u := uint32(r) // unsigned: no sign fix-ups in the shift and the mask
	return u >= 1<<16 || w.alone[u>>6]&(1<<(u&63)) != 0
}

// mayPair reports whether an entry may start with r1 followed by r2 (pairs).
func (w *wordList) mayPair(r1, r2 rune) bool {
	h := pairHash(r1, r2)
	return w.pairs[h>>6]&(1<<(h&63)) != 0
}

// matchAt reports whether entry e matches text at byte offset i, with its conditions.
func (w *wordList) matchAt(e *wordEntry, text string, i int) bool {
	if !strings.HasPrefix(text[i:], e.s) {
		return false
	}
	if e.typo < 0 {
		return true
	}
	t := &w.typos[e.typo]
	next, _ := utf8.DecodeRuneInString(text[i+len(e.s):])
	if t.NotFollowedBy != "" && i+len(e.s) < len(text) && strings.ContainsRune(t.NotFollowedBy, next) {
		return false
	}
	if t.FollowedBy != "" {
		if i+len(e.s) >= len(text) {
			return false
		}
		digit := next >= '0' && next <= '9' || next >= '０' && next <= '９'
		if !(digit && strings.ContainsRune(t.FollowedBy, '#')) && !strings.ContainsRune(t.FollowedBy, next) {
			return false
		}
	}
	if t.NotPrecededBy != "" && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if strings.ContainsRune(t.NotPrecededBy, prev) {
			return false
		}
	}
	return true
}

// cell is one text cell of a plan, addressed without building its path.
type cell struct {
	fund, item, row int // -1 where not applicable
	field           string
}

func (c cell) path() string {
	var p string
	if c.item >= 0 {
		p = itemPath(c.fund, c.item) + "."
	}
	switch {
	case c.row >= 0 && (c.field == "item" || c.field == "owner" || c.field == "objective"):
		return indexPath("keyTasks", c.row) + "." + c.field
	case c.row >= 0:
		return p + indexPath("indicators", c.row) + "." + c.field
	}
	return p + c.field
}

// eachCell calls fn with every text cell of the plan, in table order.
func eachCell(p *jixiao.Plan, fn func(c cell, text string)) {
	fn(cell{-1, -1, -1, "duties"}, p.Duties)
	for i := range p.KeyTasks {
		k := &p.KeyTasks[i]
		fn(cell{-1, -1, i, "item"}, k.Item)
		fn(cell{-1, -1, i, "objective"}, k.Objective)
	}
	inds := func(f, it int, in []jixiao.Indicator) {
		for i := range in {
			fn(cell{f, it, i, "name"}, in[i].Name)
			fn(cell{f, it, i, "target"}, in[i].Target.Text)
			fn(cell{f, it, i, "note"}, in[i].Note)
		}
	}
	inds(-1, -1, p.Indicators)
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			it := &p.SpecialFunds[i].Items[j]
			fn(cell{i, j, -1, "name"}, it.Name)
			if it.Summary != nil {
				fn(cell{i, j, -1, "summary.periodGoal"}, it.Summary.PeriodGoal)
				fn(cell{i, j, -1, "summary.annualGoal"}, it.Summary.AnnualGoal)
			}
			fn(cell{i, j, -1, "periodGoal"}, it.PeriodGoal)
			fn(cell{i, j, -1, "annualGoal"}, it.AnnualGoal)
			inds(i, j, it.Indicators)
		}
	}
}

type variantHit struct {
	c    cell
	text string
	pos  int
}

// typoHit is a typo found in a cell: how often, and where first.
type typoHit struct {
	typo, n, pos int
}

// itemText is an item's own text cell already scanned, and the typos found in it.
type itemText struct {
	text string
	hits []typoHit
}

// wordScan is checkWording's scanner: what it has found so far in a plan.
type wordScan struct {
	w *wordList
	// first occurrence of each variant form: [variant][0 preferred, 1 other], made at
	// the first hit; reported in the order of the list
	vfirst [][2]variantHit
	quoted []quote
	hits   []typoHit // in the cell being scanned, in the order found

	vbuf *[][2]variantHit // the state's scratch for vfirst
}

// scan scans one cell: the typos it holds go to ws.hits, variant forms and quoted names
// to ws.vfirst and ws.quoted.
func (ws *wordScan) scan(c cell, text string) {
	w := ws.w
	ws.hits = ws.hits[:0]
	// Each rune is decoded once, as a range loop does (inline for the three-byte runes
	// of Chinese text, as nextRune). The rune before it, at prevAt, is looked at now
	// that the pair is known, unless it was at once (alone); so the places are looked
	// at in the order of the text, each once.
	prev, prevAt := rune(0), -1
	for i := 0; i < len(text); {
		var r rune
		size := 1
		switch b := text[i]; {
		case b < utf8.RuneSelf:
			r = rune(b)
		case b >= 0xE1 && b <= 0xEF && b != 0xED && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			r, size = rune(b&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
		default:
			r, size = nextRune(text, i)
		}
		if prevAt >= 0 && w.mayPair(prev, r) {
			ws.lookAt(c, text, prevAt, prev)
		}
		prev, prevAt = r, i
		if w.isAlone(r) {
			if r == '“' {
				if q, n, ok := quotedAt(text, i); ok {
					ws.quoted = append(ws.quoted, quote{c: c, s: q, n: n})
				}
			}
			ws.lookAt(c, text, i, r)
			prevAt = -1
		}
		i += size
	}
}

// lookAt records the entries that match at text[i:], r the rune there.
func (ws *wordScan) lookAt(c cell, text string, i int, r rune) {
	w := ws.w
	for _, ei := range w.candidates(r) {
		e := &w.entries[ei]
		if !w.matchAt(e, text, i) {
			continue
		}
		if e.typo >= 0 {
			found := false
			for k := range ws.hits {
				if ws.hits[k].typo == e.typo {
					ws.hits[k].n++
					found = true
				}
			}
			if !found {
				ws.hits = append(ws.hits, typoHit{e.typo, 1, i})
			}
			continue
		}
		if ws.vfirst == nil {
			ws.vfirst = (*ws.vbuf)[:0]
			for range w.variants {
				ws.vfirst = append(ws.vfirst, [2]variantHit{{pos: -1}, {pos: -1}})
			}
			*ws.vbuf = ws.vfirst
		}
		v := &ws.vfirst[e.variant]
		k := 0
		if e.other {
			k = 1
		}
		if v[k].pos < 0 {
			v[k] = variantHit{c: c, text: text, pos: i}
		}
	}
}

// checkWording scans every text cell once for the miswritings, terms written two ways,
// and quoted names written two ways.
func (s *state) checkWording() {
	w := s.c.words
	ws := &s.words
	*ws = wordScan{w: w, quoted: s.quoted[:0], hits: s.hits[:0], vbuf: &s.vfirst}
	// The summary row repeats its item's goals word for word, so an item's text cell
	// (its name, goals and their summary copies) equal to one of the item scanned before
	// has the same typos, and is not scanned again: its variant forms and quoted names
	// were noted at their first occurrence already.
	var seen [6]itemText
	nseen, seenFund, seenItem := 0, -1, -1
	eachCell(s.p, func(c cell, text string) {
		itemCell := c.item >= 0 && c.row < 0
		if itemCell {
			if c.fund != seenFund || c.item != seenItem {
				nseen, seenFund, seenItem = 0, c.fund, c.item
			}
			for k := range seen[:nseen] {
				if seen[k].text == text {
					for _, h := range seen[k].hits {
						s.reportTypo(c, text, h.typo, h.n, h.pos)
					}
					return
				}
			}
		}
		ws.scan(c, text)
		for _, h := range ws.hits {
			s.reportTypo(c, text, h.typo, h.n, h.pos)
		}
		if itemCell && nseen < len(seen) {
			seen[nseen] = itemText{text: text}
			if len(ws.hits) > 0 {
				seen[nseen].hits = slices.Clone(ws.hits)
			}
			nseen++
		}
	})
	s.quoted, s.hits = ws.quoted, ws.hits
	vfirst, quoted := ws.vfirst, ws.quoted
	*ws = wordScan{}
	for vi := range vfirst {
		v := &vfirst[vi]
		if v[0].pos < 0 || v[1].pos < 0 {
			continue
		}
		vr := &w.variants[vi]
		other := ""
		for _, o := range vr.Others {
			if strings.HasPrefix(v[1].text[v[1].pos:], o) {
				other = o
			}
		}
		f := s.add("wording.variant", Warning, v[1].c.path(), "同一份申报中“"+vr.Preferred+"”与“"+other+"”两种写法并存，应统一为“"+vr.Preferred+"”")
		f.Suggestion = &Suggestion{Kind: Replace, Text: "把“" + other + "”改为“" + vr.Preferred + "”", Old: other, New: vr.Preferred, Cell: strings.ReplaceAll(v[1].text, other, vr.Preferred)}
		if vr.Note != "" {
			f.Explanation = vr.Note + "\n" + f.Explanation
		}
	}
	s.checkQuoted(quoted)
}

func (s *state) reportTypo(c cell, text string, ti, n, pos int) {
	w := s.c.words
	t := &w.typos[ti]
	msg := "“" + t.Wrong + "”应为“" + t.Right + "”"
	if n > 1 {
		msg += "（共 " + strconv.Itoa(n) + " 处）"
	}
	msg += "：" + context(text, pos, len(t.Wrong))
	f := s.add("wording.typo", Warning, c.path(), msg)
	f.Suggestion = &Suggestion{Kind: Replace, Text: "把“" + t.Wrong + "”改为“" + t.Right + "”", Old: t.Wrong, New: t.Right, Cell: w.fix(text, ti)}
	if t.Note != "" {
		f.Explanation = t.Note + "\n" + f.Explanation
	}
}

// fix rewrites every occurrence of typo ti in text that meets its conditions.
func (w *wordList) fix(text string, ti int) string {
	t := &w.typos[ti]
	e := wordEntry{s: t.Wrong, typo: ti, variant: -1}
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); {
		if w.matchAt(&e, text, i) {
			b.WriteString(text[last:i])
			b.WriteString(t.Right)
			i += len(t.Wrong)
			last = i
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	b.WriteString(text[last:])
	return b.String()
}

// context shows a few characters around a match: …培养推荐新一代…
func context(text string, pos, n int) string {
	start := pos
	for k := 0; k < 6 && start > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	end := pos + n
	for k := 0; k < 6 && end < len(text); k++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	out := text[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return "“" + out + "”"
}

type quote struct {
	c cell
	s string
	n int // runes
}

// quotedAt returns the quoted name that starts at text[i] (“…”), if it is short enough to
// be a name (2 to 20 characters) and holds no other opening quote.
func quotedAt(text string, i int) (string, int, bool) {
	rest := text[i+len("“"):]
	j := strings.Index(rest, "”")
	if j <= 0 || j > 80 {
		return "", 0, false
	}
	q := rest[:j]
	if strings.Contains(q, "“") {
		return "", 0, false
	}
	n := utf8.RuneCountInString(q)
	return q, n, n >= 2 && n <= 20
}

// checkQuoted finds a quoted name written two ways in one plan: one is the other with a
// few characters added in the middle (“省级民族团结进步创建示范点” / “省级民族团结创建示范点”).
// Additions at either end are left alone: they are usually a longer name that contains
// the shorter (“五有三好” / “五有”), and truncated slogans have their own list.
func (s *state) checkQuoted(qs []quote) {
	var reported []string
	for i := range qs {
		for j := range qs {
			if d := qs[j].n - qs[i].n; d < 1 || d > 3 || qs[i].n < 4 {
				continue
			}
			a, b := qs[i].s, qs[j].s
			if !nearVariant(a, b) {
				continue
			}
			key := a + "|" + b
			dup := false
			for _, r := range reported {
				if r == key {
					dup = true
				}
			}
			if dup {
				continue
			}
			reported = append(reported, key)
			s.add("wording.quoted-variant", Info, qs[i].c.path(), "名称“"+a+"”在别处（"+Place(qs[j].c.path())+"）写作“"+b+"”，请核对后统一。")
		}
	}
}

// nearVariant reports whether long is short with 1 to 3 characters inserted strictly
// inside it, both at least 4 characters long.
func nearVariant(short, long string) bool {
	ns, nl := utf8.RuneCountInString(short), utf8.RuneCountInString(long)
	if ns < 4 || nl-ns < 1 || nl-ns > 3 {
		return false
	}
	// common prefix and suffix, in bytes on rune boundaries
	p := 0
	for p < len(short) {
		r1, s1 := utf8.DecodeRuneInString(short[p:])
		r2, _ := utf8.DecodeRuneInString(long[p:])
		if r1 != r2 {
			break
		}
		p += s1
	}
	q := 0
	for q < len(short)-p {
		r1, s1 := utf8.DecodeLastRuneInString(short[:len(short)-q])
		r2, _ := utf8.DecodeLastRuneInString(long[:len(long)-q])
		if r1 != r2 {
			break
		}
		q += s1
	}
	if p+q != len(short) {
		return false
	}
	return utf8.RuneCountInString(short[:p]) >= 2 && utf8.RuneCountInString(short[p:]) >= 2
}
