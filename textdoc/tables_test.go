package textdoc

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// seedTables is the seed's text as tables: each row of the text format becomes a table
// row, each cell keeps the text the tokenizer gave it and a position like docx's.
func seedTables(t *testing.T) []Table {
	t.Helper()
	data, err := os.ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, err := (&reader{name: "seed"}).decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var tables []Table
	for i, rw := range tokenize(s) {
		var cells []Cell
		for j, c := range rw.cells {
			cells = append(cells, Cell{Text: c.text, Where: fmt.Sprintf("表%d 第1行第%d列", i+1, j+1)})
		}
		tables = append(tables, Table{Rows: []Row{{Cells: cells}}})
	}
	return tables
}

// find returns the table and cell index of the n-th cell (from 0) holding text.
func find(t *testing.T, tables []Table, text string, n int) (int, int) {
	t.Helper()
	for i, tb := range tables {
		for j, c := range tb.Rows[0].Cells {
			if c.Text == text {
				if n == 0 {
					return i, j
				}
				n--
			}
		}
	}
	t.Fatalf("no cell %q", text)
	return 0, 0
}

func seedPlan(t *testing.T) *jixiao.Plan {
	t.Helper()
	data, err := os.ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read("seed", data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadTablesSeed: the seed's tables given as tables read into the same plan as the
// seed's text.
func TestReadTablesSeed(t *testing.T) {
	got, err := ReadTables("seed", seedTables(t))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(seedPlan(t), got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestReadTablesKeepsCellText: what the text format cannot hold — an empty paragraph
// inside a cell, a tab inside a line — comes through ReadTables as written; white space
// around the lines is trimmed as in the text format.
func TestReadTablesKeepsCellText(t *testing.T) {
	tables := seedTables(t)
	i, j := find(t, tables, "实施期绩效目标", 1) // the first is the summary's column header
	tables[i].Rows[0].Cells[j+1].Text = "\n  第一段。 \n\n第二段\t（续）\n\n"
	got, err := ReadTables("seed", tables)
	if err != nil {
		t.Fatal(err)
	}
	want := seedPlan(t)
	want.SpecialFunds[0].Items[0].PeriodGoal = "第一段。\n\n第二段\t（续）"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestReadTablesErrorsNameCells: messages name the cell by its Where, also where a
// message refers to a second place (the first of two 合计 rows).
func TestReadTablesErrorsNameCells(t *testing.T) {
	t.Run("bad amount", func(t *testing.T) {
		tables := seedTables(t)
		i, j := find(t, tables, "项目金额", 0)
		tables[i].Rows[0].Cells[j+1].Text = "三十万"
		_, err := ReadTables("seed.docx", tables)
		wantMessage(t, err, fmt.Sprintf("seed.docx 表%d 第1行第%d列：无法识别金额“三十万”", i+1, j+2))
	})
	t.Run("two totals", func(t *testing.T) {
		tables := seedTables(t)
		i, _ := find(t, tables, "合  计", 0)
		dup := Table{Rows: []Row{{Cells: []Cell{{Where: "复制的合计行"}, {Text: "合  计", Where: "复制的合计行"}}}}}
		tables = append(tables[:i+1], append([]Table{dup}, tables[i+1:]...)...)
		_, err := ReadTables("seed.docx", tables)
		// The row is named by its first cell (empty here: 合  计 is in the second).
		wantMessage(t, err, fmt.Sprintf("seed.docx 复制的合计行：汇总表有两行“合计”（另见表%d 第1行第1列）", i+1))
	})
}

func wantMessage(t *testing.T, err error, want string) {
	t.Helper()
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	if msg := jixiao.ErrorMessage(err); !strings.Contains(msg, want) {
		t.Errorf("message %q\nwant it to contain %q", msg, want)
	}
}

// TestReadTablesEmpty: no tables is an error naming the file, not an empty plan.
func TestReadTablesEmpty(t *testing.T) {
	_, err := ReadTables("empty.docx", nil)
	if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(jixiao.ErrorMessage(err), "empty.docx") {
		t.Errorf("err = %v, want EINVALID naming empty.docx", err)
	}
}
