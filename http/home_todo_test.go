package http_test

import (
	"regexp"
	"testing"
)

// navTodoRe finds the navigation's 待办 entry and what its badge shows.
var navTodoRe = regexp.MustCompile(`<a href="/">待办(?:<span class="count">([^<]*)</span>)?</a>`)

// TestHomeNavCount: the navigation's 待办 badge shows a count on every page, the home
// page too (its list once shadowed the count and printed a Go structure).
func TestHomeNavCount(t *testing.T) {
	f := newFixture(t)
	for _, user := range []string{"filler", "reviewer"} {
		c := f.login(user)
		for _, path := range []string{"/", "/messages"} {
			_, body := c.get(path)
			m := navTodoRe.FindStringSubmatch(body)
			if m == nil {
				t.Errorf("%s %s: no 待办 entry in the navigation", user, path)
				continue
			}
			if m[1] == "" && user == "reviewer" {
				continue // nothing waits for the reviewer: no badge
			}
			if !regexp.MustCompile(`^[1-9][0-9]*$`).MatchString(m[1]) {
				t.Errorf("%s %s: the 待办 badge shows %q, not a count", user, path, m[1])
			}
		}
	}
}
