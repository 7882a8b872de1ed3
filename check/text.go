package check

import (
	"strings"
	"unicode/utf8"
)

// trimSpace is strings.TrimSpace without its slow path for the common case: a Chinese
// cell that neither starts nor ends with white space is returned as it is.
// strings.TrimSpace falls back to a per-rune unicode scan at the first non-ASCII byte,
// which is every cell of a plan.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, last := s[0], s[len(s)-1]
	if first < utf8.RuneSelf && last < utf8.RuneSelf {
		if !asciiSpace(first) && !asciiSpace(last) {
			return s
		}
		return strings.TrimSpace(s)
	}
	// The non-ASCII white space (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
	// U+202F, U+205F, U+3000) starts with 0xC2, 0xE1, 0xE2 or 0xE3; CJK text with
	// 0xE4–0xE9. Only a cell that may start or end with one takes the slow path.
	if asciiSpace(first) || mayBeSpaceLead(first) ||
		asciiSpace(last) || len(s) >= 2 && s[len(s)-2] == 0xC2 || len(s) >= 3 && mayBeSpaceLead(s[len(s)-3]) {
		return strings.TrimSpace(s)
	}
	return s
}

func mayBeSpaceLead(b byte) bool { return b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 }

func asciiSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}

// runeCount is utf8.RuneCountInString, which is a range loop (a runtime call for every
// Chinese character), with nextRune's fast path for three-byte runes.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := nextRune(s, i)
		i += size
	}
	return n
}
