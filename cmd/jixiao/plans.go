package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "plans",
		Summary: "列出数据库中的绩效目标申报",
		Usage:   "[--db 数据库] [--year 年度] [--department 单位编码] [--status 状态] [--format text|json]",
		Run:     runPlans,
	})
}

func runPlans(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["plans"])
	db := addDBFlag(fs)
	year := fs.Int("year", 0, "只列出该预算年度")
	dept := fs.String("department", "", "只列出该单位（按单位编码）及其下级单位")
	status := fs.String("status", "", "只列出该状态：draft 草稿、submitted 已提交、unit_approved 单位已审核、returned 已退回、approved 已通过、published 已公开")
	query := fs.String("query", "", "单位名称或编码包含的文字")
	format := addFormatFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	st, err := parseStatus(*status)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	list, total, err := s.Plans(ctx, jixiao.PlanFilter{Year: *year, Department: *dept, Status: st, Query: *query})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.Stdout, struct {
			Total int                  `json:"total"`
			Plans []jixiao.PlanSummary `json:"plans"`
		}{total, list})
	}
	if len(list) == 0 {
		fmt.Fprintln(e.Stdout, "没有符合条件的绩效目标申报。")
		return nil
	}
	rows := [][]string{{"编号", "单位编码", "部门", "年度", "指标体系", "状态", "版本", "修订数"}}
	for _, p := range list {
		rows = append(rows, []string{strconv.FormatInt(p.ID, 10), p.DepartmentCode, p.Department, strconv.Itoa(p.Year),
			p.Framework, p.Status.Label(), strconv.Itoa(p.Version), strconv.Itoa(p.Revisions)})
	}
	writeAlignedTable(e.Stdout, rows, map[int]bool{0: true, 3: true, 6: true, 7: true})
	fmt.Fprintf(e.Stdout, "共 %d 份\n", total)
	return nil
}

var statuses = []jixiao.Status{jixiao.Draft, jixiao.Submitted, jixiao.UnitApproved, jixiao.Returned, jixiao.Approved, jixiao.Published}

// parseStatus reads a workflow state by its code (draft) or its Chinese label (草稿).
func parseStatus(s string) (jixiao.Status, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, st := range statuses {
		if s == string(st) || s == st.Label() {
			return st, nil
		}
	}
	return "", jixiao.Errorf(jixiao.EINVALID, "未知状态“%s”：可用的有“draft”“submitted”“unit_approved”“returned”“approved”“published”。", s)
}

// writeAlignedTable writes rows as columns separated by two spaces, padded by display
// width (a Chinese character is two columns wide); columns in right are right-aligned.
func writeAlignedTable(w io.Writer, rows [][]string, right map[int]bool) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(pad + c)
			} else if i < len(r)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// displayWidth is the number of terminal columns s takes: two for East Asian wide and
// full-width characters (CJK, full-width punctuation), one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,
			r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
			r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
			n += 2
		default:
			n++
		}
	}
	return n
}
