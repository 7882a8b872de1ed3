package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const formsDir = "../testdata/forms/"

// blankForms are the blank target-table forms of provinces with no published table
// (testdata/forms/README.md), filled with made-up values, that the reader reads whole:
// the facts are what was filled in.
var blankForms = map[string]facts{
	// Read with gaps at first (编制单位, 项目计划实施时间, 本年度计划水平 over a two-row header).
	"heilongjiang-2024-project-daqing.txt": {"城区道路冬季清雪作业", 1, "大庆市城市管理综合执法局", 2024, "320", "2024年1月1日至2024年12月31日", 5,
		[4]string{"", "目标完成程度", "1.清雪作业面积", "1300万平方米"}, [4]string{"", "项目实施效益", "2.市民对清雪工作满意度", "92%"}},
	// Read with no indicator at first (评价内容 | 绩效内容 | 参考标准 | 绩效目标值). Ten rows:
	// the six filled and the form's four 二级 left empty (其他资源投入目标, 经济效益目标,
	// 环境效益目标, 可持续影响目标), kept as the form prints them.
	"unknown-2020-project-boteman-fanben.txt": {"乡镇综合文化站免费开放", 1, "某县文化广电体育和旅游局", 2020, "45", "2020年1月至2020年12月", 10,
		[4]string{"投入", "时效目标", "资金拨付及时率", "100%"}, [4]string{"效益", "服务对象满意度目标", "群众满意度", "≥90%"}},
}

// formGap is a filled blank form the reader does not read whole yet: Want is what was
// filled in, Got what the reader gives today, or Err the start of its refusal; What
// names the gap (docs/forms.md has each difference). When the reader is fixed the form
// moves to blankForms.
type formGap struct {
	Want facts
	Got  facts
	Err  string
	What string
}

var knownGaps = map[string]formGap{}

// TestBlankForms reads every filled blank form: those in blankForms must give the facts
// filled in; those in knownGaps must still fail the way recorded, so a change of the
// reader that fixes (or changes) one shows here.
func TestBlankForms(t *testing.T) {
	eachForm(t, func(t *testing.T, name, _ string, data []byte) {
		p, rerr := ReadBytes(name, data)
		if want, ok := blankForms[name]; ok {
			if rerr != nil {
				t.Fatalf("read: %v", rerr)
			}
			if d := cmp.Diff(want, factsOf(p)); d != "" {
				t.Errorf("facts (-want +got):\n%s", d)
			}
			return
		}
		gap, ok := knownGaps[name]
		if !ok {
			t.Fatalf("%s is in neither blankForms nor knownGaps", name)
		}
		if gap.Err != "" {
			if rerr == nil {
				t.Fatalf("read now (was refused: %s); compare with the filled facts and move it to blankForms:\n%s",
					gap.Err, cmp.Diff(gap.Want, factsOf(p)))
			}
			if !strings.HasPrefix(rerr.Error(), gap.Err) {
				t.Errorf("refusal changed:\n got %s\nwant %s…", rerr, gap.Err)
			}
			return
		}
		if rerr != nil {
			t.Fatalf("read: %v (was read with gaps: %s)", rerr, gap.What)
		}
		got := factsOf(p)
		if cmp.Equal(gap.Want, got) {
			t.Fatalf("reads whole now (was: %s): move it to blankForms", gap.What)
		}
		if d := cmp.Diff(gap.Got, got); d != "" {
			t.Errorf("reading changed (known gap: %s); (-recorded +got):\n%s\nfilled in (-want +got):\n%s",
				gap.What, d, cmp.Diff(gap.Want, got))
		}
	})
}

// eachForm runs test on every filled form in testdata/forms, each as a subtest named
// after its file.
func eachForm(t *testing.T, test func(t *testing.T, name, path string, data []byte)) {
	t.Helper()
	files, err := filepath.Glob(formsDir + "*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no forms in %s: %v", formsDir, err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			test(t, name, path, data)
		})
	}
}

// TestKnownGapsDiffer keeps the gap list honest: a recorded reading must differ from
// what was filled in, and every listed form must exist.
func TestKnownGapsDiffer(t *testing.T) {
	for name, gap := range knownGaps {
		if gap.Err == "" && cmp.Equal(gap.Want, gap.Got) {
			t.Errorf("%s: recorded reading equals the filled facts; it belongs in blankForms", name)
		}
		if _, err := os.Stat(formsDir + name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name := range blankForms {
		if _, err := os.Stat(formsDir + name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestBlankFormsXLSX writes each filled form's cells into a workbook, as a unit's Excel
// copy of the form has them, and reads it back: the reading must be the text's, gaps and all.
func TestBlankFormsXLSX(t *testing.T) {
	eachForm(t, func(t *testing.T, name, path string, data []byte) {
		want, werr := ReadBytes(name, data)
		xname := strings.TrimSuffix(name, ".txt") + ".xlsx"
		got, gerr := ReadBytes(xname, workbookOf(t, rowsOfPath(t, path)))
		if werr != nil || gerr != nil {
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("text: %v; xlsx: %v", werr, gerr)
			}
			return
		}
		if d := cmp.Diff(comparable(want), comparable(got), decimalEq); d != "" {
			t.Errorf("xlsx reading differs from the text's (-text +xlsx):\n%s", d)
		}
	})
}
