package check

import (
	"strconv"
	"strings"

	"jixiao"
)

// arena holds the text of one report: the paths, messages and sums of its findings are
// written into one growing buffer and handed out as substrings of it, rather than each
// costing an allocation or three (a generated plan of 80 indicators has some 30 passes,
// each with a path, a message and a sum made of several numbers, and allocation and
// garbage collection were a third of a check's time).
//
// A strings.Builder never changes the bytes it has written, only appends after them (in
// a new buffer when it grows), so the substrings stay valid. Each Check starts a fresh
// buffer (start) so that reports never share one and a report keeps alive only its own
// text.
type arena struct {
	b strings.Builder
}

// start gives the arena a fresh buffer of about size bytes, unless nothing was handed
// out of the current one.
func (a *arena) start(size int) {
	if a.b.Len() > 0 || a.b.Cap() == 0 {
		a.b = strings.Builder{}
		a.b.Grow(size)
	}
}

// mark returns where the next string will start; from(mark) returns what was written
// since.
func (a *arena) mark() int { return a.b.Len() }

func (a *arena) from(mark int) string { return a.b.String()[mark:] }

func (a *arena) str(s string) { a.b.WriteString(s) }

func (a *arena) bytes(p []byte) { a.b.Write(p) }

// dec writes d as d.String() does.
func (a *arena) dec(d jixiao.Decimal) {
	if d.IsSet() {
		a.fixed(d, d.Places())
	}
}

// fixed writes d as d.StringFixed(places) does.
func (a *arena) fixed(d jixiao.Decimal, places int) {
	var buf [32]byte
	a.b.Write(d.AppendFixed(buf[:0], places))
}

func (a *arena) int(n int) {
	var buf [20]byte
	a.b.Write(strconv.AppendInt(buf[:0], int64(n), 10))
}

// period writes p as p.String() does.
func (a *arena) period(p jixiao.Period) {
	if !p.IsSet() || p.FromMonth < 0 || p.ToMonth < 0 {
		a.str(p.String()) // "%04d" of a negative number: left to fmt
		return
	}
	var buf [40]byte
	b := appendPadded(buf[:0], p.FromYear, 4)
	b = append(b, '-')
	b = appendPadded(b, p.FromMonth, 2)
	b = append(b, "至"...)
	b = appendPadded(b, p.ToYear, 4)
	b = append(b, '-')
	b = appendPadded(b, p.ToMonth, 2)
	a.b.Write(b)
}

// appendPadded appends n ≥ 0 with leading zeros to width digits, as fmt's %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	var buf [20]byte
	d := strconv.AppendInt(buf[:0], int64(n), 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

// The state's shorthands for the text of findings, each returning a string of the
// report's arena.

// cat returns the parts joined.
func (s *state) cat(parts ...string) string {
	m := s.a.mark()
	for _, p := range parts {
		s.a.str(p)
	}
	return s.a.from(m)
}

// dec returns d.String().
func (s *state) dec(d jixiao.Decimal) string {
	m := s.a.mark()
	s.a.dec(d)
	return s.a.from(m)
}

// fixed returns d.StringFixed(places).
func (s *state) fixed(d jixiao.Decimal, places int) string {
	m := s.a.mark()
	s.a.fixed(d, places)
	return s.a.from(m)
}

// itoa returns strconv.Itoa(n).
func (s *state) itoa(n int) string {
	m := s.a.mark()
	s.a.int(n)
	return s.a.from(m)
}

// itemPath returns itemPath(fund, item) + suffix.
func (s *state) itemPath(fund, item int, suffix string) string {
	var buf [48]byte
	m := s.a.mark()
	s.a.bytes(appendItemPath(buf[:0], fund, item))
	s.a.str(suffix)
	return s.a.from(m)
}

// rowPath returns t.rowPath(i) + suffix.
func (s *state) rowPath(t *table, i int, suffix string) string {
	var buf [80]byte
	m := s.a.mark()
	s.a.bytes(t.appendRowPath(buf[:0], i))
	s.a.str(suffix)
	return s.a.from(m)
}

// tablePath returns t.path().
func (s *state) tablePath(t *table) string {
	if t.it == nil {
		return "indicators"
	}
	return s.itemPath(t.fund, t.item, ".indicators")
}
