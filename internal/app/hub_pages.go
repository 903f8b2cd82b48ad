package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Story is a completed project told publicly.
type Story = store.Story

// Home is what the hub's home page shows: the programs not yet closed and
// the latest closed ones, the hub's figures and the newest projects.
type Home struct {
	Programs []ProgramCard // newest entry window first
	Stats    HubStats
	Latest   []ProjectCard
}

// homeLatest is how many of the newest published projects the home page
// shows.
const homeLatest = 6

// homePastPrograms is how many closed programs the home page shows, the
// latest entry windows: the hub adds hundreds a year, and each
// municipality's page lists all of its own.
const homePastPrograms = 12

// Home reads the home page: the programs not yet closed and the latest
// closed ones with their figures, and the municipalities of those
// programs only.
func (h *Hub) Home(ctx context.Context) (Home, error) {
	var home Home
	n := newHubNames(h.app.st)
	all, err := h.app.st.Directory().Programs(ctx, 0)
	if err != nil {
		return home, err
	}
	n.knowPrograms(0, all...)
	now := h.app.now()
	var ps []domain.Program
	past := 0
	for _, p := range all {
		if p.Phase(now) == domain.PhaseClosed {
			if past == homePastPrograms {
				continue
			}
			past++
		}
		ps = append(ps, p)
	}
	page, err := h.app.st.Projects().ListProjects(ctx, store.ProjectFilter{Limit: homeLatest,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return home, err
	}
	// The municipalities of the programs and of the newest projects, in
	// one read.
	var muns []int64
	for _, p := range ps {
		muns = append(muns, p.MunicipalityID)
	}
	for _, p := range page.Projects {
		muns = append(muns, p.MunicipalityID)
	}
	if err := n.preload(ctx, muns, nil); err != nil {
		return home, err
	}
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	if n.stats, err = h.programStats(ctx, ids); err != nil {
		return home, err
	}
	if home.Programs, err = n.programCards(ctx, ps, now); err != nil {
		return home, err
	}
	if home.Stats, err = h.figures(ctx); err != nil {
		return home, err
	}
	home.Latest, err = n.projectCards(ctx, page.Projects, true)
	return home, err
}

// ProgramCards lists every program with its municipality, hosts and
// figures.
func (h *Hub) ProgramCards(ctx context.Context) ([]ProgramCard, error) {
	ps, err := h.app.st.Directory().Programs(ctx, 0)
	if err != nil {
		return nil, err
	}
	return newHubNames(h.app.st).programCards(ctx, ps, h.app.now())
}

// ProgramCard finds one program by its slug, with its municipality, hosts
// and figures.
func (h *Hub) ProgramCard(ctx context.Context, slug string) (ProgramCard, error) {
	p, err := h.app.st.Directory().ProgramBySlug(ctx, slug)
	if err != nil {
		return ProgramCard{}, err
	}
	cards, err := newHubNames(h.app.st).programCards(ctx, []domain.Program{p}, h.app.now())
	if err != nil {
		return ProgramCard{}, err
	}
	return cards[0], nil
}

// ProgramPage is a program's public page: the program and its projects.
type ProgramPage struct {
	Program  ProgramCard
	Projects []ProjectCard
}

// programPageProjects is how many of its projects a program's page lists.
const programPageProjects = 100

// ProgramPage reads a program's page by its slug: the program and its
// public projects, without the rest of the hub.
func (h *Hub) ProgramPage(ctx context.Context, slug string) (ProgramPage, error) {
	var pp ProgramPage
	p, err := h.app.st.Directory().ProgramBySlug(ctx, slug)
	if err != nil {
		return pp, err
	}
	n := newHubNames(h.app.st)
	n.progs[p.ID] = p
	cards, err := n.programCards(ctx, []domain.Program{p}, h.app.now())
	if err != nil {
		return pp, err
	}
	pp.Program = cards[0]
	page, err := h.app.st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: programPageProjects})
	if err != nil {
		return pp, err
	}
	pp.Projects, err = n.projectCards(ctx, page.Projects, true)
	return pp, err
}

// Municipality finds a hub municipality by its code; one that has not
// joined the hub is not found.
func (h *Hub) Municipality(ctx context.Context, lgcode string) (domain.Municipality, error) {
	return h.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
}

// MunicipalityPage is a municipality's public page on the hub.
type MunicipalityPage struct {
	Municipality domain.Municipality
	Programs     []ProgramCard // newest entry window first
	Events       []EventCard   // coming, soonest first
	Stories      int           // how many of its completed projects are told
	// Organizations are its businesses, partners and associations, by name.
	Organizations []domain.Organization
}

// MunicipalityPage reads a municipality's page by its code: its programs,
// its coming events and how many stories it has.
func (h *Hub) MunicipalityPage(ctx context.Context, lgcode string) (MunicipalityPage, error) {
	var mp MunicipalityPage
	mu, err := h.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return mp, err
	}
	mp.Municipality = mu
	n := newHubNames(h.app.st)
	n.knowMunicipalities(mu)
	ps, err := h.app.st.Directory().Programs(ctx, mu.ID)
	if err != nil {
		return mp, err
	}
	if mp.Programs, err = n.programCards(ctx, ps, h.app.now()); err != nil {
		return mp, err
	}
	events, err := h.app.st.Community().Events(ctx, mu.ID, h.app.now())
	if err != nil {
		return mp, err
	}
	if mp.Events, err = eventCards(ctx, n, events); err != nil {
		return mp, err
	}
	if mp.Organizations, err = h.PublicOrganizations(ctx, mu.ID); err != nil {
		return mp, err
	}
	// The store has no count of stories: they are read and counted.
	stories, err := h.app.st.Community().Stories(ctx, mu.ID)
	mp.Stories = len(stories)
	return mp, err
}

// PublicOrganizations lists a municipality's businesses, partners and
// associations by name: everything but its own office.
func (h *Hub) PublicOrganizations(ctx context.Context, municipalityID int64) ([]domain.Organization, error) {
	all, err := h.app.st.Directory().Organizations(ctx, municipalityID)
	out := []domain.Organization{}
	for _, o := range all {
		if o.Kind != domain.OrgMunicipalityOffice {
			out = append(out, o)
		}
	}
	return out, err
}

// StoryCard is a story with its municipality and program.
type StoryCard struct {
	Story
	Municipality domain.Municipality
	Program      domain.Program
}

// Stories lists the stories of every municipality, newest first.
func (h *Hub) Stories(ctx context.Context) ([]StoryCard, error) {
	stories, err := h.app.st.Community().Stories(ctx, 0)
	if err != nil {
		return nil, err
	}
	n := newHubNames(h.app.st)
	muns, progs := make([]int64, len(stories)), make([]int64, len(stories))
	for i, st := range stories {
		muns[i], progs[i] = st.Engagement.MunicipalityID, st.Project.ProgramID
	}
	if err := n.preload(ctx, muns, progs); err != nil {
		return nil, err
	}
	out := make([]StoryCard, 0, len(stories))
	for _, st := range stories {
		c, err := storyCard(ctx, n, st)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Story tells one engagement's story; one that may not be told is not
// found.
func (h *Hub) Story(ctx context.Context, engagementID int64) (StoryCard, error) {
	st, err := h.app.st.Community().StoryOf(ctx, engagementID)
	if err != nil {
		return StoryCard{}, err
	}
	return storyCard(ctx, newHubNames(h.app.st), st)
}

func storyCard(ctx context.Context, n *hubNames, st Story) (StoryCard, error) {
	c := StoryCard{Story: st}
	var err error
	if c.Municipality, err = n.municipality(ctx, st.Engagement.MunicipalityID); err != nil {
		return c, err
	}
	c.Program, err = n.program(ctx, st.Engagement.MunicipalityID, st.Project.ProgramID)
	return c, err
}
