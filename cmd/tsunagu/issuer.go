package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// positional parses flags that may come before or after the positional
// arguments, and returns those.
func positional(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

// issuerCmd keeps the registry of other Tsunagu instances whose
// credentials this hub accepts:
//
//	tsunagu issuer trust add URL [--name NAME]
//	tsunagu issuer trust list
//	tsunagu issuer trust remove URL
func issuerCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu issuer trust add URL [--name NAME] | tsunagu issuer trust list | tsunagu issuer trust remove URL"}
	if len(args) < 2 || args[0] != "trust" || (args[1] != "add" && args[1] != "list" && args[1] != "remove") {
		return usage
	}
	var s settings
	var name string
	fs := flag.NewFlagSet("issuer trust "+args[1], flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.StringVar(&name, "name", "", "add: the name the verifier shows for this instance (default: its host)")
	pos, err := positional(fs, args[2:])
	if err != nil {
		return err
	}
	if (args[1] == "list") != (len(pos) == 0) || len(pos) > 1 {
		return usage
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[1] {
	case "add":
		return trustAdd(ctx, st, pos[0], name, stdout)
	case "remove":
		return trustRemove(ctx, st, pos[0], stdout)
	}
	return trustList(ctx, st, stdout)
}

func trustAdd(ctx context.Context, st *store.Store, rawURL, name string, stdout io.Writer) error {
	origin, err := issuer.InstanceOrigin(rawURL)
	if err != nil {
		return &usageError{err.Error()}
	}
	if name, err = issuer.RegistryName(name, origin); err != nil {
		return &usageError{err.Error()}
	}
	ti := store.TrustedIssuer{Origin: origin, Name: name}
	err = st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.Issuance().AddTrustedIssuer(ctx, &ti); err != nil {
			return err
		}
		return tx.Compliance().Audit(ctx, store.AuditEvent{Action: "issuer.trust", SubjectType: "trusted_issuer", SubjectID: ti.ID,
			Address: "cli", Detail: origin + " " + name})
	})
	if domain.ErrorCode(err) == domain.CodeConflict {
		return &usageError{fmt.Sprintf("%s is already registered", origin)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "registered %s as %q: its credentials are now checked against the keys it publishes\n", origin, name)
	return nil
}

func trustRemove(ctx context.Context, st *store.Store, rawURL string, stdout io.Writer) error {
	origin, err := issuer.InstanceOrigin(rawURL)
	if err != nil {
		return &usageError{err.Error()}
	}
	err = st.InTx(ctx, func(tx *store.Store) error {
		ti, err := tx.Issuance().RemoveTrustedIssuer(ctx, origin)
		if err != nil {
			return err
		}
		return tx.Compliance().Audit(ctx, store.AuditEvent{Action: "issuer.untrust", SubjectType: "trusted_issuer", SubjectID: ti.ID,
			Address: "cli", Detail: ti.Origin + " " + ti.Name})
	})
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return &usageError{fmt.Sprintf("%s is not registered", origin)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed %s: its credentials are no longer accepted\n", origin)
	return nil
}

func trustList(ctx context.Context, st *store.Store, stdout io.Writer) error {
	tis, err := st.Issuance().TrustedIssuers(ctx)
	if err != nil {
		return err
	}
	if len(tis) == 0 {
		fmt.Fprintln(stdout, "no other instance is registered; this hub's own municipalities are always trusted")
	}
	for _, ti := range tis {
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", ti.Origin, ti.Name, ti.AddedAt.Format(time.DateOnly))
	}
	return nil
}

// verifyCmd is `tsunagu verify FILE`: it checks a credential as this
// hub's verifier does (its own municipalities' from the database,
// registered instances' over HTTPS) and exits non-zero with the reason
// when it fails, also when the issuer is not registered.
func verifyCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu verify [--data DIR | --db URL] [--base-url URL] FILE (- for standard input)"}
	var s settings
	var baseURL string
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	s.keyFileFlag(fs, getenv)
	fs.StringVar(&baseURL, "base-url", getenv("TSUNAGU_BASE_URL"), "this hub's address, which names its own issuers (default http://ADDR)")
	pos, err := positional(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usage
	}
	token, err := readCredential(pos[0], stdin)
	if err != nil {
		return err
	}
	if s.db == "" {
		if _, err := os.Stat(filepath.Join(s.data, "tsunagu.db")); err != nil {
			return &usageError{fmt.Sprintf("no database in %s: verify reads the hub's registry of trusted issuers from it; give --data or --db", s.data)}
		}
	}
	if baseURL == "" {
		baseURL = "http://" + s.addr
	}
	keys, err := s.loadKeys(false, nil)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	v := issuer.NewVerifier(issuer.New(st, baseURL, time.Now, keys),
		credential.NewHTTPResolver(credential.ResolverOptions{Trusted: issuer.Registered(st)}))
	res, err := v.Verify(ctx, token)
	if credential.CodeOf(err) == credential.CodeUntrustedIssuer {
		return fmt.Errorf("not valid: %s: %s is not a registered issuer (register its instance with `tsunagu issuer trust add URL`)",
			credential.CodeUntrustedIssuer, res.IssuerID)
	}
	if res.IssuerID != "" {
		fmt.Fprintf(stdout, "issuer:  %s (%s)\nproject: %s\nperiod:  %s to %s\nkey:     %s\n", res.IssuerName, res.IssuerID,
			res.Title, res.Start.Format(time.DateOnly), res.End.Format(time.DateOnly), res.KeyID)
	}
	if err != nil {
		return fmt.Errorf("not valid: %s (%v)", credential.CodeOf(err), err)
	}
	fmt.Fprintln(stdout, "valid")
	return nil
}

func readCredential(name string, stdin io.Reader) (string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(io.LimitReader(stdin, 1<<20))
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return "", &usageError{fmt.Sprintf("cannot read %s: %v", name, err)}
	}
	return strings.TrimSpace(string(b)), nil
}
