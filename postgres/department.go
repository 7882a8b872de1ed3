package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// CreateDepartment stores d and sets d.ID; a duplicate code is EINVALID.
func (db *DB) CreateDepartment(ctx context.Context, d *jixiao.Department) error {
	return db.write(ctx, func(tx pgx.Tx) error { return createDepartment(ctx, tx, d) })
}

// UpdateDepartment saves d's code, name, kind and parent; moving it moves its subtree.
func (db *DB) UpdateDepartment(ctx context.Context, d *jixiao.Department) error {
	return db.write(ctx, func(tx pgx.Tx) error { return updateDepartment(ctx, tx, d) })
}

// Department returns the department with the id.
func (db *DB) Department(ctx context.Context, id int64) (*jixiao.Department, error) {
	var d *jixiao.Department
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		d, _, err = findDepartment(ctx, tx, "id = $1", id)
		return err
	})
	return d, err
}

// DepartmentByCode returns the department with the code.
func (db *DB) DepartmentByCode(ctx context.Context, code string) (*jixiao.Department, error) {
	var d *jixiao.Department
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		d, _, err = findDepartment(ctx, tx, "code = $1", code)
		return err
	})
	return d, err
}

// Departments returns the subtree under rootID (all when 0), parents before children,
// siblings by code.
func (db *DB) Departments(ctx context.Context, rootID int64) ([]*jixiao.Department, error) {
	var out []*jixiao.Department
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		out, err = departments(ctx, tx, rootID)
		return err
	})
	return out, err
}

func checkDepartment(d *jixiao.Department) error {
	d.Code, d.Name = strings.TrimSpace(d.Code), strings.TrimSpace(d.Name)
	if d.Code == "" {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码不能为空")
	}
	if d.Name == "" {
		return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的名称不能为空", d.Code)
	}
	if d.Kind == "" {
		d.Kind = jixiao.KindDepartment
		if d.ParentID == 0 {
			d.Kind = jixiao.KindBureau
		}
	}
	switch d.Kind {
	case jixiao.KindBureau, jixiao.KindDepartment, jixiao.KindUnit:
		return nil
	}
	return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的类型“%s”无效（应为 bureau、department 或 unit）", d.Code, d.Kind)
}

func createDepartment(ctx context.Context, tx pgx.Tx, d *jixiao.Department) error {
	if err := checkDepartment(d); err != nil {
		return err
	}
	parentPath := "/"
	if d.ParentID != 0 {
		_, p, err := findDepartment(ctx, tx, "id = $1", d.ParentID)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位（编号 %d）不存在", d.Code, d.ParentID)
		} else if err != nil {
			return err
		}
		parentPath = p
	}
	// The id comes from the sequence first, so that the row goes in whole with its path.
	// ON CONFLICT DO NOTHING keeps a duplicate code from aborting the transaction.
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO departments (id, code, name, parent_id, kind, path)
		SELECT n, $1, $2, $3, $4, $5 || n || '/' FROM (SELECT nextval(pg_get_serial_sequence('departments', 'id')) AS n) s
		ON CONFLICT (code) DO NOTHING RETURNING id`,
		d.Code, d.Name, nullID(d.ParentID), string(d.Kind), parentPath).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在", d.Code)
	} else if err != nil {
		return fmt.Errorf("insert department: %w", err)
	}
	d.ID = id
	return nil
}

func updateDepartment(ctx context.Context, tx pgx.Tx, d *jixiao.Department) error {
	if err := checkDepartment(d); err != nil {
		return err
	}
	old, oldPath, err := findDepartment(ctx, tx, "id = $1", d.ID)
	if err != nil {
		return err
	}
	newPath := "/" + strconv.FormatInt(d.ID, 10) + "/"
	if d.ParentID != 0 {
		_, pp, err := findDepartment(ctx, tx, "id = $1", d.ParentID)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位（编号 %d）不存在", d.Code, d.ParentID)
		} else if err != nil {
			return err
		}
		if strings.HasPrefix(pp, oldPath) {
			return jixiao.Errorf(jixiao.EINVALID, "不能把单位“%s”移到它自己或它的下级单位之下", d.Code)
		}
		newPath = pp + strconv.FormatInt(d.ID, 10) + "/"
	}
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM departments WHERE code = $1 AND id <> $2)`, d.Code, d.ID).Scan(&taken); err != nil {
		return fmt.Errorf("check department code: %w", err)
	}
	if taken {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在", d.Code)
	}
	if _, err := tx.Exec(ctx, `UPDATE departments SET code = $1, name = $2, kind = $3, parent_id = $4 WHERE id = $5`,
		d.Code, d.Name, string(d.Kind), nullID(d.ParentID), d.ID); err != nil {
		if isUnique(err) {
			return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在", d.Code)
		}
		return fmt.Errorf("update department: %w", err)
	}
	if old.ParentID != d.ParentID {
		lo, hi := subtreeRange(oldPath)
		if _, err := tx.Exec(ctx, `UPDATE departments SET path = $1 || substr(path, $2) WHERE path >= $3 AND path < $4`,
			newPath, len(oldPath)+1, lo, hi); err != nil {
			return fmt.Errorf("move department subtree: %w", err)
		}
	}
	return nil
}

// subtreeRange returns the range of paths in the subtree whose root has path p.
func subtreeRange(p string) (lo, hi string) { return p, p[:len(p)-1] + "0" }

func findDepartment(ctx context.Context, tx pgx.Tx, where string, arg any) (*jixiao.Department, string, error) {
	var d jixiao.Department
	var parent *int64
	var path, kind string
	err := tx.QueryRow(ctx, `SELECT id, code, name, parent_id, kind, path FROM departments WHERE `+where, arg).
		Scan(&d.ID, &d.Code, &d.Name, &parent, &kind, &path)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", jixiao.Errorf(jixiao.ENOTFOUND, "单位“%v”不存在", arg)
	} else if err != nil {
		return nil, "", fmt.Errorf("find department: %w", err)
	}
	if parent != nil {
		d.ParentID = *parent
	}
	d.Kind = jixiao.DepartmentKind(kind)
	return &d, path, nil
}

func departments(ctx context.Context, tx pgx.Tx, rootID int64) ([]*jixiao.Department, error) {
	q := `SELECT id, code, name, parent_id, kind FROM departments`
	var args []any
	if rootID != 0 {
		_, p, err := findDepartment(ctx, tx, "id = $1", rootID)
		if err != nil {
			return nil, err
		}
		lo, hi := subtreeRange(p)
		q += ` WHERE path >= $1 AND path < $2`
		args = append(args, lo, hi)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	defer rows.Close()
	var all []*jixiao.Department
	for rows.Next() {
		var d jixiao.Department
		var parent *int64
		var kind string
		if err := rows.Scan(&d.ID, &d.Code, &d.Name, &parent, &kind); err != nil {
			return nil, err
		}
		if parent != nil {
			d.ParentID = *parent
		}
		d.Kind = jixiao.DepartmentKind(kind)
		all = append(all, &d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return treeOrder(all, rootID), nil
}

// treeOrder orders a subtree depth first: parents before children, siblings by code.
func treeOrder(all []*jixiao.Department, rootID int64) []*jixiao.Department {
	ids := make(map[int64]bool, len(all))
	for _, d := range all {
		ids[d.ID] = true
	}
	children := map[int64][]*jixiao.Department{}
	var roots []*jixiao.Department
	for _, d := range all {
		if d.ID == rootID || !ids[d.ParentID] {
			roots = append(roots, d)
		} else {
			children[d.ParentID] = append(children[d.ParentID], d)
		}
	}
	out := make([]*jixiao.Department, 0, len(all))
	var walk func(ds []*jixiao.Department)
	walk = func(ds []*jixiao.Department) {
		sort.Slice(ds, func(i, j int) bool { return ds[i].Code < ds[j].Code })
		for _, d := range ds {
			out = append(out, d)
			walk(children[d.ID])
		}
	}
	walk(roots)
	return out
}
