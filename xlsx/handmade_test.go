package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// handmade builds a workbook the way a person might: every table on one sheet named
// Sheet1, shifted by a blank column and blank rows, amounts in 元 with some typed as text,
// the period typed as a date, the levels merged down, and a note below the table.
func handmade(t *testing.T, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	set := func(ref string, v any) {
		t.Helper()
		if err := f.SetCellValue(s, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(a, b string) {
		t.Helper()
		if err := f.MergeCell(s, a, b); err != nil {
			t.Fatal(err)
		}
	}
	set("B2", "2022年部门整体支出绩效目标表")
	set("B3", "填报单位：（盖章）某某区教育局")
	set("F3", "金额单位：元")
	set("B5", "部门名称")
	set("C5", "某某区教育局")
	set("B6", "年度预算申请")
	set("C6", "资金总额")
	set("D6", 1670104) // 元
	set("C8", "其中：一般公共预算拨款")
	set("D8", "1,670,104元") // a number stored as text
	set("E8", "其中：基本支出")
	set("F8", 1370104.1)
	set("E9", "项目支出")
	set("F9", "300000")
	set("C9", "政府性基金拨款")
	set("B11", "部门职责概述")
	set("C11", "负责全区教育工作。")
	set("B12", "年度重点工作计划")
	set("C12", "事项")
	set("D12", "责任单位/科室")
	set("E12", "工作目标")
	set("C13", "学校建设")
	set("D13", "基建科")
	set("E13", "新建学校1所")
	set("B15", "年度绩效指标")
	set("C15", "一级指标")
	set("D15", "二级指标")
	set("E15", "三级指标")
	set("F15", "指标值")
	set("G15", "备注")
	set("C16", "产出指标")
	merge("C16", "C17")
	set("D16", "数量指标")
	set("E16", "新建学校")
	set("F16", "1所")
	set("D17", "质量指标")
	set("E17", "验收合格率")
	set("F17", 1) // 100% typed as a percentage
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	f.SetCellStyle(s, "F17", "F17", pct)
	set("C18", "满意度指标")
	set("D18", "服务对象满意度")
	set("E18", "家长满意度")
	set("F18", "90%")
	set("B20", "填表人：张三")

	set("B23", "附件3")
	set("B24", "2022年专项资金支出方向绩效目标表")
	set("B25", "项目主管部门：某某区教育局")
	set("F25", "金额单位：元")
	set("B26", "支出方向（子项）")
	set("C26", "学校建设经费")
	set("E26", "所属专项")
	set("F26", "教育专项")
	set("B27", "项目金额")
	set("C27", 300000)
	set("E27", "项目实施期")
	set("F27", 44926) // 2022-12-31 as an Excel date serial
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(s, "F27", "F27", date)
	set("B28", "实施期绩效目标")
	set("C28", "建成学校")
	set("B29", "年度绩效目标")
	set("C29", "完成主体")
	set("B30", "年度绩效指标")
	set("C30", "一级指标")
	set("D30", "二级指标")
	set("E30", "三级指标")
	set("F30", "指标值")
	set("C31", "产出指标")
	set("D31", "成本指标")
	set("E31", "建设成本")
	set("F31", "≤30万元")
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadHandmade(t *testing.T) {
	got, err := Read("handmade.xlsx", handmade(t, nil))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	period, _ := jixiao.ParsePeriod("2022.12.31")
	want := &jixiao.Plan{
		Department: "某某区教育局",
		Submitter:  "某某区教育局",
		Year:       2022,
		Budget: jixiao.Budget{
			Total:         jixiao.MustDecimal("167.0104"),
			GeneralBudget: jixiao.MustDecimal("167.0104"),
			Basic:         jixiao.MustDecimal("137.01041"),
			Project:       jixiao.MustDecimal("30.0000"),
		},
		Duties:   "负责全区教育工作。",
		KeyTasks: []jixiao.KeyTask{{Item: "学校建设", Owner: "基建科", Objective: "新建学校1所"}},
		Indicators: []jixiao.Indicator{
			jixiao.NewIndicator("产出指标", "数量指标", "新建学校", "1所", ""),
			jixiao.NewIndicator("产出指标", "质量指标", "验收合格率", "100%", ""),
			jixiao.NewIndicator("满意度指标", "服务对象满意度", "家长满意度", "90%", ""),
		},
		FundAuthority: "某某区教育局",
		SpecialFunds: []jixiao.SpecialFund{{Name: "教育专项", Items: []jixiao.FundItem{{
			Name: "学校建设经费", Amount: jixiao.MustDecimal("30.0000"), Period: period,
			PeriodGoal: "建成学校", AnnualGoal: "完成主体",
			Indicators: []jixiao.Indicator{jixiao.NewIndicator("产出指标", "成本指标", "建设成本", "≤30万元", "")},
		}}}},
	}
	samePlan(t, want, got)
}

func TestReadErrorNamesCell(t *testing.T) {
	data := handmade(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "F9", "三十万")
	})
	_, err := Read("bad.xlsx", data)
	if err == nil {
		t.Fatal("Read accepted an amount that is not a number")
	}
	if msg := jixiao.ErrorMessage(err); !strings.Contains(msg, "Sheet1!F9") || !strings.Contains(msg, "三十万") {
		t.Errorf("message %q does not name the cell Sheet1!F9 and its text", msg)
	}
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("code %s, want %s", jixiao.ErrorCode(err), jixiao.EINVALID)
	}
}

func TestReadNoTables(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "随便写点什么")
	var buf bytes.Buffer
	f.WriteTo(&buf)
	_, err := Read("empty.xlsx", buf.Bytes())
	if err == nil || !strings.Contains(jixiao.ErrorMessage(err), "没有找到绩效目标表") {
		t.Fatalf("err = %v, want 没有找到绩效目标表", err)
	}
}
