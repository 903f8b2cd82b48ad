package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const programColumns = `id, municipality_id, slug, title, title_en, summary, summary_en, entry_opens_at, entry_closes_at, stages,
	choice_mode, delegate_id, selection_on, announced_on, kickoff_on, midterm_on, final_on, ends_on`

func scanProgram(row interface{ Scan(...any) error }) (domain.Program, error) {
	var p domain.Program
	var stages string
	days := make([]sql.NullTime, len(domain.TimelineSteps()))
	err := row.Scan(&p.ID, &p.MunicipalityID, &p.Slug, &p.Title, &p.TitleEN, &p.Summary,
		&p.SummaryEN, &p.EntryOpensAt, &p.EntryClosesAt, &stages, &p.ChoiceMode, &p.Delegate,
		&days[0], &days[1], &days[2], &days[3], &days[4], &days[5])
	for i, step := range domain.TimelineSteps() {
		p.Timeline.SetDay(step, dateOf(days[i]))
	}
	p.EntryOpensAt, p.EntryClosesAt = p.EntryOpensAt.UTC(), p.EntryClosesAt.UTC()
	if stages != "" {
		for _, st := range strings.Split(stages, ",") {
			p.Stages = append(p.Stages, domain.EntryStatus(st))
		}
	}
	return p, err
}

// SetProgramStages chooses the screening stages a program uses. A stage
// that still holds entries cannot be left out.
func (s Directory) SetProgramStages(ctx context.Context, programID int64, stages []domain.EntryStatus) error {
	if err := domain.ValidateStages(stages); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		keep := map[domain.EntryStatus]bool{}
		names := make([]string, len(stages))
		for i, st := range stages {
			keep[st], names[i] = true, string(st)
		}
		for _, st := range domain.OptionalStages() {
			if keep[st] {
				continue
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM entries WHERE program_id = $1 AND status = $2`,
				programID, st).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return domain.Errorf(domain.CodeConflict, "error.stage_in_use", "Stage", "entry.status_"+string(st), "Count", n)
			}
		}
		list := strings.Join(names, ",")
		if slices.Equal(stages, domain.Stages()) {
			list = ""
		}
		res, err := tx.exec(ctx, `UPDATE programs SET stages = $1 WHERE id = $2`, list, programID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.NotFound("program")
		}
		return nil
	})
}

// SetProgramChoiceMode sets how a program's entrants choose projects.
func (s Directory) SetProgramChoiceMode(ctx context.Context, programID int64, mode domain.ChoiceMode) error {
	if !mode.Valid() {
		return &domain.Error{Code: domain.CodeInvalid, Key: "error.choice", Args: map[string]any{"Value": string(mode)},
			Fields: []domain.FieldError{{Field: "choice_mode", Key: "error.choice", Args: map[string]any{"Value": string(mode)}}}}
	}
	res, err := s.exec(ctx, `UPDATE programs SET choice_mode = $1 WHERE id = $2`, mode, programID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("program")
	}
	return nil
}

// SetProgramDelegate delegates a program's day-to-day operations to a
// partner of its municipality, which becomes a co-host if it was not one,
// or (delegate 0) takes them back.
func (s Directory) SetProgramDelegate(ctx context.Context, programID, delegate int64) error {
	return s.transact(ctx, func(tx *Store) error {
		p, err := tx.Directory().ProgramByID(ctx, programID)
		if err != nil {
			return err
		}
		if delegate != 0 {
			o, err := tx.Directory().Organization(ctx, delegate)
			if err != nil || o.Kind != domain.OrgPartner || o.MunicipalityID != p.MunicipalityID {
				return delegateError()
			}
			if !slices.Contains(p.HostIDs, delegate) {
				if _, err := tx.exec(ctx, `INSERT INTO program_hosts (program_id, organization_id, municipality_id, position)
					VALUES ($1, $2, $3, $4)`, p.ID, delegate, p.MunicipalityID, len(p.HostIDs)); err != nil {
					return mapError(err, "program_host")
				}
			}
		}
		_, err = tx.exec(ctx, `UPDATE programs SET delegate_id = $1 WHERE id = $2`, delegate, programID)
		return err
	})
}

// delegateError is a delegate that is not a partner co-host of the program.
func delegateError() error {
	var v domain.ValidationErrors
	v.Add("delegate", "error.delegate_partner")
	return v.Err()
}

// CreateProgram adds a program with its co-hosts, which must belong to the
// same municipality.
func (s Directory) CreateProgram(ctx context.Context, p *domain.Program) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		hosts, err := tx.Directory().OrganizationsByID(ctx, p.HostIDs)
		if err != nil {
			return err
		}
		for _, id := range p.HostIDs {
			if h, ok := hosts[id]; !ok || h.MunicipalityID != p.MunicipalityID {
				return domain.Errorf(domain.CodeInvalid, "error.host_municipality", "Value", id)
			}
		}
		if p.Delegate != 0 && hosts[p.Delegate].Kind != domain.OrgPartner {
			return delegateError()
		}
		id, err := tx.insertID(ctx, `INSERT INTO programs (municipality_id, slug, title, title_en, summary,
			summary_en, entry_opens_at, entry_closes_at, delegate_id, created_at, choice_mode,
			selection_on, announced_on, kickoff_on, midterm_on, final_on, ends_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
			p.MunicipalityID, p.Slug, p.Title, p.TitleEN, p.Summary, p.SummaryEN,
			p.EntryOpensAt.UTC(), p.EntryClosesAt.UTC(), p.Delegate, tx.now(), p.Choices(), nullDate(p.Timeline.SelectionOn),
			nullDate(p.Timeline.AnnouncedOn), nullDate(p.Timeline.KickoffOn), nullDate(p.Timeline.MidtermOn),
			nullDate(p.Timeline.FinalOn), nullDate(p.Timeline.EndsOn))
		if err != nil {
			return mapError(err, "program")
		}
		for i, host := range p.HostIDs {
			if _, err := tx.exec(ctx, `INSERT INTO program_hosts (program_id, organization_id, municipality_id, position)
				VALUES ($1, $2, $3, $4)`, id, host, p.MunicipalityID, i); err != nil {
				return mapError(err, "program_host")
			}
		}
		p.ID = id
		return nil
	})
}

// ProgramBySlug finds a program with its co-hosts.
func (s Directory) ProgramBySlug(ctx context.Context, slug string) (domain.Program, error) {
	s.core = s.replicaSafe(ctx)
	p, err := scanProgram(s.queryRow(ctx, `SELECT `+programColumns+` FROM programs WHERE slug = $1`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.NotFound("program")
	}
	if err != nil {
		return p, err
	}
	return p, s.loadHosts(ctx, []*domain.Program{&p})
}

// ProgramByID finds a program by id, with its hosts.
func (s Directory) ProgramByID(ctx context.Context, id int64) (domain.Program, error) {
	p, err := scanProgram(s.queryRow(ctx, `SELECT `+programColumns+` FROM programs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.NotFound("program")
	}
	if err != nil {
		return p, err
	}
	return p, s.loadHosts(ctx, []*domain.Program{&p})
}

// Programs lists programs, newest entry window first; municipalityID 0 lists
// every municipality's.
func (s Directory) Programs(ctx context.Context, municipalityID int64) ([]domain.Program, error) {
	s.core = s.replicaSafe(ctx)
	rows, err := s.query(ctx, `SELECT `+programColumns+` FROM programs
		WHERE $1 = 0 OR municipality_id = $1 ORDER BY entry_opens_at DESC, id`, municipalityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Program
	for rows.Next() {
		p, err := scanProgram(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*domain.Program, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, s.loadHosts(ctx, ptrs)
}

func (s Directory) loadHosts(ctx context.Context, programs []*domain.Program) error {
	if len(programs) == 0 {
		return nil
	}
	byID := make(map[int64]*domain.Program, len(programs))
	ids := make([]int64, len(programs))
	for i, p := range programs {
		byID[p.ID], ids[i] = p, p.ID
	}
	in, args := inList(ids, 1)
	rows, err := s.query(ctx, `SELECT program_id, organization_id FROM program_hosts
		WHERE program_id IN (`+in+`) ORDER BY program_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var pid, oid int64
		if err := rows.Scan(&pid, &oid); err != nil {
			return err
		}
		byID[pid].HostIDs = append(byID[pid].HostIDs, oid)
	}
	return rows.Err()
}
