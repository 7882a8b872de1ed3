package scale

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
	"jixiao/batch"
)

// TestMonitoringBoardScale: the finance bureau's monitoring board (监控看板) of one round
// over a province on PostgreSQL, through the real server: p99 of the page < 100 ms. The
// default region is 500 departments (about 3,500 records); JIXIAO_SCALE_PROJECTS=30000 is
// the 30,000 projects issue 15 names (one department table and about six projects a
// plan). The plans are approved and the records' levels set in SQL, as a round's saves
// would leave them: what is timed is the board, which reads the kept level and counts
// and never a record's document.
func TestMonitoringBoardScale(t *testing.T) {
	depts := sizeFromEnv(t, "JIXIAO_SCALE_PROJECTS", 3000)/6 + 1
	ctx := context.Background()
	store, dsn := freshStore(t, ctx, "mon")
	t0 := time.Now()
	const year = 2022
	reg := batch.NewRegion(depts, year)
	if err := batch.Fill(ctx, store, reg, 4, nil); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `UPDATE plans SET status = 'approved', approved_version = version`); err != nil {
		t.Fatal(err)
	}
	root, err := store.DepartmentByCode(ctx, reg.Departments[0].Code)
	if err != nil {
		t.Fatal(err)
	}
	round := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: year, AsOf: 7}, Rules: "national-2019",
		DepartmentID: root.ID, OpenedBy: "scale"}
	t1 := time.Now()
	if err := store.OpenMonitoringRound(ctx, round); err != nil {
		t.Fatal(err)
	}
	t.Logf("filled %d plans in %s; opened the round: %d records in %s", depts, t1.Sub(t0).Round(time.Second),
		round.Records, time.Since(t1).Round(time.Millisecond))
	// Levels as a round's saves leave them: 5% red, 10% yellow, 60% green, the rest not filled.
	if _, err := conn.Exec(ctx, `UPDATE monitoring_records SET level = CASE WHEN id % 20 = 0 THEN 'red' WHEN id % 10 = 1 THEN 'yellow'
		WHEN id % 10 < 8 THEN 'green' ELSE '' END, alerts = CASE WHEN id % 20 = 0 OR id % 10 = 1 THEN 2 ELSE 0 END`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		t.Fatal(err)
	}
	var red int
	if err := conn.QueryRow(ctx, `SELECT COUNT(*) FROM monitoring_records WHERE level = 'red'`).Scan(&red); err != nil {
		t.Fatal(err)
	}

	get := reviewerClient(t, ctx, store, root.ID)
	for _, tc := range []struct {
		name, query string
		want        string // in the page
	}{
		{"board", "", fmt.Sprintf(`红色预警 <b>%d</b>`, red)},
		{"red", "?level=red", fmt.Sprintf("共 %d 张监控表", red)},
		{"search", "?q=" + url.QueryEscape(reg.Departments[len(reg.Departments)-1].Name), "共 "},
		{"by unit", "?view=unit", fmt.Sprintf("共 %d 个单位", depts)},
	} {
		path := fmt.Sprintf("/review/monitoring/%d%s", round.ID, tc.query)
		st, body := get(path)
		if st != 200 || !strings.Contains(body, tc.want) {
			t.Fatalf("%s: %d, want %q in the page", tc.name, st, tc.want)
		}
		const runs = 100
		p50, p99 := pageTimes(t, get, path, runs)
		t.Logf("monitoring board (%s) over %d records: p50 %s, p99 %s (%d runs)", tc.name, round.Records,
			p50.Round(100*time.Microsecond), p99.Round(100*time.Microsecond), runs)
		if p99 > 100*time.Millisecond {
			t.Errorf("monitoring board (%s) p99 %s over %d records, want < 100 ms", tc.name, p99, round.Records)
		}
	}
}
