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

// TestProjectTableOtherColumns: the indicator columns a table had beyond the national
// ones (江苏 2024's 半年(程)指标值) are printed after 备注 under their header as written,
// with each row's value under it.
func TestProjectTableOtherColumns(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/jiangsu-2024-project-zhenjiang-saizhenzhu-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("jiangsu.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Table(&b, p, "project:1"); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	html = html[strings.Index(html, "jx-national"):]
	head := regexp.MustCompile(`<th>([^<]*)</th>`)
	var heads []string
	for _, m := range head.FindAllStringSubmatch(html[:strings.Index(html, "</thead>")], -1) {
		heads = append(heads, m[1])
	}
	if d := cmp.Diff([]string{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权(分)值", "指标方向", "备注", "半年(程)指标值"}, heads); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	if n := strings.Count(html[:strings.Index(html, "</colgroup>")], "<col "); n != 10 {
		t.Errorf("%d columns in the colgroup, want 10", n)
	}
	cell := regexp.MustCompile(`<td class="jx-other">([^<]*)</td>`)
	var got []string
	for _, m := range cell.FindAllStringSubmatch(html, -1) {
		got = append(got, m[1])
	}
	if d := cmp.Diff([]string{"规范", "充分", "明确", "合理", ""}, got); d != "" {
		t.Errorf("半年(程)指标值 cells (-want +got):\n%s", d)
	}
}

// TestProjectTableOtherRows: the rows of a project table the national layout has no place
// for (重庆 潼南 2023: 编制单位, 项目概况, 立项依据) are printed under 实施期, as written.
func TestProjectTableOtherRows(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/chongqing-2023-project-tongnan-wugui-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("tongnan.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Table(&b, p, "project:2"); err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{
		`<tr><th>项目概况</th><td colspan="3" class="jx-text">对村民委员会村党支部的补助,按月发放给在职村社干部的工资</td></tr>`,
		`<tr><th>立项依据</th><td colspan="3" class="jx-text">渝财(2022)00001</td></tr>`,
	} {
		if !strings.Contains(b.String(), row) {
			t.Errorf("no row %s", row)
		}
	}
}
