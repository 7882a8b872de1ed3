package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"jixiao"
)

// CreateDepartment stores d and sets d.ID; a duplicate code is EINVALID.
func (db *DB) CreateDepartment(ctx context.Context, d *jixiao.Department) error {
	return db.write(ctx, func(tx *sql.Tx) error { return createDepartment(ctx, tx, d) })
}

// UpdateDepartment saves d's code, name, kind and parent; moving it moves its subtree.
func (db *DB) UpdateDepartment(ctx context.Context, d *jixiao.Department) error {
	return db.write(ctx, func(tx *sql.Tx) error { return updateDepartment(ctx, tx, d) })
}

// Department returns the department with the id, ENOTFOUND when there is none.
func (db *DB) Department(ctx context.Context, id int64) (*jixiao.Department, error) {
	var d *jixiao.Department
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		d, _, err = findDepartment(ctx, tx, "id = ?", id)
		return err
	})
	return d, err
}

// DepartmentByCode returns the department with the code, ENOTFOUND when there is none.
func (db *DB) DepartmentByCode(ctx context.Context, code string) (*jixiao.Department, error) {
	var d *jixiao.Department
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		d, _, err = findDepartment(ctx, tx, "code = ?", code)
		return err
	})
	return d, err
}

// Departments returns the subtree under rootID (all departments when 0), parents before
// children, siblings by code.
func (db *DB) Departments(ctx context.Context, rootID int64) ([]*jixiao.Department, error) {
	var out []*jixiao.Department
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = departments(ctx, tx, rootID)
		return err
	})
	return out, err
}

func validKind(k jixiao.DepartmentKind) bool {
	return k == jixiao.KindBureau || k == jixiao.KindDepartment || k == jixiao.KindUnit
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
	if !validKind(d.Kind) {
		return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的类型“%s”无效（应为 bureau、department 或 unit）", d.Code, d.Kind)
	}
	return nil
}

func createDepartment(ctx context.Context, tx *sql.Tx, d *jixiao.Department) error {
	if err := checkDepartment(d); err != nil {
		return err
	}
	parentPath := "/"
	var parent any
	if d.ParentID != 0 {
		_, p, err := findDepartment(ctx, tx, "id = ?", d.ParentID)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位（编号 %d）不存在", d.Code, d.ParentID)
		} else if err != nil {
			return err
		}
		parentPath, parent = p, d.ParentID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO departments (code, name, parent_id, kind, path) VALUES (?, ?, ?, ?, '')`,
		d.Code, d.Name, parent, string(d.Kind))
	if isUnique(err) {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在", d.Code)
	} else if err != nil {
		return fmt.Errorf("insert department: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE departments SET path = ? WHERE id = ?`, parentPath+strconv.FormatInt(id, 10)+"/", id); err != nil {
		return fmt.Errorf("set department path: %w", err)
	}
	d.ID = id
	return nil
}

func updateDepartment(ctx context.Context, tx *sql.Tx, d *jixiao.Department) error {
	if err := checkDepartment(d); err != nil {
		return err
	}
	old, oldPath, err := findDepartment(ctx, tx, "id = ?", d.ID)
	if err != nil {
		return err
	}
	var parent any
	newPath := "/" + strconv.FormatInt(d.ID, 10) + "/"
	if d.ParentID != 0 {
		_, pp, err := findDepartment(ctx, tx, "id = ?", d.ParentID)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位（编号 %d）不存在", d.Code, d.ParentID)
		} else if err != nil {
			return err
		}
		if strings.HasPrefix(pp, oldPath) {
			return jixiao.Errorf(jixiao.EINVALID, "不能把单位“%s”移到它自己或它的下级单位之下", d.Code)
		}
		parent = d.ParentID
		newPath = pp + strconv.FormatInt(d.ID, 10) + "/"
	}
	_, err = tx.ExecContext(ctx, `UPDATE departments SET code = ?, name = ?, kind = ?, parent_id = ? WHERE id = ?`,
		d.Code, d.Name, string(d.Kind), parent, d.ID)
	if isUnique(err) {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在", d.Code)
	} else if err != nil {
		return fmt.Errorf("update department: %w", err)
	}
	if old.ParentID != d.ParentID {
		lo, hi := subtreeRange(oldPath)
		_, err := tx.ExecContext(ctx, `UPDATE departments SET path = ? || substr(path, ?) WHERE path >= ? AND path < ?`,
			newPath, len(oldPath)+1, lo, hi)
		if err != nil {
			return fmt.Errorf("move department subtree: %w", err)
		}
	}
	return nil
}

// subtreeRange returns the range of paths in the subtree whose root has path p:
// [p, p with its final '/' replaced by '0'), '0' being the byte after '/'.
func subtreeRange(p string) (lo, hi string) {
	return p, p[:len(p)-1] + "0"
}

func findDepartment(ctx context.Context, tx *sql.Tx, where string, arg any) (*jixiao.Department, string, error) {
	var d jixiao.Department
	var parent sql.NullInt64
	var path, kind string
	err := tx.QueryRowContext(ctx, `SELECT id, code, name, parent_id, kind, path FROM departments WHERE `+where, arg).
		Scan(&d.ID, &d.Code, &d.Name, &parent, &kind, &path)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", jixiao.Errorf(jixiao.ENOTFOUND, "单位“%v”不存在", arg)
	} else if err != nil {
		return nil, "", fmt.Errorf("find department: %w", err)
	}
	d.ParentID, d.Kind = parent.Int64, jixiao.DepartmentKind(kind)
	return &d, path, nil
}

func departments(ctx context.Context, tx *sql.Tx, rootID int64) ([]*jixiao.Department, error) {
	q := `SELECT id, code, name, parent_id, kind FROM departments`
	var args []any
	if rootID != 0 {
		_, p, err := findDepartment(ctx, tx, "id = ?", rootID)
		if err != nil {
			return nil, err
		}
		lo, hi := subtreeRange(p)
		q += ` WHERE path >= ? AND path < ?`
		args = append(args, lo, hi)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	defer rows.Close()
	var all []*jixiao.Department
	for rows.Next() {
		var d jixiao.Department
		var parent sql.NullInt64
		var kind string
		if err := rows.Scan(&d.ID, &d.Code, &d.Name, &parent, &kind); err != nil {
			return nil, err
		}
		d.ParentID, d.Kind = parent.Int64, jixiao.DepartmentKind(kind)
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
	byCode := func(s []*jixiao.Department) {
		sort.Slice(s, func(i, j int) bool { return s[i].Code < s[j].Code })
	}
	out := make([]*jixiao.Department, 0, len(all))
	var walk func(ds []*jixiao.Department)
	walk = func(ds []*jixiao.Department) {
		byCode(ds)
		for _, d := range ds {
			out = append(out, d)
			walk(children[d.ID])
		}
	}
	walk(roots)
	return out
}
