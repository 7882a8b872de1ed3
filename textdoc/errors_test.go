package textdoc_test

import (
	"errors"
	"strings"
	"testing"

	"jixiao"
	"jixiao/textdoc"
)

// upToLine returns the text of the seed up to and including line n.
func upToLine(t *testing.T, s string, n int) string {
	t.Helper()
	lines := strings.SplitAfter(s, "\n")
	if n > len(lines) {
		t.Fatalf("the seed has %d lines, not %d", len(lines), n)
	}
	return strings.Join(lines[:n], "")
}

// lineStarting returns the number of the first line of s that starts with prefix.
func lineStarting(t *testing.T, s, prefix string, nth int) int {
	t.Helper()
	for i, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			if nth--; nth == 0 {
				return i + 1
			}
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

func TestReadErrors(t *testing.T) {
	seed := string(readSeed(t))
	// Lines named in the messages, found by content rather than written as numbers.
	deptHeader := lineStarting(t, seed, "\t年度绩效指标", 1)
	item1Header := lineStarting(t, seed, "\t年度绩效指标", 2)
	keyTasks := lineStarting(t, seed, "\t年度重点", 1)
	firstCount := lineStarting(t, seed, "\t各类培训8次", 1)
	item1Title := lineStarting(t, seed, "\t附件3", 1)
	unitLine := lineStarting(t, seed, "\t金额单位：万元", 1)

	tests := []struct {
		name string
		data string
		want string // the whole message, or a prefix of it ending in "…"
		code string
	}{
		{
			name: "truncated after the department's indicator header",
			data: upToLine(t, seed, deptHeader+6),
			want: "err.txt 第" + itoa(deptHeader) + "行：“年度绩效指标”的表头之后没有指标行。",
		},
		{
			name: "truncated after a 附件3's indicator header",
			data: upToLine(t, seed, item1Header+6),
			want: "err.txt 第" + itoa(item1Header) + "行：“年度绩效指标”的表头之后没有指标行。",
		},
		{
			name: "truncated inside the first 附件3, before its indicators",
			data: upToLine(t, seed, item1Header-2),
			want: "err.txt 第" + itoa(item1Title) + "行：“2021年专项资金支出方向绩效目标表”（民主党派基层建设经费）中没有“年度绩效指标”表…",
		},
		{
			name: "truncated in the middle of a character",
			data: seed[:strings.Index(seed, "统战特别政治经费")+4],
			want: "err.txt 第" + itoa(strings.Count(seed[:strings.Index(seed, "统战特别政治经费")], "\n")+1) + "行：文件在一个字符的中间截断…",
		},
		{
			name: "truncated before the summary's rows",
			data: upToLine(t, seed, lineStarting(t, seed, "\t年度绩效目标", 1)+1),
			want: "err.txt 第" + itoa(lineStarting(t, seed, "\t序号", 1)) + "行：“2021年专项资金预算绩效目标汇总表”的表头之后没有数据行。",
		},
		{
			name: "department's 年度绩效指标 header missing",
			data: strings.Replace(seed, "\t年度绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t备注\n\n", "", 1),
			want: "err.txt 第" + itoa(firstCount-7) + "行：本行有6列，多于“年度重点工作计划”表头（第" + itoa(keyTasks) + "行）的4列…",
		},
		{
			name: "a 附件3's 年度绩效指标 header missing",
			data: strings.Replace(seed, "\t年度绩效目标\n\t民主党派自身建设进一步加强，“团结大院”发挥作用，巩固“五有”建设，加强“三好”建设。民主党派基层建设推动多党合作事业更加健康发展，不断开创我区多党合作、政治协商事业的新局面。\n\n\t年度绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t备注\n",
				"\t年度绩效目标\n\t民主党派自身建设进一步加强，“团结大院”发挥作用，巩固“五有”建设，加强“三好”建设。民主党派基层建设推动多党合作事业更加健康发展，不断开创我区多党合作、政治协商事业的新局面。\n", 1),
			want: "err.txt 第" + itoa(item1Header) + "行：“2021年专项资金支出方向绩效目标表”中无法识别的行“产出指标 | 产出数量 | 团结大院…",
		},
		{
			name: "indicator header lacking 指标值",
			data: strings.Replace(seed, "\t指标值\n", "\t目标\n", 1),
			want: "err.txt 第" + itoa(deptHeader) + "行：“年度绩效指标”的表头缺少“指标值”列。",
		},
		{
			name: "unknown money unit",
			data: strings.Replace(seed, "金额单位：万元", "金额单位：美元", 1),
			want: "err.txt 第" + itoa(unitLine) + "行：无法识别的金额单位“美元”：应为万元或元。",
		},
		{
			name: "amount that is not a number",
			data: strings.Replace(seed, "资金总额：167.0104万元", "资金总额：一百六十七万元", 1),
			want: "err.txt 第" + itoa(lineStarting(t, seed, "\t资金总额", 1)) + "行：无法识别金额“一百六十七万元”…",
		},
		{
			name: "amount in 元 finer than a fen",
			data: strings.Replace(strings.Replace(seed, "（万元）", "（元）", 1), "资金总额：167.0104万元", "资金总额：1670104.001", 1),
			want: "err.txt 第" + itoa(lineStarting(t, seed, "\t资金总额", 1)) + "行：金额“1670104.001”（单位元）换算成万元后超过6位小数…",
		},
		{
			name: "a label written twice",
			data: strings.Replace(seed, "\t部门名称\n\t中共株洲市石峰区委员会统一战线工作部\n", "\t资金总额\n\t167.0104\n", 1),
			want: "err.txt 第" + itoa(lineStarting(t, seed, "\t资金总额", 1)) + "行：“资金总额”在同一张表中出现了两次（另见第" + itoa(lineStarting(t, seed, "\t部门名称", 1)) + "行）。",
		},
		{
			name: "no 资金总额",
			data: strings.Replace(seed, "资金总额：167.0104万元", "", 1),
			want: "err.txt 第1行：“2021年部门整体支出绩效目标表”中没有“资金总额”。",
		},
		{
			name: "no department table",
			data: seed[strings.Index(seed, " \t2021年专项资金预算绩效目标汇总表"):],
			want: "err.txt：缺少“部门整体支出绩效目标表”（文件中只找到“2021年专项资金预算绩效目标汇总表”、“2021年专项资金支出方向绩效目标表”…",
		},
		{
			name: "no year in the titles",
			data: strings.Replace(strings.Replace(strings.ReplaceAll(seed, "2021年", ""), "2021.1-2021.12", "", -1), "2021", "", -1),
			want: "err.txt 第1行：表格标题中没有预算年度（应如“2021年部门整体支出绩效目标表”）。",
		},
		{
			name: "garbage text",
			data: "\n\n这不是绩效目标表\n只是几行字\n",
			want: "err.txt 第3行：未找到任何绩效目标表…",
		},
		{
			name: "garbage rows under a title",
			data: "\t2021年部门整体支出绩效目标表\n\n\t甲\n\t乙\n\t丙\n\n",
			want: "err.txt 第3行：“2021年部门整体支出绩效目标表”中无法识别的行“甲 | 乙 | 丙”：找不到它所属的表头或标签（如缺少“年度绩效指标”表头）。",
		},
		{
			name: "binary",
			data: "\t2021年部门整体支出绩效目标表\n\nPK\x03\x04\x00\x00",
			want: "err.txt 第3行：文件含有二进制内容（控制字符 0x03），不是文本表格。",
		},
		{
			name: "broken UTF-8",
			data: seed[:100] + "\xff\xfe\xfd" + seed[100:],
			want: "err.txt 第3行：文件不是有效的 UTF-8 文本…",
		},
		{
			name: "empty",
			data: " \n\t\n\n",
			want: "err.txt：文件是空的，没有任何表格。",
		},
		{
			name: "too large",
			data: strings.Repeat("\t", textdoc.MaxSize+1),
			want: "err.txt：文件超过 4 MB，无法作为文本表格读取。",
			code: jixiao.ETOOLARGE,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := textdoc.Read("err.txt", []byte(tt.data))
			if err == nil {
				t.Fatalf("Read succeeded (%d indicators), want error %q", p.IndicatorCount(), tt.want)
			}
			if p != nil {
				t.Errorf("Read returned a plan with its error")
			}
			var e *jixiao.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *jixiao.Error", err)
			}
			code := tt.code
			if code == "" {
				code = jixiao.EINVALID
			}
			if e.Code != code {
				t.Errorf("code = %s, want %s", e.Code, code)
			}
			want, prefix := strings.CutSuffix(tt.want, "…")
			if prefix && !strings.HasPrefix(e.Message, want) || !prefix && e.Message != want {
				t.Errorf("message:\n got %s\nwant %s", e.Message, tt.want)
			}
		})
	}
}
