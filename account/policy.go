package account

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password policy (等保2.0 8.1.4.1 身份鉴别: 口令具有复杂度要求). The policy is fixed in
// the program, so that no role can weaken it in the application; the security
// administrator's page shows it.
const (
	// MinLength is the shortest password accepted.
	MinLength = 10
	// MinClasses is how many of the four classes (lower case, upper case, digits,
	// other characters) a password must mix.
	MinClasses = 3
)

// Policy returns what is wrong with a new password, in Chinese, or "": its length,
// its character classes, the username in it, and the list of common passwords.
func Policy(pw, username string) string {
	if utf8.RuneCountInString(pw) < MinLength {
		return fmt.Sprintf("密码太短：至少需要 %d 位。", MinLength)
	}
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			n++
		}
	}
	if n < MinClasses {
		return fmt.Sprintf("密码太简单：须包含小写字母、大写字母、数字、其他符号中的至少 %d 类。", MinClasses)
	}
	if username != "" && strings.EqualFold(pw, username) {
		return "密码不能与用户名相同。"
	}
	if commonPassword(pw) {
		return "密码太常见：它或去掉前后的数字、符号后是常用密码（如 Password12、Qwerty1234、P@ssw0rd），请换一个不易猜到的。"
	}
	return ""
}
