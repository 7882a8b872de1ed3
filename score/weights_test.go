package score

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

func TestSuggestWeights(t *testing.T) {
	r, err := Lookup(DefaultRule)
	if err != nil {
		t.Fatal(err)
	}
	in := func(l1, l2, w string) jixiao.IndicatorOutcome {
		o := jixiao.IndicatorOutcome{Indicator: jixiao.Indicator{Level1: l1, Level2: l2, Name: "x"}}
		if w != "" {
			o.Weight = jixiao.MustDecimal(w)
		}
		return o
	}
	ins := []jixiao.IndicatorOutcome{
		in("产出指标", "数量指标", ""), in("产出指标", "质量指标", ""), in("产出指标", "时效指标", ""),
		in("效益指标", "社会效益", "20"), in("效益指标", "经济效益", ""),
		in("满意度指标", "服务对象满意度", ""), in("其他", "", ""),
	}
	var got []string
	for _, d := range r.SuggestWeights(ins) {
		got = append(got, d.String())
	}
	want := []string{"17", "17", "16", "20", "10", "10", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("weights (-want +got):\n%s", diff)
	}
}
