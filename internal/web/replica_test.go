package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// TestSignedInReadTheirOwnWrites runs on a real standby whose replay is
// paused: staff publish a project and see it at once (their reads go to
// the primary), while a visitor is shown the standby's data, where it is
// still under review, until the standby replays the change.
func TestSignedInReadTheirOwnWrites(t *testing.T) {
	pg := storetest.PostgresURL(t)
	rep := storetest.ReplicaURL(t, pg)
	w := newWorldOn(t, pg, store.ReadReplica(rep))
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	_, err := w.st.Projects().MoveProject(ctx, w.draft.ID, domain.ProjectReview, 0, "")
	must(t, err)
	storetest.HoldStandby(t, pg, rep)
	storetest.CatchUp(t, pg, rep)

	id := strconv.FormatInt(w.draft.ID, 10)
	page := w.srv.URL + "/projects/" + id
	before := w.st.ReplicaStats()
	if status, body, _ := send(t, w.browser(t), "GET", w.srv.URL+"/projects", nil); status != 200 ||
		!strings.Contains(body, "商店街のSNS発信") || strings.Contains(body, "下書きの案件") {
		t.Fatalf("the visitor's list before: %d", status)
	}
	if st := w.st.ReplicaStats(); st.Reads <= before.Reads || st.Fallbacks != before.Fallbacks {
		t.Fatalf("the visitor's list did not come from the standby: %+v then %+v", before, st)
	}

	resume := storetest.PauseReplay(t, rep)
	if status, _, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/projects/"+id+"/status",
		url.Values{"action": {"publish"}}); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	reads := w.st.ReplicaStats().Reads
	if status, body, _ := send(t, staff, "GET", page, nil); status != 200 || !strings.Contains(body, "下書きの案件") {
		t.Errorf("staff do not see the project they published: %d", status)
	}
	if _, body, _ := send(t, staff, "GET", w.srv.URL+"/projects", nil); !strings.Contains(body, "下書きの案件") {
		t.Error("staff's list lacks the project they published")
	}
	if st := w.st.ReplicaStats(); st.Reads != reads {
		t.Errorf("a signed-in person's reads went to the standby: %d then %d", reads, st.Reads)
	}
	before = w.st.ReplicaStats()
	if status, _, _ := send(t, w.browser(t), "GET", page, nil); status != 404 {
		t.Errorf("a visitor reads the project from the paused standby: %d, want 404 (still under review there)", status)
	}
	if st := w.st.ReplicaStats(); st.Reads <= before.Reads || st.Fallbacks != before.Fallbacks {
		t.Errorf("the visitor's page did not come from the standby: %+v then %+v", before, st)
	}

	resume()
	storetest.CatchUp(t, pg, rep)
	if status, body, _ := send(t, w.browser(t), "GET", page, nil); status != 200 || !strings.Contains(body, "下書きの案件") {
		t.Errorf("a visitor after the standby replayed the change: %d", status)
	}
}

// TestPagesAnswerWhileTheStandbyIsDown stops the standby (the cluster
// named by TSUNAGU_TEST_STANDBY_CLUSTER, VERSION/NAME as pg_lsclusters
// lists it) and starts it again: meanwhile the public pages answer from
// the primary, and afterwards visitors read from the standby again.
func TestPagesAnswerWhileTheStandbyIsDown(t *testing.T) {
	cluster := os.Getenv("TSUNAGU_TEST_STANDBY_CLUSTER")
	if cluster == "" {
		t.Skip("set TSUNAGU_TEST_STANDBY_CLUSTER (for example 15/standby) to let a test stop the standby")
	}
	version, name, ok := strings.Cut(cluster, "/")
	if !ok {
		t.Fatalf("TSUNAGU_TEST_STANDBY_CLUSTER=%q: want VERSION/NAME, for example 15/standby", cluster)
	}
	pg := storetest.PostgresURL(t)
	rep := storetest.ReplicaURL(t, pg)
	w := newWorldOn(t, pg, store.ReadReplica(rep), store.ReplicaBackoff(300*time.Millisecond))
	storetest.HoldStandby(t, pg, rep)
	storetest.CatchUp(t, pg, rep)
	pgctl := func(action string) error {
		out, err := exec.Command("pg_ctlcluster", "--skip-systemctl-redirect", version, name, action).CombinedOutput()
		if err != nil {
			t.Logf("pg_ctlcluster %s %s %s: %v\n%s", version, name, action, err, out)
		}
		return err
	}
	pages := map[string]string{
		"/":         "大田区SDGs副業 2026",
		"/projects": "商店街のSNS発信",
		"/projects/" + strconv.FormatInt(w.shop.ID, 10): "商店街のSNS発信",
		"/programs/ota-sdgs-2026":                       "商店街のSNS発信",
		"/municipalities/131113":                        "大田区",
		"/api/v1/projects":                              "商店街のSNS発信",
		"/api/v1/municipalities":                        "131113",
	}
	// Each round asks with a query of its own, so no page comes from the cache.
	round := 0
	visit := func() {
		t.Helper()
		round++
		for path, want := range pages {
			status, body, _ := send(t, w.browser(t), "GET", w.srv.URL+path+"?round="+strconv.Itoa(round), nil)
			if status != 200 || !strings.Contains(body, want) {
				t.Errorf("%s (round %d): %d, want 200 with %q", path, round, status, want)
			}
		}
	}
	visit()
	if st := w.st.ReplicaStats(); st.Reads == 0 || st.Fallbacks != 0 {
		t.Fatalf("with the standby up: %+v", st)
	}

	storetest.RestartPoint(t, pg, rep)
	if err := pgctl("stop"); err != nil {
		t.Fatal("stop the standby")
	}
	stopped := true
	t.Cleanup(func() {
		if stopped {
			pgctl("start")
			storetest.CatchUp(t, pg, rep)
		}
	})
	visit()
	down := w.st.ReplicaStats()
	if down.Fallbacks == 0 {
		t.Errorf("the stopped standby was never tried: %+v", down)
	}
	time.Sleep(400 * time.Millisecond) // past the back-off: tried again, and still down
	visit()
	if st := w.st.ReplicaStats(); st.Fallbacks <= down.Fallbacks {
		t.Errorf("the standby was not tried again after the back-off: %+v then %+v", down, st)
	}

	pgctl("start") // may give up waiting while the standby still recovers: CatchUp waits longer
	stopped = false
	storetest.CatchUp(t, pg, rep)
	back := w.st.ReplicaStats()
	for deadline := time.Now().Add(15 * time.Second); w.st.ReplicaStats().Reads == back.Reads; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("visitors do not read from the standby again after it started: %+v", w.st.ReplicaStats())
		}
		visit()
	}
}
