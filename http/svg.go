package http

import (
	"fmt"
	"html/template"
	"strings"
)

// Charts are drawn on the server as inline SVG: no script, no library, nothing fetched,
// and they print as they show. Every chart has its numbers beside it as a table (and as
// xlsx), so the chart is never the only way to read them.

// bar is one bar of a chart: its label, its value, and the text written after it.
type bar struct {
	Label string
	Value float64
	Text  string
	Class string // a colour class (state-…, sev-…), for the print and screen styles
}

// barColours fill the bars by class; attributes, not styles, so the page's CSP needs no
// exception and a printer draws them.
var barColours = map[string]string{
	"state-" + boardNotStarted:   "#9e9e9e",
	"state-" + boardDraft:        "#f0ad4e",
	"state-" + boardSubmitted:    "#5bc0de",
	"state-" + boardUnitApproved: "#337ab7",
	"state-" + boardReturned:     "#d9534f",
	"state-" + boardApproved:     "#5cb85c",
	"state-" + boardPublished:    "#2e7d32",
	"sev-error":                  "#d9534f",
	"sev-warning":                "#f0ad4e",
	"sev-info":                   "#5bc0de",
}

// barChart draws horizontal bars, one row each, scaled to the largest value (or to max
// when it is larger, for percentages).
func barChart(id, title string, bars []bar, max float64) template.HTML {
	const labelW, barW, textW, rowH = 200.0, 320.0, 120.0, 26.0
	for _, b := range bars {
		if b.Value > max {
			max = b.Value
		}
	}
	h := rowH*float64(len(bars)) + 8
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg id="%s" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-labelledby="%s-t">`,
		template.HTMLEscapeString(id), labelW+barW+textW, h, template.HTMLEscapeString(id))
	fmt.Fprintf(&sb, `<title id="%s-t">%s</title>`, template.HTMLEscapeString(id), template.HTMLEscapeString(title))
	for i, b := range bars {
		y := 4 + rowH*float64(i)
		w := 0.0
		if max > 0 {
			w = barW * b.Value / max
		}
		fill := barColours[b.Class]
		if fill == "" {
			fill = "#337ab7"
		}
		label := []rune(b.Label)
		if len(label) > 14 {
			label = append(label[:13], '…')
		}
		fmt.Fprintf(&sb, `<g class="bar %s"><title>%s：%s</title>`, template.HTMLEscapeString(b.Class),
			template.HTMLEscapeString(b.Label), template.HTMLEscapeString(b.Text))
		fmt.Fprintf(&sb, `<text x="%.0f" y="%.1f" text-anchor="end" font-size="13" fill="#222">%s</text>`, labelW-6, y+17, template.HTMLEscapeString(string(label)))
		fmt.Fprintf(&sb, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="%s" stroke="#333" stroke-width="0.5"></rect>`, labelW, y+3, w, rowH-8, fill)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="13" fill="#222" class="value">%s</text></g>`, labelW+w+6, y+17, template.HTMLEscapeString(b.Text))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// percent is n of total as a percentage with one decimal, "—" when total is 0.
func percent(n, total int) string {
	if total == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))
}

// tableHTML writes the section's table: a province's drill-down has hundreds of rows,
// written here directly rather than cell by cell through the template engine (ten times
// the cost, measured in scale/dashboard_test.go). Every text is escaped.
func (sec *dashSection) tableHTML() template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<table class="grid list dash-table" id="table-%s"><thead><tr>`, esc(sec.ID))
	for _, h := range sec.Header {
		if h.Sort != "" {
			label := h.Label
			if h.On != "" {
				label += " " + h.On
			}
			fmt.Fprintf(&b, `<th><a href="%s">%s</a></th>`, esc(h.Sort), esc(label))
		} else {
			fmt.Fprintf(&b, `<th>%s</th>`, esc(h.Label))
		}
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	cell := func(v any) string { return esc(fmt.Sprint(v)) }
	for _, r := range sec.Rows {
		if r.Class != "" {
			fmt.Fprintf(&b, `<tr class="%s">`, esc(r.Class))
		} else {
			b.WriteString("<tr>")
		}
		for i, c := range r.Cells {
			if i == 0 && r.Link != "" {
				fmt.Fprintf(&b, `<td><a href="%s">%s</a></td>`, esc(r.Link), cell(c))
			} else {
				fmt.Fprintf(&b, `<td>%s</td>`, cell(c))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>")
	if sec.Total != nil {
		b.WriteString(`<tfoot><tr class="total">`)
		for _, c := range sec.Total.Cells {
			fmt.Fprintf(&b, `<td>%s</td>`, cell(c))
		}
		b.WriteString("</tr></tfoot>")
	}
	b.WriteString("</table>")
	return template.HTML(b.String())
}
