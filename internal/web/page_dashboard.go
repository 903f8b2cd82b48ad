package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type dashboardData struct {
	Municipality domain.Municipality
	Programs     []domain.Program
	Program      domain.Program // zero for every program
	Figures      store.Dashboard
	Tables       []dashTable
	Query        string // the scope as a query string for links
	Report       bool   // the printable A4 version
	Printed      string
}

// dashboardFor loads the municipality's figures, for one program (?program=)
// or all of them, for the people allowed to see its dashboard.
func (s *Server) dashboardFor(w http.ResponseWriter, r *http.Request, lang i18n.Lang) (*dashboardData, error) {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.allow(r, policy.ViewDashboard, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return nil, err
	}
	d := &dashboardData{Municipality: mu}
	if d.Programs, err = s.store.Programs(r.Context(), mu.ID); err != nil {
		return nil, err
	}
	sc := store.DashboardScope{MunicipalityID: mu.ID}
	if slug := r.URL.Query().Get("program"); slug != "" {
		for _, p := range d.Programs {
			if p.Slug == slug {
				d.Program, sc.ProgramID = p, p.ID
			}
		}
		if sc.ProgramID == 0 {
			return nil, notFound("program")
		}
		d.Query = "program=" + slug
	}
	if d.Figures, err = s.store.Dashboard(r.Context(), sc); err != nil {
		return nil, err
	}
	if d.Tables, err = s.dashTables(lang, d.Figures); err != nil {
		return nil, err
	}
	flows, err := s.store.MobilityFlows(r.Context())
	if err != nil {
		return nil, err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return nil, err
	}
	mob, err := s.mobilityTable(lang, mu, flows, h.municipalities)
	if err != nil {
		return nil, err
	}
	d.Tables = append(d.Tables, mob)
	return d, nil
}

// dashboardPage shows the figures as charts, each with its table and CSV
// downloads.
func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.dashboardFor(w, r, lang)
	if err != nil || d == nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "dashboard", s.cat.T(lang, "dash.title", nil), d)
}

// dashboardReport is the same figures laid out for an A4 printout for the
// council.
func (s *Server) dashboardReport(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.dashboardFor(w, r, lang)
	if err != nil || d == nil {
		return err
	}
	d.Report, d.Printed = true, formatDate(lang, s.now())
	return s.render(w, r, lang, http.StatusOK, "dashboard", s.cat.T(lang, "dash.report_title", nil), d)
}

// dashboardCSV downloads one of the dashboard's tables for Excel: UTF-8
// with a byte order mark, or Shift_JIS.
func (s *Server) dashboardCSV(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	err := func() error {
		d, err := s.dashboardFor(w, r, lang)
		if err != nil || d == nil {
			return err
		}
		enc, err := csvEncoding(r)
		if err != nil {
			return err
		}
		id := r.URL.Query().Get("table")
		for _, tb := range d.Tables {
			if tb.ID != id {
				continue
			}
			startCSV(w, enc, "dashboard-"+id)
			cw := formsimport.NewWriter(w, enc)
			if err := cw.Write(tb.Headers); err != nil {
				return err
			}
			for _, row := range tb.Rows {
				if err := cw.Write(row); err != nil {
					return err
				}
			}
			return cw.Flush()
		}
		return invalidParam("table", "error.choice", "Value", id)
	}()
	if err != nil {
		s.renderError(w, r, lang, err)
	}
}
