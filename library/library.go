package library

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"jixiao"
)

// Source says where a library entry comes from.
type Source string

// Sources of entries.
const (
	SourceStandard Source = "standard" // a published 共性指标 / 分行业分领域 framework
	SourceBureau   Source = "bureau"   // the finance bureau's own list
	SourceLearnt   Source = "learnt"   // learnt from the region's plans
)

// Label is the Chinese name of a source.
func (s Source) Label() string {
	switch s {
	case SourceStandard:
		return "标准"
	case SourceBureau:
		return "财政局"
	case SourceLearnt:
		return "学习所得"
	}
	return string(s)
}

// ParseSource reads a source written in English or Chinese.
func ParseSource(s string) (Source, bool) {
	for _, v := range []Source{SourceStandard, SourceBureau, SourceLearnt} {
		if s == string(v) || s == v.Label() {
			return v, true
		}
	}
	return "", false
}

// Entry is one indicator of the library (指标库): a 三级指标 with its place in the
// framework, field, usual unit and operator, and what was learnt about it.
type Entry struct {
	Key         string    `json:"key"`    // grouping key (Normalizer.Key of Name)
	Level1      string    `json:"level1"` // 一级指标
	Level2      string    `json:"level2"` // 二级指标
	Name        string    `json:"name"`   // 三级指标, the most used wording
	Field       string    `json:"field,omitempty"`
	Unit        string    `json:"unit,omitempty"` // 计量单位
	Op          jixiao.Op `json:"op,omitempty"`
	Explanation string    `json:"explanation,omitempty"` // 指标解释
	Scoring     string    `json:"scoring,omitempty"`     // 评分标准
	Source      Source    `json:"source"`
	Common      bool      `json:"common,omitempty"` // 共性指标
	// Aliases are other wordings the finance bureau has said are this indicator (其他写法),
	// beyond what the normaliser groups: their names count, are suggested and are warned
	// as this entry.
	Aliases []string `json:"aliases,omitempty"`
	Stats   *Stats   `json:"stats,omitempty"` // learnt from plans; nil for an entry never seen in one

	ID      int64 `json:"-"` // the store's entry ID (0: not stored)
	Version int   `json:"-"` // the stored version it was read at
}

// Uses is the number of units whose plans use the entry.
func (e *Entry) Uses() int {
	if e.Stats == nil {
		return 0
	}
	return e.Stats.Uses
}

// Field is one 领域/行业 and the words of a department's name that place it there.
type Field struct {
	Name  string   `json:"name"`
	Words []string `json:"words"`
}

//go:embed fields.json
var fieldsJSON []byte

// DefaultFields returns the embedded list of fields.
func DefaultFields() []Field {
	f, err := LoadFields(strings.NewReader(string(fieldsJSON)))
	if err != nil {
		panic("library: fields.json: " + err.Error())
	}
	return f
}

// LoadFields reads a list of fields in the form of fields.json.
func LoadFields(r io.Reader) ([]Field, error) {
	var doc struct {
		Fields []Field `json:"fields"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read fields: %w", err)
	}
	return doc.Fields, nil
}

// FieldOf places a department (or project) name in a field; "" when no word matches.
func FieldOf(fields []Field, names ...string) string {
	for _, name := range names {
		for _, f := range fields {
			for _, w := range f.Words {
				if strings.Contains(name, w) {
					return f.Name
				}
			}
		}
	}
	return ""
}

// Library is the set of entries, one per group of names, with the normaliser that
// groups them and the suggestion index. Suggest and Check may run concurrently with
// each other; Add, Learn and Apply may not run concurrently with anything.
type Library struct {
	Fields  []Field  `json:"fields"`
	Entries []*Entry `json:"entries"`

	// Actuals are last year's actuals by department and indicator key, from
	// self-evaluations (see ObserveSelfEvaluation).
	Actuals map[string]Actual `json:"actuals,omitempty"`

	norm  *Normalizer
	byKey map[string]*Entry
	alias map[string]string // the key of an alias → the key of its entry
	mu    sync.Mutex        // guards index: Suggest may run from many requests at once
	index *Index
}

// Actual is one department's actual value (实际完成值) of an indicator in a year.
type Actual struct {
	Year  int     `json:"year"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"`
	Text  string  `json:"text"`
}

// New returns an empty library with the default vocabulary and fields.
func New() *Library {
	return &Library{Fields: DefaultFields(), norm: NewNormalizer(nil), byKey: map[string]*Entry{}, alias: map[string]string{}}
}

// Key is the grouping key of name in this library: the normaliser's, or the key of the
// entry that names it among its aliases.
func (l *Library) Key(name string) string {
	k := l.norm.Key(name)
	if to, ok := l.alias[k]; ok {
		return to
	}
	return k
}

// link records e's aliases; an alias already claimed by another entry, or that is
// another non-learnt entry's own key, stays with that entry.
func (l *Library) link(e *Entry) {
	for _, a := range e.Aliases {
		k := l.norm.Key(a)
		if k == "" || k == e.Key {
			continue
		}
		if _, ok := l.alias[k]; ok {
			continue
		}
		if own := l.byKey[k]; own != nil && own.Source != SourceLearnt {
			continue
		}
		l.alias[k] = e.Key
	}
}

// AliasOwner returns the entry other than e whose own key, or one of whose aliases,
// is the key of name: the finance bureau's alias must not take another entry's words.
func (l *Library) AliasOwner(e *Entry, name string) *Entry {
	k := l.norm.Key(name)
	if to, ok := l.alias[k]; ok && to != e.Key {
		return l.byKey[to]
	}
	if own := l.byKey[k]; own != nil && own != e && own.Source != SourceLearnt {
		return own
	}
	return nil
}

// dropSuperseded removes the learnt entries that other entries name among their
// aliases (see superseded): learning again leaves them out of the store.
func (l *Library) dropSuperseded() {
	kept := l.Entries[:0]
	for _, e := range l.Entries {
		if l.superseded(e) {
			if l.byKey[e.Key] == e {
				delete(l.byKey, e.Key)
			}
			continue
		}
		kept = append(kept, e)
	}
	clear(l.Entries[len(kept):])
	l.Entries = kept
	l.index = nil
}

// superseded says whether e is a learnt entry whose key another entry names among its
// aliases: its names count as that entry's now.
func (l *Library) superseded(e *Entry) bool {
	to, ok := l.alias[e.Key]
	return ok && to != e.Key && e.Source == SourceLearnt
}

// Normalizer returns the library's normaliser.
func (l *Library) Normalizer() *Normalizer { return l.norm }

// Entry returns the entry the name belongs to, or nil.
func (l *Library) Entry(name string) *Entry { return l.byKey[l.Key(name)] }

// Add adds e, or merges it into the entry of the same key: the fields an entry
// already has are kept and empty ones filled from e, except that a standard or bureau
// entry's words replace a learnt entry's. It returns the entry kept.
func (l *Library) Add(e *Entry) *Entry {
	if e.Key == "" {
		e.Key = l.norm.Key(e.Name)
	}
	old, ok := l.byKey[e.Key]
	if !ok {
		l.Entries = append(l.Entries, e)
		l.byKey[e.Key] = e
		l.link(e)
		l.index = nil
		return e
	}
	// A standard or bureau entry's words replace learnt ones; otherwise the entry kept
	// only gains what it lacks.
	override := old.Source == SourceLearnt && e.Source != SourceLearnt
	fill := func(dst *string, src string) {
		if *dst == "" || (override && src != "") {
			*dst = src
		}
	}
	fill(&old.Name, e.Name)
	fill(&old.Level1, e.Level1)
	fill(&old.Level2, e.Level2)
	fill(&old.Field, e.Field)
	fill(&old.Unit, e.Unit)
	fill(&old.Explanation, e.Explanation)
	fill(&old.Scoring, e.Scoring)
	if old.Op == jixiao.OpNone || (override && e.Op != jixiao.OpNone) {
		old.Op = e.Op
	}
	old.Common = old.Common || e.Common
	if old.Source == SourceLearnt && e.Source != SourceLearnt {
		old.Source = e.Source
	}
	if e.Stats != nil && old.Stats == nil {
		old.Stats = e.Stats
	}
	for _, a := range e.Aliases {
		if !slices.Contains(old.Aliases, a) {
			old.Aliases = append(old.Aliases, a)
		}
	}
	l.link(old)
	l.index = nil
	return old
}

// Save writes the library as JSON.
func (l *Library) Save(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(l); err != nil {
		return fmt.Errorf("write library: %w", err)
	}
	return nil
}

// Load reads a library written by Save.
func Load(r io.Reader) (*Library, error) {
	l := New()
	var doc Library
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "指标库文件不是有效的 JSON。")
	}
	if len(doc.Fields) > 0 {
		l.Fields = doc.Fields
	}
	l.Actuals = doc.Actuals
	for _, e := range doc.Entries {
		e.Key = ""
		l.Add(e)
	}
	return l, nil
}

// sortEntries orders the entries by uses, most used first, then by name.
func (l *Library) sortEntries() {
	sort.SliceStable(l.Entries, func(i, j int) bool {
		a, b := l.Entries[i], l.Entries[j]
		if a.Uses() != b.Uses() {
			return a.Uses() > b.Uses()
		}
		return a.Name < b.Name
	})
}
