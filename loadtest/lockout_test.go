package loadtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os/exec"
	"runtime"
	"sync"
	"testing"
)

// TestLockoutUnderBurst (issue 13): 200 browsers post a wrong password for one account at
// once, against the real server; the audit log must show at most 5 guesses whose password
// was checked, the rest refused as locked (or turned away by the hashing gate), and the
// right password must be refused afterwards. Every answer looks the same to the guesser.
func TestLockoutUnderBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test builds and runs the real server")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the server is run as on the project's Linux machines")
	}
	bin, dsn, base, _ := startServer(t)

	const guesses = 200
	clients := make([]*client, guesses)
	tokens := make([]string, guesses)
	for i := range clients {
		clients[i] = newClient(t, base)
		tokens[i] = clients[i].loginToken()
	}
	start := make(chan struct{})
	statuses := make([]int, guesses)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i], _ = clients[i].post("/login", url.Values{"login_csrf": {tokens[i]},
				"username": {"tianbao"}, "password": {"wrong-password-guess"}})
		}()
	}
	close(start)
	wg.Wait()
	answers := map[int]int{}
	for _, st := range statuses {
		answers[st]++
		if st != http.StatusUnauthorized && st != http.StatusTooManyRequests {
			t.Errorf("a wrong guess answered %d", st)
		}
	}
	count := func(action string) int {
		out, err := exec.Command(bin, "audit", "list", "--db", dsn, "--actor", "tianbao", "--action", action,
			"--limit", "1000", "--format", "json").Output()
		if err != nil {
			t.Fatalf("audit list: %v", err)
		}
		var r struct{ Total int }
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	checked := count("signin_failed") + count("account_locked")
	locked := count("signin_locked")
	t.Logf("%d wrong guesses at once: answers %v; %d checked, %d refused as locked", guesses, answers, checked, locked)
	if checked > 5 {
		t.Errorf("%d guesses had their password checked, want at most 5", checked)
	}
	if checked == 0 {
		t.Error("no guess was checked at all")
	}
	if st := newClient(t, base).signIn("tianbao", fillerPW); st != http.StatusUnauthorized {
		t.Errorf("the right password on the locked account: %d, want 401", st)
	}
}
