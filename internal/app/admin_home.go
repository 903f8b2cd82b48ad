package app

import (
	"context"
	"slices"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// AuditEvent is one line of a municipality's audit log as it is read back:
// with the actor's name and what the subject is called.
type AuditEvent = store.AuditEvent

// MunicipalityByLGCode finds a municipality by its local government code;
// an unknown code is not found.
func (h *Hub) MunicipalityByLGCode(ctx context.Context, lgcode string) (domain.Municipality, error) {
	return h.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
}

// AdminMunicipality is one municipality on a person's admin home: its
// programs whose entries they may see, and which of its pages they may
// open.
type AdminMunicipality struct {
	Municipality domain.Municipality
	Programs     []domain.Program // those whose entries the person may see
	Audit        bool
	Members      bool
	Orgs         bool // keeps its organizations and opens programs: its staff
	Outbox       bool
	Dashboard    bool
	Community    bool
	Pool         bool
	Legal        bool
	Allocate     bool // the allocation needs every entry, which a leader does not see
	Teams        bool // the list of teams: all of them for staff, one's own for a leader or a business
	Projects     bool // every link but Teams needs this one too, so it comes first
}

// AdminHome lists, per municipality the signed-in person works for (they
// see entries or manage projects there), its programs and what they may
// open. Someone who works for none is refused.
func (m *Members) AdminHome(ctx context.Context) ([]AdminMunicipality, error) {
	a, err := m.app.SignedIn(ctx)
	if err != nil {
		return nil, err
	}
	screens := policy.Municipalities(a, policy.ViewEntries)
	ids := append([]int64(nil), screens...)
	for _, id := range policy.Municipalities(a, policy.ManageProjects) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, domain.Errorf(domain.CodeForbidden, "error.forbidden")
	}
	ms, err := m.app.st.Directory().Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	progs, err := m.app.st.Directory().Programs(ctx, 0)
	if err != nil {
		return nil, err
	}
	byID := map[int64]domain.Municipality{}
	for _, mu := range ms {
		byID[mu.ID] = mu
	}
	out := make([]AdminMunicipality, 0, len(ids))
	for _, id := range ids {
		res := policy.Resource{MunicipalityID: id}
		am := AdminMunicipality{Municipality: byID[id], Audit: policy.Can(a, policy.ReadAudit, res),
			Members: policy.Can(a, policy.Invite, res), Orgs: policy.Can(a, policy.ManageOrgs, res), Outbox: policy.Can(a, policy.ReadOutbox, res),
			Dashboard: policy.Can(a, policy.ViewDashboard, res), Community: policy.Can(a, policy.ManageCommunity, res),
			Pool: policy.Can(a, policy.ScoutTalents, res), Legal: policy.Can(a, policy.EditLegal, res),
			Allocate: policy.Can(a, policy.ScreenEntries, res), Teams: policy.Anywhere(a, policy.ViewTeams, id),
			Projects: policy.Anywhere(a, policy.ManageProjects, id)}
		for _, p := range progs {
			if p.MunicipalityID == id && slices.Contains(screens, id) {
				am.Programs = append(am.Programs, p)
			}
			// A partner invites for the municipality once a program is
			// delegated to it.
			if p.MunicipalityID == id && policy.Can(a, policy.Invite, ProgramResource(p)) {
				am.Members = true
			}
		}
		out = append(out, am)
	}
	return out, nil
}

// AuditLog is the newest lines of a municipality's audit log.
type AuditLog struct {
	Municipality domain.Municipality
	Events       []AuditEvent
}

// auditLogLines is how many of the newest lines the audit page shows.
const auditLogLines = 200

// AuditLog reads a municipality's audit log, for those who may read it.
func (m *Members) AuditLog(ctx context.Context, lgcode string) (AuditLog, error) {
	var l AuditLog
	mu, err := m.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return l, err
	}
	if _, err := m.app.Authorize(ctx, policy.ReadAudit, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return l, err
	}
	l.Municipality = mu
	l.Events, err = m.app.st.Compliance().AuditLog(ctx, mu.ID, auditLogLines)
	return l, err
}
