package jixiao

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestAdjustTransition(t *testing.T) {
	for _, tt := range []struct {
		from   Status
		role   Role
		reason string
		want   Status
		code   string
	}{
		{Approved, RoleFiller, "年中追加预算", Draft, ""},
		{Published, RoleFiller, "年中追加预算", Draft, ""},
		{Published, RoleFiller, "", Published, EINVALID},
		{Published, RoleLeader, "调整", Published, EFORBIDDEN},
		{Draft, RoleFiller, "调整", Draft, ELOCKED},
		{Submitted, RoleFiller, "调整", Submitted, ELOCKED},
	} {
		got, err := NextStatus(tt.from, ActAdjust, tt.role, tt.reason)
		if got != tt.want || ErrorCode(err) != tt.code {
			t.Errorf("adjust %s as %s (%q) = %s, %v; want %s %q", tt.from, tt.role, tt.reason, got, err, tt.want, tt.code)
		}
	}
	if !ActAdjust.NeedsReason() || !ActReturn.NeedsReason() || ActSubmit.NeedsReason() {
		t.Error("NeedsReason: wrong actions")
	}
}

func TestDeadlineLock(t *testing.T) {
	due := time.Date(2021, 1, 31, 10, 0, 0, 0, time.UTC) // 18:00 in Beijing
	d := &Deadline{Due: due, SetBy: "reviewer"}
	if l := DeadlineLock(nil, nil, due.Add(time.Hour)); l.Locked {
		t.Error("locked without a deadline")
	}
	if l := DeadlineLock(d, nil, due.Add(-time.Second)); l.Locked {
		t.Error("locked before the deadline")
	}
	l := DeadlineLock(d, nil, due)
	if !l.Locked || !strings.Contains(l.Reason, "2021年1月31日 18:00") || !strings.Contains(l.Reason, "reviewer") {
		t.Errorf("at the deadline: %+v", l)
	}
	ex := &DeadlineException{Until: due.Add(48 * time.Hour), GrantedBy: "chief"}
	if l := DeadlineLock(d, ex, due.Add(time.Hour)); l.Locked {
		t.Error("locked while the exception runs")
	}
	if l := DeadlineLock(d, ex, ex.Until); !l.Locked || !strings.Contains(l.Reason, "chief") {
		t.Errorf("after the exception: %+v", l)
	}
}

// memAudit is an AuditService over a slice, to test VerifyAudit's use of the head.
type memAudit struct {
	es   []AuditEntry
	head int64
	hash string
}

func (m *memAudit) AppendAudit(_ context.Context, e *AuditEntry) error {
	e.Seq, e.PrevHash = m.head+1, m.hash
	e.Hash = e.ComputeHash()
	m.es = append(m.es, *e)
	m.head, m.hash = e.Seq, e.Hash
	return nil
}
func (m *memAudit) AuditEntries(context.Context, AuditFilter) ([]AuditEntry, int, error) {
	return m.es, len(m.es), nil
}
func (m *memAudit) WalkAudit(_ context.Context, fn func(*AuditEntry) error) error {
	for i := range m.es {
		if err := fn(&m.es[i]); err != nil {
			return err
		}
	}
	return nil
}
func (m *memAudit) AuditHead(context.Context) (int64, string, error) { return m.head, m.hash, nil }

func TestVerifyAudit(t *testing.T) {
	ctx := context.Background()
	fresh := func() *memAudit {
		m := &memAudit{}
		for range 4 {
			m.AppendAudit(ctx, &AuditEntry{Time: time.Unix(1600000000, 0), Actor: "a", Action: "signin", Outcome: "ok"})
		}
		return m
	}
	if n, err := VerifyAudit(ctx, fresh()); err != nil || n != 4 {
		t.Fatalf("intact: %d, %v", n, err)
	}
	for _, tc := range []struct {
		name   string
		tamper func(m *memAudit)
		want   string
	}{
		{"altered", func(m *memAudit) { m.es[1].Detail = "x" }, "第 2 条的散列不符"},
		{"deleted", func(m *memAudit) { m.es = append(m.es[:1], m.es[2:]...) }, "缺少第 2 条"},
		{"newest deleted", func(m *memAudit) { m.es = m.es[:3] }, "缺少第 4 条"},
		{"newest rewritten", func(m *memAudit) {
			m.es[3].Actor = "b"
			m.es[3].Hash = m.es[3].ComputeHash()
		}, "第 4 条的散列与链头记录不符"},
	} {
		m := fresh()
		tc.tamper(m)
		if _, err := VerifyAudit(ctx, m); ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	// Entries appended after the head was read still verify as links of the chain.
	m := fresh()
	m.es = append(m.es, AuditEntry{Seq: 5, PrevHash: m.hash, Action: "signin"})
	m.es[4].Hash = m.es[4].ComputeHash()
	if n, err := VerifyAudit(ctx, m); err != nil || n != 5 {
		t.Errorf("an entry beyond the head: %d, %v", n, err)
	}
}
