package refdata

import (
	"fmt"
	"testing"
)

func TestJSIC(t *testing.T) {
	d := mustLoad(t)
	majors := d.JSICMajors()
	if len(majors) != 20 {
		t.Fatalf("%d major classes, want 20", len(majors))
	}
	for i, m := range majors {
		if want := string(rune('A' + i)); m.Code != want || m.Major != want {
			t.Errorf("major #%d = %+v, want code %s", i, m, want)
		}
	}

	middles := 0
	for _, m := range majors {
		for _, c := range d.JSICMiddles(m.Code) {
			middles++
			if c.Major != m.Code {
				t.Errorf("middle %s listed under %s but has major %s", c.Code, m.Code, c.Major)
			}
			if got, ok := d.JSIC(c.Major); !ok || got.Code != c.Major {
				t.Errorf("middle %s: major %s does not exist", c.Code, c.Major)
			}
		}
	}

	// The ranges the platform needs, each complete.
	ranges := []struct {
		major    string
		from, to int
	}{{"E", 9, 32}, {"G", 37, 41}, {"I", 50, 61}, {"L", 72, 74}, {"M", 75, 77}, {"N", 78, 80}}
	want := 0
	for _, r := range ranges {
		for n := r.from; n <= r.to; n++ {
			want++
			code := fmt.Sprintf("%02d", n)
			if c, ok := d.JSIC(code); !ok || c.Major != r.major {
				t.Errorf("JSIC(%q) = %+v, %v; want a middle class of %s", code, c, ok, r.major)
			}
		}
	}
	if middles != want {
		t.Errorf("%d middle classes in all, want %d", middles, want)
	}

	if c, ok := d.JSIC("24"); !ok || c.Major != "E" || c.NameJA != "金属製品製造業" {
		t.Errorf(`JSIC("24") = %+v, %v; want 金属製品製造業 under E`, c, ok)
	}
	if c, ok := d.JSIC("E"); !ok || c.NameJA != "製造業" || c.NameEN != "Manufacturing" {
		t.Errorf(`JSIC("E") = %+v, %v; want 製造業`, c, ok)
	}
	if c, _ := d.JSIC("I"); c.NameJA != "卸売業，小売業" {
		t.Errorf(`JSIC("I").NameJA = %q, want 卸売業，小売業`, c.NameJA)
	}
	for _, code := range []string{"", "U", "e", "99", "9", "240"} {
		if _, ok := d.JSIC(code); ok {
			t.Errorf("JSIC(%q) found, want not found", code)
		}
	}
	if got := d.JSICMiddles("A"); got != nil {
		t.Errorf(`JSICMiddles("A") = %v, want nil (not listed)`, got)
	}
}
