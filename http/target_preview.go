package http

import (
	"encoding/json"
	"net/http"

	"jixiao"
)

// targetPreview says how a 指标值 is read (GET /targets/preview?text=…&level1=…&level2=…),
// for the optional script that shows it as the user types; the same words appear under
// the cell after a save without any script.
func targetPreview(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	text := q.Get("text")
	if len(text) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "指标值过长。")
	}
	in := jixiao.NewIndicator(q.Get("level1"), q.Get("level2"), "", text, "")
	u, kind, bad := understand(in.Target)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(struct {
		Understood string `json:"understood"`
		Kind       string `json:"kind"`
		Unreadable bool   `json:"unreadable"`
	}{u, kind, bad})
}
