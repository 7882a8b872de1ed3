package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/fuzz/FuzzReadXLSX from the generated hostile files")

// zipOf builds a zip from names and bodies, in order.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

const (
	ctTypes  = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels   = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
)

// minimalXLSX is a workbook of one sheet with the given sheetData and merges.
func minimalXLSX(t testing.TB, sheetData, merges string) []byte {
	sheet := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData>` + merges + `</worksheet>`
	return zipOf(t, "[Content_Types].xml", ctTypes, "_rels/.rels", rootRels, "xl/workbook.xml", workbook,
		"xl/_rels/workbook.xml.rels", wbRels, "xl/worksheets/sheet1.xml", sheet)
}

// bomb is a zip whose one entry expands from a few kilobytes to more than the limit.
func bomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	chunk := make([]byte, 1<<20)
	for range MaxPartUnzipped>>20 + 1 {
		w.Write(chunk)
	}
	w2, _ := zw.Create("xl/workbook.xml")
	w2.Write([]byte(workbook))
	zw.Close()
	return buf.Bytes()
}

// hostile are the files every reader must refuse with a clear error, never a panic or
// an out-of-memory.
func hostile(t testing.TB) map[string][]byte {
	var many []string
	for i := range MaxEntries + 1 {
		many = append(many, fmt.Sprintf("f%d", i), "")
	}
	seed := writeBytes(t, seedPlan(t))
	return map[string][]byte{
		"bomb":          bomb(t),
		"many-entries":  zipOf(t, append(many, "xl/workbook.xml", workbook)...),
		"huge-rows":     minimalXLSX(t, `<row r="1048576"><c r="A1048576"><v>1</v></c></row>`, ""),
		"huge-cols":     minimalXLSX(t, `<row r="1"><c r="XFD1"><v>1</v></c></row>`, ""),
		"huge-merge":    minimalXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>部门整体支出绩效目标表</t></is></c></row>`, `<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>`),
		"not-a-zip":     []byte("PK\x03\x04 this is not a zip"),
		"truncated":     seed[:len(seed)/2],
		"no-workbook":   zipOf(t, "a.txt", "hello"),
		"bad-xml":       minimalXLSX(t, `<row r="1"><c r="A1"`, ""),
		"bad-amount":    minimalXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>专项资金支出方向绩效目标表</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>项目金额</t></is></c><c r="B2" t="inlineStr"><is><t>五万</t></is></c></row>`, ""),
		"neg-merge":     minimalXLSX(t, `<row r="1"><c r="A1"><v>1</v></c></row>`, `<mergeCells count="1"><mergeCell ref="C3:A1"/></mergeCells>`),
		"seed-workbook": seed,
		"many-merges":   minimalXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>部门整体支出绩效目标表</t></is></c></row>`, manyMerges(MaxMerges+1)),
	}
}

// manyMerges is a mergeCells element of n one-row merges (A1:B1, A2:B2, …), with and
// without a namespace prefix: excelize compares every merge with every other one, so n
// and not the file's size decides how long reading them takes.
func manyMerges(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<mergeCells count="%d">`, n)
	for i := range n {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, `<mergeCell ref="A%d:B%d"/>`, i+1, i+1)
		case 1:
			fmt.Fprintf(&b, `<mergeCell ref="A%d:B%d"></mergeCell>`, i+1, i+1)
		default:
			fmt.Fprintf(&b, `<x:mergeCell xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ref="A%d:B%d"></x:mergeCell>`, i+1, i+1)
		}
	}
	b.WriteString(`</mergeCells>`)
	return b.String()
}

// TestMergeLimit: a sheet with MaxMerges merged ranges is read (in well under a second),
// one more is refused with ETOOLARGE before excelize sees it; the count takes start tags
// only (with or without a prefix) and survives the 64 KB chunks of the streaming counter.
func TestMergeLimit(t *testing.T) {
	title := `<row r="1"><c r="A1" t="inlineStr"><is><t>部门整体支出绩效目标表</t></is></c></row>`
	start := time.Now()
	_, err := Read("ok.xlsx", minimalXLSX(t, title, manyMerges(MaxMerges)))
	if jixiao.ErrorCode(err) == jixiao.ETOOLARGE {
		t.Fatalf("%d merges refused: %v", MaxMerges, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("reading %d merges took %v", MaxMerges, d)
	}
	_, err = Read("many.xlsx", minimalXLSX(t, title, manyMerges(MaxMerges+1)))
	if jixiao.ErrorCode(err) != jixiao.ETOOLARGE || !strings.Contains(jixiao.ErrorMessage(err), "合并单元格") {
		t.Errorf("err = %v, want ETOOLARGE about 合并单元格", err)
	}
	texts := []string{manyMerges(7), "<t>mergeCell &lt;mergeCell</t>" + manyMerges(7)}
	// Every split of the elements by the first 64 KB chunk's end.
	for pad := 64<<10 - len(manyMerges(7)); pad <= 64<<10; pad++ {
		texts = append(texts, strings.Repeat("x", pad)+manyMerges(7))
	}
	for _, text := range texts {
		n, err := countMerges(strings.NewReader(text))
		if err != nil || n != 7 {
			t.Fatalf("countMerges = %d, %v; want 7 (text of %d bytes)", n, err, len(text))
		}
	}
}

func TestHostileXLSX(t *testing.T) {
	want := map[string]string{
		"bomb": jixiao.ETOOLARGE, "many-entries": jixiao.ETOOLARGE, "huge-rows": jixiao.ETOOLARGE,
		"huge-cols": jixiao.ETOOLARGE, "many-merges": jixiao.ETOOLARGE, "not-a-zip": jixiao.EINVALID, "truncated": jixiao.EINVALID,
		"no-workbook": jixiao.EINVALID, "bad-xml": jixiao.EINVALID, "bad-amount": jixiao.EINVALID,
	}
	for name, data := range hostile(t) {
		_, err := Read(name+".xlsx", data)
		if code, ok := want[name]; ok {
			if jixiao.ErrorCode(err) != code {
				t.Errorf("%s: err = %v, want code %s", name, err, code)
			}
			if msg := jixiao.ErrorMessage(err); !strings.Contains(msg, name+".xlsx") && !strings.Contains(msg, "!") {
				t.Errorf("%s: message %q names neither the file nor a cell", name, msg)
			}
		}
	}
	if *updateCorpus {
		dir := filepath.Join("testdata", "fuzz", "FuzzReadXLSX")
		os.MkdirAll(dir, 0o755)
		for name, data := range hostile(t) {
			if len(data) > 256<<10 {
				continue // keep the repository small; the bomb is rebuilt by the test
			}
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// FuzzReadXLSX: any bytes give a plan or a *jixiao.Error — never a panic, never an
// internal error, within the limits.
func FuzzReadXLSX(f *testing.F) {
	f.Add(writeBytes(f, seedPlan(f)))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read("fuzz.xlsx", data)
		if err == nil && p == nil {
			t.Fatal("nil plan without an error")
		}
		var je *jixiao.Error
		if err != nil && !errors.As(err, &je) {
			t.Fatalf("not a user error: %v", err)
		}
	})
}
