// Package multiserver holds the test that two `jixiao serve` processes against one
// PostgreSQL database behave as one system (issue 8): a session made on one is valid on
// the other, a save on one makes a stale save on the other a conflict, signing out on
// one ends the session on both. The review workflow runs across both, each step on the
// other server than the step before (submit, return with a reason, submit again,
// approve, approve, publish, the public page); a step taken on a version another server
// has already moved on is refused and changes nothing, and of two steps raced through
// the two servers exactly one is taken. A deadline set on one server locks drafts on
// the other at once (423 with the reason). At the end `jixiao audit verify` passes and
// the audit log holds the steps of both servers, in order, in one chain. Everything it
// needs lives in the database.
//
// It builds the binary, makes a fresh database from JIXIAO_TEST_POSTGRES (or a fresh
// schema when its role lacks CREATEDB), and serves on two loopback ports. Requests to
// the second server come from 127.0.0.2 where the loopback device takes that address,
// so the audit entries say which server wrote them. Without JIXIAO_TEST_POSTGRES it
// skips, unless CI=true, where it fails.
package multiserver
