package japanmap

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// newRenderer loads the embedded reference data and projects it.
func newRenderer(tb testing.TB) (*refdata.Data, *Renderer) {
	tb.Helper()
	ref, err := refdata.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return ref, New(ref)
}

// sampleMap has markers from Hokkaido to Okinawa and Ogasawara, a cluster
// of Tokyo wards to exercise label placement, and counts in every bucket.
func sampleMap() Map {
	return Map{
		ID:    "home-map",
		Title: "募集中の自治体の地図",
		Markers: []Marker{
			{LGCode: "131113", Count: 3, Href: "/hometown?municipality=131113"},
			{LGCode: "152137", Count: 1, Href: "/hometown?municipality=152137"},
			{LGCode: "131041", Count: 2, Href: "/hometown?municipality=131041"},
			{LGCode: "131091", Count: 1, Href: "/hometown?municipality=131091"},
			{LGCode: "131130", Count: 4, Href: "/hometown?municipality=131130"},
			{LGCode: "011011", Count: 2, Href: "/hometown?municipality=011011"},
			{LGCode: "012238", Count: 1, Href: "/hometown?municipality=012238"},
			{LGCode: "041017", Count: 1, Href: "/hometown?municipality=041017"},
			{LGCode: "271276", Count: 5, Href: "/hometown?municipality=271276"},
			{LGCode: "372013", Count: 1, Href: "/hometown?municipality=372013"},
			{LGCode: "401323", Count: 2, Href: "/hometown?municipality=401323"},
			{LGCode: "462225", Count: 1, Href: "/hometown?municipality=462225"},
			{LGCode: "472018", Count: 2, Href: "/hometown?municipality=472018"},
			{LGCode: "472077", Count: 1, Href: "/hometown?municipality=472077"},
			{LGCode: "134210", Count: 1, Href: "/hometown?municipality=134210"},
		},
		PrefectureCounts: map[int]int{1: 3, 4: 1, 13: 37, 15: 1, 27: 12, 37: 2, 40: 6, 46: 1, 47: 3},
	}
}
