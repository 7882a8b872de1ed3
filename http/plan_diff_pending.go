//go:build !diffplans

package http

import (
	"net/http"

	"jixiao"
)

// TEMPORARY until jixiao.DiffPlans lands (another engineer's diff.go).
type changeView struct{ Path, Label, Old, New, Kind string }

func changesBetween(a, b *jixiao.Plan) []changeView { return nil }

func planDiff(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return jixiao.Errorf(jixiao.ENOTFOUND, "版本对比尚未提供。")
}
