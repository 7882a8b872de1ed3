package http

import (
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"

	"jixiao"
	"jixiao/library"
)

// suggestion is one answer of the library's suggestions, as the indicator form's
// script reads it.
type suggestion struct {
	Name   string    `json:"name"`
	Level1 string    `json:"level1"`
	Level2 string    `json:"level2"`
	Field  string    `json:"field,omitempty"`
	Unit   string    `json:"unit"`
	Op     jixiao.Op `json:"op"`
	Uses   int       `json:"uses"`
	N      int       `json:"n"` // targets the range is made of
	Median float64   `json:"median"`
	P25    float64   `json:"p25"`
	P75    float64   `json:"p75"`
	Range  string    `json:"range"` // the typical range in words
}

// librarySuggest answers the 三级指标 typed so far with the library's entries
// (GET /library/suggest?q=…&field=…, and GET /plans/{id}/library/suggest?q=…, where the
// plan's department puts its field's entries first), for the optional script of the
// indicator form; without the script the user types the name in full.
func librarySuggest(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	text := q.Get("q")
	if utf8.RuneCountInString(text) > 100 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "查询的指标名称超过 100 个字。")
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 20 {
		limit = 8
	}
	l, err := s.library.Library(r.Context())
	if err != nil {
		return err
	}
	query := library.Query{Text: text, Field: q.Get("field"), Limit: limit}
	if c.plan != nil {
		query.Department = c.plan.Department
	}
	out := []suggestion{}
	for _, sg := range l.Suggest(query) {
		e := sg.Entry
		a := suggestion{Name: e.Name, Level1: e.Level1, Level2: e.Level2, Field: e.Field, Unit: e.Unit, Op: e.Op, Uses: e.Uses(), Range: sg.Range}
		if c.plan != nil {
			a.Level1, a.Level2 = planLevels(s.levelsFor(c.plan, c.plan.Framework), a.Level1, a.Level2)
		}
		if e.Stats != nil {
			t := e.Stats.Targets
			a.N, a.Median, a.P25, a.P75 = t.N, t.Median, t.P25, t.P75
		}
		out = append(out, a)
	}
	return writeLibraryJSON(w, out)
}

// libraryCheck gives the library's warnings for one indicator of plan {id}
// (GET /plans/{id}/library/check?name=…&target=…&level1=…&level2=…): a target far
// outside similar units' range, or below the department's actual of last year, each
// with its numbers.
func libraryCheck(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	name, text := q.Get("name"), q.Get("target")
	if len(name) > 2000 || len(text) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "指标名称或指标值过长。")
	}
	l, err := s.library.Library(r.Context())
	if err != nil {
		return err
	}
	in := jixiao.NewIndicator(q.Get("level1"), q.Get("level2"), name, text, "")
	warnings := l.CheckPlan(c.plan, name, in.Target)
	if warnings == nil {
		warnings = []library.Warning{}
	}
	return writeLibraryJSON(w, struct {
		Warnings []library.Warning `json:"warnings"`
	}{warnings})
}

func writeLibraryJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(v)
}

// planLevels names an entry's 一级 and 二级 as the plan's framework does (湖南 2021 says
// 产出数量 for 数量指标), so that the form's selects can take them; names the framework
// does not know are kept.
func planLevels(fw *jixiao.Framework, l1, l2 string) (string, string) {
	if fw == nil {
		return l1, l2
	}
	if c := fw.LookupLevel1(l1); c != jixiao.CategoryUnknown {
		if n := fw.Level1Name(c); n != "" {
			l1 = n
		}
	}
	if e, ok := fw.LookupLevel2(l2); ok && e.Name != "" {
		l2 = e.Name
	}
	return l1, l2
}
