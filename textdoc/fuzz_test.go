package textdoc_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"jixiao"
	"jixiao/textdoc"
)

// FuzzRead feeds the reader arbitrary bytes: it must never panic and must return either a
// whole plan or a *jixiao.Error naming the file. The corpus in testdata/fuzz/FuzzRead
// (the seed, its variants and broken pieces of it) replays in plain go test.
func FuzzRead(f *testing.F) {
	f.Add(readSeed(f))
	f.Add([]byte(" \t2021年部门整体支出绩效目标表\n\n\t部门名称\n\t某部门\n\n\t资金总额：1万元\n\n\t年度绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t备注\n\n\t\n\t产出指标\n\t数量指标\n\t培训\n\t≥1次\n\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := textdoc.Read("fuzz.txt", data)
		if err != nil {
			var e *jixiao.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *jixiao.Error", err)
			}
			if e.Code != jixiao.EINVALID && e.Code != jixiao.ETOOLARGE {
				t.Errorf("error code %s", e.Code)
			}
			if !strings.HasPrefix(e.Message, "fuzz.txt") {
				t.Errorf("message %q does not name the file", e.Message)
			}
			if p != nil {
				t.Errorf("a plan came back with the error")
			}
			return
		}
		if p == nil {
			t.Fatal("no plan and no error")
		}
		if p.Department == "" && len(p.Projects) == 0 || p.Year == 0 {
			t.Errorf("plan without department or year: %q %d", p.Department, p.Year)
		}
		if p.KeyTasks == nil || p.Indicators == nil || p.SpecialFunds == nil {
			t.Errorf("nil slices in a plan")
		}
		if _, err := json.Marshal(p); err != nil {
			t.Errorf("plan does not marshal: %v", err)
		}
	})
}

// BenchmarkReadSeed reads the seed: 16 KB, 464 lines, five tables, 36 indicator rows.
func BenchmarkReadSeed(b *testing.B) {
	data := readSeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := textdoc.Read("seed.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
