package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao/textdoc"
)

// TestProjectTable: a published project table (乌海 2021, national columns) renders in the
// national layout, one table per project, no department table, every indicator row
// with its 指标性质, 指标值, 度量单位, 分值 and 指标方向 as written.
func TestProjectTable(t *testing.T) {
	const file = "../testdata/published/neimenggu-2021-project-wuhai-gongxiao-cut.txt"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("wuhai.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	refs := Tables(p)
	if d := cmp.Diff([]Ref{{Which: "project:1", Title: "2021年项目支出绩效目标表", Name: "再生资源回收市场管理经费"}}, refs); d != "" {
		t.Fatalf("tables (-want +got):\n%s", d)
	}
	var b strings.Builder
	if err := Table(&b, p, "project:1"); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	cell := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)
	var rows [][]string
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(html[strings.Index(html, "jx-national"):], -1) {
		var row []string
		for _, m := range cell.FindAllStringSubmatch(tr[1], -1) {
			row = append(row, m[1])
		}
		if row != nil { // the header row has <th> cells only
			rows = append(rows, row)
		}
	}
	want := [][]string{
		{"产出指标", "数量指标", "出差人数", "=", "8", "", "4", "正向", ""},
		{"出差人次", "=", "24", "人/次", "4", "正向", ""},
		{"质量指标", "工作任务完成率", "=", "100", "%", "4", "正向", ""},
		{"时效指标", "项目财政资金到位时间", "=", "44,561", "44,561", "10", "正向", ""},
		{"财政资金到位及时支付率", "=", "100", "%", "4", "正向", ""},
		{"工作计划按时完成时间", "=", "44,561", "44,561", "4", "正向", ""},
		{"成本指标", "出差单位成本", "=", "0", "万元/人", "4", "反向", ""},
		{"出差总成本", "=", "1", "万元", "4", "反向", ""},
		{"劳务人员总成本", "=", "2", "万元", "4", "反向", ""},
		{"办公费总成本", "=", "0", "万元", "4", "反向", ""},
		{"年度预算总成本", "=", "3", "万元", "4", "反向", ""},
		{"效", "", "", "", "", "", "", "", ""},
	}
	if d := cmp.Diff(want, rows); d != "" {
		t.Errorf("indicator rows (-want +got):\n%s", d)
	}
	for _, s := range []string{"<td colspan=\"3\">再生资源回收市场管理经费</td>", "(433)乌海市供销合作社联合社(部门)", "<td colspan=\"2\" class=\"jx-num\">3</td>"} {
		if !strings.Contains(html, s) {
			t.Errorf("table lacks %q", s)
		}
	}
}
