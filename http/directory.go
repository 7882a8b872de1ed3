package http

import (
	"context"
	"fmt"
	"strings"

	"jixiao"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

// The directory import (单位和账号批量导入): one workbook with a sheet of departments
// (单位编码, 单位名称, 类型, 上级单位编码) and a sheet of accounts (用户名, 姓名, 角色,
// 单位编码), found by their header rows. Every row is checked before anything is
// written; each problem names its sheet, row and cell; the import is one transaction
// (ImportDirectory), so one bad row writes nothing. Passwords are made at random and
// shown once (三员分立: the administrator chooses none), and every imported account
// must choose its own at its first sign-in.

// directory headers, as the template writes them.
var (
	deptHeader = []string{"单位编码", "单位名称", "类型", "上级单位编码"}
	userHeader = []string{"用户名", "姓名", "角色", "单位编码"}
)

// maxDirectoryRows bounds the rows of one import.
const maxDirectoryRows = 5000

// dirRow is one row as read, for the preview.
type dirRow struct {
	Sheet  string
	Row    int
	Cells  []string
	Errors []string
}

// directoryFile is a workbook read and checked.
type directoryFile struct {
	Depts    []jixiao.DirectoryDepartment
	Accounts []jixiao.DirectoryAccount
	DeptRows []dirRow
	UserRows []dirRow
	Errors   []string // every problem, each a sentence naming its place
}

// cellWords turns a cell reference (单位!C5) into words: 工作表“单位”第5行 C5.
func cellWords(ref string) string {
	sheet, cell, ok := strings.Cut(ref, "!")
	if !ok {
		return ref
	}
	sheet = strings.Trim(sheet, "'")
	row := strings.TrimLeft(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	return fmt.Sprintf("工作表“%s”第%s行 %s 单元格", sheet, row, cell)
}

// readDirectory reads and checks a directory workbook against the stored departments
// and accounts.
func (s *Server) readDirectory(ctx context.Context, name string, data []byte) (*directoryFile, error) {
	tables, err := xlsx.Cells(name, data)
	if err != nil {
		return nil, err
	}
	f := &directoryFile{}
	var deptT, userT *textdoc.Table
	var deptAt, userAt int
	for i := range tables {
		t := &tables[i]
		for r, row := range t.Rows {
			if r > 5 {
				break
			}
			texts := rowTexts(row)
			switch {
			case deptT == nil && hasAll(texts, deptHeader):
				deptT, deptAt = t, r
			case userT == nil && hasAll(texts, userHeader):
				userT, userAt = t, r
			default:
				continue
			}
			break
		}
	}
	if deptT == nil && userT == nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”中没有找到单位表（表头：%s）或账号表（表头：%s）：请下载导入模板，按模板填写。",
			name, strings.Join(deptHeader, "、"), strings.Join(userHeader, "、"))
	}
	existing, err := s.store.Departments(ctx, 0)
	if err != nil {
		return nil, err
	}
	codes := map[string]*jixiao.Department{}
	for _, d := range existing {
		codes[d.Code] = d
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for _, u := range users {
		taken[strings.ToLower(u.Username)] = true
	}
	newCodes := map[string]string{} // code → where it is first written
	if deptT != nil {
		f.readDepts(deptT, deptAt, codes, newCodes)
	}
	if userT != nil {
		f.readUsers(userT, userAt, codes, newCodes, taken)
	}
	if len(f.DeptRows)+len(f.UserRows) == 0 {
		f.Errors = append(f.Errors, "文件中的单位表和账号表都没有数据行。")
	}
	if len(f.DeptRows)+len(f.UserRows) > maxDirectoryRows {
		f.Errors = append(f.Errors, fmt.Sprintf("文件共有 %d 行数据，超过一次导入的上限 %d 行：请分批导入。", len(f.DeptRows)+len(f.UserRows), maxDirectoryRows))
	}
	for _, rs := range [][]dirRow{f.DeptRows, f.UserRows} {
		for _, r := range rs {
			f.Errors = append(f.Errors, r.Errors...)
		}
	}
	return f, nil
}

func rowTexts(row textdoc.Row) []string {
	out := make([]string, len(row.Cells))
	for i, c := range row.Cells {
		out[i] = strings.TrimSpace(c.Text)
	}
	return out
}

func hasAll(texts, want []string) bool {
	for _, w := range want {
		found := false
		for _, t := range texts {
			if t == w {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// dirColumns maps the header's labels to their column index.
func dirColumns(t *textdoc.Table, at int) map[string]int {
	cols := map[string]int{}
	for i, h := range rowTexts(t.Rows[at]) {
		if _, ok := cols[h]; !ok && h != "" {
			cols[h] = i
		}
	}
	return cols
}

// dirCell is the text and place of a row's column.
func dirCell(row textdoc.Row, col int) (string, string) {
	if col < len(row.Cells) {
		return strings.TrimSpace(row.Cells[col].Text), row.Cells[col].Where
	}
	return "", ""
}

func blankRow(texts []string) bool {
	for _, t := range texts {
		if t != "" {
			return false
		}
	}
	return true
}

// newDirRow reads the cells of row (the r-th, from 0) under header, and returns the row
// for the preview, its values and cell references, and bad, which adds a problem to the row naming the cell
// of the i-th column.
func newDirRow(sheet string, header []string, row textdoc.Row, r int, cols map[string]int) (out *dirRow, vals, refs []string, bad func(i int, format string, args ...any)) {
	out = &dirRow{Sheet: sheet, Row: r + 1}
	vals, refs = make([]string, len(header)), make([]string, len(header))
	for i, h := range header {
		vals[i], refs[i] = dirCell(row, cols[h])
		out.Cells = append(out.Cells, vals[i])
	}
	if refs[0] != "" {
		out.Sheet, _, _ = strings.Cut(refs[0], "!")
		out.Sheet = strings.Trim(out.Sheet, "'")
	}
	bad = func(i int, format string, args ...any) {
		place := cellWords(refs[i])
		if refs[i] == "" {
			place = fmt.Sprintf("工作表“%s”第%d行“%s”列", out.Sheet, out.Row, header[i])
		}
		out.Errors = append(out.Errors, place+"："+fmt.Sprintf(format, args...))
	}
	return out, vals, refs, bad
}

func (f *directoryFile) readDepts(t *textdoc.Table, at int, codes map[string]*jixiao.Department, newCodes map[string]string) {
	cols := dirColumns(t, at)
	type pending struct {
		d   jixiao.DirectoryDepartment
		row int
	}
	var rows []pending
	for r := at + 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		if blankRow(rowTexts(row)) {
			continue
		}
		out, vals, refs, bad := newDirRow("单位", deptHeader, row, r, cols)
		code, name, kindText, parent := vals[0], vals[1], vals[2], vals[3]
		switch {
		case code == "":
			bad(0, "单位编码不能为空。")
		case codes[code] != nil:
			bad(0, "单位编码“%s”已存在（%s），不能重复新建。", code, codes[code].Name)
		case newCodes[code] != "":
			bad(0, "单位编码“%s”在本文件中重复（先见于%s）。", code, newCodes[code])
		default:
			newCodes[code] = cellWords(refs[0])
		}
		if name == "" {
			bad(1, "单位名称不能为空。")
		}
		kind := jixiao.DepartmentKind("")
		for _, k := range kinds {
			if kindText == k.Label || kindText == string(k.Kind) {
				kind = k.Kind
			}
		}
		if kind == "" {
			bad(2, "类型“%s”无法识别：请填写“财政局”“部门”或“单位”。", kindText)
		}
		if parent == code && code != "" {
			bad(3, "上级单位编码不能是本单位自己。")
		}
		out.Cells[2] = kindText
		f.DeptRows = append(f.DeptRows, *out)
		rows = append(rows, pending{jixiao.DirectoryDepartment{Code: code, Name: name, ParentCode: parent, Kind: kind}, len(f.DeptRows) - 1})
	}
	// Parents before children: a parent is an existing department or a row of the file;
	// rows that never find one (unknown code, or a cycle among the file's rows) are
	// refused.
	placed := map[string]bool{}
	for len(rows) > 0 {
		var rest []pending
		for _, p := range rows {
			if p.d.ParentCode == "" || codes[p.d.ParentCode] != nil || placed[p.d.ParentCode] {
				placed[p.d.Code] = true
				f.Depts = append(f.Depts, p.d)
			} else {
				rest = append(rest, p)
			}
		}
		if len(rest) == len(rows) {
			for _, p := range rest {
				r := &f.DeptRows[p.row]
				msg := fmt.Sprintf("上级单位编码“%s”既不是已有单位，也不是本文件中的单位。", p.d.ParentCode)
				if newCodes[p.d.ParentCode] != "" {
					msg = fmt.Sprintf("上级单位编码“%s”与本文件中其他行互为上级，构成循环。", p.d.ParentCode)
				}
				r.Errors = append(r.Errors, fmt.Sprintf("工作表“%s”第%d行“上级单位编码”列：%s", r.Sheet, r.Row, msg))
			}
			break
		}
		rows = rest
	}
}

func (f *directoryFile) readUsers(t *textdoc.Table, at int, codes map[string]*jixiao.Department, newCodes map[string]string, taken map[string]bool) {
	cols := dirColumns(t, at)
	seen := map[string]string{}
	for r := at + 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		if blankRow(rowTexts(row)) {
			continue
		}
		out, vals, refs, bad := newDirRow("账号", userHeader, row, r, cols)
		username, name, roleText, dept := vals[0], vals[1], vals[2], vals[3]
		key := strings.ToLower(username)
		switch {
		case !validUsername(username):
			bad(0, "用户名“%s”不合规：只能由 3～32 位字母、数字、点、下划线或连字符组成。", username)
		case taken[key]:
			bad(0, "用户名“%s”已被使用。", username)
		case seen[key] != "":
			bad(0, "用户名“%s”在本文件中重复（先见于%s）。", username, seen[key])
		default:
			seen[key] = cellWords(refs[0])
		}
		if name == "" {
			bad(1, "姓名不能为空。")
		}
		role := jixiao.Role("")
		for _, a := range assignableRoles {
			if a != jixiao.RoleAdmin && (roleText == a.Label() || roleText == string(a)) {
				role = a
			}
		}
		if role == "" {
			bad(2, "角色“%s”无法识别：请填写“单位填报”“单位负责人”或“财政审核”（系统管理员不能批量导入）。", roleText)
		}
		switch {
		case dept == "":
			bad(3, "单位编码不能为空：每个账号都必须分配单位。")
		case codes[dept] == nil && newCodes[dept] == "":
			bad(3, "单位编码“%s”既不是已有单位，也不是本文件单位表中的单位。", dept)
		}
		out.Cells[2] = roleText
		f.UserRows = append(f.UserRows, *out)
		f.Accounts = append(f.Accounts, jixiao.DirectoryAccount{User: jixiao.User{Username: username, Name: name, Role: role}, DepartmentCode: dept})
	}
}

// Shown are the rows the preview lists: every row of a good file; of a file with
// problems only the rows that have them (the rest are counted), so that one bad row
// among hundreds is not lost in the page.
func (f *directoryFile) Shown(rows []dirRow) []dirRow {
	if len(f.Errors) == 0 {
		return rows
	}
	var out []dirRow
	for _, r := range rows {
		if len(r.Errors) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// Hidden is how many good rows of rows the preview leaves out.
func (f *directoryFile) Hidden(rows []dirRow) int { return len(rows) - len(f.Shown(rows)) }
