package web

import (
	"net/http"
	"strings"
)

// The answer to an action that redirects is one query flag, flash=<key>,
// which the layout shows as a notice from the catalog key "flash.<key>"
// in the reader's language. A flag that names no message shows nothing,
// so a link cannot make a page say what the catalog does not.

// flashParam is the query parameter that carries the message key.
const flashParam = "flash"

// withFlash adds the flag for the message key to a local URL, before its
// fragment.
func withFlash(url, key string) string {
	frag := ""
	if i := strings.IndexByte(url, '#'); i >= 0 {
		url, frag = url[:i], url[i:]
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + flashParam + "=" + key + frag
}

// seeOtherWith redirects after an action to a local URL that shows its
// message.
func seeOtherWith(w http.ResponseWriter, r *http.Request, url, key string) {
	http.Redirect(w, r, withFlash(url, key), http.StatusSeeOther)
}

// flashKey is the catalog key of the message the request's flag names,
// or "" for none.
func (s *kit) flashKey(r *http.Request) string {
	v := r.URL.Query().Get(flashParam)
	if v == "" || strings.ContainsAny(v, ". ") {
		return ""
	}
	if key := "flash." + v; s.cat.Has(key) {
		return key
	}
	return ""
}
