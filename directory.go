package jixiao

import "context"

// DirectoryDepartment is one row of a department import (单位批量导入): its parent named
// by code, an existing department or one earlier in the same import.
type DirectoryDepartment struct {
	Code, Name, ParentCode string
	Kind                   DepartmentKind
}

// DirectoryAccount is one row of an account import (账号批量导入): its department named
// by code, an existing department or one of the same import.
type DirectoryAccount struct {
	User           User
	DepartmentCode string
}

// DirectoryService imports a region's departments and accounts.
type DirectoryService interface {
	// ImportDirectory creates the departments, in order (a parent before its
	// children), then the accounts, in one transaction: all or nothing. It sets the
	// accounts' User.ID and DepartmentID. A duplicate code or user name, or a parent or
	// department not found, is EINVALID naming it, and nothing is written.
	ImportDirectory(ctx context.Context, deps []DirectoryDepartment, accounts []DirectoryAccount) error
}

// DepartmentEditor renames, moves and retires departments.
type DepartmentEditor interface {
	// EditDepartment saves d's code, name, kind, parent and retired flag if the
	// department is still at d.Version (ECONFLICT otherwise) and sets d.Version to the
	// new one. A move under itself or its own subtree is EINVALID. Its plans, accounts
	// and history stay as they are.
	EditDepartment(ctx context.Context, d *Department) error
}
