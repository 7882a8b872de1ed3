package textdoc_test

import (
	"os"
	"strings"
	"testing"

	"jixiao/textdoc"
)

// review8Seed is the seed with the rows at line index `at` (0-based) of its text inserted.
func review8Seed(t *testing.T, at int, insert ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	out := append(append(append([]string{}, lines[:at]...), insert...), lines[at:]...)
	return []byte(strings.Join(out, "\n"))
}

// TestReview8DutiesYearRow: yearRow (0c05228, for "(2023年度)" under the national form's
// title) runs before the 部门职责概述 continuation, so a short one-cell row of the duties
// that names a year ("2021年工作要点") is dropped silently: before 0c05228 it was part of
// Plan.Duties. It should stay in the duties (or at least be kept somewhere).
func TestReview8DutiesYearRow(t *testing.T) {
	data := review8Seed(t, 35, "", "\t2021年工作要点")
	p, err := textdoc.Read("seed-duties.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Duties, "2021年工作要点") {
		t.Errorf("the duties row “2021年工作要点” is lost; Duties = %q", p.Duties)
	}
}

// review8Rows is the seed split into rows (a blank line ends a row).
func review8Rows(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n\n")
}

// TestReview8TaskAmountBeforeOtherColumns: a 年度重点工作计划 whose 金额 column stands
// before 责任单位/科室 and 工作目标 (事项 | 金额 | 责任单位/科室 | 工作目标). taskRow
// takes every column from the 预算金额 column to the table's end as the task's money, so
// each task's 责任单位 and 工作目标 are copied a second time into Plan.Other as
// “巩固大统战工作格局 预算金额第2列 | 统战部”, “… 预算金额第3列 | 健全完善…” (14 bogus rows that
// render and the xlsx export then show). Only the amount columns are money.
func TestReview8TaskAmountBeforeOtherColumns(t *testing.T) {
	rows := review8Rows(t)
	rows[9] = "\t年度重点       工作计划\n\t事项\n\t金额\n\t责任单位/科室\n\t工作目标"
	for k, i := 0, 10; i <= 16; k, i = k+1, i+1 {
		c := strings.Split(rows[i], "\n")
		c = append(c[:2], append([]string{"\t" + string(rune('1'+k))}, c[2:]...)...)
		rows[i] = strings.Join(c, "\n")
	}
	p, err := textdoc.Read("seed-amount-first.txt", []byte(strings.Join(rows, "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.KeyTasks) != 7 || p.KeyTasks[0].SpendingAmount != "1" || p.KeyTasks[0].Owner != "统战部" {
		t.Fatalf("tasks: %+v", p.KeyTasks)
	}
	for _, o := range p.Other {
		t.Errorf("a task cell copied into Other: %s | %.30s", o.Label, o.Value)
	}
}
