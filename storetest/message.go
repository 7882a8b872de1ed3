package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testMessages: messages go to their recipient only, newest first; unread counts; marking
// read touches only the user's own unread messages, once.
func testMessages(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	tree := Tree(t, s)
	a := &jixiao.User{Username: "msg-a", Name: "甲", Role: jixiao.RoleFiller, DepartmentID: tree["D1"].ID, PasswordHash: "h"}
	b := &jixiao.User{Username: "msg-b", Name: "乙", Role: jixiao.RoleLeader, DepartmentID: tree["D1"].ID, PasswordHash: "h"}
	must(t, s.CreateUser(ctx, a))
	must(t, s.CreateUser(ctx, b))
	ms := []*jixiao.Message{
		{UserID: a.ID, Kind: "remind", Subject: "请尽快报送", Body: "截止时间临近。", Link: "/plans", Sender: "财政局"},
		{UserID: b.ID, Kind: "remind", Subject: "请尽快报送", Body: "截止时间临近。", Link: "/plans", Sender: "财政局"},
		{UserID: a.ID, Kind: "return", Subject: "绩效目标被退回", Body: "指标值不明确。", Link: "/plans/1", Sender: "财政局"},
	}
	must(t, s.SendMessages(ctx, ms))
	for _, m := range ms {
		if m.ID == 0 || m.Created.IsZero() {
			t.Fatalf("SendMessages did not set the id and time: %+v", m)
		}
	}
	got, err := s.Messages(ctx, a.ID, 0)
	must(t, err)
	subjects := []string{}
	for _, m := range got {
		subjects = append(subjects, m.Subject)
		if !m.Read.IsZero() {
			t.Errorf("a new message is read: %+v", m)
		}
	}
	if diff := cmp.Diff([]string{"绩效目标被退回", "请尽快报送"}, subjects); diff != "" {
		t.Errorf("messages of a (-want +got):\n%s", diff)
	}
	unread := func(u *jixiao.User) int {
		n, err := s.UnreadMessages(ctx, u.ID)
		must(t, err)
		return n
	}
	if diff := cmp.Diff([]int{2, 1}, []int{unread(a), unread(b)}); diff != "" {
		t.Errorf("unread (-want +got):\n%s", diff)
	}
	// b cannot mark a's message.
	n, err := s.MarkRead(ctx, b.ID, []int64{ms[0].ID}, time.Now())
	must(t, err)
	if n != 0 || unread(a) != 2 {
		t.Errorf("b marked %d of a's messages read", n)
	}
	n, err = s.MarkRead(ctx, a.ID, []int64{ms[2].ID}, time.Now())
	must(t, err)
	if n != 1 || unread(a) != 1 {
		t.Errorf("marking one: %d marked, %d unread", n, unread(a))
	}
	n, err = s.MarkRead(ctx, a.ID, []int64{ms[2].ID}, time.Now())
	must(t, err)
	if n != 0 {
		t.Errorf("a read message was marked again")
	}
	n, err = s.MarkRead(ctx, a.ID, nil, time.Now())
	must(t, err)
	if n != 1 || unread(a) != 0 || unread(b) != 1 {
		t.Errorf("marking all: %d marked; unread a %d b %d", n, unread(a), unread(b))
	}
	got, err = s.Messages(ctx, a.ID, 1)
	must(t, err)
	if len(got) != 1 || got[0].Read.IsZero() {
		t.Errorf("limit 1, read: %+v", got)
	}
}

// testMailAddresses: set, replace, remove; only those with an address come back.
func testMailAddresses(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	tree := Tree(t, s)
	a := &jixiao.User{Username: "mail-a", Name: "甲", Role: jixiao.RoleFiller, DepartmentID: tree["D1"].ID, PasswordHash: "h"}
	b := &jixiao.User{Username: "mail-b", Name: "乙", Role: jixiao.RoleFiller, DepartmentID: tree["D1"].ID, PasswordHash: "h"}
	must(t, s.CreateUser(ctx, a))
	must(t, s.CreateUser(ctx, b))
	must(t, s.SetMailAddress(ctx, a.ID, "a@old.example"))
	must(t, s.SetMailAddress(ctx, a.ID, "a@czj.example"))
	got, err := s.MailAddresses(ctx, []int64{a.ID, b.ID})
	must(t, err)
	if diff := cmp.Diff(map[int64]string{a.ID: "a@czj.example"}, got); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	must(t, s.SetMailAddress(ctx, a.ID, ""))
	got, err = s.MailAddresses(ctx, []int64{a.ID, b.ID})
	must(t, err)
	if len(got) != 0 {
		t.Errorf("a removed address came back: %v", got)
	}
}
