package web

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestAPIEntryWithTokenAndIdempotencyKey(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	u := domain.User{Email: "api@example.jp", Name: "API 利用者"}
	must(t, w.st.Accounts().CreateUser(ctx, &u))
	tal := domain.Talent{UserID: u.ID, Name: "API 利用者", NameKana: "エーピーアイ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	plain, hash, err := auth.NewAPIToken()
	must(t, err)
	must(t, w.st.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, hash, time.Now().AddDate(0, 0, 1), "test"))

	post := func(path, token, key, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest("POST", w.srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if key != "" {
			req.Header.Set("Idempotency-Key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		json.Unmarshal(b, &out)
		return resp.StatusCode, out
	}
	good := fmt.Sprintf(`{"choices":[%d],"motivation":"APIから応募します"}`, w.shop.ID)
	if status, out := post("/api/v1/programs/ota-sdgs-2026/entries", "", "", good); status != 401 || out["error"] == nil {
		t.Errorf("no token: %d %v", status, out)
	}
	if status, _ := post("/api/v1/programs/ota-sdgs-2026/entries", "tsu_wrong", "", good); status != 401 {
		t.Errorf("wrong token: %d", status)
	}
	for _, bad := range []struct{ body, field string }{
		{`{"choices":[`, "body"},
		{`{"choices":[1],"motivation":"x","extra":1}`, "body"},
		{fmt.Sprintf(`{"choices":[%d],"motivation":"x"}`, w.web.ID), "choices"},
	} {
		status, out := post("/api/v1/programs/ota-sdgs-2026/entries", plain, "", bad.body)
		e, _ := out["error"].(map[string]any)
		if status != 400 || e["field"] != bad.field || e["message"] == "" {
			t.Errorf("%s: %d %v", bad.body, status, out)
		}
	}
	if status, out := post("/api/v1/programs/ota-sdgs-2021/entries", plain, "", good); status != 409 {
		t.Errorf("closed program: %d %v", status, out)
	}
	// Ten concurrent retries with one key make one entry and one mail.
	var wg sync.WaitGroup
	ids := make(chan float64, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, out := post("/api/v1/programs/ota-sdgs-2026/entries", plain, "retry-1", good)
			if status != 201 {
				t.Errorf("retry: %d %v", status, out)
				return
			}
			ids <- out["id"].(float64)
		}()
	}
	wg.Wait()
	close(ids)
	first := -1.0
	for id := range ids {
		if first >= 0 && id != first {
			t.Errorf("retries returned entries %v and %v", first, id)
		}
		first = id
	}
	entries, _ := w.st.Entries().EntriesOfTalent(ctx, tal.ID)
	mails, _ := w.st.Messaging().Outbox(ctx, 10, false)
	if len(entries) != 1 || len(mails) != 1 {
		t.Errorf("%d entries, %d mails", len(entries), len(mails))
	}
	if status, out := post("/api/v1/programs/ota-sdgs-2026/entries", plain, "retry-2", good); status != 409 {
		t.Errorf("a second entry: %d %v", status, out)
	}
	// A revoked token stops working.
	h := sha256.Sum256([]byte(plain))
	must(t, w.st.Accounts().RevokeAPIToken(ctx, u.ID, h[:]))
	if status, _ := post("/api/v1/programs/ota-sdgs-2026/entries", plain, "retry-1", good); status != 401 {
		t.Errorf("revoked token: %d", status)
	}
}
