package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// The fill-in template of mid-year monitoring (绩效运行监控): one sheet per table of an
// approved plan — 部门整体 first, then one 项目支出绩效监控表 per fund item — in the layout
// of 财预〔2019〕136号's 项目支出绩效目标执行监控表, with the approved 指标值 and 年初预算数
// pre-filled (read-only: they come from the approved plan) and the cells to fill marked
// by input hints and drop-down lists (完成目标可能性, 偏差原因类别). The labels are those
// selfeval.ReadMonitoring finds, so a filled template reads back as it was laid out.

// Column headings of the monitoring tables; the month is filled in.
var (
	monitorFundHead      = []string{"项目资金（万元）", "年初预算数", "全年预算数", "截至{月}月底执行数", "执行率（%）", "全年预计执行数"}
	monitorIndicatorHead = []string{"一级指标", "二级指标", "三级指标", "指标值", "截至{月}月底实际完成值", "全年预计完成值", "完成目标可能性", "偏差原因类别", "偏差原因说明", "完善措施"}
)

// monitorHeading puts the round's month into a heading.
func monitorHeading(h string, month int) string {
	return strings.ReplaceAll(h, "{月}", fmt.Sprint(month))
}

// MonitorTemplate writes the monitoring template of an approved plan for a round.
// categories is the region's list of 偏差原因 categories (the drop-down list).
func MonitorTemplate(w io.Writer, p *jixiao.Plan, round jixiao.MonitoringRound, categories []string) error {
	if round.AsOf < 1 || round.AsOf > 12 {
		return jixiao.Errorf(jixiao.EINVALID, "监控截至月份应在 1 到 12 之间，而不是 %d。", round.AsOf)
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := cachedStyles(f)
	if err != nil {
		return err
	}
	used := sheetNames{}
	for i, rec := range jixiao.NewMonitoringRecords(p, round) {
		name := "部门整体"
		if rec.Project != "" {
			name = rec.Project
		}
		sh := monitorSheet(used.name(name), rec, st)
		addMonitorValidation(sh, rec, categories)
		if err := sh.stream(f, i == 0); err != nil {
			return err
		}
	}
	if err := setProps(f, fmt.Sprintf("%s%s绩效监控表（%s）", p.Department, yearPrefix(round.Year), round)); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write monitoring template: %w", err)
	}
	return nil
}

// monitorSheet lays out one monitoring table, ten columns wide.
func monitorSheet(name string, rec *jixiao.MonitoringRecord, st *styles) *sheet {
	sh := newSheet(name, 12, 14, 16, 16, 14, 14, 12, 12, 20, 20)
	sh.st = st
	last := len(sh.widths) - 1
	r := sh.add(str(yearPrefix(rec.Round.Year)+rec.Title, st.title))
	sh.merge(r, 0, r, last)
	sh.heights[r] = 30
	r = sh.add(str(fmt.Sprintf("（截至%d月底）", rec.Round.AsOf), st.info), cell{s: st.info}, cell{s: st.info}, cell{s: st.info}, cell{s: st.info},
		cell{s: st.info}, cell{s: st.info}, cell{s: st.info}, str(labelUnit, st.infoRight), cell{s: st.infoRight})
	sh.merge(r, 0, r, 7)
	sh.merge(r, 8, r, last)
	sh.titleRows = len(sh.rows)

	if rec.Project != "" {
		r = sh.add(str("项目名称", st.head), str(rec.Project, st.text), cell{s: st.text})
		sh.merge(r, 1, r, last)
		r = sh.add(str("主管部门", st.head), str(rec.Department, st.text), cell{s: st.text}, cell{s: st.text}, cell{s: st.text},
			str("实施单位", st.head), str(rec.Unit, st.text), cell{s: st.text})
		sh.merge(r, 1, r, 4)
		sh.merge(r, 6, r, last)
	} else {
		r = sh.add(str("部门名称", st.head), str(rec.Department, st.text), cell{s: st.text})
		sh.merge(r, 1, r, last)
	}

	head := make([]cell, len(sh.widths))
	for j := range head {
		head[j] = cell{s: st.head}
		if j < len(monitorFundHead) {
			head[j] = str(monitorHeading(monitorFundHead[j], rec.Round.AsOf), st.head)
		}
	}
	r = sh.add(head...)
	sh.merge(r, 5, r, last)
	for _, fp := range rec.Funds {
		r = sh.add(str(fp.Name, st.text), amountCell(fp.Initial, st), amountCell(fp.Adjusted, st), cell{s: st.num[0]}, cell{s: st.num[2]}, cell{s: st.num[0]}, cell{s: st.num[0]})
		sh.merge(r, 5, r, last)
	}

	r = sh.add(str("年度总体目标", st.head), str("原定目标", st.head), cell{s: st.head}, cell{s: st.head}, cell{s: st.head},
		str(fmt.Sprintf("截至%d月底执行情况", rec.Round.AsOf), st.head), cell{s: st.head})
	sh.merge(r, 1, r, 4)
	sh.merge(r, 5, r, last)
	goal := ""
	if len(rec.Goals) > 0 {
		goal = rec.Goals[0].Expected
	}
	r = sh.add(cell{s: st.head}, str(goal, st.text), cell{s: st.text})
	sh.merge(r, 1, r, 4)
	sh.merge(r, 5, r, last)
	sh.fit(r, 1, 4, goal)

	head = make([]cell, len(sh.widths))
	for j, h := range monitorIndicatorHead {
		head[j] = str(monitorHeading(h, rec.Round.AsOf), st.head)
	}
	sh.add(head...)
	for _, in := range rec.Indicators {
		r = sh.add(str(in.Level1, st.center), str(in.Level2, st.center), str(in.Name, st.text), str(in.Target.Text, st.center),
			cell{s: st.center}, cell{s: st.center}, cell{s: st.center}, cell{s: st.center}, cell{s: st.text}, cell{s: st.text})
		sh.fit(r, 2, 2, in.Name)
	}
	r = sh.add(str("偏差或不能完成目标原因分析", st.head), cell{s: st.text})
	sh.merge(r, 1, r, last)
	r = sh.add(str("相关建议或举措", st.head), cell{s: st.text})
	sh.merge(r, 1, r, last)
	return sh
}

// addMonitorValidation puts drop-down lists on 完成目标可能性 and 偏差原因类别 and hints on
// the cells to fill and on the approved targets.
func addMonitorValidation(sh *sheet, rec *jixiao.MonitoringRecord, categories []string) {
	hr := headerRow(sh, "二级指标")
	first, last := hr+1, hr+len(rec.Indicators)
	if len(rec.Indicators) == 0 {
		return
	}
	rng := func(col int) string { return ref(col, first) + ":" + ref(col, last) }
	target := excelize.NewDataValidation(true)
	target.SetSqref(rng(3))
	target.SetInput("指标值", "来自已批复的绩效目标，请勿修改；需要调整请按程序申请调整绩效目标")
	actual := excelize.NewDataValidation(true)
	actual.SetSqref(rng(4) + " " + rng(5))
	actual.SetInput("完成值", "写数值和单位，如 260份、85%；定性指标写 达成、部分达成；时限写 2021年10月")
	likely := excelize.NewDataValidation(true)
	likely.SetSqref(rng(6))
	_ = likely.SetDropList([]string{"确定能", "有可能", "完全不可能"})
	likely.SetInput("完成目标可能性", "选“有可能”或“完全不可能”时，须填写偏差原因和完善措施")
	sh.validation = append(sh.validation, target, actual, likely)
	if len(categories) > 0 {
		cat := excelize.NewDataValidation(true)
		cat.SetSqref(rng(7))
		_ = cat.SetDropList(categories)
		cat.SetInput("偏差原因类别", "从下拉列表选择："+strings.Join(categories, "、"))
		sh.validation = append(sh.validation, cat)
	}
	fr := headerRow(sh, "年初预算数")
	money := excelize.NewDataValidation(true)
	money.SetSqref(ref(3, fr+1) + ":" + ref(3, fr+len(rec.Funds)) + " " + ref(5, fr+1) + ":" + ref(5, fr+len(rec.Funds)))
	money.SetInput("金额", "单位：万元，如 87.57")
	sh.validation = append(sh.validation, money)
}
