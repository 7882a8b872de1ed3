package jixiao

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNextStatus(t *testing.T) {
	tests := []struct {
		from   Status
		action Action
		role   Role
		reason string
		want   Status
		code   string
	}{
		{Draft, ActSubmit, RoleFiller, "", Submitted, ""},
		{Returned, ActSubmit, RoleFiller, "", Submitted, ""},
		{StatusUnknown, ActSubmit, RoleFiller, "", Submitted, ""},
		{Submitted, ActSubmit, RoleFiller, "", Submitted, ELOCKED},
		{Draft, ActSubmit, RoleLeader, "", Draft, EFORBIDDEN},
		{Submitted, ActUnitApprove, RoleLeader, "", UnitApproved, ""},
		{Submitted, ActUnitApprove, RoleFiller, "", Submitted, EFORBIDDEN},
		{Draft, ActUnitApprove, RoleLeader, "", Draft, ELOCKED},
		{Submitted, ActUnitReturn, RoleLeader, "指标值不明确", Returned, ""},
		{Submitted, ActUnitReturn, RoleLeader, "  ", Submitted, EINVALID},
		{UnitApproved, ActApprove, RoleReviewer, "", Approved, ""},
		{UnitApproved, ActApprove, RoleLeader, "", UnitApproved, EFORBIDDEN},
		{Submitted, ActApprove, RoleReviewer, "", Submitted, ELOCKED},
		{UnitApproved, ActReturn, RoleReviewer, "合计不平", Returned, ""},
		{UnitApproved, ActReturn, RoleReviewer, "", UnitApproved, EINVALID},
		{Approved, ActPublish, RoleReviewer, "", Published, ""},
		{UnitApproved, ActPublish, RoleReviewer, "", UnitApproved, ELOCKED},
		{Published, ActReturn, RoleReviewer, "理由", Published, ELOCKED},
		{Approved, ActPublish, RoleAdmin, "", Approved, EFORBIDDEN},
		{Draft, Action("delete"), RoleAdmin, "", Draft, EINVALID},
	}
	for _, tt := range tests {
		got, err := NextStatus(tt.from, tt.action, tt.role, tt.reason)
		if got != tt.want || ErrorCode(err) != tt.code {
			t.Errorf("NextStatus(%s, %s, %s, %q) = %s, %v; want %s, code %q", tt.from, tt.action, tt.role, tt.reason, got, err, tt.want, tt.code)
		}
		if err != nil && ErrorMessage(err) == "" {
			t.Errorf("NextStatus(%s, %s): empty message", tt.from, tt.action)
		}
	}
}

func TestAllowedActions(t *testing.T) {
	if diff := cmp.Diff([]Action{ActUnitApprove, ActUnitReturn}, AllowedActions(Submitted, RoleLeader)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	// The only way to change a published plan is an adjustment (调整), which reopens it.
	if diff := cmp.Diff([]Action{ActAdjust}, AllowedActions(Published, RoleFiller)); diff != "" {
		t.Errorf("published plan, filler: mismatch (-want +got):\n%s", diff)
	}
	if !Draft.Editable() || !Returned.Editable() || Submitted.Editable() || Approved.Editable() || Published.Editable() {
		t.Error("Editable: wrong states")
	}
}

func TestAuditChain(t *testing.T) {
	var entries []*AuditEntry
	prev := ""
	base := time.Date(2026, 11, 26, 8, 0, 0, 123456789, time.UTC)
	for i := 1; i <= 5; i++ {
		e := &AuditEntry{Seq: int64(i), Time: base.Add(time.Duration(i) * time.Second), Actor: "admin", Action: "signin", Object: "user:1", Outcome: "ok", PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		entries = append(entries, e)
	}
	verify := func(es []*AuditEntry) error {
		var v AuditVerifier
		for _, e := range es {
			if err := v.Next(e); err != nil {
				return err
			}
		}
		return nil
	}
	if err := verify(entries); err != nil {
		t.Fatalf("intact chain: %v", err)
	}
	tampered := *entries[2]
	tampered.Detail = "改过"
	if err := verify([]*AuditEntry{entries[0], entries[1], &tampered, entries[3]}); err == nil || !contains(ErrorMessage(err), "第 3 条") {
		t.Errorf("tampered entry 3: got %v", err)
	}
	if err := verify([]*AuditEntry{entries[0], entries[2]}); err == nil || !contains(ErrorMessage(err), "第 2 条") {
		t.Errorf("deleted entry 2: got %v", err)
	}
	// Rehashing a changed entry still breaks the link to the next one.
	rehashed := tampered
	rehashed.Hash = rehashed.ComputeHash()
	if err := verify([]*AuditEntry{entries[0], entries[1], &rehashed, entries[3]}); err == nil || !contains(ErrorMessage(err), "第 4 条") {
		t.Errorf("rehashed entry 3: got %v", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
