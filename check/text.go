package check

import (
	"strings"
	"unicode"
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
	r, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(r) || unicode.IsSpace(l) {
		return strings.TrimSpace(s)
	}
	return s
}

func asciiSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}
