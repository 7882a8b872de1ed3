package score

import (
	"math/big"
	"math/bits"

	"jixiao"
)

var pow10 = [...]uint64{1, 10, 100, 1000, 10000, 100000, 1000000}

// mulDiv returns a × b ÷ c rounded to places decimals by mode, exactly: the product is
// kept in 128 bits and divided once, so 实际 ÷ 指标值 × 分值 is never the rounding of a
// rounding. c must not be zero.
func mulDiv(a, b, c jixiao.Decimal, places int, mode string) jixiao.Decimal {
	neg := (a.Micros() < 0) != (b.Micros() < 0) != (c.Micros() < 0)
	ua, ub, uc := abs(a.Micros()), abs(b.Micros()), abs(c.Micros())
	// a·b/c in micros is ua·ub/uc; in units of 10^-places it is ua·ub / (uc·10^(6-places)).
	hiD, d := bits.Mul64(uc, pow10[jixiao.MaxPlaces-places])
	hi, lo := bits.Mul64(ua, ub)
	var q, r uint64
	if hiD != 0 || hi >= d {
		return mulDivBig(ua, ub, uc, places, mode, neg)
	}
	q, r = bits.Div64(hi, lo, d)
	if roundUp(q, r, d, mode) {
		q++
	}
	if q > maxUnits(places) {
		return mulDivBig(ua, ub, uc, places, mode, neg)
	}
	v := int64(q)
	if neg {
		v = -v
	}
	return jixiao.NewDecimal(v, places)
}

func roundUp(q, r, d uint64, mode string) bool {
	switch mode {
	case "down":
		return false
	case "half-even":
		return r > d-r || r == d-r && q%2 == 1
	}
	return r >= d-r // half-up: 2r ≥ d without overflow
}

// mulDivBig is mulDiv for figures too large for 128 bits (never in a real table, but no
// input may overflow silently).
func mulDivBig(ua, ub, uc uint64, places int, mode string, neg bool) jixiao.Decimal {
	n := new(big.Int).Mul(new(big.Int).SetUint64(ua), new(big.Int).SetUint64(ub))
	d := new(big.Int).Mul(new(big.Int).SetUint64(uc), new(big.Int).SetUint64(pow10[jixiao.MaxPlaces-places]))
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	twice := new(big.Int).Lsh(r, 1)
	up := false
	switch mode {
	case "down":
	case "half-even":
		c := twice.Cmp(d)
		up = c > 0 || c == 0 && q.Bit(0) == 1
	default:
		up = twice.Cmp(d) >= 0
	}
	if up {
		q.Add(q, big.NewInt(1))
	}
	limit := new(big.Int).SetUint64(maxUnits(places))
	if q.Cmp(limit) > 0 {
		q = limit // beyond any score; keeps the arithmetic total instead of wrapping
	}
	v := q.Int64()
	if neg {
		v = -v
	}
	return jixiao.NewDecimal(v, places)
}

// maxUnits is the largest count of 10^-places units a Decimal holds without overflow.
func maxUnits(places int) uint64 {
	return (1 << 62) / pow10[jixiao.MaxPlaces-places]
}

func abs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// round rounds d to places by mode.
func round(d jixiao.Decimal, places int, mode string) jixiao.Decimal {
	return mulDiv(d, jixiao.Int(1), jixiao.Int(1), places, mode)
}

// minDec returns the smaller of a and b.
func minDec(a, b jixiao.Decimal) jixiao.Decimal {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

// Percent returns part ÷ whole × 100 to two places, rounded half up (an execution rate).
func Percent(part, whole jixiao.Decimal) jixiao.Decimal {
	return mulDiv(part, hundred, whole, 2, "half-up")
}
