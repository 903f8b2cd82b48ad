package web

import (
	"context"
	"encoding/json"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// world is a small hub: Ota with a closed 2021 program and an open one,
// and Tsubame with its own program.
type world struct {
	srv                   *httptest.Server
	app                   *Server
	st                    *store.Store
	dir                   string // holds the SQLite file
	dbURL                 string // the PostgreSQL URL, or "" for SQLite in dir
	ota, tsubame          domain.Municipality
	web, green, shop, ts1 domain.Project
	draft                 domain.Project
	keys                  *keyring.Ring // seals the issuers' keys
}

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// day2021 is a day of the 2021 program in Japan; months past 12 run into
// 2022.
func day2021(month, day int) time.Time {
	return time.Date(2021, time.Month(month), day, 0, 0, 0, 0, domain.Japan())
}

// analyzer is loaded once for the whole test binary (about a second).
var analyzer = sync.OnceValue(search.NewLazy)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newWorld(t testing.TB) *world { return newWorldOn(t, "") }

// newWorldOn builds the world on SQLite ("") or the PostgreSQL URL given,
// with the store's options (a read replica).
func newWorldOn(t testing.TB, dbURL string, opts ...store.Option) *world {
	t.Helper()
	ctx := context.Background()
	ref, err := refdata.Load()
	must(t, err)
	dir := t.TempDir()
	st, err := store.Open(ctx, dbURL, dir, opts...)
	must(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Migrate(ctx)
	must(t, err)
	st = st.WithIndexer(search.NewProjectIndexer(analyzer(), ref))
	keys, err := keyring.New(keyring.Generate())
	must(t, err)
	w := &world{st: st, dir: dir, keys: keys, dbURL: dbURL,
		ota:     domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", NameEN: "Ota City", PrefCode: 13},
		tsubame: domain.Municipality{LGCode: "152137", Slug: "tsubame", Name: "燕市", NameEN: "Tsubame City", PrefCode: 15}}
	must(t, st.Directory().CreateMunicipality(ctx, &w.ota))
	must(t, st.Directory().CreateMunicipality(ctx, &w.tsubame))
	office := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgMunicipalityOffice, Name: "大田区 産業経済部"}
	mill := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgBusiness, Name: "有限会社森田製作所",
		JSICMajor: "E", JSICMiddle: "24", Area: "糀谷"}
	cafe := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgBusiness, Name: "喫茶まるや",
		JSICMajor: "M", JSICMiddle: "76", Area: "蒲田"}
	tsOffice := domain.Organization{MunicipalityID: w.tsubame.ID, Kind: domain.OrgMunicipalityOffice, Name: "燕市 商工振興課"}
	for _, o := range []*domain.Organization{&office, &mill, &cafe, &tsOffice} {
		must(t, st.Directory().CreateOrganization(ctx, o))
	}
	p2021 := domain.Program{MunicipalityID: w.ota.ID, Slug: "ota-sdgs-2021", Title: "大田区SDGs副業 2021",
		TitleEN: "Ota City SDGs Side Jobs 2021", HostIDs: []int64{office.ID, cafe.ID},
		EntryOpensAt: time.Date(2021, 6, 30, 15, 0, 0, 0, time.UTC), EntryClosesAt: time.Date(2021, 8, 31, 15, 0, 0, 0, time.UTC),
		Timeline: domain.Timeline{SelectionOn: day2021(9, 6), AnnouncedOn: day2021(9, 24), KickoffOn: day2021(10, 1),
			MidtermOn: day2021(12, 10), FinalOn: day2021(14, 25), EndsOn: day2021(15, 31)}}
	pNow := domain.Program{MunicipalityID: w.ota.ID, Slug: "ota-sdgs-2026", Title: "大田区SDGs副業 2026",
		HostIDs: []int64{office.ID}, EntryOpensAt: testNow.AddDate(0, -1, 0), EntryClosesAt: testNow.AddDate(0, 1, 0)}
	pTs := domain.Program{MunicipalityID: w.tsubame.ID, Slug: "tsubame-2026", Title: "燕市ものづくり副業 2026",
		HostIDs: []int64{tsOffice.ID}, EntryOpensAt: testNow.AddDate(0, -1, 0), EntryClosesAt: testNow.AddDate(0, 1, 0)}
	for _, p := range []*domain.Program{&p2021, &pNow, &pTs} {
		must(t, st.Directory().CreateProgram(ctx, p))
	}
	base := domain.Project{MunicipalityID: w.ota.ID, ProgramID: p2021.ID, HostID: mill.ID, TeamSize: 2, HoursPerMonth: 20,
		WorkStyle: domain.WorkRemote, RewardType: domain.RewardPaid, RewardYen: 50000, Status: domain.ProjectClosed,
		Description: "説明", RequiredSkills: []string{"dx-kintone"}}
	w.web, w.green, w.shop, w.ts1, w.draft = base, base, base, base, base
	w.web.Title, w.web.SDGs = "ホームページを刷新したい", []int{8, 9}
	w.web.Description = "町工場の技術を伝えるホームページを、副業人材と一緒に作ります。販路開拓にもつなげたい。"
	w.web.RequiredSkills = []string{"web-homepage"}
	w.green.Description = "工場の電力データ活用で、脱炭素の第一歩を。"
	w.green.Title, w.green.SDGs, w.green.WorkStyle, w.green.Place = "工場のCO2を見える化", []int{7, 13}, domain.WorkHybrid, "大田区糀谷"
	w.green.RequiredSkills = []string{"green-carbon"}
	w.shop.Title, w.shop.SDGs, w.shop.HostID, w.shop.ProgramID = "商店街のSNS発信", []int{11}, cafe.ID, pNow.ID
	w.shop.Status, w.shop.RewardType, w.shop.RewardYen = domain.ProjectPublished, domain.RewardProBono, 0
	w.ts1.Title, w.ts1.SDGs, w.ts1.MunicipalityID, w.ts1.ProgramID, w.ts1.HostID = "洋食器の海外販路", []int{9, 17}, w.tsubame.ID, pTs.ID, tsOffice.ID
	w.ts1.Status = domain.ProjectPublished
	w.draft.Title, w.draft.SDGs, w.draft.Status = "下書きの案件", []int{9}, domain.ProjectDraft
	for _, p := range []*domain.Project{&w.web, &w.green, &w.shop, &w.ts1, &w.draft} {
		must(t, st.Projects().CreateProject(ctx, p))
	}
	cat, err := i18n.Load()
	must(t, err)
	s, err := New(withServices(t, Config{Ref: ref, Catalog: cat, Search: analyzer(), Version: "test",
		Now: func() time.Time { return testNow }, BaseURL: "http://tsunagu.test", Contact: "privacy@tsunagu.test"},
		st, keys, credential.ResolverOptions{}))
	must(t, err)
	w.app = s
	w.srv = httptest.NewServer(s.Handler())
	t.Cleanup(w.srv.Close)
	return w
}

// get fetches a path with optional Accept-Language and returns status and body.
func (w *world) get(t *testing.T, path, acceptLanguage string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", w.srv.URL+path, nil)
	must(t, err)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp.StatusCode, string(body), resp.Header
}

func (w *world) getJSON(t *testing.T, path, acceptLanguage string, v any) int {
	t.Helper()
	status, body, h := w.get(t, path, acceptLanguage)
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: content type %q", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, body)
	}
	return status
}

// withServices gives a test server's configuration its application layer
// over st, built from the same reference data, catalog, clock and base
// URL, with the mail templates, the signing keys and the fetch options.
func withServices(t testing.TB, cfg Config, st *store.Store, keys *keyring.Ring, fetch credential.ResolverOptions) Config {
	t.Helper()
	mt, err := mail.LoadTemplates()
	must(t, err)
	cfg.App = app.New(app.Config{Store: st, Catalog: cfg.Catalog, Mail: mt, BaseURL: cfg.BaseURL, Now: cfg.Now,
		Ref: cfg.Ref, Search: cfg.Search, Keys: keys, Fetch: fetch})
	return cfg
}
