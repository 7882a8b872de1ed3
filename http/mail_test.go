package http_test

import (
	"bufio"
	"encoding/base64"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	jxhttp "jixiao/http"
)

// smtpSink is a local SMTP server on loopback that keeps every mail it is given.
type smtpSink struct {
	addr  string
	mails chan string // the DATA of each mail, with its envelope recipient first
}

func newSMTPSink(t *testing.T) *smtpSink {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	s := &smtpSink{addr: l.Addr().String(), mails: make(chan string, 16)}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpSink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { c.Write([]byte(l + "\r\n")) }
	say("220 sink ESMTP")
	var rcpt string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 sink")
		case strings.HasPrefix(cmd, "MAIL"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT"):
			rcpt = strings.TrimSpace(line[len("RCPT TO:"):])
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mails <- rcpt + "\n" + b.String()
			say("250 kept")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

// TestRemindByMail: with an SMTP server configured, a reminder reaches the unit's filler
// who gave an address by mail too, in Chinese, and nobody else.
func TestRemindByMail(t *testing.T) {
	sink := newSMTPSink(t)
	f := newFixtureConfig(t, func(c *jxhttp.Config) {
		c.SMTP = jxhttp.SMTPConfig{Addr: sink.addr, From: "jixiao@czj.example"}
	})
	f2 := f.login("filler2")
	if st, _ := f2.post("/messages/mail", url.Values{"csrf": {f2.csrf()}, "address": {"不是地址"}}); st != http.StatusBadRequest {
		t.Errorf("a malformed address: %d", st)
	}
	if st, _ := f2.post("/messages/mail", url.Values{"csrf": {f2.csrf()}, "address": {"f2@czj.example"}}); st != http.StatusSeeOther {
		t.Fatalf("set address: %d", st)
	}
	fl := f.login("filler")
	fl.post("/messages/mail", url.Values{"csrf": {fl.csrf()}, "address": {"f1@czj.example"}})
	reviewer := f.login("reviewer")
	_, board := reviewer.get("/review/board?year=2022")
	m := regexp.MustCompile(`name="dept" value="(\d+)"[^>]*aria-label="选择石峰区教育局"`).FindStringSubmatch(board)
	if m == nil {
		t.Fatalf("no checkbox for 石峰区教育局 on the board")
	}
	v := url.Values{"csrf": {reviewer.csrf()}, "action": {"remind"}, "dept": {m[1]}, "reason": {"请于本周内提交。"}, "back": {"/review/board?year=2022"}}
	if st, body := reviewer.post("/review/board/bulk", v); st != http.StatusSeeOther {
		t.Fatalf("remind: %d %s", st, snippet(body))
	}
	select {
	case got := <-sink.mails:
		rcpt, data, _ := strings.Cut(got, "\n")
		if rcpt != "<f2@czj.example>" {
			t.Errorf("mailed to %s, want f2@czj.example", rcpt)
		}
		head, body, _ := strings.Cut(data, "\r\n\r\n")
		subj := regexp.MustCompile(`(?m)^Subject: (.*)\r$`).FindStringSubmatch(head)
		if subj == nil {
			t.Fatalf("no subject:\n%s", head)
		}
		s, err := new(mime.WordDecoder).DecodeHeader(subj[1])
		if err != nil || !strings.Contains(s, "催报") {
			t.Errorf("subject %q (%v)", s, err)
		}
		text, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(body, "\r\n", ""))
		if err != nil || !strings.Contains(string(text), "请于本周内提交。") {
			t.Errorf("body %q (%v)", text, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no mail reached the SMTP sink")
	}
	select {
	case got := <-sink.mails:
		t.Errorf("a second mail: %s", got)
	case <-time.After(300 * time.Millisecond):
	}
}
