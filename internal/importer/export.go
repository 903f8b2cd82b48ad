package importer

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// exportTime is how submission times are written: Japan time, in the form
// Japanese Excel reads as a date and time.
const exportTime = "2006/01/02 15:04:05"

// japan is UTC+9, without relying on the system's time zone database.
func japan() *time.Location { return time.FixedZone("JST", 9*60*60) }

// Export writes the entries of p to w as CSV for Excel in enc, header row
// first. label gives the text of the catalog keys export.* (the choice
// column is label("export.choice") followed by its rank) and
// entry.status_<status>; nil writes the keys. It returns how many
// characters Shift_JIS could not hold and were written as "?".
func Export(ctx context.Context, st *store.Store, ref *refdata.Data, p domain.Program, w io.Writer, enc formsimport.Encoding,
	label func(key string) string) (replaced int, err error) {
	if label == nil {
		label = func(key string) string { return key }
	}
	entries, err := st.Entries().EntriesOfProgram(ctx, p.ID)
	if err != nil {
		return 0, err
	}
	emails, err := st.Talents().TalentEmails(ctx, p.ID)
	if err != nil {
		return 0, err
	}
	scores, err := meanScores(ctx, st, p.ID)
	if err != nil {
		return 0, err
	}
	projects, err := programProjects(ctx, st, p.ID)
	if err != nil {
		return 0, err
	}
	ties, err := st.Entries().AffinitiesOfProgram(ctx, p.ID)
	if err != nil {
		return 0, err
	}
	titles := make(map[int64]string, len(projects))
	for _, pr := range projects {
		titles[pr.ID] = pr.Title
	}
	cw := formsimport.NewWriter(w, enc)
	header := []string{label("export.id"), label("export.submitted"), label("export.name"), label("export.kana"),
		label("export.email"), label("export.status")}
	for rank := 1; rank <= domain.MaxChoices; rank++ {
		header = append(header, label("export.choice")+strconv.Itoa(rank))
	}
	header = append(header, label("export.motivation"), label("export.score"), label("export.prefecture"),
		label("export.municipality"), label("export.ties"), label("export.placement"))
	if err := cw.Write(header); err != nil {
		return cw.Replaced(), err
	}
	jst := japan()
	for _, e := range entries {
		row := []string{strconv.FormatInt(e.ID, 10), e.SubmittedAt.In(jst).Format(exportTime), e.TalentName,
			e.TalentKana, emails[e.TalentID], label("entry.status_" + string(e.Status))}
		for rank := 0; rank < domain.MaxChoices; rank++ {
			title := ""
			if rank < len(e.Choices) {
				id := e.Choices[rank]
				if title = titles[id]; title == "" {
					title = "#" + strconv.FormatInt(id, 10)
				}
			}
			row = append(row, title)
		}
		score := ""
		if s, ok := scores[e.ID]; ok {
			score = fmt.Sprintf("%.1f", s)
		}
		pref, city := placeNames(ref, e.ResidencePref, e.ResidenceLGCode)
		var tie []string
		for _, a := range ties[e.TalentID] {
			name := a.LGCode
			if m, ok := placeMunicipality(ref, a.LGCode); ok {
				name = m
			}
			tie = append(tie, name+" "+label("affinity."+string(a.Kind)))
		}
		placed := ""
		if e.Placement != 0 {
			if placed = titles[e.Placement]; placed == "" {
				placed = "#" + strconv.FormatInt(e.Placement, 10)
			}
		}
		row = append(row, e.Motivation, score, pref, city, strings.Join(tie, "、"), placed)
		if err := cw.Write(row); err != nil {
			return cw.Replaced(), err
		}
	}
	err = cw.Flush()
	return cw.Replaced(), err
}

// meanScores gives each reviewed entry of a program the mean of its
// reviews' means, as the screening board shows it; reviews without any
// score do not count.
func meanScores(ctx context.Context, st *store.Store, programID int64) (map[int64]float64, error) {
	reviews, err := st.Entries().Reviews(ctx, programID, 0)
	if err != nil {
		return nil, err
	}
	sums := map[int64][2]float64{}
	for _, rv := range reviews {
		if len(rv.Scores) > 0 {
			x := sums[rv.EntryID]
			sums[rv.EntryID] = [2]float64{x[0] + rv.Mean(), x[1] + 1}
		}
	}
	out := make(map[int64]float64, len(sums))
	for id, x := range sums {
		out[id] = x[0] / x[1]
	}
	return out, nil
}

// placeNames are the names of a prefecture code and a municipality's
// lgcode, "" where unknown.
func placeNames(ref *refdata.Data, pref int, lgcode string) (string, string) {
	if ref == nil {
		return "", lgcode
	}
	name := ""
	if pr, ok := ref.Prefecture(pref); ok {
		name = pr.Name
	}
	city, _ := placeMunicipality(ref, lgcode)
	return name, city
}

// placeMunicipality is a municipality's name by its lgcode.
func placeMunicipality(ref *refdata.Data, lgcode string) (string, bool) {
	if ref == nil || lgcode == "" {
		return "", false
	}
	m, ok := ref.Municipality(lgcode)
	return m.Name, ok
}
