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

// monitorSummary is what the monitoring tests compare: the record's figures and texts.
type monitorSummary struct {
	Title, Project, Code, Department, Unit string
	Round                                  jixiao.MonitoringRound
	Funds                                  []string // name: initial / adjusted / executed / rate / forecast
	Goals                                  int
	Indicators                             []string // level1 / level2 / name / target / actual / forecast / likelihood / category / reason / remedy
	Deviation, Remedy                      string
}

func summarizeMonitor(r *jixiao.MonitoringRecord) monitorSummary {
	s := monitorSummary{Title: r.Title, Project: r.Project, Code: r.Code, Department: r.Department, Unit: r.Unit,
		Round: r.Round, Goals: len(r.Goals), Deviation: r.Deviation, Remedy: r.Remedy}
	for _, f := range r.Funds {
		s.Funds = append(s.Funds, fmt.Sprintf("%s: %s / %s / %s / %s / %s", f.Name, f.Initial, f.Adjusted, f.Executed, f.Rate, f.ForecastExecuted))
	}
	for _, in := range r.Indicators {
		s.Indicators = append(s.Indicators, fmt.Sprintf("%s / %s / %s / %s / %s / %s / %s / %s / %s / %s", in.Level1, in.Level2, in.Name,
			in.Target.Text, in.Actual.Text, in.Forecast.Text, in.Likelihood.Label(), in.Deviation.Category, in.Deviation.Text, in.Remedy))
	}
	return s
}

func readMonitorFile(t *testing.T, path string) []*jixiao.MonitoringRecord {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := textdoc.Cells(filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	if !selfeval.IsMonitoring(tables) {
		t.Errorf("%s: IsMonitoring = false", path)
	}
	recs, err := selfeval.ReadAllMonitoring(filepath.Base(path), tables)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// monitorTests are the monitoring tables and what they read as.
var monitorTests = []struct {
	path string
	want []monitorSummary
}{
	{"../testdata/published/hubei-2019-monitor-huangshi-shenyi.txt", []monitorSummary{{
		Title: "黄石市项目支出绩效监控表 (申遗)", Project: "申遗经费", Department: "黄石市文化和旅游局",
		Unit: "黄石市文物局(湖北水泥遗址博物馆)", Round: jixiao.MonitoringRound{Year: 2019, AsOf: 6},
		Funds: []string{"年度资金总额: 220 /  / 87.57 /  / ", "当年一般公共预算拨款: 220 /  / 87.57 /  / "},
		Indicators: []string{
			"产出指标 / 成本指标 / 成本 / 年度预算220万元 / 按进度执行,已使用约40% /  / 确定能 /  /  / ",
			"效益指标 / 社会效益指标 / 社会效益 /  / 开展黄石矿冶工业遗产突出普遍价值研究、学术交流、对外宣传等工作,先后举办有社会影响力的活动5场;成立黄石矿冶文化研究中心暨矿冶文学陈列馆,凸显黄石工业遗产文化价值,推动申遗工作。 /  / 确定能 /  /  / ",
		},
	}}},
	{"testdata/monitor/central-2021-project-monitor.txt", []monitorSummary{{
		Title: "项目支出绩效目标执行监控表", Project: "农村饮水安全水质监测", Department: "某县卫生健康局 101",
		Unit: "某县疾病预防控制中心", Round: jixiao.MonitoringRound{Year: 2021, AsOf: 7},
		Funds: []string{"年度资金总额: 120 /  / 30 / 25 / 118", "当年财政拨款: 100 /  / 30 / 30 / 100", "上年结转资金: 20 /  / 0 / 0 / 18", "其他资金:  /  /  /  / "},
		Goals: 1,
		Indicators: []string{
			"产出指标 / 数量指标 / 水样检测数量 / ≥400份 / 260份 / 380份 /  / 人员保障 /  / 增派检测人员，加快丰水期采样",
			"产出指标 / 数量指标 / 检测项目数 / ≥42项 / 42项 / 42项 /  /  /  / ",
			"产出指标 / 质量指标 / 检测结果准确率 / ≥98% / 99% / 99% /  /  /  / ",
			"产出指标 / 时效指标 / 检测报告出具时间 / 2021年11月底前 /  / 2021年12月 /  / 硬件条件保障 / 设备送检延误 / 协调设备检定机构",
			"产出指标 / 成本指标 / 单份水样检测成本 / ≤3000元 / 2800元 / 2900元 /  /  /  / ",
			"效益指标 / 社会效益指标 / 群众饮水安全知晓率 / ≥80% / 85% / 90% /  /  /  / ",
			"满意度指标 / 服务对象满意度指标 / 农村群众满意度 / ≥90% /  / 92% /  /  /  / ",
		},
	}}},
	{"testdata/monitor/province-2022-project-monitor.txt", []monitorSummary{{
		Title: "2022年项目支出绩效运行监控表", Project: "公共图书馆免费开放", Code: "3304002022000101", Department: "某市文化和旅游局",
		Unit: "某市图书馆", Round: jixiao.MonitoringRound{Year: 2022, AsOf: 6},
		Funds: []string{"年度资金总额: 80 / 80 / 50 /  / 80", "财政拨款: 80 / 80 / 50 /  / 80"},
		Indicators: []string{
			"产出指标 / 数量指标 / 年接待读者人次 / ≥30万人次 / 18万人次 / 32万人次 / 确定能 /  /  / ",
			"产出指标 / 数量指标 / 举办阅读推广活动 / ≥24场 / 40场 / 60场 / 确定能 /  /  / ",
			"产出指标 / 质量指标 / 图书外借率 / ≥60% / 55% / 58% / 有可能 /  /  / ",
			"产出指标 / 时效指标 / 数字资源平台上线 / 2022年9月底前 /  / 2022年12月 / 完全不可能 / 硬件条件保障 / 服务器采购流标，需重新招标 / 已重新发布采购公告",
			"效益指标 / 社会效益指标 / 全民阅读氛围 / 明显提升 / 有所提升 / 明显提升 / 确定能 /  /  / ",
			"满意度指标 / 服务对象满意度指标 / 读者满意度 / ≥90% / 93% / 93% / 确定能 /  /  / ",
		},
	}, {
		Title: "2022年项目支出绩效运行监控表", Project: "非遗保护传承", Code: "3304002022000102", Department: "某市文化和旅游局",
		Unit: "某市图书馆", Round: jixiao.MonitoringRound{Year: 2022, AsOf: 6},
		Funds: []string{"年度资金总额: 50 / 50 / 5 /  / 40", "财政拨款: 50 / 50 / 5 /  / 40"},
		Indicators: []string{
			"产出指标 / 数量指标 / 非遗项目记录数 / ≥10个 / 2个 / 8个 / 有可能 / 经费保障 / 资金下达较晚 / 加快资金拨付",
			"产出指标 / 质量指标 / 记录成果验收合格率 / =100% / 100% / 100% / 确定能 /  /  / ",
			"效益指标 / 社会效益指标 / 非遗展演受众 / ≥5000人次 / 1200人次 / 5200人次 / 确定能 /  /  / ",
		},
	}}},
	{"testdata/monitor/jilin-2024-project-monitor.txt", []monitorSummary{{
		Title: "2024年项目支出绩效监控表", Project: "某大学学科建设经费", Department: "某省教育厅", Unit: "某大学",
		Round: jixiao.MonitoringRound{Year: 2024, AsOf: 7},
		Funds: []string{"年度资金总额: 600 /  / 120 / 20 / 560", "财政拨款: 600 /  / 120 / 20 / 560"},
		Indicators: []string{
			"产出指标 / 数量指标 / 新增实验设备台套数 / ≥40台套 / 6台套 / 36台套 /  / 项目管理 / 政府采购流程较长，设备到货晚 / 提前启动下批采购",
			"产出指标 / 质量指标 / 设备验收合格率 / =100% / 100% / 100% /  /  /  / ",
			"产出指标 / 时效指标 / 年度采购完成时间 / 2024年11月底前 /  / 2024年12月 /  / 项目管理 / 采购流标一次 / 重新招标",
			"效益指标 / 社会效益指标 / 支撑科研项目数 / ≥15个 / 9个 / 16个 /  /  /  / ",
			"满意度指标 / 服务对象满意度指标 / 师生满意度 / ≥90% / 92% / 92% /  /  /  / ",
		},
	}}},
}

func TestReadMonitoring(t *testing.T) {
	for _, tt := range monitorTests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			var got []monitorSummary
			for _, r := range readMonitorFile(t, tt.path) {
				got = append(got, summarizeMonitor(r))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// A self-evaluation table is not a monitoring table, and a 完成目标可能性 the reader
// cannot place is an error naming its cell.
func TestReadMonitoringErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/anhui-chizhou-2022-project.txt")
	if err != nil {
		t.Fatal(err)
	}
	tables, err := textdoc.Cells("a.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if selfeval.IsMonitoring(tables) {
		t.Error("a self-evaluation table is taken for a monitoring table")
	}
	bad := " \t项目支出绩效监控表\n\n\t项目资金（万元）\n\t年初预算数\n\t1-6月执行数\n\t全年预计执行数\n\n\t年度资金总额\n\t10\n\t4\n\t10\n\n" +
		"\t一级指标\n\t指标名称\n\t指标值\n\t半年度指标执行情况\n\t完成目标可能性\n\n\t产出指标\n\t检测数量\n\t≥10份\n\t4份\n\t大概吧\n\n"
	tables, err = textdoc.Cells("bad.txt", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	_, err = selfeval.ReadMonitoring("bad.txt", tables)
	if err == nil || !strings.Contains(jixiao.ErrorMessage(err), "bad.txt") || !strings.Contains(jixiao.ErrorMessage(err), "大概吧") {
		t.Errorf("err = %v, want a message naming the file and the value", err)
	}
	tables, _ = textdoc.Cells("empty.txt", []byte(" \t项目支出绩效监控表\n\n\t项目名称\n\t某项目\n\n"))
	if _, err := selfeval.ReadMonitoring("empty.txt", tables); jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(jixiao.ErrorMessage(err), "监控表") {
		t.Errorf("err = %v, want EINVALID saying no monitoring table was found", err)
	}
}

func monitorRows(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := textdoc.Cells(filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	return rowsOf(tables)
}

func summaries(recs []*jixiao.MonitoringRecord) []monitorSummary {
	var out []monitorSummary
	for _, r := range recs {
		out = append(out, summarizeMonitor(r))
	}
	return out
}

// The same tables in a workbook written by excelize, read back through xlsx.Cells.
func TestReadMonitoringXLSX(t *testing.T) {
	for _, tt := range monitorTests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			f := excelize.NewFile()
			sheet := "监控表"
			f.SetSheetName("Sheet1", sheet)
			for r, row := range monitorRows(t, tt.path) {
				for c, v := range row {
					name, _ := excelize.CoordinatesToCellName(c+1, r+1)
					f.SetCellValue(sheet, name, v)
				}
			}
			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			tables, err := xlsx.Cells("m.xlsx", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			recs, err := selfeval.ReadAllMonitoring("m.xlsx", tables)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summaries(recs)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if w := recs[0].Indicators[0].Where; !strings.HasPrefix(w, "监控表!") {
				t.Errorf("Where = %q, want a cell of 监控表", w)
			}
		})
	}
}

// The same tables in Word files written by LibreOffice from HTML, read through
// docx.Tables.
func TestReadMonitoringDOCX(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (libreoffice-writer-nogui) is missing and CI=true")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir}
	for _, tt := range monitorTests {
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><table border=\"1\">\n")
		for _, row := range monitorRows(t, tt.path) {
			b.WriteString("<tr>")
			for _, c := range row {
				fmt.Fprintf(&b, "<td>%s</td>", strings.ReplaceAll(html.EscapeString(c), "\n", "<br>"))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table></body></html>\n")
		name := filepath.Join(dir, strings.TrimSuffix(filepath.Base(tt.path), ".txt")+".html")
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, name)
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, tt := range monitorTests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			name := strings.TrimSuffix(filepath.Base(tt.path), ".txt") + ".docx"
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			tables, err := docx.Tables(name, data)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := selfeval.ReadAllMonitoring(name, tables)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summaries(recs)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzReadMonitoring: no text makes the monitoring reader panic or hang.
func FuzzReadMonitoring(f *testing.F) {
	for _, tt := range monitorTests {
		data, err := os.ReadFile(tt.path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\t指标名称\n\t半年度指标执行情况\n\t完成目标可能性\n\n\t经费保障\n\t制度保障\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tables, err := textdoc.Cells("f.txt", data)
		if err != nil {
			return
		}
		r, err := selfeval.ReadAllMonitoring("f.txt", tables)
		if err == nil && len(r) == 0 {
			t.Fatal("no record without an error")
		}
	})
}

// A 全年预计执行率 column is a rate, not the forecast amount; 截至8月 sets the month.
func TestReadMonitoringForecastRate(t *testing.T) {
	text := " \t项目支出绩效监控表\n\n\t项目资金\n\t年初预算数\n\t截至8月执行数\n\t全年预计执行数\n\t全年预计执行率\n\n\t年度资金总额\n\t10\n\t4\n\t9\n\t90%\n\n" +
		"\t一级指标\n\t三级指标\n\t指标值\n\t截至8月实际完成值\n\t全年预计完成值\n\t完成目标可能性\n\n\t产出指标\n\t检测数量\n\t≥10份\n\t6份\n\t10份\n\t确定能\n\n"
	tables, err := textdoc.Cells("r.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r, err := selfeval.ReadMonitoring("r.txt", tables)
	if err != nil {
		t.Fatal(err)
	}
	got := summarizeMonitor(r)
	want := monitorSummary{Title: "项目支出绩效监控表", Round: jixiao.MonitoringRound{AsOf: 8},
		Funds:      []string{"年度资金总额: 10 /  / 4 /  / 9"},
		Indicators: []string{"产出指标 /  / 检测数量 / ≥10份 / 6份 / 10份 / 确定能 /  /  / "}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
