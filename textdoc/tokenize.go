package textdoc

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A cell is one table cell: its text, trimmed (each of its lines trimmed, lines kept),
// and the line it starts on.
type cell struct {
	text string
	line int
	key  string // labelKey of text
	cut  bool
}

// A row is the cells between two blank lines (or a new table mark).
type row struct {
	cells []cell
	line  int // line of the first cell
}

// empty reports whether every cell of the row is empty.
func (r row) empty() bool {
	for _, c := range r.cells {
		if c.text != "" {
			return false
		}
	}
	return true
}

// cell returns the text of cell i, or "" when the row has no such cell.
func (r row) cell(i int) string {
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return r.cells[i].text
}

// nonEmpty counts the non-empty cells of the row.
func (r row) nonEmpty() int {
	n := 0
	for _, c := range r.cells {
		if c.text != "" {
			n++
		}
	}
	return n
}

// firstNonEmpty returns the index of the first non-empty cell, or -1.
func (r row) firstNonEmpty() int {
	for i, c := range r.cells {
		if c.text != "" {
			return i
		}
	}
	return -1
}

// decode turns the file's bytes into UTF-8 text with \n line ends: it drops a UTF-8
// BOM, decodes UTF-16 (what Word writes for "Unicode" text) and GB18030 (what Word writes
// for "Chinese (Simplified)" text on Windows), and rejects binary content with the line of
// the first control character.
func (r *reader) decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s, ok := decodeUTF16(data[2:], data[0] == 0xFE)
		if !ok {
			return "", r.errorf(1, "文件以 UTF-16 字节顺序标记开头，但内容不是有效的 UTF-16 文本")
		}
		data = []byte(s)
	}
	if !utf8.Valid(data) {
		at := invalidUTF8At(data)
		line := 1 + bytes.Count(data[:at], []byte{'\n'})
		if cjkRunes(data[:at]) >= 3 {
			// UTF-8 text that breaks off: no GB18030 guess, which would read it as garbage.
			if len(data)-at < utf8.UTFMax && !utf8.FullRune(data[at:]) {
				return "", r.errorf(line, "文件在一个字符的中间截断（最后一行不完整），请检查文件是否完整")
			}
			return "", r.errorf(line, "文件不是有效的 UTF-8 文本（第%d字节起无法解码）", at+1)
		}
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) || bytes.ContainsRune(dec, utf8.RuneError) {
			return "", r.errorf(line, "文件不是有效的 UTF-8（或 GB18030）文本")
		}
		data = dec
	}
	line := 1
	for _, b := range data {
		switch {
		case b == '\n':
			line++
		case b < 0x20 && b != '\t' && b != '\r' && b != '\f' && b != '\v', b == 0x7F:
			return "", r.errorf(line, "文件含有二进制内容（控制字符 0x%02X），不是文本表格", b)
		}
	}
	s := string(data)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, nil
}

// cjkRunes counts the CJK ideographs of valid UTF-8 text.
func cjkRunes(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x4E00 && r <= 0x9FFF {
			n++
		}
		b = b[size:]
	}
	return n
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func decodeUTF16(b []byte, bigEndian bool) (string, bool) {
	if len(b)%2 != 0 {
		return "", false
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	rs := utf16.Decode(u)
	for _, r := range rs {
		if r == utf8.RuneError {
			return "", false
		}
	}
	return string(rs), true
}

// tokenize splits the text into rows of cells. A tab starts a cell (a line "\t" alone is
// an empty cell); a line that does not start with a tab continues the current cell; a
// blank line ends the row; white space before the first tab of a line (" \t") marks a new
// table or page and so also ends the row. It runs in one pass over the text.
func tokenize(s string) []row {
	var (
		rows  []row
		cur   row
		start = -1 // start offset of the open cell in s, or -1
		end   int
		line  int // line number of the line being read
	)
	closeCell := func() {
		if start >= 0 {
			c := &cur.cells[len(cur.cells)-1]
			c.text = cleanCell(s[start:end])
			c.key, c.cut = labelKey(c.text)
			start = -1
		}
	}
	openCell := func(at int) {
		closeCell()
		if len(cur.cells) == 0 {
			cur.line = line
		}
		cur.cells = append(cur.cells, cell{line: line})
		start, end = at, at
	}
	closeRow := func() {
		closeCell()
		if len(cur.cells) > 0 {
			rows = append(rows, cur)
		}
		cur = row{}
	}
	for pos := 0; pos <= len(s); {
		line++
		eol := strings.IndexByte(s[pos:], '\n')
		if eol < 0 {
			eol = len(s)
		} else {
			eol += pos
		}
		l := s[pos:eol]
		tab := strings.IndexByte(l, '\t')
		switch {
		case tab >= 0 && strings.TrimSpace(l[:tab]) == "":
			if tab > 0 { // " \t": a new table or page
				closeRow()
			}
			// Every tab on the line starts a cell.
			for p := pos + tab; p < eol; {
				q := strings.IndexByte(s[p+1:eol], '\t')
				if q < 0 {
					q = eol
				} else {
					q += p + 1
				}
				openCell(p + 1)
				end = q
				p = q
			}
		case strings.TrimSpace(l) == "":
			closeRow()
		default:
			// A continuation line: it extends the open cell (or starts one); further
			// tabs on it start cells.
			first := eol
			if tab >= 0 {
				first = pos + tab
			}
			if start < 0 {
				openCell(pos)
			}
			end = first
			for p := first; p < eol; {
				q := strings.IndexByte(s[p+1:eol], '\t')
				if q < 0 {
					q = eol
				} else {
					q += p + 1
				}
				openCell(p + 1)
				end = q
				p = q
			}
		}
		pos = eol + 1
	}
	closeRow()
	return rows
}

// cleanCell trims the cell and each of its lines; lines stay apart.
func cleanCell(t string) string {
	t = strings.TrimSpace(t)
	if strings.IndexByte(t, '\n') < 0 {
		return t
	}
	lines := strings.Split(t, "\n")
	var b strings.Builder
	b.Grow(len(t))
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}
