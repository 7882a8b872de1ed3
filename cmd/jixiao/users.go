package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/account"
)

func init() {
	register(&command{
		Name:    "users",
		Summary: "在服务器控制台管理账号：list 列出，add 新建，disable 停用，unlock 解锁，reset 重置密码（每次操作记入审计日志）",
		Usage: "list|add|disable|unlock|reset [用户名] [--db 数据库] " +
			"[--role admin|security|auditor|reviewer|leader|filler --department 单位编码 --real-name 姓名] [--password-stdin] [--format text|json]",
		Run: runUsers,
	})
}

// runUsers manages accounts from the server's console, as Gitea's `admin user` does:
// for recovery (a locked-out or forgotten administrator, the security and audit
// administrators, whom the web's system administrator may not touch under 三员分立) and
// for scripts. Whoever runs it has the server's database in hand already; every change
// is still written to the audit log, with the operating-system user as the actor and
// "console" as the address. A password comes from standard input (--password-stdin),
// never from the command line (where ps and the shell history would keep it), or is
// made at random and printed once.
func runUsers(ctx context.Context, e *env, args []string) error {
	subs := map[string]bool{"list": true, "add": true, "disable": true, "unlock": true, "reset": true}
	if len(args) == 0 || !subs[args[0]] {
		fmt.Fprintf(e.Stderr, "%s\n\n用法：jixiao users %s\n", commands["users"].Summary, commands["users"].Usage)
		return errUsage
	}
	sub := args[0]
	fs := newFlags(e, commands["users"])
	db := addDBFlag(fs)
	role := fs.String("role", "", "add：角色（admin、security、auditor、reviewer、leader、filler）")
	dept := fs.String("department", "", "add：所属单位编码（系统、安全、审计管理员可省略，即地区根单位）")
	realName := fs.String("real-name", "", "add：姓名")
	pwStdin := fs.Bool("password-stdin", false, "add、reset：从标准输入读取密码（一行）；省略时随机生成并只显示一次")
	format := addFormatFlag(fs)
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if (sub == "list") != (len(pos) == 0) || len(pos) > 1 {
		fs.Usage()
		return errUsage
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	var password string
	if *pwStdin {
		if sub != "add" && sub != "reset" {
			return jixiao.Errorf(jixiao.EINVALID, "--password-stdin 只用于“add”和“reset”。")
		}
		line, err := bufio.NewReader(e.Stdin).ReadString('\n')
		if password = strings.TrimRight(line, "\r\n"); password == "" {
			return jixiao.WrapError(err, jixiao.EINVALID, "标准输入中没有密码（--password-stdin 读取一行）。")
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	c := &console{ctx: ctx, e: e, st: st}
	if sub == "list" {
		return c.list(*format)
	}
	name := pos[0]
	if sub == "add" {
		return c.add(name, jixiao.Role(*role), *dept, *realName, password)
	}
	u, err := st.UserByUsername(ctx, name)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return jixiao.Errorf(jixiao.ENOTFOUND, "账号“%s”不存在。", name)
	} else if err != nil {
		return err
	}
	switch sub {
	case "disable":
		u.Disabled = true
		if err := c.save(u, true, false, "console_user_disable", "在控制台停用账号 "+u.Username+"，结束其全部登录"); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已停用账号 %s。\n", u.Username)
	case "unlock":
		if err := c.save(u, false, true, "console_user_unlock", "在控制台解锁账号 "+u.Username+"，清除连续登录失败次数"); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已解锁账号 %s。\n", u.Username)
	case "reset":
		shown, err := c.setPassword(u, password)
		if err != nil {
			return err
		}
		if err := c.save(u, true, true, "console_user_reset", "在控制台重置账号 "+u.Username+" 的密码（"+how(shown)+"），解除锁定并结束其全部登录"); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已重置账号 %s 的密码。\n", u.Username)
		if shown != "" {
			fmt.Fprintf(e.Stdout, "新密码（只显示这一次）：%s\n", shown)
		}
	}
	return nil
}

// console is one run of `jixiao users`.
type console struct {
	ctx context.Context
	e   *env
	st  jixiao.Store
}

func (c *console) list(format string) error {
	us, err := c.st.Users(c.ctx)
	if err != nil {
		return err
	}
	ds, err := c.st.Departments(c.ctx, 0)
	if err != nil {
		return err
	}
	codes := map[int64]string{}
	for _, d := range ds {
		codes[d.ID] = d.Code
	}
	if format == "json" {
		return writeJSON(c.e.Stdout, us)
	}
	now := time.Now()
	fmt.Fprintf(c.e.Stdout, "共 %d 个账号：\n", len(us))
	for _, u := range us {
		state := "正常"
		switch {
		case u.Disabled:
			state = "已停用"
		case now.Before(u.LockedUntil):
			state = "锁定至 " + u.LockedUntil.In(jixiao.ChinaTime()).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(c.e.Stdout, "%-16s %-10s %-6s %-14s %s\n", u.Username, u.Role.Label(), u.Name, orDash(codes[u.DepartmentID]), state)
	}
	return nil
}

func (c *console) add(name string, role jixiao.Role, code, realName, password string) error {
	switch {
	case !account.ValidUsername(name):
		return jixiao.Errorf(jixiao.EINVALID, "用户名“%s”无效：只能由 3～32 位字母、数字、点、下划线或连字符组成。", name)
	case !account.ValidRole(role):
		return jixiao.Errorf(jixiao.EINVALID, "请用 --role 给出角色：“admin”“security”“auditor”“reviewer”“leader”或“filler”（读到“%s”）。", role)
	case strings.TrimSpace(realName) == "":
		return jixiao.Errorf(jixiao.EINVALID, "请用 --real-name 给出姓名。")
	}
	u := &jixiao.User{Username: name, Name: strings.TrimSpace(realName), Role: role}
	if code != "" {
		d, err := c.st.DepartmentByCode(c.ctx, code)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.ENOTFOUND, "单位“%s”不存在。", code)
		} else if err != nil {
			return err
		}
		u.DepartmentID = d.ID
	} else if role == jixiao.RoleAdmin || account.ConsoleOnly(role) {
		ds, err := c.st.Departments(c.ctx, 0)
		if err != nil {
			return err
		}
		if len(ds) > 0 {
			u.DepartmentID = ds[0].ID // the region's root
		}
	} else {
		return jixiao.Errorf(jixiao.EINVALID, "“%s”账号必须用 --department 给出所属单位编码。", role.Label())
	}
	shown, err := c.setPassword(u, password)
	if err != nil {
		return err
	}
	u.Created = u.PasswordChanged
	if err := c.st.CreateUser(c.ctx, u); err != nil {
		return err
	}
	if err := c.audit(u, "console_user_add", fmt.Sprintf("在控制台新建账号 %s（%s，角色 %s，单位 %s），密码%s", u.Username, u.Name, role.Label(), orDash(code), how(shown))); err != nil {
		return err
	}
	fmt.Fprintf(c.e.Stdout, "已新建%s账号 %s。\n", role.Label(), u.Username)
	if shown != "" {
		fmt.Fprintf(c.e.Stdout, "初始密码（只显示这一次，请登录后修改）：%s\n", shown)
	}
	return nil
}

// setPassword gives u the password (checked against the policy) or a random one, which
// it returns to be shown.
func (c *console) setPassword(u *jixiao.User, password string) (shown string, err error) {
	if password == "" {
		password = account.Random()
		shown = password
	} else if msg := account.Policy(password, u.Username); msg != "" {
		return "", jixiao.Errorf(jixiao.EINVALID, "账号“%s”的密码不符合密码策略：%s。", u.Username, strings.TrimSuffix(msg, "。"))
	}
	if u.PasswordHash, err = account.Hash(password); err != nil {
		return "", err
	}
	u.PasswordChanged = time.Now()
	return shown, nil
}

// save stores u, clears its failed sign-ins and lock and ends its sessions when asked, and
// writes the audit entry.
func (c *console) save(u *jixiao.User, endSessions, unlock bool, action, detail string) error {
	if err := c.st.UpdateUser(c.ctx, u); err != nil {
		return err
	}
	if unlock {
		if err := c.st.ResetSignIn(c.ctx, u.ID); err != nil {
			return err
		}
	}
	if endSessions {
		if err := c.st.DeleteUserSessions(c.ctx, u.ID); err != nil {
			return err
		}
	}
	return c.audit(u, action, detail)
}

// audit appends the console's act to the audit log: the actor is the operating-system
// user who ran the command, the address "console".
func (c *console) audit(u *jixiao.User, action, detail string) error {
	as, ok := c.st.(jixiao.AuditService)
	if !ok {
		return fmt.Errorf("store %T keeps no audit log", c.st)
	}
	actor := "console"
	if who := c.e.Getenv("USER"); who != "" {
		actor = "console:" + who
	}
	return as.AppendAudit(c.ctx, &jixiao.AuditEntry{Time: time.Now(), Actor: actor, Action: action,
		Object: "user:" + strconv.FormatInt(u.ID, 10), Detail: detail, Addr: "console", Outcome: "ok"})
}

func how(shown string) string {
	if shown != "" {
		return "随机生成并显示一次"
	}
	return "取自标准输入"
}
