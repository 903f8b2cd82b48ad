package japanmap

import (
	"strconv"
	"strings"
)

// maxListed is how many municipalities the generated description names;
// the rest are counted ("ほか 3" / "and 3 more").
const maxListed = 20

// summary is the generated description: the markers, then the non-zero
// prefecture counts, in the map's language:
//
//	開催中の募集がある自治体: 2（東京都 大田区、新潟県 燕市）。都道府県ごとの件数: 東京都 3、新潟県 1。
//	Municipalities with open programs: 2 (Ota, Tokyo; Tsubame, Niigata). Count per prefecture: Tokyo 3, Niigata 1.
func (r *Renderer) summary(v view) string {
	en := v.lang == "en"
	var names []string
	for i, m := range v.markers {
		if i == maxListed {
			more := strconv.Itoa(len(v.markers) - maxListed)
			if en {
				names = append(names, "and "+more+" more")
			} else {
				names = append(names, "ほか "+more)
			}
			break
		}
		if en {
			names = append(names, m.Name+", "+m.prefName)
		} else {
			names = append(names, m.prefName+" "+m.Name)
		}
	}
	var counts []string
	for _, p := range r.prefs {
		if n := v.counts[p.code]; n > 0 {
			counts = append(counts, v.prefName(p)+" "+strconv.Itoa(n))
		}
	}
	var b strings.Builder
	b.WriteString(v.markerLabel + ": " + strconv.Itoa(len(v.markers)))
	if en {
		if len(names) > 0 {
			b.WriteString(" (" + strings.Join(names, "; ") + ")")
		}
		b.WriteString(". " + v.countLabel + ": ")
		if len(counts) == 0 {
			b.WriteString("0 everywhere.")
		} else {
			b.WriteString(strings.Join(counts, ", ") + ".")
		}
		return b.String()
	}
	if len(names) > 0 {
		b.WriteString("（" + strings.Join(names, "、") + "）")
	}
	b.WriteString("。" + v.countLabel + ": ")
	if len(counts) == 0 {
		b.WriteString("すべて 0。")
	} else {
		b.WriteString(strings.Join(counts, "、") + "。")
	}
	return b.String()
}
