package score

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

func TestCarriedOverAndBackwards(t *testing.T) {
	ind := func(l1, name, target string) jixiao.Indicator {
		return jixiao.Indicator{Level1: l1, Level2: "数量指标", Name: name, Target: jixiao.ParseTarget(target)}
	}
	next := &jixiao.Plan{Year: 2022, Indicators: []jixiao.Indicator{
		ind("产出指标", "培训人次", "≥500人次"),     // last year 600: backwards
		ind("产出指标", "覆盖率", "98%"),         // bare rate, 正向; last year 96%: fine
		ind("产出指标", "投诉率", "≤3%"),         // 反向; last year 1%: backwards
		ind("效益指标", "新指标", "≥1个"),         // not carried
		ind("满意度指标", "服务对象 满意度", "≥85%"),  // last year 90%, name with a space: backwards
		ind("产出指标", "完成时间", "2022年12月底前"), // not a number: carried, never backwards
	}, SpecialFunds: []jixiao.SpecialFund{{Items: []jixiao.FundItem{{Name: "统战宣传", Indicators: []jixiao.Indicator{
		ind("产出指标", "宣传活动次数", "≥10次"), // last year 8 (of ≥12): fine
	}}}}}}
	out := func(name, target, actual string, w, s int64) jixiao.IndicatorOutcome {
		return jixiao.IndicatorOutcome{Indicator: ind("产出指标", name, target), Actual: jixiao.ParseTarget(actual),
			Weight: jixiao.Int(w), Score: jixiao.Int(s), Reason: "原因。"}
	}
	last := []*jixiao.SelfEvaluation{
		{Indicators: []jixiao.IndicatorOutcome{
			out("培训人次", "≥500人次", "600人次", 10, 10),
			out("覆盖率", "95%", "96%", 10, 10),
			out("投诉率", "≤5%", "1%", 10, 10),
			out("服务对象满意度", "≥85%", "90%", 10, 10),
			out("完成时间", "2021年12月底前", "2021年11月", 5, 5),
		}},
		{Project: "统战宣传", Indicators: []jixiao.IndicatorOutcome{out("宣传活动次数", "≥12次", "8次", 12, 8)}},
		{Project: "别的项目", Indicators: []jixiao.IndicatorOutcome{out("培训人次", "≥1人次", "9999人次", 1, 1)}},
	}
	r, _ := Lookup("")
	type row struct {
		Path, Name, Last string
		Backwards        bool
	}
	var got []row
	for _, c := range r.CarriedOver(next, last) {
		got = append(got, row{c.Path, c.Name, c.LastTarget + " / " + c.LastActual + " / " + c.LastScore.String(), c.Backwards})
	}
	want := []row{
		{"indicators[0]", "培训人次", "≥500人次 / 600人次 / 10.00", true},
		{"indicators[1]", "覆盖率", "95% / 96% / 10.00", false},
		{"indicators[2]", "投诉率", "≤5% / 1% / 10.00", true},
		{"indicators[4]", "服务对象 满意度", "≥85% / 90% / 10.00", true},
		{"indicators[5]", "完成时间", "2021年12月底前 / 2021年11月 / 5.00", false},
		{"specialFunds[0].items[0].indicators[0]", "宣传活动次数", "≥12次 / 8次 / 8.00", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CarriedOver (-want +got):\n%s", diff)
	}
	fs := r.Backwards(next, last)
	var paths []string
	for _, f := range fs {
		paths = append(paths, f.Path)
	}
	if diff := cmp.Diff([]string{"indicators[0].target", "indicators[2].target", "indicators[4].target"}, paths); diff != "" {
		t.Errorf("Backwards (-want +got):\n%s", diff)
	}
	if len(fs) > 0 && fs[0].Message != "“培训人次”的指标值“≥500人次”低于上年实际完成值“600人次”（上年指标值“≥500人次”，得分 10.00（分值 10））：绩效目标不应比上年已达到的水平倒退，请调高指标值或说明理由。" {
		t.Errorf("message: %s", fs[0].Message)
	}
}
