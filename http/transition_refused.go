package http

import (
	"fmt"
	"net/http"
	"strings"

	"jixiao"
)

// refuseTransition sends the browser back to the table's page (303) after a refused
// workflow step on a monitoring record or a self-evaluation table, the refusal named by
// key (?refused=key) for the page to say again, so that the address bar never stays on
// the POST: reopening it is not a 404, reloading it posts nothing. The audit entry keeps
// the refusal as failed, with why.
func refuseTransition(w http.ResponseWriter, r *http.Request, c *reqCtx, page, key, why string) {
	c.auditDetail, c.auditFailed = "被拒："+why, true
	http.Redirect(w, r, page+"?refused="+key, http.StatusSeeOther)
}

// refusalMessage is the sentence a table's page shows for ?refused=key ("" for a key it
// does not know, and for "submit", which the page works out again with its cells).
func refusalMessage(key, table string) string {
	switch key {
	case "stale":
		return fmt.Sprintf("%s已被他人修改或处理，操作未执行：下面是当前的版本，请查看后再操作。", table)
	case "reason":
		return "退回必须写明理由，操作未执行：请在理由框中写明后再退回。"
	}
	return ""
}

// selfEvalSubmitRefusal is why a self-evaluation table cannot be submitted yet, "" when
// nothing blocks it; each score still to be given is marked beside its 评价人打分 cell.
func selfEvalSubmitRefusal(pg *selfEvalPage) string {
	bl := blocking(pg)
	if len(bl) == 0 {
		return ""
	}
	msgs := make([]string, len(bl))
	for i, f := range bl {
		msgs[i] = f.Message
		var row int
		if _, err := fmt.Sscanf(f.Path, "indicators[%d].score", &row); err == nil && f.Rule == "score.pending" && row < len(pg.Indicators) {
			in := &pg.Indicators[row]
			in.JudgeNotes = append(in.JudgeNotes, f)
		}
	}
	return fmt.Sprintf("不能提交：有 %d 处须先改正或填写。%s", len(bl), strings.Join(msgs, ""))
}

// monitoringSubmitRefusal is why a monitoring record cannot be submitted yet, "" when
// nothing blocks it.
func monitoringSubmitRefusal(pg *monitoringPage) string {
	var msgs []string
	if pg.Level == jixiao.LevelNone {
		msgs = append(msgs, "尚未填写执行数和指标完成情况。")
	}
	for _, f := range pg.Alerts {
		if f.Rule == "likelihood.no-reason" || f.Rule == "likelihood.no-remedy" {
			msgs = append(msgs, f.Message)
		}
	}
	if len(msgs) == 0 {
		return ""
	}
	return fmt.Sprintf("不能提交：有 %d 处须先填写。%s", len(msgs), strings.Join(msgs, ""))
}
