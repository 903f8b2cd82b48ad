package importer

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Codes of the rows the importer itself skips (i18n catalog keys), besides
// formsimport's problems.
const (
	// CodeChoiceUnknown: a choice answer names no project of the program.
	// Args: Value (the answer).
	CodeChoiceUnknown = "import.skip.choice_unknown"
	// CodeChoiceAmbiguous: a choice answer fits several projects of the
	// program equally (they share a title). Args: Value.
	CodeChoiceAmbiguous = "import.skip.choice_ambiguous"
	// CodeMotivationMissing: the motivation is blank. No Args.
	CodeMotivationMissing = "import.skip.motivation_missing"
	// CodeFuriganaInvalid: the store would not create a profile without a
	// katakana reading, and the row has none. Args: Value (the answer).
	CodeFuriganaInvalid = "import.skip.furigana_invalid"
)

// programProjects lists every project of a program, whatever its status.
func programProjects(ctx context.Context, st *store.Store, programID int64) ([]domain.Project, error) {
	f := store.ProjectFilter{
		ProgramID: programID,
		Statuses: []domain.ProjectStatus{domain.ProjectDraft, domain.ProjectReview,
			domain.ProjectPublished, domain.ProjectClosed},
		Limit: 100,
	}
	var out []domain.Project
	for {
		page, err := st.Projects().ListProjects(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Projects...)
		if len(page.Projects) == 0 || len(out) >= page.Total {
			return out, nil
		}
		f.Offset += len(page.Projects)
	}
}

// choiceKey is how titles and answers are compared: NFKC, spaces collapsed
// to one, trimmed, lower case.
func choiceKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFKC.String(s)), " "))
}

// titled is a project's compared title.
type titled struct {
	key string
	id  int64
}

// choices resolves choice answers to the projects of one program.
type choices struct {
	ids    map[int64]bool
	byKey  map[string][]int64 // compared title → projects with it
	titles []titled           // longest first, for prefix matches
}

func newChoices(projects []domain.Project) *choices {
	c := &choices{ids: map[int64]bool{}, byKey: map[string][]int64{}}
	for _, p := range projects {
		c.ids[p.ID] = true
		k := choiceKey(p.Title)
		if k == "" {
			continue
		}
		c.byKey[k] = append(c.byKey[k], p.ID)
		c.titles = append(c.titles, titled{k, p.ID})
	}
	sort.SliceStable(c.titles, func(i, j int) bool { return len(c.titles[i].key) > len(c.titles[j].key) })
	return c
}

// resolve returns the project an answer names, or a skip code
// (CodeChoiceUnknown or CodeChoiceAmbiguous).
func (c *choices) resolve(answer string) (int64, string) {
	k := choiceKey(answer)
	if ids := c.byKey[k]; len(ids) > 0 {
		return one(ids)
	}
	if id, rest, hash, ok := leadingID(k); ok && c.ids[id] {
		// "#12 …" names project 12 whatever follows; a bare number must
		// stand alone or be followed by that project's own title (a title
		// may itself start with a number).
		if hash || rest == "" {
			return id, ""
		}
		if got, code := c.byTitle(rest); code == "" && got == id {
			return id, ""
		}
	}
	return c.byTitle(k)
}

// byTitle finds the project titled k, or else the one with the longest
// title that k starts with followed by a separator (anything but a letter
// or a digit), as in "タイトル（会社名）".
func (c *choices) byTitle(k string) (int64, string) {
	if ids := c.byKey[k]; len(ids) > 0 {
		return one(ids)
	}
	for _, t := range c.titles {
		if len(k) > len(t.key) && strings.HasPrefix(k, t.key) && separatorAt(k, len(t.key)) {
			return one(c.byKey[t.key])
		}
	}
	return 0, CodeChoiceUnknown
}

// one returns the only project of ids, or CodeChoiceAmbiguous.
func one(ids []int64) (int64, string) {
	if len(ids) > 1 {
		return 0, CodeChoiceAmbiguous
	}
	return ids[0], ""
}

// separatorAt reports whether the rune at byte i of k is neither a letter
// nor a digit (nor a combining mark).
func separatorAt(k string, i int) bool {
	r, _ := utf8.DecodeRuneInString(k[i:])
	return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
}

// leadingID reads "#12", "#12 rest" or "12 rest" at the start of k: the id,
// what follows the separators after it, and whether "#" marked it.
func leadingID(k string) (id int64, rest string, hash bool, ok bool) {
	s := k
	if strings.HasPrefix(s, "#") {
		s, hash = s[1:], true
	}
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n > 18 || (n < len(s) && !separatorAt(s, n)) {
		return 0, "", false, false
	}
	id, err := strconv.ParseInt(s[:n], 10, 64)
	if err != nil {
		return 0, "", false, false
	}
	rest = strings.TrimLeftFunc(s[n:], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	})
	return id, rest, hash, true
}
