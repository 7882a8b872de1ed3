package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
)

// planApply applies the suggestion of one finding in one step (POST /plans/{id}/apply,
// fields version, rule, path): the checks are run again on the version the user saw,
// the finding with that rule and path is found, its fix applied (a compound indicator
// split into one row per part, or a cell rewritten) and the result saved over that
// version. A plan changed in the meantime gets the conflict page, whose "save anyway"
// posts the same rule and path against the newer version.
func planApply(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少版本号，请刷新页面后重试。")
	}
	rule, path := r.PostFormValue("rule"), r.PostFormValue("path")
	if rule == "" || path == "" {
		return jixiao.Errorf(jixiao.EINVALID, "缺少要采纳的审核提示（规则和位置），请刷新页面后重试。")
	}
	base := c.plan
	if version != c.plan.Version {
		if version > c.plan.Version {
			return jixiao.Errorf(jixiao.EINVALID, "绩效目标没有第 %d 版，请刷新页面后重试。", version)
		}
		if base, err = s.store.PlanAt(ctx, c.plan.ID, version); err != nil {
			return err
		}
		base.ID, base.Version = c.plan.ID, version
	}
	var found *check.Finding
	for _, f := range s.checkPlan(base).Findings {
		if f.Rule == rule && f.Path == path && f.Suggestion != nil {
			found = &f
			break
		}
	}
	if found == nil {
		return jixiao.Errorf(jixiao.EINVALID, "第 %d 版中没有规则 %s 在“%s”处可直接采纳的修改建议（可能已经修改过），请刷新页面。",
			version, rule, place(path))
	}
	p := clonePlan(base)
	if err := check.Apply(p, found); err != nil {
		return err
	}
	p.Version = version
	home := homePage(path)
	which := "department"
	switch home.Kind {
	case "funds":
		which = "summary"
	case "item":
		which = itemWhich(p, home.F, home.I)
	}
	c.auditDetail = fmt.Sprintf("采纳修改建议 %s（%s）：%s", rule, path, found.Suggestion.Text)
	reason := fmt.Sprintf("采纳修改建议：%s（%s）", found.Suggestion.Text, rule)
	err = s.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return s.conflict(w, r, c, p, which)
	} else if err != nil {
		return err
	}
	frag := "#" + fieldID(path)
	if i := strings.Index(path, ".target"); i > 0 && found.Suggestion.Kind == check.Split {
		frag = "#" + fieldID(path[:i]+".name")
	}
	http.Redirect(w, r, fmt.Sprintf("%s?saved=%d&applied=%s%s", home.url(p.ID), p.Version, url.QueryEscape(string(found.Suggestion.Kind)), frag), http.StatusSeeOther)
	return nil
}

// appliedFlash is the editor's confirmation after planApply.
func appliedFlash(r *http.Request) string {
	v := r.URL.Query().Get("saved")
	switch r.URL.Query().Get("applied") {
	case string(check.Split):
		return "已按建议拆分为多个指标（版本 " + v + "），请检查拆分后的各行。"
	case string(check.Replace):
		return "已采纳修改建议（版本 " + v + "）。"
	}
	return ""
}
