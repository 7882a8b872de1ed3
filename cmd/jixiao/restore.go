package main

import (
	"context"
	"fmt"

	"jixiao"
	"jixiao/sqlite"
)

func init() {
	register(&command{
		Name:    "restore",
		Summary: "从备份文件恢复数据库（先检查备份的完整性）",
		Usage:   "备份文件 [--db 数据库] [--force]",
		Run:     runRestore,
	})
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["restore"])
	db := addDBFlag(fs)
	force := fs.Bool("force", false, "目标数据库已存在时覆盖其中的全部数据")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	t, err := parseDSN(*db)
	if err != nil {
		return err
	}
	if t.Kind == dbPostgres {
		fmt.Fprintln(e.Stderr, pgDumpAdvice)
		return jixiao.Errorf(jixiao.EINVALID, "jixiao restore 只恢复 SQLite 数据库；PostgreSQL 请使用 pg_restore（见上）。")
	}
	if err := sqlite.Restore(ctx, pos[0], t.Path, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已从“%s”恢复数据库“%s”（完整性检查通过）\n", pos[0], t.Path)
	return nil
}
