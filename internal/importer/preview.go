package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// PreviewRow is one row of an export as an import would store it, or the
// reason it would be skipped (Code, an i18n catalog key, with Args).
type PreviewRow struct {
	Row          int
	Email, Name  string
	Kana         string
	Choices      []string // project titles, best first
	Prefecture   string
	Municipality string
	Ties         []PreviewTie
	Skills       []string // skill names in Japanese
	Hours        int
	Background   string
	Code         string
	Args         map[string]any
}

// PreviewTie is a tie by the municipality's name.
type PreviewTie struct {
	Place string
	Kind  domain.AffinityKind
}

// Preview reads the first n rows of an export with mapping, as Import
// would, and shows what would be stored, changing nothing. A file that
// cannot be read gives a *formsimport.FileError.
func Preview(ctx context.Context, st *store.Store, ref *refdata.Data, p domain.Program, r io.Reader,
	mapping formsimport.Mapping, n int) ([]formsimport.Column, []PreviewRow, error) {
	projects, err := programProjects(ctx, st, p.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("importer: projects of program %s: %w", p.Slug, err)
	}
	ix := newChoices(projects)
	titles := map[int64]string{}
	for _, pr := range projects {
		titles[pr.ID] = pr.Title
	}
	mu, err := st.Directory().MunicipalityByID(ctx, p.MunicipalityID)
	if err != nil {
		return nil, nil, err
	}
	rd, err := formsimport.NewReaderFor(r, mapping, choiceRule(p.Choices()))
	if err != nil {
		return nil, nil, err
	}
	var rows []PreviewRow
	for len(rows) < n {
		rec, prob, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rd.Columns(), rows, err
		}
		if prob != nil {
			rows = append(rows, PreviewRow{Row: prob.Row, Code: prob.Code, Args: prob.Args})
			continue
		}
		row := PreviewRow{Row: rec.Row, Email: rec.Email, Name: rec.Name, Kana: katakanaReading(rec.Furigana)}
		for _, answer := range rec.Choices {
			id, code := ix.resolve(answer)
			if code != "" {
				row.Code, row.Args = code, map[string]any{"Value": answer}
				break
			}
			row.Choices = append(row.Choices, titles[id])
		}
		if row.Code == "" && strings.TrimSpace(rec.Motivation) == "" {
			row.Code = CodeMotivationMissing
		}
		pr := readProfile(ref, mu.LGCode, rec)
		row.Prefecture, row.Municipality = placeNames(ref, pr.Pref, pr.LGCode)
		row.Hours, row.Background = pr.Hours, strings.Join(pr.Rest, "\n")
		for _, a := range pr.Affinities {
			place, ok := placeMunicipality(ref, a.LGCode)
			if !ok {
				place = a.LGCode
			}
			row.Ties = append(row.Ties, PreviewTie{Place: place, Kind: a.Kind})
		}
		for _, sk := range pr.Skills {
			name := sk.Code
			if ref != nil {
				if s, ok := ref.Skill(sk.Code); ok {
					name = s.NameJA
				}
			}
			row.Skills = append(row.Skills, name)
		}
		rows = append(rows, row)
	}
	return rd.Columns(), rows, nil
}
