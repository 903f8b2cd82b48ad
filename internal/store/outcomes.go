package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// SaveIndicator declares an outcome indicator or records its result.
// Once the team is completed its outcomes are locked: they count in the
// council's figures and in the credentials, and only CorrectIndicator may
// change them.
func (s Workspaces) SaveIndicator(ctx context.Context, in *domain.Indicator) error {
	if err := in.Validate(); err != nil {
		return err
	}
	g, err := s.Engagement(ctx, in.EngagementID)
	if err != nil {
		return err
	}
	if g.Status == domain.EngagementCompleted {
		return outcomeLocked()
	}
	return s.writeIndicator(ctx, g, in)
}

// outcomeLocked refuses a change to a completed team's outcomes.
func outcomeLocked() error {
	return &domain.Error{Code: domain.CodeConflict, Key: "error.outcome_locked",
		Fields: []domain.FieldError{{Field: "indicator", Key: "error.outcome_locked"}}}
}

// CorrectIndicator changes an outcome of a completed team, which only
// municipal staff do and only with a reason; it returns the indicator as
// it was, so the correction can be recorded with both.
func (s Workspaces) CorrectIndicator(ctx context.Context, in *domain.Indicator, reason string) (domain.Indicator, error) {
	var before domain.Indicator
	var v domain.ValidationErrors
	if err := in.Validate(); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return before, err
		}
		v.Fields = append(v.Fields, de.Fields...)
	}
	if strings.TrimSpace(reason) == "" {
		v.Add("reason", "error.correction_reason")
	}
	if err := v.Err(); err != nil {
		return before, err
	}
	g, err := s.Engagement(ctx, in.EngagementID)
	if err != nil {
		return before, err
	}
	if g.Status != domain.EngagementCompleted {
		return before, domain.Errorf(domain.CodeConflict, "error.correction_active")
	}
	if in.ID == 0 {
		return before, outcomeLocked() // a correction changes a recorded outcome; none is added
	}
	all, err := s.Indicators(ctx, g.ID)
	if err != nil {
		return before, err
	}
	for _, x := range all {
		if x.ID == in.ID {
			return x, s.writeIndicator(ctx, g, in)
		}
	}
	return before, domain.NotFound("indicator")
}

// writeIndicator inserts or updates an indicator of the engagement.
func (s Workspaces) writeIndicator(ctx context.Context, g domain.Engagement, in *domain.Indicator) error {
	var result, recorded any
	if in.HasResult() {
		in.RecordedAt = s.now()
		result, recorded = in.Result, in.RecordedAt
	}
	if in.ID == 0 {
		id, err := s.insertID(ctx, `INSERT INTO indicators (engagement_id, municipality_id, kind, sdg, baseline, result,
			evidence, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, in.EngagementID, g.MunicipalityID, in.Kind,
			in.SDG, in.Baseline, result, in.Evidence, recorded)
		in.ID = id
		return err
	}
	res, err := s.exec(ctx, `UPDATE indicators SET kind = $1, sdg = $2, baseline = $3, result = $4, evidence = $5,
		recorded_at = $6 WHERE id = $7 AND engagement_id = $8`, in.Kind, in.SDG, in.Baseline, result, in.Evidence, recorded,
		in.ID, in.EngagementID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("indicator")
	}
	return nil
}

// Indicators lists an engagement's indicators.
func (s Workspaces) Indicators(ctx context.Context, engagementID int64) ([]domain.Indicator, error) {
	rows, err := s.query(ctx, `SELECT id, engagement_id, kind, sdg, baseline, result, evidence, recorded_at FROM indicators
		WHERE engagement_id = $1 ORDER BY id`, engagementID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Indicator
	for rows.Next() {
		var in domain.Indicator
		var result sql.NullFloat64
		var recorded sql.NullTime
		if err := rows.Scan(&in.ID, &in.EngagementID, &in.Kind, &in.SDG, &in.Baseline, &result, &in.Evidence, &recorded); err != nil {
			return nil, err
		}
		in.Result = math.NaN()
		if result.Valid {
			in.Result = result.Float64
		}
		if recorded.Valid {
			in.RecordedAt = recorded.Time.UTC()
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// SaveTeamReview stores one side's review after completion; writing again
// replaces it.
func (s Workspaces) SaveTeamReview(ctx context.Context, r *domain.TeamReview) error {
	if err := r.Validate(); err != nil {
		return err
	}
	g, err := s.Engagement(ctx, r.EngagementID)
	if err != nil {
		return err
	}
	if g.Status != domain.EngagementCompleted {
		return domain.Errorf(domain.CodeConflict, "error.review_before_completion")
	}
	r.At = s.now()
	_, err = s.exec(ctx, `INSERT INTO team_reviews (engagement_id, side, author_id, talent_id, score, comment, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (engagement_id, side, talent_id) DO UPDATE SET
		author_id = excluded.author_id, score = excluded.score, comment = excluded.comment, at = excluded.at`,
		r.EngagementID, r.Side, nullID(r.AuthorID), r.TalentID, r.Score, r.Comment, r.At)
	return mapError(err, "review")
}

// TeamReviews lists an engagement's reviews.
func (s Workspaces) TeamReviews(ctx context.Context, engagementID int64) ([]domain.TeamReview, error) {
	rows, err := s.query(ctx, `SELECT id, engagement_id, side, COALESCE(author_id, 0), talent_id, score, comment, at
		FROM team_reviews WHERE engagement_id = $1 ORDER BY id`, engagementID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.TeamReview
	for rows.Next() {
		var r domain.TeamReview
		if err := rows.Scan(&r.ID, &r.EngagementID, &r.Side, &r.AuthorID, &r.TalentID, &r.Score, &r.Comment, &r.At); err != nil {
			return nil, err
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
