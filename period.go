package jixiao

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Periods: the 项目实施期 of a fund item (Period, ParsePeriod) and the period or deadline
// a 时效 indicator's 指标值 states (2021.1-2021.12, 10月前, 年底前, 按季度), with the
// month names they are written in.

// Period is a 项目实施期 such as 2021.1-2021.12, kept as written and as months.
type Period struct {
	Text      string `json:"text"`
	FromYear  int    `json:"fromYear,omitempty"`
	FromMonth int    `json:"fromMonth,omitempty"`
	ToYear    int    `json:"toYear,omitempty"`
	ToMonth   int    `json:"toMonth,omitempty"`
}

// IsSet reports whether the period was read into months.
func (p Period) IsSet() bool { return p.FromYear > 0 && p.ToYear > 0 }

// String writes the period as 2021-01 – 2021-12, or the text when it could not be read.
func (p Period) String() string {
	if !p.IsSet() {
		return p.Text
	}
	return fmt.Sprintf("%04d-%02d至%04d-%02d", p.FromYear, p.FromMonth, p.ToYear, p.ToMonth)
}

// ParsePeriod reads a 项目实施期: 2021.1-2021.12, 2022.03-2022.12, 2021年1月-2021年12月,
// 2021年1月至12月, 2021年1-12月, 2021-01至2021-12, 2021/1～2021/12, 2021.1.1-2021.12.31,
// a single month 2021.6 or 2021年6月 (that month), a single date 2021-12-31 (its month),
// or a single year 2021 or 2021年 (the whole year). Full-width digits and separators are
// accepted; days are read and dropped. The text is kept; ok is false when it cannot be
// read, when a month or year is out of range, or when the period ends before it starts.
// It does not allocate.
func ParsePeriod(text string) (p Period, ok bool) {
	p, _, ok = parsePeriod(text)
	return p, ok
}

// Words that state a timing without a date (按季度, 及时).
var periodWords = map[string]bool{
	"按季度": true, "每季度": true, "按季": true, "每季": true, "按月": true, "每月": true,
	"按年": true, "每年": true, "按半年": true, "每半年": true, "按周": true, "每周": true,
	"按时": true, "及时": true, "按期": true, "按时完成": true, "及时完成": true, "按期完成": true,
	"年内": true, "年内完成": true, "当年": true, "当年完成": true, "全年": true, "年度内": true,
	"本年度": true, "本年度内": true, "常年": true, "长期": true, "实时": true,
}

// readPeriodTarget reads a period or deadline target: 2021.1-2021.12, 2021年, 10月前,
// 6月底前, 12月31日前, 年底前, 2021年12月底前完成, 按季度. Deadlines read into a Period
// whose To is the deadline's month and whose From is January of the same year (the budget
// year); without a year only the months are set.
func readPeriodTarget(s string) (Period, bool) {
	if periodWords[s] {
		return Period{Text: s}, true
	}
	core := s
	for _, w := range [...]string{"前完成", "完成", "前"} {
		if strings.HasSuffix(core, w) {
			core = core[:len(core)-len(w)]
			break
		}
	}
	deadline := core != s
	for _, w := range [...]string{"以", "之"} {
		core = strings.TrimSuffix(core, w)
	}
	if deadline {
		if p, ok := readDeadline(core); ok {
			p.Text = s
			return p, true
		}
	}
	if _, size := digitAt(s, 0); size == 0 {
		if deadline {
			return Period{}, false
		}
		// 年底, 6月底, 第四季度, 上半年 without 前.
		if strings.HasSuffix(s, "底") || strings.HasSuffix(s, "末") || strings.HasSuffix(s, "季度") || strings.HasSuffix(s, "半年") {
			if p, ok := readDeadline(s); ok {
				p.Text = s
				return p, true
			}
		}
		return Period{}, false
	}
	// 2022.12 alone is a number (NewIndicator reads it as a date in a 时效 indicator);
	// 2021-06, 2021/6 and 2021年6月 are months.
	if p, shape, ok := parsePeriod(s); ok && (shape.rng || shape.words || shape.numbers >= 3 || shape.slash || shape.dash) {
		return p, true
	}
	if strings.HasSuffix(s, "底") || strings.HasSuffix(s, "末") || deadline {
		if p, ok := readDeadline(core); ok {
			p.Text = s
			return p, true
		}
	}
	return Period{}, false
}

// readDeadline reads the date of a deadline without its 前: 10月, 6月底, 12月31日, 年底,
// 2021年12月底, 2021.6.30, 十月.
func readDeadline(core string) (Period, bool) {
	for _, w := range [...]string{"底", "末", "上旬", "中旬", "下旬", "份"} {
		if strings.HasSuffix(core, w) {
			core = core[:len(core)-len(w)]
			break
		}
	}
	switch core {
	case "年", "本年", "当年", "今年", "年度", "本年度":
		return Period{FromMonth: 1, ToMonth: 12}, true
	case "年中", "上半年", "第二季度", "二季度":
		return Period{FromMonth: 1, ToMonth: 6}, true
	case "第一季度", "一季度":
		return Period{FromMonth: 1, ToMonth: 3}, true
	case "第三季度", "三季度":
		return Period{FromMonth: 1, ToMonth: 9}, true
	case "第四季度", "四季度", "下半年":
		return Period{FromMonth: 1, ToMonth: 12}, true
	}
	if strings.HasSuffix(core, "日") || strings.HasSuffix(core, "号") { // 12月31日
		i := strings.LastIndex(core, "月")
		if i < 0 {
			return Period{}, false
		}
		day := core[i+len("月") : len(core)-len("日")]
		if d, ok := smallNumber(day); !ok || d < 1 || d > 31 {
			return Period{}, false
		}
		core = core[:i+len("月")]
	}
	year := 0
	if strings.HasSuffix(core, "月") {
		core = core[:len(core)-len("月")]
		ms := core
		if i := strings.LastIndex(core, "年"); i >= 0 {
			ms = core[i+len("年"):]
			y, ok := smallNumber(core[:i])
			if !ok || y < 1900 || y > 2200 {
				return Period{}, false
			}
			year = y
		}
		m, ok := smallNumber(ms)
		if !ok {
			m, ok = chineseMonth(ms)
		}
		if !ok || m < 1 || m > 12 {
			return Period{}, false
		}
		return Period{FromYear: year, FromMonth: 1, ToYear: year, ToMonth: m}, true
	}
	if strings.HasSuffix(core, "年") {
		y, ok := smallNumber(core[:len(core)-len("年")])
		if !ok || y < 1900 || y > 2200 {
			return Period{}, false
		}
		return Period{FromYear: y, FromMonth: 1, ToYear: y, ToMonth: 12}, true
	}
	if p, shape, ok := parsePeriod(core); ok && !shape.rng && shape.numbers >= 2 {
		p.FromMonth = 1
		return p, true
	}
	return Period{}, false
}

// smallNumber reads a whole number of ASCII or full-width digits (at most 4).
func smallNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	v, n := 0, 0
	for i := 0; i < len(s); {
		d, size := digitAt(s, i)
		if size == 0 || n == 4 {
			return 0, false
		}
		v = v*10 + d
		n++
		i += size
	}
	return v, true
}

// chineseMonth reads 一 … 十二 (a month written in Chinese numerals).
func chineseMonth(s string) (int, bool) {
	const digits = "一二三四五六七八九"
	if s == "十" {
		return 10, true
	}
	if rest, ok := strings.CutPrefix(s, "十"); ok {
		d := strings.Index(digits, rest)
		if d < 0 || len(rest) != 3 || d/3 > 1 {
			return 0, false
		}
		return 11 + d/3, true
	}
	if len(s) != 3 {
		return 0, false
	}
	if d := strings.Index(digits, s); d >= 0 {
		return 1 + d/3, true
	}
	return 0, false
}

// periodShape says how a period was written.
type periodShape struct {
	rng     bool // two ends (2021.1-2021.12)
	words   bool // 年 or 月 was written
	numbers int  // how many numbers
	slash   bool // written with / (2021/6)
	dash    bool // the year is followed by a hyphen (2021-06)
}

// A periodNum is one number of a period and the separator that follows it: '.' (. / ．),
// '-' (a hyphen: a date separator or a range), 'r' (a range: ~ 至 到 —), 'y' 年, 'm' 月,
// 'd' 日, 0 at the end.
type periodNum struct {
	v, digits int
	after     byte
}

// parsePeriod is ParsePeriod, also saying how the period was written. It does not
// allocate.
func parsePeriod(text string) (Period, periodShape, bool) {
	fail := Period{Text: text}
	var nums [8]periodNum
	var shape periodShape
	k := -1 // index of the current number
	inNum := false
	s := text
	for i := 0; i < len(s); {
		if d, size := digitAt(s, i); size > 0 {
			if !inNum {
				k++
				if k == len(nums) {
					return fail, shape, false
				}
				inNum = true
			}
			nums[k].v = nums[k].v*10 + d
			nums[k].digits++
			if nums[k].digits > 4 {
				return fail, shape, false
			}
			i += size
			continue
		}
		inNum = false
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var sep byte
		switch r {
		case ' ', '\t', '\u3000', '度', '份':
			continue
		case '.', '．':
			sep = '.'
		case '/', '／':
			sep, shape.slash = '.', true
		case '-', '－', '‐':
			sep = '-'
		case '~', '～', '至', '到', '—', '–', '―', '〜':
			sep = 'r'
		case '年':
			sep, shape.words = 'y', true
		case '月':
			sep, shape.words = 'm', true
		case '日', '号':
			sep = 'd'
		default:
			return fail, shape, false
		}
		if k < 0 {
			return fail, shape, false
		}
		// The strongest separator after a number wins: a range over a hyphen over the rest.
		switch a := nums[k].after; {
		case a == 'r':
		case sep == 'r', a == 0, sep == '-' && a != 'r':
			nums[k].after = sep
		}
	}
	n := k + 1
	shape.numbers = n
	if n == 0 {
		return fail, shape, false
	}
	shape.dash = nums[0].after == '-'
	split := -1
	for j := 0; j < n-1 && split < 0; j++ {
		if nums[j].after == 'r' {
			split = j + 1
		}
	}
	for j := 1; j < n && split < 0; j++ {
		if nums[j].digits == 4 {
			split = j
		}
	}
	if split < 0 && nums[0].after != '-' {
		for j := 0; j < n-1; j++ {
			if nums[j].after == '-' {
				split = j + 1
				break
			}
		}
	}
	var from, to []periodNum
	if split < 0 {
		from, to = nums[:n], nums[:n]
	} else {
		from, to = nums[:split], nums[split:n]
		shape.rng = true
	}
	fy, fm, ok := periodEnd(from, 0, 1)
	if !ok {
		return fail, shape, false
	}
	ty, tm, ok := periodEnd(to, fy, 12)
	if !ok || ty*12+tm < fy*12+fm {
		return fail, shape, false
	}
	return Period{Text: text, FromYear: fy, FromMonth: fm, ToYear: ty, ToMonth: tm}, shape, true
}

// periodEnd reads one end of a period: year [month [day]], or month [day] taking the year
// of the other end (inherit > 0). defMonth is used when only a year is given.
func periodEnd(g []periodNum, inherit, defMonth int) (y, m int, ok bool) {
	if len(g) == 0 {
		return 0, 0, false
	}
	if g[0].digits == 4 {
		y, g = g[0].v, g[1:]
	} else if inherit > 0 {
		y = inherit
	} else {
		return 0, 0, false
	}
	if y < 1900 || y > 2200 || len(g) > 2 {
		return 0, 0, false
	}
	if len(g) == 0 {
		return y, defMonth, true
	}
	if g[0].digits > 2 || g[0].v < 1 || g[0].v > 12 {
		return 0, 0, false
	}
	if len(g) == 2 && (g[1].digits > 2 || g[1].v < 1 || g[1].v > 31) {
		return 0, 0, false
	}
	return y, g[0].v, true
}
