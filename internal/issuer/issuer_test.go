package issuer

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func TestStatusListSigns(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	mu := domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", PrefCode: 13}
	if err := st.CreateMunicipality(ctx, &mu); err != nil {
		t.Fatal(err)
	}
	i := New(st, "http://tsunagu.test", func() time.Time { return time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) })
	if _, err := i.StatusList(ctx, "131113"); err != nil {
		t.Fatal(err)
	}
}
