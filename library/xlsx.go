package library

import (
	"io"
	"slices"
	"strings"

	"jixiao"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

// The workbook of the library: one sheet 指标库 with a row per entry (the columns
// below), and with the views the sheets 最常用指标, 最常未完成指标, 千篇一律指标 and
// 领域指标质量. Import reads the 指标库 sheet by its header labels; the statistics
// columns are written for reading and ignored on import (they are learnt).

// Columns of the 指标库 sheet.
var entryHeader = []string{"一级指标", "二级指标", "三级指标", "领域", "计量单位", "运算符", "指标解释", "评分标准", "来源", "共性指标",
	"其他写法", "使用单位数", "中位数", "下四分位数", "上四分位数", "未完成次数"}

func entryRow(e *Entry) []any {
	common := "否"
	if e.Common {
		common = "是"
	}
	row := []any{e.Level1, e.Level2, e.Name, e.Field, e.Unit, string(e.Op), e.Explanation, e.Scoring, e.Source.Label(), common,
		strings.Join(e.Aliases, aliasSep)}
	if e.Stats == nil {
		return append(row, 0, "", "", "", 0)
	}
	t := e.Stats.Targets
	if t.N == 0 {
		return append(row, e.Stats.Uses, "", "", "", e.Stats.Failed)
	}
	return append(row, e.Stats.Uses, t.Median, t.P25, t.P75, e.Stats.Failed)
}

func entrySheet(name string, entries []*Entry) xlsx.Sheet {
	s := xlsx.Sheet{Name: name, Header: entryHeader, Widths: []float64{12, 14, 28, 10, 9, 7, 30, 30, 9, 9, 24, 10, 9, 10, 10, 10}}
	for _, e := range entries {
		s.Rows = append(s.Rows, entryRow(e))
	}
	return s
}

// Sheets returns the library as sheets; with views, the finance bureau's views too.
func (l *Library) Sheets(views bool) []xlsx.Sheet {
	sheets := []xlsx.Sheet{entrySheet("指标库", l.Entries)}
	if !views {
		return sheets
	}
	sheets = append(sheets, entrySheet("最常用指标", l.MostUsed(100)), entrySheet("最常未完成指标", l.MostFailed(100)),
		entrySheet("千篇一律指标", l.Boilerplate(5, 0.9)))
	q := xlsx.Sheet{Name: "领域指标质量", Header: []string{"领域", "指标行数", "定量指标行数", "指标值为100%的行数", "薄弱比例"}}
	for _, f := range l.WeakFields() {
		q.Rows = append(q.Rows, []any{f.Field, f.Rows, f.Quantitative, f.Hundred, f.Weak})
	}
	return append(sheets, q)
}

// Export writes the library (and, with views, the bureau's views) as an xlsx workbook.
func (l *Library) Export(w io.Writer, views bool) error {
	return xlsx.WriteSheets(w, l.Sheets(views))
}

// Import reads the entries of the 指标库 sheet of an xlsx workbook (the first sheet
// whose header row holds 三级指标), as Export writes it or as a bureau fills it in.
// Entries without a 来源 are the bureau's own. Every problem is reported with its cell.
func Import(name string, data []byte) ([]*Entry, error) {
	tables, err := xlsx.Cells(name, data)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		for hr, row := range t.Rows {
			col := map[string]int{}
			for c, cell := range row.Cells {
				col[strings.TrimSpace(cell.Text)] = c + 1
			}
			if col["三级指标"] == 0 {
				continue
			}
			return readEntries(name, t.Rows[hr+1:], col)
		}
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”中没有表头含“三级指标”的工作表，无法导入指标库。", name)
}

func readEntries(name string, rows []textdoc.Row, col map[string]int) ([]*Entry, error) {
	var out []*Entry
	var problems []string
	for _, row := range rows {
		get := func(h string) (string, string) {
			c := col[h]
			if c == 0 || c > len(row.Cells) {
				return "", ""
			}
			return strings.TrimSpace(row.Cells[c-1].Text), row.Cells[c-1].Where
		}
		n, _ := get("三级指标")
		empty := true
		for _, c := range row.Cells {
			if strings.TrimSpace(c.Text) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if n == "" {
			_, w := get("一级指标")
			problems = append(problems, "“"+w+"”所在行没有填写三级指标")
			continue
		}
		e := &Entry{Name: n, Source: SourceBureau}
		e.Level1, _ = get("一级指标")
		e.Level2, _ = get("二级指标")
		e.Field, _ = get("领域")
		e.Unit, _ = get("计量单位")
		e.Explanation, _ = get("指标解释")
		e.Scoring, _ = get("评分标准")
		if op, w := get("运算符"); op != "" {
			o, ok := parseOp(op)
			if !ok {
				problems = append(problems, "“"+w+"”的运算符“"+op+"”不是 ≥ ≤ = > < 之一")
			}
			e.Op = o
		}
		if src, w := get("来源"); src != "" {
			s, ok := ParseSource(src)
			if !ok {
				problems = append(problems, "“"+w+"”的来源“"+src+"”不是 标准、财政局 或 学习所得")
			}
			e.Source = s
		}
		if a, _ := get("其他写法"); a != "" {
			e.Aliases = SplitAliases(a)
		}
		if c, _ := get("共性指标"); c == "是" || c == "1" || strings.EqualFold(c, "true") {
			e.Common = true
		}
		out = append(out, e)
	}
	if len(problems) > 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”无法导入：%s。", name, strings.Join(problems, "；"))
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”的指标库工作表没有指标。", name)
	}
	return out, nil
}

// aliasSep joins an entry's other wordings in one cell.
const aliasSep = "；"

// SplitAliases reads other wordings written one a line or separated by ； or ;, without
// blanks and repeats.
func SplitAliases(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '；' || r == ';' }) {
		if a = strings.TrimSpace(a); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func parseOp(s string) (jixiao.Op, bool) {
	switch strings.NewReplacer(">=", "≥", "<=", "≤", "＞", ">", "＜", "<", "＝", "=").Replace(s) {
	case "≥":
		return jixiao.OpGE, true
	case "≤":
		return jixiao.OpLE, true
	case "=":
		return jixiao.OpEQ, true
	case ">":
		return jixiao.OpGT, true
	case "<":
		return jixiao.OpLT, true
	}
	return jixiao.OpNone, false
}

// writeSheets is xlsx.WriteSheets, for tests that build sheets by hand.
var writeSheets = xlsx.WriteSheets
