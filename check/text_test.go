package check

import (
	"strings"
	"testing"
	"unicode"
)

// TestTrimSpace holds trimSpace to strings.TrimSpace, for every white space rune at
// either end and for text around them.
func TestTrimSpace(t *testing.T) {
	cases := []string{"", " ", "a", " a ", "培训", "培训 ", " 培训", "培训\n", "\u3000培训\u3000", "培训\u00a0", "\u00a0培训",
		"\u2003x", "x\u205f", "“名称”", "a\u3000", "\xe3\x80", "\xe3", "\xc2", "é", "½ ", "培训\xc2"}
	for r := rune(0); r < 0x3100; r++ {
		if unicode.IsSpace(r) {
			cases = append(cases, string(r)+"培训", "培训"+string(r), string(r), "a"+string(r), string(r)+"a")
		}
	}
	for _, s := range cases {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestNextRune holds nextRune to the range loop, on valid and invalid UTF-8.
func TestNextRune(t *testing.T) {
	for _, s := range []string{"", "abc", "培训8次；“名称”", "\xe4\xb8", "\xe4\xb8a", "\xed\xa0\x80x", "\xe0\x80\x80", "\xef\xbf\xbd", "\xf0\x9f\x98\x80选拨", "\xff\xe4"} {
		var want, got []rune
		var wantAt, gotAt []int
		for i, r := range s {
			want, wantAt = append(want, r), append(wantAt, i)
		}
		for i, size := 0, 0; i < len(s); i += size {
			var r rune
			r, size = nextRune(s, i)
			got, gotAt = append(got, r), append(gotAt, i)
		}
		if string(got) != string(want) || len(gotAt) != len(wantAt) {
			t.Errorf("nextRune over %q: %q at %v, want %q at %v", s, got, gotAt, want, wantAt)
			continue
		}
		for k := range gotAt {
			if gotAt[k] != wantAt[k] {
				t.Errorf("nextRune over %q: offsets %v, want %v", s, gotAt, wantAt)
				break
			}
		}
	}
}

// TestWordCandidates holds the first-rune hash table to the map it is built from.
func TestWordCandidates(t *testing.T) {
	w := Default().words
	for r, want := range w.byFirst {
		if got := w.candidates(r); len(got) != len(want) || &got[0] != &want[0] {
			t.Errorf("candidates(%q) = %v, want %v", r, got, want)
		}
	}
	for _, r := range []rune{'a', '培', '训', '“', 0x1F600} {
		if _, ok := w.byFirst[r]; !ok && w.candidates(r) != nil {
			t.Errorf("candidates(%q) = %v, want none", r, w.candidates(r))
		}
	}
}
