package xlsx

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// selfevalCols are the column widths of a self-evaluation sheet, in the layout of
// 财预〔2020〕10号's 项目支出绩效自评表 (nine columns: the part's label, then 一级 / 二级 /
// 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施; the budget and goal
// rows share them).
var selfevalCols = []float64{10, 14, 12, 22, 14, 14, 8, 8, 26}

// WriteSelfEvaluations writes self-evaluation tables as a workbook, one sheet a table
// (the department's 部门整体支出绩效自评表 and each fund item's 项目支出绩效自评表), in the
// layout of 10号's form. Given the blank tables of an approved plan (score.Rule.Blank),
// it is the fill-in template: the targets, points and budget are filled in and shaded
// (年度指标值 comes from the approved plan and is not to be changed); 全年执行数, 实际完成值,
// 得分 and the reasons are left for the unit. Given filled tables, it is their export.
// The selfeval reader reads either back.
func WriteSelfEvaluations(w io.Writer, evals []*jixiao.SelfEvaluation) error {
	if len(evals) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效自评表。")
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := selfevalStyles(f)
	if err != nil {
		return err
	}
	used := sheetNames{}
	for i, e := range evals {
		want := "部门整体"
		if e.Project != "" {
			want = e.Project
		}
		name := used.name(want)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("xlsx: sheet name %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", name, err)
		}
		if err := writeSelfEvalSheet(f, name, e, st); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", name, err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write self-evaluations: %w", err)
	}
	return nil
}

type selfevalStyle struct{ title, year, head, text, left, num, given, givenNum int }

func selfevalStyles(f *excelize.File) (*selfevalStyle, error) {
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	font := &excelize.Font{Family: "SimSun", Size: 10}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}
	specs := []*excelize.Style{
		{Font: &excelize.Font{Family: "SimHei", Size: 16, Bold: true}, Alignment: center},
		{Font: font, Alignment: center},
		{Font: &excelize.Font{Family: "SimSun", Size: 10, Bold: true}, Alignment: center, Border: border},
		{Font: font, Alignment: center, Border: border},
		{Font: font, Alignment: left, Border: border},
		{Font: font, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border, CustomNumFmt: ptr("0.00####")},
		{Font: font, Alignment: center, Border: border, Fill: grey},
		{Font: font, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border, Fill: grey, CustomNumFmt: ptr("0.00####")},
	}
	ids := make([]int, len(specs))
	for i, s := range specs {
		id, err := f.NewStyle(s)
		if err != nil {
			return nil, fmt.Errorf("xlsx: style: %w", err)
		}
		ids[i] = id
	}
	return &selfevalStyle{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}, nil
}

func ptr[T any](v T) *T { return &v }

// sheetWriter writes cells of one sheet by 1-based row and 0-based column.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (s *sheetWriter) ref(r, c int) string {
	n, _ := excelize.CoordinatesToCellName(c+1, r)
	return n
}

// set writes v (a string, or a Decimal as a number; an empty Decimal leaves the cell
// empty) with a style, merged over columns c..c2 and rows r..r2.
func (s *sheetWriter) set(r, c, r2, c2 int, v any, style int) {
	if s.err != nil {
		return
	}
	switch x := v.(type) {
	case jixiao.Decimal:
		if x.IsSet() {
			fv, _ := strconv.ParseFloat(x.String(), 64)
			s.err = s.f.SetCellFloat(s.sheet, s.ref(r, c), fv, -1, 64)
		}
	case string:
		if x != "" {
			s.err = s.f.SetCellStr(s.sheet, s.ref(r, c), x)
		}
	}
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, s.ref(r, c), s.ref(r2, c2), style)
	}
	if s.err == nil && (r != r2 || c != c2) {
		s.err = s.f.MergeCell(s.sheet, s.ref(r, c), s.ref(r2, c2))
	}
}

func writeSelfEvalSheet(f *excelize.File, name string, e *jixiao.SelfEvaluation, st *selfevalStyle) error {
	s := &sheetWriter{f: f, sheet: name}
	for i, w := range selfevalCols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	title := e.Title
	dept := e.Project == ""
	if title == "" {
		title = "项目支出绩效自评表"
		if dept {
			title = "部门整体支出绩效自评表"
		}
	}
	year := "（    年度）"
	if e.Year > 0 {
		year = "（" + strconv.Itoa(e.Year) + "年度）"
	}
	r := 1
	s.set(r, 0, r, 8, title, st.title)
	r++
	s.set(r, 0, r, 8, year, st.year)
	r++
	if dept {
		s.set(r, 0, r, 0, "部门（单位）名称", st.head)
		s.set(r, 1, r, 8, e.Department, st.left)
	} else {
		s.set(r, 0, r, 0, "项目名称", st.head)
		s.set(r, 1, r, 8, e.Project, st.left)
		r++
		s.set(r, 0, r, 0, "主管部门", st.head)
		s.set(r, 1, r, 3, e.Department, st.left)
		s.set(r, 4, r, 5, "实施单位", st.head)
		s.set(r, 6, r, 8, e.Unit, st.left)
	}
	r++
	// Budget execution: 年度资金总额 and its sources.
	funds := e.Funds
	if len(funds) == 0 {
		funds = []jixiao.FundExecution{{Name: "年度资金总额"}}
	}
	label := "项目资金（万元）"
	if dept {
		label = "部门资金（万元）"
	}
	s.set(r, 0, r+len(funds), 0, label, st.head)
	for c, h := range []string{"", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分", "原因说明（执行率低于90%须填写）"} {
		s.set(r, c+1, r, c+1, h, st.head)
	}
	for i, fe := range funds {
		r++
		name := fe.Name
		if i > 0 {
			name = "其中：" + name
		}
		s.set(r, 1, r, 1, name, st.left)
		s.set(r, 2, r, 2, fe.Initial, st.givenNum)
		s.set(r, 3, r, 3, fe.Adjusted, st.num)
		s.set(r, 4, r, 4, fe.Executed, st.num)
		if i == 0 {
			s.set(r, 5, r, 5, fe.Weight, st.givenNum)
			s.set(r, 6, r, 6, fe.Rate, st.num)
			s.set(r, 7, r, 7, fe.Score, st.num)
			s.set(r, 8, r, 8, fe.Reason, st.left)
		} else {
			for c := 5; c <= 8; c++ {
				s.set(r, c, r, c, "—", st.text)
			}
		}
	}
	r++
	// 年度总体目标.
	goals := e.Goals
	if len(goals) == 0 {
		goals = []jixiao.GoalOutcome{{}}
	}
	s.set(r, 0, r+len(goals), 0, "年度总体目标", st.head)
	s.set(r, 1, r, 4, "预期目标", st.head)
	s.set(r, 5, r, 8, "实际完成情况", st.head)
	for _, g := range goals {
		r++
		s.set(r, 1, r, 4, g.Expected, st.given)
		s.set(r, 5, r, 8, g.Actual, st.left)
	}
	r++
	// Indicators, 一级 and 二级 merged down as the form has them.
	first := r
	for c, h := range []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"} {
		s.set(r, c+1, r, c+1, h, st.head)
	}
	weights := jixiao.Decimal{}
	if len(funds) > 0 {
		weights = weights.Add(funds[0].Weight)
	}
	ins := e.Indicators
	for i := 0; i < len(ins); {
		j := i
		for j < len(ins) && ins[j].Level1 == ins[i].Level1 {
			j++
		}
		s.set(r+1+i, 1, r+j, 1, ins[i].Level1, st.text)
		for k := i; k < j; {
			m := k
			for m < j && ins[m].Level2 == ins[k].Level2 {
				m++
			}
			s.set(r+1+k, 2, r+m, 2, ins[k].Level2, st.text)
			k = m
		}
		i = j
	}
	for i := range ins {
		in := &ins[i]
		row := r + 1 + i
		s.set(row, 3, row, 3, in.Name, st.left)
		s.set(row, 4, row, 4, in.Target.Text, st.given)
		s.set(row, 5, row, 5, in.Actual.Text, st.text)
		s.set(row, 6, row, 6, in.Weight, st.givenNum)
		s.set(row, 7, row, 7, in.Score, st.num)
		s.set(row, 8, row, 8, in.Reason, st.left)
		weights = weights.Add(in.Weight)
	}
	r += len(ins) + 1
	s.set(first, 0, r-1, 0, "绩效指标", st.head)
	s.set(r, 0, r, 5, "总分", st.head)
	s.set(r, 6, r, 6, weights, st.givenNum)
	s.set(r, 7, r, 7, e.WrittenTotal, st.num)
	s.set(r, 8, r, 8, "评价等级："+e.Grade, st.left)
	r++
	s.set(r, 0, r, 0, "存在的问题", st.head)
	s.set(r, 1, r, 8, e.Problems, st.left)
	r++
	s.set(r, 0, r, 0, "改进措施", st.head)
	s.set(r, 1, r, 8, e.Remedies, st.left)
	if s.err != nil {
		return s.err
	}
	a4, portrait, one, zero := 9, "portrait", 1, 0
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &zero})
}
