package render

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"jixiao"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func renderHTML(t testing.TB, p *jixiao.Plan, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, p, opts); err != nil {
		t.Fatalf("HTML: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		plan func() *jixiao.Plan
		opts Options
	}{
		{"seed", func() *jixiao.Plan { return seedPlan(t) }, Options{}},
		{"seed-as-imported", func() *jixiao.Plan { return seedPlan(t) }, Options{AsImported: true}},
		{"two-funds", twoFundsPlan, Options{}},
		{"two-funds-page-header", twoFundsPlan, Options{PageHeader: true, PageNumbers: true, Title: "打印"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := renderHTML(t, tc.plan(), tc.opts)
			path := filepath.Join("testdata", tc.name+".golden.html")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./render -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

// --- a small selector toolkit over golang.org/x/net/html ---

func parse(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

// all returns the element descendants of n (n excluded) for which match is true.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
		out = append(out, all(c, match)...)
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func class(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, name) }
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func span(n *html.Node, key string) int {
	v := attr(n, key)
	if v == "" {
		return 1
	}
	i, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return i
}

// level1Runs reads the 一级指标 column of an indicators table: each cell's text and
// rowspan, and the number of body rows.
type run struct {
	Text string
	Span int
}

func level1Runs(table *html.Node) (runs []run, rows int) {
	for _, tb := range all(table, tag("tbody")) {
		rows += len(all(tb, tag("tr")))
	}
	for _, td := range all(table, class("jx-level1")) {
		runs = append(runs, run{text(td), span(td, "rowspan")})
	}
	return runs, rows
}

func sheetsOf(doc *html.Node) []*html.Node { return all(doc, class("jx-sheet")) }

func TestStructureSeed(t *testing.T) {
	p := seedPlan(t)
	checkStructure(t, p, renderHTML(t, p, Options{}))
}

func TestStructureTwoFunds(t *testing.T) {
	p := twoFundsPlan()
	checkStructure(t, p, renderHTML(t, p, Options{}))
}

// checkStructure checks what any rendered plan must hold, against the plan itself.
func checkStructure(t *testing.T, p *jixiao.Plan, b []byte) {
	t.Helper()
	doc := parse(t, b)
	sheets := sheetsOf(doc)
	items := p.Items()
	if want := 2 + len(items); len(sheets) != want {
		t.Fatalf("got %d tables, want %d (department, summary, %d × 附件3)", len(sheets), want, len(items))
	}

	// Titles.
	year := strconv.Itoa(p.Year) + "年"
	wantTitles := []string{year + "部门整体支出绩效目标表", year + "专项资金预算绩效目标汇总表"}
	for range items {
		wantTitles = append(wantTitles, year+"专项资金支出方向绩效目标表")
	}
	var gotTitles []string
	for _, h := range all(doc, tag("h1")) {
		gotTitles = append(gotTitles, text(h))
	}
	if diff := cmp.Diff(wantTitles, gotTitles); diff != "" {
		t.Errorf("titles mismatch (-want +got):\n%s", diff)
	}

	// One 附件3 per fund item.
	var annexes int
	for _, n := range all(doc, class("jx-annex")) {
		if text(n) == "附件3" {
			annexes++
		}
	}
	if annexes != len(items) {
		t.Errorf("%d 附件3 tables, want %d (one per fund item)", annexes, len(items))
	}

	// 一级指标 cells merged down their runs, in the department table and in each 附件3.
	indicatorSets := [][]jixiao.Indicator{p.Indicators}
	for _, it := range items {
		indicatorSets = append(indicatorSets, it.Indicators)
	}
	tables := all(doc, class("jx-indicators"))
	if len(tables) != len(indicatorSets) {
		t.Fatalf("%d indicator tables, want %d", len(tables), len(indicatorSets))
	}
	for i, tb := range tables {
		var want []run
		for _, in := range indicatorSets[i] {
			if n := len(want); n > 0 && want[n-1].Text == in.Level1 {
				want[n-1].Span++
				continue
			}
			want = append(want, run{in.Level1, 1})
		}
		got, rows := level1Runs(tb)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("indicator table %d: 一级指标 cells mismatch (-want +got):\n%s", i, diff)
		}
		if rows != len(indicatorSets[i]) {
			t.Errorf("indicator table %d: %d rows, want %d", i, rows, len(indicatorSets[i]))
		}
		// Every body row must have six cells once the rowspans are counted.
		checkGrid(t, tb, 6)
	}

	// The 合计 row holds the sum of the items.
	var sum jixiao.Amount
	for _, it := range items {
		sum = sum.Add(it.Amount)
	}
	totals := all(sheets[1], class("jx-total"))
	if len(totals) != 1 {
		t.Fatalf("%d 合计 rows, want 1", len(totals))
	}
	cells := all(totals[0], tag("td"))
	if got := text(cells[1]); got != "合计" {
		t.Errorf("total row label %q, want 合计", got)
	}
	if got := text(cells[2]); got != sum.String() {
		t.Errorf("合计 %q, want %s (the sum of the items)", got, sum)
	}
	if got, want := len(all(sheets[1], class("jx-group"))), len(p.SpecialFunds); got != want {
		t.Errorf("%d group rows, want %d", got, want)
	}
	if got := len(all(sheets[1], class("jx-item"))); got != len(items) {
		t.Errorf("%d item rows, want %d", got, len(items))
	}

	// Self-contained: no script, no stylesheet link, no external URL anywhere.
	for _, n := range all(doc, func(*html.Node) bool { return true }) {
		switch n.Data {
		case "script", "link", "img", "iframe", "object":
			t.Errorf("unexpected <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if (a.Key == "src" || a.Key == "href") && strings.Contains(a.Val, "http") {
				t.Errorf("external URL in <%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
	if bytes.Contains(b, []byte("http:")) || bytes.Contains(b, []byte("https:")) || bytes.Contains(b, []byte("@import")) {
		t.Error("the document refers to something outside itself (http: or @import)")
	}
}

// checkGrid expands the rowspans and colspans of a table's rows and checks that every
// row covers exactly cols columns: the merges the renderer writes must tile the grid.
func checkGrid(t *testing.T, table *html.Node, cols int) {
	t.Helper()
	var covered []int // remaining rowspan per column
	covered = make([]int, cols)
	for r, tr := range all(table, tag("tr")) {
		col := 0
		next := func() {
			for col < cols && covered[col] > 0 {
				col++
			}
		}
		for _, c := range all(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" }) {
			next()
			rs, cs := span(c, "rowspan"), span(c, "colspan")
			for k := 0; k < cs; k++ {
				if col+k >= cols {
					t.Errorf("row %d: cell %q runs past column %d", r, text(c), cols)
					return
				}
				covered[col+k] = rs
			}
			col += cs
		}
		next()
		if col != cols {
			t.Errorf("row %d covers %d columns, want %d", r, col, cols)
		}
		for k := range covered {
			covered[k]--
		}
	}
}

func TestEscaping(t *testing.T) {
	p := twoFundsPlan()
	b := renderHTML(t, p, Options{})
	if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<b>")) {
		t.Fatal("markup in a cell was written as markup")
	}
	doc := parse(t, b)
	var found bool
	for _, td := range all(doc, tag("td")) {
		if text(td) == `<script>alert("x")</script>培训教师 800 人次` {
			found = true
		}
	}
	if !found {
		t.Error("the cell holding <script> does not read back as its text")
	}
}

// The running header puts user text (the department's name) into CSS: it must stay a
// CSS string and never end the rule or the <style> element.
func TestPageHeaderEscaping(t *testing.T) {
	p := twoFundsPlan()
	p.Department = `某局"; } body { display: none } </style><script>alert(1)</script>`
	b := renderHTML(t, p, Options{PageHeader: true})
	if bytes.Contains(b, []byte("</style><script>")) || bytes.Count(b, []byte("</style>")) != 1 {
		t.Fatal("the department's name ended the <style> element")
	}
	if bytes.Contains(b, []byte(`"; } body`)) {
		t.Fatal("the department's name ended its CSS string")
	}
	doc := parse(t, b)
	if n := len(all(doc, tag("script"))); n != 0 {
		t.Fatalf("%d <script> elements", n)
	}
	if got, want := cssString("a\"b\\c<d\ne"), `"a\22 b\5c c\3c d\a e"`; got != want {
		t.Errorf("cssString = %s, want %s", got, want)
	}
	// One named page per table, each with its title.
	for _, r := range Tables(p) {
		id := "jx-" + strings.ReplaceAll(r.Which, ":", "-")
		if !bytes.Contains(b, []byte("#"+id+" { page: "+id+"; }")) {
			t.Errorf("no named page for %s", r.Which)
		}
	}
	if bytes.Contains(renderHTML(t, p, Options{}), []byte("@top-left")) {
		t.Error("page header written without the option")
	}
}

func TestAmountsAsWritten(t *testing.T) {
	p := twoFundsPlan()
	doc := parse(t, renderHTML(t, p, Options{}))
	var cells []string
	for _, td := range all(sheetsOf(doc)[0], class("jx-num")) {
		cells = append(cells, text(td))
	}
	// 30.00 keeps its two decimals; empty cells stay empty.
	want := []string{"1200.5万元", "980.5万元", "50万元", "300万元", "30.00万元"}
	if diff := cmp.Diff(want, cells); diff != "" {
		t.Errorf("budget cells mismatch (-want +got):\n%s", diff)
	}
}

// summaryRows reads the summary table's body as text, row by row.
func summaryRows(t *testing.T, p *jixiao.Plan, opts Options) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := TableWith(&buf, p, "summary", opts); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, buf.Bytes())
	var rows [][]string
	for _, tr := range all(all(doc, tag("tbody"))[0], tag("tr")) {
		var row []string
		for _, td := range all(tr, tag("td")) {
			row = append(row, text(td))
		}
		rows = append(rows, row)
	}
	return rows
}

func TestSummaryDerivedAndAsImported(t *testing.T) {
	p := twoFundsPlan()
	derived := [][]string{
		{"", "合计", "300.00", "", ""},
		{"一", "教育发展专项", "250.00", "", ""},
		{"1", "校舍维修改造", "200.25", "消除校舍安全隐患。", "完成 12 所学校维修。"},
		{"2", "教师培训", "49.75", "提升教师能力。", "培训 800 人次。"},
		{"二", "学生资助专项", "50", "", ""},
		{"1", "困难学生资助", "50", "应助尽助。", "资助 500 人。"},
	}
	if diff := cmp.Diff(derived, summaryRows(t, p, Options{})); diff != "" {
		t.Errorf("derived summary mismatch (-want +got):\n%s", diff)
	}
	// As imported: the 合计 (FundsTotal), the first group (SpecialFund.Amount) and the
	// first item (its Summary) say what the document said; the rest is derived.
	imported := [][]string{
		{"", "合计", "300", "", ""},
		{"一", "教育发展专项", "250", "", ""},
		{"1", "校舍维修改造", "200", "消除隐患。", "完成维修。"},
		{"2", "教师培训", "49.75", "提升教师能力。", "培训 800 人次。"},
		{"二", "学生资助专项", "50", "", ""},
		{"1", "困难学生资助", "50", "应助尽助。", "资助 500 人。"},
	}
	if diff := cmp.Diff(imported, summaryRows(t, p, Options{AsImported: true})); diff != "" {
		t.Errorf("as-imported summary mismatch (-want +got):\n%s", diff)
	}
}

func TestSeedSummaryAsImported(t *testing.T) {
	p := seedPlan(t)
	rows := summaryRows(t, p, Options{AsImported: true})
	// The seed's summary row of 统战特别政治经费 says 协调处理关系 where its 附件3 says
	// 协调处理好各方面关系: as imported keeps the summary's words, derived the item's.
	if !strings.Contains(rows[3][3], "协调处理关系") {
		t.Errorf("as imported, row 统战特别政治经费 reads %q", rows[3][3])
	}
	if rows := summaryRows(t, p, Options{}); !strings.Contains(rows[3][3], "协调处理好各方面关系") {
		t.Errorf("derived, row 统战特别政治经费 reads %q", rows[3][3])
	}
}

func TestTable(t *testing.T) {
	p := twoFundsPlan()
	for _, tc := range []struct {
		which, id, title string
	}{
		{"department", "jx-department", "2025年部门整体支出绩效目标表"},
		{"summary", "jx-summary", "2025年专项资金预算绩效目标汇总表"},
		{"item:1", "jx-item-1", "2025年专项资金支出方向绩效目标表"},
		{"item:3", "jx-item-3", "2025年专项资金支出方向绩效目标表"},
	} {
		var buf bytes.Buffer
		if err := Table(&buf, p, tc.which); err != nil {
			t.Fatalf("Table(%q): %v", tc.which, err)
		}
		doc := parse(t, buf.Bytes())
		sheets := sheetsOf(doc)
		if len(sheets) != 1 || attr(sheets[0], "id") != tc.id {
			t.Fatalf("Table(%q) wrote %d sheets, want 1 with id %s", tc.which, len(sheets), tc.id)
		}
		if got := text(all(doc, tag("h1"))[0]); got != tc.title {
			t.Errorf("Table(%q) title %q, want %q", tc.which, got, tc.title)
		}
		if bytes.Contains(buf.Bytes(), []byte("<style")) || bytes.Contains(buf.Bytes(), []byte("<html")) {
			t.Errorf("Table(%q) is not a fragment", tc.which)
		}
	}
	// The third item is the first of the second fund: its 附件3 names that fund.
	var buf bytes.Buffer
	if err := Table(&buf, p, "item:3"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "学生资助专项") || !strings.Contains(buf.String(), "困难学生资助") {
		t.Error("item:3 is not 困难学生资助 of 学生资助专项")
	}
	for _, which := range []string{"item:0", "item:4", "item:x", "items", ""} {
		err := Table(&bytes.Buffer{}, p, which)
		var e *jixiao.Error
		if !errors.As(err, &e) || e.Code != jixiao.ENOTFOUND {
			t.Errorf("Table(%q) = %v, want a not_found error", which, err)
		}
	}
	if err := Table(&bytes.Buffer{}, &jixiao.Plan{Year: 2025}, "summary"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("summary of a plan without funds = %v, want not_found", err)
	}
}

func TestTables(t *testing.T) {
	got := Tables(twoFundsPlan())
	want := []Ref{
		{Which: "department", Title: "2025年部门整体支出绩效目标表"},
		{Which: "summary", Title: "2025年专项资金预算绩效目标汇总表"},
		{Which: "item:1", Title: "2025年专项资金支出方向绩效目标表", Name: "校舍维修改造"},
		{Which: "item:2", Title: "2025年专项资金支出方向绩效目标表", Name: "教师培训"},
		{Which: "item:3", Title: "2025年专项资金支出方向绩效目标表", Name: "困难学生资助"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tables mismatch (-want +got):\n%s", diff)
	}
	// Every listed table renders.
	for _, r := range got {
		if err := Table(&bytes.Buffer{}, twoFundsPlan(), r.Which); err != nil {
			t.Errorf("Table(%q): %v", r.Which, err)
		}
	}
}

// An empty plan still lays out the department table, with its empty rows, and nothing
// else.
func TestEmptyPlan(t *testing.T) {
	b := renderHTML(t, &jixiao.Plan{}, Options{})
	doc := parse(t, b)
	if n := len(sheetsOf(doc)); n != 1 {
		t.Fatalf("%d tables for an empty plan, want 1", n)
	}
	if got := text(all(doc, tag("h1"))[0]); got != "部门整体支出绩效目标表" {
		t.Errorf("title %q", got)
	}
	for _, tb := range all(doc, class("jx-indicators")) {
		checkGrid(t, tb, 6)
	}
	if err := HTML(&bytes.Buffer{}, nil, Options{}); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("HTML(nil) = %v, want invalid", err)
	}
}

func TestIndicatorRowsMergeLevel2(t *testing.T) {
	ind := jixiao.NewIndicator
	rows := indicatorRows([]jixiao.Indicator{
		ind("产出指标", "数量指标", "a", "1", ""),
		ind("产出指标", "数量指标", "b", "1", ""),
		ind("产出指标", "质量指标", "c", "1", ""),
		ind("效益指标", "质量指标", "d", "1", ""), // same 二级 text, new 一级: not merged across
		ind("产出指标", "数量指标", "e", "1", ""), // a 一级 that comes back is a new run
	})
	type spans struct{ L1, L2 int }
	var got []spans
	for _, r := range rows {
		got = append(got, spans{r.L1Span, r.L2Span})
	}
	want := []spans{{3, 2}, {0, 0}, {0, 1}, {1, 1}, {1, 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spans mismatch (-want +got):\n%s", diff)
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "100"} {
		if got := chineseNumber(n); got != want {
			t.Errorf("chineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCSSScoped(t *testing.T) {
	// The web app includes CSS beside its own: no rule may style bare elements.
	css := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(CSS, "")
	for _, line := range strings.Split(css, "\n") {
		l := strings.TrimSpace(line)
		if !(strings.HasSuffix(l, "{") || strings.HasSuffix(l, ",")) || strings.HasPrefix(l, "@") {
			continue
		}
		sel := strings.TrimSpace(strings.TrimRight(l, "{,"))
		if !strings.HasPrefix(sel, ".jx-") {
			t.Errorf("CSS rule %q is not scoped to .jx-", sel)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	p := seedPlan(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := HTML(&buf, p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
