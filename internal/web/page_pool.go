package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
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

// poolPages are the shared talent pool, scouting, and a talent's answer
// to an offer.
type poolPages struct{ *kit }

// poolPage is the shared pool as one municipality's staff see it: only
// talents who let this municipality find them, without names or contact
// details; an offer reaches them through Tsunagu.
func (s poolPages) poolPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	v, err := s.app.Pool.View(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	return s.renderPool(w, r, lang, http.StatusOK, v, newForm())
}

// renderPool shows the pool, narrowed to the skill category asked for.
func (s poolPages) renderPool(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, v app.PoolView, f *form) error {
	d := poolData{Municipality: v.Municipality, Projects: v.Projects, Query: r.URL.Query().Get("skill"),
		Sent: r.URL.Query().Get("sent") != "", Form: f}
	for _, t := range v.Talents {
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
	return s.render(w, r, lang, status, "pool", s.cat.T(lang, "pool.title", nil), d)
}

// scout sends an offer to a talent in the pool, who hears of it by notice
// and mail.
func (s poolPages) scout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "project", "message")
	if err != nil {
		return err
	}
	project, _ := strconv.ParseInt(f.Values["project"], 10, 64)
	v, err := s.app.Pool.Scout(r.Context(), r.PathValue("lgcode"), pathID(r, "id"), project, f.Values["message"])
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderPool(w, r, lang, http.StatusUnprocessableEntity, v, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+v.Municipality.LGCode+"/talents?sent=1", http.StatusSeeOther)
	return nil
}

// answerScout records the talent's answer to an offer.
func (s poolPages) answerScout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "answer")
	if err != nil {
		return err
	}
	accept := f.Values["answer"] == "accept"
	if err := s.app.Pool.AnswerScout(r.Context(), pathID(r, "id"), accept); err != nil {
		return err
	}
	key := "scout_declined"
	if accept {
		key = "scout_accepted"
	}
	seeOtherWith(w, r, "/me#scouts", key)
	return nil
}
