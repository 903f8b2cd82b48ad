package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// credentialCmd lists and prints issued credentials:
//
//	tsunagu credential list [--program SLUG]
//	tsunagu credential get ID
func credentialCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu credential list [--program SLUG] | tsunagu credential get ID | tsunagu credential rotate --lgcode CODE"}
	if len(args) == 0 || (args[0] != "list" && args[0] != "get" && args[0] != "rotate") {
		return usage
	}
	var s settings
	var program string
	fs := flag.NewFlagSet("credential "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	s.keyFileFlag(fs, getenv)
	fs.StringVar(&program, "program", "", "only the credentials of this program's teams")
	var lgcode string
	fs.StringVar(&lgcode, "lgcode", "", "rotate: the municipality whose signing key is replaced")
	rest, id := args[1:], ""
	if args[0] == "get" {
		if len(rest) == 0 {
			return usage
		}
		id, rest = rest[0], rest[1:]
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "rotate" {
		mu, err := st.Directory().MunicipalityByLGCode(ctx, lgcode)
		if err != nil {
			return &usageError{fmt.Sprintf("no municipality %q on the hub", lgcode)}
		}
		keys, err := s.loadKeys(false, nil)
		if err != nil {
			return err
		}
		if keys == nil {
			return &usageError{"rotate needs the key file that seals the signing keys: --key-file or TSUNAGU_KEY_FILE"}
		}
		if err := sealKeys(ctx, st, keys, newLogger(io.Discard)); err != nil {
			return err
		}
		kid, err := issuer.New(st, "", time.Now, keys).Rotate(ctx, mu)
		if err != nil {
			return err
		}
		if err := st.Compliance().Audit(ctx, store.AuditEvent{Action: "issuer.key_rotate", SubjectType: "municipality", SubjectID: mu.ID,
			MunicipalityID: mu.ID, Address: "cli", Detail: kid}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "new signing key %s for %s; earlier keys stay published to verify what they signed\n", kid, mu.Name)
		return nil
	}
	if args[0] == "get" {
		c, err := st.Issuance().Credential(ctx, id)
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return &usageError{fmt.Sprintf("no credential %q", id)}
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, c.JWT)
		return nil
	}
	ms, err := st.Directory().Municipalities(ctx)
	if err != nil {
		return err
	}
	var projects map[int64]bool
	if program != "" {
		p, err := st.Directory().ProgramBySlug(ctx, program)
		if err != nil {
			return &usageError{fmt.Sprintf("no program %q", program)}
		}
		projects = map[int64]bool{}
		gs, err := st.Workspaces().Engagements(ctx, p.MunicipalityID)
		if err != nil {
			return err
		}
		for _, g := range gs {
			pr, err := st.Projects().Project(ctx, g.ProjectID)
			if err != nil {
				return err
			}
			projects[g.ID] = pr.ProgramID == p.ID
		}
	}
	for _, m := range ms {
		cs, err := st.Issuance().IssuedCredentials(ctx, m.ID, 0)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if projects != nil && !projects[c.EngagementID] {
				continue
			}
			state := "valid"
			if !c.RevokedAt.IsZero() {
				state = "revoked: " + c.RevokeReason
			}
			fmt.Fprintf(stdout, "%s\t%s\t%s\tengagement %d\t%s\n", c.ID, m.LGCode, c.IssuedAt.Format(time.DateOnly), c.EngagementID, state)
		}
	}
	return nil
}
