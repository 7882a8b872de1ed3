package http

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/check"
	"jixiao/xlsx"
)

// Board states: how the finance bureau reads a department's progress (审核进度).
const (
	boardNotStarted = "未开始"
	boardDraft      = "草稿"
	boardSubmitted  = "已提交"
	boardReturned   = "已退回"
	boardApproved   = "已通过"
	boardPublished  = "已公开"
)

var boardStates = []string{boardNotStarted, boardDraft, boardSubmitted, boardReturned, boardApproved, boardPublished}

func boardState(st jixiao.Status) string {
	switch st {
	case jixiao.Submitted, jixiao.UnitApproved:
		return boardSubmitted
	case jixiao.Returned:
		return boardReturned
	case jixiao.Approved:
		return boardApproved
	case jixiao.Published:
		return boardPublished
	}
	return boardDraft
}

// boardRow is one department of the region on the status board.
type boardRow struct {
	Code, Name  string
	State       string
	Detail      string // the workflow state as stored (单位已审核, …)
	PlanID      int64
	Errors      int
	Warnings    int
	Updated     string
	UpdatedBy   string
	DaysLeft    string
	Overdue     bool
	HasDeadline bool
}

// boardPage is the finance bureau's status board for one year.
type boardPage struct {
	layout
	Year     int
	Years    []int
	State    string
	Query    string
	States   []string
	Rows     []boardRow
	Counts   map[string]int
	Deadline string
	Export   string
}

// region is the department tree the user reviews: the subtree of their department.
func (c *reqCtx) region(ctx context.Context) (*jixiao.Department, []*jixiao.Department, error) {
	ds, err := c.departments(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(ds) == 0 {
		return nil, nil, jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号没有分配单位，无法查看本地区的数据。")
	}
	return ds[0], ds, nil
}

func yearParam(r *http.Request, def int) int {
	y, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || y < 1900 || y > 2200 {
		return def
	}
	return y
}

// board computes the rows of the status board.
func (s *Server) board(ctx context.Context, c *reqCtx, r *http.Request) (*boardPage, error) {
	root, ds, err := c.region(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Now()
	pg := &boardPage{Year: yearParam(r, now.In(jixiao.ChinaTime()).Year()), State: r.URL.Query().Get("state"),
		Query: strings.TrimSpace(r.URL.Query().Get("q")), States: boardStates, Counts: map[string]int{}}
	all, _, err := s.store.Plans(ctx, jixiao.PlanFilter{DepartmentID: root.ID})
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	byDept := map[int64]jixiao.PlanSummary{}
	for _, p := range all {
		if !seen[p.Year] {
			seen[p.Year] = true
			pg.Years = append(pg.Years, p.Year)
		}
		if p.Year == pg.Year {
			byDept[p.DepartmentID] = p
		}
	}
	if !seen[pg.Year] {
		pg.Years = append([]int{pg.Year}, pg.Years...)
	}
	if d, err := s.store.DeadlineFor(ctx, root.ID, pg.Year); err == nil {
		pg.Deadline = localTime(d.Due) + "（" + d.SetBy + "设定）"
	} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return nil, err
	}
	for _, d := range ds {
		if d.Kind == jixiao.KindBureau {
			continue // the bureau reviews; it files no plan of its own here
		}
		row := boardRow{Code: d.Code, Name: d.Name, State: boardNotStarted}
		if p, ok := byDept[d.ID]; ok {
			row.State, row.Detail, row.PlanID = boardState(p.Status), p.Status.Label(), p.ID
			row.Updated, row.UpdatedBy = localTime(p.Updated), p.UpdatedBy
			plan, err := s.store.Plan(ctx, p.ID)
			if err != nil {
				return nil, err
			}
			for _, f := range s.checkPlan(plan).Findings {
				switch f.Severity {
				case check.Error:
					row.Errors++
				case check.Warning:
					row.Warnings++
				}
			}
		}
		if err := s.daysLeft(ctx, d.ID, pg.Year, now, &row); err != nil {
			return nil, err
		}
		pg.Counts[row.State]++
		if pg.State != "" && row.State != pg.State {
			continue
		}
		if pg.Query != "" && !strings.Contains(row.Name, pg.Query) && !strings.Contains(row.Code, pg.Query) {
			continue
		}
		pg.Rows = append(pg.Rows, row)
	}
	q := url.Values{"year": {strconv.Itoa(pg.Year)}}
	if pg.State != "" {
		q.Set("state", pg.State)
	}
	if pg.Query != "" {
		q.Set("q", pg.Query)
	}
	pg.Export = "/review/board.xlsx?" + q.Encode()
	return pg, nil
}

// daysLeft fills in the days to the deadline that applies to the department (its
// exception's end, when one was granted).
func (s *Server) daysLeft(ctx context.Context, deptID int64, year int, now time.Time, row *boardRow) error {
	d, err := s.store.DeadlineFor(ctx, deptID, year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		row.DaysLeft = "未设定"
		return nil
	} else if err != nil {
		return err
	}
	due := d.Due
	ex, err := s.store.ExceptionFor(ctx, deptID, year)
	if err == nil && ex.Until.After(due) {
		due = ex.Until
	} else if err != nil && jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return err
	}
	row.HasDeadline = true
	days := int(math.Ceil(due.Sub(now).Hours() / 24))
	switch {
	case row.State != boardNotStarted && row.State != boardDraft && row.State != boardReturned:
		row.DaysLeft = "—"
	case days >= 0:
		row.DaysLeft = fmt.Sprintf("%d 天", days)
	default:
		row.DaysLeft, row.Overdue = fmt.Sprintf("已过 %d 天", -days), true
	}
	if err == nil {
		row.DaysLeft += "（已延期）"
	}
	return nil
}

// boardShow shows the status board (GET /review/board?year=&state=&q=).
func boardShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.board(r.Context(), c, r)
	if err != nil {
		return err
	}
	pg.Title, pg.Nav, pg.Wide = fmt.Sprintf("%d年审核进度", pg.Year), "board", true
	s.render(w, r, c, http.StatusOK, "board", pg)
	return nil
}

// boardExport downloads the board as it is filtered (GET /review/board.xlsx).
func boardExport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.board(r.Context(), c, r)
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(pg.Rows))
	for _, b := range pg.Rows {
		rows = append(rows, []any{b.Code, b.Name, b.State, b.Detail, b.Errors, b.Warnings, b.Updated, b.UpdatedBy, b.DaysLeft})
	}
	var buf bytes.Buffer
	title := fmt.Sprintf("%d年预算绩效目标审核进度", pg.Year)
	if err := xlsx.WriteTable(&buf, "审核进度", title, []string{"单位编码", "单位", "状态", "流程状态", "错误", "警告", "最后修改", "修改人", "距截止"}, rows); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 %d 年审核进度（%d 个单位）", pg.Year, len(rows))
	name := fmt.Sprintf("审核进度-%d.xlsx", pg.Year)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"board.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}
