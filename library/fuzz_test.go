package library

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao"
)

// FuzzImport: no workbook makes the library's xlsx reader panic or hang; what it refuses
// it refuses with a Chinese sentence that names the file; what it accepts has a name in
// every entry. The seeds are an exported library, the same with a bad row, and a
// workbook cut short.
func FuzzImport(f *testing.F) {
	l := New()
	l.Learn(seq(learntPlans()...), LearnOptions{})
	l.Add(&Entry{Level1: "效益指标", Level2: "社会效益指标", Name: "政策知晓率", Field: "统战", Unit: "%", Op: jixiao.OpGE,
		Explanation: "抽样调查", Scoring: "每低1个百分点扣0.5分", Source: SourceStandard, Common: true})
	var good bytes.Buffer
	if err := l.Export(&good, true); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	sheets := l.Sheets(false)
	sheets[0].Rows = append(sheets[0].Rows, []any{"产出指标", "数量指标", "宣传次数", "", "次", "大于", "", "", "上级", "", "x", "-1", "1e999"})
	var bad bytes.Buffer
	if err := writeSheets(&bad, sheets); err != nil {
		f.Fatal(err)
	}
	f.Add(bad.Bytes())
	f.Add(good.Bytes()[:len(good.Bytes())/2])
	f.Add([]byte("三级指标\t培训次数\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := Import("指标库.xlsx", data)
		if err != nil {
			msg := jixiao.ErrorMessage(err)
			if !utf8.ValidString(msg) || !strings.HasSuffix(msg, "。") || !strings.Contains(msg, "指标库.xlsx") {
				t.Errorf("the refusal is not a sentence that names the file: %q", msg)
			}
			return
		}
		for i, e := range entries {
			if strings.TrimSpace(e.Name) == "" {
				t.Errorf("entry %d has no 三级指标 name: %+v", i, e)
			}
		}
	})
}

// FuzzNormal: no name makes the normaliser panic; its key is the same on every call, and
// Same is symmetric and true of a name with itself whenever its normal form is not empty.
// The seeds are the labelled pairs of every file.
func FuzzNormal(f *testing.F) {
	for _, file := range []string{"indicator-pairs.tsv", "indicator-pairs-heldout3.tsv", "indicator-pairs-heldout4.tsv"} {
		for _, p := range readPairsFile(f, "../testdata/published/"+file) {
			f.Add(p.A, p.B)
		}
	}
	f.Add("资金执行在预算范围内(≥**%)", "以乡镇(街道)为单位完成")
	n := NewNormalizer(nil)
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		if k1, k2 := n.Key(a), NewNormalizer(nil).Key(a); k1 != k2 {
			t.Errorf("Key(%q) = %q, then %q", a, k1, k2)
		}
		if n.Same(a, b) != n.Same(b, a) {
			t.Errorf("Same(%q, %q) is not symmetric", a, b)
		}
		if n.Normal(a) != "" && !strings.Contains(n.Normal(a), "**") && !n.Same(a, a) {
			t.Errorf("Same(%q, itself) = false", a)
		}
	})
}
