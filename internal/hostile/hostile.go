// Package hostile builds the upload bombs that the readers and the server must refuse
// without being taken over 300 MB (issue 13 item 8): small zips that expand into huge
// XML. Tests of xlsx, docx, http and the load test use them; nothing else does.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

const (
	ctTypes   = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels  = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook  = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels    = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// part is one zip entry, its content streamed by write.
type part struct {
	name  string
	write func(io.Writer)
}

func text(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

func zipOf(parts ...part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err)
		}
		bw := &chunked{w: w}
		p.write(bw)
		bw.flush()
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// chunked buffers small writes so that building a 60 MiB part stays fast.
type chunked struct {
	w   io.Writer
	buf []byte
}

func (c *chunked) Write(b []byte) (int, error) {
	c.buf = append(c.buf, b...)
	if len(c.buf) >= 1<<20 {
		c.flush()
	}
	return len(b), nil
}

func (c *chunked) flush() {
	if len(c.buf) > 0 {
		c.w.Write(c.buf)
		c.buf = c.buf[:0]
	}
}

func workbookParts(sheet func(io.Writer), shared func(io.Writer)) []part {
	return []part{
		{"[Content_Types].xml", text(ctTypes)},
		{"_rels/.rels", text(rootRels)},
		{"xl/workbook.xml", text(workbook)},
		{"xl/_rels/workbook.xml.rels", text(wbRels)},
		{"xl/worksheets/sheet1.xml", sheet},
		{"xl/sharedStrings.xml", shared},
	}
}

// SharedStrings is a workbook whose shared-string table holds n tiny strings (<si><t>…</t></si>)
// and whose one sheet has one cell: 3.5 million of them are 59 MiB of XML in a zip of
// about 176 KB, under a limit on each part of 64 MiB.
func SharedStrings(n int) []byte {
	return zipOf(workbookParts(
		text(sheetHead+`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`+sheetTail),
		func(w io.Writer) {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
			for i := 0; i < n; i++ {
				io.WriteString(w, "<si><t>a</t></si>")
			}
			io.WriteString(w, "</sst>")
		})...)
}

// BigParts is a workbook with k extra parts of size bytes each (XML comments of
// spaces, which compress to almost nothing): 4 × 60 MiB fit in a zip of about 277 KB and
// stay under a limit of 64 MiB a part and 256 MiB in all.
func BigParts(k, size int) []byte {
	ps := workbookParts(text(sheetHead+sheetTail), text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`))
	for i := 0; i < k; i++ {
		ps = append(ps, part{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+2), func(w io.Writer) {
			io.WriteString(w, sheetHead+"<!--")
			chunk := strings.Repeat(" ", 1<<16)
			for n := 0; n < size; n += len(chunk) {
				io.WriteString(w, chunk)
			}
			io.WriteString(w, "-->"+sheetTail)
		}})
	}
	return zipOf(ps...)
}

// Cells is a workbook with one sheet of rows×cols numeric cells.
func Cells(rows, cols int) []byte {
	return zipOf(workbookParts(func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r := 1; r <= rows; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 0; c < cols; c++ {
				fmt.Fprintf(w, `<c r="%s%d"><v>1</v></c>`, colName(c), r)
			}
			io.WriteString(w, `</row>`)
		}
		io.WriteString(w, sheetTail)
	}, text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`))...)
}

// EmptyRows is a workbook with one sheet of n empty rows.
func EmptyRows(n int) []byte {
	return zipOf(workbookParts(func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r := 1; r <= n; r++ {
			fmt.Fprintf(w, `<row r="%d"/>`, r)
		}
		io.WriteString(w, sheetTail)
	}, text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`))...)
}

func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// DocxText is a docx whose body is one table cell holding size bytes of text, in
// paragraphs of 1 KiB: the reader must not keep it all.
func DocxText(size int) []byte {
	return zipOf(
		part{"[Content_Types].xml", text(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		part{"_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)},
		part{"word/document.xml", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr><w:tc>`)
			p := `<w:p><w:r><w:t>` + strings.Repeat("a", 1024) + `</w:t></w:r></w:p>`
			for n := 0; n < size; n += 1024 {
				io.WriteString(w, p)
			}
			io.WriteString(w, `</w:tc></w:tr></w:tbl></w:body></w:document>`)
		}},
	)
}

// Largest is about the largest workbook the xlsx limits let through: 25,000 shared
// strings of 300 bytes (7.5 MiB) and one sheet of 24,000 cells holding 300 bytes of
// inline text each (8 MiB), 15.5 MiB of XML in all.
func Largest() []byte {
	long := strings.Repeat("长", 100) // 300 bytes of UTF-8
	return zipOf(workbookParts(func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r := 1; r <= 1200; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 0; c < 20; c++ {
				fmt.Fprintf(w, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, colName(c), r, long)
			}
			io.WriteString(w, `</row>`)
		}
		io.WriteString(w, sheetTail)
	}, func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for i := 0; i < 25000; i++ {
			fmt.Fprintf(w, "<si><t>%s</t></si>", long)
		}
		io.WriteString(w, "</sst>")
	})...)
}
