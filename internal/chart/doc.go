// Package chart renders small, accessible, printable charts as inline SVG
// on the server, for dashboards read by ward officials.
//
// Each chart is a picture of a data table that the page shows next to it:
// the same value ([Bar], [Line] or [Funnel]) gives the SVG (its SVG method)
// and the table cells (its Rows method), so the two cannot disagree.
//
//	b := chart.Bar{
//		ID:         "entries-by-project",
//		Title:      "案件別の応募数",
//		Desc:       "応募数が最も多いのは「商店街の販路開拓」で 42 件。",
//		Labels:     []string{"商店街の販路開拓", "町工場の広報支援"},
//		Series:     []chart.Series{{Name: "応募", Values: []float64{42, 17}}},
//		Unit:       "件",
//		Horizontal: true,
//	}
//	svg, err := b.SVG() // template.HTML, safe to write into a page
//
// Decisions:
//
//   - Output is an SVG fragment for an HTML5 page: role="img" with
//     aria-labelledby pointing at its <title> and <desc> (ids derived from
//     the chart ID, so several charts can share a page). Screen readers read
//     the title and description; the data itself is in the adjacent table.
//     No visible title is drawn: put the chart in a <figure> with a
//     <figcaption> or under a heading.
//   - Every bar and point carries its value as text, so the chart reads
//     without colour. A stacked bar shows its total at its end, and each
//     segment's value inside it where it fits; every value is also in the
//     category's tooltip and in the table. Series are told apart by colour
//     and by a pattern (bars) or a dash and marker (lines), so they
//     survive greyscale printing. Colours are explicit attributes (no
//     currentColor, no CSS), so they print as shown: series colours
//     contrast at least 4.5:1 with white (3:1 is required for graphics;
//     4.5:1 lets them colour point labels and carry white text), other
//     text is #333 or #595959. At most [MaxSeries] series.
//   - All user text (labels, names, titles, formatted numbers) is cleaned
//     (invalid UTF-8 and noncharacters become U+FFFD, control characters
//     become spaces, bidi controls are dropped, white space collapses) and
//     escaped. Text width is estimated per rune (CJK and other full-width
//     ≈ 1em, Latin ≈ 0.6em); long labels are cut with "…" and the full
//     label is kept in the <title> (tooltip) of the item's group.
//   - Scales start at zero and step by 1, 2 or 5 × 10ⁿ; steps are at least
//     1 when every value is an integer and at least 0.1 with the default
//     format. All-zero data gets a 0–5 scale.
//   - Output is deterministic and coordinates are rounded to 0.1, so tests
//     compare golden files (go test ./internal/chart -update rewrites them).
//   - Invalid input (empty ID or title, lengths that differ, NaN, ±Inf,
//     |value| > [MaxValue], negative values in stacked bars or funnels,
//     more than [MaxSeries] series, several series without names) gives an
//     error wrapping [ErrInvalid]. No categories is not an error: the axes
//     are drawn empty.
package chart
