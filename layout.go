package jixiao

// Layout (填报样式) is the set of target tables a region files and the indicator framework
// they follow: Hunan 2021's three seed forms (部门整体支出绩效目标表, 专项资金汇总表, 附件3),
// or a 项目支出绩效目标表 per project in the national 一体化 layout or a province's
// variant. A new plan starts from one; its fill-in template is written per layout.
type Layout struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Framework string `json:"framework"` // the Framework.ID its indicators follow
	// Projects says the layout's tables are project tables (Plan.Projects), with no
	// department table; otherwise they are the seed's forms.
	Projects bool `json:"projects,omitempty"`
}

// Layouts are the layouts a plan may be made in, the seed's first.
var Layouts = []Layout{
	{ID: "hunan-2021", Name: "湖南2021：部门整体支出绩效目标表、专项资金预算绩效目标汇总表和支出方向绩效目标表（附件3）", Framework: "hunan-2021"},
	{ID: "national", Name: "全国一体化：项目支出绩效目标表（成本指标在产出指标下）", Framework: "national-2021", Projects: true},
	{ID: "national-cost", Name: "全国（财预〔2021〕101号）：项目支出绩效目标表，成本指标单列为一级指标", Framework: "cost-level1", Projects: true},
	{ID: "hunan-2023", Name: "湖南2023：项目支出绩效目标表（含指标值类型、计量单位、指标解释、评(扣)分标准）", Framework: "hunan-2023", Projects: true},
}

// LayoutByID returns the layout of the id, and whether there is one.
func LayoutByID(id string) (Layout, bool) {
	for _, l := range Layouts {
		if l.ID == id {
			return l, true
		}
	}
	return Layout{}, false
}
