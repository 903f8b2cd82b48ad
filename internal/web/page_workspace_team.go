package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// saveIndicator records an outcome, or, once the team is completed, has
// municipal staff correct one with a reason (app.Engagements.SaveOutcome).
func (s teamPages) saveIndicator(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "outcomes", []string{"indicator", "kind", "sdg", "baseline", "result", "evidence", "reason"},
		func(f *form) (*app.Workspace, error) {
			in, invalid := indicatorFromForm(f)
			return s.app.Engagements.SaveOutcome(r.Context(), engagementID(r), in, f.Values["reason"], invalid)
		})
}

// indicatorFromForm reads an outcome indicator from the form, with what
// was not a number.
func indicatorFromForm(f *form) (domain.Indicator, error) {
	in := domain.Indicator{Kind: domain.IndicatorKind(f.Values["kind"]), Evidence: f.Values["evidence"], Result: math.NaN()}
	in.ID, _ = strconv.ParseInt(f.Values["indicator"], 10, 64)
	in.SDG, _ = strconv.Atoi(f.Values["sdg"])
	var v domain.ValidationErrors
	parse := func(name string, dst *float64) {
		if raw := strings.ReplaceAll(domain.NormalizeText(f.Values[name]), ",", ""); raw != "" {
			x, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				v.Add(name, "error.number")
			}
			*dst = x
		}
	}
	parse("baseline", &in.Baseline)
	parse("result", &in.Result)
	return in, v.Err()
}

// setLeader assigns a leader side-jobber to the team, or takes one off;
// the leader is told of it.
func (s teamPages) setLeader(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "leaders", []string{"user", "action"}, func(f *form) (*app.Workspace, error) {
		uid, _ := strconv.ParseInt(f.Values["user"], 10, 64)
		return s.app.Engagements.SetLeader(r.Context(), engagementID(r), uid, f.Values["action"])
	})
}
