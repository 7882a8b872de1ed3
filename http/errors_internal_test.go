package http

import (
	"net/http"
	"regexp"
	"testing"
)

// Every error page has a Chinese title: none shows Go's English status text.
func TestErrorTitlesChinese(t *testing.T) {
	latin := regexp.MustCompile(`[A-Za-z]`)
	for st := 400; st < 600; st++ {
		title := errorTitle(st)
		if title == "" || latin.MatchString(title) || title == http.StatusText(st) {
			t.Errorf("status %d (%s): title %q, want a Chinese title", st, http.StatusText(st), title)
		}
	}
	for st, want := range map[int]string{409: "内容已被他人修改", 423: "已锁定", 400: "输入有误", 404: "未找到"} {
		if got := errorTitle(st); got != want {
			t.Errorf("status %d: title %q, want %q", st, got, want)
		}
	}
}
