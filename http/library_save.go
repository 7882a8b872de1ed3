package http

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/library"
)

// libraryEntrySave saves the edit of an entry (POST /review/library/{eid}) if it is
// still at the version the form was read at; a stale form is refused and the current
// entry shown beside what was typed. An entry the bureau edits becomes its own (source
// 财政局): learning later leaves its words alone.
func libraryEntrySave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	l, e, err := s.libraryEntryOf(r)
	if err != nil {
		return err
	}
	c.auditObject = "library:" + strconv.FormatInt(e.ID, 10)
	f := libraryForm{Name: strings.TrimSpace(r.PostFormValue("name")), Level1: strings.TrimSpace(r.PostFormValue("level1")),
		Level2: strings.TrimSpace(r.PostFormValue("level2")), Field: strings.TrimSpace(r.PostFormValue("field")),
		Unit: strings.TrimSpace(r.PostFormValue("unit")), Op: r.PostFormValue("op"),
		Explanation: strings.TrimSpace(r.PostFormValue("explanation")), Scoring: strings.TrimSpace(r.PostFormValue("scoring")),
		Common: r.PostFormValue("common") != "", Aliases: r.PostFormValue("aliases")}
	aliases := library.SplitAliases(f.Aliases)
	if _, ok := r.PostForm["aliases"]; !ok {
		// A form opened before the field existed says nothing of them: they stay.
		aliases, f.Aliases = e.Aliases, strings.Join(e.Aliases, "\n")
	}
	// 并入本条 beside a similar entry adds its name to what was typed in the box.
	if add := strings.TrimSpace(r.PostFormValue("add_alias")); add != "" && !slices.Contains(aliases, add) {
		aliases = append(slices.Clip(aliases), add)
		f.Aliases = strings.Join(aliases, "\n")
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	bad := ""
	switch {
	case f.Name == "":
		bad = "请填写三级指标的名称。"
	case utf8.RuneCountInString(f.Name) > 100 || utf8.RuneCountInString(f.Explanation) > 2000 || utf8.RuneCountInString(f.Scoring) > 2000 ||
		utf8.RuneCountInString(reason) > 200:
		bad = "名称超过 100 个字，或指标解释、评分标准超过 2000 个字，或修改说明超过 200 个字。"
	case !validOp(f.Op):
		bad = fmt.Sprintf("运算符“%s”不是 ≥ ≤ = > < 之一。", f.Op)
	case len(aliases) > 50:
		bad = fmt.Sprintf("其他写法有 %d 个，最多 50 个。", len(aliases))
	case version != e.Version:
		return s.showLibraryEntry(w, r, c, http.StatusConflict, l, e,
			fmt.Sprintf("该指标已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。下面是当前的内容，您提交的内容列在后面，请核对后再保存。", version, e.Version), "", &f)
	}
	if bad == "" && version == e.Version {
		bad = aliasProblem(l, e, aliases)
	}
	if bad != "" {
		return s.showLibraryEntry(w, r, c, http.StatusUnprocessableEntity, l, e, bad, "", &f)
	}
	aliasesChanged := !slices.Equal(aliases, e.Aliases)
	before := *e
	e.Name, e.Level1, e.Level2, e.Field, e.Unit, e.Op = f.Name, f.Level1, f.Level2, f.Field, f.Unit, jixiao.Op(f.Op)
	e.Explanation, e.Scoring, e.Common, e.Aliases = f.Explanation, f.Scoring, f.Common, aliases
	e.Key = l.Normalizer().Key(f.Name)
	if e.Source == library.SourceLearnt {
		e.Source = library.SourceBureau
	}
	rec, err := library.Record(e)
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("第 %d 版：%s → %s", before.Version, before.Name, e.Name)
	err = s.store.SaveLibraryEntries(r.Context(), []*jixiao.LibraryRecord{rec}, "update", jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		l2, e2, err2 := s.libraryEntryOf(r)
		if err2 != nil {
			return err2
		}
		return s.showLibraryEntry(w, r, c, http.StatusConflict, l2, e2, jixiao.ErrorMessage(err), "", &f)
	} else if err != nil {
		return err
	}
	if !aliasesChanged {
		http.Redirect(w, r, fmt.Sprintf("/review/library/%d?saved=1", rec.ID), http.StatusSeeOther)
		return nil
	}
	// The other wordings' plans count under this entry from now on: learn again, so that
	// its statistics and the list say so at once (the bureau's words stay as saved).
	info := jixiao.SaveInfo{Author: c.user.Username, Reason: "其他写法改动后从已通过和已公开的绩效目标重新学习"}
	if _, _, err := s.learnLibrary(r.Context(), info); err != nil {
		if jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			return err
		}
		// Someone learnt or edited at the same moment: the entry is saved; the statistics
		// follow at the next learn.
		http.Redirect(w, r, fmt.Sprintf("/review/library/%d?saved=1", rec.ID), http.StatusSeeOther)
		return nil
	}
	c.auditDetail += "；其他写法：" + strings.Join(aliases, "、") + "；已重新学习"
	http.Redirect(w, r, fmt.Sprintf("/review/library/%d?saved=1&learnt=1", rec.ID), http.StatusSeeOther)
	return nil
}

// aliasProblem says, as a sentence, why the other wordings cannot be e's: one is too
// long, or is already another entry's name or other wording.
func aliasProblem(l *library.Library, e *library.Entry, aliases []string) string {
	for _, a := range aliases {
		if utf8.RuneCountInString(a) > 100 {
			return fmt.Sprintf("其他写法“%s”超过 100 个字。", a)
		}
		if o := l.AliasOwner(e, a); o != nil {
			return fmt.Sprintf("其他写法“%s”已是指标库中另一条指标“%s”的名称或其他写法，不能同时归入本条。", a, o.Name)
		}
	}
	return ""
}

func validOp(op string) bool {
	switch op {
	case "", "≥", "≤", "=", ">", "<":
		return true
	}
	return false
}
