package http

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/library"
)

// libraryEntryPage edits one entry of the library, under the version it was read at,
// with the entry's recorded changes.
type libraryEntryPage struct {
	layout
	ID       int64
	Version  int
	Form     libraryForm
	Fields   []string
	Ops      []string
	Source   string
	Range    string
	Variants string
	Similar  []similarRow // learnt entries that may be this one written otherwise
	Changes  []libraryChangeRow
	Error    string
	Notice   string
	Rejected *libraryForm // what a stale save tried to write
}

// libraryForm is the editable words of an entry.
type libraryForm struct {
	Name, Level1, Level2, Field, Unit, Op, Explanation, Scoring string
	Common                                                      bool
	Aliases                                                     string // 其他写法, one a line
}

type similarRow struct {
	Name  string
	Uses  int
	Range string
}

type libraryChangeRow struct {
	Version               int
	When, Actor, Action   string
	Reason, Before, After string
}

func libraryFormOf(e *library.Entry) libraryForm {
	return libraryForm{Name: e.Name, Level1: e.Level1, Level2: e.Level2, Field: e.Field, Unit: e.Unit, Op: string(e.Op),
		Explanation: e.Explanation, Scoring: e.Scoring, Common: e.Common, Aliases: strings.Join(e.Aliases, "\n")}
}

// libraryEntryOf reads {eid} from the store's current library.
func (s *Server) libraryEntryOf(r *http.Request) (*library.Library, *library.Entry, error) {
	id, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil {
		return nil, nil, jixiao.Errorf(jixiao.ENOTFOUND, "指标库中没有编号为“%s”的指标。", r.PathValue("eid"))
	}
	l, err := library.Open(r.Context(), s.store)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range l.Entries {
		if e.ID == id {
			return l, e, nil
		}
	}
	return nil, nil, jixiao.Errorf(jixiao.ENOTFOUND, "指标库中没有编号为 %d 的指标。", id)
}

// libraryEntryShow shows the edit form of an entry (GET /review/library/{eid}).
func libraryEntryShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	l, e, err := s.libraryEntryOf(r)
	if err != nil {
		return err
	}
	notice := ""
	if r.URL.Query().Get("saved") != "" {
		notice = "已保存为第 " + strconv.Itoa(e.Version) + " 版。"
		if r.URL.Query().Get("learnt") != "" {
			notice += "已重新学习，其他写法的使用情况已并入本条。"
		}
	}
	return s.showLibraryEntry(w, r, c, http.StatusOK, l, e, "", notice, nil)
}

func (s *Server) showLibraryEntry(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, l *library.Library, e *library.Entry,
	msg, notice string, rejected *libraryForm) error {
	pg := &libraryEntryPage{ID: e.ID, Version: e.Version, Form: libraryFormOf(e), Source: e.Source.Label(), Range: library.RangeText(e),
		Error: msg, Notice: notice, Rejected: rejected, Ops: []string{"", "≥", "≤", "=", ">", "<"}}
	if status == http.StatusUnprocessableEntity && rejected != nil {
		// A refused form is shown again as typed, to be corrected, not typed again.
		pg.Form, pg.Rejected = *rejected, nil
	}
	for _, f := range l.Fields {
		pg.Fields = append(pg.Fields, f.Name)
	}
	// The proposals come from the cached library, whose suggestion index is built once.
	cached, err := s.library.Library(r.Context())
	if err != nil {
		return err
	}
	for _, o := range cached.Similar(e, 5) {
		pg.Similar = append(pg.Similar, similarRow{Name: o.Name, Uses: o.Uses(), Range: library.RangeText(o)})
	}
	if e.Stats != nil && len(e.Stats.Variants) > 0 {
		pg.Variants = strings.Join(e.Stats.Variants, "、")
	}
	changes, err := s.store.LibraryChanges(r.Context(), e.ID)
	if err != nil {
		return err
	}
	who := s.namer(r.Context(), actors(changes, func(ch jixiao.LibraryChange) string { return ch.Actor }))
	for i := len(changes) - 1; i >= 0; i-- {
		ch := changes[i]
		pg.Changes = append(pg.Changes, libraryChangeRow{Version: ch.Version, When: localTime(ch.Created), Actor: who(ch.Actor),
			Action: changeAction(ch.Action), Reason: ch.Reason, Before: changeWords(ch.Before), After: changeWords(ch.After)})
	}
	pg.Title, pg.Nav = "指标库："+e.Name, "library"
	pg.Crumbs = []crumb{{Label: "指标库", URL: "/review/library"}, {Label: e.Name}}
	s.render(w, r, c, status, "library_entry", pg)
	return nil
}

func changeAction(a string) string {
	switch a {
	case "create":
		return "新建"
	case "update":
		return "修改"
	case "import":
		return "导入"
	}
	return a
}

// changeWords writes a stored entry document as the words a reader compares.
func changeWords(doc json.RawMessage) string {
	if len(doc) == 0 {
		return ""
	}
	var e library.Entry
	if err := json.Unmarshal(doc, &e); err != nil {
		return string(doc)
	}
	parts := []string{"三级指标：" + e.Name, "一级：" + e.Level1, "二级：" + e.Level2}
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+"："+v)
		}
	}
	add("领域", e.Field)
	add("单位", string(e.Op)+e.Unit)
	add("指标解释", e.Explanation)
	add("评分标准", e.Scoring)
	if e.Common {
		parts = append(parts, "共性指标")
	}
	add("其他写法", strings.Join(e.Aliases, "、"))
	return strings.Join(parts, "；")
}
