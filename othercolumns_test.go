package jixiao

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOtherColumns: the extra columns of a table are the headers its rows keep in Other,
// each once in the order first seen, twice when a row has it twice; each row's values
// stand under them.
func TestOtherColumns(t *testing.T) {
	row := func(kv ...string) Indicator {
		var in Indicator
		for i := 0; i < len(kv); i += 2 {
			in.Other = append(in.Other, LabelValue{Label: kv[i], Value: kv[i+1]})
		}
		return in
	}
	ins := []Indicator{
		row("半年(程)指标值", "规范"),
		row(),
		row("核查方式", "问卷", "半年(程)指标值", "充分"),
		row("核查方式", "名册", "核查方式", "台账"),
	}
	cols := OtherColumns(ins)
	if d := cmp.Diff([]string{"半年(程)指标值", "核查方式", "核查方式"}, cols); d != "" {
		t.Errorf("columns (-want +got):\n%s", d)
	}
	var got [][]string
	for _, in := range ins {
		got = append(got, in.OtherValues(cols))
	}
	want := [][]string{{"规范", "", ""}, {"", "", ""}, {"充分", "问卷", ""}, {"", "名册", "台账"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
}
