package account

import "jixiao"

// ConsoleOnly reports whether accounts of role r are kept out of the system
// administrator's reach (三员分立, 等保2.0 8.1.4.2 the three administrators check one
// another): the security and audit administrators. The system administrator's pages
// neither create, edit, disable nor reset them, nor give any account their roles; they
// are made by first-start setup and managed with `jixiao users` on the server's console,
// whose use is itself in the audit log. Otherwise the administrator could reset the
// auditor's password and then read, in the auditor's name, the log that records the
// administrator's own acts.
func ConsoleOnly(r jixiao.Role) bool {
	return r == jixiao.RoleSecurity || r == jixiao.RoleAuditor
}

// Roles are every role, in the order the console lists them.
var Roles = []jixiao.Role{jixiao.RoleAdmin, jixiao.RoleSecurity, jixiao.RoleAuditor,
	jixiao.RoleReviewer, jixiao.RoleLeader, jixiao.RoleFiller}

// ValidRole reports whether r is one of Roles.
func ValidRole(r jixiao.Role) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// ValidUsername reports whether s may name an account: 3 to 32 letters, digits, dots,
// underscores or hyphens.
func ValidUsername(s string) bool {
	if len(s) < 3 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
