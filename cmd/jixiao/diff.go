package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "diff",
		Summary: "比较两份绩效目标申报（同一份的两个版本，或同一部门的两个年度）：逐项列出预算、职责、重点工作、指标和专项资金的变化",
		Usage:   "A B [--db 数据库] [--format text|json]（A、B 为绩效目标编号或 单位编码:年度，后加 @版本 指某一版本，如 12@3）",
		Run:     runDiff,
	})
}

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["diff"])
	db := addDBFlag(fs)
	format := addFormatFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return errUsage
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	a, err := loadPlanRef(ctx, s, pos[0])
	if err != nil {
		return err
	}
	b, err := loadPlanRef(ctx, s, pos[1])
	if err != nil {
		return err
	}
	changes := jixiao.DiffPlans(a, b)
	if changes == nil {
		changes = []jixiao.Change{}
	}
	if *format == "json" {
		return writeJSON(e.Stdout, struct {
			From    planRef         `json:"from"`
			To      planRef         `json:"to"`
			Changes []jixiao.Change `json:"changes"`
		}{refOf(a), refOf(b), changes})
	}
	fmt.Fprintf(e.Stdout, "比较：%s\n  →  %s\n", describePlan(a), describePlan(b))
	if len(changes) == 0 {
		fmt.Fprintln(e.Stdout, "两者内容相同，没有变化。")
		return nil
	}
	count := map[jixiao.ChangeKind]int{}
	rows := [][]string{{"变化", "项目", "原值", "新值"}}
	for _, c := range changes {
		count[c.Kind]++
		rows = append(rows, []string{c.Kind.Label(), c.Label, clipCell(c.Old), clipCell(c.New)})
	}
	fmt.Fprintf(e.Stdout, "共 %d 处变化（修改 %d，新增 %d，删除 %d）：\n\n", len(changes), count[jixiao.ChangeChanged], count[jixiao.ChangeAdded], count[jixiao.ChangeRemoved])
	writeAlignedTable(e.Stdout, rows, nil)
	for _, c := range changes {
		if displayWidth(c.Old) > diffCellWidth || displayWidth(c.New) > diffCellWidth {
			fmt.Fprintln(e.Stdout, "\n（较长的内容已截断，用 --format json 查看全文）")
			break
		}
	}
	return nil
}

// planRef names the plan a diff side was read from.
type planRef struct {
	ID             int64  `json:"id"`
	Version        int    `json:"version"`
	Department     string `json:"department"`
	DepartmentCode string `json:"departmentCode,omitempty"`
	Year           int    `json:"year"`
}

func refOf(p *jixiao.Plan) planRef {
	return planRef{ID: p.ID, Version: p.Version, Department: p.Department, DepartmentCode: p.DepartmentCode, Year: p.Year}
}

func describePlan(p *jixiao.Plan) string {
	return fmt.Sprintf("绩效目标 %d 第 %d 版（%s %d 年）", p.ID, p.Version, p.Department, p.Year)
}

// loadPlanRef reads a plan named on the command line: 12 or D1:2021 (the latest version),
// or either followed by @VERSION (that revision).
func loadPlanRef(ctx context.Context, s jixiao.Store, ref string) (*jixiao.Plan, error) {
	base, vs, hasVersion := strings.Cut(strings.TrimSpace(ref), "@")
	id, err := findPlanID(ctx, s, base)
	if err != nil {
		return nil, err
	}
	if !hasVersion {
		return s.Plan(ctx, id)
	}
	v, err := strconv.Atoi(vs)
	if err != nil || v < 1 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "“%s”中的版本“%s”不是正整数。", ref, vs)
	}
	return s.PlanAt(ctx, id, v)
}

const diffCellWidth = 40

// clipCell fits a value into a table cell: one line, at most diffCellWidth columns.
func clipCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if displayWidth(s) <= diffCellWidth {
		return s
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := displayWidth(string(r))
		if w+rw > diffCellWidth-1 {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return b.String() + "…"
}
