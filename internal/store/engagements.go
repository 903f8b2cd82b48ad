package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const engagementColumns = `id, project_id, municipality_id, goal, status, started_on, completed_at, story_consent,
	ended_early_reason, credential_withheld`

func scanEngagement(row interface{ Scan(...any) error }) (domain.Engagement, error) {
	var g domain.Engagement
	var started sql.NullTime
	var completed sql.NullTime
	err := row.Scan(&g.ID, &g.ProjectID, &g.MunicipalityID, &g.Goal, &g.Status, &started, &completed, &g.StoryConsent,
		&g.EndedEarlyReason, &g.CredentialWithheld)
	g.StartedOn = dateOf(started)
	if completed.Valid {
		g.CompletedAt = completed.Time.UTC()
	}
	return g, err
}

// openEngagement opens the project's workspace when its first agreement is
// accepted by all sides; later ones join the same team.
func (s Workspaces) openEngagement(ctx context.Context, a domain.Agreement) (domain.Engagement, error) {
	g, err := s.EngagementOfProject(ctx, a.ProjectID)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		return g, err
	}
	g = domain.Engagement{ProjectID: a.ProjectID, MunicipalityID: a.MunicipalityID, Status: domain.EngagementActive,
		StartedOn: a.StartsOn}
	g.ID, err = s.insertID(ctx, `INSERT INTO engagements (project_id, municipality_id, status, started_on)
		VALUES ($1, $2, $3, $4)`, g.ProjectID, g.MunicipalityID, g.Status, nullDate(g.StartedOn))
	return g, mapError(err, "engagement")
}

// Engagement finds a workspace by id.
func (s Workspaces) Engagement(ctx context.Context, id int64) (domain.Engagement, error) {
	g, err := scanEngagement(s.queryRow(ctx, `SELECT `+engagementColumns+` FROM engagements WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return g, domain.NotFound("engagement")
	}
	return g, err
}

// EngagementOfProject finds a project's workspace.
func (s Workspaces) EngagementOfProject(ctx context.Context, projectID int64) (domain.Engagement, error) {
	g, err := scanEngagement(s.queryRow(ctx, `SELECT `+engagementColumns+` FROM engagements WHERE project_id = $1`, projectID))
	if errors.Is(err, sql.ErrNoRows) {
		return g, domain.NotFound("engagement")
	}
	return g, err
}

// Engagements lists a municipality's workspaces (0: every municipality),
// newest first.
func (s Workspaces) Engagements(ctx context.Context, municipalityID int64) ([]domain.Engagement, error) {
	q := `SELECT ` + engagementColumns + ` FROM engagements`
	var args []any
	if municipalityID != 0 {
		q += ` WHERE municipality_id = $1`
		args = append(args, municipalityID)
	}
	rows, err := s.query(ctx, q+` ORDER BY started_on DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Engagement
	for rows.Next() {
		g, err := scanEngagement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// TeamMember is a talent of a project team.
type TeamMember struct {
	TalentID  int64
	UserID    int64 // 0 for a profile without an account
	Name      string
	Agreement domain.Agreement
}

// Team lists the talents whose agreements for the engagement's project all
// sides accepted.
func (s Workspaces) Team(ctx context.Context, g domain.Engagement) ([]TeamMember, error) {
	all, err := Agreements(s).AgreementsOfProject(ctx, g.ProjectID)
	if err != nil {
		return nil, err
	}
	var out []TeamMember
	for _, a := range all {
		if !a.Complete() {
			continue
		}
		t, err := Talents(s).Talent(ctx, a.TalentID)
		if err != nil {
			return nil, err
		}
		out = append(out, TeamMember{TalentID: t.ID, UserID: t.UserID, Name: t.Name, Agreement: a})
	}
	return out, nil
}

// SetGoal records the kickoff goal.
func (s Workspaces) SetGoal(ctx context.Context, engagementID int64, goal string) error {
	if len([]rune(goal)) > 2000 {
		return &domain.Error{Code: domain.CodeInvalid, Key: "error.too_long", Args: domain.Args("Max", 2000),
			Fields: []domain.FieldError{{Field: "goal", Key: "error.too_long", Args: domain.Args("Max", 2000)}}}
	}
	_, err := s.exec(ctx, `UPDATE engagements SET goal = $1 WHERE id = $2`, goal, engagementID)
	return err
}

// AddMilestone adds a step towards the goal.
func (s Workspaces) AddMilestone(ctx context.Context, m *domain.Milestone) error {
	if err := m.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO milestones (engagement_id, title, due_on) VALUES ($1, $2, $3)`,
		m.EngagementID, m.Title, nullDate(m.DueOn))
	m.ID = id
	return err
}

// SetMilestoneDone marks a milestone done or not done.
func (s Workspaces) SetMilestoneDone(ctx context.Context, engagementID, id int64, done bool) error {
	var at any
	if done {
		at = s.now()
	}
	res, err := s.exec(ctx, `UPDATE milestones SET done_at = $1 WHERE id = $2 AND engagement_id = $3`, at, id, engagementID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("milestone")
	}
	return nil
}

// Milestones lists an engagement's milestones by due date.
func (s Workspaces) Milestones(ctx context.Context, engagementID int64) ([]domain.Milestone, error) {
	rows, err := s.query(ctx, `SELECT id, engagement_id, title, due_on, done_at FROM milestones WHERE engagement_id = $1
		ORDER BY due_on, id`, engagementID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Milestone
	for rows.Next() {
		var m domain.Milestone
		var due, done sql.NullTime
		if err := rows.Scan(&m.ID, &m.EngagementID, &m.Title, &due, &done); err != nil {
			return nil, err
		}
		m.DueOn = dateOf(due)
		if done.Valid {
			m.DoneAt = done.Time.UTC()
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// LogMeeting adds a team meeting or a one-to-one to the log.
func (s Workspaces) LogMeeting(ctx context.Context, m *domain.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO meetings (engagement_id, kind, held_on, minutes, notes, author_id, talent_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, m.EngagementID, m.Kind, nullDate(m.HeldOn), m.Minutes, m.Notes, nullID(m.AuthorID),
		nullID(m.TalentID))
	m.ID = id
	return err
}

// Meetings lists the meeting log, newest first, one-to-ones included:
// who may read which is policy.TeamPart.MayReadMeeting.
func (s Workspaces) Meetings(ctx context.Context, engagementID int64) ([]domain.Meeting, error) {
	rows, err := s.query(ctx, `SELECT id, engagement_id, kind, held_on, minutes, notes, author_id, talent_id FROM meetings
		WHERE engagement_id = $1 ORDER BY held_on DESC, id DESC`, engagementID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Meeting
	for rows.Next() {
		var m domain.Meeting
		var held sql.NullTime
		var by, with sql.NullInt64
		if err := rows.Scan(&m.ID, &m.EngagementID, &m.Kind, &held, &m.Minutes, &m.Notes, &by, &with); err != nil {
			return nil, err
		}
		m.HeldOn, m.AuthorID, m.TalentID = dateOf(held), by.Int64, with.Int64
		out = append(out, m)
	}
	return out, rows.Err()
}

// SubmitReport stores a talent's monthly report; sending the same month
// again replaces it.
func (s Workspaces) SubmitReport(ctx context.Context, r *domain.Report) error {
	if err := r.Validate(); err != nil {
		return err
	}
	g, err := s.Engagement(ctx, r.EngagementID)
	if err != nil {
		return err
	}
	r.SubmittedAt = s.now()
	_, err = s.exec(ctx, `INSERT INTO reports (engagement_id, municipality_id, talent_id, month, hours, done, next_steps,
		blockers, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (engagement_id, talent_id, month) DO UPDATE SET hours = excluded.hours, done = excluded.done,
		next_steps = excluded.next_steps, blockers = excluded.blockers, submitted_at = excluded.submitted_at`,
		r.EngagementID, g.MunicipalityID, r.TalentID, r.Month, r.Hours, r.Done, r.Next, r.Blockers, r.SubmittedAt)
	return err
}

// Reports lists an engagement's reports, newest month first.
func (s Workspaces) Reports(ctx context.Context, engagementID int64) ([]domain.Report, error) {
	rows, err := s.query(ctx, `SELECT id, engagement_id, talent_id, month, hours, done, next_steps, blockers, submitted_at
		FROM reports WHERE engagement_id = $1 ORDER BY month DESC, talent_id`, engagementID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Report
	for rows.Next() {
		var r domain.Report
		if err := rows.Scan(&r.ID, &r.EngagementID, &r.TalentID, &r.Month, &r.Hours, &r.Done, &r.Next, &r.Blockers,
			&r.SubmittedAt); err != nil {
			return nil, err
		}
		r.SubmittedAt = r.SubmittedAt.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// PostMessage adds a message to the workspace.
func (s Workspaces) PostMessage(ctx context.Context, m *domain.Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.At = s.now()
	id, err := s.insertID(ctx, `INSERT INTO engagement_messages (engagement_id, author_id, body, at) VALUES ($1, $2, $3, $4)`,
		m.EngagementID, nullID(m.AuthorID), m.Body, m.At)
	m.ID = id
	return err
}

// MessageRow is a message with its author's name.
type MessageRow struct {
	domain.Message
	Author string
}

// Messages lists the workspace's newest messages, oldest of them first.
func (s Workspaces) Messages(ctx context.Context, engagementID int64, limit int) ([]MessageRow, error) {
	rows, err := s.query(ctx, `SELECT m.id, m.engagement_id, COALESCE(m.author_id, 0), m.body, m.at, COALESCE(u.name, '')
		FROM engagement_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.engagement_id = $1
		ORDER BY m.id DESC LIMIT $2`, engagementID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MessageRow
	for rows.Next() {
		var m MessageRow
		if err := rows.Scan(&m.ID, &m.EngagementID, &m.AuthorID, &m.Body, &m.At, &m.Author); err != nil {
			return nil, err
		}
		m.At = m.At.UTC()
		out = append([]MessageRow{m}, out...)
	}
	return out, rows.Err()
}

// CompleteEngagement closes the workspace; reviews open.
func (s Workspaces) CompleteEngagement(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, `UPDATE engagements SET status = $1, completed_at = $2 WHERE id = $3 AND status = $4`,
		domain.EngagementCompleted, s.now(), id, domain.EngagementActive)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.CodeConflict, "error.engagement_not_active")
	}
	return nil
}

// EndEngagementEarly closes the workspace before its agreed end (中途終了)
// for a reason; withhold says no credentials are to be issued for it.
func (s Workspaces) EndEngagementEarly(ctx context.Context, id int64, reason string, withhold bool) error {
	res, err := s.exec(ctx, `UPDATE engagements SET status = $1, completed_at = $2, ended_early_reason = $3,
		credential_withheld = $4 WHERE id = $5 AND status = $6`,
		domain.EngagementCompleted, s.now(), reason, withhold, id, domain.EngagementActive)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.CodeConflict, "error.engagement_not_active")
	}
	return nil
}

// AwaitingTerms reports whether a member of the project's team has amended
// terms that not every side has accepted yet: an agreement whose current
// version is not accepted by all while an earlier one was.
func (s Workspaces) AwaitingTerms(ctx context.Context, projectID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM agreements a WHERE a.project_id = $1 AND NOT `+acceptedByAll+`
		AND EXISTS (SELECT 1 FROM agreement_acceptances y WHERE y.agreement_id = a.id AND y.version < a.version
			GROUP BY y.version HAVING COUNT(*) = 3)`, projectID).Scan(&n)
	return n > 0, err
}

// SetStoryConsent records the business's consent to a public story.
func (s Workspaces) SetStoryConsent(ctx context.Context, id int64, consent bool) error {
	_, err := s.exec(ctx, `UPDATE engagements SET story_consent = $1 WHERE id = $2`, consent, id)
	return err
}

// LateReport is a team member who has not reported a month.
type LateReport struct {
	EngagementID   int64
	MunicipalityID int64
	TalentID       int64
	UserID         int64
	Month          string
}

// LateReports lists, for active engagements, the members with no report
// for the month before now once that month is more than graceDays over.
func (s Workspaces) LateReports(ctx context.Context, now time.Time, graceDays int) ([]LateReport, error) {
	jst := now.In(domain.Japan())
	if jst.Day() <= graceDays {
		return nil, nil
	}
	month := time.Date(jst.Year(), jst.Month(), 1, 0, 0, 0, 0, domain.Japan()).AddDate(0, -1, 0)
	gs, err := s.Engagements(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []LateReport
	for _, g := range gs {
		if g.Status != domain.EngagementActive || g.StartedOn.After(month.AddDate(0, 1, -1)) {
			continue
		}
		team, err := s.Team(ctx, g)
		if err != nil {
			return nil, err
		}
		for _, m := range team {
			var n int
			if err := s.queryRow(ctx, `SELECT COUNT(*) FROM reports WHERE engagement_id = $1 AND talent_id = $2 AND month = $3`,
				g.ID, m.TalentID, month.Format("2006-01")).Scan(&n); err != nil {
				return nil, err
			}
			if n == 0 {
				out = append(out, LateReport{EngagementID: g.ID, MunicipalityID: g.MunicipalityID, TalentID: m.TalentID,
					UserID: m.UserID, Month: month.Format("2006-01")})
			}
		}
	}
	return out, nil
}

// ClaimReminder records that a late report is being reminded and reports
// whether it had not been before, so each is reminded once.
func (s Workspaces) ClaimReminder(ctx context.Context, l LateReport) (bool, error) {
	res, err := s.exec(ctx, `INSERT INTO report_reminders (engagement_id, talent_id, month, at) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, l.EngagementID, l.TalentID, l.Month, s.now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
