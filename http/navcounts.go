package http

import (
	"context"
	"sync"
	"time"
)

// navTodoTTL is how long the navigation's 待办 count of a user is kept before it is read
// again. Within one server, every request that may change a count (any write but a
// draft's editor save: keepsTodos) makes the counts be read again before the next page;
// the bound is for what changes without a request to this server: another server on the
// same database, a command-line import, the clock (a deadline coming near). A count kept
// longer is shown once more while it is read again beside that page, so no page waits
// for it. The 待办 page itself is always read afresh.
const navTodoTTL = 20 * time.Second

// maxNavTodos bounds the users whose count is kept.
const maxNavTodos = 4096

// navTodo is a user's kept 待办 count: read when the server's write count was gen.
type navTodo struct {
	gen   uint64
	at    time.Time
	count int
}

// navCounts fills in the navigation's counts: unread messages, and 待办 for the roles
// that work on plans. A count that cannot be read is left out (logged), never an error
// page.
//
// The 待办 count reads the region's state (for a filler, the budget year's cockpit): a
// dozen queries on every page. It is kept per user until the next write that may change
// it (navTodo), so that reading pages stays as fast as it was without the badge.
// Anything else (navTodoTTL) is caught up beside a later page.
func (s *Server) navCounts(ctx context.Context, c *reqCtx, l *layout) {
	l.CanDashboard = c.can(ctx, actDashboard, nil, "")
	n, err := s.store.UnreadMessages(ctx, c.user.ID)
	if err != nil {
		s.log.Error("count unread messages", "user", c.user.ID, "err", err)
	}
	l.Unread = n
	if !l.CanPlans || c.user.DepartmentID == 0 {
		return
	}
	gen, now := s.todoGen.Load(), s.cfg.Now()
	if t, ok := s.navTodos.get(c.user.ID); ok && t.gen == gen {
		l.Todos = t.count
		if now.Sub(t.at) >= navTodoTTL && s.refreshing.add(c.user.ID) {
			// Kept too long: shown this once more, and read again beside the page
			// (by its own request context: c is the page's).
			bg := &reqCtx{store: s.store, session: c.session, user: c.user}
			s.background.Add(1)
			go func() {
				defer s.background.Done()
				defer s.refreshing.done(c.user.ID)
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), navRefreshTimeout)
				defer cancel()
				s.readTodos(ctx, bg, gen, now)
			}()
		}
		return
	}
	l.Todos = s.readTodos(ctx, c, gen, now)
}

// navRefreshTimeout bounds a count read beside a page.
const navRefreshTimeout = 30 * time.Second

// readTodos reads the user's 待办 count and keeps it as read at write count gen.
func (s *Server) readTodos(ctx context.Context, c *reqCtx, gen uint64, now time.Time) int {
	ts, _, err := s.todos(ctx, c, false)
	if err != nil {
		s.log.Error("count todos", "user", c.user.ID, "err", err)
		return 0
	}
	n := 0
	for _, t := range ts {
		n += max(t.Count, 1)
	}
	s.navTodos.put(c.user.ID, navTodo{gen: gen, at: now, count: n})
	return n
}

// userSet is a set of users, safe for concurrent use: whose count is being read beside
// a page, so that it is read once at a time.
type userSet struct {
	mu sync.Mutex
	m  map[int64]bool
}

// add adds id and says whether it was not in the set yet.
func (u *userSet) add(id int64) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.m[id] {
		return false
	}
	if u.m == nil {
		u.m = map[int64]bool{}
	}
	u.m[id] = true
	return true
}

func (u *userSet) done(id int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	delete(u.m, id)
}
