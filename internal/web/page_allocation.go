package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// cohort is a program's allocation problem, built from its entries' ranked
// choices and the fit scores of each pair, with the names staff recognise.
type cohort struct {
	Program  domain.Program
	Instance match.Instance
	Entrants map[string]store.EntryRow // by talent id
	Projects map[string]domain.Project // by project id
}

// method is one allocation shown on the page.
type method struct {
	Name       string
	Result     match.Result
	ByProject  map[string][]string // project id → talent ids
	MeanScore  int
	Unassigned []match.Unplaced
	Err        string
}

type allocationData struct {
	Municipality domain.Municipality
	Cohort       cohort
	Methods      []method
	ProjectIDs   []string
	Pins, Bans   []match.Pair
	Query        string // the pins and bans, to keep them in links and forms
	CanDecide    bool
	Accepted     int
	Problems     []string // pins that cannot be honoured, explained
}

// validPins keeps the pins whose talent chose the project, and explains
// the others: the engine can only pin a pair the talent asked for.
func (s *Server) validPins(lang i18n.Lang, c cohort, pins []match.Pair) ([]match.Pair, []string) {
	var ok []match.Pair
	var problems []string
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
			continue
		}
		problems = append(problems, s.cat.T(lang, "alloc.pin_not_chosen", map[string]any{
			"Name": c.Entrants[p.Talent].TalentName, "Project": c.Projects[p.Project].Title}))
	}
	return ok, problems
}

func (s *Server) buildCohort(ctx context.Context, p domain.Program, m domain.Municipality) (cohort, error) {
	c := cohort{Program: p, Entrants: map[string]store.EntryRow{}, Projects: map[string]domain.Project{}}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished, domain.ProjectClosed}})
	if err != nil {
		return c, err
	}
	for _, pr := range page.Projects {
		id := strconv.FormatInt(pr.ID, 10)
		c.Projects[id] = pr
		c.Instance.Projects = append(c.Instance.Projects, match.Slot{ID: id, Capacity: pr.TeamSize})
	}
	entries, err := s.store.EntriesOfProgram(ctx, p.ID)
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
			if pool, err = s.app.Catalogue.MatchPool(ctx, tid); err != nil {
				return c, err
			}
		}
		entrant := match.Entrant{ID: tid}
		for _, pid := range e.Choices {
			pr, ok := c.Projects[strconv.FormatInt(pid, 10)]
			if !ok {
				continue
			}
			r, err := pool.Score(matchProject(pr, m, s.ref), tid, match.DefaultWeights())
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

// pairsOf reads "talent:project" values such as pin=12:34.
func pairsOf(values []string) []match.Pair {
	var out []match.Pair
	for _, v := range values {
		if t, p, ok := strings.Cut(v, ":"); ok && t != "" && p != "" {
			out = append(out, match.Pair{Talent: t, Project: p})
		}
	}
	return out
}

func runMethod(name string, c cohort, cons match.Constraints) method {
	m := method{Name: name, ByProject: map[string][]string{}}
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

// programFor loads the municipality and program in the path for an action
// the policy must allow on all of the program's entries; a program of
// another municipality is 404.
func (s *Server) programFor(r *http.Request, act policy.Action) (policy.Actor, domain.Municipality, domain.Program, error) {
	return s.pathProgram(r, func(mu domain.Municipality) (policy.Actor, error) {
		return s.allow(r, act, policy.Resource{MunicipalityID: mu.ID})
	})
}

// programListFor is programFor for a list that the handler then narrows
// to what the person may see entry by entry (a leader's own).
func (s *Server) programListFor(r *http.Request, act policy.Action) (policy.Actor, domain.Municipality, domain.Program, error) {
	return s.pathProgram(r, func(mu domain.Municipality) (policy.Actor, error) {
		return s.allowSome(r, act, mu.ID)
	})
}

func (s *Server) pathProgram(r *http.Request, check func(domain.Municipality) (policy.Actor, error)) (
	policy.Actor, domain.Municipality, domain.Program, error) {
	var p domain.Program
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return policy.Actor{}, mu, p, err
	}
	a, err := check(mu)
	if err != nil {
		return a, mu, p, err
	}
	if p, err = s.store.ProgramBySlug(r.Context(), r.PathValue("slug")); err != nil {
		return a, mu, p, err
	}
	if p.MunicipalityID != mu.ID {
		return a, mu, p, notFound("program")
	}
	return a, mu, p, nil
}

// allocationPage runs both allocations of a program's cohort side by side,
// with the pins and bans in the address, for the people who screen every
// entry: the allocation needs the whole cohort, which a leader, who sees
// only the entries assigned to them, may not see.
func (s *Server) allocationPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, err := s.programFor(r, policy.ScreenEntries)
	if err != nil {
		return err
	}
	c, err := s.buildCohort(r.Context(), p, mu)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	// The add form sends a talent, a project and pin or ban; fold them into
	// the address so the page stays shareable.
	if t, pr, kind := q.Get("add_t"), q.Get("add_p"), q.Get("add_kind"); t != "" && pr != "" && (kind == "pin" || kind == "ban") {
		next := url.Values{"pin": q["pin"], "ban": q["ban"]}
		next.Add(kind, t+":"+pr)
		http.Redirect(w, r, r.URL.Path+"?"+next.Encode(), http.StatusSeeOther)
		return nil
	}
	d := allocationData{Municipality: mu, Cohort: c, Pins: pairsOf(q["pin"]), Bans: pairsOf(q["ban"]),
		CanDecide: policy.Can(a, policy.DecideEntries, policy.Resource{MunicipalityID: mu.ID})}
	d.Accepted, _ = strconv.Atoi(q.Get("accepted"))
	d.Pins, d.Problems = s.validPins(lang, c, d.Pins)
	keep := url.Values{"pin": q["pin"], "ban": q["ban"]}
	d.Query = keep.Encode()
	cons := match.Constraints{Pinned: d.Pins, Forbidden: d.Bans}
	d.Methods = []method{runMethod("stable", c, cons), runMethod("optimal", c, cons)}
	for id := range c.Projects {
		d.ProjectIDs = append(d.ProjectIDs, id)
	}
	sort.Slice(d.ProjectIDs, func(i, j int) bool { return c.Projects[d.ProjectIDs[i]].Title < c.Projects[d.ProjectIDs[j]].Title })
	return s.render(w, r, lang, http.StatusOK, "allocation", s.cat.T(lang, "alloc.title", nil), d)
}

// acceptAllocation turns one method's result into decisions: 内定 for the
// assigned, 見送り for the rest, each recorded with the method as reason.
func (s *Server) acceptAllocation(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, err := s.programFor(r, policy.DecideEntries)
	if err != nil {
		return err
	}
	if _, err := readForm(w, r, "method"); err != nil {
		return err
	}
	c, err := s.buildCohort(r.Context(), p, mu)
	if err != nil {
		return err
	}
	name := r.PostForm.Get("method")
	if name != "stable" && name != "optimal" {
		return invalidParam("method", "error.choice", "Value", name)
	}
	pins, _ := s.validPins(lang, c, pairsOf(r.PostForm["pin"]))
	m := runMethod(name, c, match.Constraints{Pinned: pins, Forbidden: pairsOf(r.PostForm["ban"])})
	if m.Err != "" {
		return domain.Errorf(domain.CodeInvalid, "error.allocation", "Detail", m.Err)
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
	changed, err := s.store.DecideEntries(r.Context(), p.ID, decisions, a.UserID, "allocation: "+name)
	if err != nil {
		return err
	}
	if err := s.auditEvent(r.Context(), nil, r, store.AuditEvent{Action: "allocation.accept", SubjectType: "program",
		SubjectID: p.ID, MunicipalityID: mu.ID, Detail: "allocation: " + name}); err != nil {
		return err
	}
	back := url.Values{"pin": r.PostForm["pin"], "ban": r.PostForm["ban"], "accepted": {strconv.Itoa(changed)}}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/programs/"+p.Slug+"/allocation?"+back.Encode(), http.StatusSeeOther)
	return nil
}
