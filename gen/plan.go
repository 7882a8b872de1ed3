package gen

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"jixiao"
)

// planGen makes one plan from its own random stream.
type planGen struct {
	rng      *rand.Rand
	year     int
	dept     *jixiao.Department
	topic    *topic
	mistakes []Mistake
	lv       *levelNames

	// record keeps, for each target, what it was meant to say (tests compare it with
	// what the parser read from the rendered text).
	record  bool
	intents []intent
}

// intent is a rendered target: what NewIndicator read and what was meant.
type intent struct {
	where     string
	got, want jixiao.Target
}

// levelNames are the 一级 and 二级 names of a framework as a table writes them.
type levelNames struct {
	framework                               string
	output, effect, satisfaction            string
	quantity, quality, timeliness, cost     string
	economic, social, ecological, sustained string
	satisfaction2                           string
}

var (
	hunan2021 = levelNames{framework: "hunan-2021", output: "产出指标", effect: "效益指标", satisfaction: "效益指标",
		quantity: "产出数量", quality: "产出质量", timeliness: "产出时效", cost: "产出成本",
		economic: "经济效益", social: "社会效益", ecological: "生态效益", sustained: "可持续影响",
		satisfaction2: "社会公众及服务对象满意度"}
	national2021 = levelNames{framework: "national-2021", output: "产出指标", effect: "效益指标", satisfaction: "满意度指标",
		quantity: "数量指标", quality: "质量指标", timeliness: "时效指标", cost: "成本指标",
		economic: "经济效益指标", social: "社会效益指标", ecological: "生态效益指标", sustained: "可持续影响指标",
		satisfaction2: "服务对象满意度指标"}
)

func (g *planGen) has(m Mistake) bool { return slices.Contains(g.mistakes, m) }

func (g *planGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// between returns a whole number in [lo, hi].
func (g *planGen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// itemPlan is what is decided about a fund item before its tables are written.
type itemPlan struct {
	name   string
	fund   int
	amount int64 // micros of 万元
	counts []int // value of each activity (0: the item does not count it)
}

func (g *planGen) plan() *jixiao.Plan {
	g.lv = &hunan2021
	if g.rng.IntN(5) == 0 {
		g.lv = &national2021
	}
	tp := g.topic
	p := &jixiao.Plan{Department: g.dept.Name, DepartmentCode: g.dept.Code, Submitter: g.dept.Name, Year: g.year,
		Framework: g.lv.framework, Status: jixiao.Draft}

	// Special funds and their items.
	nItems := g.between(2, 10)
	nFunds := min(g.between(1, 3), nItems)
	fundNames := []string{"业务性专项经费", tp.field + "专项资金", "重点项目专项经费"}
	itemNames := slices.Clone(tp.items)
	g.rng.Shuffle(len(itemNames), func(i, j int) { itemNames[i], itemNames[j] = itemNames[j], itemNames[i] })
	activities := slices.Clone(tp.counts)
	g.rng.Shuffle(len(activities), func(i, j int) { activities[i], activities[j] = activities[j], activities[i] })
	activities = activities[:g.between(2, min(5, len(activities)))]

	items := make([]itemPlan, nItems)
	for k := range items {
		it := &items[k]
		it.name = itemNames[k%len(itemNames)]
		if k >= len(itemNames) {
			it.name += "（" + chineseNumber(k/len(itemNames)+1) + "期）"
		}
		it.fund = k % nFunds // every fund has an item
		if k >= nFunds {
			it.fund = g.rng.IntN(nFunds)
		}
		it.amount = int64(g.between(1, 400)) * 500_000
		if g.rng.IntN(5) == 0 {
			it.amount += int64(g.rng.IntN(50)) * 10_000
		}
		it.counts = make([]int, len(activities))
	}
	slices.SortStableFunc(items, func(a, b itemPlan) int { return a.fund - b.fund })
	// Every activity is counted by at least one item; the department's figure is the sum.
	for a, act := range activities {
		items[g.rng.IntN(nItems)].counts[a] = g.countValue(act, nItems)
		for k := range items {
			if items[k].counts[a] == 0 && g.rng.IntN(3) == 0 {
				items[k].counts[a] = g.countValue(act, nItems)
			}
		}
	}
	for k := range items { // each item counts something
		if !slices.ContainsFunc(items[k].counts, func(v int) bool { return v > 0 }) {
			a := g.rng.IntN(len(activities))
			items[k].counts[a] = g.countValue(activities[a], nItems)
		}
	}
	sums := make([]int, len(activities))
	for _, it := range items {
		for a, v := range it.counts {
			sums[a] += v
		}
	}

	var project int64
	p.SpecialFunds = make([]jixiao.SpecialFund, nFunds)
	for f := range p.SpecialFunds {
		p.SpecialFunds[f].Name = fundNames[f]
	}
	var fundMicros = make([]int64, nFunds)
	for k := range items {
		it := &items[k]
		fi := g.item(it, activities)
		fi.Summary.No = strconv.Itoa(len(p.SpecialFunds[it.fund].Items) + 1)
		p.SpecialFunds[it.fund].Items = append(p.SpecialFunds[it.fund].Items, fi)
		fundMicros[it.fund] += it.amount
		project += it.amount
	}
	for f := range p.SpecialFunds {
		p.SpecialFunds[f].Amount = dec(fundMicros[f])
	}
	p.FundsTotal = dec(project)
	p.FundAuthority = g.dept.Name

	// Budget: 资金总额 = 一般公共预算拨款 + 政府性基金拨款 + 其他资金 = 基本支出 + 项目支出.
	basic := int64(g.between(50, 2000))*1_000_000 + int64(g.rng.IntN(10000))*100
	total := basic + project
	var gov, other int64
	if g.rng.IntN(7) == 0 {
		gov = int64(g.rng.IntN(int(total/4/10_000)+1)) * 10_000
	}
	if g.rng.IntN(7) == 0 {
		other = int64(g.rng.IntN(int(total/4/10_000)+1)) * 10_000
	}
	if g.has(MistakeFifthDecimal) { // the seed's mistake: 137.01041 + 30 ≠ 167.0104
		basic += int64(g.between(1, 9)) * 10
	}
	if g.has(MistakeTotal) {
		total += int64(g.between(1, 9999)) * 100
	}
	p.Budget = jixiao.Budget{Total: dec(total), GeneralBudget: dec(total - gov - other), Basic: dec(basic), Project: dec(project)}
	if gov > 0 {
		p.Budget.GovFund = dec(gov)
	}
	if other > 0 {
		p.Budget.OtherFunds = dec(other)
	}

	p.Duties = g.duties()
	p.KeyTasks = g.keyTasks()
	p.Indicators = g.departmentIndicators(activities, sums, p.SpecialFunds)

	if g.has(MistakeItemAmount) {
		it := g.randomItem(p)
		it.Amount = dec(it.Summary.Amount.Micros() + int64(g.between(1, 20))*500_000)
	}
	if g.has(MistakeSummaryText) {
		it := g.randomItem(p)
		if s, _, ok := strings.Cut(it.PeriodGoal, "，"); ok {
			it.Summary.PeriodGoal = s + "。"
		} else {
			it.Summary.PeriodGoal = it.PeriodGoal + "（草稿）"
		}
	}
	return p
}

func (g *planGen) randomItem(p *jixiao.Plan) *jixiao.FundItem {
	f := &p.SpecialFunds[g.rng.IntN(len(p.SpecialFunds))]
	return &f.Items[g.rng.IntN(len(f.Items))]
}

// countValue is one item's figure for an activity.
func (g *planGen) countValue(c count, nItems int) int {
	hi := max(1, c.max*2/max(2, nItems))
	v := g.between(1, hi)
	if v > 100 {
		v = v / 10 * 10
	}
	return v
}

// item writes one fund item: its 附件3 table and its summary row (the same texts and
// amount; mistakes change them afterwards).
func (g *planGen) item(it *itemPlan, activities []count) jixiao.FundItem {
	tp := g.topic
	y := strconv.Itoa(g.year)
	var periodText string
	switch g.rng.IntN(6) {
	case 0:
		periodText = y + "年1月至12月"
	case 1:
		periodText = y + ".03-" + y + ".12"
	case 2:
		periodText = y + "年1-12月"
	default:
		periodText = y + ".1-" + y + ".12"
	}
	period, _ := jixiao.ParsePeriod(periodText)
	periodGoal := g.pick(tp.goalVerbs) + g.pick(tp.goalThings) + "，" + g.pick(tp.goalVerbs) + g.pick(tp.goalThings) + "，" + g.pick(purposes) + "。"
	var done []string
	for a, v := range it.counts {
		if v > 0 {
			done = append(done, "完成"+activities[a].name+strconv.Itoa(v)+activities[a].unit)
		}
	}
	annualGoal := "做好" + it.name + "的使用管理，" + strings.Join(done, "，") + "，" + g.pick(purposes) + "。"
	amount := dec(it.amount)
	fi := jixiao.FundItem{Name: it.name, Amount: amount, Period: period, PeriodGoal: periodGoal, AnnualGoal: annualGoal,
		Summary: &jixiao.FundItemSummary{Amount: amount, PeriodGoal: periodGoal, AnnualGoal: annualGoal}}

	lv := g.lv
	where := it.name
	var rows []jixiao.Indicator
	for a, v := range it.counts {
		if v > 0 {
			text, want := g.countTarget(v, activities[a].unit)
			rows = append(rows, g.ind(where, lv.output, lv.quantity, activities[a].name, text, want, ""))
		}
	}
	n := g.between(8, 15)
	quality := g.between(1, 2)
	for q := 0; q < quality; q++ {
		rows = append(rows, g.qualityRow(where, q))
	}
	rows = append(rows, g.timelinessRow(where))
	text, want := g.moneyCap(amount)
	rows = append(rows, g.ind(where, lv.output, lv.cost, "项目成本", text, want, ""))
	extra := n - len(rows) - 3 // after the optional rows: social, sustained, satisfaction
	if extra > 0 && g.rng.IntN(2) == 0 {
		text, want := g.perCapita()
		rows = append(rows, g.ind(where, lv.output, lv.cost, "人均成本", text, want, ""))
		extra--
	}
	if extra > 0 {
		rows = append(rows, g.economicRow(where))
		extra--
	}
	rows = append(rows, g.gradeRow(where, lv.social, tp.effects[0]))
	if extra > 0 {
		rows = append(rows, g.ecologicalRow(where))
		extra--
	}
	for k := 1; extra > 0 && k < len(tp.effects); k++ {
		rows = append(rows, g.gradeRow(where, lv.social, tp.effects[k]))
		extra--
	}
	rows = append(rows, g.gradeRow(where, lv.sustained, "长效机制建设"))
	rows = append(rows, g.satisfactionRow(where))
	fi.Indicators = rows
	return fi
}

// departmentIndicators writes the department table's 年度绩效指标: the counts (sums of the
// items'), quality, timeliness, one cost row per fund (they add up to 项目支出), effects
// and satisfaction; 10 to 20 rows.
func (g *planGen) departmentIndicators(activities []count, sums []int, funds []jixiao.SpecialFund) []jixiao.Indicator {
	lv, tp := g.lv, g.topic
	const where = "部门整体"
	var rows []jixiao.Indicator
	wrong := -1
	if g.has(MistakeRollup) {
		wrong = g.rng.IntN(len(activities))
	}
	if g.has(MistakeCompound) {
		// The seed's way: every count in one cell (各类培训8次；各类会议21次；…).
		var texts, names []string
		var parts []jixiao.TargetPart
		for a, act := range activities {
			v := sums[a]
			if a == wrong {
				v += g.between(1, 3)
			}
			name := partName(act.name)
			t := name + strconv.Itoa(v) + act.unit
			texts = append(texts, t)
			names = append(names, name)
			parts = append(parts, jixiao.TargetPart{Text: t, Name: name, Value: jixiao.Int(int64(v)), Unit: act.unit})
		}
		text := strings.Join(texts, "；") + "。"
		want := jixiao.Target{Text: text, Kind: jixiao.TargetCompound, Parts: parts}
		rows = append(rows, g.ind(where, lv.output, lv.quantity, "开展"+strings.Join(names, "、")+"等工作", text, want, ""))
	} else {
		for a, act := range activities {
			v := sums[a]
			if a == wrong {
				v += g.between(1, 3)
			}
			text, want := g.countTarget(v, act.unit)
			rows = append(rows, g.ind(where, lv.output, lv.quantity, act.name, text, want, ""))
		}
	}
	n := g.between(10, 20)
	for q := 0; q < g.between(1, 2); q++ {
		rows = append(rows, g.qualityRow(where, q))
	}
	rows = append(rows, g.timelinessRow(where))
	for _, f := range funds {
		text, want := g.moneyCap(f.Amount)
		rows = append(rows, g.ind(where, lv.output, lv.cost, f.Name+"支出", text, want, ""))
	}
	rows = append(rows, g.economicRow(where))
	for k := 0; k < len(tp.effects) && (k == 0 || len(rows)+3 < n); k++ {
		if g.has(MistakeVague) && k == 0 {
			text := g.pick(vagueTargets)
			want := jixiao.Target{Text: text, Kind: jixiao.TargetQualitative, Grade: text}
			rows = append(rows, g.ind(where, lv.effect, lv.social, tp.effects[k], text, want, ""))
			continue
		}
		rows = append(rows, g.gradeRow(where, lv.social, tp.effects[k]))
	}
	rows = append(rows, g.ecologicalRow(where))
	rows = append(rows, g.gradeRow(where, lv.sustained, "长效机制建设"))
	for k := 0; len(rows)+1 < n && k < len(extraQuality); k++ {
		text, want := g.percentTarget(g.between(90, 100), false)
		rows = append(rows, g.ind(where, lv.output, lv.quality, extraQuality[k], text, want, ""))
	}
	if !g.has(MistakeNoSatisfaction) {
		rows = append(rows, g.satisfactionRow(where))
	}
	slices.SortStableFunc(rows, func(a, b jixiao.Indicator) int { return g.rank(a) - g.rank(b) })
	return rows
}

var extraQuality = []string{"政策知晓率", "档案资料完整率", "信息公开准确率", "问题整改完成率", "台账规范率", "数据报送准确率"}

// rank orders rows as tables do: 产出 (数量, 质量, 时效, 成本), then 效益, then 满意度.
func (g *planGen) rank(in jixiao.Indicator) int {
	lv := g.lv
	for k, l2 := range []string{lv.quantity, lv.quality, lv.timeliness, lv.cost, lv.economic, lv.social, lv.ecological, lv.sustained, lv.satisfaction2} {
		if in.Level2 == l2 {
			return k
		}
	}
	return 99
}

// partName is the name of a count in a compound cell: 培训次数 → 培训.
func partName(s string) string {
	for _, suf := range []string{"次数", "场次", "人次", "人数", "批次"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return s
}

func (g *planGen) ind(where, l1, l2, name, text string, want jixiao.Target, note string) jixiao.Indicator {
	in := jixiao.NewIndicator(l1, l2, name, text, note)
	if g.record {
		g.intents = append(g.intents, intent{where: where + " / " + l2 + " / " + name, got: in.Target, want: want})
	}
	return in
}

func (g *planGen) qualityRow(where string, k int) jixiao.Indicator {
	lv := g.lv
	if g.rng.IntN(12) == 0 {
		v := g.between(2, 20) * 10
		text := "≥" + strconv.Itoa(v) + "M"
		return g.ind(where, lv.output, lv.quality, "网络带宽", text, numeric(text, jixiao.OpGE, jixiao.Int(int64(v)), "M"), "")
	}
	name := g.topic.quality[k%len(g.topic.quality)]
	text, want := g.percentTarget(g.between(90, 100), false)
	return g.ind(where, lv.output, lv.quality, name, text, want, "")
}

func (g *planGen) timelinessRow(where string) jixiao.Indicator {
	lv := g.lv
	name := g.pick(timelinessNames)
	y := g.year
	ys := strconv.Itoa(y)
	deadline := func(text string, year, month int) jixiao.Target {
		return jixiao.Target{Text: text, Kind: jixiao.TargetPeriod,
			Deadline: &jixiao.Period{Text: text, FromYear: year, FromMonth: 1, ToYear: year, ToMonth: month}}
	}
	var text string
	var want jixiao.Target
	switch g.rng.IntN(10) {
	case 0:
		text, want = "10月前", deadline("10月前", 0, 10)
	case 1:
		text, want = "6月底前", deadline("6月底前", 0, 6)
	case 2:
		text, want = "12月31日前", deadline("12月31日前", 0, 12)
	case 3:
		text, want = "年底前", deadline("年底前", 0, 12)
	case 4:
		text = ys + "年12月底前完成"
		want = deadline(text, y, 12)
	case 5:
		text = "按季度"
		want = jixiao.Target{Text: text, Kind: jixiao.TargetPeriod}
	case 6: // an Excel serial date leaked into the text: 44,926 is 2022-12-31
		serial := excelSerial(y, 12, 31)
		text = withThousands(serial)
		want = deadline(text, y, 12)
		want.Deadline.Text = ys + "-12-31"
	case 7:
		text = ys + ".1-" + ys + ".12"
		want = jixiao.Target{Text: text, Kind: jixiao.TargetPeriod,
			Deadline: &jixiao.Period{Text: text, FromYear: y, FromMonth: 1, ToYear: y, ToMonth: 12}}
	case 8:
		v := g.between(5, 30)
		text = "≤" + strconv.Itoa(v) + "个工作日"
		want = numeric(text, jixiao.OpLE, jixiao.Int(int64(v)), "个工作日")
		name = "办理时限"
	default:
		name = "项目按期完成率"
		text, want = g.percentTarget(100, false)
	}
	return g.ind(where, lv.output, lv.timeliness, name, text, want, "")
}

func (g *planGen) economicRow(where string) jixiao.Indicator {
	lv := g.lv
	switch g.rng.IntN(4) {
	case 0:
		text := "/"
		return g.ind(where, lv.effect, lv.economic, "/", text, jixiao.Target{Text: text, Kind: jixiao.TargetNotApplicable}, "")
	case 1:
		v := g.between(10, 500)
		text := "≥" + strconv.Itoa(v) + "万元"
		return g.ind(where, lv.effect, lv.economic, "带动社会投入", text, numeric(text, jixiao.OpGE, jixiao.Int(int64(v)), "万元"), "")
	}
	text := "无直接经济效益"
	return g.ind(where, lv.effect, lv.economic, "无直接经济效益", text, jixiao.Target{Text: text, Kind: jixiao.TargetNotApplicable}, "")
}

func (g *planGen) ecologicalRow(where string) jixiao.Indicator {
	lv := g.lv
	text := [...]string{"/", "—", "/"}[g.rng.IntN(3)]
	return g.ind(where, lv.effect, lv.ecological, "/", text, jixiao.Target{Text: text, Kind: jixiao.TargetNotApplicable}, "")
}

func (g *planGen) gradeRow(where, level2, name string) jixiao.Indicator {
	text := g.pick(grades)
	return g.ind(where, g.lv.effect, level2, name, text, jixiao.Target{Text: text, Kind: jixiao.TargetQualitative, Grade: text}, g.pick(gradeNotes))
}

func (g *planGen) satisfactionRow(where string) jixiao.Indicator {
	text, want := g.percentTarget(g.between(85, 98), true)
	return g.ind(where, g.lv.satisfaction, g.lv.satisfaction2, g.pick(satisfactionNames), text, want, "")
}

func (g *planGen) duties() string {
	d := slices.Clone(g.topic.duties)
	g.rng.Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
	d = d[:g.between(3, len(d))]
	var b strings.Builder
	for k, s := range d {
		b.WriteString("（" + chineseNumber(k+1) + "）" + s + "。")
	}
	if g.has(MistakeWording) {
		b.WriteString("（" + chineseNumber(len(d)+1) + "）" + g.pick(typoSentences))
	}
	b.WriteString("（" + chineseNumber(len(d)+1+boolInt(g.has(MistakeWording))) + "）完成区委、区政府交办的其他任务。")
	return b.String()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

var commonTasks = [][2]string{
	{"加强预算绩效管理", "规范资金使用，按时完成绩效自评"},
	{"落实全面从严治党主体责任", "开展廉政教育，健全内控制度"},
	{"推进政务公开", "按时公开部门预算和绩效目标"},
	{"做好安全稳定工作", "全年不发生重大安全事故"},
}

func (g *planGen) keyTasks() []jixiao.KeyTask {
	tasks := append(slices.Clone(g.topic.tasks), commonTasks...)
	g.rng.Shuffle(len(tasks), func(i, j int) { tasks[i], tasks[j] = tasks[j], tasks[i] })
	n := g.between(4, min(8, len(tasks)))
	out := make([]jixiao.KeyTask, n)
	for k := range out {
		owner := g.pick(offices)
		if g.rng.IntN(3) == 0 {
			owner = g.dept.Name
		}
		out[k] = jixiao.KeyTask{Item: tasks[k][0], Owner: owner, Objective: tasks[k][1] + "，" + g.pick(purposes) + "。"}
	}
	return out
}
