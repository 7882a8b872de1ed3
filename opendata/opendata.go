// Package opendata writes plans for publication (预算公开) in open formats: the Plan as
// JSON, and two CSV tables — plans.csv, one row per plan with its budget, and
// indicators.csv, one row per 绩效指标 with its levels and its target read into operator,
// number and unit. The CSVs are UTF-8 with a byte order mark so that Excel opens the
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
)

// bom makes Excel read the CSV as UTF-8.
const bom = "\uFEFF"

// PlanColumns and IndicatorColumns are the header rows of the two CSV tables.
var (
	PlanColumns = []string{"plan_id", "department_code", "department", "year", "framework", "status",
		"total", "general_budget", "gov_fund", "other_funds", "basic", "project"}
	IndicatorColumns = []string{"plan_id", "department_code", "department", "year", "table", "level1", "level2",
		"name", "target", "operator", "number", "unit", "kind", "note"}
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
// each 附件3 table's, in the order of the plan.
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
				in.Name, t.Text, op, num, t.Unit, string(t.Kind), in.Note})
		}
		for _, in := range p.Indicators {
			row(TableDepartment, in)
		}
		for _, it := range p.Items() {
			for _, in := range it.Indicators {
				row(it.Name, in)
			}
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

// WriteDir writes plans.csv and indicators.csv into dir, creating it.
func WriteDir(dir string, plans []*jixiao.Plan) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for name, write := range map[string]func(io.Writer, []*jixiao.Plan) error{PlansFile: WritePlans, IndicatorsFile: WriteIndicators} {
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

// WriteZip writes a zip holding plans.csv and indicators.csv.
func WriteZip(w io.Writer, plans []*jixiao.Plan) error {
	zw := zip.NewWriter(w)
	for _, x := range []struct {
		name  string
		write func(io.Writer, []*jixiao.Plan) error
	}{{PlansFile, WritePlans}, {IndicatorsFile, WriteIndicators}} {
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
