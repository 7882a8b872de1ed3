package check

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlace(t *testing.T) {
	tests := []struct{ path, want string }{
		{"indicators[5].target", "部门整体表 · 年度绩效指标 · 第6行 指标值"},
		{"indicators[0].target.parts[2]", "部门整体表 · 年度绩效指标 · 第1行 指标值 分项"},
		{"indicators", "部门整体表 · 年度绩效指标"},
		{"budget.basic", "部门整体表 · 年度预算申请 · 基本支出"},
		{"duties", "部门整体表 · 部门职责概述"},
		{"keyTasks[1].objective", "部门整体表 · 年度重点工作计划 · 第2行 工作目标"},
		{"specialFunds[0].items[1].periodGoal", "专项资金绩效目标表 · 第1项专项资金 · 第2个支出方向 · 实施期绩效目标"},
		{"specialFunds[0].items[1].indicators[3].target", "专项资金绩效目标表 · 第1项专项资金 · 第2个支出方向 · 绩效指标 · 第4行 指标值"},
		{"specialFunds[2].amount", "专项资金绩效目标表 · 第3项专项资金 · 金额"},
		{"projects[1].indicators[0].weight", "项目支出绩效目标表 · 第2个项目 · 绩效指标 · 第1行 权重"},
		{"projects[0].annualGoal", "项目支出绩效目标表 · 第1个项目 · 年度绩效目标"},
		{"links", "links"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Place(tt.path)); diff != "" {
			t.Errorf("Place(%q) (-want +got):\n%s", tt.path, diff)
		}
	}
}
