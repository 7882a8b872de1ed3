package textdoc

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A field is what a label cell names.
type field int

const (
	fNone field = iota

	fSection // a label that only heads a block: 按收入性质分, 按支出性质分
	fIgnored // a label of something a Plan does not keep: 联系人, 联系电话, …
	fUnit    // 金额单位

	// 部门整体支出绩效目标表
	fSubmitter     // 填报单位
	fDepartment    // 部门名称
	fDeptCode      // 单位编码
	fBudgetSection // 年度预算申请 (may carry the unit: （万元）)
	fTotal         // 资金总额
	fGeneral       // 一般公共预算拨款
	fGovFund       // 政府性基金拨款
	fOther         // 其他资金
	fBasic         // 基本支出
	fProject       // 项目支出
	fDuties        // 部门职责概述
	fKeyTasks      // 年度重点工作计划
	fIndicators    // 年度绩效指标
	fGoal          // 年度总体目标 (the national form of 财预〔2015〕88号)

	// 专项资金预算绩效目标汇总表 and 附件3
	fAuthority  // 项目主管部门
	fItemName   // 支出方向（子项）
	fFundName   // 所属专项
	fItemAmount // 项目金额
	fPeriod     // 项目实施期
	fPeriodGoal // 实施期绩效目标
	fAnnualGoal // 年度绩效目标
)

// isAmount reports whether the field holds money.
func (f field) isAmount() bool {
	switch f {
	case fTotal, fGeneral, fGovFund, fOther, fBasic, fProject, fItemAmount:
		return true
	}
	return false
}

// hasValue reports whether the label is followed by a value (rather than heading a block).
func (f field) hasValue() bool {
	switch f {
	case fNone, fSection, fIgnored, fBudgetSection, fKeyTasks, fIndicators:
		return false
	}
	return true
}

// name is the label as the standard template writes it, for messages.
func (f field) name() string {
	switch f {
	case fUnit:
		return "金额单位"
	case fSubmitter:
		return "填报单位"
	case fDepartment:
		return "部门名称"
	case fDeptCode:
		return "单位编码"
	case fTotal:
		return "资金总额"
	case fGeneral:
		return "一般公共预算拨款"
	case fGovFund:
		return "政府性基金拨款"
	case fOther:
		return "其他资金"
	case fBasic:
		return "基本支出"
	case fProject:
		return "项目支出"
	case fDuties:
		return "部门职责概述"
	case fGoal:
		return "年度总体目标"
	case fKeyTasks:
		return "年度重点工作计划"
	case fIndicators:
		return "年度绩效指标"
	case fAuthority:
		return "项目主管部门"
	case fItemName:
		return "支出方向（子项）"
	case fFundName:
		return "所属专项"
	case fItemAmount:
		return "项目金额"
	case fPeriod:
		return "项目实施期"
	case fPeriodGoal:
		return "实施期绩效目标"
	case fAnnualGoal:
		return "年度绩效目标"
	}
	return ""
}

type alias struct {
	norm string
	f    field
}

// A labelSet is the labels one kind of table knows, longest first so that 金额单位 wins
// over 金额 and 其他资金 over 其他.
type labelSet struct {
	aliases []alias
	first   map[rune]bool // first runes of the aliases, to pass over most cells at once
}

func newLabelSet(groups map[field][]string) labelSet {
	ls := labelSet{first: map[rune]bool{}}
	for f, names := range groups {
		for _, n := range names {
			a := alias{norm(n), f}
			ls.aliases = append(ls.aliases, a)
			r, _ := utf8.DecodeRuneInString(a.norm)
			ls.first[r] = true
		}
	}
	sort.Slice(ls.aliases, func(i, j int) bool {
		a, b := ls.aliases[i], ls.aliases[j]
		if len(a.norm) != len(b.norm) {
			return len(a.norm) > len(b.norm)
		}
		return a.norm < b.norm
	})
	return ls
}

// Labels common to every table: things a plan does not keep, written around the tables.
var ignoredLabels = []string{
	"填报人", "填表人", "联系人", "联系电话", "电话", "填报日期", "填表日期", "日期", "审核人",
	"单位负责人", "部门负责人", "财务负责人", "项目负责人", "分管领导", "注", "说明", "备注",
}

var unitLabels = []string{"金额单位", "单位", "计量单位"}

var deptLabels = newLabelSet(map[field][]string{
	fSubmitter:     {"填报单位", "申报单位", "填报部门"},
	fDepartment:    {"部门名称", "单位名称", "部门(单位)名称", "预算单位", "预算部门", "预算单位名称"},
	fDeptCode:      {"单位编码", "部门编码", "预算单位编码", "单位代码", "部门代码"},
	fBudgetSection: {"年度预算申请", "预算申请", "年度预算", "部门预算"},
	fTotal:         {"资金总额", "年度资金总额", "预算总额", "部门预算总额", "资金总计"},
	fGeneral:       {"一般公共预算拨款", "一般公共预算", "一般公共预算资金", "一般公共预算财政拨款", "公共财政拨款", "财政拨款"},
	fGovFund:       {"政府性基金拨款", "政府性基金", "政府性基金预算", "政府性基金预算拨款"},
	fOther:         {"其他资金", "其他收入", "其他"},
	fBasic:         {"基本支出"},
	fProject:       {"项目支出"},
	fSection:       {"按收入性质分", "按支出性质分", "按收入性质划分", "按支出性质划分"},
	fDuties:        {"部门职责概述", "部门职能概述", "职责概述", "部门职责", "部门主要职责", "部门主要职能", "主要职能", "职能职责"},
	fKeyTasks:      {"年度重点工作计划", "重点工作计划", "年度重点工作", "年度主要任务", "重点工作任务", "年度工作计划"},
	fIndicators:    {"年度绩效指标", "绩效指标", "部门整体绩效指标", "年度部门整体绩效指标"},
	fGoal:          {"年度总体目标", "年度总体绩效目标", "部门年度总体目标", "年度整体绩效目标"},
	fUnit:          unitLabels,
	fIgnored:       ignoredLabels,
})

var summaryLabels = newLabelSet(map[field][]string{
	fAuthority: {"项目主管部门", "主管部门", "填报单位", "单位名称", "部门名称"},
	fUnit:      unitLabels,
	fIgnored:   ignoredLabels,
})

var itemLabels = newLabelSet(map[field][]string{
	fAuthority:  {"项目主管部门", "主管部门"},
	fUnit:       unitLabels,
	fItemName:   {"支出方向(子项)", "支出方向", "子项", "子项名称", "项目名称", "支出方向(子项)名称"},
	fFundName:   {"所属专项", "所属专项资金", "专项名称", "专项资金名称"},
	fItemAmount: {"项目金额", "资金总额", "年度资金总额", "金额", "项目资金", "预算金额", "项目资金总额"},
	fPeriod:     {"项目实施期", "实施期", "项目期限", "实施周期", "项目实施周期", "执行期限"},
	fPeriodGoal: {"实施期绩效目标", "实施期目标", "中长期绩效目标", "中长期目标", "实施期总目标"},
	fAnnualGoal: {"年度绩效目标", "年度目标"},
	fIndicators: {"年度绩效指标", "绩效指标"},
	fIgnored:    append([]string{"实施单位", "项目属性", "项目类别", "项目类型"}, ignoredLabels...),
})

// A labelMatch is a cell read as a label.
type labelMatch struct {
	f        field
	value    string // the value written in the same cell (资金总额：167.0104万元), trimmed
	hasValue bool
	unit     string // a unit annotation on the label: 年度预算申请（万元） → 万元
}

// labelPrefix bounds the part of a cell read as a label: a label and its annotations are
// short, and a long cell (a goal, a duty) is only looked at up to here.
const labelPrefix = 160

// labelKey is the part of a cell that is read as a label, normalized once per cell: the
// first labelPrefix bytes with white space dropped and full-width forms folded. cut says
// the cell is longer.
func labelKey(text string) (key string, cut bool) {
	head := text
	if len(head) > labelPrefix {
		i := labelPrefix
		for i > 0 && !utf8.RuneStart(head[i]) {
			i--
		}
		head, cut = head[:i], true
	}
	return norm(head), cut
}

// match reads a cell as a label of ls. A label is one of the set's names, after white
// space is dropped, full-width forms folded and a leading 其中 removed; it may be followed
// by annotations in parentheses, then nothing, or a colon and a value, or (for money) a
// number.
func (ls labelSet) match(c cell) labelMatch {
	text, n, cut := c.text, c.key, c.cut
	if text == "" {
		return labelMatch{}
	}
	n = strings.TrimPrefix(n, "其中")
	n = strings.TrimLeft(n, ":")
	if r, _ := utf8.DecodeRuneInString(n); !ls.first[r] {
		return labelMatch{}
	}
	for _, a := range ls.aliases {
		if !strings.HasPrefix(n, a.norm) {
			continue
		}
		m := labelMatch{f: a.f}
		rest := n[len(a.norm):]
		for strings.HasPrefix(rest, "(") {
			j := strings.IndexByte(rest, ')')
			if j < 0 {
				break
			}
			if u := rest[1:j]; isUnit(u) {
				m.unit = u
			}
			rest = rest[j+1:]
		}
		switch {
		case rest == "" && !cut:
			return m
		case rest == "":
			continue
		case rest[0] == ':':
			if i := strings.IndexAny(text, ":："); i >= 0 {
				_, w := utf8.DecodeRuneInString(text[i:])
				m.value = cleanCell(text[i+w:])
			}
			m.hasValue = m.value != ""
			return m
		case a.f.isAmount() && (rest[0] >= '0' && rest[0] <= '9') && !cut:
			m.value, m.hasValue = rest, true
			return m
		}
	}
	return labelMatch{}
}

// isLabel reports whether text is a label of ls.
func (ls labelSet) isLabel(c cell) bool { return ls.match(c).f != fNone }

// A column is one header label of a block (一级指标, 事项, 金额, …).
type column int

const (
	colNone column = iota
	// 年度绩效指标
	colLevel1
	colLevel2
	colName
	colTarget
	colNote
	colNature // 指标性质 (≥ ≤ = 定性), national template
	colUnit   // 度量单位, national template
	// 年度重点工作计划
	colTaskItem
	colTaskOwner
	colTaskObjective
	colTaskAmount // 预算金额 of the national form: 总额, then its sources in the columns after it
	// 专项资金预算绩效目标汇总表
	colNo
	colFundItem
	colAmount
	colPeriodGoal
	colAnnualGoal
)

func (c column) name() string {
	return [...]string{"", "一级指标", "二级指标", "三级指标", "指标值", "备注", "指标性质", "度量单位",
		"事项", "责任单位/科室", "工作目标", "预算金额", "序号", "支出方向（子项）", "金额", "实施期绩效目标", "年度绩效目标"}[c]
}

type columnAlias struct {
	norm string
	c    column
}

func newColumns(groups map[column][]string) []columnAlias {
	var out []columnAlias
	for c, names := range groups {
		for _, n := range names {
			out = append(out, columnAlias{norm(n), c})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].norm < out[j].norm })
	return out
}

var indicatorColumns = newColumns(map[column][]string{
	colLevel1: {"一级指标"},
	colLevel2: {"二级指标"},
	colName:   {"三级指标", "指标名称", "指标内容", "三级指标(指标内容)", "三级指标名称"},
	colTarget: {"指标值", "年度指标值", "目标值", "指标目标值", "预期指标值", "年度目标值", "绩效指标值", "指标值(目标值)", "预期目标值"},
	colNote:   {"备注", "说明"},
	colNature: {"指标性质"},
	colUnit:   {"度量单位", "计量单位"},
})

var taskColumns = newColumns(map[column][]string{
	colTaskItem:      {"事项", "重点工作", "工作事项", "重点事项", "任务", "重点任务", "任务名称", "工作任务"},
	colTaskOwner:     {"责任单位/科室", "责任单位", "责任科室", "责任部门", "责任处室", "责任单位(科室)", "牵头单位", "责任股室"},
	colTaskObjective: {"工作目标", "目标", "预期目标", "工作要求", "目标要求", "主要内容"},
	colTaskAmount:    {"预算金额", "金额", "预算数", "资金"},
})

var summaryColumns = newColumns(map[column][]string{
	colNo:         {"序号", "编号"},
	colFundItem:   {"支出方向(子项)", "支出方向", "子项", "项目名称", "子项名称", "专项名称", "支出方向(子项)名称"},
	colAmount:     {"金额", "项目金额", "资金总额", "年度资金总额", "预算金额", "预算数", "资金", "年度预算", "资金金额"},
	colPeriodGoal: {"实施期绩效目标", "实施期目标", "中长期绩效目标", "中长期目标"},
	colAnnualGoal: {"年度绩效目标", "年度目标"},
})

// matchColumn reads a header cell: the whole cell is one of the names, possibly followed
// by an annotation in parentheses (金额（万元）, 指标值（包含数字及文字描述）).
func matchColumn(cols []columnAlias, c cell) (column, string) {
	if c.text == "" || c.cut || len(c.key) > 60 {
		return colNone, ""
	}
	n := strings.TrimRight(c.key, ":")
	unit := ""
	for _, a := range cols {
		if n == a.norm {
			return a.c, ""
		}
	}
	if i := strings.IndexByte(n, '('); i > 0 && strings.HasSuffix(n, ")") {
		if u := n[i+1 : len(n)-1]; isUnit(u) {
			unit = u
		}
		base := n[:i]
		for _, a := range cols {
			if base == a.norm {
				return a.c, unit
			}
		}
	}
	return colNone, ""
}

// norm drops white space and folds full-width ASCII forms (：（）／ and digits) so that
// "年度重点       工作计划" and "合  计" read as labels.
func norm(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFEE0)
		case r == '【' || r == '〔':
			b.WriteByte('(')
		case r == '】' || r == '〕':
			b.WriteByte(')')
		case r == '：' || r == '︰':
			b.WriteByte(':')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinLines joins the lines of a short cell (a name) the way they read: CJK text runs on
// without a separator, words of other scripts get a space.
func joinLines(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(l)
			if prev < 0x2E80 && next < 0x2E80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
