package library

import "sort"

// maxSimilarScan bounds the entries Similar reads: the most used that share the last
// three characters of the name (the index lists them most used first).
const maxSimilarScan = 5000

// Similar returns up to limit learnt entries that may be e written otherwise, most used first,
// for the finance bureau to judge and, if so, to name among e's other wordings
// (Aliases). It looks at the entries whose names end like e's (the same measure: 控制率,
// 到位率, 人数) and keeps those whose normal form holds the other's in order with a few
// more characters (管理人群血压控制率 in 高血压管理人群血压控制率: a population written out), or
// shares nearly all its characters with it. That rule merges things that differ too
// often to be applied on its own (群众满意度 and 受益群众满意度 are two populations), so
// it only proposes.
func (l *Library) Similar(e *Entry, limit int) []*Entry {
	name := []rune(fold(e.Name))
	if len(name) < 3 || limit <= 0 {
		return nil
	}
	a := []rune(l.norm.Normal(e.Name))
	if len(a) < 4 {
		return nil
	}
	ix := l.Index()
	list := ix.triples[[3]rune{name[len(name)-3], name[len(name)-2], name[len(name)-1]}]
	if len(list) > maxSimilarScan {
		list = list[:maxSimilarScan]
	}
	var out []*Entry
	for _, id := range list {
		o := ix.entries[id]
		if o == e || o.Source != SourceLearnt || o.Key == e.Key || l.alias[o.Key] == e.Key {
			continue
		}
		if near(a, []rune(l.norm.Normal(o.Name))) {
			out = append(out, o)
			if len(out) == limit {
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Uses() > out[j].Uses() })
	return out
}

// near says whether two normal forms of four characters or more end alike and one holds
// the other in order with at most six more characters, or they share at least three in
// four of the longer one's characters.
func near(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 4 || a[len(a)-1] != b[len(b)-1] {
		return false
	}
	if len(b)-len(a) <= 6 && subsequence(a, b) {
		return true
	}
	return 4*common(a, b) >= 3*len(b)
}

func subsequence(s, in []rune) bool {
	i := 0
	for _, r := range in {
		if i < len(s) && s[i] == r {
			i++
		}
	}
	return i == len(s)
}

// common counts the characters a and b share, each as often as both hold it.
func common(a, b []rune) int {
	n := map[rune]int{}
	for _, r := range a {
		n[r]++
	}
	c := 0
	for _, r := range b {
		if n[r] > 0 {
			n[r]--
			c++
		}
	}
	return c
}
