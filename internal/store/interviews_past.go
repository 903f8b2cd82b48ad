package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// RecordPastInterview adds an interview that was held before the entry
// reached where it stands, such as one from a program's history: unlike
// CreateInterview it leaves the entry's stage alone.
func (s Entries) RecordPastInterview(ctx context.Context, iv *domain.Interview) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	e, err := s.Entry(ctx, iv.EntryID)
	if err != nil {
		return err
	}
	iv.ID, err = s.insertID(ctx, `INSERT INTO interviews (entry_id, municipality_id, starts_at, ends_at, place,
		video_url, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		iv.EntryID, e.MunicipalityID, iv.StartsAt.UTC(), iv.EndsAt.UTC(), iv.Place, iv.VideoURL, iv.Note,
		nullID(iv.CreatedBy), s.now())
	return err
}
