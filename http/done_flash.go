package http

import "jixiao"

// doneFlash is the sentence shown after a workflow step on a plan, a monitoring record
// or a self-evaluation table (the pages' ?done=action), "" for an unknown action.
func doneFlash(a jixiao.Action) string {
	switch a {
	case jixiao.ActSubmit:
		return "已提交。"
	case jixiao.ActUnitApprove:
		return "单位负责人已审核通过。"
	case jixiao.ActUnitReturn:
		return "单位负责人已退回。"
	case jixiao.ActApprove:
		return "财政已审核通过。"
	case jixiao.ActReturn:
		return "财政已退回。"
	case jixiao.ActPublish:
		return "已公开。"
	case jixiao.ActAdjust:
		return "已提出调整，绩效目标已重新打开为草稿。"
	}
	return ""
}
