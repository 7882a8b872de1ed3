package http

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"jixiao"
)

//go:embed templates/*.html
var templateFS embed.FS

// layout is embedded in every page struct: what the base layout (templates/layout.html)
// needs.
type layout struct {
	Title string
	User  *jixiao.User
	CSRF  string
	// Me is the signed-in user's name, for the editors' hidden field "by" (see
	// form_resume.go); like CSRF it is filled in after the cache.
	Me     string
	Nav    string // the active entry of the left navigation
	Crumbs []crumb
	Flash  string // a one-line confirmation ("已保存")
	// CanAdmin and CanPlans decide which entries the navigation shows.
	CanAdmin, CanPlans, CanCreate   bool
	CanBoard, CanAudit, CanSecurity bool
	// CanDashboard shows 统计分析; Unread and Todos are the navigation's counts.
	CanDashboard  bool
	Unread, Todos int
	// Wide pages (the table editors) use the whole window.
	Wide bool
	// Body is the page's content, executed before the layout (see render).
	Body template.HTML
	// cacheKey, when set, names the content as a pure function of the plan version and
	// the user's rights: it is executed once and reused (see render).
	cacheKey string
	// styleAttrs are the style attribute values of embedded official tables, allowed by
	// hash in the page's CSP (see csp).
	styleAttrs []string
}

// allowStyles records the style attributes of an embedded table (see csp).
func (l *layout) allowStyles(h template.HTML) {
	for _, m := range styleAttrRe.FindAllStringSubmatch(string(h), -1) {
		v := unescapeAttr(m[1])
		if !slices.Contains(l.styleAttrs, v) {
			l.styleAttrs = append(l.styleAttrs, v)
		}
	}
}

var styleAttrRe = regexp.MustCompile(` style="([^"]*)"`)

func unescapeAttr(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// crumb is one step of the breadcrumbs; the last has no link.
type crumb struct {
	Label string
	URL   string
}

func (l *layout) base() *layout { return l }

// page is what every page struct is: it embeds layout.
type page interface{ base() *layout }

// pages holds one parsed template per page, each the base layout plus the page's file.
type pages struct {
	byName map[string]*template.Template
}

var funcs = template.FuncMap{
	"add":       func(a, b int) int { return a + b },
	"sub":       func(a, b int) int { return a - b },
	"fieldID":   fieldID,
	"statusLbl": func(s jixiao.Status) string { return s.Label() },
	"roleLbl":   func(r jixiao.Role) string { return r.Label() },
	"kindLbl":   kindLabel,
	"place":     place,
	"ruleTitle": ruleTitle,
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"path": func(list string, i int, field string) string { return list + "[" + strconv.Itoa(i) + "]." + field },
	"row":  func(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" },
	// date shows a stored time (UTC) as people here read it: Beijing time, UTC+8.
	"date": localTime,
}

func parsePages() (*pages, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/partial_*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pg := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "partials" || strings.HasPrefix(name, "partial_") {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		pg.byName[name] = t
	}
	return pg, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes the page template name with data into a buffer and writes it with
// status. A template that fails half-way never reaches the browser: the user gets an
// error page and the operator the template's error.
func (s *Server) render(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, name string, data page) {
	l := data.base()
	if c != nil {
		l.User = c.user
		if c.session != nil {
			l.CSRF = c.session.CSRF
		}
		if c.user != nil {
			l.Me = c.user.Username
		}
		if c.user != nil && !c.user.MustChangePassword { // until then, no way but the password form
			ctx := r.Context()
			l.CanAdmin = c.can(ctx, actAdmin, nil, "")
			l.CanPlans = c.can(ctx, actReadPlan, nil, "")
			l.CanCreate = c.can(ctx, actCreatePlan, nil, "")
			l.CanBoard = c.can(ctx, actBoard, nil, "")
			l.CanAudit = c.can(ctx, actAudit, nil, "")
			l.CanSecurity = c.can(ctx, actSecurity, nil, "")
			s.navCounts(ctx, c, l)
		}
	}
	t := s.pages.byName[name]
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	var err error
	if t == nil {
		err = fmt.Errorf("no template %q", name)
	} else if l.Body, err = s.content(t, name, data, l); err == nil {
		err = t.ExecuteTemplate(buf, "layout.html", data)
	}
	if err != nil {
		s.log.Error("render page", "page", name, "path", r.URL.Path, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintln(w, "内部错误：页面生成失败，请联系系统管理员。")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if len(l.styleAttrs) > 0 {
		w.Header().Set("Content-Security-Policy", csp(l.styleAttrs))
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fieldID turns a path of the plan ("indicators[3].target") into the id of its form
// field ("f-indicators-3-target"): the same function names the inputs and the links of
// the findings summary, so a finding always finds its cell.
func fieldID(path string) string {
	var b strings.Builder
	b.WriteString("f-")
	dash := false
	for _, r := range path {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// csrfPlaceholder stands for the session's CSRF token in cached content; it survives
// HTML escaping unchanged and is replaced when the page is written.
const csrfPlaceholder = "JXCSRFPLACEHOLDER0000000000000000000000000"

// mePlaceholder stands for the user's name (layout.Me) in cached content.
const mePlaceholder = "JXMEPLACEHOLDER000000000000000000000000000"

// content executes the page's "content" template. The table editors are the largest
// pages and are read far more often than saved, so their content is cached by plan
// version and the user's rights (l.cacheKey), with the CSRF token put in per request.
func (s *Server) content(t *template.Template, name string, data page, l *layout) (template.HTML, error) {
	if l.cacheKey == "" {
		var b strings.Builder
		err := t.ExecuteTemplate(&b, "content", data)
		return template.HTML(b.String()), err
	}
	key := name + "|" + l.cacheKey
	cached, ok := s.pageCache.get(key)
	if !ok {
		csrf, me := l.CSRF, l.Me
		l.CSRF, l.Me = csrfPlaceholder, mePlaceholder
		var b strings.Builder
		err := t.ExecuteTemplate(&b, "content", data)
		l.CSRF, l.Me = csrf, me
		if err != nil {
			return "", err
		}
		cached = b.String()
		s.pageCache.put(key, cached)
	}
	return template.HTML(strings.NewReplacer(csrfPlaceholder, l.CSRF, mePlaceholder, template.HTMLEscapeString(l.Me)).Replace(cached)), nil
}
