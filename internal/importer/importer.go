package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Progress is how far an import has come.
type Progress struct {
	Rows         int   // data rows read
	Bytes, Total int64 // bytes of the file read, and its size (0 if unknown)
}

// Options tune an import.
type Options struct {
	Mapping  formsimport.Mapping // column titles to fields; nil to only recognise
	Size     int64               // size of the file, for Progress; 0 if unknown
	Progress func(Progress)      // called every progressEvery rows and at the end; may be nil
	Now      func() time.Time    // submission time of rows without a timestamp; default time.Now
	// Ref is the reference data that residence, skill answers are read
	// against; nil keeps those answers as text.
	Ref *refdata.Data
}

// choiceRule is how a program's choice mode reads a form's choice columns.
func choiceRule(m domain.ChoiceMode) formsimport.ChoiceRule {
	switch m {
	case domain.ChoicesNone:
		return formsimport.ChoicesIgnored
	case domain.ChoicesOptional:
		return formsimport.ChoicesOptional
	}
	return formsimport.ChoicesRequired
}

// progressEvery is how many rows pass between calls of Options.Progress.
const progressEvery = 25

// Skipped is a row that was not imported and why: a formsimport problem or
// one of the importer's codes. Code is an i18n catalog key, Args its data.
type Skipped struct {
	Row, Line int // spreadsheet row (the header is row 1) and line of the file
	Code      string
	Args      map[string]any
}

// Report says what an import did.
type Report struct {
	Rows           int // data rows read
	Imported       int // new entries
	Already        int // rows whose entry already existed (re-import)
	TalentsCreated int
	TalentsLinked  int // rows that matched an existing talent (account or earlier import)
	Skipped        []Skipped
	Columns        []formsimport.Column
}

// Import reads a Google Forms export from r and submits an entry to p for
// each accepted row; see the package documentation. A file that cannot be
// read at all gives a *formsimport.FileError. The Report is returned with
// any error and counts the rows done before it.
func Import(ctx context.Context, st *store.Store, p domain.Program, r io.Reader, opts Options) (Report, error) {
	var rep Report
	if opts.Now == nil {
		opts.Now = time.Now
	}
	projects, err := programProjects(ctx, st, p.ID)
	if err != nil {
		return rep, fmt.Errorf("importer: projects of program %s: %w", p.Slug, err)
	}
	ix := newChoices(projects)
	mu, err := st.Directory().MunicipalityByID(ctx, p.MunicipalityID)
	if err != nil {
		return rep, fmt.Errorf("importer: municipality of program %s: %w", p.Slug, err)
	}
	rd, err := formsimport.NewReaderFor(r, opts.Mapping, choiceRule(p.Choices()))
	if err != nil {
		return rep, err
	}
	in := rowInput{program: p, lgcode: mu.LGCode, ref: opts.Ref, ix: ix, now: opts.Now}
	rep.Columns = rd.Columns()
	report := func() {
		if opts.Progress != nil {
			opts.Progress(Progress{Rows: rep.Rows, Bytes: rd.BytesRead(), Total: opts.Size})
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rec, prob, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rep, err
		}
		rep.Rows++
		if prob != nil {
			rep.Skipped = append(rep.Skipped, Skipped{Row: prob.Row, Line: prob.Line, Code: prob.Code, Args: prob.Args})
		} else if err := importRow(ctx, st, in, rec, &rep); err != nil {
			return rep, fmt.Errorf("importer: row %d (line %d): %w", rec.Row, rec.Line, err)
		}
		if rep.Rows%progressEvery == 0 {
			report()
		}
	}
	report()
	return rep, nil
}

// rowInput is what every row of one import is read with.
type rowInput struct {
	program domain.Program
	lgcode  string // the program's municipality
	ref     *refdata.Data
	ix      *choices
	now     func() time.Time
}

// importRow imports one record in its own transaction and counts the
// outcome in rep. It returns only errors that should end the import.
func importRow(ctx context.Context, st *store.Store, in rowInput, rec formsimport.Record, rep *Report) error {
	p, ix, now := in.program, in.ix, in.now
	skipped := func(code string, args map[string]any) error {
		rep.Skipped = append(rep.Skipped, Skipped{Row: rec.Row, Line: rec.Line, Code: code, Args: args})
		return nil
	}
	var ids []int64
	for _, answer := range rec.Choices {
		id, code := ix.resolve(answer)
		if code != "" {
			return skipped(code, map[string]any{"Value": answer})
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if strings.TrimSpace(rec.Motivation) == "" {
		return skipped(CodeMotivationMissing, nil)
	}
	at := rec.SubmittedAt
	if at.IsZero() {
		at = now()
	}
	var created, found, fresh bool
	err := st.InTx(ctx, func(tx *store.Store) error {
		t, isNew, err := findTalent(ctx, tx, rec, readProfile(in.ref, in.lgcode, rec))
		if err != nil {
			return err
		}
		found, created = !isNew, isNew
		e := domain.Entry{
			MunicipalityID: p.MunicipalityID,
			ProgramID:      p.ID,
			TalentID:       t.ID,
			Choices:        ids,
			Motivation:     rec.Motivation,
			Status:         domain.EntrySubmitted,
			SubmittedAt:    at,
			IdempotencyKey: "forms:" + rec.Email,
		}
		fresh, err = tx.Entries().SubmitEntry(ctx, &e)
		return err
	})
	var sk *skipError
	switch {
	case err == nil:
	case errors.As(err, &sk):
		return skipped(sk.code, sk.args)
	case alreadyEntered(err):
		// The talent entered the program another way (on the site, or an
		// import under another address); the transaction rolled back.
		rep.Already++
		if found {
			rep.TalentsLinked++
		}
		return nil
	case domain.ErrorCode(err) == domain.CodeInvalid:
		key, args := domain.ErrorKey(err)
		return skipped(key, args)
	default:
		return err
	}
	if created {
		rep.TalentsCreated++
	}
	if found {
		rep.TalentsLinked++
	}
	if fresh {
		rep.Imported++
	} else {
		rep.Already++
	}
	return nil
}

// skipError makes a row's transaction roll back and the row be reported
// with code.
type skipError struct {
	code string
	args map[string]any
}

func (e *skipError) Error() string { return "importer: row skipped: " + e.code }

func skip(code string, args map[string]any) error { return &skipError{code, args} }

// alreadyEntered reports whether err says the talent has an entry in the
// program already.
func alreadyEntered(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Code == domain.CodeConflict && e.Key == "error.already_entered"
}
