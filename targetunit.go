package jixiao

import (
	"strings"
	"unicode"
)

// The 度量单位 of a numeric 指标值: the spellings folded into one form and the rule that
// tells a unit (元/人, 个, km2) from the rest of a sentence (ParseTarget, readNumeric).

// unitAliases maps unit spellings to one form.
var unitAliases = map[string]string{
	"百分比": "%", "％": "%", "个百分点": "百分点", "‰": "‰", "元／人": "元/人", "万元／人": "万元/人",
	"人／次": "人/次", "次／年": "次/年",
}

// knownUnits are the 度量单位 seen in real tables (standards.md §1.2) and the common
// Chinese measure words.
var knownUnits = map[string]bool{
	"%": true, "‰": true, "元": true, "万元": true, "亿元": true, "千元": true, "百元": true,
	"万": true, "亿": true, "千": true, "个": true, "次": true, "人": true, "人次": true,
	"万人次": true, "万人": true, "千人": true, "户": true, "户次": true, "家": true, "所": true,
	"台": true, "台套": true, "套": true, "件": true, "件次": true, "项": true, "项次": true,
	"场": true, "场次": true, "期": true, "期次": true, "篇": true, "份": true, "本": true,
	"册": true, "部": true, "辆": true, "座": true, "处": true, "条": true, "张": true, "批": true,
	"名": true, "位": true, "天": true, "日": true, "月": true, "年": true, "季度": true, "周": true,
	"小时": true, "分钟": true, "秒": true, "分": true, "点": true, "平方米": true, "平米": true,
	"米": true, "公里": true, "千米": true, "亩": true, "万亩": true, "公顷": true, "吨": true,
	"万平方米": true, "万平米": true, "平方公里": true, "万公顷": true, "千公顷": true,
	"万吨": true, "千克": true, "公斤": true, "克": true, "立方米": true, "万立方米": true,
	"学时": true, "课时": true, "栋": true, "间": true, "床": true, "张床": true, "棵": true,
	"株": true, "万株": true, "头": true, "只": true, "箱": true, "袋": true, "盏": true, "块": true,
	"根": true, "台次": true, "架次": true, "车次": true, "人日": true, "工日": true,
	"个次": true, "工作日": true, "个工作日": true, "个月": true, "百分点": true, "分贝": true,
	"度": true, "千瓦": true, "千瓦时": true, "万千瓦时": true, "兆瓦": true, "班": true,
	"组": true, "支": true, "队": true, "村": true, "个村": true, "镇": true, "校": true, "口": true,
	"眼": true, "宗": true, "起": true, "例": true, "卷": true, "盒": true, "瓶": true, "副": true,
	"对": true, "双": true, "片": true, "段": true, "层": true, "级": true, "倍": true, "岁": true,
	"斤": true, "万斤": true, "轮": true, "趟": true, "版": true, "门": true, "节": true, "课": true,
	"人/次": true, "人/年": true, "次/年": true, "元/人": true, "万元/人": true,
}

// readUnit accepts the rest after a number as its unit when it is one: empty, a known
// unit, a ratio of units (元/人, 次/年, 元/人·年), Latin unit letters (M, GB, km2), or a
// short unknown measure word of at most two characters. A longer text is a sentence,
// not a unit (1个省级民族团结创建示范点).
func readUnit(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if a, ok := unitAliases[s]; ok {
		return a, true
	}
	if knownUnits[s] {
		return s, true
	}
	if i := strings.IndexAny(s, "/／"); i > 0 {
		size := 1
		if s[i] != '/' {
			size = len("／")
		}
		a, b := s[:i], s[i+size:]
		if unitPart(a) && unitPart(strings.TrimSuffix(b, "·年")) {
			if size != 1 {
				return a + "/" + b, true
			}
			return s, true
		}
		return "", false
	}
	if latinUnit(s) {
		return s, true
	}
	return s, shortWord(s)
}

func unitPart(s string) bool {
	return knownUnits[s] || latinUnit(s) || shortWord(s)
}

// latinUnit reports whether s is a unit in Latin letters: M, GB, km, km2, m³, Mbps.
func latinUnit(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '²' || r == '³'):
		default:
			return false
		}
	}
	return true
}

// shortWord reports whether s is one or two CJK characters: an unknown measure word.
func shortWord(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if n > 2 || !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return n > 0
}
