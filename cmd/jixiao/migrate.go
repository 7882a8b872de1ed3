package main

import (
	"context"
	"fmt"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "migrate",
		Summary: "创建数据库或升级其结构到本程序的版本",
		Usage:   "[--db 数据库]",
		Run:     runMigrate,
	})
}

// schemaVersioned is what the stores tell about their schema.
type schemaVersioned interface {
	SchemaVersion(ctx context.Context) (int, error)
	LatestSchemaVersion() int
}

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["migrate"])
	db := addDBFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	// Opening a store applies the migrations it lacks, each in its own transaction.
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	v, ok := s.(schemaVersioned)
	if !ok {
		return jixiao.Errorf(jixiao.EINTERNAL, "该数据库不报告结构版本。")
	}
	cur, err := v.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "数据库结构已是最新：版本 %d（本程序支持到版本 %d）\n", cur, v.LatestSchemaVersion())
	return nil
}
