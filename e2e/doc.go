// Package e2e holds the end-to-end tests: the real server, in-process on a loopback
// port over a temporary SQLite database, driven by a real Chromium through chromedp.
// The tests skip when Chromium is missing, except with CI=true, where that is a failure.
// Screenshots of the key pages go to $JIXIAO_E2E_SHOTS, or to a temporary folder whose
// path the test logs.
package e2e
