package render

import (
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/score"
)

//go:embed selfevalreport.html
var selfevalReportHTML string

var selfevalReportTmpl = template.Must(template.Must(selfevalTmpl.Clone()).Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).Parse(selfevalReportHTML))

// SelfEvaluationReport is a unit's self-evaluation report (绩效自评报告): its tables, the
// rule they were scored by, and the unit's own overview.
type SelfEvaluationReport struct {
	Unit     string
	Year     int
	Rule     string // the scoring rule's name
	Overview string // the unit's account of the year, as written; may be empty
	Evals    []SelfEvaluation
}

type reportRow struct {
	Name, Rate, Total, Written, Grade string
	Goals                             []jixiao.GoalOutcome
	Missed                            string
	Conclusion, Problems, Remedies    string
}

// SelfEvaluationReportHTML writes the self-evaluation report as one printable page: 一、
// 基本情况 (the tables and the budget executed), 二、自评结果 (each table's computed total
// beside the unit's own, and its grade), 三、the goals achieved, the indicators not fully
// met, the problems and remedies in the unit's words, and 四、the tables themselves in
// 10号's layout with their findings. pdf.RenderHTML prints it.
func SelfEvaluationReportHTML(w io.Writer, rep SelfEvaluationReport) error {
	if len(rep.Evals) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效自评表。")
	}
	data := struct {
		Title, Unit, Rule, Overview, Adjusted, Executed, Rate string
		Year, Departments, Projects, Findings                 int
		Rows                                                  []reportRow
		Sheets                                                []selfevalSheet
		CSS                                                   template.CSS
	}{Unit: rep.Unit, Year: rep.Year, Rule: rep.Rule, Overview: rep.Overview, CSS: template.CSS(CSS)}
	var adj, exe jixiao.Decimal
	for _, e := range rep.Evals {
		rec, res := e.Record, e.Result
		if data.Unit == "" {
			data.Unit = rec.Department
		}
		if data.Year == 0 {
			data.Year = rec.Year
		}
		name := rec.Project
		if name == "" {
			name = "部门整体支出"
			data.Departments++
		} else {
			data.Projects++
		}
		row := reportRow{Name: name, Total: res.Total.String(), Goals: rec.Goals, Conclusion: rec.Conclusion,
			Problems: rec.Problems, Remedies: rec.Remedies, Grade: res.Grade}
		if res.Execution.Rate.IsSet() {
			row.Rate = res.Execution.Rate.String() + "%"
		}
		if res.WrittenTotal.IsSet() {
			row.Written = res.WrittenTotal.String()
		}
		if !res.Complete {
			row.Grade = "—（尚有指标未计分）"
		}
		var missed []string
		for _, in := range res.Indicators {
			if in.Score.IsSet() && in.Score.Cmp(in.Weight) < 0 {
				missed = append(missed, "“"+in.Name+"”（得分 "+in.Score.String()+"／分值 "+in.Weight.String()+"）")
			}
		}
		row.Missed = strings.Join(missed, "、")
		data.Rows = append(data.Rows, row)
		data.Findings += len(res.Findings)
		data.Sheets = append(data.Sheets, selfevalSheetOf(rec, res))
		// The department's budget is the unit's whole budget and the projects' are parts
		// of it: the projects are added up only when there is no department table. The
		// figures are those scored (a total row left at 0 is its sources' sum).
		if rec.Project == "" || !hasDepartment(rep.Evals) {
			b := score.FromRecord(rec).Budget
			if b.Adjusted.IsSet() {
				adj = adj.Add(b.Adjusted)
			} else {
				adj = adj.Add(b.Initial)
			}
			exe = exe.Add(b.Executed)
		}
	}
	data.Title = data.Unit + strconv.Itoa(data.Year) + "年度绩效自评报告"
	if data.Year == 0 {
		data.Title = data.Unit + "绩效自评报告"
	}
	data.Adjusted, data.Executed = decOrDash(adj), decOrDash(exe)
	if adj.IsSet() && exe.IsSet() && adj.Cmp(jixiao.Int(0)) > 0 {
		data.Rate = score.Percent(exe, adj).String()
	}
	return selfevalReportTmpl.ExecuteTemplate(w, "selfevalreport", data)
}

// hasDepartment reports whether a department table is among the tables: its budget is
// the unit's whole budget, the projects' are parts of it.
func hasDepartment(evals []SelfEvaluation) bool {
	for _, e := range evals {
		if e.Record.Project == "" {
			return true
		}
	}
	return false
}

func decOrDash(d jixiao.Decimal) string {
	if !d.IsSet() {
		return "—"
	}
	return d.String()
}
