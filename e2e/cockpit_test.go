package e2e

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	jxhttp "jixiao/http"
)

// smtpSink is a local SMTP server on loopback: it keeps each mail's recipient and its
// decoded text.
func smtpSink(t *testing.T) (addr string, mails chan string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	mails = make(chan string, 16)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				say := func(s string) { c.Write([]byte(s + "\r\n")) }
				say("220 sink")
				rcpt := ""
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					cmd := strings.ToUpper(strings.TrimSpace(line))
					switch {
					case strings.HasPrefix(cmd, "RCPT"):
						rcpt = strings.TrimSpace(line[len("RCPT TO:"):])
						say("250 ok")
					case cmd == "DATA":
						say("354 go on")
						var b strings.Builder
						for {
							l, err := r.ReadString('\n')
							if err != nil || l == ".\r\n" {
								break
							}
							b.WriteString(l)
						}
						_, body, _ := strings.Cut(b.String(), "\r\n\r\n")
						text, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(body, "\r\n", ""))
						mails <- rcpt + " " + string(text)
						say("250 kept")
					case cmd == "QUIT":
						say("221 bye")
						return
					default:
						say("250 ok")
					}
				}
			}(c)
		}
	}()
	return l.Addr().String(), mails
}

// overflow is how far the page is wider than the window (0: no sideways scrolling).
func (tb *tab) overflow() int {
	tb.t.Helper()
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil {
		tb.t.Fatal(err)
	}
	return n
}

// sideways lists the tables among selectors whose box scrolls sideways at the current
// width, with by how much ("" when all fit).
func (tb *tab) sideways(selectors ...string) string {
	tb.t.Helper()
	list, _ := json.Marshal(selectors)
	return js[string](tb, `(function(){ var out=[]; `+string(list)+`.forEach(function(s){ var e = document.querySelector(s); if (!e) { out.push(s + " missing"); return }
		var b = e.closest(".sheetbox") || e; if (b.scrollWidth > b.clientWidth) out.push(s + " " + (b.scrollWidth - b.clientWidth) + " px") }); return out.join("，") })()`)
}

func (tb *tab) viewport(w, h int64) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(w, h)); err != nil {
		tb.t.Fatal(err)
	}
}

// TestCockpit: the leader approves at phone width; the dashboard draws its charts with
// the board's numbers, at 1280 and 390 px; a reminder from the board reaches the unit's
// home page; a plan returned from the board opens with the reason.
func TestCockpit(t *testing.T) {
	bctx := browser(t)
	smtpAddr, mails := smtpSink(t)
	base, id := startReviewServer(t, func(c *jxhttp.Config) { c.SMTP = jxhttp.SMTPConfig{Addr: smtpAddr, From: "jixiao@czj.example"} })
	shots := shotsDir(t)
	plan := fmt.Sprintf("/plans/%d", id)
	filler := newTab(t, bctx, "filler", base, shots)
	leader := newTab(t, bctx, "leader", base, shots)
	reviewer := newTab(t, bctx, "reviewer", base, shots)

	filler.signIn("tianbao", reviewPW)
	filler.open("/messages")
	filler.set(".mailform input[name=address]", "tianbao@czj.example")
	filler.click(".mailform button")
	filler.submitPlan(plan)

	// The leader, on a phone.
	leader.viewport(390, 844)
	leader.signIn("fuze", reviewPW)
	leader.open("/")
	if !strings.Contains(leader.text("#todos"), "待单位负责人审核") {
		t.Errorf("the leader's 待办 lacks the submitted plan:\n%s", leader.text("#todos"))
	}
	leader.open(plan)
	leader.shot("c01-leader-plan-390")
	if n := leader.overflow(); n > 0 {
		t.Errorf("the plan page at 390 px is %d px too wide", n)
	}
	leader.click("#act-unit_approve")
	leader.wantStatus("单位已审核")
	leader.open("/review/dashboard?year=2022")
	leader.shot("c02-leader-dashboard-390")
	if n := leader.overflow(); n > 0 {
		t.Errorf("the dashboard at 390 px is %d px too wide", n)
	}

	// The dashboard's numbers are the board's.
	reviewer.signIn("shenhe", reviewPW)
	reviewer.open("/review/board?year=2022")
	opts := reviewer.text("select[name=state]")
	reviewer.open("/review/dashboard?year=2022")
	if n := reviewer.count("svg.chart"); n < 3 {
		t.Errorf("the dashboard draws %d charts, want 3", n)
	}
	status := reviewer.text("#table-status")
	for _, m := range regexp.MustCompile(`(\S+)（(\d+)）`).FindAllStringSubmatch(opts, -1) {
		if !regexp.MustCompile(`(?m)^` + m[1] + `\t` + m[2] + `\t`).MatchString(status) {
			t.Errorf("the board counts %s %s, the dashboard says:\n%s", m[1], m[2], status)
		}
	}
	reviewer.shot("c03-dashboard-1280")
	reviewer.viewport(390, 844)
	reviewer.open("/review/dashboard?year=2022")
	reviewer.shot("c04-dashboard-390")
	if n := reviewer.overflow(); n > 0 {
		t.Errorf("the reviewer's dashboard at 390 px is %d px too wide", n)
	}
	// The board on a phone: the unit's name is not one character a line, and 距截止
	// is in view.
	reviewer.open("/review/board?year=2022")
	reviewer.shot("c04b-board-390")
	geo, err := chromedp.Run(reviewer.ctx, chromedp.Evaluate[[]float64](`(() => { const n = document.querySelector('.board tbody td:nth-child(3)').getBoundingClientRect(); const d = document.querySelector('.board thead th:last-child').getBoundingClientRect(); return [n.width, d.right, window.innerWidth]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if geo[0] < 100 || geo[1] > geo[2] {
		t.Errorf("the board at 390 px: the name column is %.0f px wide (want ≥ 100), 距截止 ends at %.0f px of %.0f", geo[0], geo[1], geo[2])
	}
	reviewer.viewport(1280, 900)

	// 催报 from the board reaches the filler.
	reviewer.open("/review/board?year=2022")
	if err := chromedp.Do(reviewer.ctx, chromedp.Click(chromedp.CSS("#bulk input[name=dept]"))); err != nil {
		t.Fatal(err)
	}
	reviewer.set("#bulk textarea[name=reason]", "请按审核意见尽快修改。")
	reviewer.click("#bulk button[value=remind]")
	if !strings.Contains(reviewer.text(".flash"), "催报") {
		t.Errorf("no confirmation of the reminder: %q", reviewer.text("main"))
	}
	filler.open("/")
	if !strings.Contains(filler.text("#latest"), "催报") || !strings.Contains(filler.text("#nav"), "消息") {
		t.Errorf("the reminder is not on the filler's home page:\n%s", filler.text("main"))
	}
	filler.shot("c05-filler-home-reminded")
	select {
	case m := <-mails:
		if !strings.HasPrefix(m, "<tianbao@czj.example>") || !strings.Contains(m, "请按审核意见尽快修改。") {
			t.Errorf("the mailed reminder: %q", m)
		}
	case <-time.After(10 * time.Second):
		t.Error("the reminder did not reach the SMTP sink")
	}

	// Return from the board with one reason; the plan opens with it.
	reviewer.open("/review/board?year=2022")
	if err := chromedp.Do(reviewer.ctx, chromedp.Click(chromedp.CSS("#bulk input[name=dept]"))); err != nil {
		t.Fatal(err)
	}
	reviewer.set("#bulk textarea[name=reason]", "年度绩效指标第2行的指标值无法衡量，请量化。")
	reviewer.click("#bulk button[value=return]")
	reviewer.shot("c06-board-returned")
	filler.open(plan)
	filler.wantStatus("已退回")
	if b := filler.text("#returned"); !strings.Contains(b, "年度绩效指标第2行的指标值无法衡量") {
		t.Errorf("the returned plan has no banner with the reason: %q", b)
	}
	filler.open("/")
	if !strings.Contains(filler.text("#todos"), "退回理由") {
		t.Errorf("the filler's 待办 lacks the return:\n%s", filler.text("#todos"))
	}
	filler.viewport(390, 844)
	filler.open(plan)
	filler.shot("c07-returned-banner-390")
	if n := filler.overflow(); n > 0 {
		t.Errorf("the returned plan at 390 px is %d px too wide", n)
	}
}
