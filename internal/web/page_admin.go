package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// allow checks one action on one municipality's resource (app.Authorize):
// a visitor is sent to log in; anyone else without the right gets a
// translated 403, which is recorded.
func (s *kit) allow(r *http.Request, act policy.Action, res policy.Resource) (policy.Actor, error) {
	return s.app.Authorize(r.Context(), act, res)
}

// adminPages are the staff's home and a municipality's audit log.
type adminPages struct{ *kit }

type adminHomeData struct {
	Municipalities []app.AdminMunicipality
}

// adminHome lists, per municipality the person works for, its programs
// and what they may open.
func (s adminPages) adminHome(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ms, err := s.app.Members.AdminHome(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "admin", s.cat.T(lang, "admin.title", nil), adminHomeData{ms})
}

// pathMunicipality finds the municipality in the path; unknown is 404.
func (s *kit) pathMunicipality(r *http.Request) (domain.Municipality, error) {
	return s.app.Hub.MunicipalityByLGCode(r.Context(), r.PathValue("lgcode"))
}

// badParam turns a service's malformed parameter into the web's, so the
// error names its parameter as before; any other error is returned as is.
func badParam(err error) error {
	var bp *app.BadParam
	if errors.As(err, &bp) {
		return &fieldError{Field: bp.Param, Err: bp.Err}
	}
	return err
}

// pathID is the numeric id in the path, or 0 when there is none, which
// the services answer as not found once they have checked access.
func pathID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil {
		return 0
	}
	return id
}

type adminAuditData struct {
	Municipality domain.Municipality
	Events       []auditLine
}

// auditLine is an audit event as people read it: who (by name, or that
// the account was deleted) and what it touched.
type auditLine struct {
	app.AuditEvent
	Who     string
	Subject string
}

// auditLines names each event's actor and subject in the reader's language.
func (s adminPages) auditLines(lang i18n.Lang, events []app.AuditEvent) []auditLine {
	out := make([]auditLine, 0, len(events))
	for _, e := range events {
		l := auditLine{AuditEvent: e, Who: e.ActorName}
		switch {
		case e.ActorGone:
			l.Who = s.cat.T(lang, "admin.actor_deleted", nil)
		case e.ActorID == 0:
			l.Who = s.cat.T(lang, "admin.actor_none", nil)
		}
		kind := e.SubjectType
		if key := "thing." + e.SubjectType; s.cat.Has(key) {
			kind = s.cat.T(lang, key, nil)
		}
		id := e.SubjectKey
		if id == "" && e.SubjectID != 0 {
			id = "#" + strconv.FormatInt(e.SubjectID, 10)
		}
		l.Subject = strings.TrimSpace(kind + " " + id)
		if e.SubjectLabel != "" {
			l.Subject += "「" + e.SubjectLabel + "」"
		}
		out = append(out, l)
	}
	return out
}

// adminAudit shows a municipality's audit log to its admins.
func (s adminPages) adminAudit(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	l, err := s.app.Members.AuditLog(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	d := adminAuditData{Municipality: l.Municipality, Events: s.auditLines(lang, l.Events)}
	return s.render(w, r, lang, http.StatusOK, "admin_audit", s.cat.T(lang, "admin.audit", nil), d)
}
