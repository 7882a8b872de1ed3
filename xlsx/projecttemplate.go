package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// ProjectTemplate writes an empty 项目支出绩效目标表 for the year in the layout of Write's
// project sheets (the national columns, and the optional columns the framework requires),
// with drop-down lists for 一级/二级指标, 指标性质 and 指标方向 and input hints. Units copy
// the sheet for each project, fill it offline and import it: it reads back by labels.
func ProjectTemplate(w io.Writer, year int, fw *jixiao.Framework) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	p := &jixiao.Plan{Year: year, Framework: fw.ID}
	pr := &jixiao.Project{Funds: []jixiao.FundLine{{Source: jixiao.FundFiscal}, {Source: jixiao.FundUpper}, {Source: jixiao.FundOther}}}
	extra := projectColumns(fw, pr)
	sh := projectSheet(sheetProject+"1", p, pr, st, extra)
	head := len(sh.rows) - 1
	blank := make([]cell, len(sh.widths))
	for i := range blank {
		blank[i] = cell{s: st.center}
	}
	blank[2] = cell{s: st.text}
	for range templateIndicators {
		sh.add(blank...)
	}
	first, last := head+1, len(sh.rows)-1
	if err := projectValidation(sh, fw, first, last, extra); err != nil {
		return err
	}
	if err := sh.stream(f, true); err != nil {
		return err
	}
	if err := writeLists(f, fw); err != nil {
		return err
	}
	if err := setProps(f, fmt.Sprintf("%s项目支出绩效目标表填报模板", yearPrefix(year))); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write project template: %w", err)
	}
	return nil
}

// projectValidation puts the drop-down lists and hints on the indicator rows first..last
// (0-based) of a project sheet and on its amounts.
func projectValidation(sh *sheet, fw *jixiao.Framework, first, last int, extra []string) error {
	col := func(c int) string { return ref(c, first) + ":" + ref(c, last) }
	n1, n2 := listSizes(fw)
	l1 := excelize.NewDataValidation(true)
	l1.SetSqref(col(0))
	if n1 > 0 {
		l1.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", sheetLists, n1+1))
	}
	l1.SetInput("一级指标", "从下拉列表选择（"+fw.Name+"）")
	l1.SetError(excelize.DataValidationErrorStyleWarning, "一级指标", "不在所选指标体系中，确定要这样填写吗？")
	l2 := excelize.NewDataValidation(true)
	l2.SetSqref(col(1))
	if n1 > 0 && n2 > 0 {
		// The 二级 of the row's 一级 (column A here, B in the seed's forms).
		l2.SetSqrefDropList(xmlText.Replace(fmt.Sprintf(`INDIRECT(IFERROR("%s"&MATCH($A%d,%s,0),"%s"))`, nameLevel2, first+1, nameLevel1, nameLevel2All)))
	}
	l2.SetInput("二级指标", "先选左侧的一级指标，再从下拉列表选择它的二级指标")
	l2.SetError(excelize.DataValidationErrorStyleWarning, "二级指标", "不在所选指标体系中，确定要这样填写吗？")
	name := excelize.NewDataValidation(true)
	name.SetSqref(col(2))
	name.SetInput("三级指标", "一个单元格只写一个可衡量的指标，如 培训次数、验收合格率")
	nature := excelize.NewDataValidation(true)
	nature.SetSqref(col(3))
	if err := nature.SetDropList([]string{"≥", "≤", "=", "定性"}); err != nil {
		return fmt.Errorf("nature list: %w", err)
	}
	nature.SetInput("指标性质", "≥ 不低于，≤ 不高于，= 等于；定性指标选 定性")
	value := excelize.NewDataValidation(true)
	value.SetSqref(col(4))
	value.SetInput("指标值", "只写数值，如 95；单位写在右侧的度量单位；定性指标写 达标、良好")
	dir := excelize.NewDataValidation(true)
	dir.SetSqref(col(7))
	if err := dir.SetDropList([]string{"正向", "反向"}); err != nil {
		return fmt.Errorf("direction list: %w", err)
	}
	dir.SetInput("指标方向", "正向：越高越好；反向：越低越好")
	sh.validation = append(sh.validation, l1, l2, name, nature, value, dir)
	for i, c := range extra {
		if c == colKind {
			kind := excelize.NewDataValidation(true)
			kind.SetSqref(col(8 + i))
			if err := kind.SetDropList([]string{"定量", "定性"}); err != nil {
				return fmt.Errorf("kind list: %w", err)
			}
			sh.validation = append(sh.validation, kind)
		}
	}
	// The amounts: column D of the money rows.
	if r := rowOf(sh, "年度资金总额"); r >= 0 {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(ref(3, r) + ":" + ref(3, r+3))
		if err := dv.SetRange(0, 9e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return fmt.Errorf("amount range: %w", err)
		}
		dv.SetInput("金额（万元）", "以万元为单位填写数字，最多6位小数，如 167.0104")
		dv.SetError(excelize.DataValidationErrorStyleStop, "金额", "请填写以万元为单位的数字")
		sh.validation = append(sh.validation, dv)
	}
	return nil
}
