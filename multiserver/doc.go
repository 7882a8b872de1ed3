// Package multiserver holds the test that two `jixiao serve` processes against one
// PostgreSQL database behave as one system (issue 8): a session made on one is valid on
// the other, a save on one makes a stale save on the other a conflict, signing out on
// one ends the session on both. Everything it needs lives in the database.
//
// It builds the binary, makes a fresh database from JIXIAO_TEST_POSTGRES (or a fresh
// schema when its role lacks CREATEDB), and serves on two loopback ports. Without JIXIAO_TEST_POSTGRES it
// skips, unless CI=true, where it fails.
package multiserver
