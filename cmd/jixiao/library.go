package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"jixiao"
	"jixiao/document"
	"jixiao/library"
	"jixiao/selfeval"
)

func init() {
	register(&command{
		Name:    "library",
		Summary: "指标库：搜索、导入导出 xlsx、从已通过和已公开的绩效目标中学习",
		Usage: "search 文字 [--field 领域] [--format text|json] | import 文件.xlsx | export 文件.xlsx [--views] | " +
			"learn [--include-drafts] [--self-evaluation 文件]… （均可加 --db 数据库）",
		Run: runLibrary,
	})
}

// libraryStore opens the store of --db with its library tables.
func libraryStore(ctx context.Context, db string) (jixiao.Store, jixiao.LibraryService, error) {
	s, err := openStore(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	ls, ok := s.(jixiao.LibraryService)
	if !ok {
		s.Close()
		return nil, nil, fmt.Errorf("store %T keeps no indicator library", s)
	}
	return s, ls, nil
}

// libraryAudit appends the console's change of the library to the audit log.
func libraryAudit(ctx context.Context, e *env, s jixiao.Store, action, detail string) error {
	as, ok := s.(jixiao.AuditService)
	if !ok {
		return fmt.Errorf("store %T keeps no audit log", s)
	}
	return as.AppendAudit(ctx, &jixiao.AuditEntry{Time: time.Now(), Actor: consoleActor(e), Action: action,
		Object: "library", Detail: detail, Addr: "console", Outcome: "ok"})
}

func consoleActor(e *env) string {
	if who := e.Getenv("USER"); who != "" {
		return "console:" + who
	}
	return "console"
}

func runLibrary(ctx context.Context, e *env, args []string) error {
	c := commands["library"]
	fs := newFlags(e, c)
	db := addDBFlag(fs)
	field := fs.String("field", "", "search：只列出该领域的指标")
	dept := fs.String("department", "", "search：填报部门名称，其领域的指标排在前面")
	limit := fs.Int("limit", 10, "search：最多列出的条数")
	format := addFormatFlag(fs)
	views := fs.Bool("views", false, "export：同时导出财政局视图（最常用、最常未完成、千篇一律、领域指标质量）")
	drafts := fs.Bool("include-drafts", false, "learn：草稿等未通过的绩效目标也计入（演示和测试数据用）")
	var selfEvals fileList
	fs.Var(&selfEvals, "self-evaluation", "learn：另外的自评表文件（可多次给出）；数据库中已通过和已公开的自评表总会读取")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return errUsage
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	st, ls, err := libraryStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	l, err := library.Open(ctx, ls)
	if err != nil {
		return err
	}
	info := jixiao.SaveInfo{Author: consoleActor(e)}
	switch sub, rest := pos[0], pos[1:]; {
	case sub == "search" && len(rest) == 1:
		return librarySearch(e, l, library.Query{Text: rest[0], Field: *field, OnlyField: *field != "", Department: *dept, Limit: *limit}, *format)
	case sub == "import" && len(rest) == 1:
		data, err := os.ReadFile(rest[0])
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法读取文件“%s”。", rest[0])
		}
		entries, err := library.Import(filepath.Base(rest[0]), data)
		if err != nil {
			return err
		}
		info.Reason = "导入 " + filepath.Base(rest[0])
		added, changed, err := library.ImportInto(ctx, ls, l, entries, info)
		if err != nil {
			return err
		}
		if err := libraryAudit(ctx, e, st, "library_import", fmt.Sprintf("%s：新增 %d 条，修改 %d 条", filepath.Base(rest[0]), added, changed)); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已导入 %d 条指标（新增 %d 条，修改 %d 条），指标库共 %d 条。\n", len(entries), added, changed, len(l.Entries))
		return nil
	case sub == "export" && len(rest) == 1:
		var b bytes.Buffer
		if err := l.Export(&b, *views); err != nil {
			return err
		}
		if err := os.WriteFile(rest[0], b.Bytes(), 0o644); err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", rest[0])
		}
		fmt.Fprintf(e.Stdout, "已导出 %d 条指标：%s\n", len(l.Entries), rest[0])
		return nil
	case sub == "learn" && len(rest) == 0:
		return libraryLearn(ctx, e, st, ls, l, info, *drafts, selfEvals)
	}
	fs.Usage()
	return errUsage
}

func libraryLearn(ctx context.Context, e *env, s jixiao.Store, ls jixiao.LibraryService, l *library.Library, info jixiao.SaveInfo, drafts bool, selfEvals []string) error {
	lr := l.NewLearner(library.LearnOptions{IncludeDrafts: drafts})
	if err := lr.Store(ctx, s, jixiao.PlanFilter{}); err != nil {
		return err
	}
	for _, name := range selfEvals {
		data, err := os.ReadFile(name)
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法读取文件“%s”。", name)
		}
		if len(data) > document.MaxSize {
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”超过 %d MB，无法读取。", name, document.MaxSize>>20)
		}
		tables, err := document.Cells(name, data)
		if err != nil {
			return err
		}
		recs, err := selfeval.ReadAll(name, tables)
		if err != nil {
			return err
		}
		for _, se := range recs {
			lr.SelfEvaluation(se.Department, se)
		}
	}
	info.Reason = "从已通过和已公开的绩效目标学习"
	if drafts {
		info.Reason = "从全部绩效目标（含草稿）学习"
	}
	if err := library.SaveLearnt(ctx, ls, l, lr, info); err != nil {
		return err
	}
	evaluated, learnt := lr.Evaluations, 0
	for _, en := range l.Entries {
		if en.Stats != nil {
			learnt++
		}
	}
	if err := libraryAudit(ctx, e, s, "library_learn", fmt.Sprintf("%s：%d 份绩效目标，%d 份自评表，%d 条指标有统计", info.Reason, lr.Plans, evaluated, learnt)); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已从 %d 份绩效目标（未计入 %d 份未通过的）和 %d 份自评表学习，%d 条指标有统计，指标库共 %d 条。\n",
		lr.Plans, lr.Skipped, evaluated, learnt, len(l.Entries))
	return nil
}

// searchEntry is one result of library search --format json.
type searchEntry struct {
	Name    string         `json:"name"`
	Level1  string         `json:"level1"`
	Level2  string         `json:"level2"`
	Field   string         `json:"field,omitempty"`
	Unit    string         `json:"unit"`
	Op      jixiao.Op      `json:"op,omitempty"`
	Uses    int            `json:"uses"`
	Targets *searchTargets `json:"targets,omitempty"`
	Range   string         `json:"range,omitempty"`
	Source  string         `json:"source"`
	Common  bool           `json:"common"`
}

type searchTargets struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P25    float64 `json:"p25"`
	P75    float64 `json:"p75"`
}

func librarySearch(e *env, l *library.Library, q library.Query, format string) error {
	found := l.Suggest(q)
	if format == "json" {
		out := make([]searchEntry, 0, len(found))
		for _, s := range found {
			en := s.Entry
			r := searchEntry{Name: en.Name, Level1: en.Level1, Level2: en.Level2, Field: en.Field, Unit: en.Unit, Op: en.Op,
				Uses: en.Uses(), Range: s.Range, Source: string(en.Source), Common: en.Common}
			if en.Stats != nil && en.Stats.Targets.N > 0 {
				t := en.Stats.Targets
				r.Targets = &searchTargets{N: t.N, Median: t.Median, P25: t.P25, P75: t.P75}
			}
			out = append(out, r)
		}
		return writeJSON(e.Stdout, out)
	}
	if len(l.Entries) == 0 {
		fmt.Fprintln(e.Stdout, "指标库是空的：请先运行 jixiao library learn 或 jixiao library import。")
		return nil
	}
	if len(found) == 0 {
		fmt.Fprintf(e.Stdout, "指标库中没有含“%s”的指标。\n", q.Text)
		return nil
	}
	rows := [][]string{{"三级指标", "一级指标", "二级指标", "领域", "单位", "使用单位数", "常见范围"}}
	for _, s := range found {
		en := s.Entry
		rows = append(rows, []string{en.Name, en.Level1, en.Level2, en.Field, string(en.Op) + en.Unit, strconv.Itoa(en.Uses()), s.Range})
	}
	writeAlignedTable(e.Stdout, rows, map[int]bool{5: true})
	return nil
}
