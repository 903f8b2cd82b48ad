package formsimport

import (
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	at := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, jst) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"", time.Time{}, true},
		{"  ", time.Time{}, true},
		{"2021/07/15 10:23:45", at(2021, 7, 15, 10, 23, 45), true},
		{"2021/7/5 9:03:04", at(2021, 7, 5, 9, 3, 4), true},
		{"2021-07-15 10:23:45", at(2021, 7, 15, 10, 23, 45), true},
		{"2021-07-15T10:23:45", at(2021, 7, 15, 10, 23, 45), true},
		{"2021.07.15 10:23", at(2021, 7, 15, 10, 23, 0), true},
		{"2021/7/15 10:23", at(2021, 7, 15, 10, 23, 0), true}, // Excel re-save
		{"２０２１/０７/１５ １０:２３:４５", at(2021, 7, 15, 10, 23, 45), true},
		{"2021年7月15日 10:23:45", at(2021, 7, 15, 10, 23, 45), true},
		{"2021/07/15", at(2021, 7, 15, 0, 0, 0), true},
		{"2021/07/15 午後 10:23:45", at(2021, 7, 15, 22, 23, 45), true},
		{"2021/07/15 午後10:23:45", at(2021, 7, 15, 22, 23, 45), true},
		{"2021/07/15 10:23:45 午前", at(2021, 7, 15, 10, 23, 45), true},
		{"2021/07/15 午前 12:05:00", at(2021, 7, 15, 0, 5, 0), true},
		{"2021/07/15 午後 12:05:00", at(2021, 7, 15, 12, 5, 0), true},
		{"7/15/2021 10:23:45", at(2021, 7, 15, 10, 23, 45), true},
		{"7/15/2021 10:23:45 PM", at(2021, 7, 15, 22, 23, 45), true},
		{"15/07/2021 10:23:45", at(2021, 7, 15, 10, 23, 45), true},
		{"2021/07/15 10:23:45.250", time.Date(2021, 7, 15, 10, 23, 45, 250e6, jst), true},
		{"2021-07-15T01:23:45Z", time.Date(2021, 7, 15, 1, 23, 45, 0, time.UTC), true},
		{"2021-07-15T10:23:45+09:00", at(2021, 7, 15, 10, 23, 45), true},
		{"2021/07/15 24:00:00", time.Time{}, false},
		{"2021/07/15 午後 13:00:00", time.Time{}, false},
		{"2021/07/15 10:60", time.Time{}, false},
		{"2021/07/15 10:5", time.Time{}, false},
		{"2021/07/15 10", time.Time{}, false},
		{"2021/07/15 10:23:45.", time.Time{}, false},
		{"2021/13/15", time.Time{}, false},
		{"2021/02/29", time.Time{}, false},
		{"2020/02/29", at(2020, 2, 29, 0, 0, 0), true},
		{"2021/07-15", time.Time{}, false},
		{"21/07/15", time.Time{}, false},
		{"13/13/2021", time.Time{}, false},
		{"0001/01/01", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2021/07/15 10:23:45 JST", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseTimestamp(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseTimestamp(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
