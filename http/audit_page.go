package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// auditPage is the audit log for the 审计管理员: read only, filtered and paged. There is
// no route that changes or deletes an entry, for any role.
type auditPage struct {
	layout
	Entries       []auditView
	Total         int
	Actor, Action string
	Since, Until  string
	Page, Pages   int
	Prev, Next    string
	HeadSeq       int64
}

type auditView struct {
	jixiao.AuditEntry
	When string
}

const auditPageSize = 50

// auditLog shows the audit log (GET /audit?actor=&action=&since=&until=&page=).
func auditLog(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	q := r.URL.Query()
	pg := &auditPage{Actor: strings.TrimSpace(q.Get("actor")), Action: strings.TrimSpace(q.Get("action")),
		Since: q.Get("since"), Until: q.Get("until")}
	f := jixiao.AuditFilter{Actor: pg.Actor, Action: pg.Action, Limit: auditPageSize}
	if t, ok := parseLocal(pg.Since, "00:00"); ok {
		f.Since = t
	}
	if t, ok := parseLocal(pg.Until, "00:00"); ok {
		f.Until = t.Add(24 * time.Hour) // through the whole day
	}
	pg.Page, _ = strconv.Atoi(q.Get("page"))
	pg.Page = max(pg.Page, 1)
	f.Offset = (pg.Page - 1) * auditPageSize
	es, total, err := s.store.AuditEntries(ctx, f)
	if err != nil {
		return err
	}
	pg.Total, pg.Pages = total, max((total+auditPageSize-1)/auditPageSize, 1)
	for _, e := range es {
		pg.Entries = append(pg.Entries, auditView{AuditEntry: e, When: e.Time.In(jixiao.ChinaTime()).Format("2006-01-02 15:04:05")})
	}
	link := func(page int) string {
		v := url.Values{}
		for k, x := range map[string]string{"actor": pg.Actor, "action": pg.Action, "since": pg.Since, "until": pg.Until} {
			if x != "" {
				v.Set(k, x)
			}
		}
		v.Set("page", strconv.Itoa(page))
		return "/audit?" + v.Encode()
	}
	if pg.Page > 1 {
		pg.Prev = link(pg.Page - 1)
	}
	if pg.Page < pg.Pages {
		pg.Next = link(pg.Page + 1)
	}
	if pg.HeadSeq, _, err = s.store.AuditHead(ctx); err != nil {
		return err
	}
	c.auditDetail = "查询审计日志：" + r.URL.RawQuery
	pg.Title, pg.Nav, pg.Wide = "审计日志", "audit", true
	s.render(w, r, c, http.StatusOK, "audit", pg)
	return nil
}
