package http

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/mail"
	"net/smtp"
	"strings"
	"time"

	"jixiao"
)

// SMTPConfig names the mail relay messages are also sent through: host:port of an
// intranet SMTP server that accepts mail from this server without authentication, and
// the sender's address.
type SMTPConfig struct {
	Addr string
	From string
}

// mailOut mails each stored message to its recipient's address, if they gave one, in the
// background: a slow or failing relay never holds up the step, and its failure is
// logged for the operator (the in-app message is there in any case).
func (s *Server) mailOut(ctx context.Context, ms []*jixiao.Message) {
	if s.cfg.SMTP.Addr == "" || len(ms) == 0 {
		return
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.UserID
	}
	addrs, err := s.store.MailAddresses(ctx, ids)
	if err != nil {
		s.log.Error("mail addresses", "err", err)
		return
	}
	for _, m := range ms {
		to, ok := addrs[m.UserID]
		if !ok {
			continue
		}
		go func(m jixiao.Message, to string) {
			if err := s.mail(to, m); err != nil {
				s.log.Error("send mail", "to", to, "kind", m.Kind, "err", err)
			}
		}(*m, to)
	}
}

// mail sends one message as a plain-text UTF-8 mail.
func (s *Server) mail(to string, m jixiao.Message) error {
	conn, err := net.DialTimeout("tcp", s.cfg.SMTP.Addr, 10*time.Second)
	if err != nil {
		return fmt.Errorf("dial smtp: %w", err)
	}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	host, _, _ := net.SplitHostPort(s.cfg.SMTP.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if err := c.Mail(s.cfg.SMTP.From); err != nil {
		return fmt.Errorf("smtp MAIL: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("smtp RCPT: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\n", s.cfg.SMTP.From, to,
		mime.BEncoding.Encode("UTF-8", m.Subject), m.Created.Format(time.RFC1123Z))
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	text := m.Body + "\r\n\r\n" + "请登录预算绩效管理系统查看：" + m.Link + "\r\n"
	enc := base64.StdEncoding.EncodeToString([]byte(text))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("smtp write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp end of data: %w", err)
	}
	return c.Quit()
}

// messagesMail stores the address the user's messages are also mailed to (POST
// /messages/mail, address; empty: none).
func messagesMail(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	addr := strings.TrimSpace(r.PostFormValue("address"))
	if addr != "" {
		a, err := mail.ParseAddress(addr)
		if err != nil || a.Address != addr || len(addr) > 254 {
			return jixiao.Errorf(jixiao.EINVALID, "邮件地址“%s”格式不正确：应为“用户名@域名”的形式，且不含姓名或空格。", addr)
		}
	}
	if err := s.store.SetMailAddress(r.Context(), c.user.ID, addr); err != nil {
		return err
	}
	c.auditDetail = "邮件通知地址：" + addr
	if addr == "" {
		c.auditDetail = "取消邮件通知"
	}
	http.Redirect(w, r, "/messages?mail=1", http.StatusSeeOther)
	return nil
}
