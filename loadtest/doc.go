// Package loadtest holds the bounded load test of issue 13: it builds the real binary,
// starts `jixiao serve` on loopback over a fresh SQLite database, fires the upload bombs
// and a burst of sign-ins at it, and fails when the server process's peak resident
// memory (VmHWM in /proc/PID/status) passes 300 MB. It has no code but its test.
package loadtest
