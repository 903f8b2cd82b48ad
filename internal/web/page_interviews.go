package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// readInterview reads an interview form (date, time, minutes, place,
// video link, note); a date or time that cannot be read is reported on
// the form.
func (s screeningPages) readInterview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) (*form, domain.Interview, bool, error) {
	f, err := readForm(w, r, "date", "time", "minutes", "place", "video_url", "note")
	if err != nil {
		return nil, domain.Interview{}, false, err
	}
	iv := domain.Interview{Place: f.Values["place"], VideoURL: f.Values["video_url"], Note: f.Values["note"]}
	start, perr := domain.ParseDateTime(f.Values["date"], f.Values["time"])
	minutes, merr := domain.ParseNumber(f.Values["minutes"])
	if perr != nil {
		f.Errors["date"] = s.cat.T(lang, "error.date", nil)
	}
	if merr != nil {
		minutes = 0
	}
	iv.StartsAt, iv.EndsAt = start, start.Add(time.Duration(minutes)*time.Minute)
	return f, iv, perr == nil, nil
}

// rescheduleInterview moves an interview and sends every participant the
// updated invitation.
func (s screeningPages) rescheduleInterview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, iv, ok, err := s.readInterview(w, r, lang)
	if err != nil {
		return err
	}
	iv.ID, _ = strconv.ParseInt(r.PathValue("iv"), 10, 64)
	if ok {
		err = s.app.Screening.RescheduleInterview(r.Context(), sc, &iv)
		if domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeConflict {
			s.fieldErrors(lang, f, err)
		} else if err != nil {
			return err
		}
	}
	if f.Has() {
		return s.showEntryAgain(w, r, lang, sc, f)
	}
	http.Redirect(w, r, entryAdminURL(sc.Municipality, sc.Entry, "rescheduled"), http.StatusSeeOther)
	return nil
}

// cancelInterview cancels an interview and sends every participant the
// cancellation.
func (s screeningPages) cancelInterview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	id, _ := strconv.ParseInt(r.PathValue("iv"), 10, 64)
	err = s.app.Screening.CancelInterview(r.Context(), sc, id)
	if domain.ErrorCode(err) == domain.CodeConflict {
		s.fieldErrors(lang, f, err)
		return s.showEntryAgain(w, r, lang, sc, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, entryAdminURL(sc.Municipality, sc.Entry, "cancelled"), http.StatusSeeOther)
	return nil
}
