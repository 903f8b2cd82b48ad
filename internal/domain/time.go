package domain

import "time"

// Japan is Japan Standard Time (UTC+9, no daylight saving). Times are stored
// in UTC and shown in this zone; calendar dates such as a project's period
// are dates in Japan.
func Japan() *time.Location { return time.FixedZone("JST", 9*60*60) }

// DateInJapan returns the calendar date of t in Japan, as midnight JST.
func DateInJapan(t time.Time) time.Time {
	y, m, d := t.In(Japan()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Japan())
}
