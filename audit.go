package jixiao

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// AuditEntry is one line of the audit log (审计日志): every sign-in (success and failure),
// every change, every workflow transition and every export. Entries are hash-chained: each
// entry's Hash covers its own fields and the previous entry's Hash, so altering or
// deleting any row breaks the chain from that row on (GB/T 22239-2019 level 3 asks that
// audit records be protected against alteration and deletion).
type AuditEntry struct {
	Seq      int64     `json:"seq"` // 1, 2, 3, … without gaps
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"` // username, or "" for an anonymous attempt
	ActorID  int64     `json:"actorId"`
	Action   string    `json:"action"` // e.g. signin, signin_failed, plan_update, submit, export
	Object   string    `json:"object"` // e.g. plan:12, user:3
	Detail   string    `json:"detail"`
	Addr     string    `json:"addr"`    // client address
	Outcome  string    `json:"outcome"` // ok, denied, failed
	PrevHash string    `json:"prevHash"`
	Hash     string    `json:"hash"`
}

// ComputeHash returns the SHA-256 over the entry's fields and PrevHash. Time is hashed in
// UTC at microsecond precision, which both stores keep exactly.
func (e *AuditEntry) ComputeHash() string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field(strconv.FormatInt(e.Seq, 10))
	field(e.Time.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano))
	field(e.Actor)
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.Action)
	field(e.Object)
	field(e.Detail)
	field(e.Addr)
	field(e.Outcome)
	field(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditVerifier checks a chain entry by entry, in Seq order.
type AuditVerifier struct {
	prev string
	seq  int64
}

// Next checks the next entry; it returns an error in Chinese naming the entry when the
// chain is broken there (a gap in Seq means a deleted row).
func (v *AuditVerifier) Next(e *AuditEntry) error {
	if e.Seq != v.seq+1 {
		return Errorf(EINVALID, "审计日志在第 %d 条处断开：缺少第 %d 条（记录被删除）。", v.seq+1, v.seq+1)
	}
	if e.PrevHash != v.prev {
		return Errorf(EINVALID, "审计日志第 %d 条的前序散列与第 %d 条不符（记录被篡改或删除）。", e.Seq, v.seq)
	}
	if e.ComputeHash() != e.Hash {
		return Errorf(EINVALID, "审计日志第 %d 条的散列不符（该记录被篡改）。", e.Seq)
	}
	v.prev, v.seq = e.Hash, e.Seq
	return nil
}

// Count returns how many entries were verified.
func (v *AuditVerifier) Count() int64 { return v.seq }

// AuditFilter selects audit entries for reading.
type AuditFilter struct {
	Actor  string
	Action string
	Since  time.Time
	Until  time.Time
	Limit  int
	Offset int
}

// AuditService appends to and reads the audit log. Append assigns Seq, PrevHash and Hash
// inside one transaction that serialises appenders (several server processes may share
// one database). There is no method to change or delete an entry.
type AuditService interface {
	AppendAudit(ctx context.Context, e *AuditEntry) error
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error)
	// WalkAudit calls fn for every entry in Seq order (for verification), streaming.
	WalkAudit(ctx context.Context, fn func(*AuditEntry) error) error
	// AuditHead returns the Seq and Hash of the last entry as the chain head records them
	// (0, "" for an empty log). The head is kept apart from the entries so that deleting
	// the newest entries is found too, not only a gap before them.
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

// VerifyAudit walks the whole log and checks the chain and its head. It returns the
// number of entries verified, and an *Error in Chinese naming the first broken entry.
// The head is read before the walk, so entries appended meanwhile (by a running server)
// are verified as chain links and do not count as a mismatch.
func VerifyAudit(ctx context.Context, s AuditService) (int64, error) {
	headSeq, headHash, err := s.AuditHead(ctx)
	if err != nil {
		return 0, err
	}
	var v AuditVerifier
	err = s.WalkAudit(ctx, func(e *AuditEntry) error {
		if err := v.Next(e); err != nil {
			return err
		}
		if e.Seq == headSeq && e.Hash != headHash {
			return Errorf(EINVALID, "审计日志第 %d 条的散列与链头记录不符（该记录被篡改或重写）。", e.Seq)
		}
		return nil
	})
	if err != nil {
		return v.Count(), err
	}
	if v.Count() < headSeq {
		return v.Count(), Errorf(EINVALID, "审计日志在第 %d 条处断开：缺少第 %d 条至第 %d 条（记录被删除）。", v.Count()+1, v.Count()+1, headSeq)
	}
	return v.Count(), nil
}
