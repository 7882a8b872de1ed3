package textdoc

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A kind is one of the three tables of a plan.
type kind int

const (
	kindNone    kind = iota
	kindDept         // 部门整体支出绩效目标表
	kindSummary      // 专项资金预算绩效目标汇总表
	kindItem         // 专项资金支出方向绩效目标表 (附件3)
	kindProject      // 项目支出绩效目标表 and its layouts (project.go)
)

func (k kind) title() string {
	switch k {
	case kindDept:
		return "部门整体支出绩效目标表"
	case kindSummary:
		return "专项资金预算绩效目标汇总表"
	case kindItem:
		return "专项资金支出方向绩效目标表"
	case kindProject:
		return "项目支出绩效目标表"
	}
	return ""
}

// A section is the rows of one table, from its title to the next table's.
type section struct {
	kind  kind
	title string // as written; "" when the table was found by its labels
	line  int    // line of the title, or of the first row
	year  int    // from the title, 0 when it has none
	rows  []row
}

// name is how messages name the table.
func (s *section) name() string {
	if s.title != "" {
		return "“" + s.title + "”"
	}
	return "“" + s.kind.title() + "”"
}

// segment splits the rows into tables. A table starts at its title row, or — when a
// title is missing — at a row only that table has: the 序号/支出方向/金额 header of the
// summary, the 所属专项 label of a 附件3, the labels of a 附件3 again after the previous
// one's indicators. Rows before the first table (a cover, 附件 marks) are skipped.
func (r *reader) segment(rows []row) ([]section, error) {
	var secs []section
	cur := -1
	sawBody := false // the current table has had its indicator (附件3) or column (summary) header
	for _, rw := range rows {
		if rw.empty() || isAttachmentMark(rw) {
			continue
		}
		if r.firstLine == 0 {
			r.firstLine = rw.line
		}
		if k, title, year, at, ok := titleRow(rw); ok && (strings.Contains(title, "表") || cur < 0 && rw.nonEmpty() == 1) {
			// A title without 表 (江西's 部门整体绩效目标) only as the document's first, on a row
			// of its own: inside a table the same words are a label or a heading.
			secs = append(secs, section{kind: k, title: title, line: rw.line, year: year})
			cur, sawBody = len(secs)-1, false
			// Cells written on the title's row (填报单位：… with no blank line between) belong
			// to the table.
			rest := row{line: rw.line, cells: slices.Clone(rw.cells)}
			rest.cells[at] = cell{line: rw.cells[at].line}
			if !rest.empty() && !isAttachmentMark(rest) {
				secs[cur].rows = append(secs[cur].rows, rest)
			}
			continue
		}
		var curKind kind
		if cur >= 0 {
			curKind = secs[cur].kind
		}
		if k := anchorKind(rw, curKind, sawBody); k != kindNone {
			secs = append(secs, section{kind: k, line: rw.line})
			cur, sawBody = len(secs)-1, false
			curKind = k
		}
		if cur < 0 {
			continue
		}
		secs[cur].rows = append(secs[cur].rows, rw)
		if !sawBody {
			switch curKind {
			case kindItem:
				_, sawBody, _ = findHeader(rw, indicatorColumns, 0, needIndicator)
			case kindSummary:
				_, sawBody, _ = findHeader(rw, summaryColumns, 0, needSummary)
			case kindProject:
				sawBody = isProjectHeader(rw)
			}
		}
	}
	return secs, nil
}

// titleRow reports whether the row is a table title: a row of at most three short
// cells, one of whose lines names a performance target table.
func titleRow(rw row) (k kind, title string, year, at int, ok bool) {
	if rw.nonEmpty() > 3 {
		return kindNone, "", 0, 0, false
	}
	for i, c := range rw.cells {
		if c.text == "" || len(c.text) > 600 || !strings.Contains(c.key, "绩效目标") && !strings.Contains(c.key, "申报表") && !strings.Contains(c.text, "\n") {
			continue
		}
		for l := range strings.SplitSeq(c.text, "\n") {
			if k, year := classifyTitle(l); k != kindNone {
				if year == 0 && k == kindProject {
					// A title over several lines: 天津市…专项(…)2022年 / 中央预算内投资计划绩效目标表.
					year = findYear(norm(c.text))
				}
				return k, strings.TrimSpace(l), year, i, true
			}
		}
	}
	return kindNone, "", 0, 0, false
}

// classifyTitle reads one line as a table title: it names 绩效目标 and ends in a 表 soon
// after (表, 申报表, 汇总表, 申报汇总表); the words before say which table.
func classifyTitle(line string) (kind, int) {
	n := norm(line)
	if utf8.RuneCountInString(n) > 60 {
		return kindNone, 0
	}
	i := strings.Index(n, "绩效目标")
	if i < 0 {
		// 新疆 乌恰: 绩效项目申报表 (项目绩效申报表) names no 目标 but is a project's.
		if strings.Contains(n, "绩效") && strings.Contains(n, "项目") && strings.HasSuffix(n, "申报表") {
			return kindProject, findYear(n)
		}
		// 山东 临邑: 项目支出目标申报表 names no 绩效.
		if j := strings.Index(n, "目标"); j >= 0 && strings.Contains(n[:j], "项目") && strings.HasSuffix(n, "表") &&
			utf8.RuneCountInString(n[j:]) <= 6 {
			return kindProject, findYear(n)
		}
		return kindNone, 0
	}
	tail := n[i+len("绩效目标"):]
	head := n[:i]
	if tail == "" && (strings.Contains(head, "部门整体") || strings.Contains(head, "单位整体")) {
		// 江西's 一体化 system titles the department's table 部门整体绩效目标, no 表.
		return kindDept, findYear(n)
	}
	if j := strings.Index(tail, "表"); j < 0 || j > 4*3 {
		return kindNone, 0
	}
	var k kind
	switch {
	case strings.Contains(n, "汇总"):
		k = kindSummary
	case strings.Contains(head, "部门整体") || strings.Contains(head, "整体支出") || strings.Contains(head, "单位整体"):
		k = kindDept
	case strings.Contains(head, "支出方向") || strings.Contains(head, "专项"):
		k = kindItem
	case strings.Contains(head, "项目"):
		// The seed's 附件3 may be titled 项目支出…: readItem reads it when it names its
		// 所属专项 (see read), the project reader otherwise.
		k = kindItem
		if !strings.Contains(head, "专项") {
			k = kindProject
		}
	case strings.Contains(head, "部门"):
		k = kindDept
	default:
		// 绩效目标表, 绩效目标申报表(基础设施建设类), 绩效目标批复表: a project table.
		k = kindProject
	}
	return k, findYear(n)
}

// findYear finds a year written as four digits before 年 (2021年, 2021年度, (2021)年度).
func findYear(s string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "年")
		if j < 0 {
			return 0
		}
		j += i
		k := j
		if k > 0 && s[k-1] == ')' {
			k-- // 陕西: (2020)年度
		}
		if k >= 4 && allDigits(s[k-4:k]) && (k == 4 || !isDigit(s[k-5])) {
			y := int(s[k-4]-'0')*1000 + int(s[k-3]-'0')*100 + int(s[k-2]-'0')*10 + int(s[k-1]-'0')
			if y >= 1990 && y <= 2200 {
				return y
			}
		}
		i = j + len("年")
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// anchorKind reports whether the row starts a table whose title is missing. sawBody says
// the current table is past its header, so that labels of a 附件3 start the next one.
func anchorKind(rw row, cur kind, sawBody bool) kind {
	first := rw.firstNonEmpty()
	if first < 0 {
		return kindNone
	}
	if cur != kindProject && (cur != kindItem || sawBody) {
		for _, c := range rw.cells {
			if itemLabels.match(c).f == fFundName {
				return kindItem
			}
		}
	}
	if (cur == kindItem || cur == kindSummary) && sawBody {
		switch itemLabels.match(rw.cells[first]).f {
		case fAuthority, fItemName, fItemAmount, fPeriod, fPeriodGoal, fAnnualGoal:
			return kindItem
		}
	}
	if cur != kindSummary {
		if h, ok, _ := findHeader(rw, summaryColumns, 0, needSummary); ok && h[colNo] >= 0 {
			return kindSummary
		}
	}
	if cur == kindNone || cur == kindProject && sawBody {
		switch matchProject(rw.cells[first]).l.f {
		case pName, pCode:
			return kindProject
		case pDept, pAuthority, pUnit:
			if cur == kindProject {
				// Who the next project is, before its 项目名称 (河南: 部门名称, 单位名称).
				return kindProject
			}
		}
	}
	if cur == kindNone {
		switch deptLabels.match(rw.cells[first]).f {
		case fDepartment, fSubmitter, fTotal, fDuties:
			return kindDept
		}
	}
	return kindNone
}

// isAttachmentMark reports whether the row only says which attachment follows (附件3,
// 附表2, or 表十二 as a budget book numbers its tables): a mark between tables, part of none.
func isAttachmentMark(rw row) bool {
	if rw.nonEmpty() != 1 {
		return false
	}
	n := norm(rw.cells[rw.firstNonEmpty()].text)
	for _, p := range []string{"附件", "附表", "表"} {
		if rest, ok := strings.CutPrefix(n, p); ok {
			rest = strings.TrimRight(rest, ":.、")
			return rest == "" || allDigits(rest) || isChineseNumeral(rest)
		}
	}
	return false
}
