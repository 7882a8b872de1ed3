package library

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"jixiao"
)

// FromSnapshot builds a library from what the store keeps.
func FromSnapshot(s *jixiao.LibrarySnapshot) (*Library, error) {
	l := New()
	if len(s.Actuals) > 0 {
		if err := json.Unmarshal(s.Actuals, &l.Actuals); err != nil {
			return nil, fmt.Errorf("decode library actuals: %w", err)
		}
	}
	for _, r := range s.Entries {
		e := &Entry{}
		if err := json.Unmarshal(r.Doc, e); err != nil {
			return nil, fmt.Errorf("decode library entry %d: %w", r.ID, err)
		}
		e.Key, e.Source, e.ID, e.Version = r.Key, Source(r.Source), r.ID, r.Version
		if doc, ok := s.Stats[r.Key]; ok {
			e.Stats = &Stats{}
			if err := json.Unmarshal(doc, e.Stats); err != nil {
				return nil, fmt.Errorf("decode library stats %q: %w", r.Key, err)
			}
		}
		l.Entries = append(l.Entries, e)
		l.byKey[e.Key] = e
	}
	for _, e := range l.Entries {
		l.link(e)
	}
	l.dropSuperseded()
	l.sortEntries()
	return l, nil
}

// Record is the stored form of e: its words without the learnt statistics, at the
// version it was read.
func Record(e *Entry) (*jixiao.LibraryRecord, error) {
	c := *e
	c.Stats = nil
	doc, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("encode library entry: %w", err)
	}
	return &jixiao.LibraryRecord{ID: e.ID, Key: e.Key, Source: string(e.Source), Version: e.Version, Doc: doc}, nil
}

// Open reads the library from the store.
func Open(ctx context.Context, s jixiao.LibraryService) (*Library, error) {
	snap, err := s.LibrarySnapshot(ctx)
	if err != nil {
		return nil, err
	}
	return FromSnapshot(snap)
}

// ImportInto merges imported entries into l (a library just read from the store, by
// Add's rules) and saves every entry they create or change in one transaction, each
// under the version it was read at: all or nothing. It returns how many entries were
// created and changed.
func ImportInto(ctx context.Context, s jixiao.LibraryService, l *Library, entries []*Entry, info jixiao.SaveInfo) (added, changed int, err error) {
	var touched []*Entry
	seen := map[*Entry]bool{}
	before := map[*Entry]string{} // the stored words of the entries the rows fall on
	for _, en := range entries {
		if en.Key == "" {
			en.Key = l.Key(en.Name) // a row in an entry's other wording falls on the entry
		}
		if old := l.byKey[en.Key]; old != nil {
			if _, ok := before[old]; !ok {
				r, err := Record(old)
				if err != nil {
					return 0, 0, err
				}
				before[old] = string(r.Doc)
			}
		}
		kept := l.Add(en)
		for _, a := range en.Aliases {
			if o := l.AliasOwner(kept, a); o != nil {
				return 0, 0, jixiao.Errorf(jixiao.EINVALID, "指标“%s”的其他写法“%s”已是指标库中另一条指标“%s”的名称或其他写法，未导入任何内容。", kept.Name, a, o.Name)
			}
		}
		if _, ok := before[kept]; !ok {
			before[kept] = ""
		}
		if !seen[kept] {
			seen[kept] = true
			touched = append(touched, kept)
		}
	}
	recs := make([]*jixiao.LibraryRecord, 0, len(touched))
	kept := touched[:0]
	for _, e := range touched {
		r, err := Record(e)
		if err != nil {
			return 0, 0, err
		}
		if r.ID != 0 && string(r.Doc) == before[e] {
			continue // the row says what the entry already says: no new version
		}
		kept = append(kept, e)
		if r.ID == 0 {
			added++
		} else {
			changed++
		}
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return 0, 0, nil
	}
	if err := s.SaveLibraryEntries(ctx, recs, "import", info); err != nil {
		return 0, 0, err
	}
	for i, e := range kept {
		e.ID, e.Version = recs[i].ID, recs[i].Version
	}
	return added, changed, nil
}

// SaveLearnt writes what lr learnt into the store in one transaction: the learnt
// entries, every entry's statistics and the actuals; the bureau's and the standards'
// entries keep their words. l is the library read from the store before learning.
func SaveLearnt(ctx context.Context, s jixiao.LibraryService, l *Library, lr *Learner, info jixiao.SaveInfo) error {
	lr.Apply(l)
	var recs []*jixiao.LibraryRecord
	stats := map[string]json.RawMessage{}
	for _, e := range l.Entries {
		if e.Stats != nil {
			b, err := json.Marshal(e.Stats)
			if err != nil {
				return fmt.Errorf("encode library stats: %w", err)
			}
			stats[e.Key] = b
		}
		if e.Source != SourceLearnt {
			continue
		}
		r, err := Record(e)
		if err != nil {
			return err
		}
		recs = append(recs, r)
	}
	actuals, err := json.Marshal(l.Actuals)
	if err != nil {
		return fmt.Errorf("encode library actuals: %w", err)
	}
	if err := s.ReplaceLearnt(ctx, recs, stats, actuals, info); err != nil {
		return err
	}
	for _, r := range recs {
		if e := l.byKey[r.Key]; e != nil {
			e.ID, e.Version = r.ID, r.Version
		}
	}
	return nil
}

// Cache keeps the library read from a store, with its suggestion index, and reads it
// again when the store's stamp has moved (an edit, an import, a learn). Safe for
// concurrent use.
type Cache struct {
	s     jixiao.LibraryService
	mu    sync.Mutex
	stamp int64
	lib   *Library
}

// NewCache returns a cache of the library of s.
func NewCache(s jixiao.LibraryService) *Cache { return &Cache{s: s} }

// Library returns the current library: the one in memory while the stamp is the same,
// otherwise read again (and its index built again on the next suggestion).
func (c *Cache) Library(ctx context.Context) (*Library, error) {
	l, _, err := c.Current(ctx)
	return l, err
}

// Current is Library with the store's stamp of the library it returns: pages that show
// what the library says can name the stamp in their cache keys.
func (c *Cache) Current(ctx context.Context) (*Library, int64, error) {
	stamp, err := c.s.LibraryStamp(ctx)
	if err != nil {
		return nil, 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lib != nil && stamp == c.stamp {
		return c.lib, c.stamp, nil
	}
	snap, err := c.s.LibrarySnapshot(ctx)
	if err != nil {
		return nil, 0, err
	}
	l, err := FromSnapshot(snap)
	if err != nil {
		return nil, 0, err
	}
	l.Index() // built once here, not by the first suggestion
	c.lib, c.stamp = l, snap.Stamp
	return l, c.stamp, nil
}
