package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// card is one entry on the screening board.
type card struct {
	store.EntryRow
	Titles    []string
	Reviewers []string
	Reviews   int
	Mean      float64
}

// column is one stage (or exit) of the board with its entries.
type column struct {
	Stage domain.EntryStatus
	Cards []card
}

type boardFilter struct {
	Stage    domain.EntryStatus
	Reviewer string // "me", or empty for anyone
	Project  int64
	Query    string
}

type boardData struct {
	Municipality domain.Municipality
	Program      domain.Program
	Columns      []column // the stages
	Exits        []column // 見送り and 辞退
	Filter       boardFilter
	Projects     []domain.Project
	Total        int
	Shown        int
	CanMove      bool
	CanDecide    bool
	CanImport    bool
	CanAllocate  bool
	Targets      []domain.EntryStatus
	Moved        string
	Optional     []domain.EntryStatus // stages the program may leave out
	Uses         map[domain.EntryStatus]bool
}

// screeningBoard shows a program's entries by stage: columns on a wide
// screen, a list on a phone, with filters and bulk moves. Seeing entrants
// is a view of personal data, so it is audited.
func (s *Server) screeningBoard(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, err := s.programListFor(r, policy.ViewEntries)
	if err != nil {
		return err
	}
	ctx := r.Context()
	q := r.URL.Query()
	every := policy.Resource{MunicipalityID: mu.ID}
	d := boardData{Municipality: mu, Program: p, Moved: q.Get("moved"),
		Filter: boardFilter{Stage: domain.EntryStatus(q.Get("stage")), Reviewer: q.Get("reviewer"),
			Query: domain.NormalizeText(q.Get("q"))},
		CanMove:     policy.Can(a, policy.MoveEntries, every),
		CanDecide:   policy.Can(a, policy.DecideEntries, every),
		CanImport:   policy.Can(a, policy.ImportEntries, every),
		CanAllocate: policy.Can(a, policy.ScreenEntries, every),
	}
	d.Filter.Project, _ = strconv.ParseInt(q.Get("project"), 10, 64)
	for _, st := range append(p.StageList(), domain.EntryDeclined) {
		if d.CanDecide || !st.Final() {
			d.Targets = append(d.Targets, st)
		}
	}
	d.Optional, d.Uses = domain.OptionalStages(), map[domain.EntryStatus]bool{}
	for _, st := range p.StageList() {
		d.Uses[st] = true
	}
	entries, err := s.store.EntriesOfProgram(ctx, p.ID)
	if err != nil {
		return err
	}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectDraft, domain.ProjectReview, domain.ProjectPublished, domain.ProjectClosed}})
	if err != nil {
		return err
	}
	d.Projects = page.Projects
	titles := map[int64]string{}
	for _, pr := range page.Projects {
		titles[pr.ID] = pr.Title
	}
	reviewers, err := s.store.ReviewersOfProgram(ctx, p.ID)
	if err != nil {
		return err
	}
	assigned := map[int64][]string{}
	mine := map[int64]bool{}
	for _, rv := range reviewers {
		assigned[rv.EntryID] = append(assigned[rv.EntryID], rv.Name)
		mine[rv.EntryID] = mine[rv.EntryID] || rv.UserID == a.UserID
	}
	reviews, err := s.store.Reviews(ctx, p.ID, 0)
	if err != nil {
		return err
	}
	sums := map[int64][2]float64{}
	for _, rv := range reviews {
		if len(rv.Scores) > 0 {
			x := sums[rv.EntryID]
			sums[rv.EntryID] = [2]float64{x[0] + rv.Mean(), x[1] + 1}
		}
	}
	byStage := map[domain.EntryStatus][]card{}
	for _, e := range entries {
		// A leader sees only the entries assigned to them.
		if !policy.Can(a, policy.ViewEntries, policy.Resource{MunicipalityID: mu.ID, AssignedReviewer: mine[e.ID]}) {
			continue
		}
		d.Total++
		if !d.Filter.keep(e, mine[e.ID]) {
			continue
		}
		c := card{EntryRow: e, Reviewers: assigned[e.ID]}
		for _, id := range e.Choices {
			c.Titles = append(c.Titles, titles[id])
		}
		if x := sums[e.ID]; x[1] > 0 {
			c.Reviews, c.Mean = int(x[1]), x[0]/x[1]
		}
		byStage[e.Status] = append(byStage[e.Status], c)
		d.Shown++
	}
	for _, st := range p.StageList() {
		d.Columns = append(d.Columns, column{Stage: st, Cards: byStage[st]})
	}
	for _, st := range []domain.EntryStatus{domain.EntryDeclined, domain.EntryWithdrawn} {
		d.Exits = append(d.Exits, column{Stage: st, Cards: byStage[st]})
	}
	if err := s.audit(ctx, nil, r, "entries.view", "program", p.ID, mu.ID); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "screening", s.cat.T(lang, "screen.title", nil), d)
}

// keep applies the board's filters to one entry.
func (f boardFilter) keep(e store.EntryRow, mine bool) bool {
	if f.Stage != "" && e.Status != f.Stage {
		return false
	}
	if f.Reviewer == "me" && !mine {
		return false
	}
	if f.Project != 0 && !slices.Contains(e.Choices, f.Project) {
		return false
	}
	if f.Query != "" {
		name := domain.NormalizeText(e.TalentName + " " + e.TalentKana)
		for _, word := range strings.Fields(f.Query) {
			if !strings.Contains(name, word) {
				return false
			}
		}
	}
	return true
}

// moveEntries moves the ticked entries to one stage. Screeners move
// between stages; only municipality staff decide 内定, 合意 and 見送り.
func (s *Server) moveEntries(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, err := s.programFor(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "to", "reason", "back")
	if err != nil {
		return err
	}
	var ids []int64
	for _, v := range r.PostForm["entry"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return invalidParam("entry", "error.choice", "Value", v)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return invalidParam("entry", "error.entries_none")
	}
	moved, err := s.moveAndTell(r, a, mu, p, ids, domain.EntryStatus(f.Values["to"]), f.Values["reason"])
	if err != nil {
		return err
	}
	back := "/admin/" + mu.LGCode + "/programs/" + p.Slug + "/entries"
	if f.Values["back"] != "" && strings.HasPrefix(f.Values["back"], back) {
		back = f.Values["back"]
	}
	sep := "?"
	if strings.Contains(back, "?") {
		sep = "&"
	}
	http.Redirect(w, r, back+sep+"moved="+strconv.Itoa(len(moved)), http.StatusSeeOther)
	return nil
}

// moveAndTell moves the entries and tells each entrant (app.Screening).
func (s *Server) moveAndTell(r *http.Request, a policy.Actor, mu domain.Municipality, p domain.Program, ids []int64,
	to domain.EntryStatus, reason string) ([]store.Moved, error) {
	return s.app.Screening.Move(r.Context(), a, mu, p, ids, to, reason)
}

// setStages chooses which optional stages (書類選考, 面談) the program
// uses; the municipality decides.
func (s *Server) setStages(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, mu, p, err := s.programFor(r, policy.DecideEntries)
	if err != nil {
		return err
	}
	if _, err := readForm(w, r); err != nil {
		return err
	}
	use := map[string]bool{}
	for _, v := range r.PostForm["stage"] {
		use[v] = true
	}
	var stages []domain.EntryStatus
	for _, st := range domain.Stages() {
		if !slices.Contains(domain.OptionalStages(), st) || use[string(st)] {
			stages = append(stages, st)
		}
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SetProgramStages(r.Context(), p.ID, stages); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "program.stages", "program", p.ID, mu.ID)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/programs/"+p.Slug+"/entries?stages=1", http.StatusSeeOther)
	return nil
}
