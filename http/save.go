package http

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"sort"

	"jixiao"
	"jixiao/render"
)

// commit saves p, edited from the version the form was made from (p.Version), and sends
// the browser back to the editor. A plan saved by someone else in the meantime is never
// overwritten: the store refuses the stale version and the user gets the conflict page.
func (s *Server) commit(w http.ResponseWriter, r *http.Request, c *reqCtx, p *jixiao.Plan, which, back, frag, reason string) error {
	ctx := r.Context()
	info := jixiao.SaveInfo{Author: c.user.Username, Reason: reason}
	err := s.store.UpdatePlan(ctx, p, info)
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return s.conflict(w, r, c, p, which)
	} else if err != nil {
		return err
	}
	// The saved plan is what the store now holds at p.Version (the store's contract,
	// asserted by storetest): the next page read, on this server, decodes nothing. A save
	// is not a workflow step, so the last step stays the one before it.
	if c.review != nil {
		s.plans.put(planKey{p.ID, p.Version}, cachedPlan{p, c.review.LastTransition})
	}
	http.Redirect(w, r, fmt.Sprintf("%s?saved=%d%s", back, p.Version, frag), http.StatusSeeOther)
	return nil
}

// conflictPage shows a stale save: the user's version and the stored one side by side,
// as the official table, with what differs, and lets the user reload the stored version
// or save theirs over it knowingly.
type conflictPage struct {
	layout
	Plan          planHeader
	YourVersion   int
	StoredVersion int
	StoredBy      string
	StoredAt      string
	Yours, Stored template.HTML
	Changes       []changeView
	Action        string   // the editor's save URL
	Back          string   // the editor, to reload
	Hidden        []hidden // the user's posted fields, to save them again knowingly
}

type hidden struct{ Name, Value string }

func (s *Server) conflict(w http.ResponseWriter, r *http.Request, c *reqCtx, yours *jixiao.Plan, which string) error {
	ctx := r.Context()
	stored, err := s.store.Plan(ctx, c.plan.ID)
	if err != nil {
		return err
	}
	p := &conflictPage{Plan: s.header(ctx, c, stored, which), YourVersion: yours.Version, StoredVersion: stored.Version,
		Action: r.URL.Path, Back: r.URL.Path}
	if revs, err := s.store.Revisions(ctx, stored.ID); err == nil && len(revs) > 0 {
		last := revs[len(revs)-1]
		for _, rv := range revs {
			if rv.Version == stored.Version {
				last = rv
			}
		}
		p.StoredBy, p.StoredAt = last.Author, last.Created.In(jixiao.ChinaTime()).Format("2006-01-02 15:04:05")
	}
	p.Yours, p.Stored = tableHTML(yours, which), tableHTML(stored, which)
	p.Changes = changesBetween(stored, yours)
	keys := make([]string, 0, len(r.PostForm))
	for k := range r.PostForm {
		if k != csrfField && k != "version" && k != "op" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range r.PostForm[k] {
			p.Hidden = append(p.Hidden, hidden{k, v})
		}
	}
	p.allowStyles(p.Yours)
	p.allowStyles(p.Stored)
	p.Title, p.Wide = "保存冲突", true
	p.Crumbs = planCrumbs(stored, "保存冲突")
	s.render(w, r, c, http.StatusConflict, "conflict", p)
	return nil
}

// tableHTML renders one table of p as the official layout, or an error note.
func tableHTML(p *jixiao.Plan, which string) template.HTML {
	var b bytes.Buffer
	if err := render.Table(&b, p, which); err != nil {
		return template.HTML(template.HTMLEscapeString(jixiao.ErrorMessage(err)))
	}
	return template.HTML(b.String()) // render escapes every value itself (html/template)
}
