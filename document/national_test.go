package document

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNationalForms reads the national forms of 财预〔2015〕88号 (filled with made-up values,
// textdoc/testdata/edge) from text, from a workbook and from a Word file: the three
// readings must agree. textdoc's TestReadNational88 and TestReadNational88Dept check what
// the text reading holds.
func TestNationalForms(t *testing.T) {
	for _, file := range []string{"national88.txt", "national88dept.txt", "national-transfer.txt"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("../textdoc/testdata/edge/" + file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ReadBytes(file, data)
			if err != nil {
				t.Fatal(err)
			}
			rows := rowsOfPath(t, "../textdoc/testdata/edge/"+file)
			for name, doc := range map[string][]byte{
				"form.xlsx": workbookOf(t, rows),
				"form.docx": wordDOCX([][][]string{rows}),
			} {
				got, err := ReadBytes(name, doc)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if d := cmp.Diff(comparable(want), comparable(got), decimalEq); d != "" {
					t.Errorf("%s differs from the text (-text +%s):\n%s", name, name, d)
				}
			}
		})
	}
}
