package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ProjectPage is a public project's page as the person asking sees it.
type ProjectPage struct {
	Project    ProjectCard
	Program    ProgramCard
	SignedIn   bool
	Bookmarked bool // the person marked it 気になる
	// Open says the project takes entries now: it is published and its
	// program's entry window is open.
	Open bool
}

// ProjectPage reads a public project with its program; a project that is
// not public is not found.
func (c *Catalogue) ProjectPage(ctx context.Context, id int64) (ProjectPage, error) {
	var pp ProjectPage
	n := newHubNames(c.app.st)
	card, err := c.publicProject(ctx, n, id)
	if err != nil {
		return pp, err
	}
	pp.Project = card
	programs, err := n.programCards(ctx, []domain.Program{card.Program}, c.app.now())
	if err != nil {
		return pp, err
	}
	pp.Program = programs[0]
	pp.Open = card.Status == domain.ProjectPublished && pp.Program.Phase == domain.PhaseOpen
	if uid := PrincipalFrom(ctx).UserID; uid != 0 {
		pp.SignedIn = true
		if pp.Bookmarked, err = c.app.st.Community().Bookmarked(ctx, uid, id); err != nil {
			return pp, err
		}
	}
	return pp, nil
}

// Project reads a public project with its host, municipality and program;
// a project that is not public is not found.
func (c *Catalogue) Project(ctx context.Context, id int64) (ProjectCard, error) {
	return c.publicProject(ctx, newHubNames(c.app.st), id)
}

func (c *Catalogue) publicProject(ctx context.Context, n *hubNames, id int64) (ProjectCard, error) {
	p, err := c.app.st.Projects().Project(ctx, id)
	if err != nil {
		return ProjectCard{}, err
	}
	if !p.Status.Public() {
		return ProjectCard{}, domain.NotFound("project")
	}
	cards, err := n.projectCards(ctx, []domain.Project{p}, true)
	if err != nil {
		return ProjectCard{}, err
	}
	return cards[0], nil
}

// Bookmark sets (on) or clears 気になる on a project for the signed-in
// person.
func (c *Catalogue) Bookmark(ctx context.Context, projectID int64, on bool) error {
	userID := PrincipalFrom(ctx).UserID
	if userID == 0 {
		return ErrSignIn
	}
	if on {
		return c.app.st.Community().Bookmark(ctx, userID, projectID)
	}
	return c.app.st.Community().Unbookmark(ctx, userID, projectID)
}
