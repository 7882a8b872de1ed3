package http

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
)

// reqCtx is what wrap learned about a request before the handler runs.
type reqCtx struct {
	store   jixiao.ReviewStore
	session *jixiao.Session
	user    *jixiao.User
	token   *jixiao.APIToken // the API token the request came with (api.go); nil for pages
	route   *route
	depts   []*jixiao.Department // the user's subtree, read lazily

	// For OnPlan routes: the plan {id} (latest version) and its department.
	plan     *jixiao.Plan
	planDept *jixiao.Department
	review   *jixiao.ReviewState // the plan's approved version and last step
	head     *jixiao.PlanHead    // what the store said about the plan for this request
	deadline jixiao.Lock         // whether the deadline locks the plan's drafts now

	// What the audit log says about the request (see audit.go); handlers may set them.
	auditAction string
	auditObject string
	auditDetail string
	auditActor  string // for sign-in, where no user is known yet
	auditFailed bool   // refused, though answered with a redirect (transition_refused.go)
}

// wrap turns a route into an http.Handler: it loads the session, refuses anonymous
// users, checks CSRF on every POST, loads the plan of OnPlan routes and calls authorize
// before the handler.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		c := &reqCtx{store: s.store, route: &rt}
		w := &statusWriter{ResponseWriter: rw}
		defer s.auditRequest(r, c, w)
		sess, u, err := s.loadSession(ctx, r)
		if err != nil && !errors.Is(err, errNoSession) {
			s.fail(w, r, c, err)
			return
		}
		c.session, c.user = sess, u
		if !rt.Public {
			if u == nil {
				c.auditDetail = "未登录"
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
					return
				}
				if rt.Resumable && s.stashExpiredForm(w, r, c) {
					return // the sign-in page, and the form kept for after it
				}
				s.fail(w, r, c, jixiao.Errorf(jixiao.EUNAUTHORIZED, "登录已过期，请重新登录后再提交。"))
				return
			}
		}
		if u != nil && u.MustChangePassword && !rt.Public && !firstSignInRoute(rt) {
			// An account made by an administrator or an import: its first act is to
			// choose its own password (firstsignin.go).
			c.auditDetail = "首次登录须先修改密码"
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/account/password", http.StatusSeeOther)
				return
			}
			s.fail(w, r, c, jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号须先设定本人密码：请打开“修改密码”页面设定新密码后再操作。"))
			return
		}
		if rt.Upload && r.Method == http.MethodPost {
			// Uploads are read a few at a time (the import gate), from the body's
			// parsing to the handler's end: what a file makes the readers build adds up.
			if err := s.imports.enter(ctx); err != nil {
				s.fail(w, r, c, err)
				return
			}
			defer s.imports.leave()
		}
		if r.Method == http.MethodPost && !rt.CSRFExempt {
			if rt.Upload && isMultipart(r) {
				// The file stays in memory (the body is at most maxUpload); the token
				// is a field of the multipart form.
				err := r.ParseMultipartForm(maxUpload)
				if r.MultipartForm != nil {
					defer r.MultipartForm.RemoveAll()
				}
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					s.fail(w, r, c, jixiao.Errorf(jixiao.ETOOLARGE, "上传的文件超过 %d MB，无法导入。", maxUpload>>20))
					return
				} else if err != nil {
					s.fail(w, r, c, jixiao.Errorf(jixiao.EINVALID, "无法读取上传的文件。"))
					return
				}
			}
			if err := r.ParseForm(); err != nil {
				s.fail(w, r, c, jixiao.Errorf(jixiao.EINVALID, "无法读取提交的表单。"))
				return
			}
			if !checkCSRF(r, sess) {
				c.auditObject = requestObject(r, &rt)
				c.auditDetail = "CSRF 校验失败：表单令牌缺失或与会话不符，拒绝提交"
				s.fail(w, r, c, jixiao.Errorf(jixiao.EFORBIDDEN, "表单已失效（CSRF 校验失败），请返回刷新页面后重新提交。"))
				return
			}
		}
		if !rt.Public {
			var dept *jixiao.Department
			var st jixiao.Status
			if rt.OnPlan {
				if err := s.loadPlan(r, c); err != nil {
					s.fail(w, r, c, err)
					return
				}
				dept, st = c.planDept, c.plan.Status
			}
			if err := authorize(ctx, c, rt.Action, dept, st); err != nil {
				s.fail(w, r, c, err)
				return
			}
		}
		err = rt.Handler(s, w, r, c)
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !keepsTodos(&rt, c) {
			s.todoGen.Add(1) // after the change: the navigation's 待办 counts are read again
		}
		if err != nil {
			s.fail(w, r, c, err)
		}
	})
}

// keepsTodos says a request that writes cannot change anyone's 待办 counts: a save of
// an editor of a plan that was a draft before it (the plan stays a draft). Every
// other write may (a transition, a new plan, a deadline, a department), so the
// navigation's counts are read again after it (navcounts.go).
func keepsTodos(rt *route, c *reqCtx) bool {
	return rt.Resumable && c.plan != nil && c.plan.Status == jixiao.Draft
}

// loadPlan reads the plan named by the path's {id}, its department, its review state
// and whether the deadline locks it. The store answers with one query (PlanHead); the
// plan's content comes from the server's cache when its version is the head's (see
// planAt), so that a page read decodes no revision.
func (s *Server) loadPlan(r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标“%s”不存在。", r.PathValue("id"))
	}
	ctx := r.Context()
	var head *jixiao.PlanHead
	var p *jixiao.Plan
	var last *jixiao.TransitionRecord
	for attempt := 0; ; attempt++ {
		if head, err = s.store.PlanHead(ctx, id); err != nil {
			return err
		}
		if p, last, err = s.planAt(ctx, head); err != nil {
			return err
		}
		if p.Version == head.Version {
			break
		}
		if attempt == 2 {
			return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标正在被他人连续修改，请稍后刷新页面。")
		}
	}
	d := head.Department
	if p.DepartmentCode != d.Code {
		// The department's code changed since this version was cached: the plan shows
		// the code as it is now, as the store's Plan does.
		q := *p
		q.DepartmentCode = d.Code
		p = &q
	}
	c.plan, c.planDept, c.head = p, &d, head
	c.review = &jixiao.ReviewState{ApprovedVersion: head.ApprovedVersion, PublishedVersion: head.PublishedVersion, LastTransition: last}
	if editable(p.Status) && d.ID != 0 {
		c.deadline = jixiao.DeadlineLock(head.Deadline, head.Exception, s.cfg.Now())
	}
	return nil
}

// requestObject names what a request aims at, for an audit entry written before the
// handler ran: plan:{id}, user:{uid}, or else the path.
func requestObject(r *http.Request, rt *route) string {
	if id := r.PathValue("id"); rt.OnPlan && id != "" {
		return "plan:" + id
	}
	if uid := r.PathValue("uid"); uid != "" {
		return "user:" + uid
	}
	return r.URL.Path
}

func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// statusWriter remembers the status a handler wrote, for the audit log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
