// Package opendata writes plans for publication (预算公开) in open formats: the Plan as
// JSON, and three CSV tables — plans.csv, one row per plan with its budget,
// projects.csv, one row per project (the seed's 支出方向 and the 项目支出绩效目标表 of no
// fund) with its money by source, and indicators.csv, one row per 绩效指标 with its levels
// and its target read into operator, number and unit. The CSVs are UTF-8 with a byte order mark so that Excel opens the
// Chinese correctly. docs/opendata.md describes every column.
package opendata

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"jixiao"
)

// File names of the CSV tables.
const (
	PlansFile      = "plans.csv"
	IndicatorsFile = "indicators.csv"
	ProjectsFile   = "projects.csv"
)

// bom makes Excel read the CSV as UTF-8.
const bom = "\uFEFF"

// PlanColumns and IndicatorColumns are the header rows of the two CSV tables.
var (
	PlanColumns = []string{"plan_id", "department_code", "department", "year", "framework", "status",
		"total", "general_budget", "gov_fund", "other_funds", "basic", "project"}
	IndicatorColumns = []string{"plan_id", "department_code", "department", "year", "table", "level1", "level2",
		"name", "target", "operator", "number", "unit", "kind", "note", "weight", "direction"}
	ProjectColumns = []string{"plan_id", "department_code", "department", "year", "fund", "project", "code",
		"authority", "unit", "total", "fiscal", "upper", "other", "period", "period_goal", "annual_goal", "indicators"}
)

// TableDepartment is the table column of the department table's indicators; indicators
// of a 附件3 table carry the fund item's name.
const TableDepartment = "部门整体"

// WriteJSON writes the plan as indented JSON, the same form the API and `jixiao parse` use.
func WriteJSON(w io.Writer, p *jixiao.Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	return nil
}

// WritePlans writes plans.csv.
func WritePlans(w io.Writer, plans []*jixiao.Plan) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := newCSVWriter(w)
	cw.Write(PlanColumns)
	for _, p := range plans {
		b := p.Budget
		cw.Write([]string{id(p), p.DepartmentCode, p.Department, year(p.Year), p.Framework, string(p.Status),
			b.Total.String(), b.GeneralBudget.String(), b.GovFund.String(), b.OtherFunds.String(), b.Basic.String(), b.Project.String()})
	}
	cw.Flush()
	return cw.Error()
}

// WriteIndicators writes indicators.csv: the department table's indicators first, then
// each 附件3 table's, then each project table's of no fund (Plan.Projects), in the order
// of the plan.
func WriteIndicators(w io.Writer, plans []*jixiao.Plan) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := newCSVWriter(w)
	cw.Write(IndicatorColumns)
	for _, p := range plans {
		row := func(table string, in jixiao.Indicator) {
			t := in.Target
			var op, num string
			if t.Kind == jixiao.TargetNumeric {
				op, num = string(t.EffectiveOp()), t.Value.String()
			}
			cw.Write([]string{id(p), p.DepartmentCode, p.Department, year(p.Year), table, in.Level1, in.Level2,
				in.Name, t.Text, op, num, t.Unit, string(t.Kind), in.Note, in.Weight, in.Direction.Label()})
		}
		for _, in := range p.Indicators {
			row(TableDepartment, in)
		}
		for _, it := range p.AllProjects() {
			for _, in := range it.Indicators {
				row(it.Name, in)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteProjects writes projects.csv: each 支出方向 of the special funds (with its fund's
// name), then each project table of no fund, in the order of the plan.
func WriteProjects(w io.Writer, plans []*jixiao.Plan) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := newCSVWriter(w)
	cw.Write(ProjectColumns)
	for _, p := range plans {
		row := func(fund string, pr *jixiao.Project) {
			money := func(s jixiao.FundSource) string {
				if f, ok := pr.Fund(s); ok {
					if f.Amount.IsSet() {
						return f.Amount.String()
					}
					return f.Text
				}
				return ""
			}
			period := pr.PeriodText
			if period == "" {
				period = pr.Period.Text
			}
			cw.Write([]string{id(p), p.DepartmentCode, p.Department, year(p.Year), fund, pr.Name, pr.Code, pr.Authority, pr.Unit,
				pr.Amount.String(), money(jixiao.FundFiscal), money(jixiao.FundUpper), money(jixiao.FundOther),
				period, pr.PeriodGoal, pr.AnnualGoal, strconv.Itoa(len(pr.Indicators))})
		}
		for i := range p.SpecialFunds {
			f := &p.SpecialFunds[i]
			for k := range f.Items {
				row(f.Name, &f.Items[k])
			}
		}
		for k := range p.Projects {
			row("", &p.Projects[k])
		}
	}
	cw.Flush()
	return cw.Error()
}

func id(p *jixiao.Plan) string {
	if p.ID == 0 {
		return ""
	}
	return strconv.FormatInt(p.ID, 10)
}

func year(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// WriteDir writes plans.csv, projects.csv and indicators.csv into dir, creating it.
func WriteDir(dir string, plans []*jixiao.Plan) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for name, write := range map[string]func(io.Writer, []*jixiao.Plan) error{PlansFile: WritePlans, ProjectsFile: WriteProjects, IndicatorsFile: WriteIndicators} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
		if err := write(f, plans); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("close %s: %w", name, err)
		}
	}
	return nil
}

// WriteZip writes a zip holding plans.csv, projects.csv and indicators.csv.
func WriteZip(w io.Writer, plans []*jixiao.Plan) error {
	zw := zip.NewWriter(w)
	for _, x := range []struct {
		name  string
		write func(io.Writer, []*jixiao.Plan) error
	}{{PlansFile, WritePlans}, {ProjectsFile, WriteProjects}, {IndicatorsFile, WriteIndicators}} {
		fw, err := zw.Create(x.name)
		if err != nil {
			return fmt.Errorf("zip %s: %w", x.name, err)
		}
		if err := x.write(fw, plans); err != nil {
			return fmt.Errorf("write %s: %w", x.name, err)
		}
	}
	return zw.Close()
}
