package web

import (
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestWeeklyBuckets(t *testing.T) {
	jst := domain.Japan()
	times := []time.Time{
		time.Date(2021, 7, 1, 9, 0, 0, 0, jst),        // Thursday: week of 6/28
		time.Date(2021, 7, 4, 23, 0, 0, 0, jst),       // Sunday: same week
		time.Date(2021, 7, 4, 15, 30, 0, 0, time.UTC), // Monday 0:30 in Japan: next week
		time.Date(2021, 7, 20, 10, 0, 0, 0, jst),      // two weeks later, one empty week between
	}
	labels, counts := weekly(times)
	want := []string{"2021-06-28", "2021-07-05", "2021-07-12", "2021-07-19"}
	wantN := []float64{2, 1, 0, 1}
	if len(labels) != len(want) {
		t.Fatalf("labels %v", labels)
	}
	for i := range want {
		if labels[i] != want[i] || counts[i] != wantN[i] {
			t.Errorf("week %d: %s %v, want %s %v", i, labels[i], counts[i], want[i], wantN[i])
		}
	}
	if l, c := weekly(nil); l != nil || c != nil {
		t.Error("no entries, yet weeks")
	}
}
