package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"io"
	"net/url"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// municipalityCmd onboards municipalities onto the hub:
//
//	tsunagu municipality add --lgcode 131113 [--slug ota] [--name-en "Ota City"] [--accent "#0b5cab"] [--admin EMAIL]
//	tsunagu municipality list
func municipalityCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu municipality add --lgcode CODE [--slug SLUG] [--name-en NAME] [--accent #RRGGBB] [--admin EMAIL] | tsunagu municipality list"}
	if len(args) == 0 {
		return usage
	}
	var s settings
	var lgcode, slug, nameEN, accent, admin, baseURL string
	fs := flag.NewFlagSet("municipality "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.StringVar(&lgcode, "lgcode", "", "the official 6-digit local government code, with its check digit")
	fs.StringVar(&slug, "slug", "", "short name for addresses (default: m + the code)")
	fs.StringVar(&nameEN, "name-en", "", "the name in English")
	fs.StringVar(&accent, "accent", "", "the accent colour of its pages, #RRGGBB")
	fs.StringVar(&admin, "admin", "", "invite this address as the municipality's first admin")
	fs.StringVar(&baseURL, "base-url", getenv("TSUNAGU_BASE_URL"), "where people reach the site, for the invitation link")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "list":
		ms, err := st.Directory().Municipalities(ctx)
		if err != nil {
			return err
		}
		for _, m := range ms {
			fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", m.LGCode, m.Slug, m.Name, m.NameEN)
		}
		return nil
	case "add":
	default:
		return usage
	}
	ref, err := refdata.Load()
	if err != nil {
		return err
	}
	m, err := newMunicipality(ref, lgcode, slug, nameEN, accent)
	if err != nil {
		return err
	}
	joined, err := app.New(app.Config{Store: st, Ref: ref}).Hub.AddMunicipality(app.AsOperator(ctx), m, admin)
	m, token := joined.Municipality, joined.InviteToken
	if c := domain.ErrorCode(err); c == domain.CodeConflict {
		return &usageError{fmt.Sprintf("%s (%s) is already on the hub", m.Name, m.LGCode)}
	} else if c == domain.CodeInvalid {
		return &usageError{fmt.Sprintf("cannot add %s: %v", lgcode, err)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s %s (%s) as /admin/%s\n", m.LGCode, m.Name, m.Slug, m.LGCode)
	if token != "" {
		if baseURL == "" {
			baseURL = "http://" + s.addr
		}
		fmt.Fprintf(stdout, "invite for the first admin (%s), valid 7 days: %s/invite?token=%s\n", admin,
			strings.TrimRight(baseURL, "/"), url.QueryEscape(token))
	}
	return nil
}

// newMunicipality checks the code against the official list, check digit
// included, and takes the name and prefecture from it.
func newMunicipality(ref *refdata.Data, lgcode, slug, nameEN, accent string) (domain.Municipality, error) {
	if err := domain.ValidateLGCode(lgcode); err != nil {
		var e *domain.Error
		if errors.As(err, &e) && e.Key == "error.lgcode_check_digit" {
			want, _ := refdata.CheckDigit(lgcode[:5])
			return domain.Municipality{}, &usageError{fmt.Sprintf("%s: the check digit is wrong; the code would end in %c (%s%c)",
				lgcode, want, lgcode[:5], want)}
		}
		return domain.Municipality{}, &usageError{fmt.Sprintf("%q is not a local government code: six digits, the last a check digit", lgcode)}
	}
	official, ok := ref.Municipality(lgcode)
	if !ok {
		return domain.Municipality{}, &usageError{fmt.Sprintf("%s is not in the official list of municipalities", lgcode)}
	}
	if slug == "" {
		slug = "m" + lgcode
	}
	m := domain.Municipality{LGCode: lgcode, Slug: slug, Name: official.Name, NameEN: nameEN, PrefCode: official.PrefCode,
		AccentColor: accent}
	if err := m.Validate(); err != nil {
		return m, &usageError{fmt.Sprintf("cannot add %s: %v", lgcode, err)}
	}
	return m, nil
}
