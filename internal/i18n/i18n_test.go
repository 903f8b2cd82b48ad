package i18n

import "testing"

func TestCatalogsLoadAndAgree(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !c.Has("app.name") || c.Has("no.such.key") {
		t.Fatal("Has does not reflect the catalog")
	}
	if got := c.T(Japanese, "app.name", nil); got != "つなぐ" {
		t.Errorf("ja app.name = %q", got)
	}
	if got := c.T(English, "app.name", nil); got != "Tsunagu" {
		t.Errorf("en app.name = %q", got)
	}
}

func TestPlaceholdersAndPlurals(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		lang Lang
		key  string
		args map[string]any
		want string
	}{
		{English, "project.team_value", map[string]any{"Count": 1}, "1 person"},
		{English, "project.team_value", map[string]any{"Count": 3}, "3 people"},
		{Japanese, "project.team_value", map[string]any{"Count": 3}, "3名"},
		{Japanese, "error.lgcode_format", map[string]any{"Value": "12"}, "自治体コード「12」は6桁の半角数字で入力してください（例：大田区は 131113）。"},
		{English, "missing.key", nil, "missing.key"},
	}
	for _, tc := range cases {
		if got := c.T(tc.lang, tc.key, tc.args); got != tc.want {
			t.Errorf("T(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

func TestNegotiate(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		explicit []string
		accept   string
		want     Lang
	}{
		{nil, "", Japanese},
		{nil, "en-US,en;q=0.9", English},
		{nil, "fr-FR, en;q=0.5", English},
		{nil, "ja,en;q=0.5", Japanese},
		{nil, "de", Japanese},
		{nil, "!!!garbage", Japanese},
		{[]string{"en"}, "ja", English},
		{[]string{"xx", "ja"}, "en", Japanese},
	}
	for _, tc := range cases {
		if got := c.Negotiate(tc.explicit, tc.accept); got != tc.want {
			t.Errorf("Negotiate(%v, %q) = %s, want %s", tc.explicit, tc.accept, got, tc.want)
		}
	}
}
