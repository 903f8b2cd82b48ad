package credential

import (
	"encoding/json"
	"errors"
	"slices"
	"time"
)

// Types is a JSON-LD type list. It always marshals as an array and
// unmarshals from an array or a single string.
type Types []string

// Has reports whether t contains name.
func (t Types) Has(name string) bool { return slices.Contains(t, name) }

// UnmarshalJSON accepts "X" as well as ["X", ...].
func (t *Types) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*t = Types{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("type must be a string or an array of strings")
	}
	*t = many
	return nil
}

// UnmarshalJSON accepts an issuer given as a bare URL as well as a
// Profile object.
func (p *Profile) UnmarshalJSON(b []byte) error {
	var id string
	if err := json.Unmarshal(b, &id); err == nil {
		*p = Profile{ID: id}
		return nil
	}
	type plain Profile
	var v plain
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Profile(v)
	return nil
}

// Timestamp is an XML Schema dateTimeStamp as used by VC 2.0: RFC 3339,
// always with a zone. It marshals in UTC with whole seconds.
type Timestamp struct{ time.Time }

// At wraps t; the zero time stays zero (and is omitted with omitzero).
func At(t time.Time) Timestamp {
	if t.IsZero() {
		return Timestamp{}
	}
	return Timestamp{t.UTC().Truncate(time.Second)}
}

// MarshalJSON writes e.g. "2026-04-01T09:00:00Z".
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return nil, errors.New("credential: zero timestamp")
	}
	return json.Marshal(t.UTC().Format(time.RFC3339))
}

// UnmarshalJSON reads an RFC 3339 date-time with a zone offset.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}
