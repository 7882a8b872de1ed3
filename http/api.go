package http

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"jixiao"
)

// The REST API (/api/v1) is the pages' twin for other systems: the same route table
// shape (Action, OnPlan), the same authorize and loadPlan, the same store calls, JSON in
// and out. Only the way in differs: a bearer token (Authorization: Bearer jx_…) instead
// of a session cookie. Cookies are never read on the API, so a browser's session cannot
// be ridden by another site's script (no CSRF to check: see docs/security.md).

// apiPrefix is where the API lives.
const apiPrefix = "/api/v1"

// apiRoutes is the API's route table; the OpenAPI document (openapi.json) lists exactly
// these (TestOpenAPIRoutes). Every route but the document needs a token; every route
// that changes something, and every export, is audited.
func apiRoutes() []route {
	return []route{
		{Method: "GET", Pattern: apiPrefix + "/openapi.json", Public: true, Handler: apiOpenAPI},
		{Method: "GET", Pattern: apiPrefix + "/plans", Action: actReadPlan, Handler: apiPlanList},
		{Method: "POST", Pattern: apiPrefix + "/plans", Action: actCreatePlan, Audit: "plan_create", Handler: apiPlanCreate},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}", Action: actReadPlan, OnPlan: true, Handler: apiPlanShow},
		{Method: "PUT", Pattern: apiPrefix + "/plans/{id}", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Handler: apiPlanUpdate},
		{Method: "POST", Pattern: apiPrefix + "/plans/{id}/transitions", Action: actWorkflow, OnPlan: true, Audit: "transition", Handler: apiTransition},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/export.xlsx", Action: actReadPlan, OnPlan: true, Audit: "export_xlsx", Handler: planExportXLSX},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/export.pdf", Action: actReadPlan, OnPlan: true, Audit: "export_pdf", Handler: apiExportPDF},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/export.json", Action: actReadPlan, OnPlan: true, Audit: "export_json", Handler: apiExportJSON},
		{Method: "GET", Pattern: apiPrefix + "/board", Action: actBoard, Handler: apiBoard},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/monitoring", Action: actReadPlan, OnPlan: true, Handler: apiMonitoringList},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/monitoring/{m}", Action: actReadPlan, OnPlan: true, Handler: apiMonitoringShow},
		{Method: "PUT", Pattern: apiPrefix + "/plans/{id}/monitoring/{m}", Action: actMonitor, OnPlan: true, Audit: "monitoring_save", Handler: apiMonitoringSave},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/selfevaluations", Action: actReadPlan, OnPlan: true, Handler: apiSelfEvalList},
		{Method: "GET", Pattern: apiPrefix + "/plans/{id}/selfevaluations/{i}", Action: actReadPlan, OnPlan: true, Handler: apiSelfEvalShow},
	}
}

// registerAPI adds the API's routes to the server's mux, and a problem for any other
// path under /api/v1/.
func (s *Server) registerAPI() {
	for _, rt := range apiRoutes() {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.wrapAPI(rt))
	}
	s.mux.HandleFunc(apiPrefix+"/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, jixiao.Errorf(jixiao.ENOTFOUND, "接口“%s %s”不存在，请查阅 %s/openapi.json。", r.Method, r.URL.Path, apiPrefix))
	})
}

// tokenPrefix starts every API token, so that a leaked one is recognisable (secret
// scanners) and told apart from a session cookie.
const tokenPrefix = "jx_"

// newAPIToken returns a new token (shown once to its owner) and its hash (kept): 32
// random bytes, so a plain SHA-256 suffices (see jixiao.APIToken).
func newAPIToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("api token: %w", err)
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, apiTokenHash(token), nil
}

func apiTokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// bearer returns the token of the request's Authorization header, or "".
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

// wrapAPI is wrap for the API: the token names the user, then the route is authorized
// exactly as a page is (authorize; loadPlan for OnPlan routes), and every error becomes a
// problem document.
func (s *Server) wrapAPI(rt route) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		c := &reqCtx{store: s.store, route: &rt}
		w := &statusWriter{ResponseWriter: rw}
		w.Header().Set("Cache-Control", "no-store")
		defer s.auditRequest(r, c, w)
		if !rt.Public {
			tok := bearer(r)
			if tok == "" {
				c.auditDetail = "未提供接口令牌"
				w.Header().Set("WWW-Authenticate", `Bearer realm="jixiao"`)
				writeProblem(w, jixiao.Errorf(jixiao.EUNAUTHORIZED, "请在请求头“Authorization”中以“Bearer”提供接口令牌。接口不接受登录会话。"))
				return
			}
			if len(tok) > 100 {
				writeProblem(w, jixiao.Errorf(jixiao.EUNAUTHORIZED, "接口令牌无效或已撤销，请在“账号 · 接口令牌”页面重新生成。"))
				return
			}
			t, u, err := s.store.TokenUser(ctx, apiTokenHash(tok), s.cfg.Now())
			if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
				c.auditDetail = "接口令牌无效或已撤销"
				w.Header().Set("WWW-Authenticate", `Bearer realm="jixiao", error="invalid_token"`)
				writeProblem(w, jixiao.Errorf(jixiao.EUNAUTHORIZED, "%s", jixiao.ErrorMessage(err)))
				return
			} else if err != nil {
				s.failAPI(w, r, err)
				return
			}
			if u.Disabled {
				c.auditDetail = "账号已停用"
				writeProblem(w, jixiao.Errorf(jixiao.EUNAUTHORIZED, "令牌所属账号已停用。"))
				return
			}
			c.user, c.token = u, t
			var dept *jixiao.Department
			var st jixiao.Status
			if rt.OnPlan {
				if err := s.loadPlan(r, c); err != nil {
					s.failAPI(w, r, err)
					return
				}
				dept, st = c.planDept, c.plan.Status
			}
			if err := authorize(ctx, c, rt.Action, dept, st); err != nil {
				s.failAPI(w, r, err)
				return
			}
		}
		if err := rt.Handler(s, w, r, c); err != nil {
			s.failAPI(w, r, err)
		}
	})
}

// problem is an error as RFC 9457 has it (application/problem+json). Detail is the
// Chinese message the pages show; Code is the domain's error code.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Code     string `json:"code"`
	Instance string `json:"instance,omitempty"`
	// Findings are the checks' errors and unexplained warnings that refused a submission.
	Findings []apiFinding `json:"findings,omitempty"`
}

// problemTitles are the short Chinese titles of the statuses, as the error page has them.
var problemTitles = map[int]string{
	http.StatusBadRequest:            "输入有误",
	http.StatusUnauthorized:          "请提供有效的接口令牌",
	http.StatusForbidden:             "无权访问",
	http.StatusNotFound:              "未找到",
	http.StatusConflict:              "版本冲突",
	http.StatusRequestEntityTooLarge: "内容过大",
	http.StatusUnprocessableEntity:   "未通过审核检查",
	http.StatusLocked:                "不能修改",
	http.StatusTooManyRequests:       "服务器繁忙",
	http.StatusInternalServerError:   "内部错误",
	http.StatusServiceUnavailable:    "暂时无法提供",
}

func newProblem(status int, code, detail string) *problem {
	if code == "" {
		code = jixiao.EINTERNAL
	}
	return &problem{Type: "urn:jixiao:problem:" + code, Title: problemTitles[status], Status: status, Detail: detail, Code: code}
}

// writeProblem answers err as a problem document; its status is errorStatus's.
func writeProblem(w http.ResponseWriter, err error) {
	st := errorStatus(err)
	msg := jixiao.ErrorMessage(err)
	if st == http.StatusRequestEntityTooLarge && jixiao.ErrorCode(err) == jixiao.EINTERNAL {
		msg = "提交的内容过大。"
	}
	code := jixiao.ErrorCode(err)
	if st == http.StatusRequestEntityTooLarge {
		code = jixiao.ETOOLARGE
	}
	sendProblem(w, newProblem(st, code, msg))
}

func sendProblem(w http.ResponseWriter, p *problem) {
	if p.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "2")
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", "zh-CN")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// failAPI is fail for the API: internal errors are logged, the client gets the problem.
func (s *Server) failAPI(w http.ResponseWriter, r *http.Request, err error) {
	if errorStatus(err) >= 500 {
		s.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeProblem(w, err)
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
	return nil
}

// readJSON decodes the request's JSON body into v; unknown fields are refused, so a
// misspelt field is an error rather than silently ignored.
func readJSON(r *http.Request, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return jixiao.Errorf(jixiao.EINVALID, "请求体须为 JSON（Content-Type: application/json）。")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return jixiao.Errorf(jixiao.ETOOLARGE, "请求体超过 %d MB。", maxBody>>20)
		}
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return jixiao.WrapError(err, jixiao.EINVALID, "请求体的字段“%s”类型不对。", ute.Field)
		}
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return jixiao.WrapError(err, jixiao.EINVALID, "请求体有未知字段“%s”。", f)
		}
		return jixiao.WrapError(err, jixiao.EINVALID, "请求体不是有效的 JSON。")
	}
	if _, err := dec.Token(); err != io.EOF {
		return jixiao.Errorf(jixiao.EINVALID, "请求体在 JSON 之后还有多余的内容。")
	}
	return nil
}
