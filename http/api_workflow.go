package http

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
	"jixiao/pdf"
)

// apiTransitionInput is the body of a workflow step.
type apiTransitionInput struct {
	Action       string           `json:"action"`
	Version      int              `json:"version"`
	Reason       string           `json:"reason,omitempty"`
	Explanations []apiExplanation `json:"explanations,omitempty"`
}

// apiExplanation is the written explanation of one warning (rule and cell), required for
// every warning when submitting, as on the submit page.
type apiExplanation struct {
	Rule string `json:"rule"`
	Path string `json:"path"`
	Text string `json:"text"`
}

// apiTransition takes a workflow step (POST /api/v1/plans/{id}/transitions): the same
// checks as the page's transition, in the same order: the version, then the state
// machine and the role (jixiao.NextStatus), the deadline, and for a submission the
// checks' errors and an explanation for each warning.
func apiTransition(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	var in apiTransitionInput
	if err := readJSON(r, &in); err != nil {
		return err
	}
	p := c.plan
	a := jixiao.Action(in.Action)
	reason := strings.TrimSpace(in.Reason)
	if len([]rune(reason)) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "理由不能超过 2000 字。")
	}
	c.auditAction = "transition:" + string(a)
	if in.Version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "请求体缺少“version”：请填写读取时的版本号。")
	}
	if in.Version != p.Version {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人修改或处理：您读取的是第 %d 版，当前已是第 %d 版（%s）。请重新读取后再“%s”。",
			in.Version, p.Version, p.Status.Label(), a.Label())
	}
	to, err := jixiao.NextStatus(p.Status, a, c.user.Role, reason)
	if err != nil {
		return err
	}
	var ex []jixiao.Explanation
	if a == jixiao.ActSubmit {
		if c.deadline.Locked {
			return jixiao.Errorf(jixiao.ELOCKED, "%s", c.deadline.Reason)
		}
		given := map[string]string{}
		for _, e := range in.Explanations {
			given[explanationKey(e.Rule, e.Path)] = strings.TrimSpace(e.Text)
		}
		var refused []apiFinding
		var errs, missing int
		done := map[string]bool{}
		for _, f := range s.checkPlan(p).Findings {
			switch f.Severity {
			case check.Error:
				errs++
				refused = append(refused, apiFinding{Rule: f.Rule, Severity: string(f.Severity), Path: f.Path, Message: f.Message})
			case check.Warning:
				k := explanationKey(f.Rule, f.Path)
				if done[k] {
					continue
				}
				done[k] = true
				text := given[k]
				if text == "" {
					missing++
					refused = append(refused, apiFinding{Rule: f.Rule, Severity: string(f.Severity), Path: f.Path, Message: f.Message})
					continue
				}
				if len([]rune(text)) > 2000 {
					return jixiao.Errorf(jixiao.ETOOLARGE, "情况说明不能超过 2000 字。")
				}
				ex = append(ex, jixiao.Explanation{PlanID: p.ID, Version: in.Version, Rule: f.Rule, Path: f.Path, Text: text})
			}
		}
		if errs > 0 || missing > 0 {
			msg := fmt.Sprintf("审核发现 %d 个错误，改正后才能提交。", errs)
			if errs == 0 {
				msg = fmt.Sprintf("还有 %d 条警告没有写情况说明：每条警告都要说明原因后才能提交。", missing)
			}
			c.auditDetail = "提交被拒：" + msg
			pr := newProblem(http.StatusUnprocessableEntity, jixiao.EINVALID, msg)
			pr.Findings = refused
			sendProblem(w, pr)
			return nil
		}
	}
	rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: in.Version, Action: a, From: p.Status, To: to, Actor: c.user.Username, Reason: reason}
	nv, err := s.store.Transition(ctx, rec, ex)
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("%s（接口）：第 %d 版 %s → 第 %d 版 %s", a.Label(), in.Version, p.Status.Label(), nv, to.Label())
	if reason != "" {
		c.auditDetail += "，理由：" + reason
	}
	// The answer is the plan as it now stands, read again as a page would.
	c.head, c.plan, c.review = nil, nil, nil
	if err := s.loadPlan(r, c); err != nil {
		return err
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, c.plan.Version))
	return writeJSON(w, http.StatusOK, s.apiPlanOf(r, c, c.plan))
}

// apiExportJSON downloads the plan (or ?version=N) as JSON, the tables as jixiao.Plan
// has them (GET /api/v1/plans/{id}/export.json).
func apiExportJSON(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p, err := s.planVersion(r.Context(), r, c)
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 JSON（第 %d 版）", p.Version)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="plan-%d.json"`, p.ID))
	return writeJSON(w, http.StatusOK, p)
}

// apiExportPDF is the page's PDF download, with a problem instead of the error page
// when the server has no Chromium.
func apiExportPDF(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p, err := s.planVersion(r.Context(), r, c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), pdf.DefaultTimeout)
	defer cancel()
	b, err := s.printPDF(ctx, p)
	if errors.Is(err, pdf.ErrNoChromium) {
		c.auditDetail = "导出 PDF：服务器未安装 Chromium"
		sendProblem(w, newProblem(http.StatusServiceUnavailable, jixiao.EINTERNAL,
			"服务器未安装用于生成 PDF 的 Chromium 浏览器，暂时无法导出 PDF。请联系系统管理员安装，或先导出 xlsx。"))
		return nil
	} else if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 PDF（第 %d 版）", p.Version)
	attachment(w, pdfType, fmt.Sprintf("plan-%d.pdf", p.ID), versionFileName(p, c.plan, "pdf"))
	w.Write(b)
	return nil
}

// apiBoardRow is one department on the status board.
type apiBoardRow struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	State     string `json:"state"`            // 未开始, 草稿, 已提交, 已退回, 已通过, 已公开
	Detail    string `json:"detail,omitempty"` // the plan's workflow state as stored (单位已审核, …)
	PlanID    int64  `json:"planId,omitempty"`
	Errors    *int   `json:"errors"` // null before the unit has started: nothing counted, not 0
	Warnings  *int   `json:"warnings"`
	Updated   string `json:"updated,omitempty"`
	UpdatedBy string `json:"updatedBy,omitempty"`
	DaysLeft  string `json:"daysLeft"`
	Overdue   bool   `json:"overdue"`
}

type apiBoardPage struct {
	Year     int            `json:"year"`
	Years    []int          `json:"years"`
	Deadline string         `json:"deadline,omitempty"`
	Counts   map[string]int `json:"counts"`
	Rows     []apiBoardRow  `json:"rows"`
}

// apiBoard is the finance bureau's status board (GET /api/v1/board?year=&state=&q=),
// built by the page's own board.
func apiBoard(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.board(r.Context(), c, r)
	if err != nil {
		return err
	}
	out := apiBoardPage{Year: pg.Year, Years: pg.Years, Deadline: pg.Deadline, Counts: pg.Counts, Rows: []apiBoardRow{}}
	if out.Years == nil {
		out.Years = []int{}
	}
	for _, b := range pg.Rows {
		out.Rows = append(out.Rows, apiBoardRow{Code: b.Code, Name: b.Name, State: b.State, Detail: b.Detail, PlanID: b.PlanID,
			Errors: countOrNil(b.Errors), Warnings: countOrNil(b.Warnings), Updated: b.Updated, UpdatedBy: b.UpdatedBy, DaysLeft: b.DaysLeft, Overdue: b.Overdue})
	}
	return writeJSON(w, http.StatusOK, out)
}

// countOrNil reads a board count; "—" (not started) is nil.
func countOrNil(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}

//go:embed openapi.json
var openAPIDoc []byte

// apiOpenAPI serves the API's OpenAPI 3.1 document (GET /api/v1/openapi.json).
func apiOpenAPI(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openAPIDoc)
	return nil
}
