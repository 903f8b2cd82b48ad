package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type poolTalent struct {
	ID     int64
	Skills []namedSkill
	SDGs   []int
	Hours  int
	Style  domain.WorkStyle
	Ties   []string // municipalities the talent is tied to, by name
}

type poolData struct {
	Municipality domain.Municipality
	Talents      []poolTalent
	Projects     []domain.Project
	Query        string
	Sent         bool
	Form         *form
}

// poolPage is the shared pool as one municipality's staff see it: only
// talents who let this municipality find them, without names or contact
// details; an offer reaches them through Tsunagu.
func (s *Server) poolPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ScoutTalents, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	return s.renderPool(w, r, lang, http.StatusOK, mu, newForm())
}

func (s *Server) renderPool(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, mu domain.Municipality, f *form) error {
	ctx := r.Context()
	d := poolData{Municipality: mu, Query: r.URL.Query().Get("skill"), Sent: r.URL.Query().Get("sent") != "", Form: f}
	talents, err := s.store.Pool(ctx, mu.ID)
	if err != nil {
		return err
	}
	for _, t := range talents {
		pt := poolTalent{ID: t.ID, SDGs: t.SDGs, Hours: t.HoursPerMonth, Style: t.WorkStyle}
		match := d.Query == ""
		for _, sk := range t.Skills {
			if ref, ok := s.ref.Skill(sk.Code); ok {
				pt.Skills = append(pt.Skills, namedSkill{Skill: ref, Level: sk.Level})
				match = match || domain.SkillCategoryOf(sk.Code) == d.Query
			}
		}
		for _, a := range t.Affinities {
			if m, ok := s.ref.Municipality(a.LGCode); ok {
				pt.Ties = append(pt.Ties, m.Name)
			}
		}
		if match {
			d.Talents = append(d.Talents, pt)
		}
	}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{MunicipalityID: mu.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return err
	}
	d.Projects = page.Projects
	if err := s.audit(ctx, nil, r, "pool.view", "municipality", mu.ID, mu.ID); err != nil {
		return err
	}
	return s.render(w, r, lang, status, "pool", s.cat.T(lang, "pool.title", nil), d)
}

// scout sends an offer to a talent in the pool, who hears of it by notice
// and mail.
func (s *Server) scout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := s.allow(r, policy.ScoutTalents, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "talent")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "project", "message")
	if err != nil {
		return err
	}
	o := domain.ScoutOffer{MunicipalityID: mu.ID, TalentID: id, SenderID: a.UserID, Message: f.Values["message"]}
	o.ProjectID, _ = strconv.ParseInt(f.Values["project"], 10, 64)
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SendScout(r.Context(), &o); err != nil {
			return err
		}
		t, err := tx.Talent(r.Context(), id)
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), tx, r, "pool.scout", "talent", id, mu.ID); err != nil {
			return err
		}
		return s.tell(r.Context(), tx, mu.ID, t.UserID, "notice.scout", map[string]any{"Municipality": mu.Name}, "/me#scouts")
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderPool(w, r, lang, http.StatusUnprocessableEntity, mu, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/talents?sent=1", http.StatusSeeOther)
	return nil
}

// answerScout records the talent's answer to an offer.
func (s *Server) answerScout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "scout")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "answer")
	if err != nil {
		return err
	}
	t, err := s.store.TalentByUser(r.Context(), userID)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		o, err := tx.AnswerScout(r.Context(), id, t.ID, f.Values["answer"] == "accept")
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), tx, r, "scout."+string(o.Status), "scout", id, o.MunicipalityID); err != nil {
			return err
		}
		return s.tell(r.Context(), tx, o.MunicipalityID, o.SenderID, "notice.scout_answered",
			map[string]any{"Status": "scout.status_" + string(o.Status)}, "/admin")
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me#scouts", http.StatusSeeOther)
	return nil
}
