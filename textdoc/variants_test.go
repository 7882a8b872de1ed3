package textdoc_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
)

// clonePlan deep-copies a plan (through its JSON form, which keeps every field the reader
// sets).
func clonePlan(t *testing.T, p *jixiao.Plan) *jixiao.Plan {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q jixiao.Plan
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	return &q
}

// replaceN replaces old by new in s, which must hold exactly n of them: a variant that
// silently changes nothing would make its test pass for nothing.
func replaceN(t *testing.T, s, old, new string, n int) string {
	t.Helper()
	if got := strings.Count(s, old); got != n {
		t.Fatalf("variant: %q occurs %d times in the seed, want %d", old, got, n)
	}
	return strings.ReplaceAll(s, old, new)
}

// allIndicators calls fn on every indicator row of the plan.
func allIndicators(p *jixiao.Plan, fn func(*jixiao.Indicator)) {
	for i := range p.Indicators {
		fn(&p.Indicators[i])
	}
	for _, it := range p.Items() {
		for i := range it.Indicators {
			fn(&it.Indicators[i])
		}
	}
}

// seedParts cuts the seed into its tables, by their titles: the department table, the
// summary and the three 附件3.
func seedParts(t *testing.T, s string) (dept, summary string, items []string) {
	t.Helper()
	idx := func(sub string, from int) int {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			t.Fatalf("variant: %q not found in the seed", sub)
		}
		return from + i
	}
	sum := idx(" \t2021年专项资金预算绩效目标汇总表", 0)
	i1 := idx("\t附件3\n", sum)
	i2 := idx("\t附件3\n", i1+1)
	i3 := idx(" \t2021年专项资金支出方向绩效目标表", i2)
	end := func(p string) string { return strings.TrimRight(p, "\n") + "\n\n" }
	return end(s[:sum]), end(s[sum:i1]), []string{end(s[i1:i2]), end(s[i2:i3]), end(s[i3:])}
}

// reverseIndicatorRows writes out the merged 一级/二级 cells of every indicator row and
// puts each block's rows in reverse order.
func reverseIndicatorRows(t *testing.T, s string) string {
	t.Helper()
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return !strings.Contains(l, "\t") && strings.TrimSpace(l) == "" }
	var out []string
	blocks := 0
	for i := 0; i < len(lines); {
		out = append(out, lines[i])
		if lines[i] != "\t备注" {
			i++
			continue
		}
		i++
		blocks++
		var rows [][]string
		for {
			j := i
			for j < len(lines) && blank(lines[j]) {
				j++
			}
			if j >= len(lines) || lines[j] != "\t" {
				break
			}
			var cells []string
			for i = j; i < len(lines) && !blank(lines[i]) && !strings.HasPrefix(lines[i], " \t"); i++ {
				if strings.HasPrefix(lines[i], "\t") {
					cells = append(cells, lines[i][1:])
				} else {
					cells[len(cells)-1] += "\n" + lines[i]
				}
			}
			rows = append(rows, cells)
		}
		for k, r := range rows {
			if r[1] == "" {
				r[1] = rows[k-1][1]
				if r[2] == "" {
					r[2] = rows[k-1][2]
				}
			}
		}
		slices.Reverse(rows)
		for _, r := range rows {
			out = append(out, "")
			for _, c := range r {
				out = append(out, "\t"+c)
			}
		}
		out = append(out, "")
	}
	if blocks != 4 {
		t.Fatalf("variant: found %d indicator blocks, want 4", blocks)
	}
	return strings.Join(out, "\n")
}

func TestReadVariants(t *testing.T) {
	seed := string(readSeed(t))
	base := mustRead(t, "seed.txt", []byte(seed))

	tests := []struct {
		name string
		edit func(t *testing.T, s string) string
		want func(p *jixiao.Plan) // edits a copy of the seed's plan into the expected one
	}{
		{
			name: "labels renamed to their variants",
			edit: func(t *testing.T, s string) string {
				s = replaceN(t, s, "\t资金总额：167.0104万元", "\t年度资金总额:167.0104万元", 1)
				s = replaceN(t, s, "\t其中：一般公共预算拨款", "\t其中:一般公共预算", 1)
				s = replaceN(t, s, "\t     政府性基金拨款", "\t政府性基金", 1)
				s = replaceN(t, s, "\t部门名称\n", "\t单位名称\n", 1)
				s = replaceN(t, s, "\t部门职责概述\n", "\t部门职能概述\n", 1)
				s = replaceN(t, s, "\t年度重点       工作计划\n\t事项\n\t责任单位/科室\n", "\t重点工作计划\n\t重点工作\n\t责任单位\n", 1)
				s = replaceN(t, s, "\t三级指标\n\t指标值\n", "\t三级指标（指标内容）\n\t指标值（目标值）\n", 4)
				s = replaceN(t, s, "\t支出方向（子项）\n", "\t项目名称\n", 4)
				s = replaceN(t, s, "\t金额\n", "\t金额（万元）\n", 1)
				s = replaceN(t, s, "\t合  计\n", "\t总  计\n", 1)
				s = replaceN(t, s, "\t项目金额\n", "\t资金总额\n", 3)
				s = replaceN(t, s, "\t项目实施期\n", "\t实施期\n", 3)
				s = replaceN(t, s, "\t所属专项\n", "\t所属专项资金\n", 3)
				s = replaceN(t, s, "\t实施期绩效目标\n", "\t实施期目标\n", 4)
				s = replaceN(t, s, "\t年度绩效目标\n", "\t年度目标：\n", 4)
				s = replaceN(t, s, "\t产出数量\n", "\t数量指标\n", 4)
				s = replaceN(t, s, "\t产出质量\n", "\t质量指标\n", 4)
				return s
			},
			want: func(p *jixiao.Plan) {
				allIndicators(p, func(in *jixiao.Indicator) {
					in.Level2 = strings.NewReplacer("产出数量", "数量指标", "产出质量", "质量指标").Replace(in.Level2)
				})
			},
		},
		{
			name: "indicator rows reordered, merged levels written out",
			edit: reverseIndicatorRows,
			want: func(p *jixiao.Plan) {
				slices.Reverse(p.Indicators)
				for _, it := range p.Items() {
					slices.Reverse(it.Indicators)
				}
			},
		},
		{
			name: "tables reordered",
			edit: func(t *testing.T, s string) string {
				dept, summary, items := seedParts(t, s)
				return items[1] + dept + items[2] + summary + items[0]
			},
		},
		{
			name: "cells split over lines",
			edit: func(t *testing.T, s string) string {
				s = replaceN(t, s, "\t中共株洲市石峰区委员会统一战线工作部\n", "\t中共株洲市石峰区委员会\n统一战线工作部\n", 1)
				s = replaceN(t, s, "\t资金总额：167.0104万元", "\t资金总额：\n167.0104万元", 1)
				s = replaceN(t, s, "\t137.01041万元", "\t137.01041\n万元", 1)
				s = replaceN(t, s, "\t统战部\n", "\t统战\n部\n", 5)
				s = replaceN(t, s, "\t年度绩效指标\n", "\t年度绩效\n指标\n", 4)
				s = replaceN(t, s, "\t统战特别政治经费\n", "\t统战特别\n政治经费\n", 2)
				s = replaceN(t, s, "加强“三好”建设。民主党派基层建设", "加强“三好”建设。\n民主党派基层建设", 2)
				return s
			},
			want: func(p *jixiao.Plan) {
				it := p.Items()[0]
				it.AnnualGoal = strings.Replace(it.AnnualGoal, "。", "。\n", 1)
				it.Summary.AnnualGoal = strings.Replace(it.Summary.AnnualGoal, "。", "。\n", 1)
			},
		},
		{
			name: "金额单位 元, amounts × 10000",
			edit: func(t *testing.T, s string) string {
				s = replaceN(t, s, "年度预算申请\n（万元）", "年度预算申请\n（元）", 1)
				s = replaceN(t, s, "资金总额：167.0104万元", "资金总额：1,670,104元", 1)
				s = replaceN(t, s, "\t167.0104万元\n", "\t1670104\n", 1)
				s = replaceN(t, s, "\t137.01041万元\n", "\t1370104.1\n", 1)
				s = replaceN(t, s, "\t30万元\n", "\t300000.00\n", 1)
				s = replaceN(t, s, "金额单位：万元", "金额单位：元", 4)
				for _, a := range []string{"5", "10", "15", "30"} {
					s = replaceN(t, s, "\t"+a+"\n", "\t"+a+"0000\n", 2)
				}
				return s
			},
		},
		{
			name: "extra blank lines",
			edit: func(t *testing.T, s string) string {
				s = strings.ReplaceAll(s, "\n\n", "\n\n\n  \n\n")
				return "\n\n" + strings.ReplaceAll(s, "\n \t", "\n\n\n \t") + "\n\n\n"
			},
		},
		{
			name: "CRLF line endings",
			edit: func(t *testing.T, s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		},
		{
			name: "UTF-8 byte order mark",
			edit: func(t *testing.T, s string) string { return "\uFEFF" + s },
		},
		{
			name: "UTF-16 with byte order mark (Word's Unicode text)",
			edit: func(t *testing.T, s string) string {
				u := utf16.Encode([]rune("\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n")))
				b := make([]byte, 0, 2*len(u))
				for _, c := range u {
					b = append(b, byte(c), byte(c>>8))
				}
				return string(b)
			},
		},
		{
			name: "GB18030 (Word's Chinese text on Windows)",
			edit: func(t *testing.T, s string) string {
				b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
				if err != nil {
					t.Fatal(err)
				}
				return b
			},
		},
		{
			name: "附件3 titles missing",
			edit: func(t *testing.T, s string) string {
				s = replaceN(t, s, "\t附件3\n2021年专项资金支出方向绩效目标表\n", "", 2)
				return replaceN(t, s, " \t2021年专项资金支出方向绩效目标表\n", "\n", 1)
			},
		},
		{
			name: "block labels on rows of their own",
			edit: func(t *testing.T, s string) string {
				s = replaceN(t, s, "\t年度绩效指标\n\t一级指标\n", "\t年度绩效指标\n\n\t\n\t一级指标\n", 4)
				return replaceN(t, s, "\t年度重点       工作计划\n\t事项\n", "\t年度重点       工作计划\n\n\t\n\t事项\n", 1)
			},
		},
		{
			name: "values below their labels",
			edit: func(t *testing.T, s string) string {
				return replaceN(t, s, "\t项目金额\n\t5\n\t项目实施期\n\t2021.1-2021.12\n",
					"\t项目金额\n\t项目实施期\n\n\t5\n\t2021.1-2021.12\n", 1)
			},
		},
		{
			name: "summary row without 附件3, 附件3 without summary row",
			edit: func(t *testing.T, s string) string {
				dept, summary, items := seedParts(t, s)
				summary = summary[:strings.Index(summary, "\t3\n\t统战业务专项\n")] + "\n"
				return dept + summary + items[1] + items[2]
			},
			want: func(p *jixiao.Plan) {
				f := &p.SpecialFunds[0]
				first := &f.Items[0]
				*first = jixiao.FundItem{
					Name: first.Name, Amount: first.Summary.Amount,
					PeriodGoal: first.Summary.PeriodGoal, AnnualGoal: first.Summary.AnnualGoal,
					Indicators: []jixiao.Indicator{}, Summary: first.Summary,
				}
				f.Items[2].Summary = nil
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := clonePlan(t, base)
			if tt.want != nil {
				tt.want(want)
			}
			got := mustRead(t, "variant.txt", []byte(tt.edit(t, seed)))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("plan mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadYuanPlaces: amounts written in 元 keep, in 万元, the places they need.
func TestReadYuanPlaces(t *testing.T) {
	s := string(readSeed(t))
	s = replaceN(t, s, "年度预算申请\n（万元）", "年度预算申请\n（元）", 1)
	s = replaceN(t, s, "资金总额：167.0104万元", "资金总额：1670104", 1)
	s = replaceN(t, s, "\t137.01041万元\n", "\t1370104.1\n", 1)
	s = replaceN(t, s, "\t30万元\n", "\t300000.00\n", 1)
	p := mustRead(t, "yuan.txt", []byte(s))
	got := []string{p.Budget.Total.String(), p.Budget.Basic.String(), p.Budget.Project.String(), p.Budget.GeneralBudget.String()}
	want := []string{"167.0104", "137.01041", "30", "167.0104"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("amounts mismatch (-want +got):\n%s", diff)
	}
}
