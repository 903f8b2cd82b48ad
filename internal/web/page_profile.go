package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// talentPages are the handlers of a person's own pages: their page, their
// profile and consents, notices, and their entries and interviews
// (app.Talents).
type talentPages struct{ *kit }

// affinityRows is how many ties to places the profile form offers.
const affinityRows = 3

type profileData struct {
	Form       *form
	Talent     domain.Talent
	Levels     map[string]int // skill code → level
	Goals      map[int]bool
	Categories []skillGroup
	SDGs       []refdata.SDG
	Styles     []domain.WorkStyle
	Affinities []affinityRow // always affinityRows long
	Kinds      []domain.AffinityKind
	// Prefectures and Countries fill the place pickers; Country is the
	// chosen one, or a code stored before the list (shown as is).
	Prefectures []refdata.Prefecture
	Countries   []refdata.Country
	Country     refdata.Country
	Refreshed   bool // the municipality lists were filled, nothing saved
	// Draft is an entry being typed when the person was sent to make
	// their profile (draftURL): kept in hidden fields, and given back to
	// the entry form once the profile is saved.
	Draft    url.Values
	Purposes []domain.ConsentPurpose
	Consents map[domain.ConsentPurpose]bool
	History  []domain.Consent
	// Findable says, per municipality of the hub, whether its staff may
	// find the talent in the shared pool.
	Municipalities    []domain.Municipality
	Findable          map[int64]bool
	MunicipalityNames map[int64]string
}

type skillGroup struct {
	Category refdata.SkillCategory
	Skills   []refdata.Skill
	Open     bool // some skill in it is chosen, so the group starts open
}

// skillGroups lists the skills by category, each open when chosen says
// one of its skills is chosen.
func (s *kit) skillGroups(chosen func(code string) bool) []skillGroup {
	var out []skillGroup
	for _, c := range s.ref.SkillCategories() {
		g := skillGroup{Category: c, Skills: s.ref.SkillsIn(c.Code)}
		for _, sk := range g.Skills {
			g.Open = g.Open || chosen(sk.Code)
		}
		out = append(out, g)
	}
	return out
}

// requireUser is the signed-in person's id; for a visitor, an error that
// sends them to the login page (renderError).
func (s *kit) requireUser(r *http.Request) (int64, error) {
	id := s.userID(r)
	if id == 0 {
		return 0, app.ErrSignIn
	}
	return id, nil
}

func (p talentPages) profileData(lang i18n.Lang, t domain.Talent, f *form, prefs []int) profileData {
	d := profileData{Form: f, Talent: t, Levels: map[string]int{}, Goals: map[int]bool{}, SDGs: p.ref.SDGs(),
		Styles: domain.WorkStyles(), Kinds: []domain.AffinityKind{domain.AffinityLives, domain.AffinityWorks,
			domain.AffinityBorn, domain.AffinitySupporter}, Prefectures: p.ref.Prefectures(), Countries: p.ref.Countries(lang == i18n.English)}
	d.Country, _ = p.ref.Country(t.ResidenceCountry)
	if d.Country.Code == "" {
		d.Country = refdata.Country{Code: t.ResidenceCountry, NameJA: t.ResidenceCountry, NameEN: t.ResidenceCountry}
	}
	for _, sk := range t.Skills {
		d.Levels[sk.Code] = sk.Level
	}
	for _, g := range t.SDGs {
		d.Goals[g] = true
	}
	d.Categories = p.skillGroups(func(code string) bool { return d.Levels[code] > 0 })
	d.Affinities = p.affinityRows(t.Affinities, prefs)
	return d
}

// withConsents fills the consent choices, the municipalities and the
// history of the answers.
func (d *profileData) withConsents(p app.Profile) {
	d.Purposes, d.Consents, d.Findable = domain.HubPurposes(), p.Consents, p.Findable
	d.Municipalities, d.MunicipalityNames, d.History = p.Municipalities, map[int64]string{}, p.History
	for _, m := range p.Municipalities {
		d.MunicipalityNames[m.ID] = m.Name
	}
}

func (p talentPages) profilePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	prof, err := p.app.Talents.Profile(r.Context())
	if err != nil {
		return err
	}
	d := p.profileData(lang, prof.Talent, newForm(), nil)
	d.Draft = entryDraft(r.URL.Query())
	d.withConsents(prof)
	return p.render(w, r, lang, http.StatusOK, "profile", p.cat.T(lang, "profile.title", nil), d)
}

// saveProfile reads the whole form and saves it (app.Talents.SaveProfile);
// every problem is shown at once next to its field (422), and what was
// typed and ticked stays in the form.
func (p talentPages) saveProfile(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "name", "name_kana", "hours", "style", "country", "background")
	if err != nil {
		return err
	}
	e, prefs := p.readProfile(r, f)
	if r.PostForm.Get("refresh") != "" {
		// Fill the municipality lists for the prefectures chosen, without
		// saving (the form's way without JavaScript).
		prof, err := p.app.Talents.Profile(r.Context())
		if err != nil {
			return err
		}
		prof.Talent = e.Talent(prof.Talent)
		d := p.profileData(lang, prof.Talent, f, prefs)
		d.withConsents(prof)
		d.keepTicked(e)
		d.Refreshed = true
		return p.render(w, r, lang, http.StatusOK, "profile", p.cat.T(lang, "profile.title", nil), d)
	}
	prof, err := p.app.Talents.SaveProfile(r.Context(), e)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		p.fieldErrors(lang, f, err)
		d := p.profileData(lang, prof.Talent, f, prefs)
		d.Draft = entryDraft(r.PostForm)
		d.withConsents(prof)
		d.keepTicked(e)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "profile", p.cat.T(lang, "profile.title", nil), d)
	}
	if err != nil {
		return err
	}
	if draft := entryDraft(r.PostForm); draft != nil {
		http.Redirect(w, r, entryBackURL(draft.Get("for"), draft), http.StatusSeeOther)
		return nil
	}
	seeOtherWith(w, r, "/me/profile", "profile_saved")
	return nil
}

// entryDraft picks an entry draft (for, choice_N, motivation) out of a
// query or form, or nil when it names no program to go back to.
func entryDraft(v url.Values) url.Values {
	slug := v.Get("for")
	if slug == "" || strings.ContainsAny(slug, "/?#") {
		return nil
	}
	d := url.Values{"for": {slug}, "motivation": {v.Get("motivation")}}
	for i := range domain.MaxChoices {
		k := "choice_" + strconv.Itoa(i+1)
		d.Set(k, v.Get(k))
	}
	return d
}

// readProfile reads the profile form: the details as typed, the skills,
// goals and places chosen, what cannot be read (hours that are not a
// number, a place or country that does not exist), and the consents as
// ticked; prefs are the prefectures chosen in the place rows.
func (p talentPages) readProfile(r *http.Request, f *form) (app.ProfileEdit, []int) {
	e := app.ProfileEdit{Name: f.Values["name"], NameKana: f.Values["name_kana"], Background: r.PostForm.Get("background"),
		Style: domain.WorkStyle(f.Values["style"]), Consents: map[domain.ConsentPurpose]bool{}, Findable: map[int64]bool{}}
	var v domain.ValidationErrors
	e.Country = p.readCountry(f.Values["country"], &v)
	if n, err := domain.ParseNumber(f.Values["hours"]); err == nil {
		e.Hours, e.HoursRead = n, true
	} else {
		v.Add("hours", "error.range", "Min", 0, "Max", 200)
	}
	for _, sk := range p.ref.Skills() {
		if lvl, err := strconv.Atoi(r.PostForm.Get("skill_" + sk.Code)); err == nil && lvl > 0 {
			e.Skills = append(e.Skills, domain.TalentSkill{Code: sk.Code, Level: lvl})
		}
	}
	for _, g := range r.PostForm["sdg"] {
		if n, err := strconv.Atoi(g); err == nil {
			e.SDGs = append(e.SDGs, n)
		}
	}
	var prefs []int
	e.Affinities, prefs = p.readPlaces(r, &v)
	e.Problems = v.Fields
	for _, purpose := range domain.HubPurposes() {
		e.Consents[purpose] = r.PostForm.Get("consent_"+string(purpose)) == "yes"
	}
	for name := range r.PostForm {
		if id, found := strings.CutPrefix(name, "find_"); found {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				e.Findable[n] = r.PostForm.Get(name) == "yes"
			}
		}
	}
	return e, prefs
}
