package http

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"jixiao"
)

// tokensPage lists the account's API tokens (接口令牌) and makes new ones. New is the
// token just made, shown this once: only its hash is kept.
type tokensPage struct {
	layout
	Tokens []tokenView
	New    string
	Name   string
	Error  string
}

type tokenView struct {
	ID                     int64
	Name, Prefix           string
	Created, LastUsed, Off string
}

// tokensShow lists the tokens (GET /account/tokens).
func tokensShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.showTokens(w, r, c, http.StatusOK, &tokensPage{})
}

func (s *Server) showTokens(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, p *tokensPage) error {
	ts, err := s.store.Tokens(r.Context(), c.user.ID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		p.Tokens = append(p.Tokens, tokenView{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Created: localTime(t.Created),
			LastUsed: localTime(t.LastUsed), Off: localTime(t.Revoked)})
	}
	p.Title, p.Nav = "接口令牌", "tokens"
	p.Crumbs = []crumb{{Label: "首页", URL: "/"}, {Label: "接口令牌"}}
	if r.URL.Query().Get("revoked") != "" {
		p.Flash = "令牌已撤销，使用它的系统将无法再访问接口。"
	}
	if key := r.URL.Query().Get("new"); key != "" && p.New == "" {
		// The token just made, kept for this one page: a reload finds it gone.
		now := s.cfg.Now()
		if e, ok := s.forms.get(now, key, "token"); ok && e.UserID == c.user.ID && e.Session == c.session.ID {
			if _, ok := s.forms.take(now, key, "token"); ok {
				p.New = e.Value.(string)
			}
		}
		if p.New == "" {
			p.Error = "新令牌只显示一次，已不能再次查看；如未记下，请撤销它并新建一个。"
		}
	}
	s.render(w, r, c, status, "tokens", p)
	return nil
}

// tokenCreate makes a token (POST /account/tokens) and shows it once.
func tokenCreate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	tok, hash, err := newAPIToken()
	if err != nil {
		return err
	}
	t := &jixiao.APIToken{UserID: c.user.ID, Name: r.PostFormValue("name"), Hash: hash, Prefix: tok[:len(tokenPrefix)+6]}
	if err := s.store.CreateToken(r.Context(), t); jixiao.ErrorCode(err) == jixiao.EINVALID {
		return s.showTokens(w, r, c, http.StatusBadRequest, &tokensPage{Error: jixiao.ErrorMessage(err), Name: r.PostFormValue("name")})
	} else if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("token:%d", t.ID)
	c.auditDetail = fmt.Sprintf("新建接口令牌“%s”（%s…）", t.Name, t.Prefix)
	// Post, redirect, get: a reload of the page that shows the token must not post the
	// form again and make a second token. The token waits in the server's memory, bound
	// to this session, for the one page that shows it.
	now := s.cfg.Now()
	key := s.forms.put(now, stashEntry{Kind: "token", UserID: c.user.ID, Session: c.session.ID,
		Expires: now.Add(5 * time.Minute), Value: tok, Size: len(tok)})
	if key == "" {
		return s.showTokens(w, r, c, http.StatusOK, &tokensPage{New: tok})
	}
	http.Redirect(w, r, "/account/tokens?new="+key, http.StatusSeeOther)
	return nil
}

// tokenRevoke revokes one of the account's tokens (POST /account/tokens/{tid}/revoke).
func tokenRevoke(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil || id <= 0 {
		return jixiao.Errorf(jixiao.ENOTFOUND, "接口令牌“%s”不存在。", r.PathValue("tid"))
	}
	c.auditObject = fmt.Sprintf("token:%d", id)
	if err := s.store.RevokeToken(r.Context(), c.user.ID, id, s.cfg.Now()); err != nil {
		return err
	}
	c.auditDetail = "撤销接口令牌"
	http.Redirect(w, r, "/account/tokens?revoked=1", http.StatusSeeOther)
	return nil
}
