package web

import (
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

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
	Affinities []domain.Affinity // always affinityRows long
	Kinds      []domain.AffinityKind
	Saved      bool
	Purposes   []domain.ConsentPurpose
	Consents   map[domain.ConsentPurpose]bool
	History    []domain.Consent
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
func (s *Server) skillGroups(chosen func(code string) bool) []skillGroup {
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
func (s *Server) requireUser(r *http.Request) (int64, error) {
	id := s.userID(r)
	if id == 0 {
		return 0, app.ErrSignIn
	}
	return id, nil
}

func (s *Server) profileData(t domain.Talent, f *form) profileData {
	d := profileData{Form: f, Talent: t, Levels: map[string]int{}, Goals: map[int]bool{}, SDGs: s.ref.SDGs(),
		Styles: domain.WorkStyles(), Kinds: []domain.AffinityKind{domain.AffinityLives, domain.AffinityWorks,
			domain.AffinityBorn, domain.AffinitySupporter}}
	for _, sk := range t.Skills {
		d.Levels[sk.Code] = sk.Level
	}
	for _, g := range t.SDGs {
		d.Goals[g] = true
	}
	d.Categories = s.skillGroups(func(code string) bool { return d.Levels[code] > 0 })
	d.Affinities = append(append([]domain.Affinity(nil), t.Affinities...), make([]domain.Affinity, affinityRows)...)[:affinityRows]
	return d
}

// loadConsents fills the consent choices and their history.
func (s *Server) loadConsents(r *http.Request, userID int64, d *profileData) error {
	d.Purposes, d.Consents = domain.HubPurposes(), map[domain.ConsentPurpose]bool{}
	cur, err := s.store.CurrentConsents(r.Context(), userID)
	if err != nil {
		return err
	}
	for p, c := range cur {
		d.Consents[p] = c.Granted
	}
	scout, err := s.store.ScoutConsents(r.Context(), userID)
	if err != nil {
		return err
	}
	d.Findable, d.MunicipalityNames = map[int64]bool{}, map[int64]string{}
	for m, c := range scout {
		d.Findable[m] = c.Granted
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return err
	}
	d.Municipalities = h.munList
	for _, m := range h.munList {
		d.MunicipalityNames[m.ID] = m.Name
	}
	d.History, err = s.store.ConsentHistory(r.Context(), userID)
	return err
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	t, err := s.store.TalentByUser(r.Context(), userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		u, err := s.store.UserByID(r.Context(), userID)
		if err != nil {
			return err
		}
		t = domain.Talent{UserID: userID, Name: u.Name, NameKana: u.NameKana, ResidenceCountry: "JP",
			TimeZone: "Asia/Tokyo", WorkStyle: domain.WorkRemote, HoursPerMonth: 20}
	} else if err != nil {
		return err
	}
	if t.ID != 0 { // a view of personal data
		if err := s.audit(r.Context(), nil, r, "profile.view", "talent", t.ID, 0); err != nil {
			return err
		}
	}
	d := s.profileData(t, newForm())
	d.Saved = r.URL.Query().Get("saved") == "1"
	if err := s.loadConsents(r, userID, &d); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "profile", s.cat.T(lang, "profile.title", nil), d)
}

// saveProfile reads the whole form; every problem is shown at once next to
// its field, and what was typed stays in the form.
func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "name", "name_kana", "hours", "style", "country", "background")
	if err != nil {
		return err
	}
	t, err := s.store.TalentByUser(r.Context(), userID)
	if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		return err
	}
	t.UserID, t.Name, t.NameKana = userID, f.Values["name"], f.Values["name_kana"]
	t.Background, t.ResidenceCountry = r.PostForm.Get("background"), strings.ToUpper(f.Values["country"])
	t.WorkStyle = domain.WorkStyle(f.Values["style"])
	if t.TimeZone == "" {
		t.TimeZone = "Asia/Tokyo"
	}
	var v domain.ValidationErrors
	if n, err := strconv.Atoi(domain.NormalizeText(f.Values["hours"])); err == nil {
		t.HoursPerMonth = n
	} else {
		v.Add("hours", "error.range", "Min", 0, "Max", 200)
	}
	t.Skills = nil
	for _, sk := range s.ref.Skills() {
		if lvl, err := strconv.Atoi(r.PostForm.Get("skill_" + sk.Code)); err == nil && lvl > 0 {
			t.Skills = append(t.Skills, domain.TalentSkill{Code: sk.Code, Level: lvl})
		}
	}
	t.SDGs = nil
	for _, g := range r.PostForm["sdg"] {
		if n, err := strconv.Atoi(g); err == nil {
			t.SDGs = append(t.SDGs, n)
		}
	}
	t.Affinities = nil
	for i := range affinityRows {
		code := domain.NormalizeText(r.PostForm.Get("aff_code_" + strconv.Itoa(i)))
		kind := domain.AffinityKind(r.PostForm.Get("aff_kind_" + strconv.Itoa(i)))
		if code == "" {
			continue
		}
		t.Affinities = append(t.Affinities, domain.Affinity{LGCode: code, Kind: kind})
		if domain.ValidateLGCode(code) == nil {
			if _, known := s.ref.Municipality(code); !known {
				v.Add("affinities", "error.lgcode_unknown", "Value", code)
			}
		}
	}
	t.Normalize()
	if err := t.Validate(); err != nil {
		var e *domain.Error
		if de, ok := err.(*domain.Error); ok {
			e = de
		}
		if e != nil {
			v.Fields = append(e.Fields, v.Fields...)
		}
	}
	if err := v.Err(); err != nil {
		s.fieldErrors(lang, f, err)
		d := s.profileData(t, f)
		if err := s.loadConsents(r, userID, &d); err != nil {
			return err
		}
		for _, p := range d.Purposes { // keep what was ticked
			d.Consents[p] = r.PostForm.Get("consent_"+string(p)) == "yes"
		}
		for _, m := range d.Municipalities {
			d.Findable[m.ID] = r.PostForm.Get("find_"+strconv.FormatInt(m.ID, 10)) == "yes"
		}
		return s.render(w, r, lang, http.StatusBadRequest, "profile", s.cat.T(lang, "profile.title", nil), d)
	}
	current, err := s.store.CurrentConsents(r.Context(), userID)
	if err != nil {
		return err
	}
	findable, err := s.store.ScoutConsents(r.Context(), userID)
	if err != nil {
		return err
	}
	hub, err := s.loadHub(r.Context())
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SaveTalent(r.Context(), &t); err != nil {
			return err
		}
		// A consent is recorded only when the answer changes, with its time.
		for _, m := range hub.munList {
			granted := r.PostForm.Get("find_"+strconv.FormatInt(m.ID, 10)) == "yes"
			if c, answered := findable[m.ID]; (answered && c.Granted == granted) || (!answered && !granted) {
				continue
			}
			if err := tx.RecordConsent(r.Context(), &domain.Consent{UserID: userID, MunicipalityID: m.ID,
				Purpose: domain.ConsentScout, Granted: granted}); err != nil {
				return err
			}
			if err := s.audit(r.Context(), tx, r, "consent.scout", "user", userID, m.ID); err != nil {
				return err
			}
		}
		for _, p := range domain.HubPurposes() {
			granted := r.PostForm.Get("consent_"+string(p)) == "yes"
			if c, answered := current[p]; (answered && c.Granted == granted) || (!answered && !granted) {
				continue
			}
			if err := tx.RecordConsent(r.Context(), &domain.Consent{UserID: userID, Purpose: p, Granted: granted}); err != nil {
				return err
			}
			if err := s.audit(r.Context(), tx, r, "consent."+string(p), "user", userID, 0); err != nil {
				return err
			}
		}
		return s.audit(r.Context(), tx, r, "profile.save", "talent", t.ID, 0)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me/profile?saved=1", http.StatusSeeOther)
	return nil
}
