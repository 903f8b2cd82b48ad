package app

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// HubStats are the hub's figures on the home page.
type HubStats = store.HubStats

// ProjectCard is a project with what a page shows beside it: its host,
// its municipality and its program.
type ProjectCard struct {
	domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	// Program is empty on pages that do not show it (the hometown page).
	Program domain.Program
}

// ProgramCard is a program with its municipality, its hosts, where it
// stands today and its figures.
type ProgramCard struct {
	domain.Program
	Municipality domain.Municipality
	Hosts        []domain.Organization
	Phase        domain.ProgramPhase
	StepList     []domain.TimelineStep // its timeline, the current step marked
	Stats        ProgramStats
}

// hubNames finds the municipalities and programs that a page shows beside
// its items, each read once and only when asked for. A page that lists
// every municipality or program hands them over first (know...), so that
// nothing is read twice.
//
// The card builders preload what their items need in one statement each;
// single reads by id (municipality) or per municipality (program) remain
// for the pages that show one item.
type hubNames struct {
	st      *store.Store
	muns    map[int64]domain.Municipality
	progs   map[int64]domain.Program
	progsOf map[int64]bool // municipalities whose programs were read; 0 for all
	// stats are programs' figures already at hand (the home page's,
	// reused a minute); nil: programCards counts them.
	stats map[int64]store.ProgramStats
}

func newHubNames(st *store.Store) *hubNames {
	return &hubNames{st: st, muns: map[int64]domain.Municipality{}, progs: map[int64]domain.Program{},
		progsOf: map[int64]bool{}}
}

// preload reads, in one statement each, the municipalities and programs
// with these ids that are not known yet, so that a page listing many items
// does not read them one by one. Ids that do not exist become the zero
// municipality or program, as municipality and program give them.
func (n *hubNames) preload(ctx context.Context, municipalityIDs, programIDs []int64) error {
	var muns, progs []int64
	asked := map[int64]bool{}
	for _, id := range municipalityIDs {
		if _, ok := n.muns[id]; !ok && !asked[id] {
			asked[id] = true
			muns = append(muns, id)
		}
	}
	clear(asked)
	for _, id := range programIDs {
		if _, ok := n.progs[id]; !ok && !n.progsOf[0] && !asked[id] {
			asked[id] = true
			progs = append(progs, id)
		}
	}
	if len(muns) > 0 {
		found, err := n.st.Directory().MunicipalitiesByID(ctx, muns)
		if err != nil {
			return err
		}
		for _, id := range muns {
			n.muns[id] = found[id]
		}
	}
	if len(progs) > 0 {
		found, err := n.st.Directory().ProgramsByID(ctx, progs)
		if err != nil {
			return err
		}
		for _, id := range progs {
			n.progs[id] = found[id]
		}
	}
	return nil
}

// knowMunicipalities records municipalities already read.
func (n *hubNames) knowMunicipalities(ms ...domain.Municipality) {
	for _, m := range ms {
		n.muns[m.ID] = m
	}
}

// knowPrograms records programs already read: every program of one
// municipality, or of all with 0.
func (n *hubNames) knowPrograms(municipalityID int64, ps ...domain.Program) {
	for _, p := range ps {
		n.progs[p.ID] = p
	}
	n.progsOf[municipalityID] = true
}

// municipality is the hub municipality with this id; one that does not
// exist is the zero municipality, shown as nothing.
func (n *hubNames) municipality(ctx context.Context, id int64) (domain.Municipality, error) {
	if m, ok := n.muns[id]; ok {
		return m, nil
	}
	m, err := n.st.Directory().MunicipalityByID(ctx, id)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		m, err = domain.Municipality{}, nil
	}
	if err != nil {
		return m, err
	}
	n.muns[id] = m
	return m, nil
}

// program is the program with this id, looked for among the programs of
// the municipality that the item belongs to, then among all; one that does
// not exist is the zero program.
func (n *hubNames) program(ctx context.Context, municipalityID, id int64) (domain.Program, error) {
	for _, of := range []int64{municipalityID, 0} {
		if p, ok := n.progs[id]; ok {
			return p, nil
		}
		if n.progsOf[of] || n.progsOf[0] {
			continue
		}
		ps, err := n.st.Directory().Programs(ctx, of)
		if err != nil {
			return domain.Program{}, err
		}
		n.knowPrograms(of, ps...)
	}
	return n.progs[id], nil
}

// projectCards puts each project's host, municipality and, withProgram,
// program beside it.
func (n *hubNames) projectCards(ctx context.Context, projects []domain.Project, withProgram bool) ([]ProjectCard, error) {
	ids := make([]int64, 0, len(projects))
	for _, p := range projects {
		ids = append(ids, p.HostID)
	}
	hosts, err := n.st.Directory().OrganizationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	muns, progs := make([]int64, len(projects)), []int64{}
	for i, p := range projects {
		muns[i] = p.MunicipalityID
		if withProgram {
			progs = append(progs, p.ProgramID)
		}
	}
	if err := n.preload(ctx, muns, progs); err != nil {
		return nil, err
	}
	out := make([]ProjectCard, len(projects))
	for i, p := range projects {
		out[i] = ProjectCard{Project: p, Host: hosts[p.HostID]}
		if out[i].Municipality, err = n.municipality(ctx, p.MunicipalityID); err != nil {
			return nil, err
		}
		if withProgram {
			if out[i].Program, err = n.program(ctx, p.MunicipalityID, p.ProgramID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// programCards puts each program's municipality, hosts, phase at now and
// figures beside it.
func (n *hubNames) programCards(ctx context.Context, programs []domain.Program, now time.Time) ([]ProgramCard, error) {
	var ids []int64
	for _, p := range programs {
		ids = append(ids, p.HostIDs...)
	}
	hosts, err := n.st.Directory().OrganizationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	muns, progs := make([]int64, len(programs)), make([]int64, len(programs))
	for i, p := range programs {
		muns[i], progs[i] = p.MunicipalityID, p.ID
	}
	if err := n.preload(ctx, muns, nil); err != nil {
		return nil, err
	}
	stats := n.stats
	if stats == nil {
		if stats, err = n.st.Insights().StatsOfPrograms(ctx, progs); err != nil {
			return nil, err
		}
	}
	out := make([]ProgramCard, len(programs))
	for i, p := range programs {
		c := ProgramCard{Program: p, Phase: p.Phase(now), StepList: p.Steps(now)}
		if c.Municipality, err = n.municipality(ctx, p.MunicipalityID); err != nil {
			return nil, err
		}
		for _, id := range p.HostIDs {
			c.Hosts = append(c.Hosts, hosts[id])
		}
		c.Stats = stats[p.ID]
		out[i] = c
	}
	return out, nil
}
