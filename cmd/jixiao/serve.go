package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
)

// serveMemoryLimit is the server's default soft memory limit (see runServe).
const serveMemoryLimit = 200 << 20

func init() {
	register(&command{
		Name:    "serve",
		Summary: "启动网页服务：填报、审核绩效目标（首次启动时载入示例数据并创建系统、安全、审计三个管理员）",
		Usage:   "[--addr 127.0.0.1:8080] [--db sqlite:jixiao.db] [--tls-cert cert.pem --tls-key key.pem]",
		Run:     runServe,
	})
}

// runServe serves the web application until SIGINT or SIGTERM (main's context), then
// shuts down gracefully. On an empty database it first creates the region's root, loads
// the seed example as demo data and creates the three administrators of 三员分立 (see
// package setup): JIXIAO_ADMIN_USER, JIXIAO_SECURITY_USER, JIXIAO_AUDITOR_USER (default
// admin, security, auditor) with the passwords in JIXIAO_ADMIN_PASSWORD,
// JIXIAO_SECURITY_PASSWORD, JIXIAO_AUDITOR_PASSWORD, or else random ones printed once.
func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["serve"])
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址（主机:端口）")
	dsn := addDBFlag(fs)
	certFile := fs.String("tls-cert", "", "TLS 证书文件（PEM）；与 --tls-key 一起给出时以 HTTPS 提供服务")
	keyFile := fs.String("tls-key", "", "TLS 私钥文件（PEM）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	if (*certFile == "") != (*keyFile == "") {
		return jixiao.Errorf(jixiao.EINVALID, "--tls-cert 与 --tls-key 必须同时给出。")
	}
	var tlsConfig *tls.Config
	if *certFile != "" {
		cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法读取 TLS 证书“%s”或私钥“%s”。", *certFile, *keyFile)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	// A soft memory limit makes the collector return memory before the heap doubles
	// (GOGC's default) when uploads and sign-ins come at once; the gates in http bound
	// the live heap well under it. GOMEMLIMIT, when set, wins.
	if e.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	store, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := setup.Setup(ctx, store, setup.Options{
		AdminUser: e.Getenv("JIXIAO_ADMIN_USER"), AdminPassword: e.Getenv("JIXIAO_ADMIN_PASSWORD"),
		SecurityUser: e.Getenv("JIXIAO_SECURITY_USER"), SecurityPassword: e.Getenv("JIXIAO_SECURITY_PASSWORD"),
		AuditorUser: e.Getenv("JIXIAO_AUDITOR_USER"), AuditorPassword: e.Getenv("JIXIAO_AUDITOR_PASSWORD"),
	})
	if err != nil {
		return err
	}
	if res.Done {
		fmt.Fprintf(e.Stdout, "jixiao：首次启动，已创建单位“%s”", setup.DemoRootName)
		if res.DemoPlanID != 0 {
			fmt.Fprint(e.Stdout, "并载入示例数据（石峰区统战部 2021 年绩效目标）")
		}
		fmt.Fprintln(e.Stdout, "。")
	}
	for _, a := range res.Accounts {
		fmt.Fprintf(e.Stdout, "已创建%s账号：%s\n", a.Role.Label(), a.Username)
		if a.Password != "" {
			fmt.Fprintf(e.Stdout, "%s初始密码（只显示这一次，请登录后修改）：%s\n", a.Role.Label(), a.Password)
		}
	}
	// Behind TLS the session cookie is Secure and every response carries HSTS.
	// JIXIAO_SMTP_ADDR (host:port of an intranet relay) also mails messages to the users
	// who gave an address; JIXIAO_SMTP_FROM is the sender.
	srv, err := jxhttp.New(store, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(e.Stderr, nil)), SecureCookie: tlsConfig != nil,
		SMTP: jxhttp.SMTPConfig{Addr: e.Getenv("JIXIAO_SMTP_ADDR"), From: e.Getenv("JIXIAO_SMTP_FROM")}})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return jixiao.WrapError(err, jixiao.EINVALID, "无法监听地址“%s”。", *addr)
	}
	scheme := "http"
	if tlsConfig != nil {
		l, scheme = tls.NewListener(l, tlsConfig), "https"
	}
	fmt.Fprintf(e.Stdout, "jixiao：网页服务已启动 %s://%s/ （Ctrl+C 停止）\n", scheme, l.Addr())
	if err := srv.Serve(ctx, l); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(e.Stdout, "jixiao：已停止。")
	return nil
}
