package account

import "testing"

// TestCommonPasswords: passwords that meet the length and the classes but are common
// ones dressed up are refused; ordinary strong ones pass.
func TestCommonPasswords(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		want bool // refused as common
	}{
		{"Password12", true},
		{"Qwerty1234", true},
		{"P@ssw0rd!2", true},
		{"Admin@12345", true},
		{"2024Welcome!", true},
		{"Woaini1314!", true},
		{"Abcdefghij1", true},
		{"aaaaaaaaaaA1", true},
		{"1234567890", true},
		{"correct-horse-1", false},
		{"Budget-2021x", false},
		{"Lk9-tq2!vz0R", false},
		{"绩效目标-2021ab", false},
	} {
		if got := commonPassword(tc.pw); got != tc.want {
			t.Errorf("commonPassword(%q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
	for i := 0; i < 200; i++ {
		if pw := Random(); Policy(pw, "admin") != "" {
			t.Fatalf("a random password %q fails the policy: %s", pw, Policy(pw, "admin"))
		}
	}
}
