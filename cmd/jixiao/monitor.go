package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/document"
	"jixiao/monitor"
	"jixiao/render"
	"jixiao/selfeval"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

func init() {
	register(&command{
		Name:    "monitor",
		Summary: "读取绩效监控表（项目支出绩效监控表等），按监控预警规则列出红色、黄色预警：执行进度落后于序时进度、预计完成值达不到指标值、缺少偏差原因等；有红色预警时退出码为 1",
		Usage:   "FILE [--as-of 2021-07] [--rules national-2019|hubei-2020] [--format text|json] [-o out.html]  |  PLAN-FILE --template --as-of 2021-07 -o monitor.xlsx  |  --db 数据库 --year 2021 [--as-of 7] [--round ID] [--plan ID]",
		Run:     runMonitor,
	})
}

// monitorReport is what `jixiao monitor --format json` prints for each table.
type monitorReport struct {
	File   string                   `json:"file"`
	Level  monitor.Level            `json:"level"` // the worst alert; empty is 绿色 (none)
	Alerts []monitor.Alert          `json:"alerts"`
	Record *jixiao.MonitoringRecord `json:"record"`
}

var asOfFlagRe = regexp.MustCompile(`^(?:(20\d\d)[-./年])?(\d{1,2})月?$`)

// parseAsOf reads --as-of: 2021-07, 2021年7月, or a month alone (7).
func parseAsOf(s string) (jixiao.MonitoringRound, error) {
	m := asOfFlagRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return jixiao.MonitoringRound{}, jixiao.Errorf(jixiao.EINVALID, "--as-of 应写作“2021-07”（年-月）或月份，而不是“%s”。", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return jixiao.MonitoringRound{}, jixiao.Errorf(jixiao.EINVALID, "--as-of 的月份应在 1 到 12 之间，而不是“%s”。", s)
	}
	return jixiao.MonitoringRound{Year: y, AsOf: mo}, nil
}

// readCells reads FILE into tables of cells, with the size limit of every reader.
func readCells(path string) ([]textdoc.Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "无法读取文件“%s”。", path)
	}
	if len(data) > document.MaxSize {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”超过 %d MB，无法读取。", path, document.MaxSize>>20)
	}
	return document.Cells(path, data)
}

// runMonitor reads a monitoring table and prints its alerts. Exit codes as check: 0 no
// red alert, 1 a red alert, 2 the file (or an option) cannot be read.
func runMonitor(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["monitor"])
	asOf := fs.String("as-of", "", "截至年月，如 2021-07（默认取表中“1-6月执行数”等所写的月份）")
	rulesID := fs.String("rules", monitor.DefaultRules, "监控预警规则（national-2019 为财预〔2019〕136号，hubei-2020 为湖北省）")
	format := addFormatFlag(fs)
	tmpl := fs.Bool("template", false, "改为由 FILE（已批复的绩效目标表）生成绩效监控填报模板（xlsx），指标值已填好")
	out := fs.String("o", "", "另将监控表按官方版式写成 HTML 文件（预警标在单元格上）；与 --template 一起时为输出的 xlsx 文件")
	dsn := addDBFlag(fs)
	year := fs.Int("year", 0, "从数据库读取：监控年度（读取该年截至 --as-of 月的监控轮次，未给出时为最近一轮）")
	roundID := fs.Int64("round", 0, "从数据库读取：监控轮次编号")
	planID := fs.Int64("plan", 0, "从数据库读取：只看这个绩效目标的监控表")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *dsn != "" || *year != 0 || *roundID != 0 {
		if len(pos) != 0 || *tmpl || *out != "" {
			fs.Usage()
			return errUsage
		}
		if *format != "text" && *format != "json" {
			return jixiao.Errorf(jixiao.EINVALID, "--format 应为“text”或“json”，而不是“%s”。", *format)
		}
		o := monitorStoreOptions{DSN: *dsn, Year: *year, Round: *roundID, Plan: *planID, Format: *format}
		if *asOf != "" {
			r, err := parseAsOf(*asOf)
			if err != nil {
				return err
			}
			o.AsOf = r.AsOf
			if r.Year != 0 && o.Year == 0 {
				o.Year = r.Year
			}
		}
		if fs.Lookup("rules").Value.String() != monitor.DefaultRules {
			o.Rules = *rulesID
		}
		return runMonitorStore(ctx, e, o)
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	if *format != "text" && *format != "json" {
		return jixiao.Errorf(jixiao.EINVALID, "--format 应为“text”或“json”，而不是“%s”。", *format)
	}
	var round jixiao.MonitoringRound
	if *asOf != "" {
		if round, err = parseAsOf(*asOf); err != nil {
			return err
		}
	}
	rules, err := monitor.Lookup(*rulesID)
	if err != nil {
		return err
	}
	if *tmpl {
		return writeMonitorTemplate(pos[0], *out, round, rules)
	}
	tables, err := readCells(pos[0])
	if err != nil {
		return err
	}
	recs, err := selfeval.ReadAllMonitoring(pos[0], tables)
	if err != nil {
		return err
	}
	reports := make([]monitorReport, len(recs))
	var sheets []render.Monitoring
	red := false
	for i, rec := range recs {
		if round.AsOf != 0 {
			rec.Round.AsOf = round.AsOf
		}
		if round.Year != 0 {
			rec.Round.Year = round.Year
		}
		alerts := rules.Check(rec)
		if alerts == nil {
			alerts = []monitor.Alert{}
		}
		reports[i] = monitorReport{File: pos[0], Level: monitor.Worst(alerts), Alerts: alerts, Record: rec}
		sheets = append(sheets, render.Monitoring{Record: rec, Alerts: alerts})
		red = red || reports[i].Level == monitor.Red
		if *format == "text" {
			if i > 0 {
				fmt.Fprintln(e.Stdout)
			}
			printMonitor(e.Stdout, pos[0], rec, alerts)
		}
	}
	if *out != "" {
		var b bytes.Buffer
		if err := render.MonitoringHTML(&b, "", sheets); err != nil {
			return err
		}
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", *out)
		}
	}
	if *format == "json" {
		var v any = reports
		if len(reports) == 1 {
			v = reports[0]
		}
		if err := writeJSON(e.Stdout, v); err != nil {
			return err
		}
	}
	if red {
		return exitError{1}
	}
	return nil
}

func printMonitor(w io.Writer, file string, rec *jixiao.MonitoringRecord, alerts []monitor.Alert) {
	fmt.Fprintf(w, "监控：%s", file)
	if rec.Project != "" {
		fmt.Fprintf(w, "（%s）", rec.Project)
	} else if rec.Department != "" {
		fmt.Fprintf(w, "（%s）", rec.Department)
	}
	fmt.Fprintln(w)
	if rec.Round.AsOf > 0 {
		fmt.Fprintf(w, "%s，序时进度 %s%%", rec.Round, rec.Round.TimeProgress())
		if len(rec.Funds) > 0 {
			if r := rec.Funds[0].ExecutionRate(); r.IsSet() {
				fmt.Fprintf(w, "，执行率 %s%%", r)
			}
			if b := rec.Funds[0].ForecastBalance(); b.IsSet() {
				fmt.Fprintf(w, "，预计结转结余 %s 万元", b)
			}
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "表中未写明截至月份，未与序时进度比较（可用 --as-of 2021-07 指定）。")
	}
	if len(alerts) == 0 {
		fmt.Fprintln(w, "没有预警。")
		return
	}
	nr, ny := 0, 0
	for _, a := range alerts {
		if a.Level == monitor.Red {
			nr++
		} else {
			ny++
		}
		where := a.Where
		if where == "" {
			where = a.Path
		}
		fmt.Fprintf(w, "%s  %s：%s\n", a.Level.Label(), where, a.Message)
	}
	fmt.Fprintf(w, "红色预警 %d 条，黄色预警 %d 条。\n", nr, ny)
}

// writeMonitorTemplate writes the monitoring template of the plan in planFile.
func writeMonitorTemplate(planFile, out string, round jixiao.MonitoringRound, rules *monitor.Rules) error {
	if out == "" || out == "-" {
		return jixiao.Errorf(jixiao.EINVALID, "生成监控模板须用 -o 指定输出的 xlsx 文件。")
	}
	if round.AsOf == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "生成监控模板须用 --as-of 指定截至年月，如 --as-of 2021-07。")
	}
	p, err := document.ReadFile(planFile)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := xlsx.MonitorTemplate(&buf, p, round, rules.Categories); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
