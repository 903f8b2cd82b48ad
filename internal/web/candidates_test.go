package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestBusinessTakesPartInSelection(t *testing.T) { eachEngine(t, candidatesScenario) }

// interviewMails returns the interview mails whose subject has s, by
// recipient, with their .ics unfolded (RFC 5545 lines joined again).
func (w *world) interviewMails(t *testing.T, subject string) map[string]string {
	t.Helper()
	box, err := w.st.Messaging().Outbox(context.Background(), 200, false)
	must(t, err)
	out := map[string]string{}
	for _, m := range box {
		if strings.Contains(m.Subject, subject) {
			if m.Attachment.Name != "interview.ics" {
				t.Errorf("mail to %s has attachment %q", m.To, m.Attachment.Name)
			}
			out[m.To] = strings.ReplaceAll(m.Attachment.Data, "\r\n ", "")
		}
	}
	return out
}

func candidatesScenario(t *testing.T, w *world) {
	ctx := context.Background()
	base := w.srv.URL
	office, cafe := w.orgNamed(t, "大田区 産業経済部"), w.orgNamed(t, "喫茶まるや")
	staffID, staff := w.member(t, "kamata@example.jp", "蒲田 職員", domain.RoleMunicipalityStaff, office.ID)
	leaderID, _ := w.member(t, "haneda@example.jp", "羽田 リーダー", domain.RoleLeaderTalent, office.ID)
	_, owner := w.member(t, "maruya@example.jp", "丸屋 店主", domain.RoleBusinessOwner, cafe.ID)
	w.signedIn(t, "ikegami@example.jp", "池上 五郎")
	u, err := w.st.Accounts().Credentials(ctx, "ikegami@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: u.User.ID, Name: "池上 五郎", NameKana: "イケガミ ゴロウ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: w.shop.ProgramID, TalentID: tal.ID, Choices: []int64{w.shop.ID},
		Motivation: "商店街の発信を手伝いたい", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	must(t, w.st.Entries().AssignReviewer(ctx, e.ID, leaderID, staffID))
	shop, eid := strconv.FormatInt(w.shop.ID, 10), strconv.FormatInt(e.ID, 10)
	candidates := base + "/admin/131113/projects/" + shop + "/candidates"
	entry := base + "/admin/131113/entries/" + eid

	// The project's page leads to its candidates; at 応募 there are none.
	if _, body, _ := send(t, owner, "GET", base+"/admin/131113/projects/"+shop, nil); !strings.Contains(body,
		`href="/admin/131113/projects/`+shop+`/candidates"`) {
		t.Error("the project page does not link to its candidates")
	}
	status, body, _ := send(t, owner, "GET", candidates, nil)
	if status != http.StatusOK || !strings.Contains(body, "書類選考に進んだ応募者はまだいません。") || strings.Contains(body, "池上") {
		t.Fatalf("before screening: %d", status)
	}
	// Once staff take the entry into 書類選考, the business sees the
	// entrant, without contact details.
	if status, _, _ := send(t, staff, "POST", entry+"/move", url.Values{"to": {"screening"}}); status != http.StatusSeeOther {
		t.Fatalf("move: %d", status)
	}
	status, body, _ = send(t, owner, "GET", candidates, nil)
	if status != http.StatusOK || !strings.Contains(body, "池上 五郎") || !strings.Contains(body, "商店街の発信を手伝いたい") ||
		!strings.Contains(body, "面談が決まると表示されます。") || strings.Contains(body, "ikegami@example.jp") {
		t.Fatalf("after screening: %d", status)
	}
	// The business scores and comments; a score out of range keeps what
	// was typed.
	review := candidates + "/" + eid + "/review"
	status, body, _ = send(t, owner, "POST", review, url.Values{"score_skills": {"7"}, "note": {"ぜひ話したい"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "1〜5の範囲で") || !strings.Contains(body, ">ぜひ話したい</textarea>") {
		t.Errorf("bad score: %d", status)
	}
	status, _, h := send(t, owner, "POST", review, url.Values{"score_skills": {"4"}, "note": {"ぜひ話したい"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/admin/131113/projects/"+shop+"/candidates?done=review#c-"+eid {
		t.Fatalf("review: %d %s", status, h.Get("Location"))
	}
	rvs, err := w.st.Entries().Reviews(ctx, 0, e.ID)
	must(t, err)
	if len(rvs) != 1 || rvs[0].ReviewerName != "丸屋 店主" || rvs[0].Scores[domain.CriterionSkills] != 4 || rvs[0].Note != "ぜひ話したい" {
		t.Fatalf("reviews: %+v", rvs)
	}
	if _, body, _ := send(t, staff, "GET", entry, nil); !strings.Contains(body, "丸屋 店主") || !strings.Contains(body, "ぜひ話したい") {
		t.Error("staff do not see the business's comment")
	}

	// An interview invites the entrant, the interviewers (who booked it
	// and the assigned reviewer) and the business owner, each with the
	// same invitation listing them all.
	iv := url.Values{"date": {"2026-12-01"}, "time": {"10:00"}, "minutes": {"60"}, "place": {"蒲田駅前"}}
	if status, _, _ := send(t, staff, "POST", entry+"/interviews", iv); status != http.StatusSeeOther {
		t.Fatalf("interview: %d", status)
	}
	ivs, err := w.st.Entries().Interviews(ctx, e.ID)
	must(t, err)
	if len(ivs) != 1 {
		t.Fatalf("%d interviews", len(ivs))
	}
	ivid := strconv.FormatInt(ivs[0].ID, 10)
	everyone := []string{"haneda@example.jp", "ikegami@example.jp", "kamata@example.jp", "maruya@example.jp"}
	attendees := "ATTENDEE;CN=池上 五郎;ROLE=REQ-PARTICIPANT%[1]s:mailto:ikegami@example.jp\r\n" +
		"ATTENDEE;CN=蒲田 職員;ROLE=REQ-PARTICIPANT%[1]s:mailto:kamata@example.jp\r\n" +
		"ATTENDEE;CN=羽田 リーダー;ROLE=REQ-PARTICIPANT%[1]s:mailto:haneda@example.jp\r\n" +
		"ATTENDEE;CN=丸屋 店主;ROLE=REQ-PARTICIPANT%[1]s:mailto:maruya@example.jp\r\n"
	calendar := func(method string, seq int, start, end, status, alarm string) string {
		rsvp := ""
		if method == "REQUEST" {
			rsvp = ";PARTSTAT=NEEDS-ACTION;RSVP=TRUE"
		}
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tsunagu//Tsunagu//JA\r\nCALSCALE:GREGORIAN\r\n" +
			"METHOD:" + method + "\r\nBEGIN:VEVENT\r\nUID:interview-" + ivid + "@tsunagu.test\r\n" +
			"SEQUENCE:" + strconv.Itoa(seq) + "\r\nDTSTAMP:20261123T120000Z\r\nDTSTART:" + start + "\r\nDTEND:" + end + "\r\n" +
			"SUMMARY:面談：大田区SDGs副業 2026\r\nLOCATION:蒲田駅前\r\nSTATUS:" + status + "\r\n" +
			"ORGANIZER;CN=大田区:mailto:noreply@tsunagu.test\r\n" + strings.ReplaceAll(attendees, "%[1]s", rsvp) + alarm +
			"END:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	alarm := "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT30M\r\nDESCRIPTION:面談：大田区SDGs副業 2026\r\nEND:VALARM\r\n"
	check := func(subject, want string) {
		t.Helper()
		mails := w.interviewMails(t, subject)
		var to []string
		for addr, cal := range mails {
			to = append(to, addr)
			if cal != want {
				t.Errorf("%s to %s:\n%s\nwant:\n%s", subject, addr, cal, want)
			}
		}
		slices.Sort(to)
		if !slices.Equal(to, everyone) {
			t.Errorf("%s went to %v, want %v", subject, to, everyone)
		}
	}
	check("面談のご案内", calendar("REQUEST", 0, "20261201T010000Z", "20261201T020000Z", "CONFIRMED", alarm))
	if body, _ := w.mailTo(t, "maruya@example.jp", "面談のご案内"); !strings.Contains(body, "応募者 池上 五郎 さんとの面談の日時をお知らせします。") {
		t.Errorf("the owner's mail: %s", body)
	}
	// With the interview set, the business sees how to reach the entrant.
	if _, body, _ := send(t, owner, "GET", candidates, nil); !strings.Contains(body, `<a href="mailto:ikegami@example.jp">`) {
		t.Error("no contact details once the interview is set")
	}

	// A reschedule sends the same UID with a higher SEQUENCE.
	iv.Set("date", "2026-12-02")
	iv.Set("time", "14:00")
	rs := entry + "/interviews/" + ivid
	if status, _, h := send(t, staff, "POST", rs+"/reschedule", iv); status != http.StatusSeeOther ||
		h.Get("Location") != "/admin/131113/entries/"+eid+"?done=rescheduled" {
		t.Fatalf("reschedule: %d", status)
	}
	if _, body, _ := send(t, staff, "GET", entry+"?done=rescheduled", nil); !strings.Contains(body, "面談の日時を変更し、参加者全員に新しい案内を送りました。") {
		t.Error("no message after the reschedule")
	}
	check("面談の日時変更", calendar("REQUEST", 1, "20261202T050000Z", "20261202T060000Z", "CONFIRMED", alarm))
	// A cancellation is METHOD:CANCEL, still higher, without an alarm.
	if status, _, _ := send(t, staff, "POST", rs+"/cancel", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("cancel: %d", status)
	}
	check("面談の中止", calendar("CANCEL", 2, "20261202T050000Z", "20261202T060000Z", "CANCELLED", ""))
	if status, body, _ := send(t, staff, "POST", rs+"/cancel", url.Values{}); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "この面談はすでに中止されています。") {
		t.Errorf("cancel twice: %d", status)
	}
	// Without an interview standing, contact details are hidden again.
	if _, body, _ := send(t, owner, "GET", candidates, nil); strings.Contains(body, "ikegami@example.jp") {
		t.Error("contact details after the interview was cancelled")
	}
	if got := w.auditActions(t, "entry", e.ID); !slices.Contains(got, "entry.interview.reschedule") ||
		!slices.Contains(got, "entry.interview.cancel") || !slices.Contains(got, "entry.review.business") {
		t.Errorf("audit: %v", got)
	}
}
