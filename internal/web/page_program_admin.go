package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type programFormData struct {
	Municipality  domain.Municipality
	Organizations []domain.Organization
	Hosts         map[int64]bool
	Form          *form
}

// newProgramPage is the form a municipality's staff fill in to open a
// recruitment program, co-hosted by any of its organizations.
func (s *Server) newProgramPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.renderProgramForm(w, r, lang, http.StatusOK, newForm(), nil)
}

func (s *Server) renderProgramForm(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, f *form, hosts map[int64]bool) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ReviewProjects, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	d := programFormData{Municipality: mu, Form: f, Hosts: hosts}
	if d.Organizations, err = s.store.Organizations(r.Context(), mu.ID); err != nil {
		return err
	}
	if d.Hosts == nil {
		d.Hosts = map[int64]bool{}
		for _, o := range d.Organizations {
			d.Hosts[o.ID] = o.Kind == domain.OrgMunicipalityOffice
		}
	}
	return s.render(w, r, lang, status, "program_form", s.cat.T(lang, "progform.title", nil), d)
}

// createProgram opens a program; the office first among its co-hosts.
func (s *Server) createProgram(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ReviewProjects, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	f, err := readForm(w, r, "title", "title_en", "slug", "opens", "closes")
	if err != nil {
		return err
	}
	p := domain.Program{MunicipalityID: mu.ID, Title: domain.NormalizeText(f.Values["title"]), TitleEN: f.Values["title_en"],
		Slug: strings.ToLower(f.Values["slug"]), Summary: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("summary"), "\r\n", "\n"))}
	f.Values["summary"] = p.Summary
	if t, ok := parseDay(f.Values["opens"]); ok {
		p.EntryOpensAt = t
	}
	if t, ok := parseDay(f.Values["closes"]); ok {
		p.EntryClosesAt = t.Add(24*time.Hour - time.Second) // to the end of the day, Japan time
	}
	hosts := map[int64]bool{}
	for _, v := range r.PostForm["host"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && !hosts[id] {
			hosts[id] = true
			p.HostIDs = append(p.HostIDs, id)
		}
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateProgram(r.Context(), &p); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "program.create", "program", p.ID, mu.ID)
	})
	if c := domain.ErrorCode(err); c == domain.CodeInvalid || c == domain.CodeConflict {
		s.fieldErrors(lang, f, err)
		return s.renderProgramForm(w, r, lang, http.StatusUnprocessableEntity, f, hosts)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/programs/"+p.Slug, http.StatusSeeOther)
	return nil
}
