// Package japanmap draws the home page's map of Japan as inline SVG on the
// server: every municipality is a dot placed from its town hall's
// coordinates in the reference data, dots are shaded by their
// prefecture's count, and municipalities with open programs are labelled
// links. No outlines or other geometry are needed: about 1,900 dots draw
// the archipelago.
//
//	r := japanmap.New(ref) // once per *refdata.Data; projects every dot
//	svg, err := r.Render(japanmap.Map{
//		ID:               "home-map",
//		Title:            "募集中の自治体の地図",
//		Markers:          []japanmap.Marker{{LGCode: "131113", Count: 3, Href: "/hometown?municipality=131113"}},
//		PrefectureCounts: map[int]int{13: 3},
//	})
//
// The page must show the same markers as a list of links beside the map
// (in [SortMarkers] order): the map is an illustration of that list.
//
// Decisions:
//
//   - Projection: equirectangular with longitudes shrunk by cos 37°, 36
//     units per degree of latitude, in a 540×580 viewBox. The main frame
//     holds Kyushu to Hokkaido (30.0–45.7° N, 128.4–146.0° E). As on
//     Japanese maps, places south of 29.6° N go into insets: the Nansei
//     Islands (Amami and Okinawa, west of 135° E) at 0.7 scale in a box at
//     the top left, over the empty Sea of Japan, and the Ogasawara Islands
//     in a small box south of Tokyo.
//   - Shading: each prefecture's dots are one <g> with one fill, so the
//     background is about 80 KB. A count of 0 is light grey; counts of 1
//     and more use up to five blues, the darkest for the top bucket; the
//     three darkest contrast at least 3:1 with white. Bucket bounds are
//     1..5 when the largest count is under 10, else 1, 2, 5, 10, 20, 50…
//     thinned to five. The legend names every bucket in text.
//   - Accessibility: the <svg> has role="group", named by its <title>
//     (aria-labelledby) and described by its <desc> (aria-describedby).
//     role="img" would be wrong: its children are presentational, which
//     hides the marker links from screen readers while they stay in the
//     tab order. The dots and the legend are aria-hidden="true"; what they
//     show is in the description, which is generated from the data unless
//     Map.Desc is given ("開催中の募集がある自治体: 2（東京都 大田区、新潟県
//     燕市）。都道府県ごとの件数: 東京都 3、新潟県 1。"). Each marker is an
//     <a href> (focusable, in lgcode order) whose <title> is its tooltip
//     and accessible name and begins with the visible label ("大田区 3"),
//     so the name contains the label. The Nu HTML Checker accepts this.
//   - Labels are placed greedily, in lgcode order, at the first free spot
//     of eight around the marker, then farther out with a leader line;
//     they have a white halo (paint-order), so they read over the dots.
//   - Colours and fonts are presentation attributes, not CSS, so a strict
//     Content-Security-Policy (style-src 'self') keeps them. No script, no
//     external resources.
//   - All text is cleaned (invalid UTF-8 and noncharacters become U+FFFD,
//     control characters become spaces, bidi controls are dropped) and
//     escaped; hrefs must be paths or http(s) URLs. Output is deterministic
//     and coordinates are rounded to 0.1, so tests compare golden files
//     (go test ./internal/japanmap -update rewrites them).
package japanmap
