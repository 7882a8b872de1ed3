package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

// PlanHead returns the head of plan id in one indexed statement: the plan's row
// (primary key), its department (primary key), the number of its comments (index
// comments_plan) and the deadline and exception of the nearest department at or above
// it, found by primary key among the ids of its materialised path (the dialect's
// joins). No transaction: one statement reads one snapshot.
func (db *DB) PlanHead(ctx context.Context, id int64) (*jixiao.PlanHead, error) {
	h := jixiao.PlanHead{ID: id}
	var status, kind, path string
	var dlRegion, dlYear, exDept, exYear sql.NullInt64
	var dlSetBy, exBy, exReason sql.NullString
	var dl jixiao.Deadline
	var ex jixiao.DeadlineException
	err := db.r.QueryRowContext(ctx, db.q(`SELECT p.version, p.status, p.updated, p.year,
	d.id, d.code, d.name, COALESCE(d.parent_id, 0), d.kind, d.path,
	COALESCE(p.approved_version, 0), COALESCE(p.published_version, 0),
	(SELECT count(*) FROM comments c WHERE c.plan_id = p.id AND c.subject = ''),
	dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at,
	e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
FROM plans p JOIN departments d ON d.id = p.department_id
`+db.d.HeadJoins()+`
WHERE p.id = ?`), id).Scan(&h.Version, &status, at(&h.Updated), &h.Year,
		&h.Department.ID, &h.Department.Code, &h.Department.Name, &h.Department.ParentID, &kind, &path,
		&h.ApprovedVersion, &h.PublishedVersion, &h.Comments,
		&dlRegion, &dlYear, at(&dl.Due), &dlSetBy, at(&dl.Set),
		&exDept, &exYear, at(&ex.Until), &exBy, &exReason, at(&ex.Granted))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", id)
	} else if err != nil {
		return nil, fmt.Errorf("read plan head: %w", err)
	}
	h.Status, h.Department.Kind = jixiao.Status(status), jixiao.DepartmentKind(kind)
	if h.Ancestors, err = pathIDs(path); err != nil {
		return nil, err
	}
	if dlRegion.Valid {
		dl.Stage, dl.RegionID, dl.Year, dl.SetBy = jixiao.StageTargets, dlRegion.Int64, int(dlYear.Int64), dlSetBy.String
		h.Deadline = &dl
	}
	if exDept.Valid {
		ex.Stage, ex.DepartmentID, ex.Year, ex.GrantedBy, ex.Reason = jixiao.StageTargets, exDept.Int64, int(exYear.Int64), exBy.String, exReason.String
		h.Exception = &ex
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
	row := db.r.QueryRowContext(ctx, db.q(`SELECT s.user_id, s.csrf, s.created, s.last_seen, s.expires, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires > ?`), id, db.t(db.now()))
	u, err := scanUser(prefixScanner{row, []any{&s.UserID, &s.CSRF, at(&s.Created), at(&s.LastSeen), at(&s.Expires)}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errNoSession()
	} else if err != nil {
		return nil, nil, fmt.Errorf("read session: %w", err)
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
