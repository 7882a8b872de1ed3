package http

import (
	"fmt"
	"net/http"
)

// projectDelete removes a project table from the plan (POST /plans/{id}/projects/{k}/delete),
// checked against the version the button was shown with; the revision history keeps it.
func projectDelete(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	p, err := s.base(r.Context(), c, version)
	if err != nil {
		return err
	}
	k, pr, err := projectAt(r, p)
	if err != nil {
		return err
	}
	name := pr.Name
	if name == "" {
		name = fmt.Sprintf("第 %d 个项目", k+1)
	}
	p.Projects = append(p.Projects[:k:k], p.Projects[k+1:]...)
	if len(p.Projects) == 0 {
		p.Projects = nil
	}
	return s.commitList(w, r, c, p, fmt.Sprintf("/plans/%d", p.ID), "删除项目支出绩效目标表："+name)
}
