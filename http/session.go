package http

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"jixiao"
)

// sessionCookie holds the session token. The store keeps only its SHA-256 (Session.ID),
// so a leaked database does not hand out live sessions.
const sessionCookie = "jx_session"

// touchEvery bounds how often a session's LastSeen is written: once a minute is enough
// for an idle timeout in minutes, and spares a write on every request.
const touchEvery = time.Minute

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// startSession creates a session for u and sets its cookie.
func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, u *jixiao.User) error {
	token := randomToken(32)
	now := s.cfg.Now()
	sess := &jixiao.Session{
		ID:       hashToken(token),
		UserID:   u.ID,
		CSRF:     randomToken(32),
		Created:  now,
		LastSeen: now,
		Expires:  now.Add(s.cfg.IdleTimeout),
	}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookie,
	})
	return nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookie,
	})
}

// signedOut is the session cookie's value after 退出登录: no session, but the browser
// was signed in, so that a form of another window posted after it is kept for after
// signing in again (stashExpiredForm) instead of being lost. Like the session's, the
// cookie ends with the browser.
const signedOut = "signed-out"

// setSignedOutCookie replaces the session cookie by signedOut.
func (s *Server) setSignedOutCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: signedOut, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookie,
	})
}

// errNoSession is loadSession's answer when the request has no valid session.
var errNoSession = errors.New("no valid session")

// loadSession finds the session and user of the request's cookie. It returns
// errNoSession when there is no valid session (no cookie, unknown, expired, or a
// disabled account), and another error when the store fails.
func (s *Server) loadSession(ctx context.Context, r *http.Request) (*jixiao.Session, *jixiao.User, error) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil || ck.Value == "" || ck.Value == signedOut || len(ck.Value) > 100 {
		return nil, nil, errNoSession
	}
	id := hashToken(ck.Value)
	// One query for the session and its user, by primary keys: sessions stay in the
	// store, so that any server can serve any request.
	sess, u, err := s.store.SessionUser(ctx, id)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return nil, nil, errNoSession
	} else if err != nil {
		return nil, nil, err
	}
	now := s.cfg.Now()
	if !now.Before(sess.Expires) {
		_ = s.store.DeleteSession(ctx, id)
		return nil, nil, errNoSession
	}
	if u.Disabled {
		return nil, nil, errNoSession
	}
	// A password change ends every session begun before it.
	if !u.PasswordChanged.IsZero() && sess.Created.Before(u.PasswordChanged.Add(-time.Second)) {
		return nil, nil, errNoSession
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		sess.LastSeen, sess.Expires = now, now.Add(s.cfg.IdleTimeout)
		if err := s.store.TouchSession(ctx, id, sess.LastSeen, sess.Expires); err != nil {
			return nil, nil, err
		}
	}
	return sess, u, nil
}

// csrfField is the hidden form field that carries the session's CSRF token.
const csrfField = "csrf"

// checkCSRF compares the form's token with the session's in constant time.
func checkCSRF(r *http.Request, sess *jixiao.Session) bool {
	got := r.PostFormValue(csrfField)
	return sess != nil && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRF)) == 1
}
