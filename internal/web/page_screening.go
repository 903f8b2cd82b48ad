package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// card is one entry on the screening board.
type card struct {
	app.EntryRow
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
	Partners     []domain.Organization // the municipality's, to delegate operations to
	Delegate     string                // the partner operations are delegated to, if any
}

// screeningPages are the screening board and each entry's page, for the
// people who screen a program's entries.
type screeningPages struct{ *kit }

// screeningBoard shows a program's entries by stage: columns on a wide
// screen, a list on a phone, with filters and bulk moves. Seeing entrants
// is a view of personal data, so the service audits it.
func (s screeningPages) screeningBoard(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	q := r.URL.Query()
	b, err := s.app.Screening.Board(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"))
	if err != nil {
		return err
	}
	a, mu, p := b.Actor, b.Municipality, b.Program
	every := app.ProgramResource(p)
	d := boardData{Municipality: mu, Program: p, Moved: q.Get("moved"), Projects: b.Projects,
		Filter: boardFilter{Stage: domain.EntryStatus(q.Get("stage")), Reviewer: q.Get("reviewer"),
			Query: domain.NormalizeText(q.Get("q"))},
		CanMove:     policy.Can(a, policy.MoveEntries, every),
		CanDecide:   policy.Can(a, policy.DecideEntries, every),
		CanImport:   policy.Can(a, policy.ImportEntries, every),
		CanAllocate: policy.Can(a, policy.ScreenEntries, every),
	}
	d.Filter.Project, _ = strconv.ParseInt(q.Get("project"), 10, 64)
	if d.Partners, err = s.app.Programs.Partners(r.Context(), mu.ID); err != nil {
		return err
	}
	for _, o := range d.Partners {
		if o.ID == p.Delegate {
			d.Delegate = o.Name
		}
	}
	for _, st := range append(p.StageList(), domain.EntryDeclined) {
		if d.CanDecide || !st.Final() {
			d.Targets = append(d.Targets, st)
		}
	}
	d.Optional, d.Uses = domain.OptionalStages(), map[domain.EntryStatus]bool{}
	for _, st := range p.StageList() {
		d.Uses[st] = true
	}
	titles := map[int64]string{}
	for _, pr := range b.Projects {
		titles[pr.ID] = pr.Title
	}
	byStage := map[domain.EntryStatus][]card{}
	for _, e := range b.Entries {
		d.Total++
		if !d.Filter.keep(e, b.Mine[e.ID]) {
			continue
		}
		c := card{EntryRow: e, Reviewers: b.Reviewers[e.ID], Reviews: b.Scores[e.ID].Reviews, Mean: b.Scores[e.ID].Mean}
		for _, id := range e.Choices {
			c.Titles = append(c.Titles, titles[id])
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
	return s.render(w, r, lang, http.StatusOK, "screening", s.cat.T(lang, "screen.title", nil), d)
}

// keep applies the board's filters to one entry.
func (f boardFilter) keep(e app.EntryRow, mine bool) bool {
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
func (s screeningPages) moveEntries(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.app.Screening.ProgramFor(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), policy.MoveEntries)
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
	moved, err := s.app.Screening.Move(r.Context(), sc.Actor, sc.Municipality, sc.Program, ids,
		domain.EntryStatus(f.Values["to"]), f.Values["reason"])
	if err != nil {
		return err
	}
	mu, p := sc.Municipality, sc.Program
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

// setStages chooses which optional stages (書類選考, 面談) the program
// uses; the municipality decides.
func (s screeningPages) setStages(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.app.Screening.ProgramFor(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), policy.DecideEntries)
	if err != nil {
		return err
	}
	if _, err := readForm(w, r); err != nil {
		return err
	}
	var optional []domain.EntryStatus
	for _, v := range r.PostForm["stage"] {
		optional = append(optional, domain.EntryStatus(v))
	}
	if err := s.app.Screening.SetStages(r.Context(), sc, optional); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+sc.Municipality.LGCode+"/programs/"+sc.Program.Slug+"/entries?stages=1", http.StatusSeeOther)
	return nil
}
