// Package textdoc reads the tab-celled text of Word tables (the seed's format) into a
// jixiao.Plan.
//
// The format is what Word writes when a document of tables is saved as text: each table
// cell is a line that starts with a tab, a row ends at a blank line, an empty merged cell
// is a line holding only a tab, a cell may run over several lines, and a new table or page
// may start with " \t". Reading happens in two steps. tokenize turns the text into rows
// of cells with their line numbers; the table reader then finds the tables by their
// titles (部门整体支出绩效目标表, 专项资金预算绩效目标汇总表, 专项资金支出方向绩效目标表), the
// values by the labels beside them (资金总额：…, 项目金额 | 5) and the columns of the
// indicator, key task and summary blocks by their header labels — never by line numbers
// or positions, so that the same tables from other places and years, with other label
// wordings and layouts, read too. What it cannot read it reports as a Chinese error naming
// the file and line; it never returns part of a plan.
package textdoc

import (
	"fmt"
	"strconv"

	"jixiao"
)

// MaxSize is the largest text accepted. The seed is 16 KB; a department's tables with a
// hundred 附件3 are well under a megabyte. Reading takes about seven times the text's size
// in memory, so 4 MiB, like docx.MaxText, keeps an upload's reading near 30 MB.
const MaxSize = 4 << 20

// Read reads a document in the tab-celled text format; name (the file name) is used in
// messages. Errors are *jixiao.Error with code EINVALID (ETOOLARGE over MaxSize) and a
// message that names the file and, where there is one, the line.
func Read(name string, data []byte) (*jixiao.Plan, error) {
	r := &reader{name: name}
	if len(data) > MaxSize {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "%s：文件超过 %d MB，无法作为文本表格读取。", name, MaxSize>>20)
	}
	s, err := r.decode(data)
	if err != nil {
		return nil, err
	}
	return r.read(tokenize(s))
}

// read reads the plan from the rows of cells of a document.
func (r *reader) read(rows []row) (*jixiao.Plan, error) {
	secs, err := r.segment(rows)
	if err != nil {
		return nil, err
	}
	for i := range secs {
		sec := &secs[i]
		switch sec.kind {
		case kindDept:
			err = r.readDeptOrLabels(sec)
		case kindSummary:
			err = r.readSummary(sec)
		case kindItem:
			err = r.readItem(sec)
			if err != nil && !namesFund(sec) {
				// Not the seed's 附件3 (it has no 所属专项): a project table.
				err = r.readProject(sec)
			}
		case kindProject:
			err = r.readProject(sec)
		}
		if err != nil {
			return nil, err
		}
	}
	return r.assemble(secs, rows)
}

// readDeptOrLabels reads a 部门整体支出绩效目标表 in the seed's layout, or, when that reader
// refuses it, by the label-driven reader, which takes a department-wide table in other
// layouts (福建2019: 年度预算安排 and 年度总体目标 as vertical labels, a 年度履职目标 block,
// 指标解释 | 目标值 columns). The seed's error stands when the label reader finds no
// department table either.
func (r *reader) readDeptOrLabels(sec *section) error {
	plan, dept, other, projects := r.plan, r.dept, r.deptOther, len(r.projects)
	err := r.readDept(sec)
	if err == nil || seedShaped(sec) {
		return err
	}
	r.plan, r.dept, r.deptOther = plan, dept, other
	if perr := r.readProject(sec); perr == nil && r.plan.Department != "" && len(r.projects) == projects {
		return nil
	}
	r.plan, r.dept, r.deptOther, r.projects = plan, dept, other, r.projects[:projects]
	return err
}

// seedShaped reports whether a department table has the seed's own blocks (年度绩效指标,
// 年度重点工作计划, 按收入性质分): then the seed's reader's error is the one to show.
func seedShaped(sec *section) bool {
	for _, rw := range sec.rows {
		for _, c := range rw.cells {
			switch deptLabels.match(c).f {
			case fIndicators, fKeyTasks, fSection:
				return true
			}
		}
	}
	return false
}

// errorf returns the error for a problem at a line of the file.
func (r *reader) errorf(line int, format string, args ...any) error {
	return jixiao.Errorf(jixiao.EINVALID, "%s %s：%s。", r.name, r.at(line), fmt.Sprintf(format, args...))
}

// at names a place in the document: 第12行 in a text file; for tables (ReadTables) the
// cell's Where, such as 表2 第3行第4列.
func (r *reader) at(line int) string {
	if line >= 1 && line <= len(r.where) {
		return r.where[line-1]
	}
	return "第" + strconv.Itoa(line) + "行"
}
