package document

import (
	"archive/zip"
	"bytes"
	"html"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/docx"
	"jixiao/xlsx"
)

// benchTables is the number of project tables each benchmark reads: one document holding
// 1,000 copies of a published project table (湘潭 2023, 10 indicators), each its own name.
const benchTables = 1000

const benchFile = "hunan-2023-project-xiangtan-wupaoche.txt"

func benchText(b *testing.B) []byte {
	data, err := os.ReadFile(published + benchFile)
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	for i := range benchTables {
		out.Write(bytes.ReplaceAll(data, []byte("雾炮车降尘抑尘服务\n"), []byte("雾炮车降尘抑尘服务"+strconv.Itoa(i)+"\n")))
		out.WriteString("\n")
	}
	return out.Bytes()
}

// benchRows are the rows of the 1,000 tables; a title is a row of one cell.
func benchRows(b *testing.B) [][]string {
	one := rowsOf(b, benchFile)
	var rows [][]string
	for i := range benchTables {
		for _, r := range one {
			r = append([]string(nil), r...)
			for k, c := range r {
				if c == "雾炮车降尘抑尘服务" {
					r[k] = c + strconv.Itoa(i)
				}
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// benchXLSX writes the tables 100 to a sheet (a sheet holds at most xlsx.MaxRows rows).
func benchXLSX(b *testing.B) []byte {
	f := excelize.NewFile()
	defer f.Close()
	rows := benchRows(b)
	per := len(rows) / 10
	for s := range 10 {
		name := "项目" + strconv.Itoa(s+1)
		if s == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			b.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			b.Fatal(err)
		}
		for r, row := range rows[s*per : (s+1)*per] {
			vals := make([]any, len(row))
			for i, v := range row {
				vals[i] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, vals); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchDOCX(b *testing.B) []byte {
	para := func(s string) string {
		return `<w:p><w:r><w:t xml:space="preserve">` + html.EscapeString(s) + `</w:t></w:r></w:p>`
	}
	var x strings.Builder
	x.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	in := false
	for _, row := range benchRows(b) {
		if len(row) == 1 {
			if in {
				x.WriteString("</w:tbl>")
				in = false
			}
			x.WriteString(para(row[0]))
			continue
		}
		if !in {
			x.WriteString("<w:tbl>")
			in = true
		}
		x.WriteString("<w:tr>")
		for _, c := range row {
			x.WriteString("<w:tc>")
			for _, p := range strings.Split(c, "\n") {
				x.WriteString(para(p))
			}
			x.WriteString("</w:tc>")
		}
		x.WriteString("</w:tr>")
	}
	if in {
		x.WriteString("</w:tbl>")
	}
	x.WriteString("</w:body></w:document>")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(x.String()))
	zw.Close()
	return buf.Bytes()
}

func benchRead(b *testing.B, name string, data []byte, read func(string, []byte) (int, error)) {
	n, err := read(name, data)
	if err != nil {
		b.Fatal(err)
	}
	if n != benchTables {
		b.Fatalf("%d projects read, want %d", n, benchTables)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := read(name, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchTables/1000, "µs/table")
}

// BenchmarkProjectsText reads 1,000 project tables from the text format.
func BenchmarkProjectsText(b *testing.B) {
	benchRead(b, "p.txt", benchText(b), func(name string, data []byte) (int, error) {
		p, err := ReadBytes(name, data)
		if err != nil {
			return 0, err
		}
		return len(p.Projects), nil
	})
}

// BenchmarkProjectsXLSX reads 1,000 project tables from one sheet of a workbook.
func BenchmarkProjectsXLSX(b *testing.B) {
	benchRead(b, "p.xlsx", benchXLSX(b), func(name string, data []byte) (int, error) {
		p, err := xlsx.Read(name, data)
		if err != nil {
			return 0, err
		}
		return len(p.Projects), nil
	})
}

// BenchmarkProjectsExcelizeRows is the floor of BenchmarkProjectsXLSX: excelize's own
// reading of the same workbook's rows (f.Rows, Columns), which xlsx.Read does first.
func BenchmarkProjectsExcelizeRows(b *testing.B) {
	benchRead(b, "p.xlsx", benchXLSX(b), func(name string, data []byte) (int, error) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return 0, err
		}
		defer f.Close()
		n := 0
		for _, sh := range f.GetSheetList() {
			rows, err := f.Rows(sh)
			if err != nil {
				return 0, err
			}
			for rows.Next() {
				cols, err := rows.Columns()
				if err != nil {
					return 0, err
				}
				if len(cols) == 1 && strings.HasSuffix(cols[0], "绩效目标申报表") {
					n++
				}
			}
			if err := rows.Close(); err != nil {
				return 0, err
			}
		}
		return n, nil
	})
}

// BenchmarkProjectsDOCX reads 1,000 project tables from a Word document.
func BenchmarkProjectsDOCX(b *testing.B) {
	benchRead(b, "p.docx", benchDOCX(b), func(name string, data []byte) (int, error) {
		p, err := docx.Read(name, data)
		if err != nil {
			return 0, err
		}
		return len(p.Projects), nil
	})
}
