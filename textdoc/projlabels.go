package textdoc

import (
	"strings"
	"unicode/utf8"

	"jixiao"
)

// A pfield is what a label of a project table (项目支出绩效目标表 in its many layouts) names.
type pfield int

const (
	pNone       pfield = iota
	pGroup             // a label that only heads other labels: 项目资金, 资金情况（万元）, 资金来源
	pName              // 项目名称
	pCode              // 项目编码
	pAuthority         // 主管部门 / 预算部门
	pUnit              // 实施单位
	pMoney             // a money row (its source in pLabel.source)
	pPeriod            // 实施期 as one text
	pStart             // 项目开始日期 (with pEnd: the period)
	pEnd               // 项目完成日期
	pPeriodGoal        // 实施期绩效目标 / 总体目标 / 中期目标
	pAnnualGoal        // 年度绩效目标 / 年度目标
	pIndicators        // 绩效指标: the cell that heads the indicator block
	pFooter            // 审核意见, 注: what ends a table
	pOther             // a label with a value a Project has no field for (kept in Project.Other)
	pDept              // 部门(单位)名称: a department-wide table (整体绩效目标表)
	pDuties            // 部门(单位)职责
)

// A plabel is one label wording of a project table.
type plabel struct {
	key    string // as norm writes it
	f      pfield
	source jixiao.FundSource // pMoney
	rank   int               // pMoney of FundTotal: how surely it is the year's total (3 best)
}

// projectLabels are the labels of the project tables of the layouts in
// testdata/published, longest first when matched (see matchProject).
var projectLabels = func() []plabel {
	var ls []plabel
	add := func(f pfield, keys ...string) {
		for _, k := range keys {
			ls = append(ls, plabel{key: norm(k), f: f})
		}
	}
	money := func(s jixiao.FundSource, rank int, keys ...string) {
		for _, k := range keys {
			ls = append(ls, plabel{key: norm(k), f: pMoney, source: s, rank: rank})
		}
	}
	add(pName, "项目名称", "项目支出名称", "二级项目名称", "专项名称", "单位(专项)名称", "专项(项目)名称",
		// 区域绩效目标表 of a transfer (中央对地方转移支付区域绩效目标表)
		"转移支付名称", "转移支付项目名称", "专项资金名称")
	add(pCode, "项目编码", "项目代码")
	add(pAuthority, "主管部门及代码", "主管部门及编码", "主管部门及其编码", "项目主管部门", "主管部门", "预算部门",
		"业务主管部门", "一级预算单位", "实施部门", "部门", "下达地方或单位", "地方主管部门", "编制单位",
		// 陕西's transfer tables name the 主管部门 of each level, the upper first (kept
		// in Other after the first).
		"省级主管部门", "市级主管部门", "县级主管部门", "区级主管部门")
	add(pUnit, "实施单位/建设单位", "项目实施单位", "项目执行单位", "实施单位", "执行单位", "预算单位", "申请单位", "用款单位")
	money(jixiao.FundTotal, 3, "年度资金总额", "当年资金总额", "本年度项目金额", "年度预算资金总额", "当年年度预算", "预算申报数",
		"本年度申请市财政预算资金", "本年度申请财政预算资金", "年度资金申请总额", "年度金额", "当年预算", "当年预算数", "本年预算")
	money(jixiao.FundTotal, 2, "资金总额", "项目金额", "预算数", "预算金额")
	money(jixiao.FundTotal, 1, "项目总金额", "项目总投资", "项目总预算", "下达中央预算内投资", "项目资金总额")
	money(jixiao.FundTotal, 0, "中期预算资金总额", "中期资金总额", "实施期资金总额", "中期市财政预算", "中期财政预算")
	money(jixiao.FundFiscal, 0, "年度本级预算金额", "财政拨款", "财政拨款数", "当年财政拨款", "本级预算", "当年市级财政资金", "财政资金",
		"省级财政安排", "预算资金", "(一)财政拨款小计", "本年财政拨款", "当年一般公共预算拨款")
	money(jixiao.FundUpper, 0, "上级资金", "该项目支出上级资金", "中央补助安排", "中央补助", "中央补助资金", "中央财政资金",
		"中央资金", "上级补助资金")
	money(jixiao.FundFiscal, 0, "地方资金", "地方财政资金", "本级财政资金", "市县(区)财政资金", "县级财政资金")
	money(jixiao.FundOther, 0, "其他资金", "其它资金", "当年其他资金", "自有资金", "其他收入", "(二)自有资金小计", "(三)其他收入", "其他",
		"单位自筹", "自筹资金")
	money(jixiao.FundCarryOver, 0, "上年结转", "上年结转资金")
	money(jixiao.FundPart, 0, "政府性基金拨款", "财政专户拨款", "事业基金弥补差额")
	money(jixiao.FundPart, 0, "一般公共预算资金", "一般公共预算", "纳入一般公共预算管理的非税收入安排的资金", "政府性基金预算资金",
		"政府性基金", "国有资本经营预算资金", "国有资本经营预算", "国有资本金", "社会保险基金预算资金", "社保基金", "财政专户管理资金",
		"事业收入", "经营性收入")
	add(pPeriod, "项目支出实施期", "项目实施期", "实施期", "项目计划实施时间", "计划实施时间", "项目起止时间", "建设周期", "项目期限", "项目期", "实施期限", "项目起止时间")
	add(pStart, "项目开始日期", "计划开始日期", "开始时间")
	add(pEnd, "项目完成日期", "项目完成H期", "计划完成日期", "完成时间")
	add(pPeriodGoal, "实施期绩效目标", "实施期目标", "总体目标", "中期目标", "长期目标", "中长期目标", "绩效目标总体描述", "项目总体绩效目标", "中期滚动目标", "项目总体目标", "项目总目标")
	add(pAnnualGoal, "本年度绩效目标", "年度绩效目标", "年度目标", "年度主要目标和成果", "绩效目标", "年度总体目标", "年度总体绩效目标", "年度绩效总目标", "当年绩效目标", "当年目标", "年度",
		// the 2011 form of 财政部 (大庆): the outputs and the effect the year is to give
		"预期提供的公共产品和服务的数量", "预期效果")
	add(pDept, "部门(单位)名称", "部门名称", "单位名称")
	add(pDuties, "部门(单位)职责", "部门职责", "单位职责", "部门职能职责概述", "部门职能职责", "单位职能职责")
	add(pOther, "资金性质", "财政资金预算分类", "财政资金科目代码", "年度预算执行率", "填报单位", "项目负责人", "联系电话",
		"项目类型", "项目类别", "项目属性", "项目来源", "项目分类", "项目性质", "立项依据", "项目概况",
		"项目申请原因", "保障绩效目标实现的措施", "项目立项的依据", "项目申报的可行性", "项目申报的必要性", "单位已有的(或拟订的)保证项目实施的制度、措施", "保证项目实施的制度、措施",
		"省级财政部门", "市级财政部门", "县级财政部门", "区级财政部门", "最近年度绩效评价情况", "上年度绩效评价情况")
	add(pIndicators, "绩效指标", "本年度绩效指标", "年度绩效指标", "绩效项目指标表", "绩")
	add(pGroup, "项目资金", "资金情况", "投入目标", "资金来源", "年初安排金额", "项目预算资金", "项目资金申请", "收入",
		"金额", "全年(程)预算数", "预算执行", "项目绩效目标", "年度总体目标完成情况", "项目立项情况")
	add(pFooter, "财政部门审核意见", "财政部门支出股室初审意见", "财政部门绩效评价股审核意见", "主管部门审核意见",
		"其他需说明的问题", "其他需要说明的问题", "需要说明的其他问题", "注:", "财政资金管理科室",
		"填报人", "填表人", "单位负责人", "填报日期", "填表日期")
	return ls
}()

// A pmatch is a cell read as a project label: the label, and the value written in the
// same cell after a colon (资金总额: 250), if any.
type pmatch struct {
	l        plabel
	value    string
	hasValue bool
	unit     string // a money unit the label carries: 项目总金额(元)
}

// matchProject reads a cell as a label of a project table. The label may start with
// 其中, a star (年度目标*, *指标解释) or a numbering (一、预算资金), and be followed by
// annotations in parentheses ((万元)), a colon and a value.
func matchProject(c cell) pmatch {
	if c.text == "" || c.cut {
		return pmatch{}
	}
	n := c.key
	n = strings.TrimLeft(n, "*")
	n = strings.TrimPrefix(n, "其中")
	n = strings.TrimLeft(n, ":")
	for _, p := range []string{"一、", "二、", "三、", "四、", "1、", "2、", "3、", "4、"} {
		n = strings.TrimPrefix(n, p)
	}
	best := -1
	for i, l := range projectLabels {
		if strings.HasPrefix(n, l.key) && (best < 0 || len(l.key) > len(projectLabels[best].key)) {
			rest := n[len(l.key):]
			if labelRest(rest) || l.f == pFooter {
				best = i
			}
		}
	}
	if best < 0 {
		return pmatch{}
	}
	m := pmatch{l: projectLabels[best]}
	rest := n[len(m.l.key):]
	rest = strings.TrimLeft(rest, "*")
	for strings.HasPrefix(rest, "(") {
		j := strings.IndexByte(rest, ')')
		if j < 0 {
			break
		}
		if u := rest[1:j]; isUnit(u) {
			m.unit = u
		}
		rest = rest[j+1:]
	}
	if strings.HasPrefix(rest, ":") {
		if i := strings.IndexAny(c.text, ":："); i >= 0 {
			_, w := utf8.DecodeRuneInString(c.text[i:])
			m.value = strings.TrimSpace(c.text[i+w:])
		}
		m.hasValue = m.value != ""
	}
	return m
}

// labelRest reports whether what follows a label's words leaves the cell a label:
// nothing, a star, annotations in parentheses, or a colon (and a value).
func labelRest(rest string) bool {
	rest = strings.TrimLeft(rest, "*")
	for strings.HasPrefix(rest, "(") {
		j := strings.IndexByte(rest, ')')
		if j < 0 {
			return false
		}
		rest = strings.TrimLeft(rest[j+1:], "*")
	}
	return rest == "" || rest[0] == ':'
}

// A pcol is a column of a project table's indicator block.
type pcol int

const (
	cLevel1 pcol = iota
	cLevel2
	cName
	cTarget
	cNature
	cDirection
	cUnit
	cWeight
	cKind
	cStandard
	cExplanation
	cScoring
	cNote
	numPCols
)

// indicatorHeads are the header labels of the indicator columns. A header with (年度),
// 全年 or 预期 in it wins over one with (长期), 半年 or 实际 (see projectHeader).
var indicatorHeads = []struct {
	key string
	c   pcol
}{
	{"一级指标", cLevel1}, {"一级", cLevel1}, {"指标类型", cLevel1}, {"评价内容", cLevel1},
	{"二级指标", cLevel2}, {"二级", cLevel2},
	{"三级指标", cName}, {"三级", cName}, {"指标内容", cName}, {"指标名称", cName}, {"绩效内容", cName},
	{"指标值类型", cKind},
	{"指标值内容", cExplanation},
	{"指标值及单位", cTarget}, {"指标目标值", cTarget}, {"指标值", cTarget}, {"目标值", cTarget}, {"年度指标值", cTarget}, {"绩效指标值", cTarget}, {"年度(/项目)指标值", cTarget},
	{"当年预期实现值", cTarget}, {"年度数值", cTarget}, {"全年(程)指标值", cTarget}, {"半年(程)指标值", cTarget},
	{"绩效目标值", cTarget}, {"本年度计划水平", cTarget}, {"计划水平", cTarget}, {"上年度实际水平", cTarget}, {"实际水平", cTarget},
	{"指标性质", cNature}, {"绩效指标性质", cNature}, {"计算符号", cNature},
	{"指标方向", cDirection}, {"指标方向性", cDirection},
	{"度量单位", cUnit}, {"计量单位", cUnit}, {"绩效度量单位", cUnit},
	{"分值", cWeight}, {"权(分)值", cWeight}, {"权重", cWeight}, {"指标权重", cWeight}, {"权重(%)", cWeight},
	{"绩效标准", cStandard}, {"指标标准或依据", cStandard}, {"取值依据", cStandard}, {"参考标准", cStandard},
	{"指标解释", cExplanation}, {"指标值说明", cExplanation}, {"指标描述", cExplanation},
	{"指标内容/计算公式", cExplanation}, {"计算公式", cExplanation},
	{"评(扣)分标准", cScoring}, {"评(扣分标准)", cScoring}, {"评分标准", cScoring}, {"扣分标准", cScoring},
	{"备注", cNote},
	// 重庆's 一般性项目绩效目标表: 绩效指标 | 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值, one
	// name column and no 一级/二级.
	{"指标", cName},
}

// headKeys are indicatorHeads' keys as norm writes them.
var headKeys = func() []string {
	ks := make([]string, len(indicatorHeads))
	for i, h := range indicatorHeads {
		ks[i] = norm(h.key)
	}
	return ks
}()

// headColumn reads a header cell of the indicator block.
func headColumn(c cell) (pcol, bool) {
	n := strings.Trim(c.key, "*")
	if n == "" || len(n) > 60 {
		return 0, false
	}
	if k, _, ok := strings.Cut(n, "(包含"); ok {
		n = k
	}
	for i, h := range indicatorHeads {
		k := headKeys[i]
		if strings.HasPrefix(n, k) && (len(n) == len(k) || n[len(k)] == '(' && !strings.HasPrefix(k, "权重")) {
			return h.c, true
		}
	}
	return 0, false
}

// preferred reports whether a header cell names the year's column of a pair (年度, 全年,
// 预期) rather than the long-term or half-year one.
func preferred(key string) int {
	switch {
	case strings.Contains(key, "上年"):
		return 0 // 上年度实际水平: last year's, beside the year's (大庆)
	case strings.Contains(key, "年度") || strings.Contains(key, "全年") || strings.Contains(key, "预期"):
		return 2
	case strings.Contains(key, "长期") || strings.Contains(key, "半年") || strings.Contains(key, "实际"):
		return 0
	}
	return 1
}
