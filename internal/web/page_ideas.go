package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type ideaView struct {
	domain.Idea
	Municipality domain.Municipality
	Supported    bool
	Mine         bool
}

type ideasData struct {
	Ideas          []ideaView
	Municipalities []domain.Municipality
	SignedIn       bool
	Form           *form
	Sent           bool
	Staff          bool // the page for a municipality's staff, with answer forms
	Municipality   domain.Municipality
	Statuses       []domain.IdeaStatus
}

func (s *Server) ideasData(r *http.Request, municipalityID int64, f *form) (ideasData, error) {
	d := ideasData{Form: f, Statuses: domain.IdeaStatuses(), Sent: r.URL.Query().Get("sent") != ""}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return d, err
	}
	d.Municipalities = h.munList
	ideas, err := s.store.Ideas(r.Context(), municipalityID)
	if err != nil {
		return d, err
	}
	supported := map[int64]bool{}
	uid := s.userID(r)
	if uid != 0 {
		d.SignedIn = true
		if supported, err = s.store.Supported(r.Context(), uid); err != nil {
			return d, err
		}
	}
	for _, i := range ideas {
		d.Ideas = append(d.Ideas, ideaView{Idea: i, Municipality: h.municipalities[i.MunicipalityID],
			Supported: supported[i.ID], Mine: uid != 0 && i.AuthorID == uid})
	}
	return d, nil
}

// ideasPage is the idea board: talents propose ideas to a municipality,
// others support them, and the municipality answers with a status.
func (s *Server) ideasPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.ideasData(r, 0, newForm())
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "ideas", s.cat.T(lang, "idea.title", nil), d)
}

// proposeIdea records a signed-in person's idea.
func (s *Server) proposeIdea(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "municipality", "title")
	if err != nil {
		return err
	}
	i := domain.Idea{AuthorID: userID, Title: domain.NormalizeText(f.Values["title"]),
		Body: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("body"), "\r\n", "\n"))}
	f.Values["body"] = i.Body
	if mu, err := s.store.MunicipalityByLGCode(r.Context(), f.Values["municipality"]); err == nil {
		i.MunicipalityID = mu.ID
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateIdea(r.Context(), &i); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "idea.propose", "idea", i.ID, i.MunicipalityID)
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		d, derr := s.ideasData(r, 0, f)
		if derr != nil {
			return derr
		}
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "ideas", s.cat.T(lang, "idea.title", nil), d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/ideas?sent=1#idea-"+strconv.FormatInt(i.ID, 10), http.StatusSeeOther)
	return nil
}

// supportIdea adds or takes back the person's support.
func (s *Server) supportIdea(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
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
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SupportIdea(r.Context(), id, userID, f.Values["support"] != "no"); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "idea.support", "idea", id, 0)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/ideas#idea-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// adminIdeas lists a municipality's ideas with a form to answer each.
func (s *Server) adminIdeas(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	d, err := s.ideasData(r, mu.ID, newForm())
	if err != nil {
		return err
	}
	d.Staff, d.Municipality = true, mu
	return s.render(w, r, lang, http.StatusOK, "ideas", s.cat.T(lang, "idea.admin_title", nil), d)
}

// answerIdea records the municipality's answer and tells the author.
func (s *Server) answerIdea(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}); err != nil {
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
	idea, err := s.store.Idea(r.Context(), id)
	if err != nil {
		return err
	}
	if idea.MunicipalityID != mu.ID {
		return notFound("idea")
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		i, err := tx.AnswerIdea(r.Context(), id, domain.IdeaStatus(f.Values["status"]), f.Values["answer"])
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), tx, r, "idea.answer", "idea", id, mu.ID); err != nil {
			return err
		}
		return s.tell(r.Context(), tx, mu.ID, i.AuthorID, "notice.idea_answered",
			map[string]any{"Title": i.Title, "Status": "idea.status_" + string(i.Status)}, "/ideas#idea-"+strconv.FormatInt(id, 10))
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/ideas#idea-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
