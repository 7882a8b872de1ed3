package library

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Index finds entries by any part of their names. Entries are numbered in the
// library's order (most used first); every pair of adjacent characters (and every
// single character) of an entry's names lists the entries that hold it, in that order.
// A query walks the shortest list of its pairs and checks each entry, so it stops as
// soon as it has enough matches among the most used.
type Index struct {
	entries []*Entry
	text    []string // folded names and variants, "\x00"-separated
	pairs   map[[2]rune][]int32
	singles map[rune][]int32
}

// NewIndex indexes entries in the order given.
func NewIndex(entries []*Entry) *Index {
	ix := &Index{entries: entries, text: make([]string, len(entries)),
		pairs: map[[2]rune][]int32{}, singles: map[rune][]int32{}}
	seenP := map[[2]rune]bool{}
	seenS := map[rune]bool{}
	for i, e := range entries {
		t := searchText(e)
		ix.text[i] = t
		clear(seenP)
		clear(seenS)
		var prev rune
		for j, r := range t {
			if r == 0 {
				prev = 0
				continue
			}
			if !seenS[r] {
				seenS[r] = true
				ix.singles[r] = append(ix.singles[r], int32(i))
			}
			if j > 0 && prev != 0 {
				p := [2]rune{prev, r}
				if !seenP[p] {
					seenP[p] = true
					ix.pairs[p] = append(ix.pairs[p], int32(i))
				}
			}
			prev = r
		}
	}
	return ix
}

func searchText(e *Entry) string {
	parts := []string{fold(e.Name)}
	if e.Stats != nil {
		for _, v := range e.Stats.Variants {
			if f := fold(v); f != parts[0] {
				parts = append(parts, f)
			}
		}
	}
	return strings.Join(parts, "\x00")
}

// Query is what the user typed in the 三级指标 cell, and where.
type Query struct {
	Text       string // any part of the name
	Field      string // 领域; with OnlyField, a filter; else entries of the field rank first
	OnlyField  bool
	Department string // the plan's department: its field (FieldOf) ranks first when Field is empty
	Limit      int    // 10 when 0
}

// Suggestion is one ranked entry with what the form fills in.
type Suggestion struct {
	Entry *Entry `json:"entry"`
	// Range is the typical range of targets (p25–p75 of similar units), in Entry.Unit.
	Range  string `json:"range,omitempty"`
	Prefix bool   `json:"prefix"` // the name starts with the query
}

// candidates is how many matches, in order of use, are re-ranked per wanted result.
const candidates = 2

// Search returns the entries whose names hold q.Text, ranked: names that start with
// it, then entries of the field, then by uses. It leaves Range empty (Library.Suggest
// writes it for the few it returns).
func (ix *Index) Search(q Query, field string) []Suggestion {
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	needle := fold(q.Text)
	if needle == "" {
		return nil
	}
	list := ix.postings(needle)
	// A list of one character or one pair is exactly the entries that hold it.
	exact := len([]rune(needle)) <= 2
	found := make([]int32, 0, limit*candidates)
	for _, id := range list {
		e := ix.entries[id]
		if q.OnlyField && e.Field != q.Field {
			continue
		}
		if !exact && !strings.Contains(ix.text[id], needle) {
			continue
		}
		found = append(found, id)
		if len(found) >= limit*candidates {
			break
		}
	}
	out := make([]Suggestion, len(found))
	for i, id := range found {
		e := ix.entries[id]
		out[i] = Suggestion{Entry: e, Prefix: strings.HasPrefix(ix.text[id], needle)}
	}
	rank := func(s Suggestion) int {
		r := 0
		if s.Prefix {
			r += 2
		}
		if field != "" && s.Entry.Field == field {
			r++
		}
		return r
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int { return rank(b) - rank(a) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// postings returns the shortest list among the needle's character pairs (or its one
// character's list), nil when some pair occurs nowhere.
func (ix *Index) postings(needle string) []int32 {
	r := []rune(needle)
	if len(r) == 1 {
		return ix.singles[r[0]]
	}
	var best []int32
	for i := 1; i < len(r); i++ {
		l, ok := ix.pairs[[2]rune{r[i-1], r[i]}]
		if !ok {
			return nil
		}
		if best == nil || len(l) < len(best) {
			best = l
		}
	}
	return best
}

// RangeText is the typical range of an entry's targets in words ("" without one).
func RangeText(e *Entry) string { return rangeText(e) }

func rangeText(e *Entry) string {
	if e.Stats == nil || e.Stats.Targets.N == 0 {
		return ""
	}
	d := e.Stats.Targets
	return fmt.Sprintf("%s–%s%s（中位数 %s，%d 个单位）", num(d.P25), num(d.P75), e.Unit, num(d.Median), e.Stats.Uses)
}

// num writes a statistic without trailing zeros.
func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// Index returns the suggestion index of the library, built on first use.
func (l *Library) Index() *Index {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.index == nil {
		l.index = NewIndex(l.Entries)
	}
	return l.index
}

// Suggest returns the entries for what the user typed (see Query).
func (l *Library) Suggest(q Query) []Suggestion {
	ix := l.Index()
	field := q.Field
	if field == "" && q.Department != "" {
		field = FieldOf(l.Fields, q.Department)
	}
	out := ix.Search(q, field)
	for i := range out {
		out[i].Range = rangeText(out[i].Entry)
	}
	return out
}

// PrefixIndex is the plain baseline: names sorted, a binary search for the prefix.
type PrefixIndex struct {
	names   []string
	entries []*Entry
}

// NewPrefixIndex sorts the entries' names.
func NewPrefixIndex(entries []*Entry) *PrefixIndex {
	p := &PrefixIndex{entries: append([]*Entry(nil), entries...)}
	sort.Slice(p.entries, func(i, j int) bool { return p.entries[i].Name < p.entries[j].Name })
	p.names = make([]string, len(p.entries))
	for i, e := range p.entries {
		p.names[i] = e.Name
	}
	return p
}

// Search returns up to limit entries whose names start with prefix, in name order.
func (p *PrefixIndex) Search(prefix string, limit int) []*Entry {
	i := sort.SearchStrings(p.names, prefix)
	var out []*Entry
	for ; i < len(p.names) && len(out) < limit && strings.HasPrefix(p.names[i], prefix); i++ {
		out = append(out, p.entries[i])
	}
	return out
}
