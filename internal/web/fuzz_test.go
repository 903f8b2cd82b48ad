package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// FuzzProjectForm posts arbitrary bodies to the project form decoder: it
// must never panic, must keep every value it shows back as valid text, and
// must accept only projects that pass the domain's own validation.
func FuzzProjectForm(f *testing.F) {
	f.Add("title=町工場の動画&description=旋盤&sdg=8&sdg=9&skill=web-homepage&team_size=2&hours=20&work_style=remote&reward_type=pro_bono&reward_yen=0")
	f.Add("title=&hours=%E3%81%9F%E3%81%8F%E3%81%95%E3%82%93&starts_on=2026-13-40&sdg=99&skill=nope")
	f.Add("title=x&sdg=1&team_size=１&hours=２０&work_style=hybrid&place=糀谷&reward_type=paid&reward_yen=30,000&starts_on=2026-12-01&ends_on=2026-11-01")
	f.Add("%zz=1&title=%ff%fe&description=a%0D%0Ab")
	f.Add(strings.Repeat("sdg=3&", 50) + "title=" + strings.Repeat("長", 200))
	w := newWorld(f)
	s := w.app
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/admin/131113/projects", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		form, err := readForm(rec, r)
		if err != nil {
			if domain.ErrorCode(err) != domain.CodeInvalid {
				t.Fatalf("form read error without a code: %v", err)
			}
			return
		}
		p := domain.Project{MunicipalityID: 1, ProgramID: 1, HostID: 1, Status: domain.ProjectDraft}
		readProject(r, &p, form)
		valid := s.checkProjectForm(i18n.Japanese, &p, form)
		if valid {
			if err := p.Validate(); err != nil {
				t.Fatalf("accepted an invalid project: %v", err)
			}
			for _, code := range p.RequiredSkills {
				if _, ok := s.ref.Skill(code); !ok {
					t.Fatalf("accepted unknown skill %q", code)
				}
			}
		}
		for name, msg := range form.Errors {
			if msg == "" || strings.HasPrefix(msg, "error.") {
				t.Fatalf("field %s: untranslated message %q", name, msg)
			}
		}
		for name, v := range form.Values {
			if !utf8.ValidString(v) && utf8.ValidString(r.PostForm.Get(name)) {
				t.Fatalf("field %s: value became invalid text", name)
			}
		}
	})
}

// checkProjectForm is the whole check of a project form, translated: its
// fields (checkProjectFields) and the project's own validation, as the
// services judge it once the project belongs to a municipality.
func (s *Server) checkProjectForm(lang i18n.Lang, p *domain.Project, f *form) bool {
	s.checkProjectFields(lang, p, f)
	if err := p.Validate(); err != nil {
		s.fieldErrors(lang, f, err)
	}
	return !f.Has()
}
