package refdata

import "testing"

func TestSkills(t *testing.T) {
	d := mustLoad(t)
	skills := d.Skills()
	if n := len(skills); n < 60 || n > 100 {
		t.Errorf("%d skills, want 60..100", n)
	}

	cats := map[string]bool{}
	for _, c := range d.SkillCategories() {
		if cats[c.Code] {
			t.Errorf("duplicate category %q", c.Code)
		}
		cats[c.Code] = true
	}

	seen := map[string]bool{}
	perCat := map[string]int{}
	for _, s := range skills {
		if seen[s.Code] {
			t.Errorf("duplicate skill code %q", s.Code)
		}
		seen[s.Code] = true
		if !cats[s.Category] {
			t.Errorf("skill %q: category %q does not exist", s.Code, s.Category)
		}
		if !isSlug(s.Code) {
			t.Errorf("skill %q: code is not an ASCII slug", s.Code)
		}
		if got, ok := d.Skill(s.Code); !ok || got != s {
			t.Errorf("Skill(%q) = %+v, %v; want %+v", s.Code, got, ok, s)
		}
		perCat[s.Category]++
	}
	for code := range cats {
		in := d.SkillsIn(code)
		if len(in) == 0 || len(in) != perCat[code] {
			t.Errorf("SkillsIn(%q): %d skills, want %d (and at least one)", code, len(in), perCat[code])
		}
		for _, s := range in {
			if s.Category != code {
				t.Errorf("SkillsIn(%q) returned %q of category %q", code, s.Code, s.Category)
			}
		}
	}

	// Skills the brief names explicitly.
	for code, nameJA := range map[string]string{
		"web-homepage":           "ホームページ制作",
		"dx-kintone":             "業務効率化・kintone",
		"fin-subsidy":            "補助金申請",
		"global-cross-border-ec": "越境EC",
		"green-carbon":           "脱炭素・CO2算定",
		"community-shotengai":    "商店街活性化",
		"legal-ip":               "知的財産",
	} {
		if s, ok := d.Skill(code); !ok || s.NameJA != nameJA {
			t.Errorf("Skill(%q) = %+v, %v; want %s", code, s, ok, nameJA)
		}
	}
	if _, ok := d.Skill("no-such-skill"); ok {
		t.Error(`Skill("no-such-skill") found`)
	}
	if got := d.SkillsIn("nope"); got != nil {
		t.Errorf(`SkillsIn("nope") = %v, want nil`, got)
	}
}

func TestIsSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"web": true, "web-homepage": true, "mfg-3d-printing": true,
		"": false, "-web": false, "web-": false, "web--x": false, "Web": false, "web_x": false, "ウェブ": false,
	} {
		if got := isSlug(s); got != want {
			t.Errorf("isSlug(%q) = %v, want %v", s, got, want)
		}
	}
}
