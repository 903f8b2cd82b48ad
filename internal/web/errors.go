package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// statusOf is the one table from error codes to HTTP statuses.
func statusOf(code domain.Code) int {
	switch code {
	case domain.CodeInvalid:
		return http.StatusBadRequest
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeConflict:
		return http.StatusConflict
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeUnauthorized:
		return http.StatusUnauthorized
	case domain.CodeRateLimited:
		return http.StatusTooManyRequests
	case domain.CodeUnprocessable:
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// publicError is what a user may see of an error: its code, a translated
// message, the field it concerns, and the request's id, which a person
// reporting the problem quotes so it can be found in the logs. Internal
// errors are logged with their detail and shown only as a generic message.
type publicError struct {
	Status    int    `json:"-"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Field     string `json:"field,omitempty"`
	Reference string `json:"reference,omitempty"`
	// RetryAfter is, for a rate-limited request, the seconds to wait
	// before sending it again (also the Retry-After header).
	RetryAfter int `json:"retry_after,omitempty"`
}

func (s *kit) publicError(r *http.Request, lang i18n.Lang, err error) publicError {
	code := domain.ErrorCode(err)
	if code == domain.CodeInternal {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	key, args := domain.ErrorKey(err)
	if code == domain.CodeInternal {
		key, args = "error.internal", nil
	}
	args = s.translateArgs(lang, args)
	pe := publicError{Status: statusOf(code), Code: string(code), Message: s.cat.T(lang, key, args),
		Reference: requestID(r.Context())}
	var fe *fieldError
	if errors.As(err, &fe) {
		pe.Field = fe.Field
	}
	if seconds, ok := args["Seconds"].(int); ok && code == domain.CodeRateLimited {
		pe.RetryAfter = seconds
	}
	return pe
}

// writeHeaders sets the headers an error answer carries: Retry-After for a
// rate-limited request.
func (pe publicError) writeHeaders(w http.ResponseWriter) {
	if pe.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(pe.RetryAfter))
	}
}

// translateArgs translates arguments that name catalog keys (a stage, a
// "What" naming a kind of thing) into the reader's language.
func (s *kit) translateArgs(lang i18n.Lang, args map[string]any) map[string]any {
	return s.cat.Args(lang, args)
}

// fieldError ties an invalid error to a request parameter.
type fieldError struct {
	Field string
	Err   *domain.Error
}

func (e *fieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *fieldError) Unwrap() error { return e.Err }

func invalidParam(field, key string, kv ...any) error {
	return &fieldError{Field: field, Err: domain.Errorf(domain.CodeInvalid, key, kv...)}
}
