package document

import (
	"archive/zip"
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/xlsx"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetect(t *testing.T) {
	seed, err := os.ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	docxSeed, err := os.ReadFile("../docx/testdata/seed.docx")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want Format
	}{
		{"seed text", seed, Text},
		{"docx", docxSeed, DOCX},
		{"xlsx entries", zipOf(t, map[string]string{"[Content_Types].xml": "", "xl/workbook.xml": ""}), XLSX},
		// A zip whose content mentions xl/ is not a workbook: detection reads the entries.
		{"zip mentioning xl/", zipOf(t, map[string]string{"notes.txt": "see xl/workbook.xml and word/document.xml"}), Unknown},
		{"ole2", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, Unknown},
		{"corrupt zip", []byte("PK\x03\x04garbage"), Unknown},
	} {
		if got := Detect(tc.data); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestReadEveryFormat reads the seed as text, as xlsx written by jixiao and as the docx
// LibreOffice made, and gets the same plan from each.
func TestReadEveryFormat(t *testing.T) {
	want, err := ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, want); err != nil {
		t.Fatal(err)
	}
	fromXLSX, err := Read("seed.xlsx", &buf)
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	if diff := cmp.Diff(want, fromXLSX); diff != "" {
		t.Errorf("xlsx mismatch (-want +got):\n%s", diff)
	}
	fromDOCX, err := ReadFile("../docx/testdata/seed.docx")
	if err != nil {
		t.Fatalf("docx: %v", err)
	}
	if diff := cmp.Diff(want, fromDOCX); diff != "" {
		t.Errorf("docx mismatch (-want +got):\n%s", diff)
	}
	_, err = ReadBytes("other.zip", zipOf(t, map[string]string{"a.txt": "x"}))
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("a zip that is neither: err = %v, want EINVALID", err)
	}
}
