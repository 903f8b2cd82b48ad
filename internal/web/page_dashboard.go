package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// insightsPages are a municipality's dashboard, its printed report and
// its CSV downloads (app.Insights).
type insightsPages struct{ *kit }

type dashboardData struct {
	Municipality domain.Municipality
	Programs     []domain.Program
	Program      domain.Program // zero for every program
	Figures      app.DashboardFigures
	Tables       []dashTable
	Report       bool // the printable A4 version
	Printed      string
}

// dashboardFor loads the municipality's figures, for one program (?program=)
// or all of them, for the people allowed to see its dashboard.
func (in insightsPages) dashboardFor(w http.ResponseWriter, r *http.Request, lang i18n.Lang) (*dashboardData, error) {
	mu, err := in.pathMunicipality(r)
	if err != nil {
		return nil, err
	}
	if _, err := in.allow(r, policy.ViewDashboard, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return nil, err
	}
	slug := r.URL.Query().Get("program")
	dash, err := in.app.Insights.Dashboard(r.Context(), mu, slug)
	if err != nil {
		return nil, err
	}
	d := &dashboardData{Municipality: mu, Programs: dash.Programs, Program: dash.Program, Figures: dash.Figures}
	if d.Tables, err = in.dashTables(lang, d.Figures); err != nil {
		return nil, err
	}
	mob, err := in.mobilityTable(lang, mu, dash.Flows, dash.Places)
	if err != nil {
		return nil, err
	}
	scouted, err := in.scoutedTable(lang, mu, dash.Scouted, dash.Places)
	if err != nil {
		return nil, err
	}
	d.Tables = append(d.Tables, mob, scouted)
	return d, nil
}

// dashboardPage shows the figures as charts, each with its table and CSV
// downloads.
func (in insightsPages) dashboardPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := in.dashboardFor(w, r, lang)
	if err != nil || d == nil {
		return err
	}
	return in.render(w, r, lang, http.StatusOK, "dashboard", in.cat.T(lang, "dash.title", nil), d)
}

// dashboardReport is the same figures laid out for an A4 printout for the
// council.
func (in insightsPages) dashboardReport(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := in.dashboardFor(w, r, lang)
	if err != nil || d == nil {
		return err
	}
	d.Report, d.Printed = true, formatDate(lang, in.now())
	return in.render(w, r, lang, http.StatusOK, "dashboard", in.cat.T(lang, "dash.report_title", nil), d)
}

// dashboardCSV downloads one of the dashboard's tables for Excel: UTF-8
// with a byte order mark, or Shift_JIS.
func (in insightsPages) dashboardCSV(w http.ResponseWriter, r *http.Request) {
	lang := in.language(w, r)
	err := func() error {
		d, err := in.dashboardFor(w, r, lang)
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
		in.renderError(w, r, lang, err)
	}
}
