package sqlstore

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
	return db.write(ctx, func(tx tx) error { return createDepartment(ctx, tx, d) })
}

// UpdateDepartment saves d's code, name, kind and parent; moving it moves its subtree.
func (db *DB) UpdateDepartment(ctx context.Context, d *jixiao.Department) error {
	return db.write(ctx, func(tx tx) error { return updateDepartment(ctx, tx, d) })
}

// EditDepartment is UpdateDepartment under the version check, with the retired flag.
func (db *DB) EditDepartment(ctx context.Context, d *jixiao.Department) error {
	return db.write(ctx, func(tx tx) error {
		var v int
		err := tx.queryRow(ctx, `SELECT version FROM departments WHERE id = ?`+db.d.ForUpdate(""), d.ID).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）不存在。", d.ID)
		} else if err != nil {
			return fmt.Errorf("find department: %w", err)
		}
		if v != d.Version {
			return jixiao.Errorf(jixiao.ECONFLICT, "单位“%s”已被他人修改（第 %d 版，您读取的是第 %d 版），请刷新后重新修改。", d.Name, v, d.Version)
		}
		if err := updateDepartment(ctx, tx, d); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE departments SET retired = ?, version = version + 1 WHERE id = ?`, d.Retired, d.ID); err != nil {
			return fmt.Errorf("edit department: %w", err)
		}
		d.Version++
		return nil
	})
}

// Department returns the department with the id, ENOTFOUND when there is none.
func (db *DB) Department(ctx context.Context, id int64) (*jixiao.Department, error) {
	var d *jixiao.Department
	err := db.read(ctx, func(tx tx) (err error) {
		d, _, err = findDepartment(ctx, tx, "id = ?", id)
		return err
	})
	return d, err
}

// DepartmentByCode returns the department with the code, ENOTFOUND when there is none.
func (db *DB) DepartmentByCode(ctx context.Context, code string) (*jixiao.Department, error) {
	var d *jixiao.Department
	err := db.read(ctx, func(tx tx) (err error) {
		d, _, err = findDepartment(ctx, tx, "code = ?", code)
		return err
	})
	return d, err
}

// Departments returns the subtree under rootID (all departments when 0), parents before
// children, siblings by code.
func (db *DB) Departments(ctx context.Context, rootID int64) ([]*jixiao.Department, error) {
	var out []*jixiao.Department
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = departments(ctx, tx, rootID)
		return err
	})
	return out, err
}

// createDepartment inserts d under its parent; the materialised path is set once the id
// is known. ON CONFLICT DO NOTHING keeps a duplicate code from aborting the transaction,
// so that an import may then use the department another one created meanwhile.
func createDepartment(ctx context.Context, tx tx, d *jixiao.Department) error {
	if err := d.Validate(); err != nil {
		return err
	}
	parentPath := "/"
	if d.ParentID != 0 {
		_, p, err := findDepartment(ctx, tx, "id = ?", d.ParentID)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位（编号 %d）不存在。", d.Code, d.ParentID)
		} else if err != nil {
			return err
		}
		parentPath = p
	}
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO departments (code, name, parent_id, kind, path) VALUES (?, ?, ?, ?, '')
		ON CONFLICT (code) DO NOTHING RETURNING id`, d.Code, d.Name, nullID(d.ParentID), string(d.Kind)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在。", d.Code)
	} else if err != nil {
		return fmt.Errorf("insert department: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE departments SET path = ? WHERE id = ?`, parentPath+strconv.FormatInt(id, 10)+"/", id); err != nil {
		return fmt.Errorf("set department path: %w", err)
	}
	d.ID = id
	return nil
}

func updateDepartment(ctx context.Context, tx tx, d *jixiao.Department) error {
	if err := d.Validate(); err != nil {
		return err
	}
	// The department and its new parent are locked (in the order of their ids, so that
	// two moves never wait for each other) before the move is checked and made: two moves
	// cannot each pass the check and make a cycle together.
	if lock := tx.db.d.ForUpdate(""); lock != "" {
		if _, err := int64s(ctx, tx, `SELECT id FROM departments WHERE id IN (?, ?) ORDER BY id`+lock, d.ID, d.ParentID); err != nil {
			return fmt.Errorf("lock departments: %w", err)
		}
	}
	old, oldPath, err := findDepartment(ctx, tx, "id = ?", d.ID)
	if err != nil {
		return err
	}
	newPath := "/" + strconv.FormatInt(d.ID, 10) + "/"
	if d.ParentID != 0 {
		_, pp, err := findDepartment(ctx, tx, "id = ?", d.ParentID)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位（编号 %d）不存在。", d.Code, d.ParentID)
		} else if err != nil {
			return err
		}
		if strings.HasPrefix(pp, oldPath) {
			return jixiao.Errorf(jixiao.EINVALID, "不能把单位“%s”移到它自己或它的下级单位之下。", d.Code)
		}
		newPath = pp + strconv.FormatInt(d.ID, 10) + "/"
	}
	_, err = tx.exec(ctx, `UPDATE departments SET code = ?, name = ?, kind = ?, parent_id = ? WHERE id = ?`,
		d.Code, d.Name, string(d.Kind), nullID(d.ParentID), d.ID)
	if tx.db.d.IsUnique(err) {
		return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”已存在。", d.Code)
	} else if err != nil {
		return fmt.Errorf("update department: %w", err)
	}
	if old.ParentID != d.ParentID {
		// One statement moves the whole subtree: no row of it is read and written back.
		lo, hi := subtreeRange(oldPath)
		if _, err := tx.exec(ctx, `UPDATE departments SET path = ? || substr(path, ?) WHERE path >= ? AND path < ?`,
			newPath, len(oldPath)+1, lo, hi); err != nil {
			return fmt.Errorf("move department subtree: %w", err)
		}
	}
	if old.ParentID != d.ParentID || old.Kind != d.Kind {
		return rebuildTallies(ctx, tx)
	}
	return nil
}

// subtreeRange returns the range of paths in the subtree whose root has path p:
// [p, p with its final '/' replaced by '0'), '0' being the byte after '/'.
func subtreeRange(p string) (lo, hi string) {
	return p, p[:len(p)-1] + "0"
}

// findDepartment returns the department where (one condition, one argument) and its
// materialised path.
func findDepartment(ctx context.Context, tx tx, where string, arg any) (*jixiao.Department, string, error) {
	var d jixiao.Department
	var parent sql.NullInt64
	var path, kind string
	err := tx.queryRow(ctx, `SELECT id, code, name, parent_id, kind, path, version, retired FROM departments WHERE `+where, arg).
		Scan(&d.ID, &d.Code, &d.Name, &parent, &kind, &path, &d.Version, &d.Retired)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", jixiao.Errorf(jixiao.ENOTFOUND, "单位“%v”不存在。", arg)
	} else if err != nil {
		return nil, "", fmt.Errorf("find department: %w", err)
	}
	d.ParentID, d.Kind = parent.Int64, jixiao.DepartmentKind(kind)
	return &d, path, nil
}

func departments(ctx context.Context, tx tx, rootID int64) ([]*jixiao.Department, error) {
	q := `SELECT id, code, name, parent_id, kind, version, retired FROM departments`
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
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	defer rows.Close()
	var all []*jixiao.Department
	for rows.Next() {
		var d jixiao.Department
		var parent sql.NullInt64
		var kind string
		if err := rows.Scan(&d.ID, &d.Code, &d.Name, &parent, &kind, &d.Version, &d.Retired); err != nil {
			return nil, fmt.Errorf("list departments: %w", err)
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
