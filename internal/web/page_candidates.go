package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// candidatePages show a business who entered its project, once the
// municipality has taken them into selection, and take its scores and
// comments.
type candidatePages struct{ *kit }

type candidatesData struct {
	app.Candidates
	Criteria []domain.Criterion
	Form     *form
	FormFor  int64 // the candidate whose review form has problems
	Done     string
}

// candidatesPage lists the project's candidates (app.Screening.ProjectCandidates).
func (s candidatePages) candidatesPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	c, err := s.app.Screening.ProjectCandidates(r.Context(), r.PathValue("lgcode"), pathID(r, "id"))
	if err != nil {
		return err
	}
	return s.renderCandidates(w, r, lang, http.StatusOK, c, newForm(), 0)
}

func (s candidatePages) renderCandidates(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int,
	c app.Candidates, f *form, formFor int64) error {
	d := candidatesData{Candidates: c, Criteria: domain.Criteria(), Form: f, FormFor: formFor,
		Done: r.URL.Query().Get("done")}
	return s.render(w, r, lang, status, "candidates", s.cat.T(lang, "cand.title", map[string]any{"Title": c.Project.Title}), d)
}

// saveCandidateReview keeps the business's scores (1–5 per criterion)
// and comment on one candidate.
func (s candidatePages) saveCandidateReview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "note")
	if err != nil {
		return err
	}
	entryID := pathID(r, "entry")
	rv := domain.Review{Note: f.Values["note"], Scores: map[domain.Criterion]int{}}
	for _, c := range domain.Criteria() {
		v := r.PostForm.Get("score_" + string(c))
		f.Values["score_"+string(c)] = v
		if v == "" {
			continue
		}
		n, err := domain.ParseNumber(v)
		if err != nil {
			n = 0 // reported by Validate as out of range
		}
		rv.Scores[c] = n
	}
	lg, project := r.PathValue("lgcode"), pathID(r, "id")
	err = s.app.Screening.SaveCandidateReview(r.Context(), lg, project, entryID, rv)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		c, cerr := s.app.Screening.ProjectCandidates(r.Context(), lg, project)
		if cerr != nil {
			return cerr
		}
		for i := range c.List { // what was typed stays in the form
			if c.List[i].Entry.ID == entryID {
				c.List[i].Mine = rv
			}
		}
		return s.renderCandidates(w, r, lang, http.StatusUnprocessableEntity, c, f, entryID)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+lg+"/projects/"+strconv.FormatInt(project, 10)+"/candidates?done=review#c-"+
		strconv.FormatInt(entryID, 10), http.StatusSeeOther)
	return nil
}
