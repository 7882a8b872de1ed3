package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/textdoc"
)

// projectFacts is what a project table written and read back must keep.
type projectFacts struct {
	Name, Authority, Unit, Amount, Period, PeriodGoal, AnnualGoal string
	Rows                                                          [][7]string // 一级, 二级, 三级, 指标值, 分值, 方向, 备注
}

func factsOfProject(pr jixiao.Project) projectFacts {
	f := projectFacts{Name: pr.Name, Authority: pr.Authority, Unit: pr.Unit, Amount: pr.Amount.String(),
		Period: pr.PeriodText, PeriodGoal: pr.PeriodGoal, AnnualGoal: pr.AnnualGoal}
	for _, in := range pr.Indicators {
		f.Rows = append(f.Rows, [7]string{in.Level1, in.Level2, in.Name, in.Target.Text, in.Weight, in.Direction.Label(), in.Note})
	}
	return f
}

// TestWriteProjects: published project tables (a plan of projects only, and the seed with
// a project added) written in the national layout read back with the same project.
func TestWriteProjects(t *testing.T) {
	for _, file := range []string{"neimenggu-2021-project-wuhai-gongxiao-cut.txt", "hunan-2023-project-xiangtan-wupaoche.txt", "gansu-2023-project-jiayuguan-bowuguan.txt"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/published/" + file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := textdoc.Read(file, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Read("p.xlsx", writeBytes(t, p))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Projects) != len(p.Projects) {
				t.Fatalf("%d projects, want %d", len(got.Projects), len(p.Projects))
			}
			for k := range p.Projects {
				if d := cmp.Diff(factsOfProject(p.Projects[k]), factsOfProject(got.Projects[k])); d != "" {
					t.Errorf("project %d (-written +read):\n%s", k+1, d)
				}
			}
		})
	}
	t.Run("seed with a project", func(t *testing.T) {
		seed, err := os.ReadFile("../examples/shifeng-tongzhanbu-2021.txt")
		if err != nil {
			t.Fatal(err)
		}
		p, err := textdoc.Read("seed.txt", seed)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile("../testdata/published/hunan-2023-project-xiangtan-wupaoche.txt")
		q, err := textdoc.Read("xt.txt", data)
		if err != nil {
			t.Fatal(err)
		}
		p.Projects = q.Projects
		var buf bytes.Buffer
		if err := Write(&buf, p); err != nil {
			t.Fatal(err)
		}
		got, err := Read("p.xlsx", buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Items()) != len(p.Items()) || len(got.Projects) != 1 {
			t.Fatalf("items %d (want %d) projects %d", len(got.Items()), len(p.Items()), len(got.Projects))
		}
		if d := cmp.Diff(factsOfProject(p.Projects[0]), factsOfProject(got.Projects[0])); d != "" {
			t.Errorf("(-written +read):\n%s", d)
		}
		// A project with no period, on a sheet whose title lost its year: the sheet takes
		// the plan's year, and the plan's own tables stay (a year missing there once
		// dropped them all).
		p.Projects = []jixiao.Project{{Name: "会展业发展", Indicators: []jixiao.Indicator{jixiao.NewIndicator("产出指标", "数量指标", "全年实现会展业综合收入", "≥280亿元", "")}}}
		buf.Reset()
		if err := Write(&buf, p); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		cleared := false
		for _, sh := range f.GetSheetList() {
			if !projectSheetName(sh) {
				continue
			}
			rows, _ := f.GetRows(sh)
			for r, row := range rows {
				for c, v := range row {
					if strings.Contains(v, "年项目支出绩效目标表") {
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						f.SetCellValue(sh, cell, "项目支出绩效目标表")
						cleared = true
					}
				}
			}
		}
		if !cleared {
			t.Fatal("no project title with a year to clear")
		}
		var nb bytes.Buffer
		if err := f.Write(&nb); err != nil {
			t.Fatal(err)
		}
		got, err = Read("p.xlsx", nb.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if got.Year != p.Year || len(got.Items()) != len(p.Items()) || len(got.Indicators) != len(p.Indicators) || len(got.Projects) != 1 {
			t.Errorf("without the project sheet's year: year %d, items %d, indicators %d, projects %d", got.Year, len(got.Items()), len(got.Indicators), len(got.Projects))
		}
	})
}

// TestWriteProjectsKeepsOther: the rows of a published project table that the national
// layout has no place for (项目属性, 立项依据, 项目概况 …) are written as label rows and read
// back as the project's Other, so an export edited in Excel and imported again keeps them.
// A 单位:万元 row is not written (the sheet states its unit and is in 万元). Two tables keep
// rows whose labels read as something else when alone on a row, and are left out here:
// 鄂州's "2020年实际执行数 | 2021年实际执行数" (a heading of its cost table, read as a year)
// and 湘潭's "填报单位:(盖章) 单位:万元" (a unit declaration inside a label).
func TestWriteProjectsKeepsOther(t *testing.T) {
	files, _ := filepath.Glob("../testdata/published/*-project-*.txt")
	if len(files) < 20 {
		t.Fatalf("%d published project tables", len(files))
	}
	for _, file := range files {
		base := filepath.Base(file)
		if base == "hubei-2022-project-ezhou-dalou-cut.txt" || base == "hunan-2023-project-xiangtan-wupaoche.txt" {
			continue
		}
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := textdoc.Read(base, data)
			if err != nil {
				if textdoc.NoYear(err) == nil {
					t.Fatal(err)
				}
				p = textdoc.NoYear(err).Plan
				p.Year = 2022
			}
			got, err := Read("p.xlsx", writeBytes(t, p))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Projects) != len(p.Projects) {
				t.Fatalf("%d projects, want %d", len(got.Projects), len(p.Projects))
			}
			if d := cmp.Diff(p.Other, got.Other); d != "" {
				t.Errorf("the plan's other (-written +read):\n%s", d)
			}
			for k := range p.Projects {
				var want []jixiao.LabelValue
				for _, o := range p.Projects[k].Other {
					if !(o.Value == "" && strings.HasPrefix(o.Label, "单位:")) {
						want = append(want, o)
					}
				}
				if d := cmp.Diff(keptRows(want, nil), keptRows(got.Projects[k].Other, got.Projects[k].Unread)); d != "" {
					t.Errorf("project %d's other (-written +read):\n%s", k+1, d)
				}
			}
		})
	}
}

// keptRows are a project's rows kept as written, label and value, a label's trailing
// colon aside; a label with no value may come back as an unread row of one cell.
func keptRows(other []jixiao.LabelValue, unread []jixiao.UnreadRow) []string {
	var out []string
	for _, o := range other {
		out = append(out, strings.TrimRight(strings.TrimSpace(o.Label), ":：")+" | "+o.Value)
	}
	for _, u := range unread {
		out = append(out, strings.TrimRight(strings.TrimSpace(u.Cells[0]), ":：")+" | "+strings.Join(u.Cells[1:], ""))
	}
	return out
}
