package xlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// pyDump is what testdata/dump.py prints for one sheet.
type pyDump struct {
	Name  string `json:"name"`
	Cells []struct {
		Ref    string `json:"ref"`
		Value  string `json:"value"`
		Number bool   `json:"number"`
		Format string `json:"format"`
		Font   string `json:"font"`
		Bold   bool   `json:"bold"`
		Wrap   bool   `json:"wrap"`
		Border string `json:"border"`
	} `json:"cells"`
	Merged         []string `json:"merged"`
	PrintTitleRows string   `json:"printTitleRows"`
	PaperSize      int      `json:"paperSize"`
	FitToWidth     int      `json:"fitToWidth"`
	FitToPage      bool     `json:"fitToPage"`
}

// openpyxl runs Debian's python3 with openpyxl on the file: a second, independent xlsx
// reader. /usr/bin/python3 explicitly: a pyenv python may come first on PATH.
func openpyxl(t *testing.T, path string) []pyDump {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-openpyxl is missing and CI=true: %v", err)
		}
		t.Skip("python3-openpyxl not installed (apt-get install python3-openpyxl)")
	}
	out, err := exec.Command(py, "testdata/dump.py", path).Output()
	if err != nil {
		t.Fatalf("dump.py: %v", err)
	}
	var d []pyDump
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestOpenpyxlReadsWhatWasLaidOut writes the seed and checks, through openpyxl, that
// every sheet holds exactly the laid-out cells (text as text, amounts as numbers with
// their places' format), the merged ranges, SimSun, borders, A4 fitted to the width and
// the print titles.
func TestOpenpyxlReadsWhatWasLaidOut(t *testing.T) {
	p := seedPlan(t)
	path := filepath.Join(t.TempDir(), "seed.xlsx")
	if err := os.WriteFile(path, writeBytes(t, p), 0o644); err != nil {
		t.Fatal(err)
	}
	dump := openpyxl(t, path)
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	model := planSheets(p, st)
	if len(dump) != len(model) {
		t.Fatalf("openpyxl sees %d sheets, want %d", len(dump), len(model))
	}
	for i, sh := range model {
		d := dump[i]
		sh.clearMerged()
		if d.Name != sh.name {
			t.Errorf("sheet %d: name %q, want %q", i, d.Name, sh.name)
		}
		want := map[string]string{}
		numFmt := map[string]string{}
		for r, row := range sh.rows {
			for c, x := range row {
				ref := ref(c, r)
				switch v := x.v.(type) {
				case string:
					if v != "" {
						want[ref] = v
					}
				case float64:
					want[ref] = strconv.FormatFloat(v, 'f', -1, 64)
					for p, id := range st.num {
						if id == x.s {
							numFmt[ref] = "0"
							if p > 0 {
								numFmt[ref] = "0." + repeatZero(p)
							}
						}
					}
				}
			}
		}
		got := map[string]string{}
		for _, c := range d.Cells {
			v := c.Value
			if c.Number {
				fv, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s!%s: %v", d.Name, c.Ref, err)
				}
				v = strconv.FormatFloat(fv, 'f', -1, 64)
				if c.Format != numFmt[c.Ref] {
					t.Errorf("%s!%s: number format %q, want %q", d.Name, c.Ref, c.Format, numFmt[c.Ref])
				}
			} else if _, isNum := numFmt[c.Ref]; isNum {
				t.Errorf("%s!%s: amount stored as text %q", d.Name, c.Ref, v)
			}
			got[c.Ref] = v
			if c.Font != fontFamily {
				t.Errorf("%s!%s: font %q, want %q", d.Name, c.Ref, c.Font, fontFamily)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: cells mismatch (-want +got):\n%s", sh.name, diff)
		}
		var merges []string
		for _, m := range sh.merges {
			merges = append(merges, m[0]+":"+m[1])
		}
		sort.Strings(merges)
		if diff := cmp.Diff(merges, d.Merged); diff != "" {
			t.Errorf("%s: merged ranges mismatch (-want +got):\n%s", sh.name, diff)
		}
		if want := "$1:$" + strconv.Itoa(sh.titleRows); d.PrintTitleRows != want {
			t.Errorf("%s: print titles %q, want %q", sh.name, d.PrintTitleRows, want)
		}
		if d.PaperSize != 9 || d.FitToWidth != 1 || !d.FitToPage {
			t.Errorf("%s: paper %d, fitToWidth %d, fitToPage %v; want A4 (9) fitted to one page wide", sh.name, d.PaperSize, d.FitToWidth, d.FitToPage)
		}
	}
	// Headers are bold and bordered, long text wraps.
	for _, c := range dump[0].Cells {
		if c.Value == "一级指标" && (!c.Bold || c.Border != "thin") {
			t.Errorf("header %s: bold %v, border %q", c.Ref, c.Bold, c.Border)
		}
		if c.Value == p.Duties && !c.Wrap {
			t.Errorf("duties %s do not wrap", c.Ref)
		}
	}
}

func repeatZero(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}
