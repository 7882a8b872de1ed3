package main

import (
	"context"
	"strconv"
	"strings"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "history",
		Summary: "列出一份绩效目标申报的全部修订：版本、保存人、时间、原因",
		Usage:   "绩效目标编号|单位编码:年度 [--db 数据库] [--format text|json]",
		Run:     runHistory,
	})
}

func runHistory(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["history"])
	db := addDBFlag(fs)
	format := addFormatFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
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
	id, err := findPlanID(ctx, s, pos[0])
	if err != nil {
		return err
	}
	revs, err := s.Revisions(ctx, id)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.Stdout, revs)
	}
	rows := [][]string{{"版本", "保存人", "时间", "原因"}}
	for _, r := range revs {
		rows = append(rows, []string{strconv.Itoa(r.Version), r.Author, r.Created.In(jixiao.ChinaTime()).Format("2006-01-02 15:04:05"), r.Reason})
	}
	writeAlignedTable(e.Stdout, rows, map[int]bool{0: true})
	return nil
}

// findPlanID reads a plan reference: its number, or 单位编码:年度 (D1:2021).
func findPlanID(ctx context.Context, s jixiao.Store, ref string) (int64, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return id, nil
	}
	code, ys, ok := strings.Cut(ref, ":")
	if !ok {
		code, ys, ok = strings.Cut(ref, "：")
	}
	year, err := strconv.Atoi(ys)
	if !ok || err != nil {
		return 0, jixiao.Errorf(jixiao.EINVALID, "“%s”不是绩效目标编号，也不是“单位编码:年度”。", ref)
	}
	d, err := s.DepartmentByCode(ctx, code)
	if err != nil {
		return 0, err
	}
	p, err := s.PlanByDepartmentYear(ctx, d.ID, year)
	if err != nil {
		return 0, err
	}
	return p.ID, nil
}
