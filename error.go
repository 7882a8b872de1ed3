package jixiao

import (
	"errors"
	"fmt"
)

// Error codes. A code says what kind of failure happened; one place (ExitCode, and the
// HTTP layer's status map) turns it into an exit code or an HTTP status.
const (
	ECONFLICT     = "conflict"     // a stale save: the plan changed since it was read
	EINTERNAL     = "internal"     // a bug or an operator problem
	EINVALID      = "invalid"      // the input cannot be read or is not acceptable
	ENOTFOUND     = "not_found"    // no such plan, department, revision, …
	EUNAUTHORIZED = "unauthorized" // not signed in, or wrong password
	EFORBIDDEN    = "forbidden"    // signed in, but not allowed
	ETOOLARGE     = "too_large"    // an input over a size limit
	ELOCKED       = "locked"       // read-only because of state, deadline or lock
	EBUSY         = "busy"         // the server is at a limit of concurrent work; try again shortly
)

// Error is an error meant for users: a code and a full Chinese sentence that says what is
// wrong and where (file, line, cell).
//
// Err, when set, is the cause for operators (a driver's or the OS's English text): it is
// logged and unwrapped, never shown to users, so a Chinese message never splices it in.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("jixiao error: code=%s message=%s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("jixiao error: code=%s message=%s", e.Code, e.Message)
}

// Unwrap returns the operators' cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted Chinese message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns an *Error with the code and a formatted Chinese message that keeps
// cause for operators (logs, errors.Is/As) without showing its English text to users.
func WrapError(cause error, code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the Chinese message of an *Error,
// or a generic one for other errors (whose text is for operators, not users).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "内部错误，请联系系统管理员。"
}

// ExitCode maps an error to the command line's exit codes: 0 for nil, 2 for input that
// cannot be read, 3 for a conflict, 4 for other failures. Exit code 1 is reserved for
// "the checks found errors", which is not an error of the program.
func ExitCode(err error) int {
	switch ErrorCode(err) {
	case "":
		return 0
	case EINVALID, ENOTFOUND, ETOOLARGE:
		return 2
	case ECONFLICT:
		return 3
	default:
		return 4
	}
}
