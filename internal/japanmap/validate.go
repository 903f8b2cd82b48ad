package japanmap

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Error is the type of [ErrInvalid].
type Error string

func (e Error) Error() string { return string(e) }

// ErrInvalid is wrapped by every error Render returns: an ID that is not
// a letter followed by letters, digits, '-' or '_'; an empty title; a
// language other than "", "ja" or "en"; a marker with an unknown or
// repeated lgcode, a negative count, or an href that is empty or not a
// path or http(s) URL; a prefecture code outside 1..47 or a negative count.
const ErrInvalid = Error("japanmap: invalid map")

// maxLabelEm is the widest marker label, in em; longer names are cut
// with "…" (the tooltip and description keep them whole).
const maxLabelEm = 12.0

// view is a validated, cleaned Map with everything Render derives from it.
type view struct {
	id, title, desc, lang   string
	countLabel, markerLabel string
	counts                  map[int]int
	buckets                 []bucket
	markers                 []resolved // by lgcode
}

// resolved is a marker with its place and texts.
type resolved struct {
	Marker
	place
	prefName string // in the map's language
	label    string // visible: "大田区 3"
	tip      string // tooltip and accessible name: "大田区 3（東京都）"
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

func (r *Renderer) validate(m Map) (view, error) {
	v := view{id: m.ID, title: clean(m.Title), lang: m.Lang, counts: map[int]int{}}
	if !validID(v.id) {
		return v, invalid("id %q", m.ID)
	}
	if v.title == "" {
		return v, invalid("empty title")
	}
	switch v.lang {
	case "":
		v.lang = "ja"
	case "ja", "en":
	default:
		return v, invalid("language %q", m.Lang)
	}
	v.countLabel = orDefault(m.CountLabel, v.lang, "都道府県ごとの件数", "Count per prefecture")
	v.markerLabel = orDefault(m.MarkerLabel, v.lang, "開催中の募集がある自治体", "Municipalities with open programs")
	most := 0
	for code, n := range m.PrefectureCounts {
		if code < 1 || code > 47 || n < 0 {
			return v, invalid("prefecture %d count %d", code, n)
		}
		v.counts[code] = n
		most = max(most, n)
	}
	v.buckets = buckets(most)
	ms := slices.Clone(m.Markers)
	SortMarkers(ms)
	for i, mk := range ms {
		if err := r.resolve(&v, mk, i > 0 && ms[i-1].LGCode == mk.LGCode); err != nil {
			return v, err
		}
	}
	v.desc = clean(m.Desc)
	if v.desc == "" {
		v.desc = r.summary(v)
	}
	return v, nil
}

// resolve checks a marker and adds it to v.
func (r *Renderer) resolve(v *view, mk Marker, repeated bool) error {
	p, ok := r.places[mk.LGCode]
	switch {
	case !ok:
		return invalid("marker lgcode %q is not a municipality", mk.LGCode)
	case repeated:
		return invalid("marker lgcode %q is repeated", mk.LGCode)
	case mk.Count < 0:
		return invalid("marker %s count %d", mk.LGCode, mk.Count)
	case !safeHref(mk.Href):
		return invalid("marker %s href %q", mk.LGCode, mk.Href)
	}
	mk.Name = clean(mk.Name)
	if mk.Name == "" {
		mk.Name = p.name
	}
	res := resolved{Marker: mk, place: p}
	for _, pd := range r.prefs {
		if pd.code == p.prefCode {
			res.prefName = v.prefName(pd)
		}
	}
	count := strconv.Itoa(mk.Count)
	res.label = truncate(mk.Name, maxLabelEm-textEm(count)-0.3) + " " + count
	if v.lang == "en" {
		res.tip = mk.Name + " " + count + " (" + res.prefName + ")"
	} else {
		res.tip = mk.Name + " " + count + "（" + res.prefName + "）"
	}
	v.markers = append(v.markers, res)
	return nil
}

// prefName is a prefecture's name in the map's language.
func (v view) prefName(p prefDots) string {
	if v.lang == "en" {
		return p.nameEN
	}
	return p.name
}

func orDefault(s, lang, ja, en string) string {
	if s = clean(s); s != "" {
		return s
	}
	if lang == "en" {
		return en
	}
	return ja
}

// validID reports whether id is a letter followed by letters, digits,
// '-' or '_', so that "id-title" is a valid, space-free id reference.
func validID(id string) bool {
	for i, c := range id {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '_')) {
			return false
		}
	}
	return id != ""
}

// safeHref accepts a path, query or fragment, or an absolute http(s) URL:
// never javascript: or data:, and nothing with control characters or
// spaces.
func safeHref(h string) bool {
	if h == "" || strings.ContainsFunc(h, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(h)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "":
		return u.Opaque == ""
	case "http", "https":
		return u.Host != ""
	}
	return false
}
