package http

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"jixiao"
)

// auditRequest appends the request to the audit log when it is one the log must hold
// (等保2.0 安全审计: every sign-in, every change, every workflow step, every export, and
// every refusal): every POST, every GET of a route marked Audit (downloads, print views,
// reading the log itself), and every request refused for want of rights. wrap calls it
// for every route, after the handler, so no handler can forget it.
func (s *Server) auditRequest(r *http.Request, c *reqCtx, w *statusWriter) {
	st := w.status
	if st == 0 {
		st = http.StatusOK
	}
	// An anonymous request to an audited route that needs a session is refused (a GET is
	// sent to the sign-in page with a 303): it is "denied", never "ok". (An anonymous GET
	// of an unaudited page is not logged: it is every expired session's first click.)
	anonymous := !c.route.Public && c.user == nil && c.route.Audit != ""
	denied := anonymous || st == http.StatusForbidden || st == http.StatusLocked || (st == http.StatusUnauthorized && r.Method == http.MethodPost)
	if r.Method != http.MethodPost && c.route.Audit == "" && !denied {
		return
	}
	e := &jixiao.AuditEntry{Time: s.cfg.Now(), Action: c.auditAction, Object: c.auditObject, Detail: c.auditDetail,
		Addr: clientAddr(r), Outcome: "ok"}
	if e.Action == "" {
		e.Action = c.route.Audit
	}
	if e.Action == "" {
		e.Action = c.route.Method + " " + c.route.Pattern
	}
	if c.user != nil {
		e.Actor, e.ActorID = c.user.Username, c.user.ID
	} else {
		e.Actor = c.auditActor
	}
	if e.Object == "" && c.plan != nil {
		e.Object = fmt.Sprintf("plan:%d", c.plan.ID)
	}
	if e.Detail == "" {
		e.Detail = r.Method + " " + r.URL.RequestURI()
	} else {
		e.Detail = r.Method + " " + r.URL.Path + "：" + e.Detail
	}
	switch {
	case denied:
		e.Outcome = "denied"
	case st >= 400 || c.auditFailed:
		e.Outcome = "failed"
	}
	e.Detail += fmt.Sprintf("（%d）", st)
	if c.token != nil {
		e.Detail += fmt.Sprintf("［接口令牌 %d“%s”］", c.token.ID, c.token.Name)
	}
	// The request's context may be over (the client went away); the entry is written
	// regardless, with a deadline of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	defer cancel()
	if err := s.store.AppendAudit(ctx, e); err != nil {
		s.log.Error("append audit entry", "action", e.Action, "actor", e.Actor, "err", err)
	}
}

// clientAddr is the client's IP address as the connection shows it. A proxy's
// X-Forwarded-For is not trusted: any client can send one.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
