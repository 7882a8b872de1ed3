package http

import "net/http"

// itemEdit shows one fund item's table, 附件3 (GET /plans/{id}/funds/{f}/items/{i}).
func itemEdit(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if ok, err := s.resumeForm(w, r, c, itemSave); ok {
		return err
	}
	f, i, it, err := itemAt(r, c.plan)
	if err != nil {
		return err
	}
	s.showItem(w, r, c, http.StatusOK, c.plan.Version, f, i, itemFormOf(c.plan.SpecialFunds[f].Name, it), nil, nil)
	return nil
}
