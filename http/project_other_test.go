package http_test

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

// The columns a project keeps in Indicator.Other (江苏's 半年(程)指标值) are shown read only
// in the project editor, after the national ones; a save keeps them, a row moved takes
// its values along, and a row added has none.
func TestProjectEditorKeepsOther(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	data, err := os.ReadFile("../testdata/published/jiangsu-2024-project-zhenjiang-saizhenzhu-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	js, err := textdoc.Read("jiangsu.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	k := len(p.Projects)
	p.Projects = append(p.Projects, js.Projects[0])
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	other := func(ins []jixiao.Indicator) [][]jixiao.LabelValue {
		var out [][]jixiao.LabelValue
		for _, in := range ins {
			out = append(out, in.Other)
		}
		return out
	}
	orig := other(js.Projects[0].Indicators)
	if len(orig) < 2 || orig[0] == nil {
		t.Fatalf("the Jiangsu table reads with no Other values: %v", orig)
	}

	c := f.login("filler")
	path := pathOf(f.demo) + "/projects/" + strconv.Itoa(k)
	st, page := c.get(path)
	if st != 200 {
		t.Fatalf("GET %s: %d", path, st)
	}
	if !strings.Contains(page, `<th class="other-col" title="导入的表格中的栏目，此处只读">半年(程)指标值</th>`) {
		t.Errorf("the editor does not show the 半年(程)指标值 column")
	}
	pre := "projects[" + strconv.Itoa(k) + "]"
	if cell := cellHTML(t, page, "f-projects-"+strconv.Itoa(k)+"-indicators-0-other-0"); !strings.Contains(cell, "readonly") || !strings.Contains(cell, ">规范</textarea>") {
		t.Errorf("the first row's 半年 cell is not read only with its value: %s", cell)
	}

	// A plain save keeps every value.
	form := c.form(path, path)
	form.Set(pre+".annualGoal", "保证免费开放。")
	form.Set("op", "save")
	if st, body := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", st, snippet(body))
	}
	got, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(orig, other(got.Projects[k].Indicators)); d != "" {
		t.Errorf("Other after a save (-imported +saved):\n%s", d)
	}

	// The first row moved down takes its value along; a new row has none.
	form = c.form(path, path)
	form = c.rowOp(path, form, "down:"+pre+".indicators:0")
	form = c.rowOp(path, form, "add:"+pre+".indicators")
	form.Set("op", "save")
	if st, body := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", st, snippet(body))
	}
	if got, err = f.store.Plan(ctx, f.demo); err != nil {
		t.Fatal(err)
	}
	want := append([][]jixiao.LabelValue{orig[1], orig[0]}, orig[2:]...)
	want = append(want, nil)
	if d := cmp.Diff(want, other(got.Projects[k].Indicators)); d != "" {
		t.Errorf("Other after moving a row and adding one (-want +saved):\n%s", d)
	}
}
