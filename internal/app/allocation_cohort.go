package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Cohort is a program's allocation problem, built from its entries'
// ranked choices and the fit score of each pair, with the names staff
// recognise.
type Cohort struct {
	Program  domain.Program
	Instance match.Instance
	Entrants map[string]EntryRow       // by talent id
	Projects map[string]domain.Project // by project id
}

// Method is one allocation of the cohort.
type Method struct {
	Name       string
	Result     match.Result
	ByProject  map[string][]string // project id → talent ids
	MeanScore  int
	Unassigned []match.Unplaced
	Err        string
}

// Plan is both allocations of a program's cohort side by side, under the
// pins and bans staff set.
type Plan struct {
	ProgramScope
	Cohort  Cohort
	Methods []Method     // stable, then optimal
	Pins    []match.Pair // the pins honoured
	Unmet   []match.Pair // the pins that cannot be: the talent did not choose the project
}

// Plan runs both allocations of a program's cohort, for the people who
// screen every entry: the allocation needs the whole cohort, which a
// leader, who sees only the entries assigned to them, may not see.
func (s *Allocation) Plan(ctx context.Context, lgcode, slug string, pins, bans []match.Pair) (Plan, error) {
	sc, err := s.app.Screening.ProgramFor(ctx, lgcode, slug, policy.ScreenEntries)
	pl := Plan{ProgramScope: sc}
	if err != nil {
		return pl, err
	}
	if pl.Cohort, err = s.cohort(ctx, sc); err != nil {
		return pl, err
	}
	pl.Pins, pl.Unmet = pl.Cohort.validPins(pins)
	cons := match.Constraints{Pinned: pl.Pins, Forbidden: bans}
	pl.Methods = []Method{pl.Cohort.run("stable", cons), pl.Cohort.run("optimal", cons)}
	return pl, nil
}

// Accept turns one method's result into decisions: 内定 for the assigned,
// 見送り for the rest, each recorded with the method as reason, and
// audited, in one transaction. It returns how many entries changed.
func (s *Allocation) Accept(ctx context.Context, sc ProgramScope, name string, pins, bans []match.Pair) (int, error) {
	if !policy.Can(sc.Actor, policy.DecideEntries, policy.Resource{MunicipalityID: sc.Municipality.ID}) {
		return 0, Refused("error.forbidden", sc.Municipality.ID, "municipality", sc.Municipality.ID)
	}
	c, err := s.cohort(ctx, sc)
	if err != nil {
		return 0, err
	}
	if name != "stable" && name != "optimal" {
		return 0, domain.Errorf(domain.CodeInvalid, "error.choice", "Value", name)
	}
	valid, _ := c.validPins(pins)
	m := c.run(name, match.Constraints{Pinned: valid, Forbidden: bans})
	if m.Err != "" {
		return 0, domain.Errorf(domain.CodeInvalid, "error.allocation", "Detail", m.Err)
	}
	decisions := map[int64]domain.EntryStatus{}
	for tid, e := range c.Entrants {
		decisions[e.ID] = domain.EntryDeclined
		for _, as := range m.Result.Assignments {
			if as.Talent == tid {
				decisions[e.ID] = domain.EntryOffered
			}
		}
	}
	reason := "allocation: " + name
	changed := 0
	err = s.app.Change(ctx, func(tx *Tx) error {
		if changed, err = tx.Entries().DecideEntries(ctx, sc.Program.ID, decisions, sc.Actor.UserID, reason); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "allocation.accept", SubjectType: "program",
			SubjectID: sc.Program.ID, MunicipalityID: sc.Municipality.ID, Detail: reason})
	})
	return changed, err
}

// cohort builds the program's allocation problem: its published and
// closed projects, and every entry not withdrawn with the fit score of
// each of its choices.
func (s *Allocation) cohort(ctx context.Context, sc ProgramScope) (Cohort, error) {
	p, mu := sc.Program, sc.Municipality
	c := Cohort{Program: p, Entrants: map[string]EntryRow{}, Projects: map[string]domain.Project{}}
	page, err := s.app.st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished, domain.ProjectClosed}})
	if err != nil {
		return c, err
	}
	for _, pr := range page.Projects {
		id := strconv.FormatInt(pr.ID, 10)
		c.Projects[id] = pr
		c.Instance.Projects = append(c.Instance.Projects, match.Slot{ID: id, Capacity: pr.TeamSize})
	}
	entries, err := s.app.st.Entries().EntriesOfProgram(ctx, p.ID)
	if err != nil {
		return c, err
	}
	var pool *match.Pool
	for _, e := range entries {
		if e.Status == domain.EntryWithdrawn {
			continue
		}
		tid := strconv.FormatInt(e.TalentID, 10)
		if pool == nil || !pool.Has(tid) {
			if pool, err = s.pool(ctx); err != nil {
				return c, err
			}
		}
		entrant := match.Entrant{ID: tid}
		for _, pid := range e.Choices {
			pr, ok := c.Projects[strconv.FormatInt(pid, 10)]
			if !ok {
				continue
			}
			r, err := pool.Score(MatchProject(pr, mu, s.app.ref), tid, match.DefaultWeights())
			if err != nil {
				return c, err
			}
			entrant.Choices = append(entrant.Choices, match.Choice{Project: strconv.FormatInt(pid, 10), Score: r.Score})
		}
		c.Entrants[tid] = e
		c.Instance.Talents = append(c.Instance.Talents, entrant)
	}
	return c, nil
}

// validPins keeps the pins whose talent chose the project and returns the
// others apart: the engine can only pin a pair the talent asked for.
func (c Cohort) validPins(pins []match.Pair) (ok, unmet []match.Pair) {
	for _, p := range pins {
		valid := false
		for _, e := range c.Instance.Talents {
			if e.ID != p.Talent {
				continue
			}
			for _, ch := range e.Choices {
				valid = valid || ch.Project == p.Project
			}
		}
		if valid {
			ok = append(ok, p)
		} else {
			unmet = append(unmet, p)
		}
	}
	return ok, unmet
}

// run allocates the cohort by one method ("stable" or "optimal").
func (c Cohort) run(name string, cons match.Constraints) Method {
	m := Method{Name: name, ByProject: map[string][]string{}}
	var err error
	if name == "stable" {
		m.Result, err = match.Stable(c.Instance, cons)
	} else {
		m.Result, err = match.Optimal(c.Instance, cons)
	}
	if err != nil {
		m.Err = err.Error()
		return m
	}
	for _, a := range m.Result.Assignments {
		m.ByProject[a.Project] = append(m.ByProject[a.Project], a.Talent)
	}
	if m.Result.Assigned > 0 {
		m.MeanScore = m.Result.TotalScore / m.Result.Assigned
	}
	m.Unassigned = m.Result.Unplaced
	return m
}
