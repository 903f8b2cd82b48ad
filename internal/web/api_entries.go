package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

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
	Placement   int64     `json:"placement,omitempty"`
	Motivation  string    `json:"motivation"`
	Status      string    `json:"status"`
	SubmittedAt time.Time `json:"submitted_at"`
}

// apiEnter is POST /api/v1/programs/{slug}/entries: 201 with the entry; the
// same Idempotency-Key again with the same body answers with the same
// entry and makes no other, and with another body is refused with 422.
// The user is the one of a personal token sent as "Authorization: Bearer
// tsu_…", or else the signed-in session's.
func (s entryPages) apiEnter(r *http.Request, lang i18n.Lang) (any, error) {
	token, hasToken := "", false
	if h := r.Header.Get("Authorization"); h != "" {
		var ok bool
		if token, ok = strings.CutPrefix(h, "Bearer "); !ok {
			return nil, domain.Errorf(domain.CodeUnauthorized, "error.token_unknown")
		}
		hasToken = true
	}
	// The writing turn first: at a deadline a busy answer must cost
	// nothing, or retries would take the turns' place.
	ctx, release, err := s.app.Entries.Admit(r.Context())
	if err != nil {
		return nil, err
	}
	defer release()
	ef, err := s.app.Entries.FormByToken(ctx, token, hasToken, r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	var req apiEntryRequest
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxFormBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, &fieldError{Field: "body", Err: domain.Errorf(domain.CodeInvalid, "error.json", "Detail", err.Error())}
	}
	in := app.EntryInput{Choices: req.Choices, Motivation: req.Motivation, Lang: lang, Program: ef.Program.Title,
		Key: strings.TrimSpace(r.Header.Get("Idempotency-Key"))}
	if in.Key != "" {
		in.RequestHash = req.hash()
	}
	e, err := s.app.Entries.Enter(ctx, ef, in)
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.CodeInvalid && len(de.Fields) > 0 {
		// The first problem, tied to its field.
		first := de.Fields[0]
		return nil, &fieldError{Field: first.Field, Err: &domain.Error{Code: domain.CodeInvalid, Key: first.Key, Args: first.Args}}
	}
	if err != nil {
		return nil, err
	}
	choices := e.Choices
	if choices == nil {
		choices = []int64{} // a pre-entry: none, never null
	}
	return created{apiEntry{ID: e.ID, Program: ef.Program.Slug, Choices: choices, Placement: e.Placement, Motivation: e.Motivation,
		Status: string(e.Status), SubmittedAt: e.SubmittedAt.UTC()}}, nil
}
