package xlsx

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/textdoc"
)

// Read reads a workbook into a Plan: its own workbooks (Write) back into an equal Plan,
// and workbooks people made with the same tables. Tables are found by their titles
// (anywhere in any sheet; several may share one sheet) and columns by their header labels;
// blank rows and columns, merged cells, numbers stored as text, amounts in 元 (from the
// 金额单位 line) and Excel date serials in 项目实施期 are accepted. Errors name the sheet
// and cell (汇总表!C7). name is used in messages only.
func Read(name string, data []byte) (*jixiao.Plan, error) {
	f, sheets, err := openWorkbook(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var segs []*segment
	var grids, projects []*grid
	for _, sh := range sheets {
		if visible, _ := f.GetSheetVisible(sh); sh == sheetLists && !visible {
			continue // the template's hidden drop-down lists, not a table
		}
		g, err := readGrid(name, f, sh)
		if err != nil {
			return nil, err
		}
		grids = append(grids, g)
		if projectSheetName(sh) {
			projects = append(projects, g) // read by labels below
			continue
		}
		segs = append(segs, findSegments(g)...)
	}
	props, _ := f.GetCustomProps()
	derived := map[string]bool{}
	if s, ok := customProp(props, propDerived); ok {
		for _, k := range strings.Split(s, ",") {
			derived[k] = true
		}
	}
	if onlyItems(segs) || len(segs) == 0 {
		// Tables titled like a 附件3 with no department or summary table: most often a
		// province's 项目支出绩效目标表, which the label-driven reader knows.
		tp, terr := readAsTables(name, grids)
		if terr == nil && len(tp.Projects) > 0 {
			if s, ok := customProp(props, propOther); ok {
				var other []jixiao.LabelValue
				if err := json.Unmarshal([]byte(s), &other); err != nil {
					return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”中保留的原表内容（%s）无法读取。", name, propOther)
				}
				tp.Other = append(tp.Other, other...)
			}
			return tp, nil
		}
		if ny := textdoc.NoYear(terr); ny != nil && len(ny.Plan.Projects) > 0 {
			return nil, terr // read whole but for the year, which the caller may know
		}
	}
	p, err := assemble(name, segs, derived)
	if err == nil && p.Year == 0 {
		// The seed's forms state the year in their titles: a sheet titled like them that
		// does not is another layout (江西's 部门整体绩效目标), read by labels — and when
		// only its year is missing, the caller is told so and may give it.
		return readAsTables(name, grids)
	}
	if err == nil && p.Department == "" && len(p.Indicators) == 0 && len(p.Items()) == 0 {
		// Titled like the seed's forms but nothing of them read (福建's 部门整体 table with
		// its labels split over lines): the label reader, when it finds the table.
		if tp, terr := readAsTables(name, grids); terr == nil && (tp.Department != "" || len(tp.Projects) > 0) {
			return tp, nil
		}
	}
	if err != nil {
		// Not the seed's forms: a project table or another layout, read by labels.
		tp, terr := readAsTables(name, grids)
		if terr == nil {
			return tp, nil
		}
		if textdoc.NoYear(terr) != nil {
			return nil, terr
		}
		return nil, err
	}
	if s, ok := customProp(props, propLinks); ok {
		if err := json.Unmarshal([]byte(s), &p.Links); err != nil {
			return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”中的汇总关系（%s）无法读取。", name, propLinks)
		}
	}
	if len(projects) > 0 {
		tp, err := readAsTables(name, projects)
		if ny := textdoc.NoYear(err); ny != nil {
			// The project sheets beside the plan's own tables take the plan's year.
			tp, err = ny.Plan, nil
		}
		if err != nil {
			return nil, err
		}
		p.Projects = tp.Projects
	}
	return p, nil
}

// indicators reads the 年度绩效指标 block starting at its header row.
func (s *segment) indicators() []jixiao.Indicator {
	hr, cols := s.header(s.start, "一级指标", "二级指标", "三级指标", "指标值")
	if hr < 0 {
		return nil
	}
	_, note := s.header(hr, "备注")
	noteCol := -1
	if note != nil {
		noteCol = note[0]
	}
	cols = append(cols, noteCol)
	var out []jixiao.Indicator
	for r := hr + 1; r < s.end; r++ {
		if s.rowEmpty(r, cols) {
			continue
		}
		if titleKind(s.cellText(r, cols[0])) != 0 {
			break
		}
		out = append(out, jixiao.NewIndicator(s.cellText(r, cols[0]), s.cellText(r, cols[1]), s.cellText(r, cols[2]), s.cellText(r, cols[3]), s.cellText(r, cols[4])))
	}
	return out
}

func (s *segment) readDepartment(p *jixiao.Plan) error {
	yuan := s.yuan()
	p.Submitter, _ = s.lineValue("填报单位")
	p.DepartmentCode, _ = s.lineValue("单位编码")
	p.Framework, _ = s.lineValue("指标体系")
	p.Department = s.textOf(labelDepartment)
	var err error
	b := &p.Budget
	for _, x := range []struct {
		label string
		dst   *jixiao.Amount
	}{{labelTotal, &b.Total}, {labelGeneral, &b.GeneralBudget}, {labelGovFund, &b.GovFund}, {labelOther, &b.OtherFunds}, {labelBasic, &b.Basic}, {labelProject, &b.Project}} {
		if *x.dst, err = s.amountOf(x.label, yuan); err != nil {
			return err
		}
	}
	p.Duties = s.textOf(labelDuties)
	p.Goal = s.textOf(labelGoal)
	if hr, cols := s.header(s.start, "事项", "责任单位", "工作目标"); hr >= 0 {
		p.Other = s.extraRows(hr)
		spending, amount := s.colIn(hr, "支出项目名称"), s.colIn(hr, "预算金额")
		ihr, _ := s.header(hr, "一级指标", "二级指标")
		end := s.end
		if ihr >= 0 {
			end = ihr
		}
		for r := hr + 1; r < end; r++ {
			if s.rowEmpty(r, cols) {
				continue
			}
			t := jixiao.KeyTask{Item: s.cellText(r, cols[0]), Owner: s.cellText(r, cols[1]), Objective: s.cellText(r, cols[2])}
			t.Spending, t.SpendingAmount = s.cellText(r, spending), s.cellText(r, amount)
			p.KeyTasks = append(p.KeyTasks, t)
		}
	}
	p.Indicators = s.indicators()
	return nil
}

// extraRows are the rows jixiao writes between 部门职责概述 and the task header, other
// than 年度总体目标: rows of the table the layout has no place for, label and value as
// written (Plan.Other).
func (s *segment) extraRows(taskHeader int) []jixiao.LabelValue {
	d := s.find(labelDuties)
	if d == nil || d.r >= taskHeader {
		return nil
	}
	var out []jixiao.LabelValue
	for r := d.r + 1; r < taskHeader; r++ {
		l := strings.TrimSpace(s.g.own(r, 0))
		if l == "" || labelIs(l, labelGoal) {
			continue
		}
		v := s.valueRight(&pos{r, 0})
		lv := jixiao.LabelValue{Label: l}
		if v != nil {
			lv.Value = s.g.own(v.r, v.c)
		}
		out = append(out, lv)
	}
	return out
}

// summaryRow is an item row of the summary table.
type summaryRow struct {
	fund int
	name string
	sum  jixiao.FundItemSummary
	used bool
}

func isChineseNumeral(s string) bool {
	s = strings.Trim(norm(s), "（）()、.．")
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("一二三四五六七八九十百", r) {
			return false
		}
	}
	return true
}

func (s *segment) readSummary(p *jixiao.Plan) ([]*summaryRow, error) {
	yuan := s.yuan()
	if v, ok := s.lineValue("项目主管部门"); ok {
		p.FundAuthority = v
	}
	hr, cols := s.header(s.start, "序号", "支出方向", "金额")
	if hr < 0 {
		return []*summaryRow{}, nil // a title without the table's header: no rows
	}
	_, goals := s.header(hr, "实施期")
	_, annual := s.header(hr, "年度绩效目标")
	pg, ag := -1, -1
	if goals != nil {
		pg = goals[0]
	}
	if annual != nil {
		ag = annual[0]
	}
	all := append(append([]int{}, cols...), pg, ag)
	var rows []*summaryRow
	for r := hr + 1; r < s.end; r++ {
		if s.rowEmpty(r, all) {
			continue
		}
		no, name := s.cellText(r, cols[0]), s.cellText(r, cols[1])
		amt, err := s.g.amount(r, cols[2], yuan)
		if err != nil {
			return nil, err
		}
		switch {
		case norm(name) == "合计" || norm(no) == "合计":
			p.FundsTotal = amt
		case isChineseNumeral(no) || (strings.TrimSpace(no) == "" && s.cellText(r, pg) == "" && s.cellText(r, ag) == ""):
			p.SpecialFunds = append(p.SpecialFunds, jixiao.SpecialFund{Name: name, Amount: amt})
		default:
			if len(p.SpecialFunds) == 0 {
				p.SpecialFunds = append(p.SpecialFunds, jixiao.SpecialFund{})
			}
			rows = append(rows, &summaryRow{fund: len(p.SpecialFunds) - 1, name: name,
				sum: jixiao.FundItemSummary{No: no, Amount: amt, PeriodGoal: s.cellText(r, pg), AnnualGoal: s.cellText(r, ag)}})
		}
	}
	return rows, nil
}

// itemTable is one 附件3 table as read.
type itemTable struct {
	fund string
	item jixiao.FundItem
	used bool
}

func (s *segment) readItem(p *jixiao.Plan) (*itemTable, error) {
	yuan := s.yuan()
	if v, ok := s.lineValue("项目主管部门"); ok && p.FundAuthority == "" {
		p.FundAuthority = v
	}
	t := &itemTable{fund: s.textOf(labelFund)}
	it := &t.item
	it.Name = s.textOf(labelItemName)
	var err error
	if it.Amount, err = s.amountOf(labelAmount, yuan); err != nil {
		return nil, err
	}
	if pp := s.valueRight(s.find(labelPeriod)); pp != nil {
		it.Period, _ = jixiao.ParsePeriod(s.g.period(pp.r, pp.c))
	} else if v := inline(s.g.own(orZero(s.find(labelPeriod)))); v != "" {
		it.Period, _ = jixiao.ParsePeriod(v)
	}
	it.PeriodGoal = s.textOf(labelPeriodGoal)
	it.AnnualGoal = s.textOf(labelAnnualGoal)
	it.Indicators = s.indicators()
	return t, nil
}

func orZero(p *pos) (int, int) {
	if p == nil {
		return -1, -1
	}
	return p.r, p.c
}

// assemble builds the Plan from the tables found: the department table, the summary and
// the 附件3 tables, matched to the summary's rows by fund and item name, in order.
//
// Each item keeps what its summary row said (FundItem.Summary), as every imported
// document does, unless the workbook is jixiao's own and lists the item as derived
// (propDerived) and the row still agrees with the item.
func assemble(name string, segs []*segment, derived map[string]bool) (*jixiao.Plan, error) {
	p := &jixiao.Plan{}
	var rows []*summaryRow
	var items []*itemTable
	seenDept, seenSummary := false, false
	for _, s := range segs {
		switch s.kind {
		case segDepartment:
			if seenDept {
				continue
			}
			seenDept = true
			if s.year > 0 {
				p.Year = s.year
			}
			if err := s.readDepartment(p); err != nil {
				return nil, err
			}
		case segSummary:
			if seenSummary {
				continue
			}
			seenSummary = true
			if p.Year == 0 {
				p.Year = s.year
			}
			var err error
			if rows, err = s.readSummary(p); err != nil {
				return nil, err
			}
		case segItem:
			if p.Year == 0 {
				p.Year = s.year
			}
			t, err := s.readItem(p)
			if err != nil {
				return nil, err
			}
			if it := &t.item; t.fund != "" || it.Name != "" || it.Amount.IsSet() || it.PeriodGoal != "" || it.AnnualGoal != "" || len(it.Indicators) > 0 || it.Period.Text != "" {
				items = append(items, t) // an unfilled 附件3 of the template is no item
			}
		}
	}
	if len(segs) == 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”中没有找到绩效目标表（%s、%s或%s）。", name, titleDepartment, titleSummary, titleItem)
	}
	for _, row := range rows {
		fund := &p.SpecialFunds[row.fund]
		seq := len(fund.Items) + 1
		var it jixiao.FundItem
		var found bool
		// The 附件3 table of the row: same fund and name; else same name only (a summary
		// without group rows).
		for pass := 0; pass < 2 && !found; pass++ {
			for _, t := range items {
				if !t.used && t.item.Name == row.name && (t.fund == fund.Name || pass == 1) {
					t.used, found, it = true, true, t.item
					break
				}
			}
		}
		if !found {
			it = jixiao.FundItem{Name: row.name, Amount: row.sum.Amount, PeriodGoal: row.sum.PeriodGoal, AnnualGoal: row.sum.AnnualGoal}
		}
		key := strconv.Itoa(row.fund) + "." + strconv.Itoa(len(fund.Items))
		if sum := row.sum; !derived[key] || sum != derivedSummary(&it, seq) {
			it.Summary = &sum
		}
		fund.Items = append(fund.Items, it)
	}
	for _, t := range items {
		if t.used {
			continue
		}
		fi := -1
		for i := range p.SpecialFunds {
			if p.SpecialFunds[i].Name == t.fund {
				fi = i
			}
		}
		if fi < 0 {
			p.SpecialFunds = append(p.SpecialFunds, jixiao.SpecialFund{Name: t.fund})
			fi = len(p.SpecialFunds) - 1
		}
		p.SpecialFunds[fi].Items = append(p.SpecialFunds[fi].Items, t.item)
	}
	return p, nil
}

// openWorkbook opens an uploaded workbook within the limits (checkZip, the unzip limits,
// MaxSheets) and lists its sheets; the caller closes it.
func openWorkbook(name string, data []byte) (*excelize.File, []string, error) {
	if err := checkZip(name, data); err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxPartUnzipped})
	if err != nil {
		return nil, nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿。", name)
	}
	sheets := f.GetSheetList()
	if len(sheets) > MaxSheets {
		f.Close()
		return nil, nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”有 %d 个工作表，超过上限 %d，无法导入。", name, len(sheets), MaxSheets)
	}
	return f, sheets, nil
}

// customProp is the text of the workbook's custom document property name (Write's
// propDerived, propLinks, propOther), and whether it has one.
func customProp(props []excelize.CustomProperty, name string) (string, bool) {
	for _, pr := range props {
		if s, ok := pr.Value.(string); ok && pr.Name == name {
			return s, true
		}
	}
	return "", false
}
