package check

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
)

// Tests of the fast paths of a check against the plain code they replace: the arena's
// writers against the jixiao methods that allocate, the byte-wise and cached lookups
// against the rune-wise and uncached ones. They must give the same results on any text,
// valid UTF-8 or not.

func TestArenaDecimals(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	micros := []int64{0, 1, -1, 5, -5, 499_999, 500_000, 999_999, 1_000_000, -1_500_000, 1670104_00,
		math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for range 2000 {
		micros = append(micros, rng.Int64N(1e12)-5e11, rng.Int64())
	}
	var s state
	s.a.start(64)
	for _, m := range micros {
		for places := -1; places <= jixiao.MaxPlaces+1; places++ {
			d := jixiao.FromMicros(m, places)
			if got, want := s.dec(d), d.String(); got != want {
				t.Fatalf("dec(%d, %d places) = %q, want %q", m, places, got, want)
			}
			if got, want := s.fixed(d, places), d.StringFixed(places); got != want {
				t.Fatalf("fixed(%d, %d) = %q, want %q", m, places, got, want)
			}
		}
	}
	if got := s.dec(jixiao.Decimal{}); got != "" {
		t.Errorf("dec(empty) = %q", got)
	}
	for _, n := range []int{0, 7, -12, math.MaxInt, math.MinInt} {
		if got := s.itoa(n); got != strconv.Itoa(n) {
			t.Errorf("itoa(%d) = %q", n, got)
		}
	}
}

func TestArenaPeriods(t *testing.T) {
	ps := []jixiao.Period{
		{Text: "2021.1-2021.12", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 12},
		{Text: "x", FromYear: 2021, FromMonth: 0, ToYear: 12345, ToMonth: 123},
		{Text: "y", FromYear: 7, FromMonth: -1, ToYear: 2021, ToMonth: 3},
		{Text: "z", FromYear: 2021, FromMonth: 3, ToYear: 2022, ToMonth: -12},
		{Text: "无法识别"},
		{},
	}
	for _, text := range []string{"2021年1月至12月", "2021", "2022.03-2022.12", "2021/1～2021/12"} {
		p, ok := jixiao.ParsePeriod(text)
		if !ok {
			t.Fatalf("ParsePeriod(%q) failed", text)
		}
		ps = append(ps, p)
	}
	var s state
	s.a.start(16)
	for _, p := range ps {
		m := s.a.mark()
		s.a.period(p)
		if got, want := s.a.from(m), p.String(); got != want {
			t.Errorf("period(%+v) = %q, want %q", p, got, want)
		}
	}
}

// TestArenaKeepsStrings: strings handed out stay as they were while the arena grows and
// after the next Check starts a new buffer.
func TestArenaKeepsStrings(t *testing.T) {
	var s state
	s.a.start(8)
	var got, want []string
	for i := range 500 {
		w := strings.Repeat("审核", i%7) + strconv.Itoa(i)
		got, want = append(got, s.cat("“", w, "”")), append(want, "“"+w+"”")
		if i == 250 {
			s.a.start(8)
		}
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("string %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSentenceStats(t *testing.T) {
	ref := func(name string) (n int, sentence bool) {
		for _, r := range name {
			n++
			switch r {
			case '。', '；', ';', '！', '？', '!', '?', '，', ',':
				sentence = true
			}
		}
		return n, sentence
	}
	pieces := []string{"培训", "次数", "。", "；", ";", "！", "？", "!", "?", "，", ",", "：", "、", "a",
		"\xe3", "\xe3\x80", "\xef\xbc", "\xef", "\xbc\x9b", "\x80\x82", "\xff", "\xf0\x9f\x98\x80", "“", "”", "（", "）"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		name := b.String()
		n, sen := sentenceStats(name)
		wn, wsen := ref(name)
		if sen != wsen || (n > maxNameRunes || wn > maxNameRunes) && n != wn {
			t.Fatalf("sentenceStats(%q) = %d, %v; want %d, %v", name, n, sen, wn, wsen)
		}
		if got := runeCount(name); got != wn {
			t.Fatalf("runeCount(%q) = %d, want %d", name, got, wn)
		}
	}
}

// TestWordScan holds the wording scanner (pairs of runes, alone runes) to the plain
// loop it replaced: a range over the runes, looking at the entries of every first rune.
func TestWordScan(t *testing.T) {
	w := Default().words
	type varHit struct{ variant, k, pos int }
	ref := func(text string) (hits []typoHit, vars []varHit, quotes []quote) {
		for i, r := range text {
			if r == '“' {
				if q, n, ok := quotedAt(text, i); ok {
					quotes = append(quotes, quote{s: q, n: n})
				}
			}
			for _, ei := range w.byFirst[r] {
				e := &w.entries[ei]
				if !w.matchAt(e, text, i) {
					continue
				}
				if e.typo < 0 {
					k := 0
					if e.other {
						k = 1
					}
					vars = append(vars, varHit{e.variant, k, i})
					continue
				}
				found := false
				for k := range hits {
					if hits[k].typo == e.typo {
						hits[k].n++
						found = true
					}
				}
				if !found {
					hits = append(hits, typoHit{e.typo, 1, i})
				}
			}
		}
		return hits, vars, quotes
	}
	pieces := []string{"培", "训", "的", "一", "不", "有", "人", "其", "新", "年", "底", "8", "２", "a", " ", "，", "。",
		"“", "”", "“五有三好”", "“省级民族团结进步创建示范点”", "\xff", "\xe4\xb8", "\xed\xa0\x80", "\xf0\x9f\x98\x80"}
	for _, e := range w.entries {
		pieces = append(pieces, e.s)
	}
	for _, ty := range w.typos {
		pieces = append(pieces, ty.Right, ty.FollowedBy, ty.NotFollowedBy, ty.NotPrecededBy)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var vbuf [][2]variantHit
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		ws := wordScan{w: w, vbuf: &vbuf}
		ws.scan(cell{}, text)
		hits, vars, quotes := ref(text)
		if !slices.Equal(ws.hits, hits) {
			t.Fatalf("scan(%q): typos %v, want %v", text, ws.hits, hits)
		}
		if len(ws.quoted) != len(quotes) {
			t.Fatalf("scan(%q): quotes %v, want %v", text, ws.quoted, quotes)
		}
		for k := range quotes {
			if ws.quoted[k].s != quotes[k].s || ws.quoted[k].n != quotes[k].n {
				t.Fatalf("scan(%q): quotes %v, want %v", text, ws.quoted, quotes)
			}
		}
		first := map[[2]int]int{}
		for _, v := range vars {
			if _, ok := first[[2]int{v.variant, v.k}]; !ok {
				first[[2]int{v.variant, v.k}] = v.pos
			}
		}
		for vi := range ws.vfirst {
			for k := range 2 {
				want, ok := first[[2]int{vi, k}]
				if !ok {
					want = -1
				}
				if got := ws.vfirst[vi][k].pos; got != want {
					t.Fatalf("scan(%q): variant %d form %d first at %d, want %d", text, vi, k, got, want)
				}
			}
		}
		if ws.vfirst == nil && len(vars) > 0 {
			t.Fatalf("scan(%q): no variants, want %v", text, vars)
		}
	}
}

// TestVagueWord holds vagueWord to searching the text for each word in turn.
func TestVagueWord(t *testing.T) {
	ref := func(text string) string {
		for _, w := range vagueWords {
			if strings.Contains(text, w) {
				return w
			}
		}
		return ""
	}
	pieces := append([]string{"良好", "提升", "明", "有", "进一", "a", "1", "%", "\xff", "\xe6\x98", "\xf0\x9f\x98\x80", "“", "。"}, vagueWords...)
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := vagueWord(text), ref(text); got != want {
			t.Fatalf("vagueWord(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestStateLabel holds the state's label cache to Checker.label, through collisions and
// the cache emptying itself.
func TestStateLabel(t *testing.T) {
	c := Default()
	s := &state{c: c}
	names := []string{"", " ", "产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "产出数量", "产出质量", "产出成本",
		"社会效益", "社会效益指标", "服务对象满意度指标", "成本", "a", "影响指标"}
	for i := range 200 {
		names = append(names, "指标"+strconv.Itoa(i), strconv.Itoa(i)+"效益")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		name := names[rng.IntN(len(names))]
		if got, want := s.label(name), c.label(name); got != want {
			t.Fatalf("label(%q) = %+v, want %+v", name, got, want)
		}
	}
}
