package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/importer"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

const (
	importUsage = "usage: tsunagu import entries --program SLUG [--mapping FILE.json] [--lang ja|en] FILE.csv (- reads standard input)"
	exportUsage = "usage: tsunagu export entries --program SLUG [--encoding utf8|sjis] [--lang ja|en] [--out FILE]"
)

// entriesCmd is `tsunagu import entries` (a Google Forms export into a
// program) and `tsunagu export entries` (a program's entries as CSV).
func entriesCmd(ctx context.Context, cmd string, args []string, getenv func(string) string, stdin io.Reader,
	stdout, stderr io.Writer) error {
	if cmd == "import" {
		if len(args) == 0 || args[0] != "entries" {
			return &usageError{importUsage}
		}
		return importEntries(ctx, args[1:], getenv, stdin, stdout, stderr)
	}
	if len(args) == 0 || args[0] != "entries" {
		return &usageError{exportUsage}
	}
	return exportEntries(ctx, args[1:], getenv, stdout, stderr)
}

// entriesFlags are the options both commands take.
type entriesFlags struct {
	s          settings
	slug, lang string
}

func (f *entriesFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	f.s.flags(fs, getenv)
	fs.StringVar(&f.slug, "program", "", "slug of the program, e.g. ota-sdgs-2021")
	fs.StringVar(&f.lang, "lang", "ja", "language of messages and headers: ja or en")
}

// entriesRun is what both commands work with: the services over the
// store (the caller closes it), the program and its municipality's code,
// and the language of messages.
type entriesRun struct {
	st       *store.Store
	services *app.App
	program  domain.Program
	lgcode   string
	cat      *i18n.Catalog
	lang     i18n.Lang
}

// start opens the store and finds the program; the commands then act as
// the operator through the same services as the web pages, so an import
// or export is audited the same way.
func (f *entriesFlags) start(ctx context.Context, usage string) (entriesRun, error) {
	st, p, cat, lang, err := f.open(ctx, usage)
	if err != nil {
		return entriesRun{}, err
	}
	mu, err := st.Directory().MunicipalityByID(ctx, p.MunicipalityID)
	if err != nil {
		st.Close()
		return entriesRun{}, err
	}
	return entriesRun{st: st, services: app.New(app.Config{Store: st, Catalog: cat}), program: p, lgcode: mu.LGCode,
		cat: cat, lang: lang}, nil
}

// open checks the options, loads the catalog and opens the store and the
// program; the caller closes the store.
func (f *entriesFlags) open(ctx context.Context, usage string) (*store.Store, domain.Program, *i18n.Catalog, i18n.Lang, error) {
	var p domain.Program
	lang, ok := i18n.Parse(f.lang)
	if f.slug == "" || !ok {
		return nil, p, nil, "", &usageError{usage}
	}
	cat, err := i18n.Load()
	if err != nil {
		return nil, p, nil, "", err
	}
	st, err := openStore(ctx, f.s, newLogger(io.Discard))
	if err != nil {
		return nil, p, nil, "", err
	}
	p, err = st.Directory().ProgramBySlug(ctx, f.slug)
	if err != nil {
		st.Close()
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return nil, p, nil, "", &usageError{fmt.Sprintf("no program has the slug %q", f.slug)}
		}
		return nil, p, nil, "", err
	}
	return st, p, cat, lang, nil
}

// parseInterspersed reads flags placed before and after positional
// arguments, which it returns.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
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
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func importEntries(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader,
	stdout, stderr io.Writer) error {
	var f entriesFlags
	var mappingPath string
	fs := flag.NewFlagSet("import entries", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs, getenv)
	fs.StringVar(&mappingPath, "mapping", "", `JSON file naming the field of columns: {"columns": {"ご連絡先": "email"}}`)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return &usageError{importUsage}
	}
	in, size, err := openInput(files[0], stdin)
	if err != nil {
		return &usageError{fmt.Sprintf("cannot read the CSV file: %v", err)}
	}
	defer in.Close()
	run, err := f.start(ctx, importUsage)
	if err != nil {
		return err
	}
	defer run.st.Close()
	cat, lang, p := run.cat, run.lang, run.program
	up := app.Upload{File: in, Size: size, Progress: progressPrinter(stderr)}
	if mappingPath != "" {
		if up.Rules, err = loadMapping(mappingPath); err != nil {
			return fileProblem(stderr, cat, lang, mappingPath, err)
		}
	}
	res, err := run.services.Imports.Import(app.AsOperator(ctx), run.lgcode, p.Slug, up)
	rep := res.Report
	if rep.Rows > 0 || err == nil {
		printReport(stdout, cat, lang, files[0], p, rep)
	}
	if err != nil {
		return fileProblem(stderr, cat, lang, files[0], err)
	}
	if n := len(rep.Skipped); n > 0 {
		fmt.Fprintf(stderr, "warning: %d of %d rows were not imported (listed on standard output); "+
			"fix them and import the file again: rows already imported are not duplicated\n", n, rep.Rows)
	}
	return nil
}

// openInput opens the CSV file, or standard input for "-", and its size (0
// if unknown).
func openInput(name string, stdin io.Reader) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(stdin), 0, nil
	}
	file, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	info, err := file.Stat()
	if err != nil || info.IsDir() {
		file.Close()
		return nil, 0, fmt.Errorf("%s is not a file", name)
	}
	return file, info.Size(), nil
}

func loadMapping(name string) (formsimport.Mapping, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return formsimport.LoadMapping(file)
}

// progressPrinter reports every tenth of the file, or every 100 rows when
// its size is unknown.
func progressPrinter(w io.Writer) func(importer.Progress) {
	last := -1
	return func(p importer.Progress) {
		if p.Total > 0 {
			if step := int(p.Bytes * 10 / p.Total); step > last {
				last = step
				fmt.Fprintf(w, "processed %d rows (%d%% of the file)\n", p.Rows, p.Bytes*100/p.Total)
			}
		} else if step := p.Rows / 100; step > last {
			last = step
			fmt.Fprintf(w, "processed %d rows\n", p.Rows)
		}
	}
}

// printReport writes the summary of an import and every skipped row.
func printReport(w io.Writer, cat *i18n.Catalog, lang i18n.Lang, file string, p domain.Program, rep importer.Report) {
	fmt.Fprintf(w, "import of %s into %s (%s)\n", file, p.Slug, p.Title)
	fmt.Fprintf(w, "  rows read:        %d\n", rep.Rows)
	fmt.Fprintf(w, "  imported:         %d\n", rep.Imported)
	fmt.Fprintf(w, "  already there:    %d\n", rep.Already)
	fmt.Fprintf(w, "  talents created:  %d\n", rep.TalentsCreated)
	fmt.Fprintf(w, "  talents linked:   %d\n", rep.TalentsLinked)
	fmt.Fprintf(w, "  skipped:          %d\n", len(rep.Skipped))
	if len(rep.Skipped) == 0 {
		return
	}
	fmt.Fprintf(w, "%d rows were NOT imported:\n", len(rep.Skipped))
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "row %d (line %d): %s\n", s.Row, s.Line, cat.T(lang, s.Code, s.Args))
	}
}

// fileProblem prints what is wrong with a whole file, with the columns
// found when the header is the problem, and returns the error to exit with.
func fileProblem(w io.Writer, cat *i18n.Catalog, lang i18n.Lang, name string, err error) error {
	var fe *formsimport.FileError
	if !errors.As(err, &fe) {
		return err
	}
	fmt.Fprintf(w, "%s: %s\n", name, cat.T(lang, fe.Code, fe.Args))
	if len(fe.Headers) > 0 {
		fmt.Fprintln(w, "columns of the file:")
		for i, h := range fe.Headers {
			fmt.Fprintf(w, "  %d. %s\n", i+1, h)
		}
	}
	if len(fe.Missing) > 0 {
		missing := make([]string, len(fe.Missing))
		for i, m := range fe.Missing {
			missing[i] = string(m)
		}
		fmt.Fprintf(w, "not found: %s\n", strings.Join(missing, ", "))
	}
	if len(fe.Headers) > 0 || strings.HasPrefix(fe.Code, "import.mapping.") {
		fmt.Fprintln(w, `name the field of each column in a mapping file and pass it with --mapping FILE.json:`)
		fmt.Fprintln(w, `  {"columns": {"ご連絡先": "email", "お名前": "name", "参加したいプロジェクト": "choice1"}}`)
		fmt.Fprintln(w, "fields: submitted_at, email, name, furigana, choice1 … choice5, motivation, residence, "+
			"hometown, skills, hours, phone, ignore, extra")
	}
	return &usageError{fmt.Sprintf("cannot import from %s (%s): see the messages above", name, fe.Code)}
}

func exportEntries(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var f entriesFlags
	var encName, out string
	fs := flag.NewFlagSet("export entries", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs, getenv)
	fs.StringVar(&encName, "encoding", "utf8", "utf8 (with a byte order mark) or sjis (Shift_JIS, for older Excel)")
	fs.StringVar(&out, "out", "", "file to write (default: standard output)")
	if err := parse(fs, args); err != nil {
		return err
	}
	enc, err := formsimport.ParseEncoding(encName)
	if err != nil {
		return &usageError{err.Error()}
	}
	run, err := f.start(ctx, exportUsage)
	if err != nil {
		return err
	}
	defer run.st.Close()
	p := run.program
	label := func(key string) string { return run.cat.T(run.lang, key, nil) }
	export := func(w io.Writer) (int, error) {
		return run.services.Imports.Export(app.AsOperator(ctx), run.lgcode, p.Slug, string(enc), download{w}, label)
	}
	var replaced int
	if out == "" {
		replaced, err = export(stdout)
	} else {
		err = writeAtomically(out, func(w io.Writer) error {
			replaced, err = export(w)
			return err
		})
	}
	if err != nil {
		return err
	}
	if replaced > 0 {
		fmt.Fprintf(stderr, "warning: %d characters have no Shift_JIS code and were written as \"?\"; "+
			"export with --encoding utf8 to keep them\n", replaced)
	}
	if out != "" {
		fmt.Fprintf(stderr, "wrote the entries of %s to %s\n", p.Slug, out)
	}
	return nil
}

// download is a plain writer as the export's destination: the command
// line names the file itself.
type download struct{ io.Writer }

func (download) Start(string, formsimport.Encoding) {}

// writeAtomically writes a file through a temporary one beside it, so a
// failed export leaves no half-written file.
func writeAtomically(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
