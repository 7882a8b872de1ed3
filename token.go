package jixiao

import (
	"context"
	"time"
)

// APIToken is an account's key to the REST API (接口令牌): another system (the
// province's 预算管理一体化 platform, a data warehouse, a script) sends it as
// `Authorization: Bearer …` and sees exactly what the account may see in the pages.
//
// Only a hash of the token is kept (Hash: hex SHA-256 of the 32 random bytes shown once to
// the user). A plain hash suffices where a password needs argon2id: the token is 256 bits
// of randomness, so no dictionary or brute force applies, and a fast hash lets every API
// request look the token up by an index in one statement.
type APIToken struct {
	ID       int64     `json:"id"`
	UserID   int64     `json:"userId"`
	Name     string    `json:"name"` // what the user called it (“数据仓库同步”)
	Hash     string    `json:"-"`
	Prefix   string    `json:"prefix"` // the token's first characters, to tell tokens apart in the list
	Created  time.Time `json:"created"`
	LastUsed time.Time `json:"lastUsed"` // zero when never used
	Revoked  time.Time `json:"revoked"`  // zero while valid
}

// TokenService keeps API tokens.
type TokenService interface {
	// CreateToken stores t (UserID, Name, Hash, Prefix) and sets t.ID and t.Created. An
	// empty name or a duplicate hash is EINVALID; an unknown user EINVALID.
	CreateToken(ctx context.Context, t *APIToken) error
	// TokenUser returns the valid (unrevoked) token with the hash and its account, and
	// records now as its last use (at most once a minute); ENOTFOUND when no valid token has
	// the hash.
	TokenUser(ctx context.Context, hash string, now time.Time) (*APIToken, *User, error)
	// Tokens lists the tokens of the user, revoked ones included, newest first.
	Tokens(ctx context.Context, userID int64) ([]*APIToken, error)
	// RevokeToken revokes the user's token id at now, atomically; ENOTFOUND when the
	// user has no such token or it is already revoked.
	RevokeToken(ctx context.Context, userID, id int64, now time.Time) error
}
