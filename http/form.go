package http

import (
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// The table editors post every cell of their table as a form field named by the cell's
// path in the plan ("budget.basic", "indicators[3].target"), which is also what the
// checks' findings name, so a field, its finding and its id (fieldID) always agree. Rows
// are numbered from 0 without gaps; rows are added, removed and moved by submit buttons
// named "op" (add:indicators, del:indicators:3, up:indicators:3, down:indicators:3), so
// no script is needed: the server applies the op to the posted rows and saves.

// fieldErrors are the problems of a posted form, by path.
type fieldErrors map[string]string

func (fe fieldErrors) add(path, msg string) {
	if _, dup := fe[path]; !dup {
		fe[path] = msg
	}
}

// At returns the error of the cell at path ("" if none), for templates.
func (fe fieldErrors) At(path string) string { return fe[path] }

// postedRows counts the rows of a list in the form: rows 0..n-1 whose key field exists.
func postedRows(r *http.Request, list, key string) int {
	n := 0
	for {
		if _, ok := r.PostForm[list+"["+strconv.Itoa(n)+"]."+key]; !ok {
			return n
		}
		n++
	}
}

func cell(r *http.Request, list string, i int, field string) string {
	return strings.TrimSpace(r.PostFormValue(list + "[" + strconv.Itoa(i) + "]." + field))
}

// text reads a text field, keeping inner line breaks but normalising them to \n.
func text(r *http.Request, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(name), "\r\n", "\n"))
}

// parseAmount reads an amount typed in 万元. Empty means the cell says nothing. The error
// names the field by its Chinese label.
func parseAmount(label, s string) (jixiao.Amount, string) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "万元"), "万")
	s = strings.TrimSpace(s)
	if s == "" {
		return jixiao.Amount{}, ""
	}
	d, err := jixiao.ParseDecimal(s)
	if err != nil {
		return jixiao.Amount{}, "“" + label + "”：" + strings.TrimSuffix(jixiao.ErrorMessage(err), "。") + "（请填写以万元为单位的数字，如 167.0104）。"
	}
	if d.Micros() < 0 {
		return jixiao.Amount{}, "“" + label + "”：金额不能为负数。"
	}
	return d, ""
}

// rowOp is a parsed "op" button: what to do to which row of which list.
type rowOp struct {
	Verb string // add, del, up, down, save
	List string // keyTasks, indicators, funds, items:F (the items of fund F)
	Row  int
}

func parseOp(s string) rowOp {
	if s == "" || s == "save" {
		return rowOp{Verb: "save"}
	}
	parts := strings.Split(s, ":")
	op := rowOp{Verb: parts[0]}
	if len(parts) > 1 {
		op.List = parts[1]
	}
	if len(parts) > 2 {
		// items:F:I carries the fund in the list name.
		if op.List == "items" && len(parts) > 3 {
			op.List = "items:" + parts[2]
			op.Row, _ = strconv.Atoi(parts[3])
		} else if op.List == "items" {
			op.List = "items:" + parts[2]
			op.Row = -1
		} else {
			op.Row, _ = strconv.Atoi(parts[2])
		}
	}
	return op
}

// applyRowOp adds, removes or moves a row of rows; blank makes an empty row. It reports
// the index of the row to scroll to afterwards (-1 when none).
func applyRowOp[T any](rows []T, op rowOp, blank T) ([]T, int) {
	i := op.Row
	switch op.Verb {
	case "add":
		return append(rows, blank), len(rows)
	case "del":
		if i >= 0 && i < len(rows) {
			rows = append(rows[:i:i], rows[i+1:]...)
			return rows, min(i, len(rows)-1)
		}
	case "up":
		if i > 0 && i < len(rows) {
			rows[i-1], rows[i] = rows[i], rows[i-1]
			return rows, i - 1
		}
	case "down":
		if i >= 0 && i+1 < len(rows) {
			rows[i], rows[i+1] = rows[i+1], rows[i]
			return rows, i + 1
		}
	}
	return rows, -1
}

// postedVersion reads the hidden version field: the plan version the form was made from.
func postedVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || v <= 0 {
		return 0, jixiao.Errorf(jixiao.EINVALID, "表单缺少版本号，请刷新页面后重新填写。")
	}
	return v, nil
}
