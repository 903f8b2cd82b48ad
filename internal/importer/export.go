package importer

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
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
func Export(ctx context.Context, st *store.Store, p domain.Program, w io.Writer, enc formsimport.Encoding,
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
	header = append(header, label("export.motivation"), label("export.score"))
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
		row = append(row, e.Motivation, score)
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
