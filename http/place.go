package http

import (
	"jixiao/check"
)

// place names a cell of a plan in words (check.Place).
func place(path string) string { return check.Place(path) }

// ruleTitle is the title of a rule of the checks, its id when the catalogue has none.
func ruleTitle(id string) string {
	for _, ri := range check.Default().Rules() {
		if ri.ID == id && ri.Title != "" {
			return placeholderRe.ReplaceAllString(ri.Title, "…")
		}
	}
	return id
}
