package web

import "github.com/tsunagu-hub/tsunagu/internal/i18n"

// mailHost is the site's host name for addresses and calendar ids.
func (s *kit) mailHost() string { return s.app.MailHost() }

// pick is the English text in English when there is one, else the
// Japanese.
func pick(lang i18n.Lang, ja, en string) string { return i18n.Pick(lang, ja, en) }
