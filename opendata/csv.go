package opendata

import (
	"encoding/csv"
	"io"
	"regexp"
)

// csvWriter is the one way this package writes a CSV row: every field goes through
// neutralise first, so no cell of any CSV the system writes is read as a formula when
// the file is opened in Excel, WPS or LibreOffice (CSV injection).
type csvWriter struct{ *csv.Writer }

func newCSVWriter(w io.Writer) csvWriter { return csvWriter{csv.NewWriter(w)} }

// Write writes one record with every field neutralised.
func (w csvWriter) Write(rec []string) error {
	out := make([]string, len(rec))
	for i, f := range rec {
		out[i] = Neutralise(f)
	}
	return w.Writer.Write(out)
}

// plainNumber is a field that is only a number: an optional minus, digits and an
// optional decimal part.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// Neutralise makes a CSV field safe to open in a spreadsheet, as OWASP's "CSV Injection"
// page recommends: a field that starts with = + - @, a tab or a carriage return is
// prefixed with a single quote, so the spreadsheet shows it as text and never evaluates
// it (=HYPERLINK(…), =cmd|' /C calc'!A0, @SUM(…), +1+1 all become inert text). The
// field is then quoted by encoding/csv whenever it holds a separator, a quote or a line
// break, so nothing after the prefix can start a new cell.
//
// One exception, on purpose: a field that is only a number (-12, -0.5) is left as it is.
// Negative amounts and indicator values are written by us from Decimal and must stay
// numbers for the people who sum them; a field matching ^-?[0-9]+(\.[0-9]+)?$ holds no
// letter, parenthesis, operator after the sign or reference, so a spreadsheet can only
// read it as that number — there is nothing in it to evaluate. "-1+1", "-A1" or
// "-2,3" do not match and are prefixed.
func Neutralise(f string) string {
	if f == "" {
		return f
	}
	switch f[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if f[0] == '-' && plainNumber.MatchString(f) {
			return f
		}
		return "'" + f
	}
	return f
}
