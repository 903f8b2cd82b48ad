package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// TestBusyAnswersSayWhenToRetry: a rate-limited error answers 429 with
// Retry-After and the seconds in the body, in the reader's language.
func TestBusyAnswersSayWhenToRetry(t *testing.T) {
	w := newWorld(t)
	busy := domain.Errorf(domain.CodeRateLimited, "error.busy", "Seconds", 2)
	rec := httptest.NewRecorder()
	w.app.json(func(*http.Request, i18n.Lang) (any, error) { return nil, busy }).
		ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/programs/x/entries", nil))
	var got struct {
		Error struct {
			Code, Message string
			RetryAfter    int `json:"retry_after"`
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := "ただいま応募が集中しています。送信した内容はまだ受け付けていません。2秒ほど待ってから、もう一度送信してください。"
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "2" || got.Error.Code != "rate_limited" ||
		got.Error.Message != want || got.Error.RetryAfter != 2 {
		t.Errorf("API: %d %q %+v", rec.Code, rec.Header().Get("Retry-After"), got)
	}
	// Other errors carry no Retry-After.
	rec = httptest.NewRecorder()
	w.app.json(func(*http.Request, i18n.Lang) (any, error) { return nil, domain.NotFound("entry") }).
		ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/x", nil))
	if rec.Code != http.StatusNotFound || rec.Header().Get("Retry-After") != "" {
		t.Errorf("not found: %d %q", rec.Code, rec.Header().Get("Retry-After"))
	}
}
