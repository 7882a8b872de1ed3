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

	// PageHeader prints a running header on every printed page (CSS @page margin boxes
	// on named pages): the department and the year on the left, the title of the table
	// the page belongs to on the right. PageNumbers prints 第 N 页 共 M 页 at the foot.
	// Both are for printing only (the screen shows neither); the pdf package sets
	// PageHeader and draws the page numbers with Chromium's footer template.
	PageHeader  bool
	PageNumbers bool
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
		if s.Project != nil {
			r.Name = s.Project.Name
		}
		refs = append(refs, r)
	}
	return refs
}

// sheets builds every table of p. The summary table is left out when the plan has no
// special fund, as a department without 专项资金 files none.
func sheets(p *jixiao.Plan, opts Options) []sheet {
	var out []sheet
	if !projectsOnly(p) {
		out = append(out, departmentSheet(p))
	}
	if len(p.SpecialFunds) > 0 {
		out = append(out, summarySheet(p, opts.AsImported))
	}
	out = append(out, itemSheets(p)...)
	return append(out, projectSheets(p)...)
}

// projectsOnly reports whether the plan is project tables only (a document of
// 项目支出绩效目标表), with no department table to print.
func projectsOnly(p *jixiao.Plan) bool {
	return len(p.Projects) > 0 && len(p.Indicators) == 0 && len(p.SpecialFunds) == 0 && p.Duties == "" &&
		len(p.KeyTasks) == 0 && !p.Budget.Total.IsSet()
}

type docData struct {
	Title   string
	CSS     template.CSS
	PageCSS template.CSS
	Sheets  []sheet
}

// HTML writes p's tables as one self-contained HTML document.
func HTML(w io.Writer, p *jixiao.Plan, opts Options) error {
	if p == nil {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效目标表。")
	}
	title := opts.Title
	if title == "" {
		title = DocumentTitle(p)
	}
	ss := sheets(p, opts)
	return execute(w, "doc", docData{Title: title, CSS: template.CSS(CSS), PageCSS: pageCSS(p, ss, opts), Sheets: ss})
}

// pageCSS writes the @page rules of Options.PageHeader and PageNumbers. Each table is a
// named page (jx-department, jx-summary, jx-item-1, …) whose top-right margin box
// holds its title, so a page that continues a table still says which table it is.
// Margin boxes do not inherit the body's font, so each names its own.
func pageCSS(p *jixiao.Plan, ss []sheet, opts Options) template.CSS {
	if !opts.PageHeader && !opts.PageNumbers {
		return ""
	}
	const box = `font-family: "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 9pt; color: #333;`
	var b strings.Builder
	b.WriteString("@page {\n")
	if opts.PageHeader {
		left := strings.TrimSpace(p.Department + " " + yearTitle(p.Year, "预算绩效目标"))
		fmt.Fprintf(&b, "\t@top-left { content: %s; %s vertical-align: bottom; padding-bottom: 3mm; }\n", cssString(left), box)
	}
	if opts.PageNumbers {
		fmt.Fprintf(&b, "\t@bottom-center { content: \"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\"; %s }\n", box)
	}
	b.WriteString("}\n")
	if opts.PageHeader {
		for _, s := range ss {
			fmt.Fprintf(&b, "#%s { page: %s; }\n", s.ID, s.ID)
			title := s.Title
			if s.Item != nil && s.Item.Name != "" {
				title += "（" + s.Item.Name + "）"
			}
			if s.Project != nil && s.Project.Name != "" {
				title += "（" + s.Project.Name + "）"
			}
			fmt.Fprintf(&b, "@page %s { @top-right { content: %s; %s vertical-align: bottom; padding-bottom: 3mm; } }\n", s.ID, cssString(title), box)
		}
	}
	return template.CSS(b.String())
}

// cssString quotes s as a CSS string. Every character that could end the string, the
// rule or the <style> element is written as a CSS escape.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\', '<', '>', '&', '\n', '\r', '\f':
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, "\\%x ", r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
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
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效目标表。")
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
			return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "该绩效目标没有专项资金，没有专项资金预算绩效目标汇总表。")
		}
		return summarySheet(p, opts.AsImported), nil
	case strings.HasPrefix(which, "item:"):
		items := itemSheets(p)
		n, err := strconv.Atoi(which[len("item:"):])
		if err != nil || n < 1 || n > len(items) {
			if len(items) == 0 {
				return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：该绩效目标没有专项资金支出方向（附件3）。", which)
			}
			return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：附件3 的编号应为 item:1 至 item:%d。", which, len(items))
		}
		return items[n-1], nil
	case strings.HasPrefix(which, "project:"):
		projects := projectSheets(p)
		n, err := strconv.Atoi(which[len("project:"):])
		if err != nil || n < 1 || n > len(projects) {
			if len(projects) == 0 {
				return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：该绩效目标没有单列的项目支出绩效目标表。", which)
			}
			return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：项目表的编号应为 project:1 至 project:%d。", which, len(projects))
		}
		return projects[n-1], nil
	}
	return sheet{}, jixiao.Errorf(jixiao.ENOTFOUND, "没有表“%s”：可选“department”（部门整体）、“summary”（汇总表）或“item:序号”（第几个附件3，从 1 起）。", which)
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
