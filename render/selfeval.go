package render

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"jixiao"
	"jixiao/score"
)

//go:embed selfeval.html
var selfevalHTML string

var selfevalTmpl = template.Must(template.New("selfeval").Parse(selfevalHTML))

// SelfEvaluation is one self-evaluation table with its scores, to render.
type SelfEvaluation struct {
	Record *jixiao.SelfEvaluation
	Result *score.Result
}

type selfevalSheet struct {
	Heading, Project, Department, Unit string
	IsDept                             bool // a 部门整体支出绩效自评表: 部门（单位）名称 and 部门资金 instead of 项目名称 and 项目资金
	Year                               int
	Funds                              []jixiao.FundExecution
	FundSpan                           int
	ExecPoints, ExecRate, ExecScore    string
	ExecWritten                        string // the table's own figure where it differs
	Goals                              []jixiao.GoalOutcome
	GoalSpan                           int
	Rows                               []selfevalRow
	WeightTotal, Total, WrittenTotal   string
	Grade                              string
	Notes                              []string
}

type selfevalRow struct {
	Level1, Level2, Name, Target, Actual, Weight, Score, Written, Reason string
	// L1Span and L2Span are the rows the 一级 and 二级 cells span from this row (merged
	// down as the official form has them); 0 in a row they cover.
	L1Span, L2Span int
}

// SelfEvaluationHTML writes self-evaluation tables (项目支出绩效自评表) in the layout of
// 财预〔2020〕10号's form, one table a page, with the computed scores; where the unit's
// own figure differs, it stands beside in brackets (表中 …), and the findings follow the
// table as notes, so that a printed table says what was recomputed and why.
func SelfEvaluationHTML(w io.Writer, title string, evals []SelfEvaluation) error {
	if len(evals) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效自评表。")
	}
	var sheets []selfevalSheet
	for _, e := range evals {
		sheets = append(sheets, selfevalSheetOf(e.Record, e.Result))
	}
	if title == "" {
		title = sheets[0].Heading
	}
	return selfevalTmpl.ExecuteTemplate(w, "selfevaldoc", struct {
		Title  string
		CSS    template.CSS
		Sheets []selfevalSheet
	}{title, template.CSS(CSS), sheets})
}

func selfevalSheetOf(rec *jixiao.SelfEvaluation, res *score.Result) selfevalSheet {
	s := selfevalSheet{Heading: rec.Title, Project: rec.Project, Department: rec.Department, Unit: rec.Unit, Year: rec.Year,
		Funds: rec.Funds, Goals: rec.Goals, Grade: res.Grade}
	if s.Heading == "" || strings.Contains(s.Heading, "年度") {
		s.Heading = "项目支出绩效自评表"
	}
	if len(s.Funds) == 0 {
		s.Funds = []jixiao.FundExecution{{Name: "年度资金总额"}}
	}
	if len(s.Goals) == 0 {
		s.Goals = []jixiao.GoalOutcome{{}}
	}
	s.IsDept = rec.Project == "" && strings.Contains(s.Heading, "部门整体")
	if s.IsDept && s.Department == "" {
		s.Department = rec.Unit
	}
	s.FundSpan, s.GoalSpan = len(s.Funds)+1, len(s.Goals)+1
	ex := res.Execution
	s.ExecPoints, s.ExecRate, s.ExecScore = ex.Points.String(), ex.Rate.String(), ex.Score.String()
	if s.ExecRate != "" {
		s.ExecRate += "%"
	}
	if ex.WrittenScore.IsSet() && !ex.WrittenScore.Equal(ex.Score) {
		s.ExecWritten = ex.WrittenScore.String()
	}
	weights := jixiao.Decimal{}
	if ex.Points.IsSet() {
		weights = ex.Points
	}
	for i, in := range rec.Indicators {
		r := selfevalRow{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target.Text, Actual: in.Actual.Text,
			Weight: in.Weight.String(), Reason: in.Reason}
		weights = weights.Add(in.Weight)
		if i < len(res.Indicators) {
			sc := res.Indicators[i]
			r.Score = sc.Score.String()
			if sc.WrittenScore.IsSet() && !sc.WrittenScore.Equal(sc.Score) {
				r.Written = sc.WrittenScore.String()
			}
		}
		s.Rows = append(s.Rows, r)
	}
	levelSpans(len(s.Rows), func(i int) (string, string) { return s.Rows[i].Level1, s.Rows[i].Level2 },
		func(i, l1, l2 int) { s.Rows[i].L1Span, s.Rows[i].L2Span = l1, l2 })
	s.WeightTotal, s.Total = weights.String(), res.Total.String()
	if res.WrittenTotal.IsSet() && !res.WrittenTotal.Equal(res.Total) {
		s.WrittenTotal = res.WrittenTotal.String()
	}
	if !res.Complete {
		s.Grade = "—"
	}
	for _, f := range res.Findings {
		s.Notes = append(s.Notes, f.Message)
	}
	return s
}
