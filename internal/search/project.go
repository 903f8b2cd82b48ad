package search

import (
	"context"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// ProjectIndexer makes a project's search terms from its title,
// description, host (name and area) and skills (Japanese and English
// names). It satisfies store.Indexer.
type ProjectIndexer struct {
	lazy *Lazy
	ref  *refdata.Data
}

// NewProjectIndexer returns an indexer; its first use waits for the
// analyzer to finish loading.
func NewProjectIndexer(lazy *Lazy, ref *refdata.Data) ProjectIndexer {
	return ProjectIndexer{lazy: lazy, ref: ref}
}

// ProjectTerms returns the space-separated terms to store for p.
func (ix ProjectIndexer) ProjectTerms(ctx context.Context, p domain.Project, host domain.Organization) (string, error) {
	an, err := ix.lazy.Get(ctx)
	if err != nil {
		return "", err
	}
	parts := []string{p.Title, p.Description, host.Name, host.Area}
	for _, codes := range [][]string{p.RequiredSkills, p.PreferredSkills} {
		for _, c := range codes {
			if sk, ok := ix.ref.Skill(c); ok {
				parts = append(parts, sk.NameJA, sk.NameEN)
			}
		}
	}
	return an.IndexText(strings.Join(parts, "\n")), nil
}
