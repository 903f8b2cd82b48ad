package i18n

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestRequiredFieldsNameTheirLabel validates empty domain values and checks
// that every "this field is missing" problem names the field by a catalog
// label (shown in the reader's language), never by its internal name.
func TestRequiredFieldsNameTheirLabel(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]interface{ Validate() error }{
		"agreement":    &domain.Agreement{},
		"event":        &domain.Event{},
		"idea":         &domain.Idea{},
		"scout offer":  &domain.ScoutOffer{},
		"milestone":    &domain.Milestone{},
		"meeting":      &domain.Meeting{},
		"report":       &domain.Report{},
		"message":      &domain.Message{},
		"entry":        &domain.Entry{},
		"invitation":   &domain.Invitation{},
		"municipality": &domain.Municipality{},
		"organization": &domain.Organization{},
		"program":      &domain.Program{},
		"project":      &domain.Project{},
		"interview":    &domain.Interview{},
		"talent":       &domain.Talent{},
		"user":         &domain.User{},
		"membership":   &domain.Membership{},
	}
	seen := 0
	for name, v := range values {
		e, ok := v.Validate().(*domain.Error)
		if !ok {
			t.Errorf("%s: an empty value validates", name)
			continue
		}
		for _, fe := range e.Fields {
			field, ok := fe.Args["Field"].(string)
			if !ok {
				continue
			}
			seen++
			if !c.Has(field) {
				t.Errorf("%s.%s (%s): Field %q is not a catalog label", name, fe.Field, fe.Key, field)
			}
		}
	}
	if seen < 20 {
		t.Errorf("only %d field labels seen", seen)
	}

	cases := []struct {
		lang Lang
		v    interface{ Validate() error }
		want string
	}{
		{Japanese, &domain.Report{}, "やったことを入力してください。"},
		{English, &domain.Report{}, "Please fill in “Done”."},
		{Japanese, &domain.Talent{}, "氏名を入力してください。"},
		{Japanese, &domain.Invitation{}, "所属を選んでください。"},
		{English, &domain.Agreement{ProjectID: 1}, "Please fill in “Deliverables”."},
	}
	for _, tc := range cases {
		var got string
		if e, ok := tc.v.Validate().(*domain.Error); ok {
			for _, fe := range e.Fields {
				if fe.Args["Field"] != nil {
					got = c.T(tc.lang, fe.Key, c.Args(tc.lang, fe.Args))
					break
				}
			}
		}
		if got != tc.want {
			t.Errorf("%s %T: %q, want %q", tc.lang, tc.v, got, tc.want)
		}
	}
}
