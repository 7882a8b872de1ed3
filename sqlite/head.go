package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// headQuery reads a plan's head in one statement: the plan's row (primary key), its
// department (primary key), the number of its comments (index comments_plan) and the
// deadline and exception of the nearest department at or above it, found by primary
// key among the ids of its materialised path (json_each over '[1,5,9]').
const headQuery = `SELECT p.version, p.status, p.updated, p.year,
	d.id, d.code, d.name, COALESCE(d.parent_id, 0), d.kind, d.path,
	COALESCE(p.approved_version, 0), COALESCE(p.published_version, 0),
	(SELECT count(*) FROM comments c WHERE c.plan_id = p.id),
	dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at,
	e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
FROM plans p JOIN departments d ON d.id = p.department_id
LEFT JOIN deadlines dl ON dl.year = p.year AND dl.region_id = (
	SELECT x.region_id FROM json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	JOIN deadlines x ON x.region_id = j.value AND x.year = p.year ORDER BY j.key DESC LIMIT 1)
LEFT JOIN deadline_exceptions e ON e.year = p.year AND e.department_id = (
	SELECT y.department_id FROM json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	JOIN deadline_exceptions y ON y.department_id = j.value AND y.year = p.year ORDER BY j.key DESC LIMIT 1)
WHERE p.id = ?`

// PlanHead returns the head of plan id in one indexed statement (no transaction: one
// statement reads one snapshot).
func (db *DB) PlanHead(ctx context.Context, id int64) (*jixiao.PlanHead, error) {
	h := jixiao.PlanHead{ID: id}
	var status, updated, kind, path string
	var dlRegion, dlYear, exDept, exYear sql.NullInt64
	var dlDue, dlSetBy, dlSet, exUntil, exBy, exReason, exGranted sql.NullString
	err := db.r.QueryRowContext(ctx, headQuery, id).Scan(&h.Version, &status, &updated, &h.Year,
		&h.Department.ID, &h.Department.Code, &h.Department.Name, &h.Department.ParentID, &kind, &path,
		&h.ApprovedVersion, &h.PublishedVersion, &h.Comments,
		&dlRegion, &dlYear, &dlDue, &dlSetBy, &dlSet,
		&exDept, &exYear, &exUntil, &exBy, &exReason, &exGranted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", id)
	} else if err != nil {
		return nil, fmt.Errorf("read plan head: %w", err)
	}
	h.Status, h.Department.Kind = jixiao.Status(status), jixiao.DepartmentKind(kind)
	if h.Updated, err = parseTime(updated); err != nil {
		return nil, err
	}
	if h.Ancestors, err = pathIDs(path); err != nil {
		return nil, err
	}
	if dlRegion.Valid {
		d := &jixiao.Deadline{RegionID: dlRegion.Int64, Year: int(dlYear.Int64), SetBy: dlSetBy.String}
		if d.Due, err = parseTime(dlDue.String); err != nil {
			return nil, err
		}
		if d.Set, err = parseTime(dlSet.String); err != nil {
			return nil, err
		}
		h.Deadline = d
	}
	if exDept.Valid {
		e := &jixiao.DeadlineException{DepartmentID: exDept.Int64, Year: int(exYear.Int64), GrantedBy: exBy.String, Reason: exReason.String}
		if e.Until, err = parseTime(exUntil.String); err != nil {
			return nil, err
		}
		if e.Granted, err = parseTime(exGranted.String); err != nil {
			return nil, err
		}
		h.Exception = e
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
// keys of sessions and users); ENOTFOUND when the session is absent or expired.
func (db *DB) SessionUser(ctx context.Context, id string) (*jixiao.Session, *jixiao.User, error) {
	s := jixiao.Session{ID: id}
	var created, lastSeen, expires string
	row := db.r.QueryRowContext(ctx, `SELECT s.user_id, s.csrf, s.created, s.last_seen, s.expires, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires > ?`, id, fmtTime(db.stamp()))
	u, err := scanUser(prefixScanner{row, []any{&s.UserID, &s.CSRF, &created, &lastSeen, &expires}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, jixiao.Errorf(jixiao.ENOTFOUND, "会话不存在或已过期，请重新登录")
	} else if err != nil {
		return nil, nil, fmt.Errorf("read session: %w", err)
	}
	for _, t := range []struct {
		s string
		t *time.Time
	}{{created, &s.Created}, {lastSeen, &s.LastSeen}, {expires, &s.Expires}} {
		if *t.t, err = parseTime(t.s); err != nil {
			return nil, nil, err
		}
	}
	return &s, u, nil
}

// prefixScanner scans the columns pre before those its caller asks for.
type prefixScanner struct {
	row scanner
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
