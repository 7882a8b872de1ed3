package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"jixiao"
)

const libraryColumns = `id, key, source, version, doc, updated, updated_by FROM library_entries`

func scanLibrary(sc interface{ Scan(...any) error }) (jixiao.LibraryRecord, error) {
	var r jixiao.LibraryRecord
	var doc []byte
	err := sc.Scan(&r.ID, &r.Key, &r.Source, &r.Version, &doc, at(&r.Updated), &r.UpdatedBy)
	r.Doc = json.RawMessage(doc)
	return r, err
}

// LibrarySnapshot reads the entries, the statistics, the actuals and the stamp in one
// read transaction.
func (db *DB) LibrarySnapshot(ctx context.Context) (*jixiao.LibrarySnapshot, error) {
	s := &jixiao.LibrarySnapshot{Entries: []jixiao.LibraryRecord{}, Stats: map[string]json.RawMessage{}}
	err := db.read(ctx, func(tx tx) error {
		var actuals []byte
		if err := tx.queryRow(ctx, `SELECT stamp, actuals FROM library_state WHERE id = 1`).Scan(&s.Stamp, &actuals); err != nil {
			return fmt.Errorf("read library state: %w", err)
		}
		s.Actuals = json.RawMessage(actuals)
		rows, err := tx.query(ctx, `SELECT `+libraryColumns+` ORDER BY id`)
		if err != nil {
			return fmt.Errorf("list library: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanLibrary(rows)
			if err != nil {
				return fmt.Errorf("list library: %w", err)
			}
			s.Entries = append(s.Entries, r)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list library: %w", err)
		}
		rows.Close()
		st, err := tx.query(ctx, `SELECT key, doc FROM library_stats`)
		if err != nil {
			return fmt.Errorf("list library stats: %w", err)
		}
		defer st.Close()
		for st.Next() {
			var key string
			var doc []byte
			if err := st.Scan(&key, &doc); err != nil {
				return fmt.Errorf("list library stats: %w", err)
			}
			s.Stats[key] = json.RawMessage(doc)
		}
		return st.Err()
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// LibraryStamp reads the library's stamp.
func (db *DB) LibraryStamp(ctx context.Context) (int64, error) {
	var stamp int64
	if err := db.r.QueryRowContext(ctx, `SELECT stamp FROM library_state WHERE id = 1`).Scan(&stamp); err != nil {
		return 0, fmt.Errorf("read library stamp: %w", err)
	}
	return stamp, nil
}

// LibraryEntry reads one entry.
func (db *DB) LibraryEntry(ctx context.Context, id int64) (*jixiao.LibraryRecord, error) {
	var r jixiao.LibraryRecord
	err := db.read(ctx, func(tx tx) error {
		var err error
		r, err = scanLibrary(tx.queryRow(ctx, `SELECT `+libraryColumns+` WHERE id = ?`, id))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "指标库中没有编号为 %d 的指标。", id)
	} else if err != nil {
		return nil, fmt.Errorf("read library entry: %w", err)
	}
	return &r, nil
}

// bumpLibrary moves the library's stamp, under the write transaction.
func bumpLibrary(ctx context.Context, tx tx) error {
	if _, err := tx.exec(ctx, `UPDATE library_state SET stamp = stamp + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("move library stamp: %w", err)
	}
	return nil
}

// SaveLibraryEntries creates or replaces entries in one transaction, each replacement
// under its version check, each save kept as a change with the document before and after.
func (db *DB) SaveLibraryEntries(ctx context.Context, recs []*jixiao.LibraryRecord, action string, info jixiao.SaveInfo) error {
	now := db.stamp()
	err := db.write(ctx, func(tx tx) error {
		for _, r := range recs {
			if !json.Valid(r.Doc) {
				return fmt.Errorf("library entry %q: document is not JSON", r.Key)
			}
			var before []byte
			version := 1
			if r.ID == 0 {
				err := tx.queryRow(ctx, `INSERT INTO library_entries (key, source, version, doc, updated, updated_by)
					VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id`,
					r.Key, r.Source, string(r.Doc), db.t(now), info.Author).Scan(&r.ID)
				if errors.Is(err, sql.ErrNoRows) {
					return jixiao.Errorf(jixiao.ECONFLICT, "指标库中已有同一指标（归并键“%s”），请打开已有的条目修改。", r.Key)
				} else if err != nil {
					return fmt.Errorf("insert library entry: %w", err)
				}
			} else {
				var current int
				err := tx.queryRow(ctx, `SELECT version, doc FROM library_entries WHERE id = ?`+db.d.ForUpdate(""), r.ID).Scan(&current, &before)
				if errors.Is(err, sql.ErrNoRows) {
					return jixiao.Errorf(jixiao.ENOTFOUND, "指标库中没有编号为 %d 的指标。", r.ID)
				} else if err != nil {
					return fmt.Errorf("read library entry: %w", err)
				}
				if current != r.Version {
					return jixiao.Errorf(jixiao.ECONFLICT, "指标（编号 %d）已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新打开后核对再保存。",
						r.ID, r.Version, current)
				}
				version = current + 1
				res, err := tx.exec(ctx, `UPDATE library_entries SET key = ?, source = ?, version = ?, doc = ?, updated = ?, updated_by = ?
					WHERE id = ? AND version = ?`, r.Key, r.Source, version, string(r.Doc), db.t(now), info.Author, r.ID, current)
				if db.d.IsUnique(err) {
					return jixiao.Errorf(jixiao.ECONFLICT, "指标库中已有同一指标（归并键“%s”），不能把编号 %d 的指标改成它。", r.Key, r.ID)
				} else if err != nil {
					return fmt.Errorf("update library entry: %w", err)
				}
				if n, _ := res.RowsAffected(); n != 1 {
					return jixiao.Errorf(jixiao.ECONFLICT, "指标（编号 %d）已被他人修改，请重新打开后核对再保存。", r.ID)
				}
			}
			if _, err := tx.exec(ctx, `INSERT INTO library_changes (entry_id, version, action, actor, reason, created, before, after)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, version, action, info.Author, info.Reason, db.t(now), string(before), string(r.Doc)); err != nil {
				return fmt.Errorf("record library change: %w", err)
			}
			r.Version, r.Updated, r.UpdatedBy = version, now, info.Author
		}
		return bumpLibrary(ctx, tx)
	})
	return err
}

// ReplaceLearnt rebuilds the learnt entries, the statistics and the actuals in one
// transaction; entries of other sources stay as they are.
func (db *DB) ReplaceLearnt(ctx context.Context, recs []*jixiao.LibraryRecord, stats map[string]json.RawMessage, actuals json.RawMessage, info jixiao.SaveInfo) error {
	now := db.stamp()
	if len(actuals) == 0 {
		actuals = json.RawMessage("{}")
	}
	return db.write(ctx, func(tx tx) error {
		type old struct {
			id, version int64
			source      string
			doc         []byte
		}
		existing := map[string]old{}
		rows, err := tx.query(ctx, `SELECT key, id, version, source, doc FROM library_entries`+db.d.ForUpdate(""))
		if err != nil {
			return fmt.Errorf("list library: %w", err)
		}
		for rows.Next() {
			var k string
			var o old
			if err := rows.Scan(&k, &o.id, &o.version, &o.source, &o.doc); err != nil {
				rows.Close()
				return fmt.Errorf("list library: %w", err)
			}
			existing[k] = o
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list library: %w", err)
		}
		learnt := map[string]bool{}
		for _, r := range recs {
			learnt[r.Key] = true
			o, ok := existing[r.Key]
			switch {
			case ok && o.source != r.Source:
				r.ID, r.Version = o.id, int(o.version) // the bureau's own entry: left as it is
			case ok:
				r.ID, r.Version = o.id, int(o.version)
				if sameJSON(o.doc, r.Doc) {
					continue
				}
				r.Version++
				if _, err := tx.exec(ctx, `UPDATE library_entries SET version = ?, doc = ?, updated = ?, updated_by = ? WHERE id = ?`,
					r.Version, string(r.Doc), db.t(now), info.Author, r.ID); err != nil {
					return fmt.Errorf("update learnt entry: %w", err)
				}
			default:
				if err := tx.queryRow(ctx, `INSERT INTO library_entries (key, source, version, doc, updated, updated_by)
					VALUES (?, ?, 1, ?, ?, ?) RETURNING id`, r.Key, r.Source, string(r.Doc), db.t(now), info.Author).Scan(&r.ID); err != nil {
					return fmt.Errorf("insert learnt entry: %w", err)
				}
				r.Version = 1
			}
		}
		for k, o := range existing {
			if o.source == "learnt" && !learnt[k] {
				if _, err := tx.exec(ctx, `DELETE FROM library_entries WHERE id = ?`, o.id); err != nil {
					return fmt.Errorf("remove learnt entry: %w", err)
				}
			}
		}
		if _, err := tx.exec(ctx, `DELETE FROM library_stats`); err != nil {
			return fmt.Errorf("clear library stats: %w", err)
		}
		for k, doc := range stats {
			if _, err := tx.exec(ctx, `INSERT INTO library_stats (key, doc) VALUES (?, ?)`, k, string(doc)); err != nil {
				return fmt.Errorf("insert library stats: %w", err)
			}
		}
		if _, err := tx.exec(ctx, `UPDATE library_state SET actuals = ? WHERE id = 1`, string(actuals)); err != nil {
			return fmt.Errorf("write library actuals: %w", err)
		}
		return bumpLibrary(ctx, tx)
	})
}

// sameJSON reports whether two documents hold the same value (PostgreSQL's jsonb
// rewrites the text it keeps).
func sameJSON(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return bytes.Equal(ja, jb)
}

// LibraryChanges lists an entry's recorded edits, oldest first.
func (db *DB) LibraryChanges(ctx context.Context, id int64) ([]jixiao.LibraryChange, error) {
	out := []jixiao.LibraryChange{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT entry_id, version, action, actor, reason, created, before, after
			FROM library_changes WHERE entry_id = ? ORDER BY id`, id)
		if err != nil {
			return fmt.Errorf("list library changes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c jixiao.LibraryChange
			var before, after string
			if err := rows.Scan(&c.EntryID, &c.Version, &c.Action, &c.Actor, &c.Reason, at(&c.Created), &before, &after); err != nil {
				return fmt.Errorf("list library changes: %w", err)
			}
			if before != "" {
				c.Before = json.RawMessage(before)
			}
			c.After = json.RawMessage(after)
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
