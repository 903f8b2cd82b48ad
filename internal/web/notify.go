package web

import (
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// The notices and mails of a change are the application layer's
// (internal/app, effects.go). These helpers let handlers that still open
// their own transaction record them the same way, inside it.

// mailHost is the site's host name for addresses and calendar ids.
func (s *kit) mailHost() string { return s.app.MailHost() }

func pick(lang i18n.Lang, ja, en string) string { return i18n.Pick(lang, ja, en) }
