package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// MyPage is what the signed-in person's own page shows. Without a profile
// Talent is nil and only the account, entries and bookmarks are filled.
type MyPage struct {
	User        domain.User
	Talent      *domain.Talent
	Entries     []HomeEntry
	Bookmarks   []ProjectCard
	Credentials []IssuedCredential
	Scouts      []HomeScout
	Work        []HomeWork
	// Hometown are open projects in the towns the talent is tied to, once
	// they completed an engagement: experience gained, used at home.
	Hometown []ProjectCard
}

// HomeEntry is an entry with the titles of the projects chosen and its
// interviews.
type HomeEntry struct {
	Entry      domain.Entry
	Program    domain.Program
	Projects   []string
	Interviews []domain.Interview
	// Placement is the title of the project the entry was placed in ("" for
	// none): the 内定 names it.
	Placement string
	// Editable says the entry may still change through the entry form:
	// before the deadline, at 応募 or after a withdrawal.
	Editable bool
}

// HomeScout is an offer received, with the title of the project it is
// about ("" for none).
type HomeScout struct {
	Offer        domain.ScoutOffer
	Municipality string // the name of the municipality that sent it
	Project      string
}

// HomeWork is an agreement of the person with its project's title and,
// once all sides accepted, their team's workspace (0 until then).
type HomeWork struct {
	Agreement  domain.Agreement
	Title      string
	Engagement int64
}

// Home reads the signed-in person's own page.
func (s *Talents) Home(ctx context.Context) (MyPage, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return MyPage{}, err
	}
	st := s.app.st
	names := newHubNames(st) // each municipality and program read once, when shown
	var h MyPage
	if h.User, err = st.Accounts().UserByID(ctx, userID); err != nil {
		return h, err
	}
	bookmarks, err := st.Community().Bookmarks(ctx, userID)
	if err != nil {
		return h, err
	}
	if h.Bookmarks, err = names.projectCards(ctx, bookmarks, true); err != nil {
		return h, err
	}
	t, err := st.Talents().TalentByUser(ctx, userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return h, nil
	}
	if err != nil {
		return h, err
	}
	h.Talent = &t
	entries, err := st.Entries().EntriesOfTalent(ctx, t.ID)
	if err != nil {
		return h, err
	}
	offers, err := st.Talents().ScoutsOf(ctx, t.ID)
	if err != nil {
		return h, err
	}
	ags, err := st.Agreements().AgreementsOfTalent(ctx, t.ID)
	if err != nil {
		return h, err
	}
	// The projects the page names, read at once.
	var ids []int64
	for _, e := range entries {
		ids = append(ids, e.Choices...)
		if e.Placement != 0 {
			ids = append(ids, e.Placement)
		}
	}
	for _, o := range offers {
		if o.ProjectID != 0 {
			ids = append(ids, o.ProjectID)
		}
	}
	for _, a := range ags {
		ids = append(ids, a.ProjectID)
	}
	titles, err := projectTitles(ctx, st, ids)
	if err != nil {
		return h, err
	}
	if h.Entries, err = s.homeEntries(ctx, names, entries, titles); err != nil {
		return h, err
	}
	if h.Credentials, err = st.Issuance().IssuedCredentials(ctx, 0, t.ID); err != nil {
		return h, err
	}
	hometown, err := s.hometownAfterWork(ctx, t, h.Credentials)
	if err != nil {
		return h, err
	}
	if h.Hometown, err = names.projectCards(ctx, hometown, true); err != nil {
		return h, err
	}
	muns := make([]int64, len(offers))
	for i, o := range offers {
		muns[i] = o.MunicipalityID
	}
	if err := names.preload(ctx, muns, nil); err != nil {
		return h, err
	}
	for _, o := range offers {
		hs := HomeScout{Offer: o}
		mu, err := names.municipality(ctx, o.MunicipalityID)
		if err != nil {
			return h, err
		}
		hs.Municipality = mu.Name
		hs.Project = titles[o.ProjectID] // "" for none, or for a project gone
		h.Scouts = append(h.Scouts, hs)
	}
	if h.Work, err = homeWork(ctx, st, ags, titles); err != nil {
		return h, err
	}
	return h, nil
}

// projectTitles reads the titles of the projects with these ids at once.
func projectTitles(ctx context.Context, st *store.Store, ids []int64) (map[int64]string, error) {
	seen := map[int64]bool{}
	var unique []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	ps, err := st.Projects().ProjectsByID(ctx, unique)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ps))
	for _, p := range ps {
		out[p.ID] = p.Title
	}
	return out, nil
}

// title is the title of a project the page must name: one that is gone
// is not found, as reading it alone would say.
func title(titles map[int64]string, id int64) (string, error) {
	t, ok := titles[id]
	if !ok {
		return "", domain.NotFound("project")
	}
	return t, nil
}

// homeWork puts each agreement's project title and, once all sides
// accepted, its team's workspace beside it.
func homeWork(ctx context.Context, st *store.Store, ags []domain.Agreement, titles map[int64]string) ([]HomeWork, error) {
	ids := make([]int64, len(ags))
	for i, a := range ags {
		ids[i] = a.ProjectID
	}
	teams, err := st.Workspaces().EngagementsOfProjects(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []HomeWork
	for _, a := range ags {
		t, err := title(titles, a.ProjectID)
		if err != nil {
			return nil, err
		}
		w := HomeWork{Agreement: a, Title: t}
		if g, ok := teams[a.ProjectID]; ok && a.Complete() {
			w.Engagement = g.ID
		}
		out = append(out, w)
	}
	return out, nil
}

func (s *Talents) homeEntries(ctx context.Context, names *hubNames, entries []domain.Entry, titles map[int64]string) ([]HomeEntry, error) {
	st := s.app.st
	ids, progs := make([]int64, len(entries)), make([]int64, len(entries))
	for i, e := range entries {
		ids[i], progs[i] = e.ID, e.ProgramID
	}
	if err := names.preload(ctx, nil, progs); err != nil {
		return nil, err
	}
	interviews, err := st.Entries().InterviewsOfEntries(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]HomeEntry, len(entries))
	for i, e := range entries {
		out[i].Entry = e
		if out[i].Program, err = names.program(ctx, e.MunicipalityID, e.ProgramID); err != nil {
			return nil, err
		}
		out[i].Editable = (e.Status == domain.EntrySubmitted || e.Status == domain.EntryWithdrawn) &&
			out[i].Program.Phase(s.app.now()) == domain.PhaseOpen
		out[i].Interviews = interviews[e.ID]
		for _, pid := range e.Choices {
			t, err := title(titles, pid)
			if err != nil {
				return nil, err
			}
			out[i].Projects = append(out[i].Projects, t)
		}
		if e.Placement != 0 {
			if out[i].Placement, err = title(titles, e.Placement); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// hometownAfterWork finds open projects in the municipalities a talent is
// tied to (出身, 在住 and so on), other than where they completed work,
// once they have completed an engagement.
func (s *Talents) hometownAfterWork(ctx context.Context, t domain.Talent, creds []IssuedCredential) ([]domain.Project, error) {
	if len(creds) == 0 {
		return nil, nil
	}
	done := map[int64]bool{}
	for _, c := range creds {
		done[c.MunicipalityID] = true
	}
	municipalities, err := s.app.st.Directory().Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	var projects []domain.Project
	for _, a := range t.Affinities {
		for _, mu := range municipalities {
			if mu.LGCode != a.LGCode || done[mu.ID] {
				continue
			}
			page, err := s.app.st.Projects().ListProjects(ctx, store.ProjectFilter{MunicipalityID: mu.ID, Limit: 5})
			if err != nil {
				return nil, err
			}
			for _, p := range page.Projects {
				if p.Status == domain.ProjectPublished {
					projects = append(projects, p)
				}
			}
		}
	}
	return projects, nil
}
