// Package formsimport reads entries exported from Google Forms as CSV and
// writes CSV files that open correctly in Excel.
//
// # Reading
//
// [NewReader] takes the responses sheet downloaded as CSV ("Download
// responses (.csv)" or File > Download > CSV in Sheets). Decisions:
//
//   - Encoding. The input may be UTF-8 with or without a byte order mark, or
//     Shift_JIS (Windows-31J, as written by Japanese Excel when staff open
//     and re-save the file). [DecodeCSV] decides from the start of the file:
//     a UTF-8 BOM means UTF-8; otherwise it buffers until it has seen some
//     non-ASCII bytes (at most 1 MiB) and picks UTF-8 if they are valid
//     UTF-8, else Shift_JIS if they are valid Shift_JIS, else UTF-8 if most
//     of them are. A UTF-16 BOM, or bytes that fit neither encoding, reject
//     the whole file. Invalid bytes anywhere else reject only the rows that
//     hold them (code [CodeInvalidEncoding]); in a Shift_JIS file so do
//     byte pairs that have no character.
//   - Syntax. Fields are read with encoding/csv (RFC 4180, LazyQuotes off):
//     CRLF or LF line endings (or CR only, as Excel's "CSV (Macintosh)"
//     writes), quoted answers that span lines. A quoting
//     error is a [*FileError] that ends the import, because the rows after
//     it can no longer be told apart reliably. Rows whose number of cells
//     differs from the header are reported and skipped.
//   - Row numbers. [Record.Row] and [Problem.Row] are spreadsheet row numbers
//     (the header is row 1); [Record.Line] is the line of the file where the
//     row starts. They differ once an answer spans several lines. Blank
//     lines count as (empty) rows, as they do when a spreadsheet opens the
//     file, and are reported; blank lines at the very end of the file are
//     not seen by encoding/csv and are ignored.
//   - Header. Column titles are compared after NFKC normalisation, trimming,
//     collapsing and removing spaces and ignoring case; trailing notes in
//     brackets such as （必須） or (required) are ignored, unless they mark a
//     confirmation column (確認用, confirm). A [Mapping] (see [LoadMapping])
//     names the field of any column and wins over recognition. Columns of
//     no known field are kept in [Record.Extra]. A file without an e-mail,
//     a name or any choice column is rejected with a [*FileError] that lists
//     the headers found, so that a person can write a mapping file.
//   - Rows. Each row gives either a [Record] or a [Problem]; nothing is
//     dropped silently. Only the first problem of a row is reported, checked
//     in this order: encoding, empty row, number of cells, length, e-mail,
//     name, choice, phone, timestamp, duplicate e-mail. A duplicate e-mail
//     refers to the first row with that address that was accepted. Cells
//     are read as Japanese people type them (internal/domain's input
//     rules): a full-width address is NFKC'd, a reading in hiragana is kept
//     in katakana, and a phone number, which may be blank, must be 10 or 11
//     digits starting with 0, with or without hyphens (full-width digits
//     and hyphen-like characters are accepted; the hyphens are kept where
//     they were typed).
//     Limits, in runes after normalisation: 4000 for the motivation and
//     extra columns, 2000 for skills, 200 for the others. An e-mail must be
//     one bare ASCII address (net/mail), with exactly one @ and a dot in
//     its domain.
//   - Timestamps are read as Japan time (UTC+9) in the forms Google Sheets
//     and Excel write, such as 2021/07/15 10:23:45, 2021/7/5 9:03,
//     2021-07-15 10:23:45, 2021/07/15 午後 10:23:45 and, for English
//     sheets, 7/15/2021 10:23:45 (month first unless that is impossible).
//
// # Writing
//
// [Writer] writes CSV for Excel: UTF-8 with a BOM (so Excel does not guess
// the ANSI code page) or Shift_JIS, rows ending in CRLF, line breaks inside
// a cell written as LF. In Shift_JIS, symbols that JIS and Windows code
// differently are written in their Windows form (〜 U+301C as ～ U+FF5E, −
// as －, ¥ as ￥ and a few more), which looks the same in Japanese fonts.
// Characters Shift_JIS cannot hold (emoji, most non-Japanese scripts), and
// invalid UTF-8, become "?" and are counted by [Writer.Replaced], so the
// caller can warn; the export is never aborted for them. Following the OWASP
// advice on CSV injection, a cell that starts with =, +, -, @, a tab or a
// carriage return (or the full-width ＝＋－＠) is prefixed with an apostrophe
// so that spreadsheets show it as text instead of running it as a formula;
// plain decimal numbers such as -3 or -0.5 are left alone.
package formsimport
