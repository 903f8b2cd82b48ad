package issuer

import (
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestCriteriaCountDaysInJapan: a team ended at 00:37 in Japan ended that
// day, though it is still the day before in UTC.
func TestCriteriaCountDaysInJapan(t *testing.T) {
	g := domain.Engagement{EndedEarlyReason: "体制変更"}
	start := time.Date(2021, 9, 30, 15, 0, 0, 0, time.UTC)
	end := time.Date(2026, 12, 3, 15, 37, 0, 0, time.UTC)
	want := "つなぐで合意した活動に、2021年10月1日から2026年12月4日まで（中途終了により短縮された期間）チームの一員として従事した（大田区が確認）。"
	if got := criteria("大田区", g, start, end); got != want {
		t.Errorf("criteria:\n got %s\nwant %s", got, want)
	}
}
