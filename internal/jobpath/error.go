// Package jobpath holds the domain of the job board: its types, their
// validation, the service interfaces the adapters implement, and the one error
// type every layer speaks. It imports only the standard library.
package jobpath

import (
	"errors"
	"fmt"
)

// ErrorCode says what kind of failure an Error is. The set is closed: the
// HTTP layer maps each code to one status.
type ErrorCode string

// Error codes.
const (
	EInvalid      ErrorCode = "invalid"      // input fails validation; Fields says where
	ENotFound     ErrorCode = "not_found"    // the object does not exist or is not visible to the caller
	EConflict     ErrorCode = "conflict"     // a uniqueness or state rule forbids the change
	EPrecondition ErrorCode = "precondition" // the caller's version (ETag) is stale
	// EUnconditional: a change that must name the version it was made
	// from (If-Match) names none.
	EUnconditional ErrorCode = "unconditional"
	EUnauthorized  ErrorCode = "unauthorized" // no valid credentials
	EForbidden     ErrorCode = "forbidden"    // credentials valid, action not allowed
	EUnavailable   ErrorCode = "unavailable"  // a dependency is down; retry later
	EInternal      ErrorCode = "internal"     // a bug or an unexpected failure; details are logged, not shown
)

// ErrorCodes lists every error code.
var ErrorCodes = []ErrorCode{EInvalid, ENotFound, EConflict, EPrecondition, EUnconditional, EUnauthorized, EForbidden, EUnavailable, EInternal}

// FieldError names one invalid input field and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the domain error. Message is safe to show to the caller; the
// wrapped error (if any) is for logs only.
type Error struct {
	Code    ErrorCode
	Message string
	Fields  []FieldError
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return string(e.Code) + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted, user-safe message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error, and "" for nil.
func CodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-safe message of err: the *Error's message, or
// a generic text for anything else so that internals never leak.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records a problem with field.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when there are no problems, else an EInvalid *Error.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: "the input is not valid", Fields: p}
}
