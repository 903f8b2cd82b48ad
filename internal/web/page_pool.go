package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

type poolTalent struct {
	ID         int64
	Skills     []namedSkill
	SDGs       []int
	Hours      int
	Style      domain.WorkStyle
	Ties       []poolTie
	Fit        int // 0..100, -1 without a chosen project
	Reasons    []string
	Experience []poolExperience
	Reviews    []app.Endorsement
}

// poolTie is a tie of a kind to a named place.
type poolTie struct {
	Kind  domain.AffinityKind
	Place string
}

// poolExperience is a completed project, where and when, and whether
// the hub's issuer vouches for it with a credential.
type poolExperience struct {
	Title        string
	Municipality domain.Municipality
	Completed    time.Time
	Credential   string // id, "" when none
	Public       bool
}

type poolData struct {
	Municipality  domain.Municipality
	Talents       []poolTalent
	Projects      []domain.Project
	Query         app.PoolQuery
	Prefectures   []refdata.Prefecture
	Categories    []refdata.SkillCategory
	Ties          []domain.AffinityKind
	Conversations []domain.ScoutOffer
	Sent          bool
	Form          *form
}

// poolPages are the shared talent pool, scouting, a talent's answer to an
// offer, and the conversation an interested answer opens.
type poolPages struct{ *kit }

// poolQuery reads the pool's filter from the address; a number that is
// not one is kept as -1, for the service to refuse.
func poolQuery(r *http.Request) (app.PoolQuery, *form) {
	q := r.URL.Query()
	f := newForm()
	for _, k := range []string{"project", "tie", "prefecture", "skill", "hours"} {
		f.Values[k] = q.Get(k)
	}
	pq := app.PoolQuery{Tie: domain.AffinityKind(q.Get("tie")), Prefecture: q.Get("prefecture"), Skill: q.Get("skill")}
	num := func(s string) int64 {
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(domain.NormalizeText(s), 10, 64)
		if err != nil {
			return -1
		}
		return n
	}
	pq.ProjectID, pq.WeekHours = max(num(q.Get("project")), 0), int(num(q.Get("hours")))
	return pq, f
}

// poolPage is the shared pool as one municipality's staff see it: only
// talents who let this municipality find them, without names or contact
// details, with their verified experience, filtered and ranked by fit to
// a chosen project; an offer reaches them through Tsunagu.
func (s poolPages) poolPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	q, f := poolQuery(r)
	v, err := s.app.Pool.View(r.Context(), r.PathValue("lgcode"), q)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderPool(w, r, lang, http.StatusUnprocessableEntity, v, f)
	}
	if err != nil {
		return err
	}
	return s.renderPool(w, r, lang, http.StatusOK, v, f)
}

// renderPool shows the pool with its filter.
func (s poolPages) renderPool(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, v app.PoolView, f *form) error {
	d := poolData{Municipality: v.Municipality, Projects: v.Projects, Query: v.Query, Sent: r.URL.Query().Get("sent") != "",
		Form: f, Prefectures: s.ref.Prefectures(), Categories: s.ref.SkillCategories(), Conversations: v.Conversations,
		Ties: []domain.AffinityKind{domain.AffinityBorn, domain.AffinityLives, domain.AffinityWorks, domain.AffinitySupporter}}
	for _, t := range v.Talents {
		pt := poolTalent{ID: t.ID, SDGs: t.SDGs, Hours: t.HoursPerMonth, Style: t.WorkStyle, Fit: -1, Reviews: t.Reviews}
		if t.Fit >= 0 {
			pt.Fit = (t.Fit + 5) / 10
		}
		for _, reason := range t.Reasons {
			text := reason.JA()
			if lang == i18n.English {
				text = reason.EN()
			}
			pt.Reasons = append(pt.Reasons, text)
		}
		for _, sk := range t.Skills {
			if ref, ok := s.ref.Skill(sk.Code); ok {
				pt.Skills = append(pt.Skills, namedSkill{Skill: ref, Level: sk.Level})
			}
		}
		for _, a := range t.Affinities {
			if m, ok := s.ref.Municipality(a.LGCode); ok {
				pt.Ties = append(pt.Ties, poolTie{Kind: a.Kind, Place: m.PrefName + " " + m.Name})
			}
		}
		for _, x := range t.Experience {
			pt.Experience = append(pt.Experience, poolExperience{Title: x.ProjectTitle, Municipality: v.Places[x.MunicipalityID],
				Completed: x.CompletedAt, Credential: x.CredentialID, Public: x.CredentialPub})
		}
		d.Talents = append(d.Talents, pt)
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
	f, err := readForm(w, r, "answer", "share_contact")
	if err != nil {
		return err
	}
	accept := f.Values["answer"] == "accept"
	id := pathID(r, "id")
	if err := s.app.Pool.AnswerScout(r.Context(), id, accept, f.Values["share_contact"] != ""); err != nil {
		return err
	}
	if accept { // the conversation it opens says so
		http.Redirect(w, r, "/scouts/"+strconv.FormatInt(id, 10)+"/messages?opened=1", http.StatusSeeOther)
		return nil
	}
	seeOtherWith(w, r, "/me#scouts", "scout_declined")
	return nil
}
