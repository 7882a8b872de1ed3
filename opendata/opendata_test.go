package opendata

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

func seed(t *testing.T) *jixiao.Plan {
	t.Helper()
	data, err := os.ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	p.ID, p.DepartmentCode, p.Status = 7, "820001", jixiao.Published
	return p
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(bom)) {
		t.Fatal("CSV does not start with the UTF-8 byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(data[len(bom):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCSV(t *testing.T) {
	p := seed(t)
	var plans, inds bytes.Buffer
	if err := WritePlans(&plans, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	if err := WriteIndicators(&inds, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	want := [][]string{PlanColumns, {"7", "820001", "中共株洲市石峰区委员会统一战线工作部", "2021", "", "published", "167.0104", "167.0104", "", "", "137.01041", "30"}}
	if diff := cmp.Diff(want, readCSV(t, plans.Bytes())); diff != "" {
		t.Errorf("plans.csv mismatch (-want +got):\n%s", diff)
	}
	recs := readCSV(t, inds.Bytes())
	if got, want := len(recs)-1, p.IndicatorCount(); got != want {
		t.Fatalf("indicators.csv has %d rows, want %d", got, want)
	}
	// The department's satisfaction row: a bare 90% reads as ≥ 90 %.
	var found bool
	for _, r := range recs[1:] {
		if r[4] == TableDepartment && r[8] == "90%" {
			found = true
			if diff := cmp.Diff([]string{"≥", "90", "%", "numeric"}, r[9:13]); diff != "" {
				t.Errorf("satisfaction row mismatch (-want +got):\n%s", diff)
			}
		}
	}
	if !found {
		t.Error("no department row with target 90%")
	}
	if last := recs[len(recs)-1]; last[4] != "统战业务专项" {
		t.Errorf("last row's table = %q, want the last 附件3 item", last[4])
	}
}

func TestZipAndDir(t *testing.T) {
	p := seed(t)
	var buf bytes.Buffer
	if err := WriteZip(&buf, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteDir(dir, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 3 {
		t.Fatalf("zip has %d files, want 3", len(zr.File))
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		inZip, _ := io.ReadAll(rc)
		rc.Close()
		onDisk, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(inZip, onDisk) {
			t.Errorf("%s differs between the zip and the directory", f.Name)
		}
	}
}

func TestJSON(t *testing.T) {
	p := seed(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `\u003c`) {
		t.Error("JSON escapes HTML characters")
	}
	var back jixiao.Plan
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, &back); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}
