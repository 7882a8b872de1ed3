package http

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
)

// apiPlanPage is a page of the plan listing. Next is the cursor of the following page,
// empty on the last.
type apiPlanPage struct {
	Items []jixiao.PlanSummary `json:"items"`
	Total *int                 `json:"total,omitempty"` // on the first page only (no cursor)
	Next  string               `json:"next,omitempty"`
}

const (
	apiDefaultLimit = 50
	apiMaxLimit     = 500
)

// encodeCursor makes the opaque cursor of a plan's place in the listing's order.
func encodeCursor(p jixiao.PlanSummary) string {
	b, _ := json.Marshal(jixiao.PlanCursor{Year: p.Year, Code: p.DepartmentCode, ID: p.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (*jixiao.PlanCursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c jixiao.PlanCursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "翻页游标“%s”无效：请使用上一页返回的“next”。", s)
	}
	return &c, nil
}

// apiPlanList lists the plans the token's user may see (GET /api/v1/plans), filtered as
// the plan list page is (year, status, department code and its subtree, q in the
// department's name or code), a page at a time: limit (1–500, default 50) and cursor
// (the previous page's next). The order is the listing's: year descending, department
// code, id; it is stable, and a plan created meanwhile never shifts a page.
func apiPlanList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	q := r.URL.Query()
	// The user's subtree is read only to check a department filter: a province's
	// reviewer has 15,000 departments, and every page reading them cost 25 ms. Without the
	// filter the store limits the listing to the user's department's subtree itself.
	if c.user.DepartmentID == 0 {
		// As on the page: no department, nothing to see (0 would mean every department).
		zero := 0
		return writeJSON(w, http.StatusOK, apiPlanPage{Items: []jixiao.PlanSummary{}, Total: &zero})
	}
	f := jixiao.PlanFilter{DepartmentID: c.user.DepartmentID, Query: strings.TrimSpace(q.Get("q")), Limit: apiDefaultLimit}
	if v := strings.TrimSpace(q.Get("year")); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2200 {
			return jixiao.Errorf(jixiao.EINVALID, "年度“%s”无效：请填写四位年份，如 2021。", v)
		}
		f.Year = y
	}
	if code := strings.TrimSpace(q.Get("department")); code != "" {
		d, ok, err := c.departmentByCode(ctx, code)
		if err != nil {
			return err
		}
		if !ok {
			return jixiao.Errorf(jixiao.EFORBIDDEN, "无权查看单位“%s”的绩效目标。", code)
		}
		f.DepartmentID = d.ID
	}
	if v := q.Get("status"); v != "" {
		st := jixiao.Status(v)
		if st.Label() == v {
			return jixiao.Errorf(jixiao.EINVALID, "状态“%s”无效：可用“draft”“submitted”“unit_approved”“returned”“approved”“published”。", v)
		}
		f.Status = st
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > apiMaxLimit {
			return jixiao.Errorf(jixiao.EINVALID, "每页条数“%s”无效：应为 1 至 %d。", v, apiMaxLimit)
		}
		f.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		cur, err := decodeCursor(v)
		if err != nil {
			return err
		}
		f.After, f.SkipTotal = cur, true
	}
	if f.After == nil {
		// The first page starts after a place before every plan, so that it is read as
		// the later pages are (a year at a time along an index), not sorted whole.
		f.After = &jixiao.PlanCursor{Year: 9999}
	}
	plans, total, err := s.store.Plans(ctx, f)
	if err != nil {
		return err
	}
	pg := apiPlanPage{Items: plans}
	if !f.SkipTotal {
		pg.Total = &total
	}
	if len(plans) == f.Limit {
		pg.Next = encodeCursor(plans[len(plans)-1])
	}
	return writeJSON(w, http.StatusOK, pg)
}

// apiFinding is a finding of the checks as the API gives it.
type apiFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Message  string `json:"message"`
}

func apiFindings(rep *check.Report) []apiFinding {
	out := []apiFinding{}
	for _, f := range rep.Findings {
		out = append(out, apiFinding{Rule: f.Rule, Severity: string(f.Severity), Path: f.Path, Message: f.Message})
	}
	return out
}

// apiPlan is a plan with what the checks find in it and where it stands in the review.
type apiPlan struct {
	Plan             *jixiao.Plan `json:"plan"`
	Findings         []apiFinding `json:"findings"`
	ApprovedVersion  int          `json:"approvedVersion,omitempty"`
	PublishedVersion int          `json:"publishedVersion,omitempty"`
	Actions          []string     `json:"actions"` // the workflow steps the token's user may take now
}

func (s *Server) apiPlanOf(r *http.Request, c *reqCtx, p *jixiao.Plan) *apiPlan {
	out := &apiPlan{Plan: p, Findings: apiFindings(s.checkPlan(p)), Actions: []string{}}
	if c.review != nil {
		out.ApprovedVersion, out.PublishedVersion = c.review.ApprovedVersion, c.review.PublishedVersion
	}
	if c.can(r.Context(), actWorkflow, c.planDept, p.Status) {
		for _, a := range jixiao.AllowedActions(p.Status, c.user.Role) {
			out.Actions = append(out.Actions, string(a))
		}
	}
	return out
}

// apiPlanShow reads a plan with its findings (GET /api/v1/plans/{id}). ETag is the
// version, for a client's cache; a change is sent with the version in the body.
func apiPlanShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, c.plan.Version))
	return writeJSON(w, http.StatusOK, s.apiPlanOf(r, c, c.plan))
}

// apiPlanInput is the body of a create or an update: the plan's tables as jixiao.Plan
// has them in JSON. On create, departmentCode and year choose the department and year
// (and framework the indicator system of an empty plan); on update, version is required
// and is the version the client read.
type apiPlanInput = jixiao.Plan

// apiPlanCreate creates a plan (POST /api/v1/plans): empty with the framework's
// indicator rows when the body has no table, else with the tables given.
func apiPlanCreate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	var in apiPlanInput
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if in.Year < 2000 || in.Year > 2100 {
		return jixiao.Errorf(jixiao.EINVALID, "预算年度“%d”无效：请填写四位年份，如 2022。", in.Year)
	}
	d, ok, err := c.departmentByCode(ctx, in.DepartmentCode)
	if err != nil {
		return err
	}
	if !ok {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "无权为单位“%s”新建绩效目标：只能为本单位及下属单位新建。", in.DepartmentCode)
	}
	if err := authorize(ctx, c, actCreatePlan, d, jixiao.Draft); err != nil {
		return err
	}
	var p *jixiao.Plan
	if len(in.Indicators) == 0 && len(in.KeyTasks) == 0 && len(in.SpecialFunds) == 0 {
		p = emptyPlan(d, in.Year, in.Framework)
	} else {
		p = &in
		p.ID, p.Version, p.Status, p.Department, p.DepartmentCode = 0, 0, jixiao.Draft, d.Name, d.Code
		if p.Submitter == "" {
			p.Submitter = d.Name
		}
	}
	err = s.store.CreatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: "新建（接口）"})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return jixiao.Errorf(jixiao.ECONFLICT, "“%s”已有 %d 年的绩效目标，不能重复新建。", d.Name, in.Year)
	} else if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("plan:%d", p.ID)
	w.Header().Set("Location", fmt.Sprintf("%s/plans/%d", apiPrefix, p.ID))
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, p.Version))
	c.plan, c.planDept = p, d
	return writeJSON(w, http.StatusCreated, s.apiPlanOf(r, c, p))
}

// apiPlanUpdate saves the plan's tables (PUT /api/v1/plans/{id}) over the version the
// client read (the body's version): a stale version is 409 and nothing is written. The
// plan's department, year and state are not the body's to change (the state moves by
// transitions only).
func apiPlanUpdate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	var in apiPlanInput
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "请求体缺少“version”：请填写读取时的版本号，以免覆盖他人的修改。")
	}
	cur := c.plan
	if in.Version != cur.Version {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新读取后再保存。", in.Version, cur.Version)
	}
	p := &in
	p.ID, p.Department, p.DepartmentCode, p.Year, p.Status = cur.ID, cur.Department, cur.DepartmentCode, cur.Year, cur.Status
	if p.Framework == "" {
		p.Framework = cur.Framework
	}
	err := s.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: "修改（接口）"})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人修改：您读取的是第 %d 版，已不是最新版本。请重新读取后再保存。", in.Version)
	} else if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("接口保存：第 %d 版 → 第 %d 版", in.Version, p.Version)
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, p.Version))
	c.plan = p
	return writeJSON(w, http.StatusOK, s.apiPlanOf(r, c, p))
}
