package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"jixiao"
)

// An import into a plan that already exists changes nothing at first: the upload is read,
// kept in the server's stash (stash.go) and compared with the stored plan, and the user
// sees what 确认替换 and 合并 would change, then confirms one of them or cancels
// (POST /plans/import/confirm). The confirmation names the stash token and the plan
// version of the preview; a plan saved by anyone after the preview is not overwritten.

// importPreviewPage shows what an import would change.
type importPreviewPage struct {
	layout
	Plan    planHeader
	File    string
	Named   string // the department the file names, when it is not the user's
	Token   string
	Version int
	Replace diffCounts
	Merge   diffCounts
	// Loud is set when replacing would remove most of the plan: the page says so in red
	// above the buttons.
	Loud                   bool
	StoredUnits, FileUnits int
	Changes, MergeChanges  []changeView
}

// diffCounts counts the changes of a comparison by kind.
type diffCounts struct{ Added, Removed, Changed int }

func countChanges(cs []changeView) diffCounts {
	var n diffCounts
	for _, c := range cs {
		switch jixiao.ChangeKind(c.Kind) {
		case jixiao.ChangeAdded:
			n.Added++
		case jixiao.ChangeRemoved:
			n.Removed++
		default:
			n.Changed++
		}
	}
	return n
}

// Total is the number of changes.
func (n diffCounts) Total() int { return n.Added + n.Removed + n.Changed }

// contentUnits counts what a plan holds, for the "removes most of the plan" warning: each
// filled text or amount of the department table and of the summary, each row of 重点工作
// and of every indicator table, and each fund item with its filled cells.
func contentUnits(p *jixiao.Plan) int {
	n := 0
	for _, s := range []string{p.Submitter, p.Duties, p.FundAuthority} {
		if s != "" {
			n++
		}
	}
	for _, a := range []jixiao.Amount{p.Budget.Total, p.Budget.GeneralBudget, p.Budget.GovFund, p.Budget.OtherFunds,
		p.Budget.Basic, p.Budget.Project, p.FundsTotal} {
		if a.IsSet() {
			n++
		}
	}
	n += len(p.KeyTasks) + len(p.Indicators)
	for _, f := range p.SpecialFunds {
		n++
		for _, it := range f.Items {
			n++
			for _, s := range []string{it.PeriodGoal, it.AnnualGoal, it.Period.Text} {
				if s != "" {
					n++
				}
			}
			n += len(it.Indicators)
		}
	}
	return n
}

// previewImport stashes the parsed upload p for existing (the plan at head's version) and
// shows the comparison.
func (s *Server) previewImport(w http.ResponseWriter, r *http.Request, c *reqCtx, existing, p *jixiao.Plan, file, named string) error {
	ctx := r.Context()
	p.ID, p.Version, p.Status = existing.ID, existing.Version, existing.Status
	size, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("measure the upload: %w", err)
	}
	token := s.pending.put(s.cfg.Now(), stashEntry{Kind: "import", UserID: c.user.ID, Session: c.session.ID, PlanID: existing.ID,
		Version: existing.Version, Expires: s.cfg.Now().Add(stashTTL), Value: importStash{Plan: p, File: file, Named: named}, Size: len(size)})
	if token == "" {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的内容过多（约 %d MB），无法预览和导入。", file, len(size)>>20)
	}
	pg := &importPreviewPage{Plan: s.header(ctx, c, existing, ""), File: file, Named: named, Token: token, Version: existing.Version}
	pg.Changes = changesBetween(existing, p)
	pg.MergeChanges = changesBetween(existing, mergeImport(existing, p))
	pg.Replace, pg.Merge = countChanges(pg.Changes), countChanges(pg.MergeChanges)
	shorten(pg.Changes)
	shorten(pg.MergeChanges)
	pg.StoredUnits, pg.FileUnits = contentUnits(existing), contentUnits(p)
	// Most of the plan goes: the file holds less than half of what is stored, or more than
	// half of what is stored would be removed.
	pg.Loud = pg.StoredUnits > 0 && (2*pg.FileUnits < pg.StoredUnits || 2*pg.Replace.Removed > pg.StoredUnits)
	c.auditObject = fmt.Sprintf("plan:%d", existing.ID)
	c.auditDetail = fmt.Sprintf("预览导入文件“%s”（第 %d 版）：替换将新增 %d、删除 %d、修改 %d 处，尚未修改", file, existing.Version,
		pg.Replace.Added, pg.Replace.Removed, pg.Replace.Changed)
	pg.Title, pg.Nav, pg.Wide = "导入预览：确认后才会修改", "plans", true
	pg.Crumbs = planCrumbs(existing, "导入预览")
	s.render(w, r, c, http.StatusOK, "import_preview", pg)
	return nil
}

// previewChars is how much of a long cell the preview shows: enough to recognise it.
const previewChars = 120

// shorten cuts the long texts of cs for the preview, saying how long they are.
func shorten(cs []changeView) {
	cut := func(s string) string {
		r := []rune(s)
		if len(r) <= previewChars {
			return s
		}
		return string(r[:previewChars]) + fmt.Sprintf("……（共 %d 字）", len(r))
	}
	for i := range cs {
		cs[i].Old, cs[i].New = cut(cs[i].Old), cut(cs[i].New)
	}
}

// importStash is what the stash keeps of an upload awaiting confirmation.
type importStash struct {
	Plan        *jixiao.Plan // as read from the file, with the stored plan's identity
	File, Named string
}

// planImportConfirm carries out or cancels a previewed import (POST /plans/import/confirm,
// fields token, version, mode = replace | merge | cancel).
func planImportConfirm(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	now := s.cfg.Now()
	token, mode := r.PostFormValue("token"), r.PostFormValue("mode")
	// Only its own session may spend a token (another's attempt leaves it alone).
	e, ok := s.pending.get(now, token, "import")
	if ok && e.UserID == c.user.ID && e.Session == c.session.ID {
		e, ok = s.pending.take(now, token, "import")
	} else {
		ok = false
	}
	if !ok {
		return jixiao.Errorf(jixiao.ENOTFOUND, "导入预览已过期或已处理（预览保留 %d 分钟，且只能确认一次），绩效目标未作修改。请重新上传文件。", int(stashTTL.Minutes()))
	}
	up := e.Value.(importStash)
	c.auditObject = fmt.Sprintf("plan:%d", e.PlanID)
	if mode == "cancel" {
		c.auditDetail = fmt.Sprintf("取消导入文件“%s”，未作修改", up.File)
		http.Redirect(w, r, fmt.Sprintf("/plans/%d?import=cancelled", e.PlanID), http.StatusSeeOther)
		return nil
	}
	if mode != "replace" && mode != "merge" {
		return jixiao.Errorf(jixiao.EINVALID, "请选择“确认替换”“合并”或“取消”，绩效目标未作修改。请重新上传文件。")
	}
	if v, err := strconv.Atoi(r.PostFormValue("version")); err != nil || v != e.Version {
		return jixiao.Errorf(jixiao.EINVALID, "导入确认的版本号与预览不符，绩效目标未作修改。请重新上传文件。")
	}
	d, err := s.ownDepartment(r, c)
	if err != nil {
		return err
	}
	head, err := s.store.PlanHead(ctx, e.PlanID)
	if err != nil {
		return err
	}
	if head.Department.ID != d.ID {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "只能导入本单位的绩效目标。")
	}
	if !editable(head.Status) {
		return jixiao.Errorf(jixiao.ELOCKED, "“%s”%d 年的绩效目标已处于“%s”状态，不能用导入覆盖，未作修改。", d.Name, head.Year, head.Status.Label())
	}
	if lock := jixiao.DeadlineLock(head.Deadline, head.Exception, now); lock.Locked {
		return jixiao.Errorf(jixiao.ELOCKED, "%s", lock.Reason)
	}
	stale := func() error {
		return jixiao.Errorf(jixiao.ECONFLICT, "预览之后，该绩效目标已被修改（预览基于第 %d 版）。为免覆盖这次修改，导入未执行，绩效目标未作修改。请打开查看后重新上传文件，查看新的对比。", e.Version)
	}
	if head.Version != e.Version {
		return stale()
	}
	stored, err := s.store.PlanAt(ctx, e.PlanID, e.Version)
	if err != nil {
		return err
	}
	p := clonePlan(up.Plan)
	how := "确认替换"
	if mode == "merge" {
		p, how = mergeImport(stored, up.Plan), "合并：只填入文件中有的内容"
	}
	p.ID, p.Version, p.Status = e.PlanID, e.Version, head.Status
	p.Department, p.DepartmentCode = d.Name, d.Code
	if len(jixiao.DiffPlans(stored, p)) == 0 {
		// Nothing to change: no new version, and the user is told so.
		c.auditDetail = fmt.Sprintf("导入文件“%s”：内容与第 %d 版相同，未作修改", up.File, e.Version)
		http.Redirect(w, r, fmt.Sprintf("/plans/%d?imported=same", e.PlanID), http.StatusSeeOther)
		return nil
	}
	reason := fmt.Sprintf("导入文件“%s”（%s）", up.File, how)
	if up.Named != "" && up.Named != d.Name {
		reason += fmt.Sprintf("（文件中的单位“%s”，已导入为本单位）", up.Named)
	}
	err = s.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return stale()
	} else if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("%s，第 %d 版 → 第 %d 版", reason, e.Version, p.Version)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?imported=%s", p.ID, mode), http.StatusSeeOther)
	return nil
}
