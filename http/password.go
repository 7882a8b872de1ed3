package http

import (
	"context"
	"crypto/rand"
	"encoding/base64"

	"jixiao/account"
)

// HashPassword is account.Hash: the PHC-style argon2id encoding of password.
func HashPassword(password string) (string, error) { return account.Hash(password) }

// CheckPassword is account.Check: whether password matches the encoded hash.
func CheckPassword(encoded, password string) bool { return account.Check(encoded, password) }

// RandomPassword is account.Random: a random password that meets the policy.
func RandomPassword() string { return account.Random() }

// checkPassword is CheckPassword behind the server's hashing gate: at most
// Config.MaxHashing hashes at once, whoever asks (a burst of sign-ins for unknown users
// costs time, not memory); EBUSY when no place comes free in time.
func (s *Server) checkPassword(ctx context.Context, encoded, password string) (bool, error) {
	if err := s.hashing.enter(ctx); err != nil {
		return false, err
	}
	defer s.hashing.leave()
	return account.Check(encoded, password), nil
}

// hashPassword is HashPassword behind the server's hashing gate.
func (s *Server) hashPassword(ctx context.Context, password string) (string, error) {
	if err := s.hashing.enter(ctx); err != nil {
		return "", err
	}
	defer s.hashing.leave()
	return account.Hash(password)
}

// randomToken returns n random bytes, base64url-encoded without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
