package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"jixiao"
)

// revisionColumns are the columns of a revision row, in the order of the rows given to
// insertRevisions.
var revisionColumns = []string{"plan_id", "version", "author", "reason", "created", "doc"}

// ImportPlans imports every plan as ImportPlan does (a new plan, or a new revision of
// the department's plan for that year), all in one transaction: all or none. The plans'
// rows are written one by one, as their departments must be found and locked; their
// revisions, the bulk of the data, go in at once through the engine's bulk path
// (COPY on PostgreSQL). It returns how many plans were created.
func (db *DB) ImportPlans(ctx context.Context, plans []*jixiao.Plan, info jixiao.SaveInfo) (created int, err error) {
	if info.Reason == "" {
		info.Reason = "导入"
	}
	for _, p := range plans {
		defer keepOnError(p, &err)()
	}
	err = db.writeConn(ctx, func(tx tx, conn *sql.Conn) error {
		// Each plan is encoded, on the other cores, as soon as its row is written (the
		// row sets its id and version), while the next rows are written.
		now := db.t(db.stamp())
		enc := newEncoder(len(plans))
		for i, p := range plans {
			isNew, err := db.importHeader(ctx, tx, p, info, now)
			if err != nil {
				enc.wait()
				return withPlace(err, i, len(plans))
			}
			if isNew {
				created++
			}
			enc.send(i, p)
		}
		docs, err := enc.wait()
		if err != nil {
			return err
		}
		revs := make([][]any, len(plans))
		for i, p := range plans {
			revs[i] = []any{p.ID, p.Version, info.Author, info.Reason, now, docs[i]}
		}
		return db.insertRevisions(ctx, tx, conn, revs)
	})
	if err != nil {
		return 0, err
	}
	return created, nil
}

// encoder encodes plans as their revisions' documents on every core, in the
// background, as they are sent.
type encoder struct {
	docs [][]byte
	errs []error
	next chan int
	wg   sync.WaitGroup
	p    []*jixiao.Plan
}

func newEncoder(n int) *encoder {
	e := &encoder{docs: make([][]byte, n), errs: make([]error, n), next: make(chan int, n), p: make([]*jixiao.Plan, n)}
	for range runtime.GOMAXPROCS(0) {
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			for i := range e.next {
				e.docs[i], e.errs[i] = json.Marshal(e.p[i])
			}
		}()
	}
	return e
}

// send hands plan i over; the caller no longer changes it.
func (e *encoder) send(i int, p *jixiao.Plan) {
	e.p[i] = p
	e.next <- i
}

// wait returns the documents once every plan sent is encoded.
func (e *encoder) wait() ([][]byte, error) {
	close(e.next)
	e.wg.Wait()
	for _, err := range e.errs {
		if err != nil {
			return nil, fmt.Errorf("encode plan: %w", err)
		}
	}
	return e.docs, nil
}

// withPlace names the plan of a batch a user's error is about.
func withPlace(err error, i, n int) error {
	var e *jixiao.Error
	if n == 1 || !errors.As(err, &e) {
		return err
	}
	return jixiao.WrapError(err, e.Code, "第 %d 份（共 %d 份）：%s。", i+1, n, strings.TrimSuffix(e.Message, "。"))
}

// importHeader writes the plan's row for an import (ImportPlan, ImportPlans): found by
// its department (locked) and year, created at version 1 or moved to the next version
// whatever version the document was read at. The revision is the caller's to write.
func (db *DB) importHeader(ctx context.Context, tx tx, p *jixiao.Plan, info jixiao.SaveInfo, now any) (bool, error) {
	if err := p.Validate(); err != nil {
		return false, err
	}
	// The department by its code, locked, with its plan for the year: one statement for
	// the common case. Otherwise found by name or created, then locked.
	var d jixiao.Department
	var id sql.NullInt64
	var version sql.NullInt32
	var status sql.NullString
	const q = `SELECT d.id, d.code, d.name, p.id, p.version, p.status FROM departments d
		LEFT JOIN plans p ON p.department_id = d.id AND p.year = ?
		WHERE `
	err := sql.ErrNoRows
	if code := strings.TrimSpace(p.DepartmentCode); code != "" {
		err = tx.queryRow(ctx, q+`d.code = ?`+db.d.ForUpdate("d"), p.Year, code).Scan(&d.ID, &d.Code, &d.Name, &id, &version, &status)
	}
	if errors.Is(err, sql.ErrNoRows) {
		found, err := importDepartment(ctx, tx, p)
		if err != nil {
			return false, err
		}
		err = tx.queryRow(ctx, q+`d.id = ?`+db.d.ForUpdate("d"), p.Year, found.ID).Scan(&d.ID, &d.Code, &d.Name, &id, &version, &status)
		if err != nil {
			return false, fmt.Errorf("find plan: %w", err)
		}
	} else if err != nil {
		return false, fmt.Errorf("find plan: %w", err)
	}
	if !id.Valid {
		return true, db.insertPlanRow(ctx, tx, &d, p, info, now)
	}
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Status(status.String)
	}
	// A save of the plan itself does not lock its department: the version is checked.
	p.ID, p.Version, p.DepartmentCode = id.Int64, int(version.Int32), d.Code
	res, err := tx.exec(ctx, `UPDATE plans SET version = version + 1, department = ?, submitter = ?, framework = ?,
		status = ?, duties = ?, fund_authority = ?, updated = ?, updated_by = ? WHERE id = ? AND version = ?`,
		p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, info.Author, p.ID, p.Version)
	if err != nil {
		return false, fmt.Errorf("update plan: %w", err)
	}
	if n, err := rowsAffected(res); err != nil {
		return false, err
	} else if n != 1 {
		return false, jixiao.Errorf(jixiao.ECONFLICT, "绩效目标（编号 %d）导入时刚被他人修改，请重新导入。", p.ID)
	}
	p.Version++
	return false, nil
}

// insertRevisions writes revision rows through the engine's bulk path, or with one
// statement, prepared once, where it has none.
func (db *DB) insertRevisions(ctx context.Context, tx tx, conn *sql.Conn, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if ok, err := db.d.Copy(ctx, conn, "revisions", revisionColumns, rows); ok || err != nil {
		if err != nil {
			return fmt.Errorf("copy revisions: %w", err)
		}
		return nil
	}
	q := `INSERT INTO revisions (` + strings.Join(revisionColumns, ", ") + `) VALUES (?, ?, ?, ?, ?, ?)`
	for _, r := range rows {
		if _, err := tx.exec(ctx, q, r...); err != nil {
			return fmt.Errorf("insert revision: %w", err)
		}
	}
	return nil
}

// writeConn is write on a connection of its own, which fn may also reach below
// database/sql (the engine's bulk path) inside the same transaction; its queries are
// prepared once for the transaction.
func (db *DB) writeConn(ctx context.Context, fn func(tx, *sql.Conn) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	t, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	wtx := tx{Tx: t, db: db, stmts: map[string]*sql.Stmt{}}
	err = fn(wtx, conn)
	wtx.closeStmts()
	if err != nil {
		t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
