package http_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"jixiao/check"
)

func TestRulesCatalogue(t *testing.T) {
	f := newFixture(t)
	rules := check.Default().Rules()
	if len(rules) < 10 {
		t.Fatalf("only %d rules", len(rules))
	}
	for _, u := range []string{"filler", "auditor"} {
		st, body := f.login(u).get("/rules")
		if st != 200 {
			t.Fatalf("%s: status %d", u, st)
		}
		if u != "filler" {
			continue
		}
		for _, r := range rules {
			i := strings.Index(body, `<tr id="`+html.EscapeString(r.ID)+`">`)
			if i < 0 {
				t.Errorf("rule %s has no row", r.ID)
				continue
			}
			row := body[i:]
			row = html.UnescapeString(row[:strings.Index(row, "</tr>")])
			for _, want := range []string{r.Title, r.Severity.Label()} {
				if !strings.Contains(row, want) {
					t.Errorf("rule %s: row lacks %q", r.ID, want)
				}
			}
			if r.Explanation != "" && !strings.Contains(row, r.Explanation) {
				t.Errorf("rule %s: row lacks its explanation", r.ID)
			}
		}
	}
	if st, _ := f.anon().get("/rules"); st != 303 {
		t.Errorf("anonymous: status %d, want a redirect to sign in", st)
	}
	// The findings' 说明 link to their rule in the catalogue.
	_, body := f.login("filler").get(pathOf(f.demo) + "/funds/0/items/0")
	links := regexp.MustCompile(`href="/rules#([^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(links) == 0 {
		t.Fatal("no finding links to the rule catalogue on the item editor")
	}
	_, cat := f.login("filler").get("/rules")
	for _, l := range links {
		if !strings.Contains(cat, `<tr id="`+l[1]+`">`) {
			t.Errorf("finding links to /rules#%s, which the catalogue lacks", l[1])
		}
	}
}
