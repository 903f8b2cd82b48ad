package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ScoutConsents gives, per municipality, the talent's newest answer to
// being found by its staff.
func (s Talents) ScoutConsents(ctx context.Context, userID int64) (map[int64]domain.Consent, error) {
	hist, err := Compliance(s).ConsentHistory(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := map[int64]domain.Consent{}
	for _, c := range hist {
		if c.Purpose != domain.ConsentScout || c.MunicipalityID == 0 {
			continue
		}
		if _, seen := out[c.MunicipalityID]; !seen {
			out[c.MunicipalityID] = c
		}
	}
	return out, nil
}

// Pool lists the talents whose newest answer lets the municipality's staff
// find them. Only they are ever shown to the municipality.
func (s Talents) Pool(ctx context.Context, municipalityID int64) ([]domain.Talent, error) {
	ids, err := s.queryIDs(ctx, `SELECT t.id FROM talents t JOIN consents c ON c.user_id = t.user_id
		WHERE c.purpose = $1 AND c.municipality_id = $2 AND c.granted = $3
		AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.user_id = c.user_id AND n.purpose = c.purpose
			AND n.municipality_id = c.municipality_id AND (n.at > c.at OR (n.at = c.at AND n.id > c.id)))
		ORDER BY t.id`, domain.ConsentScout, municipalityID, true)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Talent, 0, len(ids))
	for _, id := range ids {
		t, err := s.Talent(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// InPool reports whether a talent may currently be found by the
// municipality.
func (s Talents) InPool(ctx context.Context, municipalityID, talentID int64) (bool, error) {
	pool, err := s.Pool(ctx, municipalityID)
	if err != nil {
		return false, err
	}
	for _, t := range pool {
		if t.ID == talentID {
			return true, nil
		}
	}
	return false, nil
}

// SendScout records an offer to a talent in the municipality's pool.
func (s Talents) SendScout(ctx context.Context, o *domain.ScoutOffer) error {
	if err := o.Validate(); err != nil {
		return err
	}
	ok, err := s.InPool(ctx, o.MunicipalityID, o.TalentID)
	if err != nil {
		return err
	}
	if !ok {
		return domain.NotFound("talent")
	}
	o.Status, o.CreatedAt = domain.ScoutSent, s.now()
	id, err := s.insertID(ctx, `INSERT INTO scout_offers (municipality_id, talent_id, project_id, sender_id, message, status,
		created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, o.MunicipalityID, o.TalentID, nullID(o.ProjectID), nullID(o.SenderID),
		o.Message, o.Status, o.CreatedAt)
	o.ID = id
	return err
}

const scoutColumns = `id, municipality_id, talent_id, COALESCE(project_id, 0), COALESCE(sender_id, 0), message, status,
	created_at, answered_at`

func scanScout(row interface{ Scan(...any) error }) (domain.ScoutOffer, error) {
	var o domain.ScoutOffer
	var answered sql.NullTime
	err := row.Scan(&o.ID, &o.MunicipalityID, &o.TalentID, &o.ProjectID, &o.SenderID, &o.Message, &o.Status, &o.CreatedAt, &answered)
	o.CreatedAt = o.CreatedAt.UTC()
	if answered.Valid {
		o.AnsweredAt = answered.Time.UTC()
	}
	return o, err
}

// ScoutsOf lists the offers a talent received, newest first.
func (s Talents) ScoutsOf(ctx context.Context, talentID int64) ([]domain.ScoutOffer, error) {
	rows, err := s.query(ctx, `SELECT `+scoutColumns+` FROM scout_offers WHERE talent_id = $1 ORDER BY created_at DESC, id DESC`, talentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ScoutOffer
	for rows.Next() {
		o, err := scanScout(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// AnswerScout records the talent's answer to an offer made to them.
func (s Talents) AnswerScout(ctx context.Context, id, talentID int64, accept bool) (domain.ScoutOffer, error) {
	o, err := scanScout(s.queryRow(ctx, `SELECT `+scoutColumns+` FROM scout_offers WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && o.TalentID != talentID) {
		return o, domain.NotFound("scout")
	}
	if err != nil {
		return o, err
	}
	if o.Status != domain.ScoutSent {
		return o, domain.Errorf(domain.CodeConflict, "error.scout_answered")
	}
	o.Status = domain.ScoutDeclined
	if accept {
		o.Status = domain.ScoutAccepted
	}
	o.AnsweredAt = s.now()
	_, err = s.exec(ctx, `UPDATE scout_offers SET status = $1, answered_at = $2 WHERE id = $3`, o.Status, o.AnsweredAt, id)
	return o, err
}
