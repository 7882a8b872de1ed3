package http

import (
	"errors"
	"net/http"

	"jixiao"
)

// statusOf is the one map from the domain's error codes to HTTP statuses.
var statusOf = map[string]int{
	jixiao.ECONFLICT:     http.StatusConflict,
	jixiao.EINTERNAL:     http.StatusInternalServerError,
	jixiao.EINVALID:      http.StatusBadRequest,
	jixiao.ENOTFOUND:     http.StatusNotFound,
	jixiao.EUNAUTHORIZED: http.StatusUnauthorized,
	jixiao.EFORBIDDEN:    http.StatusForbidden,
	jixiao.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	jixiao.ELOCKED:       http.StatusLocked,
	jixiao.EBUSY:         http.StatusTooManyRequests,
}

// errorStatus returns the HTTP status for err.
func errorStatus(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	if st, ok := statusOf[jixiao.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errorPage is the page shown for a failed request.
type errorPage struct {
	layout
	Status  int
	Message string
}

// fail writes the error page for err. Internal errors are logged with their operator
// text; the user sees only the generic Chinese message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, c *reqCtx, err error) {
	st := errorStatus(err)
	msg := jixiao.ErrorMessage(err)
	if st == http.StatusRequestEntityTooLarge && jixiao.ErrorCode(err) == jixiao.EINTERNAL {
		msg = "提交的内容过大。"
	}
	if st >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	p := &errorPage{Status: st, Message: msg}
	p.Title = errorTitle(st)
	if st == http.StatusTooManyRequests || st == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "2")
	}
	s.render(w, r, c, st, "error", p)
}

// errorTitle is the Chinese title of the error page for status st; never the English
// status text.
func errorTitle(st int) string {
	switch st {
	case http.StatusBadRequest:
		return "输入有误"
	case http.StatusUnauthorized:
		return "请登录"
	case http.StatusForbidden:
		return "无权访问"
	case http.StatusNotFound:
		return "未找到"
	case http.StatusMethodNotAllowed:
		return "不支持此操作"
	case http.StatusConflict:
		return "内容已被他人修改"
	case http.StatusGone:
		return "已不存在"
	case http.StatusRequestEntityTooLarge:
		return "提交的内容过大"
	case http.StatusUnsupportedMediaType:
		return "文件类型不支持"
	case http.StatusUnprocessableEntity:
		return "无法处理"
	case http.StatusLocked:
		return "已锁定"
	case http.StatusTooManyRequests: // EBUSY: a gate of concurrent work is full
		return "服务器繁忙"
	case http.StatusInternalServerError:
		return "内部错误"
	case http.StatusServiceUnavailable:
		return "服务器繁忙"
	}
	if st >= 500 {
		return "服务器出错"
	}
	return "请求未能完成"
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	c := &reqCtx{store: s.store}
	if sess, u, err := s.loadSession(r.Context(), r); err == nil {
		c.session, c.user = sess, u
	}
	s.fail(w, r, c, jixiao.Errorf(jixiao.ENOTFOUND, "页面“%s”不存在。", r.URL.Path))
}
