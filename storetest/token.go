package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testTokens: a token is found by its hash with its account until it is revoked; the
// list shows it with its name and prefix; only its own user revokes it, once.
func testTokens(t *testing.T, st jixiao.Store) {
	s, ok := st.(jixiao.TokenService)
	if !ok {
		t.Fatalf("%T keeps no API tokens (jixiao.TokenService)", st)
	}
	ctx := context.Background()
	u := &jixiao.User{Username: "wangwu", Name: "王五", Role: jixiao.RoleReviewer}
	other := &jixiao.User{Username: "zhaoliu", Name: "赵六", Role: jixiao.RoleReviewer}
	must(t, st.CreateUser(ctx, u))
	must(t, st.CreateUser(ctx, other))
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	a := &jixiao.APIToken{UserID: u.ID, Name: " 数据仓库 ", Hash: "hash-a", Prefix: "jx_aaaa", Created: now}
	must(t, s.CreateToken(ctx, a))
	b := &jixiao.APIToken{UserID: u.ID, Name: "脚本", Hash: "hash-b", Prefix: "jx_bbbb", Created: now.Add(time.Second)}
	must(t, s.CreateToken(ctx, b))
	if a.ID == 0 || b.ID == 0 || a.Name != "数据仓库" {
		t.Fatalf("CreateToken set id %d, %d, name %q", a.ID, b.ID, a.Name)
	}
	wantCode(t, s.CreateToken(ctx, &jixiao.APIToken{UserID: u.ID, Name: "重复", Hash: "hash-a"}), jixiao.EINVALID)
	wantCode(t, s.CreateToken(ctx, &jixiao.APIToken{UserID: u.ID, Name: "  ", Hash: "hash-c"}), jixiao.EINVALID)
	wantCode(t, s.CreateToken(ctx, &jixiao.APIToken{UserID: 999999, Name: "无主", Hash: "hash-d"}), jixiao.EINVALID)

	use := now.Add(time.Hour)
	tok, tu, err := s.TokenUser(ctx, "hash-a", use)
	must(t, err)
	if tu.ID != u.ID || tok.ID != a.ID || !tok.LastUsed.Equal(use) {
		t.Errorf("TokenUser = token %d user %d last used %v, want %d, %d, %v", tok.ID, tu.ID, tok.LastUsed, a.ID, u.ID, use)
	}
	_, _, err = s.TokenUser(ctx, "hash-x", use)
	wantCode(t, err, jixiao.ENOTFOUND)

	list, err := s.Tokens(ctx, u.ID)
	must(t, err)
	want := []*jixiao.APIToken{
		{ID: b.ID, UserID: u.ID, Name: "脚本", Hash: "hash-b", Prefix: "jx_bbbb", Created: b.Created},
		{ID: a.ID, UserID: u.ID, Name: "数据仓库", Hash: "hash-a", Prefix: "jx_aaaa", Created: a.Created, LastUsed: use},
	}
	if diff := cmp.Diff(want, list); diff != "" {
		t.Errorf("Tokens mismatch (-want +got):\n%s", diff)
	}

	wantCode(t, s.RevokeToken(ctx, other.ID, a.ID, use), jixiao.ENOTFOUND) // not theirs
	must(t, s.RevokeToken(ctx, u.ID, a.ID, use))
	wantCode(t, s.RevokeToken(ctx, u.ID, a.ID, use), jixiao.ENOTFOUND) // once
	_, _, err = s.TokenUser(ctx, "hash-a", use)
	wantCode(t, err, jixiao.ENOTFOUND)
	if _, _, err := s.TokenUser(ctx, "hash-b", use); err != nil {
		t.Errorf("the other token stopped working: %v", err)
	}
	list, err = s.Tokens(ctx, u.ID)
	must(t, err)
	if len(list) != 2 || !list[1].Revoked.Equal(use) {
		t.Errorf("after revoking, Tokens = %+v, want token %d revoked at %v", list, a.ID, use)
	}
	none, err := s.Tokens(ctx, other.ID)
	must(t, err)
	if len(none) != 0 {
		t.Errorf("Tokens(other) = %d tokens, want none", len(none))
	}
}
