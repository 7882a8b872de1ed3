package http

import (
	"context"
	"fmt"

	"jixiao"
)

// returnBanner is what a returned plan opens with: who returned it, when, why, and a
// link to what has changed since.
type returnBanner struct {
	By, When, Reason string
	Changes          string // the comparison of the returned version with the current one; "" when unchanged
	Since            int    // the version the return created
}

// returned builds the banner of plan p from its workflow steps (oldest first), nil when
// the plan is not returned; who names the people (namer).
func returned(p *jixiao.Plan, trs []jixiao.TransitionRecord, who func(string) string) *returnBanner {
	if p.Status != jixiao.Returned || len(trs) == 0 {
		return nil
	}
	t := trs[len(trs)-1]
	if t.Action != jixiao.ActReturn && t.Action != jixiao.ActUnitReturn {
		return nil
	}
	b := &returnBanner{By: who(t.Actor), When: localTime(t.Created), Reason: t.Reason, Since: t.Result}
	if p.Version > t.Result {
		b.Changes = fmt.Sprintf("/plans/%d/diff?from=%d&to=%d", p.ID, t.Result, p.Version)
	}
	return b
}

// actors are the usernames of the steps' actors, as actor reads them.
func actors[T any](steps []T, actor func(T) string) []string {
	out := make([]string, len(steps))
	for i, t := range steps {
		out[i] = actor(t)
	}
	return out
}

// namer returns a function that names each of the usernames by its account's name
// (姓名), the username itself when there is no such account or name: the records keep
// usernames, the pages show people. One query for the page; a failed one is logged and
// the usernames are shown.
func (s *Server) namer(ctx context.Context, usernames []string) func(string) string {
	names, err := s.store.UserNames(ctx, usernames)
	if err != nil {
		s.log.Warn("user names not read", "err", err)
	}
	return func(u string) string {
		if n, ok := names[u]; ok {
			return n
		}
		return u
	}
}
