package http

import (
	"fmt"
	"net/http"
	"strconv"

	"jixiao"
)

// messagesPage lists the user's in-app messages.
type messagesPage struct {
	layout
	Messages []jixiao.Message
	Unread   int
	Mail     bool   // an SMTP server is configured: the user may give an address
	Address  string // the user's address for mailed messages
}

// messagesShow lists the user's messages, newest first (GET /messages).
func messagesShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ms, err := s.store.Messages(r.Context(), c.user.ID, 200)
	if err != nil {
		return err
	}
	pg := &messagesPage{Messages: ms, Mail: s.cfg.SMTP.Addr != ""}
	if pg.Mail {
		addrs, err := s.store.MailAddresses(r.Context(), []int64{c.user.ID})
		if err != nil {
			return err
		}
		pg.Address = addrs[c.user.ID]
	}
	if r.URL.Query().Get("mail") == "1" {
		pg.Flash = "已保存邮件通知设置。"
	}
	for _, m := range ms {
		if m.Read.IsZero() {
			pg.Unread++
		}
	}
	pg.Title, pg.Nav = "消息", "messages"
	if n, _ := strconv.Atoi(r.URL.Query().Get("marked")); n > 0 {
		pg.Flash = fmt.Sprintf("已将 %d 条消息标记为已读。", n)
	}
	s.render(w, r, c, http.StatusOK, "messages", pg)
	return nil
}

// messagesRead marks the user's messages read (POST /messages/read): the ids posted as
// "id", or all of them when none is.
func messagesRead(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return jixiao.Errorf(jixiao.EINVALID, "消息编号“%s”不正确。", v)
		}
		ids = append(ids, id)
	}
	n, err := s.store.MarkRead(r.Context(), c.user.ID, ids, s.cfg.Now())
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("标记 %d 条消息为已读", n)
	http.Redirect(w, r, "/messages?marked="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
