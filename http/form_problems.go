package http

import (
	"strconv"
	"strings"

	"jixiao"
)

// fieldProblem is one posted cell a form's filler refused: its field's name, the text
// as typed (shown again in the cell) and why.
type fieldProblem struct {
	Field, Raw string
	Err        error
}

// fieldProblems are every cell a filler refused, in the form's order, so that a refused
// form is shown again with each bad cell marked and every value as it was typed.
type fieldProblems []fieldProblem

// add records a problem with field (typed raw) when err is not nil.
func (ps *fieldProblems) add(field, raw string, err error) {
	if err != nil {
		*ps = append(*ps, fieldProblem{Field: field, Raw: raw, Err: err})
	}
}

// err is nil without problems, the one problem's error, or one error naming them all.
func (ps fieldProblems) err() error {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0].Err
	}
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = jixiao.ErrorMessage(p.Err)
	}
	return jixiao.Errorf(jixiao.ErrorCode(ps[0].Err), "有 %d 处须先改正：%s。", len(ps), strings.TrimSuffix(strings.Join(msgs, ""), "。"))
}

// mark is the finding shown beside a refused cell.
func (p fieldProblem) mark() findingView {
	return findingView{Severity: "error", Label: "错误", Icon: "✖", Message: jixiao.ErrorMessage(p.Err), Here: true}
}

// splitField splits a form field's name such as "fe12" into its prefix and row ("fe",
// 12); a name without a row gives -1.
func splitField(field string) (string, int) {
	i := len(field)
	for i > 0 && field[i-1] >= '0' && field[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(field[i:])
	if err != nil {
		return field, -1
	}
	return field[:i], n
}
