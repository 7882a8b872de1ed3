// Package http is the web interface of jixiao: sign-in and sessions, the plan list,
// forms for every table of a plan with the checks' findings beside the cells, print
// views, history and the administrator's pages for departments and accounts.
//
// Every route is declared once, in routes (routes.go), with the roles that may call it
// and, for routes under /plans/{id}, the access it needs to that plan; one function,
// authorize (authorize.go), decides. Pages are html/template files under templates/, one
// typed struct per page; CSS and the small optional script are embedded from static/.
// Pages work without JavaScript. The package imports the domain (package jixiao) and the
// check and render packages, never a store: cmd/jixiao wires a jixiao.ReviewStore in.
package http

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"jixiao/library"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"jixiao"
	"jixiao/check"
	"jixiao/pdf"
	"jixiao/render"
)

// Config tunes a Server. Zero values take the defaults.
type Config struct {
	// IdleTimeout ends a session that has not been used for this long (default 30 min).
	IdleTimeout time.Duration
	// SecureCookie sets the Secure flag on the session cookie (behind TLS).
	SecureCookie bool
	// Logger receives operator messages (default slog.Default()).
	Logger *slog.Logger
	// Now is the clock (default time.Now); tests move it.
	Now func() time.Time
	// Chromium is the browser that prints PDF downloads (default: pdf.Chromium's search,
	// $JIXIAO_CHROMIUM or chromium on $PATH).
	Chromium string
	// MaxHashing bounds the password hashes (argon2id, 19 MiB each) computed at once
	// (default 3: a budget of 64 MiB); MaxImports bounds the uploads read at once
	// (default 2). A request beyond them waits up to BusyWait (default 3 s for a
	// sign-in, 10 s for an upload) and is then answered 429. See gate.go.
	MaxHashing int
	MaxImports int
	BusyWait   time.Duration
	// SMTP, when its Addr is set, also mails every in-app message to the recipients who
	// gave an address (mail.go).
	SMTP SMTPConfig
}

// Server is the web application. Create it with New; it is an http.Handler.
type Server struct {
	store  jixiao.ReviewStore
	cfg    Config
	log    *slog.Logger
	mux    *http.ServeMux
	pages  *pages
	routes []route

	// Caches keyed by a plan's id and version (see cache.go): decoded plans, check
	// reports, the content of editor pages.
	plans   *lru[planKey, cachedPlan]
	reports *lru[planKey, *check.Report]
	// libReports, the same with the indicator library's warnings, per library stamp.
	libReports *lru[libReportKey, *check.Report]
	pageCache  *lru[string, string]
	// navTodos, each user's 待办 count of the navigation, and todoGen, the count of
	// writes that may change one (navcounts.go).
	navTodos   *lru[int64, navTodo]
	todoGen    atomic.Uint64
	refreshing userSet        // users whose count is read beside a page
	background sync.WaitGroup // what runs beside the pages (those reads); Close waits for it

	hashing *gate // password hashes computed at once
	imports *gate // uploads read at once
	pwTries tries // wrong current passwords on the change-password form, per session

	pdf     pdfPrinter      // the headless browser of PDF downloads, started on the first one
	uploads map[string]bool // "POST /path" of the routes that take an upload (Route.Upload)
	pending *stash          // imports awaiting confirmation (plan_import_preview.go)
	forms   *stash          // forms posted after the session expired (form_resume.go)
	library *library.Cache  // the indicator library and its suggestion index (library_suggest.go)
}

// New returns a server over store. Templates are parsed once here: a broken template is
// an error at start, never at request time.
//
// The store must also keep the review workflow and the audit log (jixiao.ReviewStore, as
// both stores do); New takes a jixiao.Store so that callers holding one need no assertion.
func New(st jixiao.Store, cfg Config) (*Server, error) {
	store, ok := st.(jixiao.ReviewStore)
	if !ok {
		return nil, fmt.Errorf("http: the store %T keeps no review workflow or audit log (jixiao.ReviewStore)", st)
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxHashing <= 0 {
		cfg.MaxHashing = defaultHashSlots
	}
	if cfg.MaxImports <= 0 {
		cfg.MaxImports = defaultImports
	}
	hashWait, importWait := defaultHashWait, defaultImportWait
	if cfg.BusyWait > 0 {
		hashWait, importWait = cfg.BusyWait, cfg.BusyWait
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(), pages: pg,
		plans: newLRU[planKey, cachedPlan](maxCachedPlans), reports: newLRU[planKey, *check.Report](maxCachedReports),
		libReports: newLRU[libReportKey, *check.Report](maxCachedReports),
		navTodos:   newLRU[int64, navTodo](maxNavTodos),
		pageCache:  newLRU[string, string](maxCachedPages), pending: newStash(maxStashed, maxImportBytes), forms: newStash(maxStashed, maxFormBytes),
		library: library.NewCache(store)}
	s.hashing = newGate(cfg.MaxHashing, hashWait, "同时登录的人太多，服务器繁忙，请稍后重试。")
	s.imports = newGate(cfg.MaxImports, importWait, "服务器正在读取其他上传的文件，请稍后重试。")
	s.pdf.options = pdf.Options{Chromium: cfg.Chromium}
	s.routes = routes()
	s.uploads = map[string]bool{}
	for _, rt := range s.routes {
		if rt.Upload {
			s.uploads[rt.Method+" "+rt.Pattern] = true
		}
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	s.mux.HandleFunc("GET /static/render.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		io.WriteString(w, render.CSS)
	})
	s.registerAPI() // the REST API under /api/v1 (api.go)
	s.mux.HandleFunc("/", s.notFound)
	return s, nil
}

// ServeHTTP sets the security headers and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// No inline script or style anywhere: every script and stylesheet is a file under
	// /static/, so the policy can forbid inline code outright.
	h.Set("Content-Security-Policy", csp(nil))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if r.TLS != nil {
		// Served over TLS: browsers are to come back over TLS only (HSTS), for a year.
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	limit := int64(maxBody)
	if s.uploads[r.Method+" "+r.URL.Path] {
		limit = maxUpload
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	s.mux.ServeHTTP(w, r)
}

// maxBody bounds every request body but an upload's (maxUpload): the largest form (a
// fund item table with a hundred indicators) is well under 1 MiB.
const maxBody = 4 << 20

// Serve serves on l until ctx ends, then shuts down gracefully, letting requests in flight
// finish for up to ten seconds.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	defer s.Close()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// csp is the Content-Security-Policy: everything from this origin only, no inline script
// at all. The official tables (package render) size their columns with style attributes;
// a page that shows them allows exactly those attribute values by hash ('unsafe-hashes'
// applies to attributes only, never to <script> or <style>).
func csp(styleAttrs []string) string {
	style := "style-src 'self'"
	if len(styleAttrs) > 0 {
		style += " 'unsafe-hashes'"
		for _, v := range styleAttrs {
			sum := sha256.Sum256([]byte(v))
			style += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		}
	}
	return "default-src 'self'; script-src 'self'; " + style + "; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}
