package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"
)

// requestInfo is what the outermost middleware knows of a request: its id
// and, once a route of the table takes it, the route's pattern.
type requestInfo struct {
	id      string
	pattern string
}

type requestInfoKey struct{}

// requestID is the id of the request being served in ctx, or "".
func requestID(ctx context.Context) string {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return info.id
	}
	return ""
}

// maxRequestIDLen bounds an id taken from a proxy.
const maxRequestIDLen = 64

// saneRequestID reports whether a proxy's X-Request-Id may be used as it
// is: 1 to 64 letters, digits, dots, underscores and hyphens (a UUID, a
// hex string), nothing that could break a log line or a page.
func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for _, c := range []byte(id) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// newRequestID is 64 random bits in hex: short enough to read out on the
// telephone, long enough never to repeat in the logs.
func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestIDOf takes a trusted proxy's X-Request-Id when it is a sane
// token, so one id follows the request through the proxy's logs and ours;
// anything else gets a new random id.
func (s *Server) requestIDOf(r *http.Request) string {
	if peer := peerAddr(r.RemoteAddr); peer.IsValid() && trusts(s.proxies, peer) {
		if id := r.Header.Get("X-Request-Id"); saneRequestID(id) {
			return id
		}
	}
	return newRequestID()
}

// trace is the outermost middleware: it gives the request its id (in the
// context, for every log line and error page, and in the X-Request-Id
// header of the answer) and, with metrics, records the time to answer and
// the status under the pattern of the route that answered. A request that
// never reached a route (a refused cross-origin post) is recorded under
// the pattern the route table would have chosen.
func (s *Server) trace(mux *http.ServeMux, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{id: s.requestIDOf(r)}
		w.Header().Set("X-Request-Id", info.id)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		if s.metrics == nil {
			return
		}
		pattern := info.pattern
		if pattern == "" {
			_, pattern = mux.Handler(r)
		}
		if pattern == "" {
			pattern = "unmatched"
		}
		s.metrics.ObserveRequest(pattern, sw.statusCode(), time.Since(start))
	})
}

// routed notes the pattern of the route that takes the request, for the
// metrics; the pattern comes from the route table, never the path.
func routed(pattern string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(requestInfoKey{}).(*requestInfo); ok {
			info.pattern = pattern
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status of the answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 && status >= 200 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// statusCode is the status sent: 200 when the handler wrote nothing.
func (w *statusWriter) statusCode() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// requestIDHandler adds the request's id to every log line written with
// the request's context.
type requestIDHandler struct{ slog.Handler }

// withRequestIDs wraps a log handler so that lines logged while serving a
// request carry its id ("request_id").
func withRequestIDs(h slog.Handler) slog.Handler { return requestIDHandler{h} }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := requestID(ctx); id != "" {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}
