package docx

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

var update = flag.Bool("update", false, "regenerate testdata/seed.docx with LibreOffice")

const seedPath = "../examples/shifeng-tongzhanbu-2021.txt"

func seedPlan(t testing.TB) *jixiao.Plan {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read(filepath.Base(seedPath), data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// seedRows splits the seed's text into rows of cells, as Word wrote them.
func seedRows(t testing.TB) [][]string {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var row []string
	for _, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, " \t"): // a new table or page: a new row too
			if len(row) > 0 {
				rows = append(rows, row)
			}
			row = []string{line[2:]}
		case strings.HasPrefix(line, "\t"):
			row = append(row, strings.TrimPrefix(strings.TrimPrefix(line, " "), "\t"))
		case strings.TrimSpace(line) == "":
			if len(row) > 0 {
				rows = append(rows, row)
			}
			row = nil
		default:
			if len(row) == 0 {
				row = []string{line}
			} else {
				row[len(row)-1] += "\n" + line
			}
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// seedHTML writes the seed's tables as HTML: one-cell rows (titles, 填报单位, 附件3) as
// paragraphs between tables; the section labels of column A and the 一级指标 of adjacent
// rows as rowspan cells; short rows' last cells as colspan cells — the merges a Word
// table has, for LibreOffice to turn into gridSpan and vMerge.
func seedHTML(t testing.TB) string {
	rows := seedRows(t)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n")
	cellHTML := func(s string) string {
		return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
	}
	for i := 0; i < len(rows); {
		if len(rows[i]) == 1 {
			fmt.Fprintf(&b, "<p>%s</p>\n", cellHTML(rows[i][0]))
			i++
			continue
		}
		j := i
		for j < len(rows) && len(rows[j]) > 1 {
			j++
		}
		table := rows[i:j]
		ncols := 0
		for _, r := range table {
			ncols = max(ncols, len(r))
		}
		// span[r][c] > 0: the cell starts a vertical merge of that many rows; -1: continued.
		span := make([][]int, len(table))
		for r := range table {
			span[r] = make([]int, len(table[r]))
			for c := range table[r] {
				span[r][c] = 1
				if r == 0 || strings.TrimSpace(table[r][c]) != "" || c > 1 || c >= len(table[r-1]) {
					continue
				}
				or := r - 1
				for or > 0 && span[or][c] == -1 {
					or--
				}
				origin := strings.TrimSpace(table[or][c])
				label := c == 0 && strings.Contains(origin, "年度")
				level1 := c == 1 && len(table[r]) == 6 && len(table[or]) == 6 && strings.HasSuffix(origin, "指标") && origin != "一级指标"
				if label || level1 {
					span[r][c] = -1
					span[or][c]++
				}
			}
		}
		b.WriteString("<table border=\"1\">\n")
		for r, row := range table {
			b.WriteString("<tr>")
			for c, cell := range row {
				if span[r][c] == -1 {
					continue
				}
				attrs := ""
				if span[r][c] > 1 {
					attrs += fmt.Sprintf(" rowspan=\"%d\"", span[r][c])
				}
				if c == len(row)-1 && len(row) < ncols {
					attrs += fmt.Sprintf(" colspan=\"%d\"", ncols-len(row)+1)
				}
				fmt.Fprintf(&b, "<td%s>%s</td>", attrs, cellHTML(cell))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
		i = j
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// libreOfficeDOCX converts the seed's HTML into a .docx with LibreOffice: a second,
// independent tool writes the Word file the reader must read.
func libreOfficeDOCX(t *testing.T) []byte {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (libreoffice-writer-nogui) is missing and CI=true")
		}
		t.Skip("soffice not installed (apt-get install libreoffice-writer-nogui)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "seed.html")
	if err := os.WriteFile(in, []byte(seedHTML(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "seed.docx"))
	if err != nil {
		t.Fatalf("soffice wrote no docx: %v", err)
	}
	return data
}

func samePlan(t *testing.T, want, got *jixiao.Plan) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("mismatch (-want +got):\n%s", diff)
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(wj, gj) {
		t.Fatalf("JSON mismatch:\nwant %s\ngot  %s", wj, gj)
	}
}

func TestLibreOfficeDOCX(t *testing.T) {
	data := libreOfficeDOCX(t)
	if *update {
		if err := os.WriteFile("testdata/seed.docx", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Read("seed.docx", data)
	if err != nil {
		text, _ := Text("seed.docx", data)
		t.Fatalf("Read: %v\n%s", err, text)
	}
	samePlan(t, seedPlan(t), got)
}

// TestCommittedDOCX reads the .docx LibreOffice made (go test -run LibreOffice -update),
// so the reader is exercised where LibreOffice is absent.
func TestCommittedDOCX(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.docx")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read("seed.docx", data)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	samePlan(t, seedPlan(t), got)
}
