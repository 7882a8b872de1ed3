package account

import (
	_ "embed"
	"strings"
	"unicode"
)

// commonPasswordList is John the Ripper's public-domain list of the passwords seen most
// often (about 3,400 after lower-casing), with a few Chinese favourites; see the file's
// header for its source.
//
//go:embed common_passwords.txt
var commonPasswordList string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonPasswordList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// leet undoes the usual letter-for-symbol swaps (P@ssw0rd, $ecret, L3tmein).
var leet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t")

// commonPassword reports whether pw is a common password dressed up to pass the
// character classes: the list is checked against the password lower-cased, then against
// its core (the letters once the digits and symbols around them are cut off:
// Password12, 2024Qwerty!, Admin@123), and against both with the usual symbol swaps
// undone (P@ssw0rd1). NIST SP 800-63B §5.1.1.2 asks exactly this of a verifier: refuse
// passwords from lists of common and breached ones, dictionary words and repetitions,
// whatever their composition. A password of one repeated character or one run of a
// keyboard row or the alphabet is refused too.
func commonPassword(pw string) bool {
	lower := strings.ToLower(pw)
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, s := range []string{lower, core, leet.Replace(lower), strings.TrimFunc(leet.Replace(lower), func(r rune) bool { return !unicode.IsLetter(r) })} {
		if len(s) >= 3 && commonPasswords[s] {
			return true
		}
	}
	return monotone(lower) || monotone(core)
}

// monotone reports whether s is one character repeated, or one run along the alphabet,
// the digits or a keyboard row (abcdefghij, 1234567890, qwertyuiop, 1qaz2wsx3edc
// shapes are in the list), forwards or backwards.
func monotone(s string) bool {
	if len(s) < 2 {
		return false
	}
	if strings.Count(s, s[:1]) == len(s) {
		return true
	}
	for _, run := range []string{"abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "!@#$%^&*()"} {
		rev := []rune(run)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		if strings.Contains(run, s) || strings.Contains(string(rev), s) {
			return true
		}
	}
	return false
}
