package textdoc_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

// FuzzReadProjects feeds the project reader variations of the published project tables
// (corpus: testdata/fuzz/FuzzReadProjects, cut and shuffled pieces of them). It must not
// panic, must return a plan or a *jixiao.Error naming the file, and reading the same
// cells as tables (ReadTables, the path of xlsx and docx) must give the same plan, or an
// error too.
func FuzzReadProjects(f *testing.F) {
	files, _ := filepath.Glob("../testdata/published/*-project-*.txt")
	depts, _ := filepath.Glob("../testdata/published/*-dept-*.txt") // the department-wide tables the label reader takes
	edge, _ := filepath.Glob("testdata/edge/*.txt")                 // one rule each, the national forms of 88号
	files = append(append(files, depts...), edge...)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := textdoc.Read("fuzz.txt", data)
		if err != nil {
			var e *jixiao.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *jixiao.Error", err)
			}
			if !strings.HasPrefix(e.Message, "fuzz.txt") {
				t.Errorf("message %q does not name the file", e.Message)
			}
			return
		}
		if p.Year == 0 {
			t.Errorf("plan without a year")
		}
		for _, pr := range p.Projects {
			if pr.Indicators == nil {
				t.Errorf("project %q: nil indicators", pr.Name)
			}
		}
		tables, err := textdoc.Cells("fuzz.txt", data)
		if err != nil {
			t.Fatalf("Read took it, Cells did not: %v", err)
		}
		q, err := textdoc.ReadTables("fuzz.txt", tables)
		if err != nil {
			t.Fatalf("Read took it, ReadTables did not: %v", err)
		}
		if d := cmp.Diff(p.KeyTasks, q.KeyTasks); d != "" {
			t.Errorf("ReadTables differs from Read in the key tasks (-Read +ReadTables):\n%s", d)
		}
		if d := cmp.Diff(p.Projects, q.Projects, cmp.Comparer(func(a, b jixiao.Decimal) bool { return a.String() == b.String() && a.IsSet() == b.IsSet() })); d != "" {
			t.Errorf("ReadTables differs from Read (-Read +ReadTables):\n%s", d)
		}
	})
}
