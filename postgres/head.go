package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// headQuery reads a plan's head in one statement: the plan's row (primary key), its
// department (primary key), the number of its comments (index comments_plan) and the
// deadline and exception of the nearest department at or above it, found by primary
// key among the ids of its materialised path.
const headQuery = `SELECT p.version, p.status, p.updated, p.year,
	d.id, d.code, d.name, COALESCE(d.parent_id, 0), d.kind, d.path,
	COALESCE(p.approved_version, 0), COALESCE(p.published_version, 0),
	(SELECT count(*) FROM comments c WHERE c.plan_id = p.id),
	dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at,
	e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
FROM plans p JOIN departments d ON d.id = p.department_id
CROSS JOIN LATERAL (SELECT string_to_array(trim(both '/' from d.path), '/')::bigint[] AS ids) a
LEFT JOIN LATERAL (SELECT x.* FROM deadlines x WHERE x.region_id = ANY (a.ids) AND x.year = p.year
	ORDER BY array_position(a.ids, x.region_id) DESC LIMIT 1) dl ON true
LEFT JOIN LATERAL (SELECT y.* FROM deadline_exceptions y WHERE y.department_id = ANY (a.ids) AND y.year = p.year
	ORDER BY array_position(a.ids, y.department_id) DESC LIMIT 1) e ON true
WHERE p.id = $1`

// PlanHead returns the head of plan id in one indexed statement: one round trip, no
// transaction (one statement reads one snapshot).
func (db *DB) PlanHead(ctx context.Context, id int64) (*jixiao.PlanHead, error) {
	h := jixiao.PlanHead{ID: id}
	var status, kind, path string
	var dlRegion, exDept *int64
	var dlYear, exYear *int
	var dlDue, dlSet, exUntil, exGranted *time.Time
	var dlSetBy, exBy, exReason *string
	err := db.pool.QueryRow(ctx, headQuery, id).Scan(&h.Version, &status, &h.Updated, &h.Year,
		&h.Department.ID, &h.Department.Code, &h.Department.Name, &h.Department.ParentID, &kind, &path,
		&h.ApprovedVersion, &h.PublishedVersion, &h.Comments,
		&dlRegion, &dlYear, &dlDue, &dlSetBy, &dlSet,
		&exDept, &exYear, &exUntil, &exBy, &exReason, &exGranted)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", id)
	} else if err != nil {
		return nil, fmt.Errorf("read plan head: %w", err)
	}
	h.Status, h.Department.Kind, h.Updated = jixiao.Status(status), jixiao.DepartmentKind(kind), h.Updated.UTC()
	if h.Ancestors, err = pathIDs(path); err != nil {
		return nil, err
	}
	if dlRegion != nil {
		h.Deadline = &jixiao.Deadline{RegionID: *dlRegion, Year: *dlYear, Due: dlDue.UTC(), SetBy: *dlSetBy, Set: dlSet.UTC()}
	}
	if exDept != nil {
		h.Exception = &jixiao.DeadlineException{DepartmentID: *exDept, Year: *exYear, Until: exUntil.UTC(),
			GrantedBy: *exBy, Reason: *exReason, Granted: exGranted.UTC()}
	}
	return &h, nil
}

// pathIDs reads a materialised path '/1/5/9/' into its ids, root first.
func pathIDs(path string) ([]int64, error) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	ids := make([]int64, 0, len(parts))
	for _, s := range parts {
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("department path %q: %w", path, err)
		}
		ids = append(ids, n)
	}
	return ids, nil
}

// SessionUser returns the session with the id and its user in one statement (primary
// keys of sessions and users): one round trip. ENOTFOUND when absent or expired.
func (db *DB) SessionUser(ctx context.Context, id string) (*jixiao.Session, *jixiao.User, error) {
	s := jixiao.Session{ID: id}
	row := db.pool.QueryRow(ctx, `SELECT s.user_id, s.csrf, s.created, s.last_seen, s.expires, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires > $2`, id, db.stamp())
	u, err := scanUser(prefixScanner{row, []any{&s.UserID, &s.CSRF, &s.Created, &s.LastSeen, &s.Expires}})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, jixiao.Errorf(jixiao.ENOTFOUND, "会话不存在或已过期，请重新登录")
	} else if err != nil {
		return nil, nil, fmt.Errorf("read session: %w", err)
	}
	s.Created, s.LastSeen, s.Expires = s.Created.UTC(), s.LastSeen.UTC(), s.Expires.UTC()
	return &s, u, nil
}

// prefixScanner scans the columns pre before those its caller asks for.
type prefixScanner struct {
	row pgx.Row
	pre []any
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.row.Scan(append(append([]any(nil), p.pre...), dest...)...)
}

// prefixed qualifies every column of a comma-separated list with prefix.
func prefixed(prefix, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}
