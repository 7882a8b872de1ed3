package check

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// Indicator quality: the checks reviewers apply to each row (财预〔2015〕88号: 指向明确、
// 细化量化、合理可行、相应匹配; 财预〔2021〕101号: 核心指标少而精、可衡量).

// maxNameRunes is the longest a 三级指标 name may be before it reads as a paragraph.
const maxNameRunes = 30

// vagueWords make a target unmeasurable when they stand in for a figure.
var vagueWords = []string{"进一步", "明显", "有效", "加强", "显著", "大幅", "逐步", "稳步", "不断", "切实", "积极", "持续", "较大", "一定程度", "有所"}

// vagueFirst marks the first runes of the vague words.
var vagueFirst = func() (first [1 << 16 / 64]uint64) {
	for _, w := range vagueWords {
		if r, _ := utf8.DecodeRuneInString(w); r < 1<<16 {
			first[r/64] |= 1 << (r % 64)
		}
	}
	return first
}()

// vagueWord returns the first of vagueWords (in the list's order) that text contains,
// or "". It reads text once, looking for the words only where one of their first runes
// is, rather than searching it once per word. A word (valid UTF-8) can only occur where
// a rune starts, even in text that is not valid UTF-8: its lead byte is never taken
// into the decoding of another rune.
func vagueWord(text string) string {
	found := len(vagueWords)
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = nextRune(text, i)
		}
		if r >= 1<<16 || vagueFirst[r/64]&(1<<(r%64)) != 0 {
			for k, w := range vagueWords[:found] {
				if strings.HasPrefix(text[i:], w) {
					found = k
					break
				}
			}
		}
		i += size
	}
	if found == len(vagueWords) {
		return ""
	}
	return vagueWords[found]
}

// boilerplateNames are indicators that reviewers see in every table whatever the money
// is for: they measure that money was spent and work was done, not what it produced.
var boilerplateNames = map[string]bool{
	"预算资金使用率": true, "资金使用率": true, "预算执行率": true, "工作及时完成率": true,
	"任务及时完成率": true, "工作完成率": true, "任务完成率": true, "资金及时到位率": true,
}

func (s *state) checkQuality() {
	for ti := range s.tables {
		t := &s.tables[ti]
		hasSatisfaction := false
		for i := range t.inds {
			in := &t.inds[i]
			r := &t.rows[i]
			if r.gl1 == jixiao.CategorySatisfaction || r.gl2 == jixiao.CategorySatisfaction ||
				in.Level1 == "" && in.Level2 == "" && strings.Contains(in.Name, "满意") {
				// A row with no 一级/二级 (重庆's single 指标 column) is one by its name.
				hasSatisfaction = true
			}
			s.checkName(t, i, r)
			s.checkTarget(t, i, in, r)
		}
		if len(t.inds) == 0 {
			s.add("indicator.satisfaction-missing", Warning, t.path(), t.label()+"没有填写任何绩效指标")
		} else if !hasSatisfaction {
			s.add("indicator.satisfaction-missing", Warning, t.path(), t.label()+"没有满意度指标")
		}
	}
	s.checkBoilerplate()
}

// checkName flags a 三级指标 that is a sentence or paragraph rather than a name.
func (s *state) checkName(t *table, i int, r *rowInfo) {
	name := r.name
	if isPlaceholder(name) {
		return
	}
	n, sentence := sentenceStats(name)
	if n <= maxNameRunes && !sentence {
		return
	}
	msg := "三级指标写成了一句话，应是一个可衡量的指标名称（如“培训次数”“资金到位率”）"
	if n > maxNameRunes {
		msg = "三级指标写成了一段话（" + strconv.Itoa(n) + " 字），应是一个可衡量的指标名称（如“培训次数”“资金到位率”）"
	}
	s.add("indicator.name-sentence", Warning, t.rowPath(i)+".name", msg+"：“"+clip(name, 24)+"”")
}

func (s *state) checkTarget(t *table, i int, in *jixiao.Indicator, r *rowInfo) {
	tg := &in.Target
	c := r.cat()
	switch tg.Kind {
	case jixiao.TargetCompound:
		f := s.add("indicator.compound", Warning, t.rowPath(i)+".target", "一个指标值单元格写了 "+strconv.Itoa(len(tg.Parts))+" 个指标（"+clip(tg.Text, 20)+"），应拆分为 "+strconv.Itoa(len(tg.Parts))+" 行")
		f.Suggestion = splitSuggestion(in, r)
	case jixiao.TargetUnreadable:
		s.add("indicator.unreadable", Warning, t.rowPath(i)+".target", "指标值“"+clip(tg.Text, 20)+"”无法识别："+tg.Problem)
	}
	if c.Quantitative() && !tg.IsQuantitative() && !(tg.Kind == jixiao.TargetPeriod && c == jixiao.CategoryTimeliness) && tg.Kind != jixiao.TargetUnreadable {
		s.add("indicator.no-number", Warning, t.rowPath(i)+".target", c.Label()+"应当量化，但指标值“"+clip(tg.Text, 20)+"”没有数值")
		return
	}
	if tg.Kind != jixiao.TargetQualitative {
		return
	}
	if w := vagueWord(tg.Text); w != "" {
		s.add("indicator.vague", Warning, t.rowPath(i)+".target", "指标值“"+clip(tg.Text, 20)+"”用了“"+w+"”这类模糊的词，无法据以评价是否完成")
		return
	}
	if trimSpace(in.Note) == "" || trimSpace(in.Note) == "/" {
		s.add("indicator.qualitative", Warning, t.rowPath(i)+".target", "定性指标值“"+clip(tg.Text, 20)+"”没有说明评价标准（什么情况算“"+clip(tg.Text, 8)+"”）")
	}
}

// sentenceStats says whether a name holds sentence punctuation (。；;！？!?，,), and how
// long it is in runes. A name of no more than maxNameRunes bytes has no more runes than
// that either, which is all checkName asks of it: its runes are not counted, n is its
// length in bytes.
//
// The punctuation is looked for byte by byte rather than rune by rune: 。 is E3 80 82 and
// the full-width ones EF BC xx, and neither lead byte can be taken into the decoding of
// another rune, so a byte match is a rune match, in any text.
func sentenceStats(name string) (n int, sentence bool) {
	for i := 0; i < len(name) && !sentence; i++ {
		switch name[i] {
		case ';', '!', '?', ',':
			sentence = true
		case 0xE3:
			sentence = strings.HasPrefix(name[i+1:], "\x80\x82") // 。
		case 0xEF:
			if i+2 < len(name) && name[i+1] == 0xBC {
				switch name[i+2] {
				case 0x9B, 0x81, 0x9F, 0x8C: // ；！？，
					sentence = true
				}
			}
		}
	}
	if len(name) <= maxNameRunes {
		return len(name), sentence
	}
	return runeCount(name), sentence
}

// splitSuggestion proposes the rows a compound cell should become: 各类培训8次 → 培训
// ≥8次; a cost 新联会5万 → 新联会 ≤5万元.
func splitSuggestion(in *jixiao.Indicator, r *rowInfo) *Suggestion {
	parts := in.Target.Parts
	sg := &Suggestion{Kind: Split, Text: "拆分为 " + strconv.Itoa(len(parts)) + " 个指标，每行一个：", Split: make([]jixiao.Indicator, 0, len(parts))}
	cost := r.cat().IsCost()
	for k, pt := range parts {
		name := trimSpace(pt.Name)
		for _, p := range []string{"各类", "各项", "各种"} {
			if t := strings.TrimPrefix(name, p); t != name && t != "" {
				name = t
				break
			}
		}
		op := pt.Op
		if op == jixiao.OpNone {
			op = jixiao.OpGE
			if cost {
				op = jixiao.OpLE
			}
		}
		unit := pt.Unit
		if unit == "万" {
			unit = "万元"
		}
		target := string(op) + pt.Value.String() + unit
		sg.Split = append(sg.Split, jixiao.NewIndicator(r.l1Name, r.l2Name, name, target, ""))
		if k > 0 {
			sg.Text += "；"
		}
		sg.Text += name + " " + target
	}
	return sg
}

// checkBoilerplate flags indicators repeated word for word in every table of the plan, and
// the well-known ones that measure spending rather than results.
func (s *state) checkBoilerplate() {
	var reported []string
	isReported := func(n string) bool {
		for _, x := range reported {
			if x == n {
				return true
			}
		}
		return false
	}
	nt := 0
	first := -1 // the first table with indicators
	for ti := range s.tables {
		if len(s.tables[ti].inds) > 0 {
			nt++
			if first < 0 {
				first = ti
			}
		}
	}
	// The rows found in every table: an indicator is everywhere only if the first table
	// has it, so they are looked for once, from that table's rows, rather than for
	// every row of every table. There are seldom any.
	everywhere := s.everywhere[:0]
	if nt >= 2 {
		t0 := &s.tables[first]
		for i := range t0.rows {
			r := &t0.rows[i]
			all := true
			for tj := range s.tables {
				if tj != first && len(s.tables[tj].inds) > 0 && !tableHas(&s.tables[tj], r.name, r.target) {
					all = false
					break
				}
			}
			if all {
				everywhere = append(everywhere, r)
			}
		}
	}
	s.everywhere = everywhere
	for ti := range s.tables {
		t := &s.tables[ti]
		for i := range t.inds {
			in := &t.inds[i]
			r := &t.rows[i]
			name := r.name
			if name == "" || in.Target.Kind == jixiao.TargetNotApplicable || r.cat() == jixiao.CategorySatisfaction || isReported(name) {
				continue
			}
			isEverywhere := false
			for _, e := range everywhere {
				if e.name == name && e.target == r.target {
					isEverywhere = true
					break
				}
			}
			if !isEverywhere && !isBoilerplateName(name) {
				continue
			}
			reported = append(reported, name)
			msg := "“" + name + " " + r.target + "”是套话式指标，只说明钱花了、事做了，没有反映这笔资金的产出"
			if isEverywhere {
				msg = "“" + name + " " + r.target + "”在全部 " + strconv.Itoa(nt) + " 张表中一字不差地重复，是套话式指标，没有反映各项资金各自的产出"
			}
			s.add("indicator.boilerplate", Warning, t.rowPath(i)+".name", msg)
		}
	}
}

// boilerplateLast marks the last bytes of the boilerplate names, so that most names
// (those that end otherwise) are not looked up in the map.
var boilerplateLast = func() (last [256]bool) {
	for n := range boilerplateNames {
		last[n[len(n)-1]] = true
	}
	return last
}()

func isBoilerplateName(name string) bool {
	return name != "" && boilerplateLast[name[len(name)-1]] && boilerplateNames[name]
}

// tableHas reports whether the table has a row with the name and the target (both
// trimmed).
func tableHas(t *table, name, target string) bool {
	for i := range t.rows {
		if t.rows[i].name == name && t.rows[i].target == target {
			return true
		}
	}
	return false
}

// isPlaceholder reports whether a cell says "nothing here" (/, —, 无, 无直接经济效益).
func isPlaceholder(s string) bool {
	switch s {
	case "", "/", "／", "—", "——", "-", "无", "不适用", "不涉及":
		return true
	}
	return strings.HasPrefix(s, "无直接") && utf8.RuneCountInString(s) <= 8
}
