package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// IdeaCard is an idea with its municipality and what the person asking
// has to do with it.
type IdeaCard struct {
	domain.Idea
	Municipality domain.Municipality
	Supported    bool // the person supports it
	Mine         bool // the person proposed it
}

// IdeaBoard is the idea board as the person asking sees it.
type IdeaBoard struct {
	Ideas []IdeaCard
	// Municipalities are those an idea may be proposed to, for a signed-in
	// person's proposal form.
	Municipalities []domain.Municipality
	SignedIn       bool
}

// Ideas reads the public idea board: every municipality's ideas, with the
// signed-in person's support and their own marked.
func (c *Community) Ideas(ctx context.Context) (IdeaBoard, error) {
	var b IdeaBoard
	n := newHubNames(c.app.st)
	uid := PrincipalFrom(ctx).UserID
	supported := map[int64]bool{}
	if uid != 0 {
		b.SignedIn = true
		ms, err := c.app.st.Directory().Municipalities(ctx)
		if err != nil {
			return b, err
		}
		b.Municipalities = ms
		n.knowMunicipalities(ms...)
		if supported, err = c.app.st.Community().Supported(ctx, uid); err != nil {
			return b, err
		}
	}
	ideas, err := c.app.st.Community().Ideas(ctx, 0)
	if err != nil {
		return b, err
	}
	ids := make([]int64, len(ideas))
	for k, i := range ideas {
		ids[k] = i.MunicipalityID
	}
	if err := n.preload(ctx, ids, nil); err != nil {
		return b, err
	}
	for _, i := range ideas {
		m, err := n.municipality(ctx, i.MunicipalityID)
		if err != nil {
			return b, err
		}
		b.Ideas = append(b.Ideas, IdeaCard{Idea: i, Municipality: m, Supported: supported[i.ID],
			Mine: uid != 0 && i.AuthorID == uid})
	}
	return b, nil
}

// MunicipalityIdeas lists a municipality's ideas for its staff to answer;
// the caller has checked that they may manage its community.
func (c *Community) MunicipalityIdeas(ctx context.Context, mu domain.Municipality) (IdeaBoard, error) {
	b := IdeaBoard{SignedIn: true}
	ideas, err := c.app.st.Community().Ideas(ctx, mu.ID)
	if err != nil {
		return b, err
	}
	for _, i := range ideas {
		b.Ideas = append(b.Ideas, IdeaCard{Idea: i, Municipality: mu})
	}
	return b, nil
}

// ProposeIdea records the signed-in person's idea for the municipality
// with the code lgcode; an unknown code leaves the idea without one, which
// its validation refuses.
func (c *Community) ProposeIdea(ctx context.Context, lgcode string, i *domain.Idea) error {
	i.AuthorID = PrincipalFrom(ctx).UserID
	if i.AuthorID == 0 {
		return ErrSignIn
	}
	if mu, err := c.app.st.Directory().MunicipalityByLGCode(ctx, lgcode); err == nil {
		i.MunicipalityID = mu.ID
	}
	return c.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Community().CreateIdea(ctx, i); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "idea.propose", SubjectType: "idea", SubjectID: i.ID,
			MunicipalityID: i.MunicipalityID})
	})
}

// SupportIdea adds the signed-in person's support to an idea, or takes it
// back.
func (c *Community) SupportIdea(ctx context.Context, ideaID int64, support bool) error {
	userID := PrincipalFrom(ctx).UserID
	if userID == 0 {
		return ErrSignIn
	}
	return c.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Community().SupportIdea(ctx, ideaID, userID, support); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "idea.support", SubjectType: "idea", SubjectID: ideaID})
	})
}

// AnswerIdea records the municipality's answer to one of its ideas and
// tells the author. The actor is one the caller has allowed to manage the
// municipality's community; an idea of another municipality is not found.
func (c *Community) AnswerIdea(ctx context.Context, a policy.Actor, mu domain.Municipality, id int64,
	status domain.IdeaStatus, answer string) error {
	if !policy.Can(a, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}) {
		return Refused("error.forbidden", mu.ID, "municipality", mu.ID)
	}
	idea, err := c.app.st.Community().Idea(ctx, id)
	if err != nil {
		return err
	}
	if idea.MunicipalityID != mu.ID {
		return domain.NotFound("idea")
	}
	return c.app.Change(ctx, func(tx *Tx) error {
		i, err := tx.Community().AnswerIdea(ctx, id, status, answer)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "idea.answer", SubjectType: "idea", SubjectID: id,
			MunicipalityID: mu.ID}); err != nil {
			return err
		}
		return tx.Tell(ctx, mu.ID, i.AuthorID, "notice.idea_answered",
			map[string]any{"Title": i.Title, "Status": "idea.status_" + string(i.Status)},
			"/ideas#idea-"+strconv.FormatInt(id, 10))
	})
}
