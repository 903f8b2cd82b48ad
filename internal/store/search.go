package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Indexer turns a project and its host into the space-separated terms
// stored for full-text search (internal/search does this with a Japanese
// morphological analyser; tests use a simple one).
type Indexer interface {
	ProjectTerms(ctx context.Context, p domain.Project, host domain.Organization) (string, error)
}

// WithIndexer returns a store that keeps the search index of every project
// it writes, in the same transaction as the change.
func (s *Store) WithIndexer(ix Indexer) *Store {
	c := *s
	c.indexer = ix
	return &c
}

// Search is a compiled full-text query; the store runs the form that fits
// its engine. Empty strings mean no condition.
type Search struct {
	FTS5Match   string // SQLite: positive part
	FTS5Exclude string // SQLite: excluded words
	TSQuery     string // PostgreSQL: the whole query
}

func (q Search) empty() bool { return q.FTS5Match == "" && q.FTS5Exclude == "" && q.TSQuery == "" }

// searchCondition is the SQL condition on projects p for the query.
func (s Projects) searchCondition(q Search, arg func(any) string) string {
	if q.empty() {
		return ""
	}
	if s.engine == Postgres {
		return "p.id IN (SELECT project_id FROM project_search WHERE tsv @@ to_tsquery('simple', " + arg(q.TSQuery) + "))"
	}
	var conds []string
	if q.FTS5Match != "" {
		conds = append(conds, "p.id IN (SELECT rowid FROM project_fts WHERE project_fts MATCH "+arg(q.FTS5Match)+")")
	}
	if q.FTS5Exclude != "" {
		conds = append(conds, "p.id NOT IN (SELECT rowid FROM project_fts WHERE project_fts MATCH "+arg(q.FTS5Exclude)+")")
	}
	return strings.Join(conds, " AND ")
}

// indexProject writes a project's search terms; it must run inside the
// transaction that changed the project.
func (s Projects) indexProject(ctx context.Context, p domain.Project, host domain.Organization) error {
	if s.indexer == nil {
		return nil
	}
	terms, err := s.indexer.ProjectTerms(ctx, p, host)
	if err != nil {
		return fmt.Errorf("index project %d: %w", p.ID, err)
	}
	if _, err := s.exec(ctx, `DELETE FROM project_search WHERE project_id = $1`, p.ID); err != nil {
		return err
	}
	if _, err := s.exec(ctx, `INSERT INTO project_search (project_id, municipality_id, terms) VALUES ($1, $2, $3)`,
		p.ID, p.MunicipalityID, terms); err != nil {
		return err
	}
	if s.engine == SQLite {
		if _, err := s.exec(ctx, `DELETE FROM project_fts WHERE rowid = $1`, p.ID); err != nil {
			return err
		}
		if _, err := s.exec(ctx, `INSERT INTO project_fts (rowid, terms, status) VALUES ($1, $2, $3)`,
			p.ID, terms, p.Status); err != nil {
			return err
		}
	}
	return nil
}

// IndexMissing indexes the projects that have no search terms yet (for
// example after an upgrade) and returns how many it indexed. progress, if
// not nil, is called after each project.
func (s Projects) IndexMissing(ctx context.Context, progress func(done, total int)) (int, error) {
	if s.indexer == nil {
		return 0, fmt.Errorf("no indexer configured")
	}
	ids, err := s.queryIDs(ctx, `SELECT p.id FROM projects p
		WHERE NOT EXISTS (SELECT 1 FROM project_search x WHERE x.project_id = p.id) ORDER BY p.id`)
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		err := s.transact(ctx, func(tx *Store) error {
			p, err := tx.Projects().Project(ctx, id)
			if err != nil {
				return err
			}
			host, err := tx.Directory().Organization(ctx, p.HostID)
			if err != nil {
				return err
			}
			return tx.Projects().indexProject(ctx, p, host)
		})
		if err != nil {
			return i, err
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	return len(ids), nil
}

// ftsOnly reports whether the FTS5 index alone can answer the filter: a
// search with no condition but the statuses (SQLite only).
func (s Projects) ftsOnly(f ProjectFilter) bool {
	return s.engine == SQLite && !f.Search.empty() && f.ProgramID == 0 && f.MunicipalityID == 0 && f.SDG == 0 &&
		len(f.SkillCodes) == 0 && f.WorkStyle == "" && f.RewardType == "" && f.HoursBand == 0 && len(f.HostIDs) == 0
}

// ftsExpr is the search restricted to the filter's statuses, which each
// FTS5 row carries.
func ftsExpr(f ProjectFilter) string {
	statuses := f.statuses()
	names := make([]string, len(statuses))
	for i, st := range statuses {
		names[i] = string(st)
	}
	expr := "status : (" + strings.Join(names, " OR ") + ")"
	if f.Search.FTS5Match != "" {
		expr = "(" + f.Search.FTS5Match + ") AND " + expr
	}
	if f.Search.FTS5Exclude != "" {
		expr += " NOT (" + f.Search.FTS5Exclude + ")"
	}
	return expr
}

// ftsCount counts a search's matches from the FTS5 index alone.
func (s Projects) ftsCount(ctx context.Context, f ProjectFilter) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM project_fts WHERE project_fts MATCH $1`, ftsExpr(f)).Scan(&n)
	return n, err
}

// MaxRanked is how many matches a search ranks by relevance. Past it the
// words are too common to tell projects apart (BM25 over 20,000 matches
// costs 20 ms and orders them by noise), so matches are listed newest
// first and the page says so.
const MaxRanked = 2000

// ftsPage returns one page of matching project ids from the FTS5 index
// alone, open before closed, then most relevant first (BM25) when ranked,
// else newest first.
func (s Projects) ftsPage(ctx context.Context, f ProjectFilter, ranked bool) ([]int64, error) {
	order := "rowid DESC"
	if ranked {
		order = "rank, rowid DESC"
	}
	if len(f.statuses()) > 1 {
		order = "status DESC, " + order // published (open) before closed, as ListProjects
	}
	return s.queryIDs(ctx, `SELECT rowid FROM project_fts WHERE project_fts MATCH $1 ORDER BY `+order+`
		LIMIT $2 OFFSET $3`, ftsExpr(f), f.Limit, f.Offset)
}

// rankedFrom joins the relevance of a search to projects p, for ordering
// results most relevant first.
func (s Projects) rankedFrom(q Search, arg func(any) string) (from, order string) {
	if s.engine == Postgres {
		return " JOIN project_search x ON x.project_id = p.id",
			"ts_rank(x.tsv, to_tsquery('simple', " + arg(q.TSQuery) + ")) DESC, "
	}
	return " JOIN (SELECT rowid AS id, rank AS r FROM project_fts WHERE project_fts MATCH " + arg(q.FTS5Match) +
		") x ON x.id = p.id", "x.r, "
}
