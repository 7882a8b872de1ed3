package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"jixiao"
	"jixiao/monitor"
)

//go:embed monitoring.html
var monitoringHTML string

var monitoringTmpl = template.Must(template.New("monitoring").Parse(monitoringHTML))

// Monitoring is one monitoring table (绩效监控表) with its alerts (预警), to render.
type Monitoring struct {
	Record *jixiao.MonitoringRecord
	Alerts []monitor.Alert
}

// cellAlert marks a cell: the worst level's class and the alerts' sentences.
type cellAlert struct {
	Class   string // jx-red, jx-yellow, or empty
	Message string
}

func (c *cellAlert) add(a monitor.Alert) {
	if c.Class != "jx-red" {
		c.Class = "jx-" + string(a.Level)
	}
	c.Message = strings.TrimSpace(c.Message + " " + a.Message)
}

type monitoringFund struct {
	Name, Initial, Budget, Executed, Rate, Forecast string
	ExecutedAlert                                   cellAlert
}

type monitoringRow struct {
	Level1, Level2, Name, Target, Actual, Forecast, Likelihood, Category, Reason, Remedy string
	L1Span, L2Span                                                                       int
	ActualAlert, ForecastAlert, LikelihoodAlert, ReasonAlert, RemedyAlert                cellAlert
}

type monitoringSheet struct {
	Heading, Project, Department, Unit, Round, Progress string
	AsOf                                                int
	Funds                                               []monitoringFund
	FundSpan                                            int
	Goals                                               []jixiao.GoalOutcome
	GoalSpan                                            int
	Rows                                                []monitoringRow
	Deviation, Remedy                                   string
	Level                                               string // 红色预警, 黄色预警 or 无预警
	LevelClass                                          string
	Notes                                               []string
}

// MonitoringHTML writes monitoring tables in the layout of 财预〔2019〕136号's
// 项目支出绩效目标执行监控表, one table a page: each alert marks its cell (red or yellow,
// its sentence in the cell's title) and the alerts follow the table as notes, so that a
// printed table says what is wrong and where.
func MonitoringHTML(w io.Writer, title string, tables []Monitoring) error {
	if len(tables) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效监控表。")
	}
	var sheets []monitoringSheet
	for _, m := range tables {
		sheets = append(sheets, monitoringSheetOf(m.Record, m.Alerts))
	}
	if title == "" {
		title = sheets[0].Heading
	}
	return monitoringTmpl.ExecuteTemplate(w, "monitoringdoc", struct {
		Title  string
		CSS    template.CSS
		Sheets []monitoringSheet
	}{title, template.CSS(CSS), sheets})
}

func monitoringSheetOf(rec *jixiao.MonitoringRecord, alerts []monitor.Alert) monitoringSheet {
	s := monitoringSheet{Heading: rec.Title, Project: rec.Project, Department: rec.Department, Unit: rec.Unit,
		AsOf: rec.Round.AsOf, Goals: rec.Goals, Deviation: rec.Deviation, Remedy: rec.Remedy}
	if s.Heading == "" {
		s.Heading = "项目支出绩效监控表"
	}
	if rec.Round.AsOf > 0 {
		s.Round, s.Progress = rec.Round.String(), rec.Round.TimeProgress().String()+"%"
	} else if rec.Round.Year > 0 {
		s.Round = fmt.Sprintf("%d年度", rec.Round.Year)
	}
	for _, f := range rec.Funds {
		mf := monitoringFund{Name: f.Name, Initial: f.Initial.String(), Budget: f.Budget().String(), Executed: f.Executed.String(),
			Forecast: f.ForecastExecuted.String()}
		if r := f.ExecutionRate(); r.IsSet() {
			mf.Rate = r.String() + "%"
		}
		s.Funds = append(s.Funds, mf)
	}
	if len(s.Funds) == 0 {
		s.Funds = []monitoringFund{{Name: "年度资金总额"}}
	}
	if len(s.Goals) == 0 {
		s.Goals = []jixiao.GoalOutcome{{}}
	}
	s.FundSpan, s.GoalSpan = len(s.Funds)+1, len(s.Goals)+1
	for _, in := range rec.Indicators {
		s.Rows = append(s.Rows, monitoringRow{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target.Text,
			Actual: in.Actual.Text, Forecast: in.Forecast.Text, Likelihood: in.Likelihood.Label(),
			Category: in.Deviation.Category, Reason: in.Deviation.Text, Remedy: in.Remedy})
	}
	mergeMonitoringLevels(s.Rows)
	s.Level, s.LevelClass = "无预警", ""
	switch monitor.Worst(alerts) {
	case monitor.Red:
		s.Level, s.LevelClass = "红色预警", "jx-red"
	case monitor.Yellow:
		s.Level, s.LevelClass = "黄色预警", "jx-yellow"
	}
	for _, a := range alerts {
		s.Notes = append(s.Notes, a.Level.Label()+"："+a.Message)
		var i int
		var cellName string
		if _, err := fmt.Sscanf(a.Path, "funds[%d].", &i); err == nil && i < len(s.Funds) {
			s.Funds[i].ExecutedAlert.add(a)
			continue
		}
		if _, err := fmt.Sscanf(a.Path, "indicators[%d].%s", &i, &cellName); err != nil || i >= len(s.Rows) {
			continue
		}
		r := &s.Rows[i]
		switch {
		case cellName == "actual":
			r.ActualAlert.add(a)
		case cellName == "forecast":
			r.ForecastAlert.add(a)
		case cellName == "likelihood":
			r.LikelihoodAlert.add(a)
		case strings.HasPrefix(cellName, "deviation"):
			r.ReasonAlert.add(a)
		case cellName == "remedy":
			r.RemedyAlert.add(a)
		}
	}
	return s
}

// mergeMonitoringLevels sets the spans of equal 一级 and 二级 cells in consecutive rows.
func mergeMonitoringLevels(rows []monitoringRow) {
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].Level1 == rows[i].Level1 {
			j++
		}
		rows[i].L1Span = j - i
		for k := i; k < j; {
			m := k + 1
			for m < j && rows[m].Level2 == rows[k].Level2 {
				m++
			}
			rows[k].L2Span = m - k
			k = m
		}
		i = j
	}
}
