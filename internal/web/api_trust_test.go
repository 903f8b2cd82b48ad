package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// apiPost sends a JSON body to the API with a token and an optional
// Idempotency-Key and language, and decodes the answer.
func apiPost(t *testing.T, base, path, token, key, lang, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest("POST", base+path, strings.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	json.Unmarshal(b, &out)
	return resp.StatusCode, out
}

// apiError is the error object of an API answer.
func apiError(out map[string]any) (code, message string) {
	e, _ := out["error"].(map[string]any)
	code, _ = e["code"].(string)
	message, _ = e["message"].(string)
	return code, message
}

func TestAPITokensLastTheChosenDays(t *testing.T) { eachEngine(t, tokenLifetimeScenario) }

func tokenLifetimeScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "tokens@example.jp", "鍵 管理")
	creds, err := w.st.Accounts().Credentials(ctx, "tokens@example.jp")
	must(t, err)
	if _, body, _ := send(t, c, "GET", w.srv.URL+"/me/tokens", nil); !strings.Contains(body, `name="days" value="90" checked`) {
		t.Error("90 days is not the default choice")
	}
	if status, body, _ := send(t, c, "POST", w.srv.URL+"/me/tokens", url.Values{"label": {"長すぎ"}, "days": {"400"}}); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "有効期間は1〜365日の中から選んでください") || strings.Contains(body, "tsu_") {
		t.Errorf("400 days: %d", status)
	}
	before := time.Now()
	_, body, _ := send(t, c, "POST", w.srv.URL+"/me/tokens", url.Values{"label": {"三十日"}, "days": {"30"}})
	token := regexp.MustCompile(`tsu_[A-Za-z0-9_-]+`).FindString(body)
	if token == "" {
		t.Fatal("the new token is not shown")
	}
	tokens, err := w.st.Accounts().APITokens(ctx, creds.User.ID)
	must(t, err)
	if len(tokens) != 1 || tokens[0].ExpiresAt.Before(before.AddDate(0, 0, 30).Truncate(time.Second)) ||
		tokens[0].ExpiresAt.After(time.Now().AddDate(0, 0, 30)) {
		t.Fatalf("tokens: %+v, want one expiring in 30 days", tokens)
	}
	if _, body, _ := send(t, c, "GET", w.srv.URL+"/me/tokens", nil); !strings.Contains(body, "未使用") ||
		!strings.Contains(body, "有効期限") {
		t.Error("the list does not show the expiry and that it is unused")
	}
	if status, _ := apiPost(t, w.srv.URL, "/api/v1/programs/ota-sdgs-2026/entries", token, "", "", `{}`); status != http.StatusConflict {
		t.Errorf("with the token (no profile yet): %d", status) // known, so past authentication
	}
	if _, body, _ := send(t, c, "GET", w.srv.URL+"/me/tokens", nil); strings.Contains(body, "未使用") {
		t.Error("the list does not show that the token was used")
	}

	// An expired token is refused, in the caller's language.
	plain, hash, err := auth.NewAPIToken()
	must(t, err)
	must(t, w.st.Accounts().CreateToken(ctx, creds.User.ID, domain.TokenAPI, hash, time.Now().Add(-time.Minute), "old"))
	status, out := apiPost(t, w.srv.URL, "/api/v1/programs/ota-sdgs-2026/entries", plain, "", "", `{}`)
	if code, msg := apiError(out); status != http.StatusUnauthorized || code != "unauthorized" || !strings.Contains(msg, "有効期限が切れています") {
		t.Errorf("expired: %d %v", status, out)
	}
	status, out = apiPost(t, w.srv.URL, "/api/v1/programs/ota-sdgs-2026/entries", plain, "", "en", `{}`)
	if _, msg := apiError(out); status != http.StatusUnauthorized || !strings.Contains(msg, "This API token has expired") {
		t.Errorf("expired, in English: %d %v", status, out)
	}
	if _, body, _ := send(t, c, "GET", w.srv.URL+"/me/tokens", nil); !strings.Contains(body, "期限切れ") {
		t.Error("the list does not mark the expired token")
	}
}

func TestIdempotencyKeyWithAnotherBody(t *testing.T) { eachEngine(t, idempotencyScenario) }

// idempotencyScenario: the same key and body replay the first answer
// (spacing and order do not matter); the same key with another body is
// refused with 422 and a translated message, and makes nothing.
func idempotencyScenario(t *testing.T, w *world) {
	ctx := context.Background()
	u := domain.User{Email: "retry@example.jp", Name: "再送 する"}
	must(t, w.st.Accounts().CreateUser(ctx, &u))
	tal := domain.Talent{UserID: u.ID, Name: "再送 する", NameKana: "サイソウ スル", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	plain, hash, err := auth.NewAPIToken()
	must(t, err)
	must(t, w.st.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, hash, time.Now().AddDate(0, 0, 1), "test"))
	path := "/api/v1/programs/ota-sdgs-2026/entries"
	body := fmt.Sprintf(`{"choices":[%d],"motivation":"APIから応募します"}`, w.shop.ID)
	status, first := apiPost(t, w.srv.URL, path, plain, "key-1", "", body)
	if status != http.StatusCreated {
		t.Fatalf("first: %d %v", status, first)
	}
	same := fmt.Sprintf(`{ "motivation": "APIから応募します", "choices": [ %d ] }`, w.shop.ID)
	if status, again := apiPost(t, w.srv.URL, path, plain, "key-1", "", same); status != http.StatusCreated || again["id"] != first["id"] {
		t.Errorf("the same body again: %d %v", status, again)
	}
	other := fmt.Sprintf(`{"choices":[%d],"motivation":"やはり別の動機で"}`, w.shop.ID)
	status, out := apiPost(t, w.srv.URL, path, plain, "key-1", "", other)
	if code, msg := apiError(out); status != http.StatusUnprocessableEntity || code != "unprocessable" ||
		!strings.Contains(msg, "別の内容のエントリーですでに使われています") {
		t.Errorf("another body with the key: %d %v", status, out)
	}
	status, out = apiPost(t, w.srv.URL, path, plain, "key-1", "en", other)
	if _, msg := apiError(out); status != http.StatusUnprocessableEntity || !strings.Contains(msg, "already used for an entry with different content") {
		t.Errorf("in English: %d %v", status, out)
	}
	entries, err := w.st.Entries().EntriesOfTalent(ctx, tal.ID)
	must(t, err)
	if len(entries) != 1 || entries[0].Motivation != "APIから応募します" {
		t.Errorf("entries: %+v", entries)
	}
}
