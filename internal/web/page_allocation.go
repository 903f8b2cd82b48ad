package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// allocationPages compare and accept the allocations of a program's
// cohort.
type allocationPages struct{ *kit }

type allocationData struct {
	Municipality domain.Municipality
	Cohort       app.Cohort
	Methods      []app.Method
	ProjectIDs   []string
	Pins, Bans   []match.Pair
	Query        string // the pins and bans, to keep them in links and forms
	CanDecide    bool
	Accepted     int
	Problems     []string // pins that cannot be honoured, explained
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

// allocationPage runs both allocations of a program's cohort side by side,
// with the pins and bans in the address, for the people who screen every
// entry.
func (s allocationPages) allocationPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	q := r.URL.Query()
	pl, err := s.app.Allocation.Plan(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), pairsOf(q["pin"]), pairsOf(q["ban"]))
	if err != nil {
		return err
	}
	// The add form sends a talent, a project and pin or ban; fold them into
	// the address so the page stays shareable.
	if t, pr, kind := q.Get("add_t"), q.Get("add_p"), q.Get("add_kind"); t != "" && pr != "" && (kind == "pin" || kind == "ban") {
		next := url.Values{"pin": q["pin"], "ban": q["ban"]}
		next.Add(kind, t+":"+pr)
		http.Redirect(w, r, r.URL.Path+"?"+next.Encode(), http.StatusSeeOther)
		return nil
	}
	c := pl.Cohort
	d := allocationData{Municipality: pl.Municipality, Cohort: c, Methods: pl.Methods, Pins: pl.Pins, Bans: pairsOf(q["ban"]),
		CanDecide: policy.Can(pl.Actor, policy.DecideEntries, policy.Resource{MunicipalityID: pl.Municipality.ID})}
	d.Accepted, _ = strconv.Atoi(q.Get("accepted"))
	for _, p := range pl.Unmet {
		d.Problems = append(d.Problems, s.cat.T(lang, "alloc.pin_not_chosen", map[string]any{
			"Name": c.Entrants[p.Talent].TalentName, "Project": c.Projects[p.Project].Title}))
	}
	keep := url.Values{"pin": q["pin"], "ban": q["ban"]}
	d.Query = keep.Encode()
	for id := range c.Projects {
		d.ProjectIDs = append(d.ProjectIDs, id)
	}
	sort.Slice(d.ProjectIDs, func(i, j int) bool { return c.Projects[d.ProjectIDs[i]].Title < c.Projects[d.ProjectIDs[j]].Title })
	return s.render(w, r, lang, http.StatusOK, "allocation", s.cat.T(lang, "alloc.title", nil), d)
}

// acceptAllocation turns one method's result into decisions: 内定 for the
// assigned, 見送り for the rest, each recorded with the method as reason.
func (s allocationPages) acceptAllocation(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.app.Screening.ProgramFor(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), policy.DecideEntries)
	if err != nil {
		return err
	}
	if _, err := readForm(w, r, "method"); err != nil {
		return err
	}
	changed, err := s.app.Allocation.Accept(r.Context(), sc, r.PostForm.Get("method"), pairsOf(r.PostForm["pin"]),
		pairsOf(r.PostForm["ban"]))
	if err != nil {
		return err
	}
	back := url.Values{"pin": r.PostForm["pin"], "ban": r.PostForm["ban"], "accepted": {strconv.Itoa(changed)}}
	http.Redirect(w, r, "/admin/"+sc.Municipality.LGCode+"/programs/"+sc.Program.Slug+"/allocation?"+back.Encode(), http.StatusSeeOther)
	return nil
}
