package web

import (
	"errors"
	"net/url"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const pageSize = app.ListPageSize

// listQuery is the project list's filters as the user gave them, kept so the
// form shows them back even when one is wrong; app.Catalogue checks them.
type listQuery = app.ListQuery

func readListQuery(q url.Values) listQuery {
	return listQuery{
		Q:            strings.TrimSpace(q.Get("q")),
		Program:      strings.TrimSpace(q.Get("program")),
		SDG:          domain.NormalizeText(q.Get("sdg")),
		Skill:        strings.TrimSpace(q.Get("skill")),
		Style:        strings.TrimSpace(q.Get("style")),
		Reward:       strings.TrimSpace(q.Get("reward")),
		Hours:        domain.NormalizeText(q.Get("hours")),
		Municipality: domain.NormalizeText(q.Get("municipality")),
		Page:         domain.NormalizeText(q.Get("page")),
		Closed:       domain.NormalizeText(q.Get("closed")) == "1",
	}
}

// paramError names the query parameter that an invalid error of a service
// is about (its one field), as the API's error "field" shows it.
func paramError(err error) error {
	var e *domain.Error
	if errors.As(err, &e) && e.Code == domain.CodeInvalid && len(e.Fields) == 1 {
		return &fieldError{Field: e.Fields[0].Field, Err: e}
	}
	return err
}
