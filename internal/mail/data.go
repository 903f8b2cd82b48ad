package mail

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"
)

// Template names. Each has a file per language under templates/<lang>/ and
// takes the data type named beside it.
const (
	TemplateVerifyEmail   = "verify_email"   // VerifyEmail
	TemplateResetPassword = "reset_password" // ResetPassword
	TemplateInvite        = "invite"         // Invite
	TemplateEntryReceived = "entry_received" // EntryReceived
	TemplateStatusChanged = "status_changed" // StatusChanged
	TemplateNotice        = "notice"         // Notice
	TemplateInterview     = "interview"      // Interview
	// TemplatePasswordChanged takes PasswordChanged.
	TemplatePasswordChanged = "password_changed"
	// TemplateOffer takes Offer: a 内定 naming the project.
	TemplateOffer = "offer"
	// TemplateNotSelected takes NotSelected: a courteous 見送り.
	TemplateNotSelected = "not_selected"
)

// The data types below carry text that is already in the recipient's
// language (labels such as Role or Status are translated by the caller).
// Name is the recipient's name; when empty the mail greets without a name.
// Times are shown in Japan time with the zone stated.

// VerifyEmail asks a new user to confirm their address.
type VerifyEmail struct {
	Name    string
	URL     string    // confirmation link
	Expires time.Time // optional: when the link stops working
}

// ResetPassword carries a password reset link.
type ResetPassword struct {
	Name    string
	URL     string
	Expires time.Time // when the link stops working
}

// Invite invites a person to join an organization with a role.
type Invite struct {
	Name         string
	Organization string // e.g. 大田区 産業振興課
	Role         string // the role's label, e.g. 審査員 / Reviewer
	URL          string
	Expires      time.Time // optional
}

// EntryReceived confirms a talent's entry to a program.
type EntryReceived struct {
	Name     string
	Program  string   // program title
	Projects []string // chosen project titles, first choice first
	URL      string   // optional: where to see the entry
}

// StatusChanged tells a talent that their entry moved to a new status.
type StatusChanged struct {
	Name    string
	Program string
	Status  string // the new status's label, e.g. 書類選考通過 / Passed screening
	Note    string // optional message from the organizers
	URL     string // optional
}

// Offer tells an entrant they are offered a place (内定) in a project,
// and asks them to answer on their page.
type Offer struct {
	Name    string
	Program string
	Project string // the project's title
	Host    string // the business or office hosting it
	URL     string // where to answer
}

// NotSelected tells an entrant, with thanks, that they were not placed
// this time (見送り).
type NotSelected struct {
	Name    string
	Program string
	URL     string // optional: where to find other projects
}

// Interview invites an entrant to an interview; the mail carries the same
// as an .ics attachment.
type Interview struct {
	Name     string
	Program  string
	Starts   time.Time
	Minutes  int
	Place    string // optional: where to meet
	VideoURL string // optional: the video link
	Note     string // optional message from the organizers
	URL      string // optional: where to see the entry
	// Change is "" for the first invitation, "update" when the interview
	// moved and "cancel" when it is called off.
	Change string
	// Entrant names the entrant in the mail to an interviewer or the host
	// business; "" in the mail to the entrant.
	Entrant string
}

// Notice is a generic notice: Title becomes the subject, Body the text.
type Notice struct {
	Name  string
	Title string
	Body  string
	URL   string // optional
}

// oneTimeLinkTemplates are the templates whose link lets whoever holds it
// act as the recipient: confirm the address, set a password, accept an
// invitation. Such a mail is for its recipient's eyes only.
func oneTimeLinkTemplates() map[string]bool {
	return map[string]bool{TemplateVerifyEmail: true, TemplateResetPassword: true, TemplateInvite: true}
}

// CarriesToken reports whether a mail's text holds a link with a token,
// whatever template made it: a second guard beside the list above, so a
// new kind of mail with a one-time link is hidden even if nobody listed it.
func CarriesToken(text string) bool { return strings.Contains(strings.ToLower(text), "token=") }

// TemplateNames lists every template, for checks that must cover each kind
// of mail.
func TemplateNames() []string { return slices.Sorted(maps.Keys(templateTypes())) }

// PasswordChanged tells a person that their password was changed or reset
// and that every other session was signed out, with what to do if it was
// not them.
type PasswordChanged struct {
	Name     string
	At       time.Time // when it changed
	ResetURL string    // where to set a new password
}

// templateTypes maps every template name to the data type it takes.
func templateTypes() map[string]reflect.Type {
	return map[string]reflect.Type{
		TemplateVerifyEmail:     reflect.TypeFor[VerifyEmail](),
		TemplateResetPassword:   reflect.TypeFor[ResetPassword](),
		TemplateInvite:          reflect.TypeFor[Invite](),
		TemplateEntryReceived:   reflect.TypeFor[EntryReceived](),
		TemplateStatusChanged:   reflect.TypeFor[StatusChanged](),
		TemplateNotice:          reflect.TypeFor[Notice](),
		TemplateInterview:       reflect.TypeFor[Interview](),
		TemplatePasswordChanged: reflect.TypeFor[PasswordChanged](),
		TemplateOffer:           reflect.TypeFor[Offer](),
		TemplateNotSelected:     reflect.TypeFor[NotSelected](),
	}
}

// sampleData returns a value of type t for the check LoadTemplates makes:
// the zero value, or with filled set every string non-empty, every slice
// with two elements and every time set, so that both sides of simple
// {{if}} conditions are executed.
func sampleData(t reflect.Type, filled bool) any {
	v := reflect.New(t).Elem()
	if filled {
		fill(v)
	}
	return v.Interface()
}

func fill(v reflect.Value) {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2021, 8, 1, 9, 0, 0, 0, time.UTC)))
	case v.Kind() == reflect.String:
		v.SetString("sample")
	case v.Kind() == reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i))
		}
		v.Set(s)
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	}
}
