package credential

import (
	"errors"
	"fmt"
)

// Code is a machine-readable reason why a credential was not accepted.
type Code string

// The verification outcomes other than success. Each maps to an i18n
// catalog key through Code.ReasonKey.
const (
	CodeMalformed         Code = "malformed"
	CodeWrongType         Code = "wrong_type"
	CodeInvalidSignature  Code = "invalid_signature"
	CodeUnknownKey        Code = "unknown_key"
	CodeExpired           Code = "expired"
	CodeNotYetValid       Code = "not_yet_valid"
	CodeRevoked           Code = "revoked"
	CodeStatusUnavailable Code = "status_unavailable"
	CodeIssuerUnreachable Code = "issuer_unreachable"
	// CodeUntrustedIssuer: the issuer is not registered with this
	// verifier, so its keys are not fetched and the credential is not
	// accepted, whatever it claims.
	CodeUntrustedIssuer Code = "untrusted_issuer"
)

// ReasonKey is the message catalog key for the code, e.g.
// "credential.revoked".
func (c Code) ReasonKey() string { return "credential." + string(c) }

// Error is a verification failure. Code is stable and meant for programs
// and message catalogs; Detail is English text for logs only.
type Error struct {
	Code   Code
	Detail string
	Err    error
}

func (e *Error) Error() string {
	msg := "credential: " + string(e.Code)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// ReasonKey is the message catalog key for the error's code.
func (e *Error) ReasonKey() string { return e.Code.ReasonKey() }

// CodeOf returns the code of the outermost *Error in err's chain, or ""
// when err is nil or carries no code.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// UntrustedIssuer is the failure for a credential whose issuer is not
// registered with the verifier.
func UntrustedIssuer(issuerID string) *Error {
	return fail(CodeUntrustedIssuer, "issuer %q is not registered", issuerID)
}

func fail(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...)}
}

func wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...), Err: err}
}

// Codes lists every code, so that a message catalog can be checked for
// completeness.
func Codes() []Code {
	return []Code{
		CodeMalformed, CodeWrongType, CodeInvalidSignature, CodeUnknownKey,
		CodeExpired, CodeNotYetValid, CodeRevoked, CodeStatusUnavailable,
		CodeIssuerUnreachable, CodeUntrustedIssuer,
	}
}
