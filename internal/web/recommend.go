package web

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// recommendation is a project suggested to a talent, with why.
type recommendation struct {
	Project projectView
	Score   int
	Reasons []string
}

// recommend scores the published projects of open programs for a talent and
// keeps the best n (app.Catalogue.Recommend), each with its reasons in the
// page's language.
func (s *kit) recommend(ctx context.Context, lang i18n.Lang, t domain.Talent, n int) ([]recommendation, error) {
	recs, err := s.app.Catalogue.Recommend(ctx, t, n)
	if err != nil {
		return nil, err
	}
	out := make([]recommendation, len(recs))
	for i, rc := range recs {
		out[i] = recommendation{Project: s.cardView(rc.Project), Score: rc.Score}
		for _, reason := range rc.Reasons {
			text := reason.JA()
			if lang == i18n.English {
				text = reason.EN()
			}
			out[i].Reasons = append(out[i].Reasons, text)
		}
	}
	return out, nil
}
