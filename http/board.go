package http

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
	"jixiao/xlsx"
)

// Board states: how the finance bureau reads a department's progress (审核进度).
const (
	boardNotStarted = "未开始"
	boardDraft      = "草稿"
	boardSubmitted  = "已提交"
	// boardUnitApproved: the unit's leader has approved, the finance bureau has not yet:
	// filed, and what waits for the bureau's review.
	boardUnitApproved = "单位已审核"
	boardReturned     = "已退回"
	boardApproved     = "已通过"
	boardPublished    = "已公开"
)

var boardStates = []string{boardNotStarted, boardDraft, boardSubmitted, boardUnitApproved, boardReturned, boardApproved, boardPublished}

func boardState(st jixiao.Status) string {
	switch st {
	case jixiao.Submitted:
		return boardSubmitted
	case jixiao.UnitApproved:
		return boardUnitApproved
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
	Checked     bool // selected for a bulk step that was refused
	DeptID      int64
	Code, Name  string
	State       string
	Detail      string // the workflow state as stored (单位已审核, …)
	PlanID      int64
	Version     int
	Errors      string // "—" before the unit has started: nothing to count yet
	Warnings    string
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
	ByParent int // units whose parent department files for them: not on the board
	Deadline string
	Export   string
	Back     string // this board's own address, for the bulk form's return
	Approve  bool   // some shown plans may be approved or returned in bulk
	Reason   string // a refused bulk step's reason, kept in its box
	Problem  string // why it was refused
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
	k, err := s.cockpit(ctx, c, yearParam(r, 0))
	if err != nil {
		return nil, err
	}
	pg := &boardPage{Year: k.Year, Years: k.Years, State: r.URL.Query().Get("state"),
		Query: strings.TrimSpace(r.URL.Query().Get("q")), States: boardStates, Counts: map[string]int{}}
	if k.Deadline != nil {
		pg.Deadline = localTime(k.Deadline.Due) + "（" + k.Deadline.SetBy + "设定）"
	}
	for _, u := range k.Units {
		if u.ByParent {
			pg.ByParent++
			continue
		}
		d := u.Dept
		row := boardRow{DeptID: d.ID, Code: d.Code, Name: d.Name, State: u.State, Errors: "—", Warnings: "—"}
		if p := u.Plan; p != nil {
			row.Detail, row.PlanID, row.Version = p.Status.Label(), p.ID, p.Version
			row.Updated, row.UpdatedBy = localTime(p.Updated), p.UpdatedBy
		}
		daysLeft(u, &row)
		pg.Counts[row.State]++
		if pg.State != "" && row.State != pg.State {
			continue
		}
		if pg.Query != "" && !strings.Contains(row.Name, pg.Query) && !strings.Contains(row.Code, pg.Query) {
			continue
		}
		if row.PlanID != 0 {
			rep, err := s.reportAt(ctx, row.PlanID, row.Version)
			if err != nil {
				return nil, err
			}
			var e, w int
			for _, f := range rep.Findings {
				switch f.Severity {
				case check.Error:
					e++
				case check.Warning:
					w++
				}
			}
			row.Errors, row.Warnings = strconv.Itoa(e), strconv.Itoa(w)
			if u.Plan.Status == jixiao.UnitApproved || u.Plan.Status == jixiao.Approved {
				pg.Approve = true
			}
		}
		pg.Rows = append(pg.Rows, row)
	}
	who := s.namer(ctx, actors(pg.Rows, func(r boardRow) string { return r.UpdatedBy }))
	for i := range pg.Rows {
		pg.Rows[i].UpdatedBy = who(pg.Rows[i].UpdatedBy)
	}
	q := url.Values{"year": {strconv.Itoa(pg.Year)}}
	if pg.State != "" {
		q.Set("state", pg.State)
	}
	if pg.Query != "" {
		q.Set("q", pg.Query)
	}
	pg.Export = "/review/board.xlsx?" + q.Encode()
	pg.Back = "/review/board?" + q.Encode()
	return pg, nil
}

// daysLeft fills in the days to the deadline that applies to the unit (its exception's
// end, when one was granted).
func daysLeft(u *unitState, row *boardRow) {
	if u.Due.IsZero() {
		row.DaysLeft = "未设定"
		return
	}
	row.HasDeadline = true
	switch {
	case u.filed():
		row.DaysLeft = "—"
	case u.DaysLeft >= 0:
		row.DaysLeft = fmt.Sprintf("%d 天", u.DaysLeft)
	default:
		row.DaysLeft, row.Overdue = fmt.Sprintf("已过 %d 天", -u.DaysLeft), true
	}
	if u.Extended {
		row.DaysLeft += "（已延期）"
	}
}

// boardShow shows the status board (GET /review/board?year=&state=&q=).
func boardShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.board(r.Context(), c, r)
	if err != nil {
		return err
	}
	pg.Title, pg.Nav, pg.Wide = fmt.Sprintf("%d年审核进度", pg.Year), "board", true
	pg.Flash = bulkFlash(r)
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
		var e, w any = b.Errors, b.Warnings // "—": not started, nothing counted
		if b.PlanID != 0 {
			e, w = atoiOr(b.Errors), atoiOr(b.Warnings)
		}
		rows = append(rows, []any{b.Code, b.Name, b.State, b.Detail, e, w, b.Updated, b.UpdatedBy, b.DaysLeft})
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

// atoiOr is the number a board cell holds, for the export's numeric cells.
func atoiOr(s string) any {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return s
}
