package http

import (
	"container/list"
	"context"
	"hash/fnv"
	"strconv"
	"sync"

	"jixiao"
)

// lru is a bounded least-recently-used cache, safe for concurrent use. What the server
// keeps in one is always named by a key that changes whenever its content would (a
// plan's id and version, never rewritten), and the key is read from the store on every
// request (PlanHead): several servers on one database never serve each other's stale
// state, and a server that evicts an entry only pays for recomputing it.
type lru[K comparable, V any] struct {
	mu  sync.Mutex
	max int
	ll  *list.List // front: most recently used
	m   map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	k K
	v V
}

func newLRU[K comparable, V any](max int) *lru[K, V] {
	return &lru[K, V]{max: max, ll: list.New(), m: make(map[K]*list.Element, max)}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*lruEntry[K, V]).v, true
	}
	var zero V
	return zero, false
}

func (c *lru[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		e.Value.(*lruEntry[K, V]).v = v
		c.ll.MoveToFront(e)
		return
	}
	c.m[k] = c.ll.PushFront(&lruEntry[K, V]{k, v})
	for c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.m, last.Value.(*lruEntry[K, V]).k)
	}
}

func (c *lru[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// Bounds of the caches: decoded plans are the largest entries (a plan with a few
// hundred indicators decodes to a few hundred KB).
const (
	maxCachedPlans   = 256
	maxCachedReports = 512
	maxCachedPages   = 512
)

// planKey names one version of one plan: its content never changes.
type planKey struct {
	id      int64
	version int
}

// cachedPlan is a decoded plan version and the workflow step that made it (or the last
// one before it): both are fixed by the version, since every step creates a version.
type cachedPlan struct {
	plan *jixiao.Plan
	last *jixiao.TransitionRecord
}

// planAt returns the plan named by head, decoded once per version per server. The
// returned plan is shared: handlers must not change it (base clones it for edits).
func (s *Server) planAt(ctx context.Context, head *jixiao.PlanHead) (*jixiao.Plan, *jixiao.TransitionRecord, error) {
	k := planKey{head.ID, head.Version}
	if cp, ok := s.plans.get(k); ok {
		return cp.plan, cp.last, nil
	}
	p, err := s.store.Plan(ctx, head.ID)
	if err != nil {
		return nil, nil, err
	}
	rs, err := s.store.ReviewState(ctx, head.ID)
	if err != nil {
		return nil, nil, err
	}
	if p.Version != head.Version {
		// Saved by someone between the head and the plan: the caller reads the head
		// again (see loadPlan); nothing is cached.
		return p, rs.LastTransition, nil
	}
	s.plans.put(k, cachedPlan{p, rs.LastTransition})
	return p, rs.LastTransition, nil
}

// comments reads the plan's comments, unless the head says there are none.
func (s *Server) comments(ctx context.Context, c *reqCtx) ([]jixiao.Comment, error) {
	if c.head != nil && c.head.ID == c.plan.ID && c.head.Comments == 0 {
		return []jixiao.Comment{}, nil
	}
	return s.store.Comments(ctx, c.plan.ID)
}

// commentsKey names the content of a plan's comments for the page cache: any new
// comment, answer or changed answer changes it.
func commentsKey(cs []jixiao.Comment) string {
	h := fnv.New64a()
	for _, cm := range cs {
		for _, s := range []string{strconv.FormatInt(cm.ID, 10), cm.Path, cm.Author, cm.Body, cm.Created.String(),
			strconv.FormatBool(cm.Answered), cm.AnsweredBy, cm.AnsweredAt.String(), cm.Answer} {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
	}
	return strconv.Itoa(len(cs)) + ":" + strconv.FormatUint(h.Sum64(), 36)
}
