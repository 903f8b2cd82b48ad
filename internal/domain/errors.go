// Package domain holds Tsunagu's plain types: municipalities, organizations,
// programs, projects, talents and entries, with their validation rules and
// the error codes shared by every layer. It imports no HTTP and no SQL.
package domain

import (
	"errors"
	"fmt"
)

// Code classifies an error so that each interface (HTML, JSON, CLI) can map
// it in one place.
type Code string

// Error codes. Their mapping to HTTP statuses lives in internal/web/errors.go.
const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeConflict     Code = "conflict"
	CodeForbidden    Code = "forbidden"
	CodeUnauthorized Code = "unauthorized"
	// CodeUnprocessable is a well-formed request that cannot be carried
	// out as sent, such as an idempotency key reused with another body.
	CodeUnprocessable Code = "unprocessable"
	// CodeRateLimited: too many requests from one client; try later.
	CodeRateLimited Code = "rate_limited"
	CodeInternal    Code = "internal"
)

// Error is an application error. Key names a message in the translation
// catalogs (safe to show to users); Args fills its placeholders. Detail is
// for logs only and is never shown.
type Error struct {
	Code   Code
	Key    string
	Args   map[string]any
	Detail string
	Fields []FieldError // every field problem, for forms; the first is Key
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Key, e.Detail)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Key)
}

// Errorf builds an error with a code, a catalog key and placeholder values
// given as alternating name, value pairs.
func Errorf(code Code, key string, kv ...any) *Error {
	return &Error{Code: code, Key: key, Args: Args(kv...)}
}

// Args turns alternating name, value pairs into message placeholders; nil
// when there are none.
func Args(kv ...any) map[string]any {
	if len(kv) < 2 {
		return nil
	}
	args := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		name, _ := kv[i].(string)
		args[name] = kv[i+1]
	}
	return args
}

// ErrorCode returns the code of err, CodeInternal for an error that carries
// none, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorKey returns the catalog key of err, or "error.internal".
func ErrorKey(err error) (string, map[string]any) {
	var e *Error
	if errors.As(err, &e) && e.Key != "" {
		return e.Key, e.Args
	}
	return "error.internal", nil
}

// NotFound is shorthand for a not-found error about a kind of thing.
func NotFound(what string) *Error {
	return Errorf(CodeNotFound, "error.not_found", "What", what)
}

// ValidationErrors collects field problems so a form can show all of them at
// once. It is an *Error with code invalid when returned through Err.
type ValidationErrors struct {
	Fields []FieldError
}

// FieldError is one problem with one field.
type FieldError struct {
	Field string
	Key   string
	Args  map[string]any
}

// Add records a problem with a field. A "Field" argument (of
// error.required, error.required_choice) is the catalog key of the field's
// label as the form shows it, so the message names the field in the
// reader's language.
func (v *ValidationErrors) Add(field, key string, kv ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Key: key, Args: Args(kv...)})
}

// Err returns nil when there were no problems, or an invalid error whose key
// is the first field's problem.
func (v *ValidationErrors) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	first := v.Fields[0]
	return &Error{Code: CodeInvalid, Key: first.Key, Args: first.Args, Fields: v.Fields,
		Detail: fmt.Sprintf("%d invalid field(s), first %q", len(v.Fields), first.Field)}
}
