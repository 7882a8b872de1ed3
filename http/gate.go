package http

import (
	"context"
	"time"

	"jixiao"
	"jixiao/account"
)

// gate is a counting semaphore that bounds work whose memory adds up when many requests
// do it at once: password hashing (argon2id takes 19 MiB per hash) and reading uploads
// (an xlsx may make excelize build up to about 75 MB). A request waits up to wait for a
// place, then is refused with EBUSY (429 Too Many Requests, a Chinese message and
// Retry-After), so a burst costs time, never memory beyond the gate's size.
type gate struct {
	slots chan struct{}
	wait  time.Duration
	busy  string // the Chinese message of a refusal
}

func newGate(n int, wait time.Duration, busy string) *gate {
	return &gate{slots: make(chan struct{}, max(n, 1)), wait: wait, busy: busy}
}

// enter takes a place, waiting up to g.wait; the caller must call leave after a nil
// return.
func (g *gate) enter(ctx context.Context) error {
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-t.C:
		return &jixiao.Error{Code: jixiao.EBUSY, Message: g.busy}
	case <-ctx.Done():
		return &jixiao.Error{Code: jixiao.EBUSY, Message: g.busy, Err: ctx.Err()}
	}
}

func (g *gate) leave() { <-g.slots }

// Sizes of the gates. Hashing: a memory budget of 64 MiB for argon2id is three hashes
// at once, which on a two-core server is also about what the cores can do; a sign-in
// waits up to 3 s for its turn (a hash takes about 30 ms). Imports: two uploads are read
// at once, each bounded by the readers' limits (xlsx.MaxUnzipped and the rest, about
// 75 MB at worst), and a third waits up to 10 s.
const (
	hashMemoryBudget  = 64 << 20
	defaultHashSlots  = hashMemoryBudget / (account.ArgonMemory << 10)
	defaultHashWait   = 3 * time.Second
	defaultImports    = 2
	defaultImportWait = 10 * time.Second
)
