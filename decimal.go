package jixiao

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxPlaces is the most decimals a Decimal holds. Money is kept in 万元, so six places are
// one fen (0.01 yuan): finer than any budget is written.
const MaxPlaces = 6

const scale = 1_000_000 // 10^MaxPlaces

// Decimal is an exact decimal number with up to six places that remembers how many places
// it was written with (167.0104 has four, 137.01041 five, 30 none). The zero value is
// "empty": a cell that says nothing, which is not the same as 0.
//
// It is a fixed-point int64 rather than a big-number type because checks run over millions
// of indicators and must not allocate; a budget in 万元 with six places fits many times
// over in an int64.
type Decimal struct {
	micros int64 // value × 10^6
	places int8  // decimals as written (0..6)
	set    bool
}

// Amount is money in 万元 (10,000 yuan), exact.
type Amount = Decimal

// NewDecimal returns the decimal units × 10^-places (NewDecimal(1670104, 4) is 167.0104).
func NewDecimal(units int64, places int) Decimal {
	if places < 0 || places > MaxPlaces {
		panic(fmt.Sprintf("jixiao.NewDecimal: places %d out of range", places))
	}
	return Decimal{micros: units * pow10[MaxPlaces-places], places: int8(places), set: true}
}

// Int returns the whole number n.
func Int(n int64) Decimal { return Decimal{micros: n * scale, set: true} }

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

// ParseDecimal reads a plain decimal number: optional sign, digits, optional point and up
// to six decimals. Thousands separators (ASCII or full-width comma, each followed by
// exactly three digits) and full-width digits, point and signs are accepted; nothing
// else is. The number of decimals written is kept ("16.50" has two places).
func ParseDecimal(s string) (Decimal, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Decimal{}, Errorf(EINVALID, "数值为空。")
	}
	neg := false
	switch {
	case s[0] == '-':
		neg, s = true, s[1:]
	case s[0] == '+':
		s = s[1:]
	case strings.HasPrefix(s, "－"):
		neg, s = true, s[len("－"):]
	case strings.HasPrefix(s, "＋"):
		s = s[len("＋"):]
	}
	d, n, e := scanNumber(s)
	if e == numTooManyPlaces {
		return Decimal{}, Errorf(EINVALID, "“%s”的小数位数超过%d位。", strings.TrimSpace(orig), MaxPlaces)
	}
	if e == numTooLarge {
		return Decimal{}, Errorf(EINVALID, "“%s”数值过大。", strings.TrimSpace(orig))
	}
	rest := s[n:]
	if e == numNone || !(rest == "" || ((rest == "." || rest == "．") && n > 0)) {
		return Decimal{}, Errorf(EINVALID, "“%s”不是数值。", strings.TrimSpace(orig))
	}
	if neg {
		d.micros = -d.micros
	}
	return d, nil
}

// numErr says why scanNumber stopped without a number.
type numErr uint8

const (
	numOK            numErr = iota
	numNone                 // no digits at the start
	numTooManyPlaces        // more than MaxPlaces decimals
	numTooLarge             // does not fit
)

// maxWhole is the largest whole part a Decimal holds.
const maxWhole = math.MaxInt64 / scale

// scanNumber reads an unsigned decimal number at the start of s without allocating:
// ASCII or full-width digits, one point (. or ．) followed by a digit, and thousands
// separators (, or ，) followed by exactly three digits. It returns the number, the bytes
// it took, and numOK, or why it could not.
func scanNumber(s string) (Decimal, int, numErr) {
	var whole uint64
	var frac int64
	places, digits := 0, 0
	point := false
	i := 0
	for i < len(s) {
		if d, size := digitAt(s, i); size > 0 {
			if point {
				if places == MaxPlaces {
					return Decimal{}, i, numTooManyPlaces
				}
				frac = frac*10 + int64(d)
				places++
			} else {
				whole = whole*10 + uint64(d)
				if whole > maxWhole {
					return Decimal{}, i, numTooLarge
				}
			}
			digits++
			i += size
			continue
		}
		if !point {
			if size := pointAt(s, i); size > 0 {
				if _, ds := digitAt(s, i+size); ds > 0 {
					point = true
					i += size
					continue
				}
				break
			}
			if size := commaAt(s, i); size > 0 && digits > 0 && thousandsAt(s, i+size) {
				i += size
				continue
			}
		}
		break
	}
	if digits == 0 {
		return Decimal{}, 0, numNone
	}
	micros := whole*scale + uint64(frac*pow10[MaxPlaces-places])
	if micros > math.MaxInt64 {
		return Decimal{}, i, numTooLarge
	}
	return Decimal{micros: int64(micros), places: int8(places), set: true}, i, numOK
}

// digitAt returns the value of the ASCII or full-width digit at s[i] and its size in
// bytes, or size 0.
func digitAt(s string, i int) (int, int) {
	if i >= len(s) {
		return 0, 0
	}
	c := s[i]
	if c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	// U+FF10..U+FF19 are EF BC 90..99 in UTF-8.
	if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
		return int(s[i+2] - 0x90), 3
	}
	return 0, 0
}

// pointAt returns the size of a decimal point (. or ．) at s[i], or 0.
func pointAt(s string, i int) int {
	if s[i] == '.' {
		return 1
	}
	if strings.HasPrefix(s[i:], "．") {
		return len("．")
	}
	return 0
}

// commaAt returns the size of a comma (, or ，) at s[i], or 0.
func commaAt(s string, i int) int {
	if s[i] == ',' {
		return 1
	}
	if strings.HasPrefix(s[i:], "，") {
		return len("，")
	}
	return 0
}

// thousandsAt reports whether s[i:] starts with exactly three digits, so that the comma
// before it is a thousands separator (44,926) rather than a list comma (8次，会议21次).
func thousandsAt(s string, i int) bool {
	for k := 0; k < 3; k++ {
		_, size := digitAt(s, i)
		if size == 0 {
			return false
		}
		i += size
	}
	_, size := digitAt(s, i)
	return size == 0
}

// MustDecimal is ParseDecimal for constants in code and tests; it panics on bad input.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// IsSet reports whether the decimal holds a value (a cell that said something).
func (d Decimal) IsSet() bool { return d.set }

// IsZero reports whether the decimal is set and equal to zero.
func (d Decimal) IsZero() bool { return d.set && d.micros == 0 }

// Places returns how many decimals the number was written with.
func (d Decimal) Places() int { return int(d.places) }

// Micros returns the value × 10^6; for an Amount in 万元 that is the amount in fen.
func (d Decimal) Micros() int64 { return d.micros }

// FromMicros returns the decimal micros × 10^-6, written with the given places.
func FromMicros(micros int64, places int) Decimal {
	if places < 0 {
		places = 0
	} else if places > MaxPlaces {
		places = MaxPlaces
	}
	return Decimal{micros: micros, places: int8(places), set: true}
}

// Add returns d + e, written with the larger number of places. Empty plus empty is empty;
// empty counts as zero otherwise.
func (d Decimal) Add(e Decimal) Decimal {
	if !d.set && !e.set {
		return Decimal{}
	}
	return Decimal{micros: d.micros + e.micros, places: max(d.places, e.places), set: true}
}

// Sub returns d − e, written with the larger number of places.
func (d Decimal) Sub(e Decimal) Decimal {
	if !d.set && !e.set {
		return Decimal{}
	}
	return Decimal{micros: d.micros - e.micros, places: max(d.places, e.places), set: true}
}

// Cmp compares the values of d and e (-1, 0, +1); empty counts as zero.
func (d Decimal) Cmp(e Decimal) int {
	switch {
	case d.micros < e.micros:
		return -1
	case d.micros > e.micros:
		return 1
	}
	return 0
}

// Equal reports whether d and e have the same value (not necessarily the same places).
func (d Decimal) Equal(e Decimal) bool { return d.micros == e.micros }

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	if d.micros < 0 {
		d.micros = -d.micros
	}
	return d
}

// DivInt returns d ÷ n rounded half away from zero to six places (used to convert 元 to
// 万元: DivInt(10000)).
func (d Decimal) DivInt(n int64) Decimal {
	if n == 0 || !d.set {
		return d
	}
	q := d.micros / n
	r := d.micros % n
	if 2*abs64(r) >= abs64(n) {
		if (d.micros < 0) != (n < 0) {
			q--
		} else {
			q++
		}
	}
	places := int(d.places)
	for e := n; e >= 10 && e%10 == 0; e /= 10 {
		places++
	}
	return FromMicros(q, min(places, MaxPlaces))
}

// MulInt returns d × n.
func (d Decimal) MulInt(n int64) Decimal {
	if !d.set {
		return d
	}
	d.micros *= n
	return d
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Float64 returns an approximation for display and ratios; never for sums.
func (d Decimal) Float64() float64 { return float64(d.micros) / scale }

// String writes the number with exactly the places it was written with ("137.01041",
// "30", "0.50"); an empty decimal is "".
func (d Decimal) String() string {
	if !d.set {
		return ""
	}
	return d.StringFixed(int(d.places))
}

// StringFixed writes the number with the given places, rounding half away from zero.
func (d Decimal) StringFixed(places int) string {
	var buf [32]byte
	return string(d.AppendFixed(buf[:0], places))
}

// AppendFixed appends the number written as StringFixed writes it, without allocating
// (the checker writes thousands of amounts into its findings).
func (d Decimal) AppendFixed(b []byte, places int) []byte {
	places = min(max(places, 0), MaxPlaces)
	neg := d.micros < 0
	v := uint64(d.micros) // two's complement: -MinInt64 is representable as uint64
	if neg {
		v = -v
	}
	unit := uint64(pow10[MaxPlaces-places])
	if r := v % unit; r*2 >= unit && unit > 1 {
		v += unit - r
	} else {
		v -= r
	}
	ip := v / scale
	fp := (v % scale) / unit
	if neg && v != 0 {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, ip, 10)
	if places > 0 {
		b = append(b, '.')
		var fb [8]byte
		fs := strconv.AppendUint(fb[:0], fp, 10)
		for i := len(fs); i < places; i++ {
			b = append(b, '0')
		}
		b = append(b, fs...)
	}
	return b
}

// Yuan writes the amount (in 万元) as yuan, with two decimals: 167.0104 → "1670104.00".
func (d Decimal) Yuan() string {
	return FromMicros(d.micros*10000, MaxPlaces).StringFixed(2)
}

// MarshalJSON writes the decimal as a string exactly as written, or null when empty.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if !d.set {
		return []byte("null"), nil
	}
	return strconv.AppendQuote(nil, d.String()), nil
}

// UnmarshalJSON reads a string or a number; null is empty.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = Decimal{}
		return nil
	}
	if len(s) > 0 && s[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*d = Decimal{}
			return nil
		}
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
