// Package account holds what every place that makes or checks an account needs, so that
// the web server and the console (`jixiao users`, first-start setup) apply the same
// rules: password hashing (argon2id), random passwords, the password policy with its
// list of common passwords, and 三员分立 — which role may manage which account.
package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters. OWASP's minimum for argon2id is 19 MiB, two passes, one lane; we
// take 19 MiB and two passes so that a sign-in costs about 30 ms on one core and a 2-core
// server can still take a burst of sign-ins.
const (
	ArgonTime    = 2
	ArgonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

var b64 = base64.RawStdEncoding

// Hash returns the PHC-style encoding of an argon2id hash of password with a
// fresh random salt: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func Hash(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, ArgonTime, ArgonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, ArgonMemory, ArgonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Check reports whether password matches the encoded hash. The parameters are
// read from the encoding, so hashes made with older parameters still verify. The
// comparison of the derived keys takes constant time.
func Check(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<22 || t > 64 {
		return false
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// Random returns a random password of 27 characters (130 bits of base32, half of
// it lower-cased, with a hyphen), for the first administrator and for password resets:
// it mixes lower and upper case and a symbol, so it meets the password policy.
func Random() string {
	t := rand.Text()
	return strings.ToLower(t[:13]) + "-" + t[13:]
}
