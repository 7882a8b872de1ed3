package pdf

import (
	"context"
	"os"
	"strings"
	"testing"

	"jixiao/textdoc"
)

// TestRenderProjectOtherColumns: a project table with an indicator column beyond the
// national ones (江苏 2024's 半年(程)指标值) prints that column's header and values.
func TestRenderProjectOtherColumns(t *testing.T) {
	pr := printer(t)
	data, err := os.ReadFile("../testdata/published/jiangsu-2024-project-zhenjiang-saizhenzhu-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := textdoc.Read("jiangsu.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pr.Render(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "jiangsu.pdf", b)
	text := command(t, "pdftotext", "-layout", path, "-")
	// The header wraps in its narrow cell: its pieces in order, and the rows carry their
	// 半年 value after the 全年 one (定性 rows: 指标性质, 指标值, then 半年(程)指标值).
	all := squash(text)
	for _, want := range []string{"赛珍珠文化公园运转经费", "半年", "(程)指"} {
		if !strings.Contains(all, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	rows := map[string]string{"立项程序规范性": "定性规范规范", "立项依据充分性": "定性充分充分", "绩效目标合理性": "定性合理合理"}
	for _, line := range strings.Split(text, "\n") {
		line = squash(line)
		for name, want := range rows {
			if strings.Contains(line, name) {
				if !strings.Contains(line, name+want) {
					t.Errorf("row %q reads %q, want %q after the name", name, line, want)
				}
				delete(rows, name)
			}
		}
	}
	for name := range rows {
		t.Errorf("no line with %q:\n%s", name, text)
	}
}
