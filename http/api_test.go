package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/google/go-cmp/cmp"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
)

// openAPI is the served document, loaded and validated once, with a router over it.
var openAPI struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

func init() {
	openapi3filter.RegisterBodyDecoder("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/pdf", openapi3filter.FileBodyDecoder)
}

// apiDoc loads the OpenAPI document from the file the server embeds and validates it
// with kin-openapi (OpenAPI 3.1, JSON Schema 2020-12).
func apiDoc(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	openAPI.once.Do(func() {
		b, err := os.ReadFile("openapi.json")
		if err != nil {
			openAPI.err = err
			return
		}
		l := openapi3.NewLoader()
		doc, err := l.LoadFromData(b)
		if err != nil {
			openAPI.err = fmt.Errorf("load: %w", err)
			return
		}
		if !doc.IsOpenAPI31OrLater() {
			openAPI.err = fmt.Errorf("document is OpenAPI %s, want 3.1", doc.OpenAPI)
			return
		}
		if err := doc.Validate(context.Background(), openapi3.EnableMultiError()); err != nil {
			openAPI.err = fmt.Errorf("validate: %w", err)
			return
		}
		openAPI.doc = doc
		// The document's server is "/" (the API is served by whatever host runs it);
		// the router matches paths alone.
		doc.Servers = nil
		openAPI.router, openAPI.err = legacy.NewRouter(doc)
	})
	if openAPI.err != nil {
		t.Fatalf("OpenAPI document: %v", openAPI.err)
	}
	return openAPI.doc, openAPI.router
}

// apiResp is an API answer.
type apiResp struct {
	status int
	header http.Header
	body   []byte
}

func (r apiResp) problem(t testing.TB) map[string]any {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("status %d with Content-Type %q, want application/problem+json: %s", r.status, ct, r.body)
	}
	var p map[string]any
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// call sends an API request with the token (none when empty) and validates the
// request and the answer against the OpenAPI document: every call of the API's tests
// is a check of the document.
func (f *fixture) call(t testing.TB, token, method, path string, body any) apiResp {
	t.Helper()
	return f.callWith(t, token, method, path, body, nil)
}

// callWith is call with more request headers (If-Match …).
func (f *fixture) callWith(t testing.TB, token, method, path string, body any, header http.Header) apiResp {
	t.Helper()
	_, router := apiDoc(t)
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, f.ts.URL+path, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := apiResp{res.StatusCode, res.Header, got}

	// The same request, against the document.
	vreq, _ := http.NewRequest(method, "http://x"+path, bytes.NewReader(raw))
	vreq.Header = req.Header.Clone()
	route, params, err := router.FindRoute(vreq)
	if err != nil {
		if r.status != http.StatusNotFound {
			t.Errorf("%s %s: not in the OpenAPI document (%v), answered %d", method, path, err, r.status)
		}
		return r
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if r.status < 400 { // a request the server refused as invalid may be invalid for the document too
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s: request does not match the OpenAPI document: %v", method, path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: r.status, Header: r.header,
		Body: io.NopCloser(bytes.NewReader(got)), Options: &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: answer %d does not match the OpenAPI document: %v\n%s", method, path, r.status, err, clip(got))
	}
	return r
}

func clip(b []byte) string {
	if len(b) > 500 {
		return string(b[:500]) + "…"
	}
	return string(b)
}

var tokenRE = regexp.MustCompile(`jx_[A-Za-z0-9_-]{43}`)

// token makes an API token for the user through the account's page, as a user would.
func (f *fixture) token(user, name string) string {
	f.t.Helper()
	c := f.login(user)
	st, loc := c.postToken(name)
	if st != http.StatusSeeOther {
		f.t.Fatalf("creating a token for %s: status %d, want 303", user, st)
	}
	_, body := c.get(loc)
	tok := tokenRE.FindString(body)
	if tok == "" {
		f.t.Fatalf("creating a token for %s: no token in the page:\n%s", user, snippet(body))
	}
	return tok
}

// postToken posts the token form and returns the status and where it redirects to.
func (c *client) postToken(name string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.f.ts.URL+"/account/tokens", strings.NewReader(url.Values{"csrf": {c.csrf()}, "name": {name}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	st, _, h := c.do(req)
	return st, h.Get("Location")
}

// apiAsPage maps each API route to the page whose access it has: the API's access
// matrix is the pages' (access_test.go's allowed), not a second one.
var apiAsPage = map[string]string{
	"GET /api/v1/openapi.json":            "GET /public",
	"GET /api/v1/plans":                   "GET /plans",
	"POST /api/v1/plans":                  "POST /plans",
	"GET /api/v1/plans/{id}":              "GET /plans/{id}",
	"PUT /api/v1/plans/{id}":              "POST /plans/{id}/department",
	"POST /api/v1/plans/{id}/transitions": "POST /plans/{id}/transition",
	"GET /api/v1/plans/{id}/export.xlsx":  "GET /plans/{id}/export.xlsx",
	"GET /api/v1/plans/{id}/export.pdf":   "GET /plans/{id}/export.pdf",
	"GET /api/v1/plans/{id}/export.json":  "GET /plans/{id}/export.xlsx",
	"GET /api/v1/board":                   "GET /review/board",

	"GET /api/v1/plans/{id}/monitoring":          "GET /plans/{id}/monitoring",
	"GET /api/v1/plans/{id}/monitoring/{m}":      "GET /plans/{id}/monitoring/{m}",
	"PUT /api/v1/plans/{id}/monitoring/{m}":      "POST /plans/{id}/monitoring/{m}",
	"GET /api/v1/plans/{id}/selfevaluations":     "GET /plans/{id}/selfeval",
	"GET /api/v1/plans/{id}/selfevaluations/{i}": "GET /plans/{id}/selfeval/{i}",
}

// TestAPIAccessMatrix repeats the pages' access matrix through the API: every route ×
// every role (and no token) × a plan of the user's own department and of another.
func TestAPIAccessMatrix(t *testing.T) {
	f := newFixture(t)
	tokens := map[string]string{"": ""}
	for _, u := range []string{"admin", "security", "auditor", "reviewer", "filler", "leader", "filler2"} {
		tokens[u] = f.token(u, "矩阵测试")
	}
	for _, rt := range jxhttp.APIRoutes() {
		key := rt.Method + " " + rt.Pattern
		page, ok := apiAsPage[key]
		if !ok {
			t.Errorf("API route %s has no page in apiAsPage", key)
			continue
		}
		for _, u := range []string{"", "admin", "security", "auditor", "reviewer", "filler", "leader", "filler2"} {
			for _, other := range []bool{false, true} {
				if other && !strings.Contains(rt.Pattern, "{id}") {
					continue
				}
				w := who{u, other}
				plan := f.demo
				if other {
					plan = f.other
				}
				path := strings.NewReplacer("{id}", fmt.Sprint(plan), "{i}", "0").Replace(rt.Pattern)
				var body any
				if rt.Method != "GET" {
					body = map[string]any{} // allowed callers get a validation error, not a denial
				}
				r := f.call(t, tokens[u], rt.Method, path, body)
				denied := r.status == http.StatusForbidden || r.status == http.StatusUnauthorized
				if want := expect(page, w); want == denied {
					t.Errorf("%s %s as %s: status %d, want allowed=%v (as %s)\n%s", rt.Method, path, w, r.status, want, page, clip(r.body))
				}
				if denied {
					p := r.problem(t)
					if d, _ := p["detail"].(string); !hasHan(d) {
						t.Errorf("%s %s as %s: detail %q is not Chinese", rt.Method, path, w, d)
					}
				}
			}
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestOpenAPIRoutes: the served document is the file validated here, every API route is
// documented, and every documented operation is routed.
func TestOpenAPIRoutes(t *testing.T) {
	f := newFixture(t)
	doc, _ := apiDoc(t)
	r := f.call(t, "", "GET", "/api/v1/openapi.json", nil)
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if r.status != http.StatusOK || !bytes.Equal(r.body, file) {
		t.Errorf("GET /api/v1/openapi.json: status %d, served document differs from openapi.json", r.status)
	}
	var documented, routed []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	for _, rt := range jxhttp.APIRoutes() {
		routed = append(routed, rt.Method+" "+rt.Pattern)
	}
	slices.Sort(documented)
	slices.Sort(routed)
	if diff := cmp.Diff(routed, documented); diff != "" {
		t.Errorf("routes (-) and documented operations (+) differ:\n%s", diff)
	}
}

// TestAPIVersionConflict: a save names the version it was read at; a second save from
// the same reading is 409 and changes nothing.
func TestAPIVersionConflict(t *testing.T) {
	f := newFixture(t)
	tok := f.token("filler", "冲突测试")
	path := fmt.Sprintf("/api/v1/plans/%d", f.demo)
	r := f.call(t, tok, "GET", path, nil)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, r.status, clip(r.body))
	}
	var got struct {
		Plan     jixiao.Plan
		Findings []map[string]any
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	v := got.Plan.Version
	if r.header.Get("ETag") != fmt.Sprintf(`"%d"`, v) {
		t.Errorf("ETag %q, want version %d", r.header.Get("ETag"), v)
	}
	mine := got.Plan
	mine.Duties = "（接口修改）" + mine.Duties
	r = f.call(t, tok, "PUT", path, mine)
	if r.status != http.StatusOK {
		t.Fatalf("first save: %d %s", r.status, clip(r.body))
	}
	theirs := got.Plan
	theirs.Duties = "另一处修改"
	r = f.call(t, tok, "PUT", path, theirs) // still at v: stale
	if r.status != http.StatusConflict {
		t.Fatalf("stale save: status %d, want 409: %s", r.status, clip(r.body))
	}
	p := r.problem(t)
	if p["code"] != jixiao.ECONFLICT || !strings.Contains(p["detail"].(string), fmt.Sprintf("第 %d 版", v)) {
		t.Errorf("problem %v, want conflict naming version %d", p, v)
	}
	stored, err := f.store.Plan(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Version != v+1 || !strings.HasPrefix(stored.Duties, "（接口修改）") {
		t.Errorf("stored plan at version %d with duties %.20q, want version %d with the first save", stored.Version, stored.Duties, v+1)
	}
	// Without a version nothing is saved either.
	theirs.Version = 0
	if r := f.call(t, tok, "PUT", path, theirs); r.status != http.StatusBadRequest {
		t.Errorf("save without version: %d, want 400", r.status)
	}
}

// TestAPIPaging walks the listing a page at a time with the cursor: every plan once, in
// the listing's order, and the total on each page.
func TestAPIPaging(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	demo, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	for y := 2010; y < 2017; y++ {
		p := *demo
		p.ID, p.Version, p.Year = 0, 0, y
		if err := f.store.CreatePlan(ctx, &p, jixiao.SaveInfo{Author: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	tok := f.token("reviewer", "翻页测试")
	var all struct {
		Items []jixiao.PlanSummary
		Total int
		Next  string
	}
	r := f.call(t, tok, "GET", "/api/v1/plans?limit=500", nil)
	if err := json.Unmarshal(r.body, &all); err != nil || r.status != http.StatusOK {
		t.Fatalf("list: %d %v", r.status, err)
	}
	if all.Total != len(all.Items) || all.Total < 9 || all.Next != "" {
		t.Fatalf("list: %d items, total %d, next %q", len(all.Items), all.Total, all.Next)
	}
	var want, walked []int64
	for _, p := range all.Items {
		want = append(want, p.ID)
	}
	next := ""
	for range 20 {
		path := "/api/v1/plans?limit=2"
		if next != "" {
			path += "&cursor=" + url.QueryEscape(next)
		}
		var page struct {
			Items []jixiao.PlanSummary
			Total int
			Next  string
		}
		r := f.call(t, tok, "GET", path, nil)
		if err := json.Unmarshal(r.body, &page); err != nil || r.status != http.StatusOK {
			t.Fatalf("%s: %d %v", path, r.status, err)
		}
		if want := map[bool]int{true: all.Total, false: 0}[next == ""]; page.Total != want {
			t.Errorf("%s: total %d, want %d (the first page only)", path, page.Total, want)
		}
		for _, p := range page.Items {
			walked = append(walked, p.ID)
		}
		if next = page.Next; next == "" {
			break
		}
	}
	if diff := cmp.Diff(want, walked); diff != "" {
		t.Errorf("pages mismatch (-want +got):\n%s", diff)
	}
	// Filters, and what another department's filler sees.
	r = f.call(t, tok, "GET", "/api/v1/plans?year=2012&department="+setup.DemoDeptCode, nil)
	var one struct{ Items []jixiao.PlanSummary }
	json.Unmarshal(r.body, &one)
	if len(one.Items) != 1 || one.Items[0].Year != 2012 {
		t.Errorf("year filter: %+v", one.Items)
	}
	r = f.call(t, f.token("filler2", "他人"), "GET", "/api/v1/plans?limit=500", nil)
	json.Unmarshal(r.body, &one)
	for _, p := range one.Items {
		if p.DepartmentCode != otherCode {
			t.Errorf("filler2 sees %s's plan %d", p.DepartmentCode, p.ID)
		}
	}
	for _, bad := range []string{"cursor=xyz", "limit=0", "limit=501", "year=abc", "status=done"} {
		r := f.call(t, tok, "GET", "/api/v1/plans?"+bad, nil)
		if r.status != http.StatusBadRequest {
			t.Errorf("?%s: status %d, want 400", bad, r.status)
			continue
		}
		if d, _ := r.problem(t)["detail"].(string); !hasHan(d) || !strings.HasSuffix(d, "。") {
			t.Errorf("?%s: detail %q is not a Chinese sentence", bad, d)
		}
	}
}

// TestAPITokens: a token is shown once, listed by name, works until revoked; cookies are
// not accepted on the API; every step is in the audit log.
func TestAPITokens(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	st, loc := c.postToken("数据仓库")
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/account/tokens?new=") {
		t.Fatalf("create: %d %q, want 303 to the page that shows the token", st, loc)
	}
	// Another session of the same account cannot read the new token from its address.
	if _, other := f.login("filler").get(loc); tokenRE.MatchString(other) {
		t.Errorf("another session read the new token:\n%s", snippet(other))
	}
	_, body := c.get(loc)
	tok := tokenRE.FindString(body)
	if tok == "" {
		t.Fatalf("the page after making a token does not show it:\n%s", snippet(body))
	}
	// A reload shows it no more (and posts nothing: no second token is made).
	if _, again := c.get(loc); tokenRE.MatchString(again) || !strings.Contains(again, "只显示一次") {
		t.Errorf("a reload shows the token again, or does not say why it is gone:\n%s", snippet(again))
	}
	_, list := c.get("/account/tokens")
	if strings.Contains(list, tok) || !strings.Contains(list, "数据仓库") || !strings.Contains(list, tok[:9]) {
		t.Errorf("the list shows the token again, or not its name and prefix:\n%s", snippet(list))
	}
	if r := f.call(t, tok, "GET", "/api/v1/plans", nil); r.status != http.StatusOK {
		t.Fatalf("with the token: %d %s", r.status, clip(r.body))
	}
	// A browser's session is not a way into the API.
	if st, _ := c.get("/api/v1/plans"); st != http.StatusUnauthorized {
		t.Errorf("with the session cookie only: %d, want 401", st)
	}
	if r := f.call(t, tok+"x", "GET", "/api/v1/plans", nil); r.status != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d, want 401", r.status)
	}
	id := regexp.MustCompile(`/account/tokens/(\d+)/revoke`).FindStringSubmatch(list)
	if id == nil {
		t.Fatalf("no revoke button:\n%s", snippet(list))
	}
	// Another account cannot revoke it.
	c2 := f.login("filler2")
	if st, _ := c2.post("/account/tokens/"+id[1]+"/revoke", url.Values{"csrf": {c2.csrf()}}); st != http.StatusNotFound {
		t.Errorf("another account's revoke: %d, want 404", st)
	}
	if st, _ := c.post("/account/tokens/"+id[1]+"/revoke", url.Values{"csrf": {c.csrf()}}); st != http.StatusSeeOther {
		t.Errorf("revoke: %d, want 303", st)
	}
	r := f.call(t, tok, "GET", "/api/v1/plans", nil)
	if r.status != http.StatusUnauthorized {
		t.Errorf("after revoking: %d, want 401", r.status)
	}
	r.problem(t)
	entries, _, err := f.store.AuditEntries(context.Background(), jixiao.AuditFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		if strings.HasPrefix(e.Action, "token_") {
			actions = append(actions, e.Action+" "+e.Outcome)
		}
	}
	slices.Sort(actions)
	if diff := cmp.Diff([]string{"token_create ok", "token_revoke failed", "token_revoke ok"}, actions); diff != "" {
		t.Errorf("audit mismatch (-want +got):\n%s", diff)
	}
	if r := f.call(t, "", "GET", "/api/v1/nothing", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown API path: %d", r.status)
	} else {
		r.problem(t)
	}
}
