package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net/http"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// apiUser is the user behind an API request: a personal token sent as
// "Authorization: Bearer tsu_…", or else the signed-in session.
func (s *Server) apiUser(r *http.Request) (int64, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return 0, domain.Errorf(domain.CodeUnauthorized, "error.token_unknown")
		}
		return s.store.APITokenUser(r.Context(), auth.HashToken(strings.TrimSpace(token)))
	}
	if id := s.userID(r); id != 0 {
		return id, nil
	}
	return 0, domain.Errorf(domain.CodeUnauthorized, "error.sign_in")
}

type apiEntryRequest struct {
	Choices    []int64 `json:"choices"`
	Motivation string  `json:"motivation"`
}

// hash fingerprints the request as decoded (so spacing and key order do
// not matter), to tell a retry from another request under the same
// Idempotency-Key.
func (req apiEntryRequest) hash() string {
	b, _ := json.Marshal(req) // a struct of ints and a string always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

type apiEntry struct {
	ID          int64     `json:"id"`
	Program     string    `json:"program"`
	Choices     []int64   `json:"choices"`
	Motivation  string    `json:"motivation"`
	Status      string    `json:"status"`
	SubmittedAt time.Time `json:"submitted_at"`
}

// apiEnter is POST /api/v1/programs/{slug}/entries: 201 with the entry; the
// same Idempotency-Key again with the same body answers with the same
// entry and makes no other, and with another body is refused with 422.
func (s *Server) apiEnter(r *http.Request, lang i18n.Lang) (any, error) {
	ctx := r.Context()
	userID, err := s.apiUser(r)
	if err != nil {
		return nil, err
	}
	talent, err := s.store.TalentByUser(ctx, userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return nil, domain.Errorf(domain.CodeConflict, "error.profile_required")
	}
	if err != nil {
		return nil, err
	}
	p, err := s.store.ProgramBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	if phase := p.Phase(s.now()); phase != domain.PhaseOpen {
		key := "error.program_closed"
		if phase == domain.PhaseUpcoming {
			key = "error.program_upcoming"
		}
		return nil, domain.Errorf(domain.CodeConflict, key, "Title", p.Title)
	}
	var req apiEntryRequest
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxFormBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, &fieldError{Field: "body", Err: domain.Errorf(domain.CodeInvalid, "error.json", "Detail", err.Error())}
	}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return nil, err
	}
	titles := map[int64]string{}
	for _, pr := range page.Projects {
		titles[pr.ID] = pr.Title
	}
	var chosen []string
	for _, id := range req.Choices {
		title, ok := titles[id]
		if !ok {
			return nil, &fieldError{Field: "choices", Err: domain.Errorf(domain.CodeInvalid, "error.choice_program")}
		}
		chosen = append(chosen, title)
	}
	e := domain.Entry{MunicipalityID: p.MunicipalityID, ProgramID: p.ID, TalentID: talent.ID, Choices: req.Choices,
		Motivation: strings.TrimSpace(req.Motivation), Status: domain.EntrySubmitted, SubmittedAt: time.Now(),
		IdempotencyKey: strings.TrimSpace(r.Header.Get("Idempotency-Key"))}
	if e.IdempotencyKey != "" {
		e.RequestHash = req.hash()
	}
	if len([]rune(e.Motivation)) > maxMotivation {
		return nil, &fieldError{Field: "motivation", Err: domain.Errorf(domain.CodeInvalid, "error.too_long", "Max", maxMotivation)}
	}
	u, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	_, err = s.app.Entries.Submit(ctx, app.Submission{Entry: &e, User: u, Lang: lang, Program: p.Title, Projects: chosen})
	if err != nil {
		return nil, err
	}
	return created{apiEntry{ID: e.ID, Program: p.Slug, Choices: e.Choices, Motivation: e.Motivation,
		Status: string(e.Status), SubmittedAt: e.SubmittedAt.UTC()}}, nil
}
