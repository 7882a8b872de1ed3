package check

import (
	"fmt"
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
	first   [1 << 16 / 64]uint64 // bitset of first runes in the Basic Multilingual Plane
	byFirst map[rune][]int
	// table is byFirst as an open-addressed hash table over the first runes, probed for
	// the runes the bitset lets through (common ones such as 一, 不, 人, 有 among them).
	table []firstSlot
	shift uint
	// asciiFirst: some entry starts with an ASCII character, so ASCII text is scanned too.
	asciiFirst bool
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
		r, _ := utf8.DecodeRuneInString(e.s)
		if r < 1<<16 {
			w.first[r/64] |= 1 << (r % 64)
		}
		w.byFirst[r] = append(w.byFirst[r], i)
		if r < utf8.RuneSelf {
			w.asciiFirst = true
		}
	}
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

func (w *wordList) maybeFirst(r rune) bool {
	if r < 1<<16 {
		return w.first[r/64]&(1<<(r%64)) != 0
	}
	_, ok := w.byFirst[r]
	return ok
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

// checkWording scans every text cell once for the miswritings, terms written two ways,
// and quoted names written two ways.
func (s *state) checkWording() {
	w := s.c.words
	type typoHit struct {
		n, pos int
	}
	var hits [8]struct {
		typo, n, pos int
	}
	// first occurrence of each variant form: [variant][0 preferred, 1 other], made at
	// the first hit; reported in the order of the list
	var vfirst [][2]variantHit
	var quoted []quote
	eachCell(s.p, func(c cell, text string) {
		nh := 0
		var extra []struct{ typo, n, pos int }
		for i, size := 0, 0; i < len(text); i += size {
			if text[i] < utf8.RuneSelf && !w.asciiFirst {
				size = 1 // no entry and no quote starts with an ASCII character
				continue
			}
			var r rune
			r, size = nextRune(text, i)
			if r == '“' {
				if q, n, ok := quotedAt(text, i); ok {
					quoted = append(quoted, quote{c: c, s: q, n: n})
				}
			}
			if !w.maybeFirst(r) {
				continue
			}
			for _, ei := range w.candidates(r) {
				e := &w.entries[ei]
				if !w.matchAt(e, text, i) {
					continue
				}
				if e.typo >= 0 {
					found := false
					for k := 0; k < nh; k++ {
						if hits[k].typo == e.typo {
							hits[k].n++
							found = true
						}
					}
					for k := range extra {
						if extra[k].typo == e.typo {
							extra[k].n++
							found = true
						}
					}
					if !found {
						if nh < len(hits) {
							hits[nh] = struct{ typo, n, pos int }{e.typo, 1, i}
							nh++
						} else {
							extra = append(extra, struct{ typo, n, pos int }{e.typo, 1, i})
						}
					}
					continue
				}
				if vfirst == nil {
					vfirst = make([][2]variantHit, len(w.variants))
					for k := range vfirst {
						vfirst[k] = [2]variantHit{{pos: -1}, {pos: -1}}
					}
				}
				v := &vfirst[e.variant]
				k := 0
				if e.other {
					k = 1
				}
				if v[k].pos < 0 {
					v[k] = variantHit{c: c, text: text, pos: i}
				}
			}
		}
		for _, h := range append(hits[:nh:nh], extra...) {
			s.reportTypo(c, text, h.typo, h.n, h.pos)
		}
	})
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
			s.add("wording.quoted-variant", Info, qs[i].c.path(), "名称“"+a+"”在别处写作“"+b+"”（"+qs[j].c.path()+"），请核对后统一")
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
