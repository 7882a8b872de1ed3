package library

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Index finds entries by any part of their names. Entries are numbered in the
// library's order (most used first); every run of three adjacent characters, every
// pair and every single character of an entry's names lists the entries that hold it,
// in that order. A query walks the shortest list of its runs of three (of its pair, or
// its character, when shorter) and checks each entry, so it stops as soon as it has
// enough matches among the most used. Runs of three, not pairs, keep that walk short
// when the query's pairs are common but the whole rare (街道路灯: 路灯 is in every
// district's lamps, 道路灯 nearly only in 街道路灯).
type Index struct {
	entries []*Entry
	text    []string // folded names and variants, "\x00"-separated
	triples map[[3]rune][]int32
	pairs   map[[2]rune][]int32
	singles map[rune][]int32
}

// NewIndex indexes entries in the order given.
func NewIndex(entries []*Entry) *Index {
	ix := &Index{entries: entries, text: make([]string, len(entries)),
		triples: map[[3]rune][]int32{}, pairs: map[[2]rune][]int32{}, singles: map[rune][]int32{}}
	seenT := map[[3]rune]bool{}
	seenP := map[[2]rune]bool{}
	seenS := map[rune]bool{}
	for i, e := range entries {
		t := searchText(e)
		ix.text[i] = t
		clear(seenT)
		clear(seenP)
		clear(seenS)
		var prev2, prev rune
		for j, r := range t {
			if r == 0 {
				prev2, prev = 0, 0
				continue
			}
			if prev2 != 0 {
				t3 := [3]rune{prev2, prev, r}
				if !seenT[t3] {
					seenT[t3] = true
					ix.triples[t3] = append(ix.triples[t3], int32(i))
				}
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
			prev2, prev = prev, r
		}
	}
	return ix
}

func searchText(e *Entry) string {
	parts := []string{fold(e.Name)}
	for _, a := range e.Aliases {
		if f := fold(a); f != parts[0] {
			parts = append(parts, f)
		}
	}
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
	// A list of one character, one pair or one run of three is exactly the entries
	// that hold it.
	exact := utf8.RuneCountInString(needle) <= 3
	// The matches, in order of use, with their rank (2 for a prefix, 1 for the field);
	// emitting them rank by rank from the top is the stable sort by rank, without sorting.
	var idBuf [64]int32
	var rankBuf [64]uint8
	found, ranks := idBuf[:0], rankBuf[:0]
	for _, id := range list {
		e := ix.entries[id]
		if q.OnlyField && e.Field != q.Field {
			continue
		}
		t := ix.text[id]
		if !exact && !strings.Contains(t, needle) {
			continue
		}
		var r uint8
		if strings.HasPrefix(t, needle) {
			r += 2
		}
		if field != "" && e.Field == field {
			r++
		}
		found, ranks = append(found, id), append(ranks, r)
		if len(found) >= limit*candidates {
			break
		}
	}
	out := make([]Suggestion, 0, min(len(found), limit))
	for r := 3; r >= 0 && len(out) < limit; r-- {
		for i, id := range found {
			if ranks[i] != uint8(r) {
				continue
			}
			if len(out) == limit {
				break
			}
			out = append(out, Suggestion{Entry: ix.entries[id], Prefix: r >= 2})
		}
	}
	return out
}

// postings returns the shortest list among the needle's runs of three characters (its
// pair, or its one character, when it is shorter), nil when some run occurs nowhere.
func (ix *Index) postings(needle string) []int32 {
	r := []rune(needle)
	switch len(r) {
	case 1:
		return ix.singles[r[0]]
	case 2:
		return ix.pairs[[2]rune{r[0], r[1]}]
	}
	var best []int32
	for i := 2; i < len(r); i++ {
		l, ok := ix.triples[[3]rune{r[i-2], r[i-1], r[i]}]
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
