package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "audit",
		Summary: "审计日志：verify 校验散列链是否完整，list 列出记录",
		Usage:   "verify|list [--db 数据库] [--actor 用户] [--action 操作] [--limit 50] [--format text|json]",
		Run:     runAudit,
	})
}

// runAudit verifies or lists the audit log. verify walks the whole chain: exit 0 with
// the count when it is intact, exit 1 naming the first broken entry (altered, deleted,
// or forged) otherwise — like the checks, 1 means "found a problem".
func runAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "list") {
		fmt.Fprintf(e.Stderr, "%s\n\n用法：jixiao audit %s\n", commands["audit"].Summary, commands["audit"].Usage)
		return errUsage
	}
	sub := args[0]
	fs := newFlags(e, commands["audit"])
	db := addDBFlag(fs)
	actor := fs.String("actor", "", "list：只列出此用户的记录")
	action := fs.String("action", "", "list：只列出此操作的记录（如 signin_failed）")
	limit := fs.Int("limit", 50, "list：最多列出多少条（最新的在前）")
	format := addFormatFlag(fs)
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	as, ok := st.(jixiao.AuditService)
	if !ok {
		return fmt.Errorf("store %T keeps no audit log", st)
	}
	if sub == "verify" {
		n, err := jixiao.VerifyAudit(ctx, as)
		if jixiao.ErrorCode(err) == jixiao.EINVALID {
			fmt.Fprintf(e.Stdout, "审计日志已被破坏：%s（此前 %d 条完好）。\n", strings.TrimSuffix(jixiao.ErrorMessage(err), "。"), n)
			return exitError{code: 1}
		} else if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "审计日志完整：共 %d 条，散列链无断点。\n", n)
		return nil
	}
	es, total, err := as.AuditEntries(ctx, jixiao.AuditFilter{Actor: *actor, Action: *action, Limit: max(*limit, 1)})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.Stdout, struct {
			Total   int                 `json:"total"`
			Entries []jixiao.AuditEntry `json:"entries"`
		}{total, es})
	}
	fmt.Fprintf(e.Stdout, "共 %d 条，列出最新的 %d 条：\n", total, len(es))
	for _, en := range es {
		fmt.Fprintf(e.Stdout, "%6d  %s  %-12s %-16s %-8s %-16s %s  %s\n", en.Seq, en.Time.In(jixiao.ChinaTime()).Format(time.DateTime),
			orDash(en.Actor), en.Action, en.Outcome, orDash(en.Object), en.Addr, en.Detail)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
