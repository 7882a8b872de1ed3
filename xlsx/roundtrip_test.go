package xlsx

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

const seedPath = "../examples/shifeng-tongzhanbu-2021.txt"

// seedPlan reads the seed's text with the text reader: the plan every format must carry.
func seedPlan(t testing.TB) *jixiao.Plan {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read(filepath.Base(seedPath), data)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return p
}

func writeBytes(t testing.TB, p *jixiao.Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// samePlan compares two plans field by field (cmp) and as JSON: Decimal's Equal method
// makes cmp compare values only, the JSON also compares the places each amount was
// written with (30 vs 30.00).
func samePlan(t testing.TB, want, got *jixiao.Plan) {
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

func TestRoundTripSeed(t *testing.T) {
	want := seedPlan(t)
	data := writeBytes(t, want)
	got, err := Read("seed.xlsx", data)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	samePlan(t, want, got)
}

// TestRoundTripGoalAndTaskAmounts: the 年度总体目标, each task's 预算金额 and the rows the
// layout has no place for (the national form of 财预〔2015〕88号) come back from the
// workbook jixiao writes.
func TestRoundTripGoalAndTaskAmounts(t *testing.T) {
	want := seedPlan(t)
	want.Goal = "目标1：完成统战工作。\n目标2：服务基层。"
	want.KeyTasks[0].SpendingAmount = "12.5"
	want.Other = []jixiao.LabelValue{{Label: "统战工作 财政拨款", Value: "12.5"}, {Label: "统战工作 其他资金", Value: "0"}}
	got, err := Read("goal.xlsx", writeBytes(t, want))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	samePlan(t, want, got)
}
