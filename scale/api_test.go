package scale

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"jixiao"
	"jixiao/gen"
	jxhttp "jixiao/http"
)

// testAPIPages walks every plan of the province through the REST API, a page of 50 at
// a time by the cursor, as the finance bureau's reviewer (whose region is the whole
// province): every plan is seen once, in the listing's order, and the 99th percentile
// of the pages' times is under 100 ms.
func testAPIPages(t *testing.T, ctx context.Context, store jixiao.ReviewStore, reg *gen.Region, nPlans int) {
	bureau, err := store.DepartmentByCode(ctx, reg.Departments[0].Code)
	if err != nil {
		t.Fatal(err)
	}
	u := &jixiao.User{Username: fmt.Sprintf("api-%d", time.Now().UnixNano()), Name: "接口审核", Role: jixiao.RoleReviewer, DepartmentID: bureau.ID}
	if err := store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	// A token as the account page makes one; only its SHA-256 is stored (jixiao.APIToken).
	token := "jx_scale-test-token-" + u.Username
	sum := sha256.Sum256([]byte(token))
	if err := store.CreateToken(ctx, &jixiao.APIToken{UserID: u.ID, Name: "规模测试", Hash: hex.EncodeToString(sum[:]), Prefix: token[:9]}); err != nil {
		t.Fatal(err)
	}
	srv, err := jxhttp.New(store, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()

	var times []time.Duration
	seen := map[int64]bool{}
	var last jixiao.PlanSummary
	cursor := ""
	for page := 0; ; page++ {
		path := "/api/v1/plans?limit=50"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		t0 := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Items []jixiao.PlanSummary
			Total int
			Next  string
		}
		err = json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		times = append(times, time.Since(t0))
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("page %d: status %d, %v", page, res.StatusCode, err)
		}
		if page == 0 && body.Total != nPlans {
			t.Fatalf("page %d: total %d, want %d", page, body.Total, nPlans)
		}
		for _, p := range body.Items {
			if seen[p.ID] {
				t.Fatalf("page %d: plan %d seen twice", page, p.ID)
			}
			seen[p.ID] = true
			if last.ID != 0 && (p.Year > last.Year || p.Year == last.Year && (p.DepartmentCode < last.DepartmentCode ||
				p.DepartmentCode == last.DepartmentCode && p.ID < last.ID)) {
				t.Fatalf("page %d: plan %d (%d %s) after plan %d (%d %s): out of order", page, p.ID, p.Year, p.DepartmentCode, last.ID, last.Year, last.DepartmentCode)
			}
			last = p
		}
		if cursor = body.Next; cursor == "" {
			break
		}
	}
	if len(seen) != nPlans {
		t.Errorf("walked %d plans, want %d", len(seen), nPlans)
	}
	slow := make([]int, len(times))
	for i := range slow {
		slow[i] = i
	}
	slices.SortFunc(slow, func(a, b int) int { return int(times[b] - times[a]) })
	for _, i := range slow[:5] {
		t.Logf("slow page %d: %.2f ms", i, ms(times[i]))
	}
	slices.Sort(times)
	p99 := times[(len(times)*99+99)/100-1]
	t.Logf("API plan pages of 50 by cursor: %d pages over %d plans, median %.2f ms, p99 %.2f ms, max %.2f ms",
		len(times), nPlans, ms(times[len(times)/2]), ms(p99), ms(times[len(times)-1]))
	if p99 > 100*time.Millisecond {
		t.Errorf("p99 of an API page is %s, want < 100 ms", p99)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
