// Package testserve starts the built `jixiao serve` binary for tests that need the real
// process (load, memory and multi-server tests).
package testserve

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"
)

var startedRe = regexp.MustCompile(`http://(127\.0\.0\.1:[0-9]+)/`)

// Start runs `bin serve` on a free loopback port with the store dsn and the
// administrator's password, and returns its base URL and process id once it listens.
// The process is stopped (SIGINT, then killed after 10 s) when the test ends.
func Start(t testing.TB, bin, dsn, adminPassword string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), "JIXIAO_DB=", "JIXIAO_ADMIN_PASSWORD="+adminPassword)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		sent := false
		for sc.Scan() {
			if m := startedRe.FindStringSubmatch(sc.Text()); m != nil && !sent {
				addr <- m[1]
				sent = true
			}
		}
		cmd.Wait()
	}()
	select {
	case a := <-addr:
		return "http://" + a, cmd.Process.Pid
	case <-done:
		t.Fatal("jixiao serve exited before it listened")
	case <-time.After(60 * time.Second):
		t.Fatal("jixiao serve did not start within 60 s")
	}
	return "", 0
}
