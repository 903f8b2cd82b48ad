package importer

import (
	"context"
	"errors"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// katakanaReading returns s as a katakana reading (domain.NormalizeKana:
// half-width kana become full-width, hiragana katakana). It returns "" when
// the result is not a katakana reading (kanji, Latin letters, blank).
func katakanaReading(s string) string {
	if k := domain.NormalizeKana(s); domain.IsKatakanaReading(k) {
		return k
	}
	return ""
}

// findTalent returns the talent with the row's address, creating one when
// there is none; created says which.
func findTalent(ctx context.Context, tx *store.Store, rec formsimport.Record, pr Profile) (t domain.Talent, created bool, err error) {
	t, err = tx.Talents().TalentByEmail(ctx, rec.Email)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		return t, false, err
	}
	t = domain.Talent{
		Name:             rec.Name,
		NameKana:         katakanaReading(rec.Furigana),
		Background:       strings.Join(pr.Rest, "\n"),
		ResidencePref:    pr.Pref,
		ResidenceLGCode:  pr.LGCode,
		Skills:           pr.Skills,
		Affinities:       pr.Affinities,
		HoursPerMonth:    pr.Hours,
		ResidenceCountry: "JP",
		TimeZone:         "Asia/Tokyo",
	}
	u, err := tx.Accounts().UserByEmail(ctx, rec.Email)
	switch domain.ErrorCode(err) {
	case "":
		t.UserID = u.ID
	case domain.CodeNotFound:
	default:
		return t, false, err
	}
	if err := tx.Talents().CreateTalent(ctx, &t); err != nil {
		if fieldError(err, "name_kana") {
			return t, false, skip(CodeFuriganaInvalid, map[string]any{"Value": rec.Furigana})
		}
		return t, false, err
	}
	if t.UserID == 0 {
		err = tx.Talents().SetTalentContactEmail(ctx, t.ID, rec.Email)
	}
	return t, true, err
}

// fieldError reports whether err is a validation error about field.
func fieldError(err error, field string) bool {
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeInvalid {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}
