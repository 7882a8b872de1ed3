package http_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestEditorLevelsOfGuessedFramework: a plan imported from a national project table names
// no framework; the checks take the national one, and so does the project editor: its
// 二级 choices are the national ones, not the seed's with the table's own marked
// （不在指标体系中）.
func TestEditorLevelsOfGuessedFramework(t *testing.T) {
	f := newFixture(t)
	data, err := os.ReadFile("../testdata/published/sichuan-2023-project-jingyan-mata-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	filler := f.login("filler")
	st, body, h := filler.uploadWith("jingyan.txt", data, filler.csrf(), nil)
	if st != http.StatusSeeOther {
		t.Fatalf("import: %d\n%s", st, snippet(body))
	}
	loc, _, _ := strings.Cut(strings.TrimPrefix(h.Get("Location"), "/plans/"), "?")
	id, err := strconv.ParseInt(loc, 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q", h.Get("Location"))
	}
	p, err := f.store.Plan(context.Background(), id)
	if err != nil || p.Framework != "" {
		t.Fatalf("stored plan: framework %q, %v", p.Framework, err)
	}
	st, body = filler.get(fmt.Sprintf("/plans/%d/projects/0", id))
	if st != 200 {
		t.Fatalf("project editor: %d", st)
	}
	if strings.Contains(body, "不在指标体系中") {
		t.Errorf("the editor offers another framework's levels than the checks use:\n%s", snippet(body))
	}
	if !strings.Contains(body, `<option value="数量指标" selected>`) {
		t.Errorf("数量指标 is not among the choices, selected:\n%s", snippet(body))
	}
}
