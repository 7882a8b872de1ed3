package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// Blank rows the template offers in each block.
const (
	templateTasks      = 5
	templateIndicators = 15
	templateItems      = 8
)

// sheetLists is the hidden sheet holding the drop-down lists.
const sheetLists = "指标体系"

// Template writes an empty workbook with the layout of Write for the year: 部门整体,
// 汇总表 and one 附件3 sheet (copy it for more items), with drop-down lists for 一级/二级
// 指标 from the framework and input hints on the cells to fill. Units fill it offline and
// import it with Read.
func Template(w io.Writer, year int, fw *jixiao.Framework) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	p := &jixiao.Plan{Year: year, Framework: fw.ID}
	dept := departmentSheet(p, st, templateTasks)
	indicatorBlankRows(dept, templateIndicators, st)
	sum := summarySheet(p, st, templateItems)
	item := itemSheet("附件3", p, "", &jixiao.FundItem{}, st, 0)
	indicatorBlankRows(item, templateIndicators, st)
	for _, sh := range []*sheet{dept, item} {
		if err := addIndicatorValidation(sh, fw); err != nil {
			return err
		}
	}
	if err := addHints(dept, sum, item); err != nil {
		return err
	}
	for i, sh := range []*sheet{dept, sum, item} {
		if err := sh.stream(f, i == 0); err != nil {
			return err
		}
	}
	if err := writeLists(f, fw); err != nil {
		return err
	}
	if err := setProps(f, fmt.Sprintf("%s绩效目标填报模板", yearPrefix(year))); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write template: %w", err)
	}
	return nil
}

// indicatorBlankRows adds n empty indicator rows at the end of the sheet (the indicator
// block is the last one) and stretches the block's label down over them.
func indicatorBlankRows(sh *sheet, n int, st *styles) {
	hr := headerRow(sh, "一级指标")
	for range n {
		sh.add(cell{s: st.head}, cell{s: st.center}, cell{s: st.center}, cell{s: st.text}, cell{s: st.center}, cell{s: st.text})
	}
	for i, m := range sh.merges {
		if top, _ := excelize.CoordinatesToCellName(1, hr+1); m[0] == top {
			sh.merges[i][1], _ = excelize.CoordinatesToCellName(1, len(sh.rows))
		}
	}
}

// headerRow returns the row whose second cell is the header label.
func headerRow(sh *sheet, label string) int {
	for r, row := range sh.rows {
		if len(row) > 1 && row[1].v == label {
			return r
		}
	}
	return -1
}

func ref(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return s
}

func addIndicatorValidation(sh *sheet, fw *jixiao.Framework) error {
	hr := headerRow(sh, "一级指标")
	first, last := hr+1, len(sh.rows)-1
	n1, n2 := listSizes(fw)
	l1 := excelize.NewDataValidation(true)
	l1.SetSqref(ref(1, first) + ":" + ref(1, last))
	if n1 > 0 {
		l1.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", sheetLists, n1+1))
	}
	l1.SetInput("一级指标", "从下拉列表选择（"+fw.Name+"）")
	l1.SetError(excelize.DataValidationErrorStyleWarning, "一级指标", "不在所选指标体系中，确定要这样填写吗？")
	l2 := excelize.NewDataValidation(true)
	l2.SetSqref(ref(2, first) + ":" + ref(2, last))
	if n1 > 0 && n2 > 0 {
		// The 二级 list of the row's 一级: the named list jx_level2_<its place in the 一级
		// list>; every 二级 when the 一级 is empty or not in the framework. The row
		// reference is relative: Excel shifts $B<first> down the range.
		// SetSqrefDropList keeps its argument as the element's raw XML: & is escaped here.
		l2.SetSqrefDropList(xmlText.Replace(level2Formula(first)))
	}
	l2.SetInput("二级指标", "先选左侧的一级指标，再从下拉列表选择它的二级指标")
	l2.SetError(excelize.DataValidationErrorStyleWarning, "二级指标", "不在所选指标体系中，确定要这样填写吗？")
	target := excelize.NewDataValidation(true)
	target.SetSqref(ref(4, first) + ":" + ref(4, last))
	target.SetInput("指标值", "写运算符、数值和单位，如 ≥95%、≤5万元、1个；定性指标写 良好、达标；不适用写 /")
	name := excelize.NewDataValidation(true)
	name.SetSqref(ref(3, first) + ":" + ref(3, last))
	name.SetInput("三级指标", "一个单元格只写一个可衡量的指标，如 培训次数、验收合格率")
	sh.validation = append(sh.validation, l1, l2, target, name)
	return nil
}

// addHints puts input hints on the cells of amounts, periods and names.
func addHints(dept, sum, item *sheet) error {
	amount := func(sh *sheet, sqref string) {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(sqref)
		if err := dv.SetRange(0, 9e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return
		}
		dv.SetInput("金额（万元）", "以万元为单位填写数字，最多6位小数，如 167.0104")
		dv.SetError(excelize.DataValidationErrorStyleStop, "金额", "请填写以万元为单位的数字")
		sh.validation = append(sh.validation, dv)
	}
	// 部门整体: the amounts of 年度预算申请 sit in columns C and E below the 资金总额 row.
	if r := rowOf(dept, labelTotal); r >= 0 {
		amount(dept, ref(2, r)+" "+ref(2, r+2)+":"+ref(2, r+4)+" "+ref(4, r+2)+":"+ref(4, r+3))
	}
	// 汇总表: column C from the 合计 row down.
	if r := rowOf(sum, labelGrandTotal); r >= 0 {
		amount(sum, ref(2, r)+":"+ref(2, len(sum.rows)-1))
		no := excelize.NewDataValidation(true)
		no.SetSqref(ref(0, r+1) + ":" + ref(0, len(sum.rows)-1))
		no.SetInput("序号", "专项资金（分组）行写 一、二……；支出方向（子项）行写 1、2……")
		sum.validation = append(sum.validation, no)
	}
	if r := rowOf(item, labelAmount); r >= 0 {
		amount(item, ref(1, r))
		period := excelize.NewDataValidation(true)
		period.SetSqref(ref(4, r))
		period.SetInput("项目实施期", "如 2021.1-2021.12（请以文本填写）")
		item.validation = append(item.validation, period)
	}
	if r := rowOf(item, labelItemName); r >= 0 {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(ref(1, r) + " " + ref(4, r))
		dv.SetInput("支出方向与所属专项", "与汇总表中的名称一致；每个支出方向复制一份本工作表")
		item.validation = append(item.validation, dv)
	}
	return nil
}

// rowOf returns the first row with a cell holding the label.
func rowOf(sh *sheet, label string) int {
	for r, row := range sh.rows {
		for _, c := range row {
			if c.v == label {
				return r
			}
		}
	}
	return -1
}

func listSizes(fw *jixiao.Framework) (n1, n2 int) {
	return len(fw.Level1), len(level2Names(fw))
}

// level2Names lists every 二级 of the framework once, in order.
func level2Names(fw *jixiao.Framework) []string {
	seen := map[string]bool{}
	var out []string
	for _, l1 := range fw.Level1 {
		for _, l2 := range l1.Level2 {
			if n := l2.Name; !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// Names of the lists on the hidden sheet, for the dependent 二级 drop-down: the 一级
// names, every 二级, and the 二级 of the i-th 一级 as jx_level2_i (from 1). Indexes, not
// the 一级 names themselves, because a name such as “效益指标（社会）” is not a valid
// defined name.
const (
	nameLevel1    = "jx_level1"
	nameLevel2All = "jx_level2_all"
	nameLevel2    = "jx_level2_"
)

// level2Formula is the 二级 list of the row first (0-based) and, relatively, the rows
// below it.
func level2Formula(first int) string {
	return fmt.Sprintf(`INDIRECT(IFERROR("%s"&MATCH($B%d,%s,0),"%s"))`, nameLevel2, first+1, nameLevel1, nameLevel2All)
}

var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// level2Col is the column (0-based) of the hidden sheet holding the 二级 of the i-th
// (0-based) 一级: E, F, … (A 一级, B every 二级, C the framework's name).
func level2Col(i int) int { return 4 + i }

// writeLists writes the hidden 指标体系 sheet the drop-down lists point to, and names
// its lists.
func writeLists(f *excelize.File, fw *jixiao.Framework) error {
	if _, err := f.NewSheet(sheetLists); err != nil {
		return fmt.Errorf("lists sheet: %w", err)
	}
	rows := [][]any{{"一级指标", "二级指标", "指标体系：" + fw.Name}}
	l2 := level2Names(fw)
	for i := 0; i < max(len(fw.Level1), len(l2)); i++ {
		row := []any{"", ""}
		if i < len(fw.Level1) {
			row[0] = fw.Level1[i].Name
		}
		if i < len(l2) {
			row[1] = l2[i]
		}
		rows = append(rows, row)
	}
	for i, row := range rows {
		if err := f.SetSheetRow(sheetLists, ref(0, i), &row); err != nil {
			return fmt.Errorf("lists: %w", err)
		}
	}
	abs := func(col, first, last int) string {
		c, _ := excelize.ColumnNumberToName(col + 1)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheetLists, c, first+1, c, last+1)
	}
	var names []excelize.DefinedName
	if len(fw.Level1) > 0 && len(l2) > 0 {
		names = append(names,
			excelize.DefinedName{Name: nameLevel1, RefersTo: abs(0, 1, len(fw.Level1))},
			excelize.DefinedName{Name: nameLevel2All, RefersTo: abs(1, 1, len(l2))})
	}
	for i, l1 := range fw.Level1 {
		col := make([]any, 0, 1+len(l1.Level2))
		col = append(col, l1.Name)
		for _, l2 := range l1.Level2 {
			col = append(col, l2.Name)
		}
		for r, v := range col {
			if err := f.SetCellValue(sheetLists, ref(level2Col(i), r), v); err != nil {
				return fmt.Errorf("lists: %w", err)
			}
		}
		if len(l2) == 0 {
			continue
		}
		to := abs(level2Col(i), 1, len(l1.Level2))
		if len(l1.Level2) == 0 { // nothing to choose from: offer every 二级
			to = abs(1, 1, len(l2))
		}
		names = append(names, excelize.DefinedName{Name: fmt.Sprintf("%s%d", nameLevel2, i+1), RefersTo: to})
	}
	for i := range names {
		if err := f.SetDefinedName(&names[i]); err != nil {
			return fmt.Errorf("list name %s: %w", names[i].Name, err)
		}
	}
	if err := f.SetSheetVisible(sheetLists, false); err != nil {
		return fmt.Errorf("hide lists: %w", err)
	}
	return nil
}
