package http

import (
	"sync"
	"time"
)

// stash keeps, for a short while, what a user has sent but not yet confirmed: the parsed
// upload of an import waiting for 确认替换 or 合并 (plan_import_preview.go), and a form
// posted after the session expired, waiting for its author to sign in again
// (form_resume.go). Each entry is taken by a random one-time token.
//
// It lives in the server's memory, not in the database, on purpose: what it holds was
// never accepted, so losing it (a restart, or a confirmation that reaches another server
// process) loses nothing but a step: the user is asked to upload again or finds the form
// as last saved, and nothing is changed. Keeping the parsed upload here rather than in
// the confirmation form means the confirmation cannot carry a payload the client changed
// after the preview: it names a token, and only what the server itself read is saved.
type stash struct {
	mu       sync.Mutex
	m        map[string]stashEntry
	max      int // entries
	maxBytes int // the sum of the entries' Size
	bytes    int
}

// stashEntry is one stashed value and what it is bound to.
type stashEntry struct {
	Kind    string // "import" or "form"
	UserID  int64  // the user who may take it (0: whoever holds the token and its cookie)
	Session string // the session that may take it ("": any of UserID's)
	PlanID  int64
	Version int // the plan version the value was made from
	Expires time.Time
	Value   any
	Size    int // about how many bytes Value holds, for the stash's budget
}

// stashTTL is how long a stashed value waits: as long as an idle session.
const stashTTL = 30 * time.Minute

func newStash(max, maxBytes int) *stash {
	return &stash{m: map[string]stashEntry{}, max: max, maxBytes: maxBytes}
}

// put stores e under a new token and returns the token; "" when e alone is larger than
// the stash may hold. Expired entries are dropped on the way; an import replaces the
// user's earlier one (one preview per user); when the stash is full, the entries closest
// to expiry go.
func (st *stash) put(now time.Time, e stashEntry) string {
	if e.Size > st.maxBytes {
		return ""
	}
	token := randomToken(24)
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, v := range st.m {
		if !now.Before(v.Expires) || (e.UserID != 0 && v.UserID == e.UserID && v.Kind == e.Kind) {
			st.remove(k)
		}
	}
	for len(st.m) > 0 && (len(st.m) >= st.max || st.bytes+e.Size > st.maxBytes) {
		var oldest string
		for k, v := range st.m {
			if oldest == "" || v.Expires.Before(st.m[oldest].Expires) {
				oldest = k
			}
		}
		st.remove(oldest)
	}
	st.m[token] = e
	st.bytes += e.Size
	return token
}

func (st *stash) remove(token string) {
	if e, ok := st.m[token]; ok {
		st.bytes -= e.Size
		delete(st.m, token)
	}
}

// get returns the entry of token of kind if it has not expired.
func (st *stash) get(now time.Time, token, kind string) (stashEntry, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.lookup(now, token, kind)
}

// take returns the entry like get and removes it, atomically: a token is used once, and
// of two confirmations racing with one token only one gets it.
func (st *stash) take(now time.Time, token, kind string) (stashEntry, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	e, ok := st.lookup(now, token, kind)
	if ok {
		st.remove(token)
	}
	return e, ok
}

func (st *stash) lookup(now time.Time, token, kind string) (stashEntry, bool) {
	e, ok := st.m[token]
	if !ok || e.Kind != kind || !now.Before(e.Expires) {
		return stashEntry{}, false
	}
	return e, true
}

// The stashes' bounds. A parsed plan is tens of KB, a posted form less; the byte budgets
// keep a flood of uploads or of forms posted without a session (which anyone can send)
// from growing the server's memory: the oldest entries go first.
const (
	maxStashed     = 256
	maxImportBytes = 48 << 20
	maxFormBytes   = 8 << 20
	maxFormEntry   = 1 << 20 // a larger form is not kept (the largest editor posts well under this)
)
