package main

import (
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

func TestOrganizationCommands(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(*testing.T) string { return "" },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	}
	for name, url := range engines {
		t.Run(name, func(t *testing.T) { testOrganizationCommands(t, url(t)) })
	}
}

func testOrganizationCommands(t *testing.T, url string) {
	db := []string{"--data", t.TempDir()}
	if url != "" {
		db = append(db, "--db", url)
	}
	run1 := func(args ...string) (string, error) {
		t.Helper()
		out, _, err := cli(append(args, db...)...)
		return out, err
	}
	if _, err := run1("municipality", "add", "--lgcode", "152137", "--slug", "tsubame"); err != nil {
		t.Fatal(err)
	}
	// A new municipality brings its businesses: one whose industry class
	// staff will complete later, one with its middle class, a partner and
	// an association.
	adds := []struct {
		args []string
		want string
	}{
		{[]string{"--kind", "business", "--name", "有限会社テスト鎚起"},
			"added 2 business 有限会社テスト鎚起 to 152137; staff edit it at /admin/152137/organizations/2\n"},
		{[]string{"--kind", "business", "--name", "株式会社テスト洋食器", "--jsic", "24", "--area", "燕"},
			"added 3 business 株式会社テスト洋食器 to 152137; staff edit it at /admin/152137/organizations/3\n"},
		{[]string{"--kind", "partner", "--name", "一般社団法人テスト運営"},
			"added 4 partner 一般社団法人テスト運営 to 152137; staff edit it at /admin/152137/organizations/4\n"},
		{[]string{"--kind", "association", "--name", "燕テスト工業会", "--jsic", "e"},
			"added 5 association 燕テスト工業会 to 152137; staff edit it at /admin/152137/organizations/5\n"},
	}
	for _, a := range adds {
		out, err := run1(append([]string{"organization", "add", "--lgcode", "152137"}, a.args...)...)
		if err != nil || out != a.want {
			t.Errorf("add %v: %q %v, want %q", a.args, out, err, a.want)
		}
	}
	refused := []struct {
		args []string
		want string
	}{
		{[]string{"--lgcode", "152137", "--kind", "municipality_office", "--name", "燕市 別館"}, `cannot add "燕市 別館": kind (error.choice)`},
		{[]string{"--lgcode", "152137", "--kind", "shop", "--name", "テスト商店"}, `cannot add "テスト商店": kind (error.choice)`},
		{[]string{"--lgcode", "152137", "--kind", "business", "--name", "  ", "--jsic", "99"},
			`cannot add "  ": jsic (error.choice), name (error.required)`},
		{[]string{"--lgcode", "131113", "--kind", "business", "--name", "大田テスト"}, "131113 is not on the hub"},
		{[]string{"--kind", "business", "--name", "コードなし"}, "usage: tsunagu organization add"},
	}
	for _, r := range refused {
		if _, err := run1(append([]string{"organization", "add"}, r.args...)...); err == nil || !strings.HasPrefix(err.Error(), r.want) {
			t.Errorf("add %v: %v, want %q", r.args, err, r.want)
		}
	}
	out, err := run1("organization", "list", "--lgcode", "152137")
	// By name, in code point order on both engines.
	want := "4\tpartner\t\t一般社団法人テスト運営\n" +
		"2\tbusiness\t\t有限会社テスト鎚起\n" +
		"3\tbusiness\t24\t株式会社テスト洋食器\n" +
		"5\tassociation\tE\t燕テスト工業会\n" +
		"1\tmunicipality_office\t\t燕市 役所\n"
	if err != nil || out != want {
		t.Errorf("list: %q %v, want %q", out, err, want)
	}
}
