package main

import (
	"context"
	"fmt"

	"jixiao"
	"jixiao/sqlite"
)

func init() {
	register(&command{
		Name:    "backup",
		Summary: "备份数据库（服务运行时也可进行，得到一致的副本）",
		Usage:   "--to 备份文件 [--db 数据库] [--force]",
		Run:     runBackup,
	})
}

// pgDumpAdvice says how to back up and restore a PostgreSQL store.
const pgDumpAdvice = `PostgreSQL 数据库请用 PostgreSQL 自带的工具备份与恢复，例如：
  备份：pg_dump --format=custom --file=jixiao.dump "postgres://用户:密码@主机:5432/库名"
  恢复：pg_restore --clean --if-exists --no-owner --dbname="postgres://用户:密码@主机:5432/库名" jixiao.dump
详见 docs/storage.md。`

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["backup"])
	db := addDBFlag(fs)
	to := fs.String("to", "", "备份文件路径（必填）")
	force := fs.Bool("force", false, "备份文件已存在时覆盖它")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *to == "" {
		fs.Usage()
		return errUsage
	}
	t, err := parseDSN(*db)
	if err != nil {
		return err
	}
	if t.Kind == dbPostgres {
		fmt.Fprintln(e.Stderr, pgDumpAdvice)
		return jixiao.Errorf(jixiao.EINVALID, "jixiao backup 只备份 SQLite 数据库；PostgreSQL 请使用 pg_dump（见上）。")
	}
	s, err := sqlite.Open(t.Path)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *to, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已备份“%s”到“%s”（完整性检查通过）\n", t.Path, *to)
	return nil
}
