// Package ics writes iCalendar files (RFC 5545) for Tsunagu: interview
// invitations and their cancellations sent by e-mail (iTIP methods REQUEST
// and CANCEL, RFC 5546), and public community events (PUBLISH).
//
// The output is written by hand, with no third-party dependency: CRLF line
// endings, lines folded at 75 octets without splitting a UTF-8 character,
// TEXT values escaped, parameter values quoted when they hold ':', ';' or
// ',', and every time written in UTC ("20250401T000000Z"), so no VTIMEZONE
// is needed.
//
// An interview invitation and its later updates share one UID; bump
// Event.Sequence on each change, and send the cancellation with the same
// UID and a higher Sequence:
//
//	ev := ics.Event{UID: "interview-42@tsunagu.example", Sequence: 0, ...}
//	body, err := ics.Marshal(ics.Request, ev)
//	// attach body with content type ics.Request.ContentType()
//
// Text fields are cleaned rather than rejected: invalid UTF-8 becomes
// U+FFFD, CRLF and CR become LF, and other control characters except TAB
// are dropped. Identifiers (UID, e-mail addresses, URL) are validated
// instead, and Write and Marshal report bad input with an error wrapping
// ErrInvalid.
package ics
