package http

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"jixiao"
	"jixiao/score"
)

// The finance bureau's table of self-evaluation scores (结果应用): every table's score and
// grade for a year, the low scorers and the indicators most often missed, of the user's
// department subtree (the bureau: its region; a 单位负责人: their own units), on a page
// and as xlsx (score.Summarize, as jixiao score --summary).

// scoreRow is one self-evaluation table in the score table.
type scoreRow struct {
	Department, Table, Status string
	Total, Grade              string
	Reviewed, Diff            string
	Errors, Warnings          int
	Href                      string
}

type scoreMissed struct {
	Name, Level1   string
	Missed, Scored int
}

type scoreTablePage struct {
	layout
	Year     int
	Rule     string
	Rows     []scoreRow
	Low      []scoreRow
	LowBelow string
	Missed   []scoreMissed
	Grades   []gradeCount
	Export   string
	// The finance bureau picks the year's rule among the built-in ones (score/rules).
	CanSetRule bool
	RuleID     string
	Rules      []ruleOption
	RuleSet    string // who chose the rule and when; empty: the default
	Due        string // the region's self-evaluation deadline of the year, if set
	DueHref    string // where the bureau sets it and grants exceptions
	// The re-check differences per unit and per clause of the rule.
	RecheckUnits, RecheckClauses []recheckRow
}

type ruleOption struct{ ID, Name string }

type gradeCount struct {
	Name  string
	Count int
}

// scoreTable builds the score table of the year asked for (?year=; default: last year,
// or the latest year before it with plans in the region when last year has none).
func (s *Server) scoreTable(ctx context.Context, c *reqCtx, r *http.Request) (*scoreTablePage, error) {
	def := s.cfg.Now().In(jixiao.ChinaTime()).Year() - 1
	years, err := s.store.PlanYears(ctx, c.user.DepartmentID)
	if err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(years, func(y int) bool { return y <= def }); i >= 0 {
		def = years[i]
	}
	year := yearParam(r, def)
	recs, err := s.store.SelfEvaluationsOfYear(ctx, year, c.user.DepartmentID)
	if err != nil {
		return nil, err
	}
	rule, err := s.ruleFor(ctx, c.user.DepartmentID, year)
	if err != nil {
		return nil, err
	}
	pg := &scoreTablePage{Year: year, Rule: rule.Name, RuleID: rule.ID, Export: "/review/scores.xlsx?year=" + strconv.Itoa(year),
		CanSetRule: c.can(ctx, actDeadlines, nil, ""), DueHref: deadlinesHref(jixiao.StageSelfEvaluation, year)}
	for _, r := range score.Rules() {
		pg.Rules = append(pg.Rules, ruleOption{ID: r.ID, Name: r.Name})
	}
	if d, err := s.store.StageDeadlineFor(ctx, jixiao.StageSelfEvaluation, c.user.DepartmentID, year); err == nil {
		pg.Due = dueText(d, nil, s.cfg.Now())
	} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return nil, err
	}
	if ch, err := s.store.ScoreRuleFor(ctx, c.user.DepartmentID, year); err == nil {
		pg.RuleSet = fmt.Sprintf("%s于 %s 选定", ch.SetBy, localTime(ch.Set))
	} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return nil, err
	}
	scored := make([]score.Scored, 0, len(recs))
	rows := make([]scoreRow, 0, len(recs))
	rechecks := newRecheckTally()
	for _, rec := range recs {
		res := scoreRecord(rule, &rec.Eval)
		scored = append(scored, score.Scored{Record: &rec.Eval, Result: res})
		row := scoreRow{Department: rec.Eval.Department, Table: tableName(rec), Status: rec.Status.Label(),
			Total: res.Total.String(), Grade: res.Grade, Href: fmt.Sprintf("/plans/%d/selfeval/%d", rec.PlanID, rec.Table)}
		if row.Department == "" {
			row.Department = rec.Eval.Unit
		}
		all, err := s.store.ReviewScores(ctx, rec.ID)
		if err != nil {
			return nil, err
		}
		if len(all) > 0 {
			latest := jixiao.LatestReviewScores(all)
			t, d := reviewedTotal(res, latest)
			row.Reviewed, row.Diff = t.String(), d.String()
			rechecks.add(row.Department, res, latest)
		}
		rows = append(rows, row)
	}
	sum := rule.Summarize(scored, jixiao.Decimal{}, 20)
	for i, u := range sum.Units {
		rows[i].Errors, rows[i].Warnings = u.Errors, u.Warnings
	}
	pg.Rows = rows
	pg.RecheckUnits, pg.RecheckClauses = rechecks.rows()
	// The low scorers, lowest first: Summarize's order, matched back to the rows.
	used := map[int]bool{}
	for _, u := range sum.Low {
		for i, su := range sum.Units {
			if !used[i] && su == u {
				used[i] = true
				pg.Low = append(pg.Low, rows[i])
				break
			}
		}
	}
	if len(rule.Grades) > 1 {
		pg.LowBelow = rule.Grades[1].From.String() + " 分（" + rule.Grades[1].Name + "）"
	}
	for _, m := range sum.Missed {
		pg.Missed = append(pg.Missed, scoreMissed{Name: m.Name, Level1: m.Level1, Missed: m.Missed, Scored: m.Scored})
	}
	for _, g := range rule.Grades {
		pg.Grades = append(pg.Grades, gradeCount{Name: g.Name, Count: sum.ByGrade[g.Name]})
	}
	pg.Title, pg.Nav, pg.Wide = fmt.Sprintf("%d年绩效自评得分汇总", year), "dashboard", true
	return pg, nil
}
