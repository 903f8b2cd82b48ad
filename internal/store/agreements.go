package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// acceptedByAll is the SQL condition that agreement a was accepted by all
// three parties in its current version.
const acceptedByAll = `(SELECT COUNT(*) FROM agreement_acceptances x WHERE x.agreement_id = a.id AND x.version = a.version) = 3`

const agreementColumns = `id, entry_id, project_id, municipality_id, talent_id, kind, reward_yen, hours_per_month,
	starts_on, ends_on, deliverables, version, updated_at`

func scanAgreement(row interface{ Scan(...any) error }) (domain.Agreement, error) {
	var a domain.Agreement
	var starts, ends sql.NullTime
	err := row.Scan(&a.ID, &a.EntryID, &a.ProjectID, &a.MunicipalityID, &a.TalentID, &a.Type, &a.RewardYen,
		&a.HoursPerMonth, &starts, &ends, &a.Deliverables, &a.Version, &a.UpdatedAt)
	a.StartsOn, a.EndsOn, a.UpdatedAt = dateOf(starts), dateOf(ends), a.UpdatedAt.UTC()
	return a, err
}

// SaveAgreement drafts or changes the terms of an entry that has an offer
// (内定) or an agreement (合意). A change makes a new version, which voids
// every earlier acceptance. The project is the entry's placement or one of
// its choices.
func (s Agreements) SaveAgreement(ctx context.Context, a *domain.Agreement, actorID int64) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		e, err := tx.Entries().Entry(ctx, a.EntryID)
		if err != nil {
			return err
		}
		if e.Status != domain.EntryOffered && e.Status != domain.EntryAgreed {
			return domain.Errorf(domain.CodeConflict, "error.agreement_needs_offer")
		}
		chosen := e.Placement != 0 && e.Placement == a.ProjectID
		for _, id := range e.Choices {
			chosen = chosen || id == a.ProjectID
		}
		if !chosen {
			return &domain.Error{Code: domain.CodeInvalid, Key: "error.agreement_project",
				Fields: []domain.FieldError{{Field: "project", Key: "error.agreement_project"}}}
		}
		a.MunicipalityID, a.TalentID, a.UpdatedAt = e.MunicipalityID, e.TalentID, tx.now()
		cur, err := tx.Agreements().AgreementOfEntry(ctx, a.EntryID)
		switch {
		case domain.ErrorCode(err) == domain.CodeNotFound:
			a.Version = 1
			id, err := tx.insertID(ctx, `INSERT INTO agreements (entry_id, project_id, municipality_id, talent_id, kind,
				reward_yen, hours_per_month, starts_on, ends_on, deliverables, version, created_by, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)`, a.EntryID, a.ProjectID, a.MunicipalityID,
				a.TalentID, a.Type, a.RewardYen, a.HoursPerMonth, nullDate(a.StartsOn), nullDate(a.EndsOn), a.Deliverables,
				nullID(actorID), a.UpdatedAt)
			a.ID = id
			return err
		case err != nil:
			return err
		}
		a.ID, a.Version, a.Accepted = cur.ID, cur.Version+1, nil
		_, err = tx.exec(ctx, `UPDATE agreements SET project_id = $1, kind = $2, reward_yen = $3, hours_per_month = $4,
			starts_on = $5, ends_on = $6, deliverables = $7, version = $8, updated_at = $9 WHERE id = $10`,
			a.ProjectID, a.Type, a.RewardYen, a.HoursPerMonth, nullDate(a.StartsOn), nullDate(a.EndsOn), a.Deliverables,
			a.Version, a.UpdatedAt, a.ID)
		return err
	})
}

// AgreementOfEntry finds an entry's agreement with the acceptances of its
// current version.
func (s Agreements) AgreementOfEntry(ctx context.Context, entryID int64) (domain.Agreement, error) {
	a, err := scanAgreement(s.queryRow(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE entry_id = $1`, entryID))
	if errors.Is(err, sql.ErrNoRows) {
		return a, domain.NotFound("agreement")
	}
	if err != nil {
		return a, err
	}
	return a, s.loadAcceptances(ctx, &a)
}

// Agreement finds an agreement by id.
func (s Agreements) Agreement(ctx context.Context, id int64) (domain.Agreement, error) {
	a, err := scanAgreement(s.queryRow(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, domain.NotFound("agreement")
	}
	if err != nil {
		return a, err
	}
	return a, s.loadAcceptances(ctx, &a)
}

func (s Agreements) loadAcceptances(ctx context.Context, a *domain.Agreement) error {
	rows, err := s.query(ctx, `SELECT party, user_id, at FROM agreement_acceptances WHERE agreement_id = $1 AND version = $2
		ORDER BY at`, a.ID, a.Version)
	if err != nil {
		return err
	}
	defer rows.Close()
	a.Accepted = nil
	for rows.Next() {
		var x domain.Acceptance
		var by sql.NullInt64
		if err := rows.Scan(&x.Party, &by, &x.At); err != nil {
			return err
		}
		x.By, x.At = by.Int64, x.At.UTC()
		a.Accepted = append(a.Accepted, x)
	}
	return rows.Err()
}

// AcceptAgreement records one party's acceptance of the version the person
// saw; accepting an outdated version is refused. When the third party
// accepts, the project team's workspace opens (or the talent joins it) and
// the entry is 合意.
func (s Agreements) AcceptAgreement(ctx context.Context, id int64, version int, party domain.Party, userID int64) (domain.Agreement, error) {
	var a domain.Agreement
	err := s.transact(ctx, func(tx *Store) error {
		var err error
		if a, err = tx.Agreements().Agreement(ctx, id); err != nil {
			return err
		}
		if a.Version != version {
			return domain.Errorf(domain.CodeConflict, "error.agreement_changed")
		}
		if a.AcceptedBy(party) {
			return nil
		}
		now := tx.now()
		if _, err := tx.exec(ctx, `INSERT INTO agreement_acceptances (agreement_id, version, party, user_id, at)
			VALUES ($1, $2, $3, $4, $5)`, a.ID, a.Version, party, nullID(userID), now); err != nil {
			return mapError(err, "agreement")
		}
		a.Accepted = append(a.Accepted, domain.Acceptance{Party: party, By: userID, At: now})
		if !a.Complete() {
			return nil
		}
		if _, err := tx.Workspaces().openEngagement(ctx, a); err != nil {
			return err
		}
		e, err := tx.Entries().Entry(ctx, a.EntryID)
		if err != nil {
			return err
		}
		if e.Status == domain.EntryOffered {
			_, err = tx.Entries().setEntryStatus(ctx, e, domain.EntryAgreed, userID, "agreement accepted")
		}
		return err
	})
	return a, err
}

// AgreementsOfProject lists the agreements for a project.
func (s Agreements) AgreementsOfProject(ctx context.Context, projectID int64) ([]domain.Agreement, error) {
	rows, err := s.query(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE project_id = $1 ORDER BY id`, projectID)
	if err != nil {
		return nil, err
	}
	var out []domain.Agreement
	for rows.Next() {
		a, err := scanAgreement(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.loadAcceptances(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AgreementsOfTalent lists a talent's agreements, newest first, each with
// the acceptances of its current version: two statements whatever their
// number.
func (s Agreements) AgreementsOfTalent(ctx context.Context, talentID int64) ([]domain.Agreement, error) {
	rows, err := s.query(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE talent_id = $1 ORDER BY id DESC`, talentID)
	if err != nil {
		return nil, err
	}
	out := []domain.Agreement{}
	at := map[int64]int{}
	for rows.Next() {
		a, err := scanAgreement(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		at[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = s.query(ctx, `SELECT x.agreement_id, x.party, x.user_id, x.at FROM agreement_acceptances x
		JOIN agreements a ON a.id = x.agreement_id AND x.version = a.version
		WHERE a.talent_id = $1 ORDER BY x.agreement_id, x.at`, talentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var x domain.Acceptance
		var by sql.NullInt64
		if err := rows.Scan(&id, &x.Party, &by, &x.At); err != nil {
			return nil, err
		}
		x.By, x.At = by.Int64, x.At.UTC()
		a := &out[at[id]]
		a.Accepted = append(a.Accepted, x)
	}
	return out, rows.Err()
}
