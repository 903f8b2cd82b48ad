package app

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Allocation is the service for matching a cohort to projects and accepting the allocation.
type Allocation struct{ app *App }

// Placing is one confirmed decision: 内定 for Project, 見送り for 0.
type Placing = store.Placing

// Decision is what accepting an allocation does to one entry: 内定 for
// Project, or 見送り when Project is the zero value.
type Decision struct {
	Entry   EntryRow
	Project domain.Project
}

// Offered reports whether the decision is a 内定.
func (d Decision) Offered() bool { return d.Project.ID != 0 }

// Proposal is what accepting one method's allocation would do, for staff
// to confirm: 内定 with the project for the placed, 見送り for the rest
// of the cohort, each list in the order of the entrants' names.
type Proposal struct {
	ProgramScope
	Method    string
	Settings  Settings
	Offers    []Decision
	Declines  []Decision
	Unmet     int // pins that cannot be honoured
	Placings  []store.Placing
	CohortLen int
}

// Propose computes what accepting the method's allocation would do, for
// the people who decide 内定 and 見送り.
func (s *Allocation) Propose(ctx context.Context, lgcode, slug, name string, set Settings) (Proposal, error) {
	sc, err := s.app.Screening.ProgramFor(ctx, lgcode, slug, policy.DecideEntries)
	if err != nil {
		return Proposal{ProgramScope: sc}, err
	}
	return s.propose(ctx, sc, name, set)
}

func (s *Allocation) propose(ctx context.Context, sc ProgramScope, name string, set Settings) (Proposal, error) {
	pr := Proposal{ProgramScope: sc, Method: name, Settings: set}
	if !policy.Can(sc.Actor, policy.DecideEntries, policy.Resource{MunicipalityID: sc.Municipality.ID}) {
		return pr, Refused("error.forbidden", sc.Municipality.ID, "municipality", sc.Municipality.ID)
	}
	if name != "stable" && name != "optimal" {
		return pr, domain.Errorf(domain.CodeInvalid, "error.choice", "Value", name)
	}
	c, err := s.cohort(ctx, sc, set)
	if err != nil {
		return pr, err
	}
	valid, unmet := c.validPins(set.Pins)
	pr.Unmet, pr.CohortLen = len(unmet), len(c.Entrants)
	m := c.run(name, c.constraints(valid, set))
	if m.Err != "" {
		return pr, domain.Errorf(domain.CodeInvalid, "error.allocation", "Detail", m.Err)
	}
	placed := map[string]string{}
	for _, a := range m.Result.Assignments {
		placed[a.Talent] = a.Project
	}
	for tid, e := range c.Entrants {
		d := Decision{Entry: e}
		if pid, ok := placed[tid]; ok {
			d.Project = c.Projects[pid]
			pr.Offers = append(pr.Offers, d)
		} else {
			pr.Declines = append(pr.Declines, d)
		}
	}
	byName := func(list []Decision) {
		sort.Slice(list, func(i, j int) bool {
			a, b := list[i].Entry, list[j].Entry
			if a.TalentKana != b.TalentKana {
				return a.TalentKana < b.TalentKana
			}
			return a.ID < b.ID
		})
	}
	byName(pr.Offers)
	byName(pr.Declines)
	for _, d := range append(slices.Clone(pr.Offers), pr.Declines...) {
		pr.Placings = append(pr.Placings, store.Placing{EntryID: d.Entry.ID, Project: d.Project.ID})
	}
	return pr, nil
}

// Accept turns one method's result into decisions, exactly those staff
// confirmed (expected): 内定 with the placement saved for the assigned,
// 見送り for the rest of the cohort, each recorded with the method as
// reason, audited, and told to the entrant by mail (a 内定 naming the
// project, or a courteous 見送り) in one transaction. When the
// allocation no longer gives what was confirmed (entries moved
// meanwhile) nothing changes and the answer is a conflict. It returns
// how many entries were decided.
func (s *Allocation) Accept(ctx context.Context, sc ProgramScope, name string, set Settings,
	expected []store.Placing) (int, error) {
	pr, err := s.propose(ctx, sc, name, set)
	if err != nil {
		return 0, err
	}
	if !sameDecisions(pr.Placings, expected) {
		return 0, domain.Errorf(domain.CodeConflict, "error.allocation_stale")
	}
	reason := "allocation: " + name
	var moved []store.Moved
	err = s.app.Change(ctx, func(tx *Tx) error {
		if moved, err = tx.Entries().PlaceEntries(ctx, sc.Program.ID, pr.Placings, sc.Actor.UserID, reason); err != nil {
			return err
		}
		projects := map[int64]domain.Project{}
		for _, d := range pr.Offers {
			projects[d.Project.ID] = d.Project
		}
		for _, m := range moved {
			if err := tx.tellDecision(ctx, sc, m, projects[m.Entry.Placement]); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "allocation.accept", SubjectType: "program",
			SubjectID: sc.Program.ID, MunicipalityID: sc.Municipality.ID, Detail: reason})
	})
	return len(moved), err
}

// sameDecisions reports whether two lists hold the same decisions.
func sameDecisions(a, b []store.Placing) bool {
	key := func(list []store.Placing) []string {
		out := make([]string, len(list))
		for i, p := range list {
			out[i] = strconv.FormatInt(p.EntryID, 10) + ":" + strconv.FormatInt(p.Project, 10)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// tellDecision tells an entrant the allocation's decision: an in-app
// notice when they have an account, and a mail to their account's or
// their imported contact address (in Japanese without an account): a
// 内定 naming the project, or a courteous 見送り.
func (tx *Tx) tellDecision(ctx context.Context, sc ProgramScope, m store.Moved, pr domain.Project) error {
	p := sc.Program
	to, err := tx.Talents().TalentEmail(ctx, m.TalentID)
	if err != nil {
		return err
	}
	lang, name := i18n.Lang("ja"), ""
	if m.UserID != 0 {
		rc, err := tx.Entries().RecipientOf(ctx, m.UserID)
		if err != nil {
			return err
		}
		lang, name, to = i18n.Lang(rc.Lang), rc.Name, rc.Email
		args := map[string]any{"Program": p.Title, "Stage": "entry.status_" + string(m.Entry.Status)}
		if err := tx.Messaging().Notify(ctx, m.UserID, "notice.entry_stage", args, "/me"); err != nil {
			return err
		}
	} else if t, err := tx.Talents().Talent(ctx, m.TalentID); err == nil {
		name = t.Name
	} else {
		return err
	}
	if to == "" {
		return nil // an imported profile without any address
	}
	program := i18n.Pick(lang, p.Title, p.TitleEN)
	if m.Entry.Status == domain.EntryOffered {
		host, err := tx.Directory().Organization(ctx, pr.HostID)
		if err != nil {
			return err
		}
		return tx.MailFor(ctx, p.MunicipalityID, lang, to, mail.TemplateOffer, mail.Offer{Name: name, Program: program,
			Project: pr.Title, Host: host.Name, URL: tx.app.baseURL + "/me"}, nil)
	}
	return tx.MailFor(ctx, p.MunicipalityID, lang, to, mail.TemplateNotSelected, mail.NotSelected{Name: name,
		Program: program, URL: tx.app.baseURL + "/projects"}, nil)
}
