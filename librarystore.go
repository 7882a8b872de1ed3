package jixiao

import (
	"context"
	"encoding/json"
	"time"
)

// LibraryRecord is one stored entry of the indicator library (指标库). The store keeps
// the entry's words as a document (Doc, the JSON of library.Entry without its learnt
// statistics) beside the columns it needs to find, check and version it.
type LibraryRecord struct {
	ID        int64           `json:"id"`
	Key       string          `json:"key"`    // grouping key, unique
	Source    string          `json:"source"` // standard, bureau or learnt
	Version   int             `json:"version"`
	Doc       json.RawMessage `json:"doc"`
	Updated   time.Time       `json:"updated"`
	UpdatedBy string          `json:"updatedBy"`
}

// LibrarySnapshot is the whole library as one read saw it: the entries, the learnt
// statistics by key, the departments' last actuals, and the stamp that changes with
// every change to any of them (an in-memory index is rebuilt when the stamp moves).
type LibrarySnapshot struct {
	Stamp   int64                      `json:"stamp"`
	Entries []LibraryRecord            `json:"entries"`
	Stats   map[string]json.RawMessage `json:"stats"`
	Actuals json.RawMessage            `json:"actuals"`
}

// LibraryChange is one recorded edit of an entry: who, when, and the document before
// and after (Before empty for a new entry).
type LibraryChange struct {
	EntryID int64           `json:"entryId"`
	Version int             `json:"version"` // the version the change created
	Action  string          `json:"action"`  // create, update or import
	Actor   string          `json:"actor"`
	Reason  string          `json:"reason"`
	Created time.Time       `json:"created"`
	Before  json.RawMessage `json:"before,omitempty"`
	After   json.RawMessage `json:"after"`
}

// LibraryService keeps the indicator library: entries under a version check, every
// edit recorded with its before and after, and what was learnt from the plans.
type LibraryService interface {
	// LibrarySnapshot reads the whole library in one consistent read.
	LibrarySnapshot(ctx context.Context) (*LibrarySnapshot, error)
	// LibraryStamp is the library's stamp: it moves with every change.
	LibraryStamp(ctx context.Context) (int64, error)
	LibraryEntry(ctx context.Context, id int64) (*LibraryRecord, error)
	// SaveLibraryEntries saves recs in one transaction, all or nothing: a record with
	// ID 0 is created (ECONFLICT when its key is taken), one with an ID replaces that
	// entry if it is still at r.Version (ECONFLICT when stale, ENOTFOUND when gone).
	// Each save records a LibraryChange with action (create/update/import) and sets
	// r.ID, r.Version, r.Updated, r.UpdatedBy.
	SaveLibraryEntries(ctx context.Context, recs []*LibraryRecord, action string, info SaveInfo) error
	// ReplaceLearnt rebuilds what was learnt, in one transaction: the learnt entries
	// become recs (kept by key, changed ones a new version, ones no longer learnt
	// removed), the statistics and actuals are replaced. Entries of another source (the
	// bureau's own, the standards) are not touched; a learnt record whose key belongs to
	// one is skipped.
	ReplaceLearnt(ctx context.Context, recs []*LibraryRecord, stats map[string]json.RawMessage, actuals json.RawMessage, info SaveInfo) error
	// LibraryChanges lists the recorded edits of an entry, oldest first.
	LibraryChanges(ctx context.Context, id int64) ([]LibraryChange, error)
}
