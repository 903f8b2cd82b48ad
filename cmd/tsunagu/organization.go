package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// organizationCmd adds a municipality's businesses, partners and
// associations, through the services as the operator:
//
//	tsunagu organization add --lgcode CODE --kind business|partner|association --name NAME [--jsic CODE]
//	tsunagu organization list --lgcode CODE
func organizationCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu organization add --lgcode CODE --kind business|partner|association --name NAME [--jsic CODE] [--kana KANA] [--area AREA] | tsunagu organization list --lgcode CODE"}
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return usage
	}
	var s settings
	var lgcode string
	var in app.OrgInput
	fs := flag.NewFlagSet("organization "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.StringVar(&lgcode, "lgcode", "", "the municipality's local government code")
	if args[0] == "add" {
		fs.Func("kind", "business, partner or association", func(v string) error { in.Kind = domain.OrgKind(v); return nil })
		fs.StringVar(&in.Name, "name", "", "the organization's name")
		fs.StringVar(&in.NameKana, "kana", "", "the name's reading in katakana")
		fs.StringVar(&in.JSIC, "jsic", "", "its 日本標準産業分類 class: a major class letter (E) or a middle class (24); may be left for later")
		fs.StringVar(&in.Area, "area", "", "the area of the municipality it is in")
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if lgcode == "" {
		return usage
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	ref, err := refdata.Load()
	if err != nil {
		return err
	}
	orgs := app.New(app.Config{Store: st, Ref: ref}).Orgs
	ctx = app.AsOperator(ctx)
	if args[0] == "list" {
		d, err := orgs.List(ctx, lgcode)
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return &usageError{fmt.Sprintf("%s is not on the hub", lgcode)}
		}
		if err != nil {
			return err
		}
		for _, o := range d.Organizations {
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", o.ID, o.Kind, app.JSICCode(o), o.Name)
		}
		return nil
	}
	o, err := orgs.Add(ctx, lgcode, in)
	switch domain.ErrorCode(err) {
	case "":
	case domain.CodeNotFound:
		return &usageError{fmt.Sprintf("%s is not on the hub", lgcode)}
	case domain.CodeInvalid:
		return &usageError{fmt.Sprintf("cannot add %q: %s", in.Name, invalidFields(err))}
	default:
		return err
	}
	fmt.Fprintf(stdout, "added %d %s %s to %s; staff edit it at /admin/%s/organizations/%d\n", o.ID, o.Kind, o.Name, lgcode, lgcode, o.ID)
	return nil
}

// invalidFields names each field a validation error found a problem with.
func invalidFields(err error) string {
	e, ok := err.(*domain.Error)
	if !ok || len(e.Fields) == 0 {
		return err.Error()
	}
	out := ""
	for i, f := range e.Fields {
		if i > 0 {
			out += ", "
		}
		out += f.Field + " (" + f.Key + ")"
	}
	return out
}
