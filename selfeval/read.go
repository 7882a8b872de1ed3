// Package selfeval reads self-evaluation tables (绩效自评表) — 项目支出绩效自评表,
// 部门整体支出绩效自评表 and the provinces' variants — from the cells of any document
// jixiao reads (the tab-celled text of Word tables, docx, xlsx), into a
// jixiao.SelfEvaluation. Like the target readers, it finds everything by its labels,
// never by positions: the budget block by its header (年初预算数 / 全年预算数 / 全年执行数
// / 执行率 / 分值 / 得分, or Sichuan's 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 /
// 权重), the indicator block by its header (一级 / 二级 / 三级指标, 年度指标值 or 指标性质 +
// 指标值 + 度量单位, 实际完成值 or 完成值, 分值 or 权重, 得分, 偏差原因 or 未完成原因), and the
// project's name, departments, goals, grade and texts by the labels beside them.
//
// The same engine reads mid-year monitoring tables (绩效监控表, monitor.go) into a
// jixiao.MonitoringRecord: their extra columns (全年预计执行数, 全年预计完成值, 完成目标可能性,
// 偏差原因 categories, 完善措施) are column kinds of the same header mapping.
package selfeval

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/textdoc"
)

// cell is a cell with its normalised text and its place.
type cell struct {
	text  string // as written, trimmed
	key   string // no white space, half-width brackets
	where string
}

type row []cell

func (r row) firstNonEmpty() int {
	for i, c := range r {
		if c.text != "" {
			return i
		}
	}
	return -1
}

// Read reads the self-evaluation of the tables of a document holding one; name is the
// file's name, for messages. It returns an EINVALID error naming the file and the cell
// when a figure cannot be read, and when no self-evaluation table is found. A document
// of several tables gives the first; ReadAll gives them all.
func Read(name string, tables []textdoc.Table) (*jixiao.SelfEvaluation, error) {
	all, err := ReadAll(name, tables)
	if err != nil {
		return nil, err
	}
	return all[0], nil
}

// ReadAll reads every self-evaluation table of a document (one per project, as units
// publish them in one file): a new table starts at a title (…自评表) or a 项目名称 after
// the previous table's figures.
func ReadAll(name string, tables []textdoc.Table) ([]*jixiao.SelfEvaluation, error) {
	rd := newReader(name, tables, false)
	if err := rd.read(); err != nil {
		return nil, err
	}
	return rd.all, nil
}

// newReader gathers the non-empty rows of the tables; monitor selects the monitoring
// table's words (监控表) for titles and messages.
func newReader(name string, tables []textdoc.Table, monitor bool) *reader {
	var rows []row
	for _, t := range tables {
		for _, tr := range t.Rows {
			r := make(row, len(tr.Cells))
			for i, c := range tr.Cells {
				text := strings.TrimSpace(c.Text)
				r[i] = cell{text: text, key: key(text), where: c.Where}
			}
			if r.firstNonEmpty() >= 0 {
				rows = append(rows, r)
			}
		}
	}
	rd := &reader{name: name, rows: rows, e: &jixiao.SelfEvaluation{}, x: &extra{}, monitor: monitor}
	rd.all = []*jixiao.SelfEvaluation{rd.e}
	rd.ext = []*extra{rd.x}
	return rd
}

type reader struct {
	name string
	rows []row
	e    *jixiao.SelfEvaluation // the table being read
	all  []*jixiao.SelfEvaluation

	// The monitoring table's columns that a self-evaluation does not have, kept beside
	// each table read (ext[i] belongs to all[i]); see monitor.go.
	monitor bool
	x       *extra
	ext     []*extra
}

// what is the kind of table read, for titles and messages.
func (rd *reader) what() string {
	if rd.monitor {
		return "监控表"
	}
	return "自评表"
}

// next starts a new table when the current one already has figures; the year carries
// over (the file's tables are of one year).
func (rd *reader) next() {
	if len(rd.e.Funds) == 0 && len(rd.e.Indicators) == 0 {
		return
	}
	rd.e = &jixiao.SelfEvaluation{Year: rd.e.Year}
	rd.all = append(rd.all, rd.e)
	rd.x = &extra{asOf: rd.x.asOf}
	rd.ext = append(rd.ext, rd.x)
}

func (rd *reader) errorf(c cell, format string, args ...any) error {
	where := c.where
	if where != "" {
		where = " " + where
	}
	return jixiao.Errorf(jixiao.EINVALID, "%s%s：%s。", rd.name, where, strings.TrimSuffix(fmt.Sprintf(format, args...), "。"))
}

var yearRe = regexp.MustCompile(`(20\d\d)\s*年`)

func (rd *reader) read() error {
	foundBudget, foundIndicators := false, false
	defer func() { // a trailing table with nothing in it (a page footer) is not a table
		if n := len(rd.all); n > 1 && len(rd.e.Funds) == 0 && len(rd.e.Indicators) == 0 {
			rd.all, rd.ext = rd.all[:n-1], rd.ext[:n-1]
		}
	}()
	for i := 0; i < len(rd.rows); i++ {
		r := rd.rows[i]
		switch {
		case isBudgetHeader(r):
			if len(rd.e.Funds) > 0 {
				rd.next() // a second budget block: the next project's table
			}
			n, err := rd.readFunds(i)
			if err != nil {
				return err
			}
			foundBudget = true
			i += n
			continue
		}
		if h, hn, ok := rd.indicatorHeaderAt(i); ok {
			n, err := rd.readIndicators(i, h, hn)
			if err != nil {
				return err
			}
			foundIndicators = true
			i += hn - 1 + n
			continue
		}
		switch {
		case isGoalHeader(r) && i+1 < len(rd.rows):
			if n := rd.goalRows(i); n > 0 {
				i += n
				continue
			}
			if g, ok := goalRow(rd.rows[i+1]); ok {
				rd.e.Goals = append(rd.e.Goals, g)
				i++
				continue
			}
		}
		if err := rd.labels(r); err != nil {
			return err
		}
	}
	if rd.monitor && !foundIndicators && !foundBudget {
		return jixiao.Errorf(jixiao.EINVALID, "%s：未找到绩效监控表：没有“年初预算数、1-6月执行数、全年预计执行数”或“指标名称、半年度指标执行情况、完成目标可能性”等表头。", rd.name)
	}
	if rd.monitor && !foundIndicators {
		return jixiao.Errorf(jixiao.EINVALID, "%s：找到了预算执行情况，但未找到绩效指标部分（“指标名称”“截至本期实际完成值”等表头）。", rd.name)
	}
	if !foundIndicators && !foundBudget {
		return jixiao.Errorf(jixiao.EINVALID, "%s：未找到绩效自评表：没有“年初预算数、全年执行数”或“三级指标、实际完成值”等表头。", rd.name)
	}
	if !foundIndicators {
		return jixiao.Errorf(jixiao.EINVALID, "%s：找到了预算执行情况，但未找到绩效指标部分（“三级指标”“实际完成值”等表头）。", rd.name)
	}
	return nil
}

// labels reads the label-value cells of a row that is not in a block: the title and
// year, the project, departments, grade and texts.
func (rd *reader) labels(r row) error {
	e := rd.e
	for j, c := range r {
		if c.text == "" {
			continue
		}
		if strings.Contains(c.key, rd.what()) && len([]rune(c.key)) <= 40 {
			rd.next()
			e = rd.e
		}
		if e.Title == "" && strings.Contains(c.key, rd.what()) {
			e.Title = firstLine(c.text)
			if m := yearRe.FindStringSubmatch(c.text); m != nil {
				e.Year, _ = strconv.Atoi(m[1])
			}
			continue
		}
		if e.Year == 0 && strings.Contains(c.key, "年度") && len([]rune(c.key)) <= 12 {
			if m := yearRe.FindStringSubmatch(c.text); m != nil {
				e.Year, _ = strconv.Atoi(m[1])
			}
		}
		label, value := c.key, ""
		if k := strings.IndexAny(c.text, "：:"); k > 0 && k < len(c.text)-1 {
			label, value = key(c.text[:k]), strings.TrimSpace(c.text[k+len(string([]rune(c.text[k:])[0])):])
		} else {
			value = nextValue(r, j)
		}
		label = strings.TrimSuffix(strings.TrimSuffix(label, "："), ":")
		switch {
		case label == "项目名称" || label == "项目支出名称":
			if e.Project != "" || len(e.Indicators) > 0 {
				rd.next()
				e = rd.e
			}
			e.Code, e.Project = splitCode(value)
		case label == "项目编码" || label == "项目代码":
			e.Code = value
		case label == "主管部门" || label == "主管部门及代码" || label == "预算部门" || label == "部门名称" || label == "部门(单位)名称" || label == "单位名称":
			e.Department = value
		case strings.HasPrefix(label, "实施单位") || label == "项目执行单位" || label == "执行单位":
			e.Unit = value
		case label == "评价等级" || label == "自评等级" || label == "绩效等级" || label == "自评结果等级":
			e.Grade = value
		case label == "评价结论" || label == "自评结论":
			e.Conclusion = value
		case label == "存在问题" || label == "存在的问题" || label == "存在的问题和原因" || label == "主要问题":
			e.Problems = value
		case label == "改进措施" || label == "整改措施" || label == "改进意见" || label == "下一步改进措施":
			e.Remedies = value
			rd.x.remedy = value
		case strings.HasPrefix(label, "偏差") || strings.HasPrefix(label, "不能完成目标原因"):
			rd.x.deviation = value
		case strings.HasPrefix(label, "相关建议") || label == "完善措施" || label == "纠偏措施" || label == "拟采取的措施":
			rd.x.remedy = value
		case (label == "自评得分" || label == "总分" || label == "自评总分") && value != "":
			d, ok, err := amount(value)
			if err != nil {
				return rd.errorf(c, "%s“%s”不是数字。", label, value)
			}
			if ok {
				e.WrittenTotal = d
			}
		}
	}
	return nil
}

// nextValue is the first non-empty cell after j that is not another label.
func nextValue(r row, j int) string {
	for k := j + 1; k < len(r); k++ {
		if r[k].text != "" {
			return r[k].text
		}
	}
	return ""
}

var codeRe = regexp.MustCompile(`^([0-9A-Za-z]{10,})\s*[-－—_]\s*(.+)$`)

// splitCode splits "51000021R000000019951-工资性支出" into the 项目编码 and the name.
func splitCode(s string) (code, name string) {
	if m := codeRe.FindStringSubmatch(s); m != nil {
		return m[1], strings.TrimSpace(m[2])
	}
	return "", s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// key normalises a label: no white space, half-width brackets and colons.
func key(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0':
			continue
		case '（':
			r = '('
		case '）':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}
