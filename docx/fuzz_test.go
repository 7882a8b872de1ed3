package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"jixiao"
)

func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, _ := zw.Create(files[i])
		w.Write([]byte(files[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

func bomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	chunk := make([]byte, 1<<20)
	for range MaxDocumentXML>>20 + 1 {
		w.Write(chunk)
	}
	zw.Close()
	return buf.Bytes()
}

const docStart = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

func TestHostileDOCX(t *testing.T) {
	for name, tc := range map[string]struct {
		data []byte
		code string
	}{
		"bomb":        {bomb(t), jixiao.ETOOLARGE},
		"not-a-zip":   {[]byte("PK\x03\x04 nope"), jixiao.EINVALID},
		"no-document": {zipOf(t, "a.txt", "x"), jixiao.EINVALID},
		"bad-xml":     {zipOf(t, "word/document.xml", docStart+"<w:p><w:r><w:t>半截"), jixiao.EINVALID},
		"deep-tables": {zipOf(t, "word/document.xml", docStart+strings.Repeat("<w:tbl><w:tr><w:tc>", 40)), jixiao.ETOOLARGE},
		"wide-row":    {zipOf(t, "word/document.xml", docStart+"<w:tbl><w:tr>"+strings.Repeat("<w:tc><w:p/></w:tc>", MaxCellsPerRow+1)+"</w:tr></w:tbl></w:body></w:document>"), jixiao.ETOOLARGE},
		"no-tables":   {zipOf(t, "word/document.xml", docStart+"<w:p><w:r><w:t>你好</w:t></w:r></w:p></w:body></w:document>"), jixiao.EINVALID},
	} {
		_, err := Read(name+".docx", tc.data)
		if jixiao.ErrorCode(err) != tc.code {
			t.Errorf("%s: err = %v, want code %s", name, err, tc.code)
		}
	}
}

// FuzzReadDOCX: any bytes give a plan or a *jixiao.Error, never a panic.
func FuzzReadDOCX(f *testing.F) {
	seed, err := os.ReadFile("testdata/seed.docx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(zipOf(f, "word/document.xml", docStart+`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read("fuzz.docx", data)
		if err == nil && p == nil {
			t.Fatal("nil plan without an error")
		}
		var je *jixiao.Error
		if err != nil && !errors.As(err, &je) {
			t.Fatalf("not a user error: %v", err)
		}
	})
}
