package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
)

// The table editors post every cell of their table as a form field named by the cell's
// path in the plan ("budget.basic", "indicators[3].target"), which is also what the
// checks' findings name, so a field, its finding and its id (fieldID) always agree. Rows
// are numbered from 0 without gaps; rows are added, removed and moved by submit buttons
// named "op" (add:indicators, del:indicators:3, up:indicators:3, down:indicators:3), so
// no script is needed: the server applies the op to the posted rows and shows the form
// again, not saved. With JavaScript (app.js) the same buttons act in the page.

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
	typed := strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(typed, "万元"), "万"))
	if s == "" {
		return jixiao.Amount{}, ""
	}
	d, err := jixiao.ParseDecimal(s)
	if err != nil {
		// Quote what was typed (“一百万”), not what is left with 万 taken off (“一百”).
		return jixiao.Amount{}, "“" + label + "”：“" + typed + "”不是数值（请填写以万元为单位的数字，如 167.0104）。"
	}
	if d.Micros() < 0 {
		return jixiao.Amount{}, "“" + label + "”：金额不能为负数。"
	}
	return d, ""
}

// rowOp is a parsed "op" button: what to do to which row of which list.
type rowOp struct {
	Verb string // add, del, up, down, save; resume (show a stashed form again, see form_resume.go)
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

// An editor's buttons other than 保存 never save: a row button (add, remove, move) and a
// suggestion's button (一键拆分, 采纳修改: "apply:RULE:PATH") change the posted form and
// show it again, not saved, with everything the user typed; the page says so and warns
// before it is left (app.js). One 保存 then makes one revision, version-checked like any.

// unsaved is an editor shown from a posted form that has not been saved: the plan the
// form makes (the posted cells applied to the version the form was made from; nil when a
// cell cannot be read), whose findings the page shows, and what happened.
type unsaved struct {
	plan  *jixiao.Plan
	flash string
}

// notice is what the page says above an unsaved form ("" for a form from the store).
func (u *unsaved) notice() string {
	switch {
	case u == nil:
		return ""
	case u.flash != "":
		return u.flash
	}
	return "尚未保存：请按提示改正后再点击“保存”。"
}

// editorFindings lays out the findings for an editor: of the posted form when it is shown
// unsaved (checked afresh, never cached: it is no stored version), else of the stored plan;
// with the indicator library's warnings about the targets (findings_library.go).
func (s *Server) editorFindings(ctx context.Context, c *reqCtx, u *unsaved, at editorPage, order []string) (*findingSet, *jixiao.Plan) {
	p, r, stored := c.plan, (*check.Report)(nil), true
	if u != nil && u.plan != nil {
		p, r, stored = u.plan, check.Check(u.plan, check.Options{}), false
	} else {
		r = s.checkPlan(c.plan)
	}
	r, key := s.withLibraryFindings(ctx, p, r, stored)
	fs := findingsFor(r, p, at, order)
	fs.libraryKey = key
	return fs, p
}

// applyOp reads a suggestion's button, "apply:RULE:PATH".
func applyOp(op string) (rule, path string, ok bool) {
	rest, ok := strings.CutPrefix(op, "apply:")
	if !ok {
		return "", "", false
	}
	i := strings.LastIndex(rest, ":")
	if i <= 0 || i == len(rest)-1 {
		return "", "", false
	}
	return rest[:i], rest[i+1:], true
}

// applySuggestion applies the fix of the finding rule at path of the checks of p (the
// posted form) to p, and says what it did. When p has no such finding any more (the
// user changed the cell), p is left alone and the message says so.
func applySuggestion(p *jixiao.Plan, rule, path string) (applied bool, msg string) {
	for _, f := range check.Check(p, check.Options{}).Findings {
		if f.Rule != rule || f.Path != path || f.Suggestion == nil {
			continue
		}
		if err := check.Apply(p, &f); err != nil {
			return false, jixiao.ErrorMessage(err) + "。未作改动，您填写的内容仍在下面，尚未保存。"
		}
		if f.Suggestion.Kind == check.Split {
			return true, "已按建议拆分为多个指标（尚未保存）：请检查拆分后的各行，然后点击“保存”。您之前填写的内容都还在。"
		}
		return true, "已采纳修改建议（尚未保存）：请检查后点击“保存”。您之前填写的内容都还在。"
	}
	return false, fmt.Sprintf("“%s”处已没有规则 %s 的修改建议（可能已经改过），未作改动；您填写的内容仍在下面，尚未保存。", place(path), rule)
}

// rowFlash says what a row button did to the form shown again.
func rowFlash(op rowOp) string {
	if op.Verb == "resume" {
		return "已恢复您在登录过期前填写的内容（尚未保存）：请检查后点击“保存”。保存时仍会检查版本，不会覆盖他人在此期间的修改。"
	}
	what := map[string]string{"add": "添加了一行", "del": "删除了一行", "up": "上移了一行", "down": "下移了一行"}[op.Verb]
	if what == "" {
		what = "更新了表格"
	}
	return "已" + what + "（尚未保存）：完成修改后请点击“保存”。"
}

// saveReason is the revision's reason: what was saved, and the user's own words when
// the save bar's 修改说明 was filled.
func saveReason(r *http.Request, what string) string {
	if why := text(r, "reason"); why != "" {
		return what + "：" + why
	}
	return what
}
