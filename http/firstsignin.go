package http

// firstSignInRoute reports whether an account that must still choose its own password
// may use the route: the password form and signing out. Everything else leads to the
// form (wrap), so that a password an administrator handed over (or an import made) is
// never used for more than choosing one's own.
func firstSignInRoute(rt route) bool {
	switch rt.Pattern {
	case "/account/password", "/logout":
		return true
	}
	return false
}
