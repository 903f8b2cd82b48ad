package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// mayTouchOutcomes lets through whoever records outcomes while the team is
// at work, also once it is completed: the store then refuses the change
// and says that outcomes are locked, except for municipal staff, who
// correct them with a reason.
func mayTouchOutcomes(ws *workspace) bool {
	return ws.Part.May(policy.TeamOutcomes, domain.EngagementActive) || ws.may(policy.TeamCorrectResult)
}

func (s *Server) saveIndicator(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "outcome", "outcomes", mayTouchOutcomes,
		[]string{"indicator", "kind", "sdg", "baseline", "result", "evidence", "reason"},
		func(tx *store.Store, ws *workspace, f *form) error {
			in, err := indicatorFromForm(ws, f)
			if err != nil {
				return err
			}
			if !ws.may(policy.TeamCorrectResult) {
				return tx.SaveIndicator(r.Context(), &in)
			}
			before, err := tx.CorrectIndicator(r.Context(), &in, f.Values["reason"])
			if err != nil {
				return err
			}
			ws.auditAction, ws.auditDetail = "outcome_correct", correctionDetail(f.Values["reason"], before, in)
			return nil
		})
}

// indicatorFromForm reads an outcome indicator from the form.
func indicatorFromForm(ws *workspace, f *form) (domain.Indicator, error) {
	in := domain.Indicator{EngagementID: ws.Engagement.ID, Kind: domain.IndicatorKind(f.Values["kind"]),
		Evidence: f.Values["evidence"], Result: math.NaN()}
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

// correctionDetail is the audit detail of a correction: the reason, and
// the indicator's values before and after.
func correctionDetail(reason string, before, after domain.Indicator) string {
	values := func(in domain.Indicator) string {
		result := "-"
		if in.HasResult() {
			result = formatFloat(in.Result)
		}
		return fmt.Sprintf("kind=%s sdg=%d baseline=%s result=%s evidence=%q", in.Kind, in.SDG, formatFloat(in.Baseline),
			result, in.Evidence)
	}
	return fmt.Sprintf("reason=%q; before: %s; after: %s", strings.TrimSpace(reason), values(before), values(after))
}

// setLeader assigns a leader side-jobber to the team, or takes one off;
// the leader is told of it.
func (s *Server) setLeader(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "leader", "leaders", teamMay(policy.TeamLeaders), []string{"user", "action"},
		func(tx *store.Store, ws *workspace, f *form) error {
			uid, _ := strconv.ParseInt(f.Values["user"], 10, 64)
			candidates, err := tx.LeaderCandidates(r.Context(), ws.Engagement.MunicipalityID)
			if err != nil {
				return err
			}
			known := false
			for _, c := range candidates {
				known = known || c.UserID == uid
			}
			if !known {
				return invalidParam("user", "error.leader_unknown")
			}
			ws.auditDetail = "user=" + strconv.FormatInt(uid, 10)
			if f.Values["action"] == "remove" {
				ws.auditAction = "leader.remove"
				return tx.UnassignTeamLeader(r.Context(), ws.Engagement.ID, uid)
			}
			ws.auditAction = "leader.add"
			if err := tx.AssignTeamLeader(r.Context(), ws.Engagement.ID, uid); err != nil {
				return err
			}
			return s.tell(r.Context(), tx, ws.Engagement.MunicipalityID, uid, "notice.lead_assigned",
				map[string]any{"Title": ws.Project.Title}, workspaceURL(ws.Engagement.ID, "leaders"))
		})
}
