package selfeval_test

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/docx"
	"jixiao/selfeval"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

// summary is what a test compares: the record's figures and texts as written.
type summary struct {
	Title, Project, Code, Department, Unit string
	Year                                   int
	Funds                                  []string // name: initial / adjusted / executed / weight / rate / score
	Goals                                  int
	Indicators                             []string // level1 / level2 / name / target / actual / weight / score
	WrittenWeight, WrittenTotal            string
}

func summarize(e *jixiao.SelfEvaluation) summary {
	s := summary{Title: e.Title, Project: e.Project, Code: e.Code, Department: e.Department, Unit: e.Unit, Year: e.Year,
		Goals: len(e.Goals), WrittenWeight: e.WrittenWeight.String(), WrittenTotal: e.WrittenTotal.String()}
	for _, f := range e.Funds {
		s.Funds = append(s.Funds, fmt.Sprintf("%s: %s / %s / %s / %s / %s / %s", f.Name, f.Initial, f.Adjusted, f.Executed, f.Weight, f.Rate, f.Score))
	}
	for _, in := range e.Indicators {
		s.Indicators = append(s.Indicators, fmt.Sprintf("%s / %s / %s / %s / %s / %s / %s", in.Level1, in.Level2, in.Name, in.Target.Text, in.Actual.Text, in.Weight, in.Score))
	}
	return s
}

var want = map[string]summary{
	"anhui-chizhou-2022-project.txt": {
		Title: "项目支出绩效自评表", Year: 2022, Project: "委托业务项目",
		Department: "219-池州市贵池区棠溪镇人民政府", Unit: "219001-池州市贵池区棠溪镇人民政府",
		Funds: []string{
			"年度资金总额: 0 / 0 / 0 / 10 / 0 / 0",
			"本年财政拨款: 90 / 89.974 / 89.974 /  /  / ",
			"上年结转资金:  /  /  /  /  / ",
			"其他资金:  /  /  /  /  / ",
		},
		Goals: 1,
		Indicators: []string{
			"产出指标(50分) / 数量指标 / 基建工程委托业务项目数量 / ≥50个 / 50 / 8 / 8",
			"产出指标(50分) / 质量指标 / 委托业务报告合格率 / ≥100百分比 / 100 / 8 / 8",
			"产出指标(50分) / 质量指标 / 经费支出合规性 / 严格执行相关制度规定 / 达成预期指标 / 8 / 8",
			"产出指标(50分) / 时效指标 / 提交报告及时性 / 在项目计划完成时间内完成 / 达成预期指标 / 8 / 8",
			"产出指标(50分) / 成本指标 / 项目总成本 / ≤90万元 / 90 / 8 / 8",
			"产出指标(50分) / 成本指标 / 单项业务成本 / 符合相关规定 / 达成预期指标 / 10 / 10",
			"效益指标(30分) / 社会效益指标 / 对维护基建市场公平的影响程度 / 效果明显 / 达成预期指标 / 10 / 10",
			"效益指标(30分) / 生态效益指标 / 对控制基建项目成本影响程度 / 效果明显 / 达成预期指标 / 10 / 10",
			"效益指标(30分) / 可持续影响指标 / 对推动基建项目“四项制度”健全和落实的持续性影响 / 效果明显 / 达成预期指标 / 10 / 10",
		},
	},
	"sichuan-qingshen-2023-project.txt": {
		Title: "部门预算项目支出绩效自评表(2023年度)", Year: 2023, Project: "工资性支出", Code: "51000021R000000019951",
		Department: "青神县发展和改革局本级", Unit: "青神县发展和改革局",
		Funds: []string{
			"总额: 238.93 / 251.89 / 251.89 / 10 / 100.00 / ",
			"财政资金: 238.93 / 251.89 / 251.89 /  / 100.00 / ",
			"财政专户管理资金: 0.00 / 0.00 / 0.00 /  / 0.00 / ",
			"单位资金: 0.00 / 0.00 / 0.00 /  / 0.00 / ",
			"其他资金:  /  /  /  /  / ",
		},
		Goals: 1,
		Indicators: []string{
			"产出指标 / 数量指标 / 发放(缴纳)覆盖率 / =100% /  / 60 / ",
			"效益指标 / 社会效益指标 / 足额保障率(参保率) / =100% /  / 30 / ",
		},
		WrittenWeight: "100",
	},
}

func textTables(t *testing.T, file string) []textdoc.Table {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	tables, err := textdoc.Cells(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

func TestReadText(t *testing.T) {
	for file, w := range want {
		t.Run(file, func(t *testing.T) {
			e, err := selfeval.Read(file, textTables(t, file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, summarize(e)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if e.Indicators[0].Where == "" {
				t.Error("an indicator row does not say where it is")
			}
		})
	}
}

// rowsOf returns the texts of the cells of the tables, row by row.
func rowsOf(tables []textdoc.Table) [][]string {
	var out [][]string
	for _, t := range tables {
		for _, r := range t.Rows {
			var row []string
			for _, c := range r.Cells {
				row = append(row, c.Text)
			}
			out = append(out, row)
		}
	}
	return out
}

// The same tables in a workbook written by excelize, the label columns merged down as
// a unit's Excel file has them, read back through xlsx.Cells.
func TestReadXLSX(t *testing.T) {
	for file, w := range want {
		t.Run(file, func(t *testing.T) {
			rows := rowsOf(textTables(t, file))
			f := excelize.NewFile()
			sheet := "自评表"
			f.SetSheetName("Sheet1", sheet)
			for r, row := range rows {
				for c, v := range row {
					name, _ := excelize.CoordinatesToCellName(c+1, r+1)
					f.SetCellValue(sheet, name, v)
				}
			}
			// Merge the first column down over the empty cells under a label.
			for r := 1; r < len(rows); r++ {
				if len(rows[r]) > 1 && rows[r][0] == "" && rows[r-1][0] != "" {
					end := r
					for end+1 < len(rows) && len(rows[end+1]) > 1 && rows[end+1][0] == "" {
						end++
					}
					a, _ := excelize.CoordinatesToCellName(1, r)
					b, _ := excelize.CoordinatesToCellName(1, end+1)
					if err := f.MergeCell(sheet, a, b); err != nil {
						t.Fatal(err)
					}
				}
			}
			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			tables, err := xlsx.Cells(file+".xlsx", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			e, err := selfeval.Read(file+".xlsx", tables)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, summarize(e)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(e.Indicators[0].Where, "自评表!") {
				t.Errorf("Where = %q, want a cell of 自评表", e.Indicators[0].Where)
			}
		})
	}
}

// The same tables in a Word file written by LibreOffice from HTML (a second, independent
// tool), read through docx.Tables.
func TestReadDOCX(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (libreoffice-writer-nogui) is missing and CI=true")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	for file := range want {
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><table border=\"1\">\n")
		for _, row := range rowsOf(textTables(t, file)) {
			b.WriteString("<tr>")
			for _, c := range row {
				fmt.Fprintf(&b, "<td>%s</td>", strings.ReplaceAll(html.EscapeString(c), "\n", "<br>"))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table></body></html>\n")
		base := strings.TrimSuffix(file, ".txt")
		if err := os.WriteFile(filepath.Join(dir, base+".html"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir}
	for file := range want {
		args = append(args, filepath.Join(dir, strings.TrimSuffix(file, ".txt")+".html"))
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for file, w := range want {
		t.Run(file, func(t *testing.T) {
			name := strings.TrimSuffix(file, ".txt") + ".docx"
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			tables, err := docx.Tables(name, data)
			if err != nil {
				t.Fatal(err)
			}
			e, err := selfeval.Read(name, tables)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, summarize(e)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	for name, tc := range map[string]struct{ text, msg string }{
		"not a self-evaluation":       {"\t部门整体支出绩效目标表\n\n\t部门名称\n\t某部门\n", "未找到绩效自评表"},
		"a bad figure names its line": {"\t项目支出绩效自评表\n\n\t\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t执行率\n\n\t\n\t年度资金总额\n\t10\n\t十万\n\t9\n\t90%\n\n", "第12行"},
		"budget without indicators":   {"\t年初预算数\n\t全年执行数\n\n\t年度资金总额\n\t10\n\t9\n\n", "未找到绩效指标部分"},
	} {
		t.Run(name, func(t *testing.T) {
			tables, err := textdoc.Cells("t.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			_, err = selfeval.Read("t.txt", tables)
			msg := jixiao.ErrorMessage(err)
			if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(msg, tc.msg) || !strings.HasSuffix(msg, "。") {
				t.Errorf("err = %v, want EINVALID naming %q", err, tc.msg)
			}
		})
	}
}

// FuzzRead: no text makes the reader panic or hang.
func FuzzRead(f *testing.F) {
	for file := range want {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\t三级指标\n\t实际完成值\n\n\t总分\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tables, err := textdoc.Cells("f.txt", data)
		if err != nil {
			return
		}
		e, err := selfeval.Read("f.txt", tables)
		if err == nil && e == nil {
			t.Fatal("nil record without an error")
		}
	})
}
