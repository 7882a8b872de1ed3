package gen

import (
	"strconv"
	"strings"

	"jixiao"
)

// How the generator writes a 指标值 and its figures in the forms real tables use
// (≥95%, 1,000人次, ４５个, 四十二次, a date as an Excel serial), with the Target each
// should read as.

func numeric(text string, op jixiao.Op, v jixiao.Decimal, unit string) jixiao.Target {
	return jixiao.Target{Text: text, Kind: jixiao.TargetNumeric, Op: op, Value: v, Unit: unit}
}

// countTarget writes a count in one of the forms seen in real tables.
func (g *planGen) countTarget(v int, unit string) (string, jixiao.Target) {
	d := jixiao.Int(int64(v))
	n := strconv.Itoa(v)
	if v >= 1000 && g.rng.IntN(2) == 0 {
		n = withThousands(v)
	}
	switch g.rng.IntN(6) {
	case 0:
		t := n + unit
		return t, numeric(t, jixiao.OpNone, d, unit)
	case 1:
		t := "不少于" + n + unit
		return t, numeric(t, jixiao.OpGE, d, unit)
	case 2:
		t := n + unit + "以上"
		return t, numeric(t, jixiao.OpGE, d, unit)
	case 3:
		t := "＞＝" + fullWidth(strconv.Itoa(v)) + unit
		return t, numeric(t, jixiao.OpGE, d, unit)
	}
	t := "≥" + n + unit
	return t, numeric(t, jixiao.OpGE, d, unit)
}

// percentTarget writes a percentage; a bare one of satisfaction reads as ≥ (OpImplied).
func (g *planGen) percentTarget(v int, satisfaction bool) (string, jixiao.Target) {
	d := jixiao.Int(int64(v))
	n := strconv.Itoa(v)
	switch g.rng.IntN(8) {
	case 0:
		t := n + "%"
		want := numeric(t, jixiao.OpNone, d, "%")
		if satisfaction {
			want.Op, want.OpImplied = jixiao.OpGE, true
		}
		return t, want
	case 1:
		t := "不低于" + n + "%"
		return t, numeric(t, jixiao.OpGE, d, "%")
	case 2:
		t := n + "%以上"
		return t, numeric(t, jixiao.OpGE, d, "%")
	case 3:
		t := ">" + strconv.Itoa(v-1) + "%"
		return t, numeric(t, jixiao.OpGT, jixiao.Int(int64(v-1)), "%")
	case 4:
		t := "≥" + n + "百分比"
		return t, numeric(t, jixiao.OpGE, d, "%")
	case 5:
		t := "＞＝" + fullWidth(n) + "％"
		return t, numeric(t, jixiao.OpGE, d, "%")
	}
	t := "≥" + n + "%"
	return t, numeric(t, jixiao.OpGE, d, "%")
}

// moneyCap writes a cost ceiling in 万元.
func (g *planGen) moneyCap(a jixiao.Amount) (string, jixiao.Target) {
	n := a.String()
	var t string
	switch g.rng.IntN(5) {
	case 0:
		t = "不超过" + n + "万元"
	case 1:
		t = n + "万元以内"
	case 2:
		t = "≤" + n + "万元以内"
	default:
		t = "≤" + n + "万元"
	}
	return t, numeric(t, jixiao.OpLE, a, "万元")
}

func (g *planGen) perCapita() (string, jixiao.Target) {
	v := g.between(5, 40) * 10
	t := "≤" + strconv.Itoa(v) + "元/人"
	return t, numeric(t, jixiao.OpLE, jixiao.Int(int64(v)), "元/人")
}

// dec writes micros of 万元 with the fewest decimals that hold them (30, 167.0104).
func dec(micros int64) jixiao.Amount {
	places := 6
	for places > 0 && micros%10 == 0 {
		micros /= 10
		places--
	}
	return jixiao.NewDecimal(micros, places)
}

// excelSerial is the spreadsheet serial number of a date (days since 1899-12-30).
func excelSerial(y, m, d int) int {
	// Days from civil (Howard Hinnant's algorithm), relative to 1899-12-30.
	days := func(y, m, d int) int {
		if m <= 2 {
			y--
		}
		era := y / 400
		yoe := y - era*400
		mp := (m + 9) % 12
		doy := (153*mp+2)/5 + d - 1
		doe := yoe*365 + yoe/4 - yoe/100 + doy
		return era*146097 + doe
	}
	return days(y, m, d) - days(1899, 12, 30)
}

func withThousands(v int) string {
	s := strconv.Itoa(v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune('０' + c - '0')
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// chineseNumber writes 1 … 99 in Chinese numerals (一, 十二, 二十三).
func chineseNumber(n int) string {
	const digits = "〇一二三四五六七八九"
	d := func(k int) string { return string([]rune(digits)[k]) }
	switch {
	case n < 10:
		return d(n)
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + d(n%10)
	case n < 100:
		s := d(n/10) + "十"
		if n%10 != 0 {
			s += d(n % 10)
		}
		return s
	}
	return strconv.Itoa(n)
}
