package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

type ideasData struct {
	Ideas          []app.IdeaCard
	Municipalities []domain.Municipality
	SignedIn       bool
	Form           *form
	Sent           bool
	Staff          bool // the page for a municipality's staff, with answer forms
	Municipality   domain.Municipality
	Statuses       []domain.IdeaStatus
}

func ideasPageData(r *http.Request, b app.IdeaBoard, f *form) ideasData {
	return ideasData{Ideas: b.Ideas, Municipalities: b.Municipalities, SignedIn: b.SignedIn, Form: f,
		Statuses: domain.IdeaStatuses(), Sent: r.URL.Query().Get("sent") != ""}
}

// ideasPage is the idea board: talents propose ideas to a municipality,
// others support them, and the municipality answers with a status.
func (c communityPages) ideasPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return c.renderIdeas(w, r, lang, http.StatusOK, newForm())
}

func (c communityPages) renderIdeas(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, f *form) error {
	b, err := c.app.Community.Ideas(r.Context())
	if err != nil {
		return err
	}
	return c.render(w, r, lang, status, "ideas", c.cat.T(lang, "idea.title", nil), ideasPageData(r, b, f))
}

// proposeIdea records a signed-in person's idea; a form with errors is
// shown again (422).
func (c communityPages) proposeIdea(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := c.requireUser(r); err != nil {
		return err
	}
	f, err := readForm(w, r, "municipality", "title")
	if err != nil {
		return err
	}
	i := domain.Idea{Title: domain.NormalizeText(f.Values["title"]),
		Body: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("body"), "\r\n", "\n"))}
	f.Values["body"] = i.Body
	err = c.app.Community.ProposeIdea(r.Context(), f.Values["municipality"], &i)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		c.fieldErrors(lang, f, err)
		return c.renderIdeas(w, r, lang, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/ideas?sent=1#idea-"+strconv.FormatInt(i.ID, 10), http.StatusSeeOther)
	return nil
}

// supportIdea adds or takes back the person's support.
func (c communityPages) supportIdea(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := c.requireUser(r); err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "idea")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "support")
	if err != nil {
		return err
	}
	if err := c.app.Community.SupportIdea(r.Context(), id, f.Values["support"] != "no"); err != nil {
		return err
	}
	seeOtherWith(w, r, "/ideas#idea-"+strconv.FormatInt(id, 10), "idea_supported")
	return nil
}

// adminIdeas lists a municipality's ideas with a form to answer each.
func (c communityPages) adminIdeas(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := c.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := c.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	b, err := c.app.Community.MunicipalityIdeas(r.Context(), mu)
	if err != nil {
		return err
	}
	d := ideasPageData(r, b, newForm())
	d.Staff, d.Municipality = true, mu
	return c.render(w, r, lang, http.StatusOK, "ideas", c.cat.T(lang, "idea.admin_title", nil), d)
}

// answerIdea records the municipality's answer and tells the author.
func (c communityPages) answerIdea(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := c.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := c.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "idea")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "status", "answer")
	if err != nil {
		return err
	}
	if err := c.app.Community.AnswerIdea(r.Context(), a, mu, id, domain.IdeaStatus(f.Values["status"]),
		f.Values["answer"]); err != nil {
		return err
	}
	seeOtherWith(w, r, "/admin/"+mu.LGCode+"/ideas#idea-"+strconv.FormatInt(id, 10), "idea_answered")
	return nil
}
