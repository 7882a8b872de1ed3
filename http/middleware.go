package http

import (
	"context"
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
	route   *route
	depts   []*jixiao.Department // the user's subtree, read lazily

	// For OnPlan routes: the plan {id} (latest version) and its department.
	plan     *jixiao.Plan
	planDept *jixiao.Department
	review   *jixiao.ReviewState // the plan's approved version and last step
	deadline jixiao.Lock         // whether the deadline locks the plan's drafts now

	// What the audit log says about the request (see audit.go); handlers may set them.
	auditAction string
	auditObject string
	auditDetail string
	auditActor  string // for sign-in, where no user is known yet
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
		if err != nil {
			s.fail(w, r, c, err)
			return
		}
		c.session, c.user = sess, u
		if !rt.Public {
			if u == nil {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
					return
				}
				s.fail(w, r, c, jixiao.Errorf(jixiao.EUNAUTHORIZED, "登录已过期，请重新登录后再提交。"))
				return
			}
		}
		if r.Method == http.MethodPost && !rt.CSRFExempt {
			if err := r.ParseForm(); err != nil {
				s.fail(w, r, c, jixiao.Errorf(jixiao.EINVALID, "无法读取提交的表单。"))
				return
			}
			if !checkCSRF(r, sess) {
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
		if err := rt.Handler(s, w, r, c); err != nil {
			s.fail(w, r, c, err)
		}
	})
}

// loadPlan reads the plan named by the path's {id} and its department.
func (s *Server) loadPlan(r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标“%s”不存在。", r.PathValue("id"))
	}
	p, err := s.store.Plan(r.Context(), id)
	if err != nil {
		return err
	}
	d, err := c.departmentByCode(r.Context(), p.DepartmentCode)
	if err != nil {
		return err
	}
	if d == nil {
		// Not in the user's subtree: read it anyway so that authorize can name it.
		if d, err = s.store.DepartmentByCode(r.Context(), p.DepartmentCode); err != nil {
			if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
				return err
			}
			d = &jixiao.Department{Code: p.DepartmentCode, Name: p.Department}
		}
	}
	c.plan, c.planDept = p, d
	if c.review, err = s.store.ReviewState(r.Context(), p.ID); err != nil {
		return err
	}
	if editable(p.Status) && d.ID != 0 {
		if c.deadline, err = s.deadlineLock(r.Context(), d.ID, p.Year); err != nil {
			return err
		}
	}
	return nil
}

// deadlineLock says whether the year's deadline locks the department's drafts now: after
// the deadline that applies to it, unless it (or a department above it) has an
// exception that still runs.
func (s *Server) deadlineLock(ctx context.Context, deptID int64, year int) (jixiao.Lock, error) {
	d, err := s.store.DeadlineFor(ctx, deptID, year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return jixiao.Lock{}, nil
	} else if err != nil {
		return jixiao.Lock{}, err
	}
	ex, err := s.store.ExceptionFor(ctx, deptID, year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		ex = nil
	} else if err != nil {
		return jixiao.Lock{}, err
	}
	return jixiao.DeadlineLock(d, ex, s.cfg.Now()), nil
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
