package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// orgPages are where a municipality's staff add and keep its businesses,
// partners and associations.
type orgPages struct{ *kit }

// orgFields are the one-line fields of the organization form; the
// description and story are read with their line breaks.
var orgFields = []string{"kind", "name", "name_kana", "jsic", "area", "address", "website"}

// jsicGroup is a major class with its middle classes, for the form's
// select.
type jsicGroup struct {
	Major   refdata.JSICClass
	Middles []refdata.JSICClass
}

type orgListData struct {
	Municipality  domain.Municipality
	Organizations []domain.Organization
	Trades        map[int64]string // each organization's industry class, named
	Kinds         []domain.OrgKind
	JSIC          []jsicGroup
	Form          *form
	Saved         bool
}

type orgEditData struct {
	Municipality domain.Municipality
	Organization domain.Organization
	JSIC         []jsicGroup
	Form         *form
	Saved        bool
}

// jsicGroups lists the industry classes in the form's order.
func (s orgPages) jsicGroups() []jsicGroup {
	var out []jsicGroup
	for _, m := range s.ref.JSICMajors() {
		out = append(out, jsicGroup{Major: m, Middles: s.ref.JSICMiddles(m.Code)})
	}
	return out
}

// tradeName names an organization's industry class in the reader's
// language: its middle class under its major, or its major alone.
func (k *kit) tradeName(lang i18n.Lang, o domain.Organization) string {
	major, ok := k.ref.JSIC(o.JSICMajor)
	if !ok {
		return ""
	}
	name := pick(lang, major.NameJA, major.NameEN)
	if middle, ok := k.ref.JSIC(o.JSICMiddle); ok {
		name += " › " + pick(lang, middle.NameJA, middle.NameEN)
	}
	return name
}

// orgInput reads the organization form.
func orgInput(r *http.Request, f *form) app.OrgInput {
	text := func(name string) string {
		v := strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(name), "\r\n", "\n"))
		f.Values[name] = v
		return v
	}
	return app.OrgInput{Kind: domain.OrgKind(f.Values["kind"]), Name: domain.NormalizeText(f.Values["name"]),
		NameKana: f.Values["name_kana"], JSIC: f.Values["jsic"], Area: f.Values["area"], Address: f.Values["address"],
		Website: f.Values["website"], Description: text("description"), Story: text("story")}
}

// orgsPage lists the municipality's organizations with the form that adds
// one.
func (s orgPages) orgsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f := newForm()
	f.Values["kind"] = string(domain.OrgBusiness)
	return s.renderOrgs(w, r, lang, http.StatusOK, f)
}

func (s orgPages) renderOrgs(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, f *form) error {
	desk, err := s.app.Orgs.List(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	d := orgListData{Municipality: desk.Municipality, Organizations: desk.Organizations, Trades: map[int64]string{},
		Kinds: app.AddableKinds(), JSIC: s.jsicGroups(), Form: f, Saved: r.URL.Query().Get("added") != ""}
	for _, o := range desk.Organizations {
		d.Trades[o.ID] = s.tradeName(lang, o)
	}
	return s.render(w, r, lang, status, "admin_orgs", s.cat.T(lang, "orgs.title", nil), d)
}

// addOrg adds a business, partner or association; a problem shows the
// form again with everything typed.
func (s orgPages) addOrg(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, orgFields...)
	if err != nil {
		return err
	}
	o, err := s.app.Orgs.Add(r.Context(), r.PathValue("lgcode"), orgInput(r, f))
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderOrgs(w, r, lang, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+r.PathValue("lgcode")+"/organizations/"+strconv.FormatInt(o.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

// orgPage is the form that edits an organization's profile, with the form
// that invites an owner into a business.
func (s orgPages) orgPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, err := parseID(r.PathValue("id"), "organization")
	if err != nil {
		return err
	}
	mu, o, err := s.app.Orgs.Get(r.Context(), r.PathValue("lgcode"), id)
	if err != nil {
		return err
	}
	f := newForm()
	f.Values = map[string]string{"name": o.Name, "name_kana": o.NameKana, "jsic": app.JSICCode(o), "area": o.Area,
		"address": o.Address, "website": o.Website, "description": o.Description, "story": o.Story}
	d := orgEditData{Municipality: mu, Organization: o, JSIC: s.jsicGroups(), Form: f, Saved: r.URL.Query().Get("saved") != ""}
	return s.render(w, r, lang, http.StatusOK, "admin_org", o.Name, d)
}

// saveOrg saves an organization's profile.
func (s orgPages) saveOrg(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, err := parseID(r.PathValue("id"), "organization")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, orgFields...)
	if err != nil {
		return err
	}
	o, err := s.app.Orgs.Update(r.Context(), r.PathValue("lgcode"), id, orgInput(r, f))
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		mu, old, gerr := s.app.Orgs.Get(r.Context(), r.PathValue("lgcode"), id)
		if gerr != nil {
			return gerr
		}
		d := orgEditData{Municipality: mu, Organization: old, JSIC: s.jsicGroups(), Form: f}
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "admin_org", old.Name, d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+r.PathValue("lgcode")+"/organizations/"+strconv.FormatInt(o.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
