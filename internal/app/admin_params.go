package app

import "github.com/tsunagu-hub/tsunagu/internal/domain"

// BadParam is a request parameter that names nothing the service knows
// (a review step, a file encoding), found after the access check: a
// malformed request, answered as such, rather than a problem to show on a
// form.
type BadParam struct {
	Param string
	Err   *domain.Error
}

func (e *BadParam) Error() string { return e.Param + ": " + e.Err.Error() }
func (e *BadParam) Unwrap() error { return e.Err }

// badChoice is a parameter whose value is none of its choices.
func badChoice(param, value string) error {
	return &BadParam{Param: param, Err: domain.Errorf(domain.CodeInvalid, "error.choice", "Value", value)}
}
