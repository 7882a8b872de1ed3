package sqlstore

import (
	"context"

	"jixiao"
)

// ImportDirectory creates the departments and accounts of an import in one write
// transaction: the first refusal rolls back every row before it.
func (db *DB) ImportDirectory(ctx context.Context, deps []jixiao.DirectoryDepartment, accounts []jixiao.DirectoryAccount) error {
	for i := range accounts {
		if err := accounts[i].User.Validate(); err != nil {
			return err
		}
	}
	return db.write(ctx, func(tx tx) error {
		for _, in := range deps {
			d := &jixiao.Department{Code: in.Code, Name: in.Name, Kind: in.Kind}
			if in.ParentCode != "" {
				p, _, err := findDepartment(ctx, tx, "code = ?", in.ParentCode)
				if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
					return jixiao.Errorf(jixiao.EINVALID, "单位“%s”的上级单位编码“%s”不存在。", in.Code, in.ParentCode)
				} else if err != nil {
					return err
				}
				d.ParentID = p.ID
			}
			if err := createDepartment(ctx, tx, d); err != nil {
				return err
			}
		}
		for i := range accounts {
			a := &accounts[i]
			if a.DepartmentCode != "" {
				d, _, err := findDepartment(ctx, tx, "code = ?", a.DepartmentCode)
				if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
					return jixiao.Errorf(jixiao.EINVALID, "账号“%s”的单位编码“%s”不存在。", a.User.Username, a.DepartmentCode)
				} else if err != nil {
					return err
				}
				a.User.DepartmentID = d.ID
			}
			if a.User.Created.IsZero() {
				a.User.Created = db.stamp()
			}
			normUserTimes(&a.User)
			if err := db.createUser(ctx, tx, &a.User); err != nil {
				return err
			}
		}
		return nil
	})
}
