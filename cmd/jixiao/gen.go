package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"jixiao"
	"jixiao/gen"
	"jixiao/gen/selfgen"
	"jixiao/score"
)

func init() {
	register(&command{
		Name:    "gen",
		Summary: "生成合成数据写入数据库：一个地区的部门树（财政局、部门、单位）和每个部门一份绩效目标申报，约 5% 含各类故意错误",
		Usage:   "--departments 数量 [--year 年度] [--seed 种子] [--db 数据库] [--mistakes 文件] [--selfeval 文件] [--monitor 截至月份]",
		Run:     runGen,
	})
}

// runGen fills a store with a generated region. The same --seed gives the same
// departments and plans; running it again on the same store adds a new revision to each
// plan rather than duplicates.
func runGen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["gen"])
	db := addDBFlag(fs)
	n := fs.Int("departments", 0, "部门和单位的数量（每个一份绩效目标申报，不含财政局）")
	year := fs.Int("year", 2021, "预算年度")
	seed := fs.Int64("seed", 1, "随机种子：种子相同，生成的数据完全相同")
	mistakesFile := fs.String("mistakes", "", "把每份申报中故意埋下的错误写入此文件（每行一个 JSON）")
	selfFile := fs.String("selfeval", "", "另为每份申报生成年终绩效自评表（部门整体和每个项目，约 5% 含故意问题），每行一个 JSON 写入此文件，可用 jixiao score 计分")
	monitorMonth := fs.Int("monitor", 0, "另将每份绩效目标审核通过，开启截至该月的绩效运行监控轮次，并写入按进度填写的监控表（约 5% 含故意问题）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *monitorMonth < 0 || *monitorMonth > 12 {
		return jixiao.Errorf(jixiao.EINVALID, "--monitor 应为截至月份 1 至 12，而不是 %d。", *monitorMonth)
	}
	if len(pos) != 0 || *n <= 0 {
		fs.Usage()
		return errUsage
	}
	if *year < 1990 || *year > 2100 {
		return jixiao.Errorf(jixiao.EINVALID, "预算年度“%d”不合理。", *year)
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()

	var mw *bufio.Writer
	if *mistakesFile != "" {
		f, err := os.Create(*mistakesFile)
		if err != nil {
			return fmt.Errorf("create %s: %w", *mistakesFile, err)
		}
		defer f.Close()
		mw = bufio.NewWriter(f)
	}

	var sw *bufio.Writer
	if *selfFile != "" {
		f, err := os.Create(*selfFile)
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法创建文件“%s”。", *selfFile)
		}
		defer f.Close()
		sw = bufio.NewWriter(f)
	}
	rule, err := score.Lookup("")
	if err != nil {
		return err
	}

	start := time.Now()
	r := gen.NewRegion(gen.Options{Departments: *n, Year: *year, Seed: *seed})
	ids, kinds, err := storeDepartments(ctx, s, r.Departments)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "部门树：财政局 %d 个，部门 %d 个，单位 %d 个\n", kinds[jixiao.KindBureau], kinds[jixiao.KindDepartment], kinds[jixiao.KindUnit])

	info := jixiao.SaveInfo{Author: "jixiao gen", Reason: fmt.Sprintf("合成数据（种子 %d）", *seed)}
	bar := newProgress(e.Stdout, r.Len())
	every := max(1, r.Len()/10)
	var created, revised, indicators, withMistakes, selfTables, withProblems int
	sg := &selfgen.Generator{Region: r, Rule: rule, Seed: *seed}
	byProblem := map[selfgen.Problem]int{}
	byKind := map[gen.Mistake]int{}
	for i := 0; i < r.Len(); i++ {
		if err := ctx.Err(); err != nil {
			bar.finish()
			return jixiao.Errorf(jixiao.EINTERNAL, "已中断：已写入 %d 份，其余 %d 份未生成。", i, r.Len()-i)
		}
		p, mistakes := r.Generate(i)
		d := r.Department(i)
		bar.step(i, d.Name)
		isNew, err := s.ImportPlan(ctx, p, info)
		if err != nil {
			bar.finish()
			return fmt.Errorf("import generated plan %d (%s): %w", i, d.Code, err)
		}
		if isNew {
			created++
		} else {
			revised++
		}
		indicators += p.IndicatorCount()
		for _, m := range mistakes {
			byKind[m]++
		}
		if len(mistakes) > 0 {
			withMistakes++
			if mw != nil {
				if err := writeMistakes(mw, p, ids[d.ID], mistakes); err != nil {
					return err
				}
			}
		}
		if sw != nil {
			evals, problems := sg.Of(p, i)
			for _, se := range evals {
				b, err := json.Marshal(se)
				if err != nil {
					return err
				}
				sw.Write(b)
				sw.WriteByte('\n')
			}
			selfTables += len(evals)
			for _, pr := range problems {
				byProblem[pr]++
			}
			if len(problems) > 0 {
				withProblems++
			}
		}
		if !bar.tty && ((i+1)%every == 0 || i+1 == r.Len()) {
			fmt.Fprintf(e.Stdout, "已写入 %d/%d 份\n", i+1, r.Len())
		}
	}
	bar.finish()
	if mw != nil {
		if err := mw.Flush(); err != nil {
			return fmt.Errorf("write %s: %w", *mistakesFile, err)
		}
	}
	if sw != nil {
		if err := sw.Flush(); err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", *selfFile)
		}
	}
	el := time.Since(start)
	fmt.Fprintf(e.Stdout, "完成：绩效目标申报 %d 份（新建 %d，新版本 %d），指标 %d 个，含故意错误的 %d 份；用时 %.1f 秒（%.0f 份/秒）\n",
		r.Len(), created, revised, indicators, withMistakes, el.Seconds(), float64(r.Len())/max(el.Seconds(), 1e-9))
	if withMistakes > 0 {
		var parts []string
		for _, m := range gen.AllMistakes {
			if byKind[m] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d 份（%s）", m, byKind[m], m.Rule()))
			}
		}
		fmt.Fprintln(e.Stdout, "故意错误："+strings.Join(parts, "，"))
	}
	if sw != nil {
		var parts []string
		for _, pr := range selfgen.AllProblems {
			if byProblem[pr] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d 份（%s）", pr, byProblem[pr], pr.Rule()))
			}
		}
		fmt.Fprintf(e.Stdout, "绩效自评表 %d 张写入“%s”，含故意问题的申报 %d 份：%s\n", selfTables, *selfFile, withProblems, strings.Join(parts, "，"))
	}
	if *monitorMonth != 0 {
		return genMonitoring(ctx, e, s, r, ids, *year, *monitorMonth)
	}
	return nil
}

// storeDepartments creates the generated tree in the store, parents first, and returns
// the store ID of each generated ID. A department whose code is already stored (a second
// run) is reused.
func storeDepartments(ctx context.Context, s jixiao.Store, depts []*jixiao.Department) (map[int64]int64, map[jixiao.DepartmentKind]int, error) {
	ids := make(map[int64]int64, len(depts))
	kinds := map[jixiao.DepartmentKind]int{}
	for _, d := range depts {
		kinds[d.Kind]++
		if old, err := s.DepartmentByCode(ctx, d.Code); err == nil {
			ids[d.ID] = old.ID
			continue
		} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			return nil, nil, err
		}
		c := *d
		c.ID = 0
		if d.ParentID != 0 {
			c.ParentID = ids[d.ParentID]
		}
		if err := s.CreateDepartment(ctx, &c); err != nil {
			return nil, nil, err
		}
		ids[d.ID] = c.ID
	}
	return ids, kinds, nil
}

// writeMistakes writes one line of the --mistakes file.
func writeMistakes(w *bufio.Writer, p *jixiao.Plan, departmentID int64, mistakes []gen.Mistake) error {
	rules := make([]string, len(mistakes))
	for k, m := range mistakes {
		rules[k] = m.Rule()
	}
	b, err := json.Marshal(struct {
		DepartmentID int64         `json:"departmentId"`
		Code         string        `json:"departmentCode"`
		Department   string        `json:"department"`
		Year         int           `json:"year"`
		Mistakes     []gen.Mistake `json:"mistakes"`
		Rules        []string      `json:"rules"`
	}{departmentID, p.DepartmentCode, p.Department, p.Year, mistakes, rules})
	if err != nil {
		return err
	}
	w.Write(b)
	return w.WriteByte('\n')
}
