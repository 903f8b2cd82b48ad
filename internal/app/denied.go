package app

import "github.com/tsunagu-hub/tsunagu/internal/domain"

// Denied is a refusal: a signed-in person asked for something the policy
// does not let them reach. It shows as the error it wraps (a 403, or a 404
// where saying "forbidden" would tell that the thing exists), and the
// web layer records it in the audit log as access.denied.
type Denied struct {
	Err            *domain.Error
	MunicipalityID int64
	SubjectType    string
	SubjectID      int64
	SubjectKey     string // for a subject without a numeric id (a credential)
}

func (e *Denied) Error() string { return e.Err.Error() }
func (e *Denied) Unwrap() error { return e.Err }

// Refused is a 403 whose message (key) says why.
func Refused(key string, municipalityID int64, what string, id int64) error {
	return &Denied{Err: domain.Errorf(domain.CodeForbidden, key), MunicipalityID: municipalityID, SubjectType: what,
		SubjectID: id}
}

// Hidden answers 404 for a thing the person may not see, as if it did not
// exist; the attempt is still recorded.
func Hidden(municipalityID int64, what string, id int64) error {
	return &Denied{Err: domain.NotFound(what), MunicipalityID: municipalityID, SubjectType: what, SubjectID: id}
}
