package textdoc

import (
	"strings"

	"jixiao"
)

// A unit is a money unit written in a table (金额单位：元) or after a figure (30万元); plans
// keep money in 万元.
type unit struct {
	name string
	mul  int64 // 万元 = figure × mul ÷ div
	div  int64
}

var (
	unitWan  = unit{"万元", 1, 1}
	unitYuan = unit{"元", 1, 10000}
	units    = []unit{{"亿元", 10000, 1}, unitWan, {"千元", 1, 10}, {"百元", 1, 100}, unitYuan, {"万", 1, 1}}
)

// isUnit reports whether s names a money unit (万元, 元, 人民币万元, 单位:万元 …).
func isUnit(s string) bool {
	_, ok := parseUnit(s)
	return ok
}

func parseUnit(s string) (unit, bool) {
	s = norm(s)
	s = strings.TrimPrefix(s, "金额单位")
	s = strings.TrimPrefix(s, "单位")
	s = strings.TrimLeft(s, ":")
	s = strings.TrimPrefix(s, "人民币")
	for _, u := range units {
		if s == u.name {
			return u, true
		}
	}
	return unit{}, false
}

// placeholders are what a table writes in a money cell that says nothing.
var placeholders = map[string]bool{"": true, "/": true, "-": true, "—": true, "——": true, "－": true, "无": true, "\\": true}

// parseAmount reads a money cell (167.0104万元, 30, 1,670,104元, ￥5) into 万元, exactly. A
// unit written after the figure wins over the table's unit u. Placeholders are empty.
func (r *reader) parseAmount(text string, u unit, line int) (jixiao.Amount, error) {
	s := norm(text)
	if placeholders[s] {
		return jixiao.Amount{}, nil
	}
	s = strings.TrimLeft(s, "¥￥")
	for _, cand := range units {
		if strings.HasSuffix(s, cand.name) {
			s, u = strings.TrimSuffix(s, cand.name), cand
			break
		}
	}
	d, err := jixiao.ParseDecimal(s)
	if err != nil {
		return jixiao.Amount{}, r.errorf(line, "无法识别金额“%s”：应为数字，可带单位（如 167.0104万元）", text)
	}
	if u.mul == 1 && u.div == 1 {
		return d, nil
	}
	m := d.Micros()
	if u.div > 1 {
		if m%u.div != 0 {
			return jixiao.Amount{}, r.errorf(line, "金额“%s”（单位%s）换算成万元后超过6位小数，无法精确保存", text, u.name)
		}
		m /= u.div
	}
	if u.mul > 1 {
		if m > (1<<62)/u.mul || m < -(1<<62)/u.mul {
			return jixiao.Amount{}, r.errorf(line, "金额“%s”过大", text)
		}
		m *= u.mul
	}
	// Written in another unit, the figure has as many places in 万元 as it needs.
	places := 0
	for places < jixiao.MaxPlaces && m%pow10(jixiao.MaxPlaces-places) != 0 {
		places++
	}
	return jixiao.FromMicros(m, places), nil
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}
