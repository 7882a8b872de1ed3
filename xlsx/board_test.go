package xlsx_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao/xlsx"
)

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	rows := [][]any{{"430204101", "区委统战部", "已提交", 0, 2}, {"430204102", "区教育局", "未开始", 0, 0}}
	if err := xlsx.WriteTable(&b, "审核进度", "2021年审核进度", []string{"单位编码", "单位", "状态", "错误", "警告"}, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("审核进度")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"2021年审核进度"},
		{"单位编码", "单位", "状态", "错误", "警告"},
		{"430204101", "区委统战部", "已提交", "0", "2"},
		{"430204102", "区教育局", "未开始", "0", "0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells mismatch (-want +got):\n%s", diff)
	}
	merges, err := f.GetMergeCells("审核进度")
	if err != nil || len(merges) != 1 || merges[0].GetStartAxis() != "A1" || merges[0].GetEndAxis() != "E1" {
		t.Errorf("merges %v, %v; want A1:E1", merges, err)
	}
	if typ, _ := f.GetCellType("审核进度", "E3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("a count is written as text (%v)", typ)
	}
}
