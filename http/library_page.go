package http

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/library"
)

// libraryPage is the finance bureau's indicator library (指标库): search by name and
// field, the views (most used, most often missed, the same 100% everywhere, weak
// fields), the xlsx export and import.
type libraryPage struct {
	layout
	Q, Field    string
	Fields      []string
	Total       int
	Results     []libraryRow
	Searched    bool
	MostUsed    []libraryRow
	MostFailed  []libraryRow
	Boilerplate []libraryRow
	Weak        []weakFieldRow
	Error       string
	Notice      string
}

// libraryRow is one entry in a table of the page.
type libraryRow struct {
	ID                                   int64
	Name, Level1, Level2, Field, OpUnit  string
	Uses                                 int
	Range, Source, Failed, Hundred, Vars string
	Common                               bool
}

type weakFieldRow struct {
	Field                string
	Rows, Quant, Hundred int
	Weak                 string
}

func libraryRowOf(e *library.Entry, rng string) libraryRow {
	r := libraryRow{ID: e.ID, Name: e.Name, Level1: e.Level1, Level2: e.Level2, Field: e.Field, OpUnit: string(e.Op) + e.Unit,
		Uses: e.Uses(), Range: rng, Source: e.Source.Label(), Common: e.Common}
	if st := e.Stats; st != nil {
		if st.Evaluated > 0 {
			r.Failed = strconv.Itoa(st.Failed) + " / " + strconv.Itoa(st.Evaluated)
		}
		if st.Rows > 0 {
			r.Hundred = strconv.Itoa(st.Hundred) + " / " + strconv.Itoa(st.Rows)
		}
		if len(st.Variants) > 1 {
			r.Vars = strings.Join(st.Variants[1:], "、")
		}
	}
	return r
}

// libraryShow shows the library (GET /review/library?q=…&field=…).
func libraryShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.showLibrary(w, r, c, http.StatusOK, "", libraryNotice(r))
}

func libraryNotice(r *http.Request) string {
	q := r.URL.Query()
	if q.Get("done") == "learn" {
		return "已从 " + strconv.Itoa(libNum(q.Get("plans"))) + " 份已通过和已公开的绩效目标、" + strconv.Itoa(libNum(q.Get("evals"))) +
			" 份绩效自评表学习，" + strconv.Itoa(libNum(q.Get("learnt"))) + " 条指标有统计。"
	}
	if q.Get("done") == "import" {
		return "已导入：新增 " + strconv.Itoa(libNum(q.Get("added"))) + " 条，修改 " + strconv.Itoa(libNum(q.Get("changed"))) + " 条指标。"
	}
	return ""
}

func libNum(s string) int { n, _ := strconv.Atoi(s); return n }

func (s *Server) showLibrary(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, msg, notice string) error {
	l, err := s.library.Library(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	pg := &libraryPage{Q: strings.TrimSpace(q.Get("q")), Field: q.Get("field"), Total: len(l.Entries), Error: msg, Notice: notice}
	if utf8.RuneCountInString(pg.Q) > 100 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "查询的指标名称超过 100 个字。")
	}
	for _, f := range l.Fields {
		pg.Fields = append(pg.Fields, f.Name)
	}
	const show = 100
	if pg.Q != "" {
		pg.Searched = true
		for _, sg := range l.Suggest(library.Query{Text: pg.Q, Field: pg.Field, OnlyField: pg.Field != "", Limit: show}) {
			pg.Results = append(pg.Results, libraryRowOf(sg.Entry, sg.Range))
		}
	} else {
		pg.Searched = pg.Field != ""
		for _, e := range l.Entries {
			if pg.Field != "" && e.Field != pg.Field {
				continue
			}
			if len(pg.Results) == show {
				break
			}
			pg.Results = append(pg.Results, libraryRowOf(e, library.RangeText(e)))
		}
	}
	for _, e := range l.MostUsed(10) {
		pg.MostUsed = append(pg.MostUsed, libraryRowOf(e, library.RangeText(e)))
	}
	for _, e := range l.MostFailed(10) {
		pg.MostFailed = append(pg.MostFailed, libraryRowOf(e, ""))
	}
	for _, e := range libHead(l.Boilerplate(5, 0.9), 10) {
		pg.Boilerplate = append(pg.Boilerplate, libraryRowOf(e, ""))
	}
	for _, f := range l.WeakFields() {
		pg.Weak = append(pg.Weak, weakFieldRow{Field: f.Field, Rows: f.Rows, Quant: f.Quantitative, Hundred: f.Hundred,
			Weak: strconv.FormatFloat(f.Weak*100, 'f', 0, 64) + "%"})
	}
	pg.Title, pg.Nav = "指标库", "library"
	s.render(w, r, c, status, "library", pg)
	return nil
}

func libHead(e []*library.Entry, k int) []*library.Entry {
	if len(e) > k {
		return e[:k]
	}
	return e
}
