// Package render lays out a Plan as the official performance target tables in HTML: the
// 部门整体支出绩效目标表, the 专项资金预算绩效目标汇总表 and one 附件3 专项资金支出方向绩效目标表 per
// fund item, with the merged cells, header lines and 金额单位 of the originals.
//
// HTML writes one self-contained file (inline CSS, no script, no external asset) that
// prints on A4, one table a page, header rows repeated on every page. Table writes one
// table as a fragment, for the web app's print view, which includes CSS in its page.
// The pdf package prints the same HTML with Chromium.
package render

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// CSS is the stylesheet of the tables. HTML inlines it; a page that shows fragments
// written by Table must include it (every rule is scoped to .jx-sheet or .jx-doc, except
// @page, which sets A4).
//
//go:embed style.css
var CSS string

//go:embed tables.html
var tablesHTML string

var tmpl = template.Must(template.New("tables").Funcs(template.FuncMap{"long": long}).Parse(tablesHTML))

// long reports whether a cell's text is a paragraph rather than a name or a figure: the
// forms centre names and figures, and a centred paragraph is hard to read, so paragraphs
// are set flush left.
func long(s string) bool { return utf8.RuneCountInString(s) > 24 }

// Options change how the tables are laid out.
type Options struct {
	// AsImported renders the summary table (专项资金预算绩效目标汇总表) as the imported
	// document wrote it: each item row from FundItem.Summary where present, each group
	// row from SpecialFund.Amount and the 合计 row from Plan.FundsTotal where set. By
	// default every row is derived from the fund items, so that the summary and the 附件3
	// tables have one source and cannot disagree.
	AsImported bool

	// Title is the HTML document's <title>; by default the department, the year and
	// 预算绩效目标表.
	Title string
}

// Ref names one table of a plan: Which is what Table accepts, Title the table's heading.
type Ref struct {
	Which string // "department", "summary", "item:1", "item:2", …
	Title string // e.g. 2021年部门整体支出绩效目标表
	Name  string // for an item table, the item's name (支出方向（子项）)
}

// Tables lists the tables of p in print order: the department table, the summary table
// (when the plan has special funds) and one 附件3 table per fund item, numbered from 1
// in the order of p.Items.
func Tables(p *jixiao.Plan) []Ref {
	if p == nil {
		return nil
	}
	var refs []Ref
	for _, s := range sheets(p, Options{}) {
		r := Ref{Which: s.Which, Title: s.Title}
		if s.Item != nil {
			r.Name = s.Item.Name
		}
		refs = append(refs, r)
	}
	return refs
}

// sheets builds every table of p. The summary table is left out when the plan has no
// special fund, as a department without 专项资金 files none.
func sheets(p *jixiao.Plan, opts Options) []sheet {
	out := []sheet{departmentSheet(p)}
	if len(p.SpecialFunds) > 0 {
		out = append(out, summarySheet(p, opts.AsImported))
	}
	return append(out, itemSheets(p)...)
}

type docData struct {
	Title  string
	CSS    template.CSS
	Sheets []sheet
}

// HTML writes p's tables as one self-contained HTML document.
func HTML(w io.Writer, p *jixiao.Plan, opts Options) error {
	if p == nil {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效目标表")
	}
	title := opts.Title
	if title == "" {
		title = DocumentTitle(p)
	}
	return execute(w, "doc", docData{Title: title, CSS: template.CSS(CSS), Sheets: sheets(p, opts)})
}

// DocumentTitle is the default title of a rendered plan: department, year and
// 预算绩效目标表.
func DocumentTitle(p *jixiao.Plan) string {
	return strings.TrimSpace(p.Department + " " + yearTitle(p.Year, "预算绩效目标表"))
}

// Table writes one table of p as an HTML fragment (a <section class="jx-sheet">), laid
// out with the default options. which is "department", "summary" or "item:N", where N
// counts the fund items from 1 in the order of p.Items (see Tables).
func Table(w io.Writer, p *jixiao.Plan, which string) error {
	return TableWith(w, p, which, Options{})
}

// TableWith is Table with options (opts.Title is not used by a fragment).
func TableWith(w io.Writer, p *jixiao.Plan, which string, opts Options) error {
	if p == nil {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效目标表")
	}
	s, err := find(p, which, opts)
	if err != nil {
		return err
	}
	return execute(w, "sheet", s)
}

func find(p *jixiao.Plan, which string, opts Options) (sheet, error) {
	which = strings.TrimSpace(which)
	switch {
	case which == "department":
		return departmentSheet(p), nil
	case which == "summary":
		if len(p.SpecialFunds) == 0 {
			return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "该绩效目标没有专项资金，没有专项资金预算绩效目标汇总表")
		}
		return summarySheet(p, opts.AsImported), nil
	case strings.HasPrefix(which, "item:"):
		items := itemSheets(p)
		n, err := strconv.Atoi(which[len("item:"):])
		if err != nil || n < 1 || n > len(items) {
			if len(items) == 0 {
				return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：该绩效目标没有专项资金支出方向（附件3）", which)
			}
			return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：附件3 的编号应为 item:1 至 item:%d", which, len(items))
		}
		return items[n-1], nil
	}
	return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：可选 department（部门整体）、summary（汇总表）或 item:N（第 N 个附件3）", which)
}

func execute(w io.Writer, name string, data any) error {
	bw := bufio.NewWriter(w)
	if err := tmpl.ExecuteTemplate(bw, name, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render %s: write: %w", name, err)
	}
	return nil
}
