package docx

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"jixiao"
)

// wordXML writes rows as a document.xml: a row of one cell is a paragraph between
// tables, a run of longer rows is one table. In a cell, "\n" starts a new paragraph and
// "\t" is a w:tab.
func wordXML(rows [][]string) string {
	para := func(s string) string {
		var b strings.Builder
		b.WriteString("<w:p>")
		for i, part := range strings.Split(s, "\t") {
			if i > 0 {
				b.WriteString("<w:r><w:tab/></w:r>")
			}
			if part != "" {
				b.WriteString(`<w:r><w:t xml:space="preserve">` + html.EscapeString(part) + "</w:t></w:r>")
			}
		}
		b.WriteString("</w:p>")
		return b.String()
	}
	var b strings.Builder
	b.WriteString(docStart)
	inTable := false
	for _, row := range rows {
		if len(row) == 1 {
			if inTable {
				b.WriteString("</w:tbl>")
				inTable = false
			}
			b.WriteString(para(row[0]))
			continue
		}
		if !inTable {
			b.WriteString("<w:tbl>")
			inTable = true
		}
		b.WriteString("<w:tr>")
		for _, c := range row {
			b.WriteString("<w:tc>")
			for _, p := range strings.Split(c, "\n") {
				b.WriteString(para(p))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	if inTable {
		b.WriteString("</w:tbl>")
	}
	b.WriteString("</w:body></w:document>")
	return b.String()
}

// cellOf finds the n-th row (from 0) whose first cell is label and returns it.
func cellOf(t *testing.T, rows [][]string, label string, n int) []string {
	t.Helper()
	for _, row := range rows {
		if len(row) > 1 && row[0] == label {
			if n == 0 {
				return row
			}
			n--
		}
	}
	t.Fatalf("no row %q", label)
	return nil
}

// tableOf says which table (from 1) and row (from 1) of wordXML(rows) holds the row.
func tableOf(rows [][]string, target []string) (int, int) {
	tbl, r, in := 0, 0, false
	for _, row := range rows {
		if len(row) == 1 {
			in = false
			continue
		}
		if !in {
			tbl, r, in = tbl+1, 0, true
		}
		r++
		if &row[0] == &target[0] {
			return tbl, r
		}
	}
	return 0, 0
}

// TestReadKeepsCellParagraphs: an empty paragraph and a tab inside a cell reach the plan
// (the text format had to drop the one and turn the other into a space).
func TestReadKeepsCellParagraphs(t *testing.T) {
	rows := seedRows(t)
	row := cellOf(t, rows, "实施期绩效目标", 0) // the first 附件3's
	row[1] = "第一段。\n\n第二段\t（续）"
	got, err := Read("unit.docx", zipOf(t, "word/document.xml", wordXML(rows)))
	if err != nil {
		t.Fatal(err)
	}
	want := seedPlan(t)
	want.SpecialFunds[0].Items[0].PeriodGoal = row[1]
	samePlan(t, want, got)
}

// TestReadErrorNamesCell: a bad value is reported at its table, row and column.
func TestReadErrorNamesCell(t *testing.T) {
	rows := seedRows(t)
	row := cellOf(t, rows, "项目金额", 1) // the second 附件3's
	row[1] = "三十万"
	tbl, r := tableOf(rows, row)
	_, err := Read("unit.docx", zipOf(t, "word/document.xml", wordXML(rows)))
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	want := fmt.Sprintf("unit.docx 表%d 第%d行第2列：无法识别金额“三十万”", tbl, r)
	if msg := jixiao.ErrorMessage(err); !strings.Contains(msg, want) {
		t.Errorf("message %q\nwant it to contain %q", msg, want)
	}
}

// TestTablesGridColumns: a cell after one that spans two grid columns is named by its
// grid column, and a vertically merged cell is empty.
func TestTablesGridColumns(t *testing.T) {
	doc := docStart + `<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl>` +
		`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr>` +
		`</w:tbl></w:body></w:document>`
	tables, err := Tables("t.docx", zipOf(t, "word/document.xml", doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				got = append(got, c.Where+"="+c.Text)
			}
		}
	}
	want := []string{"第一个表格之前的段落“标题”=标题", "表1 第1行第1列=甲", "表1 第1行第3列=乙", "表1 第2行第1列=", "表1 第2行第3列=丙"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
