package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// defaultEntryPage is how many entries a page of the API's entry list
// holds when the request does not say.
const defaultEntryPage = 50

// bearer lets the API act for the owner of a personal token: a request
// that sends "Authorization: Bearer tsu_…" acts as the token's owner (never
// as a session the same client may have), one without as the signed-in
// person, if any. What either may do is what the pages let them do; a
// refusal is written to the audit log as on the pages.
func (s *Server) bearer(h jsonHandler) jsonHandler {
	return func(r *http.Request, lang i18n.Lang) (any, error) {
		if header := r.Header.Get("Authorization"); header != "" {
			scheme, token, _ := strings.Cut(header, " ")
			if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
				return nil, app.ErrSignIn
			}
			ctx, err := s.app.Accounts.WithAPIToken(r.Context(), token)
			if err != nil {
				return nil, err
			}
			r = r.WithContext(ctx)
		}
		v, err := h(r, lang)
		s.recordDenial(r, err)
		return v, err
	}
}

// apiEntrant is an entrant as the people who screen them see them in a
// list: their name, never their contact details.
type apiEntrant struct {
	Name string `json:"name"`
	Kana string `json:"kana,omitempty"`
}

// apiScreenedEntry is an entry as the screening board shows it.
type apiScreenedEntry struct {
	ID          int64       `json:"id"`
	Stage       string      `json:"stage"`
	SubmittedAt time.Time   `json:"submitted_at"`
	Choices     []int64     `json:"choices"`
	Entrant     *apiEntrant `json:"entrant,omitempty"`
}

type apiEntryList struct {
	Program    string             `json:"program"`
	Total      int                `json:"total"`
	Offset     int                `json:"offset"`
	Limit      int                `json:"limit"`
	NextOffset *int               `json:"next_offset,omitempty"`
	Entries    []apiScreenedEntry `json:"entries"`
}

// apiProgramEntries is GET /api/v1/municipalities/{lgcode}/programs/{slug}/entries:
// a page of the program's entries, for those who may open its screening
// board and only what it shows them (a leader, the entries assigned to
// them).
func (s screeningPages) apiProgramEntries(r *http.Request, lang i18n.Lang) (any, error) {
	q := r.URL.Query()
	offset, err := pageParam(q.Get("offset"), "offset", 0, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	limit, err := pageParam(q.Get("limit"), "limit", defaultEntryPage, 1, app.MaxEntryPage)
	if err != nil {
		return nil, err
	}
	l, err := s.app.Screening.ProgramEntries(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), offset, limit)
	if err != nil {
		return nil, err
	}
	out := apiEntryList{Program: l.Program.Slug, Total: l.Total, Offset: l.Offset, Limit: limit,
		Entries: make([]apiScreenedEntry, len(l.Entries))}
	for i, e := range l.Entries {
		out.Entries[i] = apiScreenedEntry{ID: e.ID, Stage: string(e.Status), SubmittedAt: e.SubmittedAt.UTC(),
			Choices: nonNil(e.Choices), Entrant: &apiEntrant{Name: e.TalentName, Kana: e.TalentKana}}
	}
	if next := l.Offset + len(l.Entries); next < l.Total {
		out.NextOffset = &next
	}
	return out, nil
}

// pageParam reads a paging parameter: def when it is absent, else a whole
// number from lo to hi.
func pageParam(v, field string, def, lo, hi int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := domain.ParseNumber(v)
	if err != nil {
		return 0, invalidParam(field, "error.number")
	}
	if n < lo || n > hi {
		return 0, invalidParam(field, "error.range", "Min", lo, "Max", hi)
	}
	return n, nil
}

// apiMoveRequest is the body of a bulk move.
type apiMoveRequest struct {
	Entries []int64 `json:"entries"`
	To      string  `json:"to"`
	Reason  string  `json:"reason"`
}

// apiMovedEntry is an entry a move changed, with the stage it left.
type apiMovedEntry struct {
	apiScreenedEntry
	From string `json:"from"`
}

type apiMoveResult struct {
	To    string          `json:"to"`
	Moved []apiMovedEntry `json:"moved"`
}

// apiMoveEntries is POST /api/v1/municipalities/{lgcode}/programs/{slug}/entries/move:
// the board's bulk move. The same rights (partners and staff move between
// stages; only municipal staff decide 内定, 合意 and 見送り) and the same
// stage rules apply, all entries move in one transaction or none does, and
// each entrant is told as from the board. Entries already at the stage are
// left alone and not listed.
func (s screeningPages) apiMoveEntries(r *http.Request, lang i18n.Lang) (any, error) {
	sc, err := s.app.Screening.ProgramFor(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), policy.MoveEntries)
	if err != nil {
		return nil, err
	}
	var req apiMoveRequest
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxFormBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, invalidParam("body", "error.json")
	}
	if len(req.Entries) == 0 {
		return nil, invalidParam("entries", "error.entries_none")
	}
	moved, err := s.app.Screening.Move(r.Context(), sc.Actor, sc.Municipality, sc.Program, req.Entries,
		domain.EntryStatus(req.To), req.Reason)
	if err != nil {
		return nil, firstFieldError(err)
	}
	out := apiMoveResult{To: req.To, Moved: make([]apiMovedEntry, len(moved))}
	for i, m := range moved {
		e := m.Entry
		out.Moved[i] = apiMovedEntry{From: string(m.From), apiScreenedEntry: apiScreenedEntry{ID: e.ID,
			Stage: string(e.Status), SubmittedAt: e.SubmittedAt.UTC(), Choices: nonNil(e.Choices)}}
	}
	return out, nil
}

// firstFieldError ties an invalid error that names fields to the first of
// them, as the API's error shape has one field.
func firstFieldError(err error) error {
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.CodeInvalid && len(de.Fields) > 0 {
		first := de.Fields[0]
		return &fieldError{Field: first.Field, Err: &domain.Error{Code: domain.CodeInvalid, Key: first.Key, Args: first.Args}}
	}
	return err
}
