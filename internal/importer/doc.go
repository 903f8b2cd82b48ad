// Package importer loads the answers of a Google Forms entry form into a
// program, and exports a program's entries as a CSV file for Excel.
//
// # Import
//
// [Import] reads the CSV export with formsimport and turns each accepted
// row into an entry of the program:
//
//   - The entrant is the talent with the row's e-mail address (through
//     their account, or the contact address of an earlier import). Without
//     one, a profile is created from the row: name, reading, and the
//     residence, hometown, skills and hours answers as plain lines of its
//     background. The reading is kept when it is katakana (hiragana is
//     turned into katakana, half-width kana into full-width) and left empty
//     otherwise. A user account with the address gets the new profile;
//     otherwise the address is stored as the profile's contact address.
//   - Each choice answer names a project of the program: by its title
//     (compared after NFKC, trimming, collapsing spaces and ignoring case),
//     by its id ("#123", "#123 タイトル", or just "123"), or by its title
//     followed by a note after a separator, as forms often show
//     "タイトル（会社名）" or "タイトル - 会社名". The longest title wins.
//   - The entry is submitted with the idempotency key "forms:" + e-mail, so
//     importing the same file again finds the entries it made instead of
//     adding new ones. A talent who already entered the program in another
//     way counts as already there too.
//   - Each row runs in its own transaction: a row that fails leaves the rows
//     before it imported. A row that cannot be imported (a formsimport
//     problem, an unknown choice, a blank motivation, a profile the store
//     rejects) is listed in [Report.Skipped] with its row number and an i18n
//     catalog key; nothing is dropped silently. Any other error ends the
//     import and names the row.
//   - Imports of one program must not run side by side: two transactions
//     that both find no talent for an address would each create one.
//
// # Export
//
// [Export] writes one row per entry, in submission order, with a header row:
// id, submission time in Japan time, name, reading, e-mail, status, the
// titles of up to five choices, motivation and the mean review score. It
// writes UTF-8 with a byte order mark or Shift_JIS through formsimport's
// Excel writer.
package importer
