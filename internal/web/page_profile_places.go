package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// affinityRow is one tie to a place on the profile form: the prefecture
// chosen, the municipalities to choose from in it, and the choice.
type affinityRow struct {
	Pref           int
	Municipalities []refdata.Municipality
	Code           string
	Kind           domain.AffinityKind
}

// affinityRows are the profile's place rows, always affinityRows long:
// each tie with its prefecture (prefs, as chosen on the form, wins over
// the tie's own), and its prefecture's municipalities to choose from.
func (p talentPages) affinityRows(ties []domain.Affinity, prefs []int) []affinityRow {
	rows := make([]affinityRow, affinityRows)
	for i := range rows {
		if i < len(ties) {
			rows[i].Code, rows[i].Kind = ties[i].LGCode, ties[i].Kind
			if m, ok := p.ref.Municipality(ties[i].LGCode); ok {
				rows[i].Pref = m.PrefCode
			}
		}
		if i < len(prefs) && prefs[i] != 0 {
			rows[i].Pref = prefs[i]
		}
		if rows[i].Pref != 0 {
			rows[i].Municipalities = p.ref.MunicipalitiesIn(rows[i].Pref)
		}
	}
	return rows
}

// readPlaces reads the place rows: a prefecture (aff_pref_N), a
// municipality code (aff_code_N, from the list or typed) and the kind of
// tie. A row with a prefecture but no municipality of it asks for one;
// prefs are the prefectures chosen, by row, to fill the lists again.
func (p talentPages) readPlaces(r *http.Request, v *domain.ValidationErrors) ([]domain.Affinity, []int) {
	var ties []domain.Affinity
	prefs := make([]int, affinityRows)
	for i := range affinityRows {
		n := strconv.Itoa(i)
		pref, _ := strconv.Atoi(r.PostForm.Get("aff_pref_" + n))
		if _, ok := p.ref.Prefecture(pref); !ok {
			pref = 0
		}
		prefs[i] = pref
		code := domain.NormalizeText(r.PostForm.Get("aff_code_" + n))
		kind := domain.AffinityKind(r.PostForm.Get("aff_kind_" + n))
		if code == "" {
			if pref != 0 && r.PostForm.Get("refresh") == "" {
				pr, _ := p.ref.Prefecture(pref)
				v.Add("affinities", "error.choose_municipality", "Row", i+1, "Pref", pr.Name)
			}
			continue
		}
		if domain.ValidateLGCode(code) == nil {
			m, known := p.ref.Municipality(code)
			switch {
			case !known:
				v.Add("affinities", "error.lgcode_unknown", "Value", code)
			case pref != 0 && m.PrefCode != pref:
				// The prefecture was changed after the municipality was
				// chosen: show the new prefecture's list.
				pr, _ := p.ref.Prefecture(pref)
				if r.PostForm.Get("refresh") == "" {
					v.Add("affinities", "error.choose_municipality", "Row", i+1, "Pref", pr.Name)
				}
				continue
			}
		}
		ties = append(ties, domain.Affinity{LGCode: code, Kind: kind})
	}
	return ties, prefs
}

// readCountry is the country chosen (its code) or typed, by code or name
// in either language; a text that names no country comes back as typed,
// with the problem.
func (p talentPages) readCountry(typed string, v *domain.ValidationErrors) string {
	if c, ok := p.ref.CountryNamed(typed); ok {
		return c.Code
	}
	v.Add("residence_country", "error.country_unknown", "Value", strings.TrimSpace(typed))
	return strings.ToUpper(strings.TrimSpace(typed))
}

// keepTicked keeps the consents as ticked on the form shown again.
func (d *profileData) keepTicked(e app.ProfileEdit) {
	for _, purpose := range d.Purposes {
		d.Consents[purpose] = e.Consents[purpose]
	}
	for _, m := range d.Municipalities {
		d.Findable[m.ID] = e.Findable[m.ID]
	}
}
