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

// allocationPages compare, confirm and accept the allocations of a
// program's cohort.
type allocationPages struct{ *kit }

type allocationData struct {
	Municipality domain.Municipality
	Cohort       app.Cohort
	Methods      []app.Method
	ProjectIDs   []string
	Pins, Bans   []match.Pair
	Settings     app.Settings
	Query        string     // the settings, to keep them in links
	Hidden       url.Values // the settings, to keep them in forms
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

// settingsOf reads an allocation's settings from a query or form: pin and
// ban pairs, and per project seats_<id>, min_<id> and local_<id>
// (blank for the default). It returns the values that carry them on.
func settingsOf(q url.Values) (app.Settings, url.Values) {
	set := app.Settings{Pins: pairsOf(q["pin"]), Bans: pairsOf(q["ban"]),
		Seats: map[string]int{}, Minimum: map[string]int{}, Local: map[string]int{}}
	keep := url.Values{"pin": q["pin"], "ban": q["ban"]}
	for key, vals := range q {
		kind, id, ok := strings.Cut(key, "_")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		n, err := strconv.Atoi(domain.NormalizeText(vals[0]))
		if err != nil || n < 0 || n > 1000 {
			continue
		}
		switch kind {
		case "seats":
			set.Seats[id] = n
		case "min":
			set.Minimum[id] = n
		case "local":
			set.Local[id] = n
		default:
			continue
		}
		keep.Set(key, strconv.Itoa(n))
	}
	return set, keep
}

// allocationPage runs both allocations of a program's cohort side by side,
// with the pins, bans, seats, minimums and local quotas in the address,
// for the people who screen every entry.
func (s allocationPages) allocationPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	q := r.URL.Query()
	set, keep := settingsOf(q)
	pl, err := s.app.Allocation.Plan(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), set)
	if err != nil {
		return err
	}
	// The add form sends a talent, a project and pin or ban; fold them into
	// the address so the page stays shareable.
	if t, pr, kind := q.Get("add_t"), q.Get("add_p"), q.Get("add_kind"); t != "" && pr != "" && (kind == "pin" || kind == "ban") {
		keep.Add(kind, t+":"+pr)
		http.Redirect(w, r, r.URL.Path+"?"+keep.Encode(), http.StatusSeeOther)
		return nil
	}
	c := pl.Cohort
	d := allocationData{Municipality: pl.Municipality, Cohort: c, Methods: pl.Methods, Pins: pl.Pins, Bans: set.Bans,
		Settings: set, Query: keep.Encode(), Hidden: keep,
		CanDecide: policy.Can(pl.Actor, policy.DecideEntries, policy.Resource{MunicipalityID: pl.Municipality.ID})}
	d.Accepted, _ = strconv.Atoi(q.Get("accepted"))
	for _, p := range pl.Unmet {
		d.Problems = append(d.Problems, s.cat.T(lang, "alloc.pin_not_chosen", map[string]any{
			"Name": c.Entrants[p.Talent].TalentName, "Project": c.Projects[p.Project].Title}))
	}
	for id := range c.Projects {
		d.ProjectIDs = append(d.ProjectIDs, id)
	}
	sort.Slice(d.ProjectIDs, func(i, j int) bool { return c.Projects[d.ProjectIDs[i]].Title < c.Projects[d.ProjectIDs[j]].Title })
	return s.render(w, r, lang, http.StatusOK, "allocation", s.cat.T(lang, "alloc.title", nil), d)
}

type allocationConfirmData struct {
	Proposal app.Proposal
	Hidden   url.Values
	Query    string
}

// confirmAllocation lists what accepting one method's allocation will do
// (who gets 内定 for which project, who gets 見送り) with the button that
// does it, for the people who decide.
func (s allocationPages) confirmAllocation(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	q := r.URL.Query()
	set, keep := settingsOf(q)
	pr, err := s.app.Allocation.Propose(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), q.Get("method"), set)
	if err != nil {
		return err
	}
	d := allocationConfirmData{Proposal: pr, Hidden: keep, Query: keep.Encode()}
	return s.render(w, r, lang, http.StatusOK, "allocation_confirm", s.cat.T(lang, "alloc.confirm_title", nil), d)
}

// acceptAllocation records the decisions staff confirmed: 内定 with the
// placement for the assigned, 見送り for the rest, with mail to each.
func (s allocationPages) acceptAllocation(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.app.Screening.ProgramFor(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), policy.DecideEntries)
	if err != nil {
		return err
	}
	if _, err := readForm(w, r, "method"); err != nil {
		return err
	}
	set, keep := settingsOf(r.PostForm)
	var expected []app.Placing
	for _, v := range r.PostForm["decision"] {
		e, p, _ := strings.Cut(v, ":")
		eid, err1 := strconv.ParseInt(e, 10, 64)
		pid, err2 := strconv.ParseInt(p, 10, 64)
		if err1 != nil || err2 != nil {
			return invalidParam("decision", "error.choice", "Value", v)
		}
		expected = append(expected, app.Placing{EntryID: eid, Project: pid})
	}
	changed, err := s.app.Allocation.Accept(r.Context(), sc, r.PostForm.Get("method"), set, expected)
	if err != nil {
		return err
	}
	keep.Set("accepted", strconv.Itoa(changed))
	http.Redirect(w, r, "/admin/"+sc.Municipality.LGCode+"/programs/"+sc.Program.Slug+"/allocation?"+keep.Encode(), http.StatusSeeOther)
	return nil
}
