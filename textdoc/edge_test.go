package textdoc

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"jixiao"

	"github.com/google/go-cmp/cmp"
)

// TestReadEdgeLayouts: layouts the wave-7 review built against the wave-7 readers, each a
// case one rule of theirs once got wrong (testdata/edge):
//   - noL1, ezhou: a block with no 一级 column, whose 三级 names read like labels
//     (完成时间, 年度预算执行率, 项目资金总额): still indicators, not the block's end;
//   - halves: one list in two halves side by side, each with its 一级: the left half is the
//     indicators, not two column sets of one row;
//   - dg: two sets (中期 then 年度) with a row filled in the first only: kept as an unread
//     row, no empty indicator;
//   - kind: 指标类型 over 定量/定性 is the 指标值类型, not the 一级;
//   - deptlabel, deptheading: 单位整体绩效目标 / 部门整体绩效目标 as a label or a heading
//     inside a department table is no new table.
func TestReadEdgeLayouts(t *testing.T) {
	for _, c := range []struct {
		file   string
		want   []string // 一级 | 二级 | 三级 | 指标值 [| 指标值类型], every indicator
		unread int
	}{
		{"noL1", []string{" | 数量指标 | 培训人数 | 100人", " | 数量指标 | 培训场次 | 5场", " | 时效指标 | 完成时间 | 2022年12月",
			" | 时效指标 | 年度预算执行率 | 100%", " | 成本指标 | 项目资金总额 | ≤100万元", " | 满意度指标 | 群众满意度 | ≥90%"}, 0},
		{"ezhou", []string{" | 数量指标 | 培训人数 | 100人", " | 数量指标 | 培训场次 | 5场", " | 数量指标 | 完成时间 | 2022年12月",
			" | 数量指标 | 年度预算执行率 | 100%", " | 满意度指标 | 群众满意度 | ≥90%"}, 0},
		{"halves", []string{"产出指标 | 数量指标 | 培训人数 | 100人", "产出指标 | 质量指标 | 合格率 | 100%", "产出指标 | 时效指标 | 完成时间 | 2022年12月"}, 0},
		{"dg", []string{"产出指标 | 数量指标 | 培训人数 | 40人"}, 1},
		{"kind", []string{" | 数量指标 | 培训人数 | 100人 | 定量", " | 质量指标 | 合格率 | 100% | 定量", " | 满意度指标 | 群众满意度 | 较满意 | 定性"}, 0},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/edge/" + c.file + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			p, err := Read(c.file+".txt", data)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Projects) != 1 {
				t.Fatalf("%d projects", len(p.Projects))
			}
			var got []string
			for _, in := range p.Projects[0].Indicators {
				s := fmt.Sprintf("%s | %s | %s | %s", in.Level1, in.Level2, in.Name, in.Target.Text)
				if in.Kind != "" {
					s += " | " + in.Kind
				}
				got = append(got, s)
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("indicators (-want +got):\n%s", d)
			}
			if n := len(p.Projects[0].Unread); n != c.unread {
				t.Errorf("%d unread rows, want %d", n, c.unread)
			}
		})
	}
	for _, f := range []string{"deptlabel", "deptheading"} {
		data, err := os.ReadFile("testdata/edge/" + f + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		p, err := Read(f+".txt", data)
		if err != nil || p.Year != 2023 || p.Department != "岳阳楼区价格认证鉴定中心" || len(p.Indicators) != 7 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// 部门名称 and 单位名称 in a table that names a project are its 主管部门 and 实施单位
	// (河南 2021); when the table gives them already, the rows are kept as written.
	p, err := Read("deptnames.txt", mustRead(t, "testdata/edge/deptnames.txt"))
	if err != nil || len(p.Projects) != 1 {
		t.Fatalf("deptnames: %v", err)
	}
	pr := p.Projects[0]
	want := []jixiao.LabelValue{{Label: "部门名称", Value: "某某局机关"}, {Label: "单位名称", Value: "某某站"}}
	if pr.Authority != "某某局" || pr.Unit != "某某中心" || !cmp.Equal(want, pr.Other) {
		t.Errorf("deptnames: authority %q, unit %q, other %v", pr.Authority, pr.Unit, pr.Other)
	}
}

// TestReadNational88 reads the national form of 财预〔2015〕88号: the money rows under
// 中期资金总额 are the multi-year total's, kept as written, and the year's sources are
// those under 年度资金总额.
func TestReadNational88(t *testing.T) {
	_, pr, funds := readFunds(t, "national88.txt")
	want := []string{"total 中期资金总额: 300", "total 年度资金总额: 100", "fiscal 其中:财政拨款 100", "other 其他资金 0"}
	if d := cmp.Diff(want, funds); d != "" {
		t.Errorf("funds (-want +got):\n%s", d)
	}
	wantOther := []jixiao.LabelValue{{Label: "项目属性", Value: "延续项目"},
		{Label: "中期资金总额 其中:财政拨款", Value: "300"}, {Label: "中期资金总额 其他资金", Value: "0"}}
	if d := cmp.Diff(wantOther, pr.Other); d != "" {
		t.Errorf("other (-want +got):\n%s", d)
	}
	if pr.Amount.String() != "100" || pr.PeriodGoal != "目标1:养护农村公路300公里。" || pr.AnnualGoal != "目标1:养护农村公路100公里。" {
		t.Errorf("amount %s, goals %q / %q", pr.Amount, pr.PeriodGoal, pr.AnnualGoal)
	}
	if n := len(pr.Indicators); n != 4 || pr.Indicators[0].Target.Text != "100公里" {
		t.Errorf("%d indicators, first %+v", n, pr.Indicators)
	}
}

// TestReadNational88Dept reads the national department-wide form of 财预〔2015〕88号: the
// year under the title, the tasks with their 主要内容 and amounts, the 金额合计 row as the
// budget, the 年度总体目标, and each task's sources kept as written.
func TestReadNational88Dept(t *testing.T) {
	p, err := Read("national88dept.txt", mustRead(t, "testdata/edge/national88dept.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2023 || p.Department != "某县交通运输局" || p.Goal != "目标1:养护农村公路100公里。\n目标2:保障农村客运正常运行。" {
		t.Errorf("year %d, department %q, goal %q", p.Year, p.Department, p.Goal)
	}
	b := p.Budget
	if b.Total.String() != "150" || b.GeneralBudget.String() != "140" || b.OtherFunds.String() != "10" || b.GovFund.IsSet() {
		t.Errorf("budget %+v", b)
	}
	wantTasks := []jixiao.KeyTask{{Item: "农村公路养护", Objective: "养护农村公路100公里", SpendingAmount: "100"},
		{Item: "客运补贴", Objective: "发放农村客运补贴", SpendingAmount: "50"}}
	if d := cmp.Diff(wantTasks, p.KeyTasks); d != "" {
		t.Errorf("tasks (-want +got):\n%s", d)
	}
	wantOther := []jixiao.LabelValue{{Label: "农村公路养护 财政拨款", Value: "100"}, {Label: "农村公路养护 其他资金", Value: "0"},
		{Label: "客运补贴 财政拨款", Value: "40"}, {Label: "客运补贴 其他资金", Value: "10"}}
	if d := cmp.Diff(wantOther, p.Other); d != "" {
		t.Errorf("other (-want +got):\n%s", d)
	}
	if len(p.Indicators) != 4 || p.Indicators[3].Name != "群众满意度" {
		t.Errorf("indicators %+v", p.Indicators)
	}
}

// TestReadTransferTable reads the national 区域绩效目标表 of a transfer: its name, the local
// 主管部门 as the project's (the central one kept as written), 年度金额 as the amount and
// the sources by level.
func TestReadTransferTable(t *testing.T) {
	p, pr, funds := readFunds(t, "national-transfer.txt")
	want := []string{"total 年度金额: 500", "upper 其中:中央补助 400", "fiscal 地方资金 100", "other 其他资金 0"}
	if d := cmp.Diff(want, funds); d != "" {
		t.Errorf("funds (-want +got):\n%s", d)
	}
	if pr.Name != "农村综合改革转移支付" || pr.Authority != "某县财政局" || p.Department != "某县财政局" || p.Year != 2023 ||
		!cmp.Equal(pr.Other, []jixiao.LabelValue{{Label: "中央主管部门", Value: "财政部"}}) || len(pr.Indicators) != 4 {
		t.Errorf("name %q, authority %q, department %q, year %d, other %v, %d indicators", pr.Name, pr.Authority, p.Department, p.Year, pr.Other, len(pr.Indicators))
	}
}

// readFunds reads an edge file of one project: the plan, the project and its money rows
// as "source label amount".
func readFunds(t *testing.T, file string) (*jixiao.Plan, jixiao.Project, []string) {
	t.Helper()
	p, err := Read(file, mustRead(t, "testdata/edge/"+file))
	if err != nil || len(p.Projects) != 1 {
		t.Fatalf("%v", err)
	}
	pr := p.Projects[0]
	var funds []string
	for _, f := range pr.Funds {
		funds = append(funds, fmt.Sprintf("%s %s %s", f.Source, f.Label, f.Amount))
	}
	return p, pr, funds
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBlockNamedAsWritten: a refusal inside a block names it as the table writes it: the
// national department form's 年度主要任务, not the seed's 年度重点工作计划.
func TestBlockNamedAsWritten(t *testing.T) {
	data := strings.Replace(string(mustRead(t, "testdata/edge/national88dept.txt")), "\t任务名称\n\t主要内容\n", "\t名目\n\t说明\n", 1)
	_, err := Read("national88dept.txt", []byte(data))
	if msg := jixiao.ErrorMessage(err); !strings.HasPrefix(msg, "national88dept.txt 第8行：“年度主要任务”的表头缺少") {
		t.Errorf("got %q, want it to name 年度主要任务", msg)
	}
}
