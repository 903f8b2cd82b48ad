package store

import "time"

// WithClock returns a store that reads the time from now wherever it
// stamps a row itself (created_at, the at of an entry event, a message, an
// acceptance, a report's submitted_at…), so a loader can date each record
// when it happened rather than when it was loaded. The times are kept in
// UTC, as the store's own clock gives them: SQLite compares them as text.
// Inside InTx the returned store's transactions read the same clock.
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.now = func() time.Time { return now().UTC() }
	return &c
}
