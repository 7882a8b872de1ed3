package http

import (
	"net/http"
	"strings"

	"jixiao/check"
)

// rulesPage is the catalogue of the checks: every rule the findings come from, with why
// it matters and how to fix what it finds (the same catalogue as `jixiao rules`).
type rulesPage struct {
	layout
	Rules  []ruleView
	Counts map[string]int // by severity
}

type ruleView struct {
	ID, Title, Explanation, Source, Scope, Assert, Frameworks string
	Severity, Label, Icon                                     string
}

// rulesShow shows the rule catalogue (GET /rules); each rule's anchor is its id, which
// the findings' 说明 link to.
func rulesShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg := &rulesPage{Counts: map[string]int{}}
	for _, ri := range check.Default().Rules() {
		v := ruleView{ID: ri.ID, Title: ri.Title, Explanation: ri.Explanation, Source: ri.Source, Scope: ri.Scope,
			Assert: ri.Assert, Frameworks: strings.Join(ri.Frameworks, "、"), Severity: string(ri.Severity),
			Label: ri.Severity.Label(), Icon: severityIcon(ri.Severity)}
		if v.Source == "go" {
			v.Source = "内置"
		}
		pg.Counts[v.Severity]++
		pg.Rules = append(pg.Rules, v)
	}
	for _, v := range libraryRuleViews() {
		pg.Counts[v.Severity]++
		pg.Rules = append(pg.Rules, v)
	}
	pg.Title, pg.Nav, pg.Wide = "核对规则", "rules", true
	pg.Crumbs = []crumb{{Label: "核对规则"}}
	s.render(w, r, c, http.StatusOK, "rules", pg)
	return nil
}

func severityIcon(sv check.Severity) string {
	switch sv {
	case check.Error:
		return "✖"
	case check.Warning:
		return "▲"
	case check.Info:
		return "ℹ"
	}
	return "✔"
}
