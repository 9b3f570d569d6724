//! Every CSV file Upskill writes: one writer for tables and reports, CLI and desktop alike.
//!
//! Invariants of every file:
//! - UTF-8 with a byte-order mark (Excel needs it to read non-ASCII names), RFC 4180 quoting,
//!   CRLF line ends; the delimiter is `,` unless the caller picks `;` (or tab) for locales where
//!   Excel expects it.
//! - Formula injection (OWASP): a text cell whose first character is `=`, `+`, `-`, `@`, tab,
//!   CR or LF is written with a leading `'`, and so is a text that really starts with `'`, so
//!   that [`unneutralise`] (which the import applies) gives back exactly the original text.
//!   Numbers Upskill computes are [`Cell::Number`]s and are written plain, so `-12.5` stays a
//!   number.
//! - Atomic: the file is written to a temporary file in the destination's folder, flushed to
//!   disk and renamed over the destination; an existing file is replaced only by a complete one.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::delimiter::Delimiter;
use crate::error::{Error, Result};
use crate::import::ImportKind;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters that make a spreadsheet treat a cell as a formula (or hide its start).
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\'')
}

/// The text as written to a cell: prefixed with `'` when it could be read as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if is_trigger(c) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Whether `text` starts with the `'` that [`neutralise`] adds: a quote before a trigger
/// character. A text such as `'abc` (a quote before an ordinary character) is data.
pub fn is_neutralised(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some('\''), Some(c)) if is_trigger(c))
}

/// The inverse of [`neutralise`], which the import applies to every cell.
pub fn unneutralise(text: &str) -> &str {
    if is_neutralised(text) {
        &text[1..]
    } else {
        text
    }
}

/// One cell: text is neutralised, numbers are written plain.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Int(i64),
    Bool(bool),
    /// A percentage or points to one decimal, as reports show them (`47.0`, `-12.5`).
    Tenths(f64),
    Empty,
}

impl<'a> Cell<'a> {
    pub fn text(text: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(text))
    }

    pub fn opt_text(text: Option<&'a str>) -> Cell<'a> {
        text.map_or(Cell::Empty, Cell::text)
    }

    pub fn opt_number(n: Option<f64>) -> Cell<'a> {
        n.map_or(Cell::Empty, Cell::Number)
    }

    pub fn opt_int(n: Option<i64>) -> Cell<'a> {
        n.map_or(Cell::Empty, Cell::Int)
    }

    fn render(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Number(n) => Cow::Owned(format_number(*n)),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Cell::Tenths(n) => Cow::Owned(format!("{n:.1}")),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// A number as a spreadsheet reads it: no exponent, no trailing `.0`.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Writes rows of cells as CSV with the invariants above (BOM first, CRLF).
pub struct CsvOut<W: Write> {
    writer: csv::Writer<Inner<W>>,
    rows: u64,
    delimiter: u8,
    /// For [`CsvOut::render`]: the same settings, writing to `rendered`.
    scratch: Option<csv::Writer<SharedBuf>>,
    rendered: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
}

/// The output, reachable behind the csv writer for [`CsvOut::raw_rows`].
struct Inner<W>(std::cell::RefCell<W>);

impl<W: Write> Write for Inner<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.get_mut().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.0.get_mut().write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.get_mut().flush()
    }
}

/// A `Write` into a buffer the writer's owner can read too.
struct SharedBuf(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A rendered cell as the csv writer takes it: no copy of text that needs no change.
struct Bytes<'a>(Cow<'a, str>);

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn csv_builder(delimiter: u8) -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        // Notes after a report are one-cell rows.
        .flexible(true);
    builder
}

impl<W: Write> CsvOut<W> {
    pub fn new(mut out: W, delimiter: Delimiter) -> Result<Self> {
        out.write_all(BOM).map_err(|e| Error::io("output", e))?;
        let writer = csv_builder(delimiter.byte()).from_writer(Inner(std::cell::RefCell::new(out)));
        Ok(CsvOut {
            writer,
            rows: 0,
            delimiter: delimiter.byte(),
            scratch: None,
            rendered: Default::default(),
        })
    }

    /// The byte between cells.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Appends `cells` to `into` as [`CsvOut::row`] would write them, without the line end
    /// (for rows put together from parts with [`CsvOut::raw_rows`]).
    pub fn render(&mut self, into: &mut Vec<u8>, cells: &[Cell<'_>]) -> Result<()> {
        let (delimiter, shared) = (self.delimiter, &self.rendered);
        let scratch = self
            .scratch
            .get_or_insert_with(|| csv_builder(delimiter).from_writer(SharedBuf(shared.clone())));
        scratch
            .write_record(cells.iter().map(|c| Bytes(c.render())))
            .map_err(csv_error)?;
        scratch.flush().map_err(|e| Error::io("output", e))?;
        let mut buf = self.rendered.borrow_mut();
        let end = buf.len().saturating_sub(2);
        into.extend_from_slice(&buf[..end]);
        buf.clear();
        Ok(())
    }

    /// Writes `rows` finished lines (cells rendered, CRLF ended) straight to the output,
    /// after what the writer holds.
    pub fn raw_rows(
        &mut self,
        rows: u64,
        write: impl FnOnce(&mut W) -> std::io::Result<()>,
    ) -> Result<()> {
        // The csv writer's buffer first; nothing else writes while `write` runs.
        self.writer.flush().map_err(|e| Error::io("output", e))?;
        write(&mut self.writer.get_ref().0.borrow_mut()).map_err(|e| Error::io("output", e))?;
        self.rows += rows;
        Ok(())
    }

    pub fn header(&mut self, names: &[&str]) -> Result<()> {
        self.writer.write_record(names).map_err(csv_error)
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<()> {
        self.writer
            .write_record(cells.iter().map(|c| Bytes(c.render())))
            .map_err(csv_error)?;
        self.rows += 1;
        Ok(())
    }

    /// A row that reads as blank in a spreadsheet. (RFC 4180 has no empty record: the csv
    /// crate writes it as one empty quoted field, `""`.)
    pub fn blank_line(&mut self) -> Result<()> {
        self.writer
            .write_record(std::iter::empty::<&[u8]>())
            .map_err(csv_error)
    }

    /// Rows written so far (not counting the header).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn finish(self) -> Result<W> {
        self.writer
            .into_inner()
            .map(|inner| inner.0.into_inner())
            .map_err(|e| Error::io("output", std::io::Error::other(e.to_string())))
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("output", io),
        other => Error::Internal(format!("csv writer: {other:?}")),
    }
}

pub use crate::atomic_file::{write_atomic, write_dir_atomic};

/// Which table an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportTable {
    Employees,
    Programs,
    Completions,
    Requirements,
    Exemptions,
    Targets,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportSummary {
    pub path: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// The same columns as the import formats, so an export is a valid import file: one list,
/// the import's ([`ImportKind::columns`]).
pub fn columns(table: ExportTable) -> &'static [&'static str] {
    match table {
        ExportTable::Employees => ImportKind::Employees.columns(),
        ExportTable::Programs => ImportKind::Programs.columns(),
        ExportTable::Completions => ImportKind::Completions.columns(),
        ExportTable::Requirements => ImportKind::Requirements.columns(),
        ExportTable::Exemptions => ImportKind::Exemptions.columns(),
        ExportTable::Targets => ImportKind::Targets.columns(),
    }
}

/// Writes a whole table to `dest`, streaming rows from the database (never all in memory).
pub fn export_table(
    conn: &Connection,
    table: ExportTable,
    dest: &Path,
    delimiter: Delimiter,
) -> Result<ExportSummary> {
    let rows = write_atomic(dest, |file| {
        let mut out = CsvOut::new(file, delimiter)?;
        write_table(conn, table, &mut out)?;
        let rows = out.rows();
        out.finish()?;
        Ok(rows)
    })?;
    Ok(ExportSummary {
        path: dest.display().to_string(),
        rows,
    })
}

fn write_table<W: Write>(conn: &Connection, table: ExportTable, out: &mut CsvOut<W>) -> Result<()> {
    match table {
        ExportTable::Employees => write_employees(conn, out),
        ExportTable::Programs => write_programs(conn, out),
        ExportTable::Completions => write_completions(conn, out),
        ExportTable::Requirements => write_requirements(conn, out),
        ExportTable::Exemptions => write_exemptions(conn, out),
        ExportTable::Targets => write_targets(conn, out),
    }
}

/// The record tables in the order [`content_sha256`] hashes them.
pub const CONTENT_TABLES: [ExportTable; 6] = [
    ExportTable::Employees,
    ExportTable::Programs,
    ExportTable::Completions,
    ExportTable::Requirements,
    ExportTable::Exemptions,
    ExportTable::Targets,
];

/// The SHA-256 (lowercase hex) of the record's content: the six record tables exactly as
/// `upskill export TABLE FILE` writes them (import columns, ',' separator, each file with its
/// BOM and CRLF line ends, rows in the export's order), concatenated in the order of
/// [`CONTENT_TABLES`]. So anyone can reproduce it with the CLI and `sha256sum`, and it
/// changes exactly when a record changes (derived tables, saved mappings and the schema's
/// bookkeeping are not content).
pub fn content_sha256(conn: &Connection) -> Result<String> {
    use sha2::Digest;
    struct Hashing(sha2::Sha256);
    impl Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(sha2::Sha256::new());
    for table in CONTENT_TABLES {
        let mut out = CsvOut::new(std::io::BufWriter::new(&mut hashing), Delimiter::Comma)?;
        write_table(conn, table, &mut out)?;
        out.finish()?
            .flush()
            .map_err(|e| Error::io("the content hash", e))?;
    }
    Ok(hex(&hashing.0.finalize()))
}

/// Bytes as lowercase hexadecimal, as `sha256sum` prints a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_employees<W: Write>(conn: &Connection, out: &mut CsvOut<W>) -> Result<()> {
    out.header(columns(ExportTable::Employees))?;
    // Managers first (by row id, the order they were added), so a re-import finds each
    // manager on an earlier line even without the deferred check.
    let mut stmt = conn.prepare(
        "SELECT employee_id, full_name, email, role, department, manager_id, birth_year, \
             hire_date, location, active, left_on FROM employees ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name, email, role, dept, manager): (
            String,
            String,
            Option<String>,
            String,
            String,
            Option<String>,
        ) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        );
        let (birth_year, hire_date, location, active): (
            Option<i64>,
            Option<String>,
            Option<String>,
            bool,
        ) = (r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?);
        let left_on: Option<String> = r.get(10)?;
        out.row(&[
            Cell::text(&id),
            Cell::text(&name),
            Cell::opt_text(email.as_deref()),
            Cell::text(&role),
            Cell::text(&dept),
            Cell::opt_text(manager.as_deref()),
            Cell::opt_int(birth_year),
            Cell::opt_text(hire_date.as_deref()),
            Cell::opt_text(location.as_deref()),
            Cell::Bool(active),
            Cell::opt_text(left_on.as_deref()),
        ])?;
    }
    Ok(())
}

/// Requirements in the import's columns (retired ones too: an export is the whole table).
fn write_requirements<W: Write>(conn: &Connection, out: &mut CsvOut<W>) -> Result<()> {
    out.header(columns(ExportTable::Requirements))?;
    for r in crate::requirements::list_all(conn)? {
        out.row(&[
            Cell::text(&r.requirement_id),
            Cell::text(&r.title),
            Cell::opt_text(r.role.as_deref()),
            Cell::opt_text(r.department.as_deref()),
            Cell::opt_text(r.location.as_deref()),
            Cell::opt_text(r.program_id.as_deref()),
            Cell::opt_text(r.skill_area.as_deref()),
            Cell::opt_int(Some(r.due_days)),
            Cell::text(&r.effective_from),
        ])?;
    }
    Ok(())
}

fn write_exemptions<W: Write>(conn: &Connection, out: &mut CsvOut<W>) -> Result<()> {
    out.header(columns(ExportTable::Exemptions))?;
    for x in crate::exemptions::list_all(conn)? {
        out.row(&[
            Cell::text(&x.employee_id),
            Cell::text(&x.requirement_id),
            Cell::text(&x.reason),
            Cell::opt_text(x.until.as_deref()),
        ])?;
    }
    Ok(())
}

fn write_targets<W: Write>(conn: &Connection, out: &mut CsvOut<W>) -> Result<()> {
    out.header(columns(ExportTable::Targets))?;
    for t in crate::targets::list_all(conn)? {
        out.row(&[
            Cell::text(&t.target_id),
            Cell::text(&t.title),
            Cell::opt_text(t.department.as_deref()),
            Cell::opt_text(t.role.as_deref()),
            Cell::opt_text(t.location.as_deref()),
            Cell::opt_text(t.generation.as_deref()),
            Cell::opt_text(t.skill_area.as_deref()),
            Cell::opt_text(t.manager_id.as_deref()),
            Cell::text(t.metric.as_str()),
            Cell::opt_number(Some(t.value)),
            Cell::text(&t.due),
        ])?;
    }
    Ok(())
}

fn write_programs<W: Write>(conn: &Connection, out: &mut CsvOut<W>) -> Result<()> {
    out.header(columns(ExportTable::Programs))?;
    let mut stmt = conn.prepare(
        "SELECT program_id, title, skill_area, format, provider, hours, validity_months \
         FROM programs ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, title, area, format, provider): (String, String, String, String, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let (hours, validity): (Option<f64>, Option<i64>) = (r.get(5)?, r.get(6)?);
        out.row(&[
            Cell::text(&id),
            Cell::text(&title),
            Cell::text(&area),
            Cell::text(&format),
            Cell::opt_text(provider.as_deref()),
            Cell::opt_number(hours),
            Cell::opt_int(validity),
        ])?;
    }
    Ok(())
}

fn write_completions<W: Write>(conn: &Connection, out: &mut CsvOut<W>) -> Result<()> {
    out.header(columns(ExportTable::Completions))?;
    let mut stmt = conn.prepare(
        "SELECT e.employee_id, p.program_id, c.completed_on, c.score, c.certificate_id \
         FROM completions c JOIN employees e ON e.id = c.employee_ref \
         JOIN programs p ON p.id = c.program_ref ORDER BY c.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (employee, program, on, score, certificate): (
            String,
            String,
            String,
            Option<f64>,
            Option<String>,
        ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        out.row(&[
            Cell::text(&employee),
            Cell::text(&program),
            Cell::text(&on),
            Cell::opt_number(score),
            Cell::opt_text(certificate.as_deref()),
        ])?;
    }
    Ok(())
}

/// Which report a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReportCsv<'a> {
    Coverage(&'a crate::report::CoverageReport),
    Gaps(&'a crate::report::GapReport),
}

/// Writes a report as one clean table: coverage `DIM..., headcount, trained, coverage_pct,
/// suppressed` or gaps `DIM, headcount, trained, coverage_pct, org_coverage_pct, gap_pts,
/// flagged`; trained and percentages empty where suppressed. With `with_notes`, the report's
/// notes (filters, as-of, k, generation boundaries) follow after a blank line, one per line,
/// so the default file stays a single table. Individual birth years never appear.
pub fn write_report<W: Write>(
    out: &mut CsvOut<W>,
    report: ReportCsv<'_>,
    with_notes: bool,
) -> Result<()> {
    write_report_as(out, report, with_notes, false)
}

/// [`write_report`], and with `with_total` a coverage report ends with the population's row
/// as the screen shows it: `All employees` in the first dimension's column (as in the trend
/// CSV), the other dimensions' columns empty.
fn write_report_as<W: Write>(
    out: &mut CsvOut<W>,
    report: ReportCsv<'_>,
    with_notes: bool,
    with_total: bool,
) -> Result<()> {
    let tenths = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Tenths);
    let count = |v: Option<u32>| v.map_or(Cell::Empty, |n| Cell::Int(i64::from(n)));
    let notes = match report {
        ReportCsv::Coverage(r) => {
            let mut header: Vec<String> = r.dims.iter().map(|d| d.to_string()).collect();
            header.extend(["headcount", "trained", "coverage_pct", "suppressed"].map(String::from));
            out.header(&header.iter().map(String::as_str).collect::<Vec<_>>())?;
            let all = [crate::report::ALL_EMPLOYEES.to_string()];
            let total = with_total.then_some(&r.total);
            for row in r.rows.iter().chain(total) {
                let groups: &[String] = if row.groups.is_empty() {
                    &all
                } else {
                    &row.groups
                };
                let mut cells: Vec<Cell<'_>> = groups.iter().map(|g| Cell::text(g)).collect();
                cells.extend((groups.len()..r.dims.len()).map(|_| Cell::Empty));
                cells.push(Cell::Int(i64::from(row.headcount)));
                cells.push(count(row.trained));
                cells.push(tenths(row.coverage_pct));
                cells.push(Cell::Bool(row.suppressed));
                out.row(&cells)?;
            }
            &r.notes
        }
        ReportCsv::Gaps(r) => {
            let dim = r.dim.to_string();
            out.header(&[
                dim.as_str(),
                "headcount",
                "trained",
                "coverage_pct",
                "org_coverage_pct",
                "gap_pts",
                "flagged",
            ])?;
            for row in &r.rows {
                out.row(&[
                    Cell::text(&row.group),
                    Cell::Int(i64::from(row.headcount)),
                    count(row.trained),
                    tenths(row.coverage_pct),
                    tenths(r.total.coverage_pct),
                    tenths(row.gap_pts),
                    Cell::Bool(row.flagged),
                ])?;
            }
            &r.notes
        }
    };
    if with_notes {
        // A blank line ends the table for a reader (Excel, pandas, a person).
        out.blank_line()?;
        if let ReportCsv::Gaps(r) = report {
            if let Some(divide) = &r.divide {
                out.row(&[Cell::text(&divide.text)])?;
            }
        }
        for line in &notes.lines {
            out.row(&[Cell::text(line)])?;
        }
    }
    Ok(())
}

/// Writes a trend as one table: `period_end, DIM..., headcount, trained, coverage_pct,
/// suppressed`, each point's rows then its `All employees` row (in the first dimension's
/// column); trained and percentage empty where suppressed. With `with_notes`, the notes follow
/// after a blank line.
pub fn write_trend<W: Write>(
    out: &mut CsvOut<W>,
    trend: &crate::report::TrendReport,
    with_notes: bool,
) -> Result<()> {
    let tenths = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Tenths);
    let count = |v: Option<u32>| v.map_or(Cell::Empty, |n| Cell::Int(i64::from(n)));
    let mut header: Vec<String> = vec!["period_end".into()];
    header.extend(trend.dims.iter().map(|d| d.to_string()));
    header.extend(["headcount", "trained", "coverage_pct", "suppressed"].map(String::from));
    out.header(&header.iter().map(String::as_str).collect::<Vec<_>>())?;
    let all = [crate::report::ALL_EMPLOYEES.to_string()];
    for point in &trend.points {
        for row in point.rows.iter().chain(std::iter::once(&point.total)) {
            let groups: &[String] = if row.groups.is_empty() {
                &all
            } else {
                &row.groups
            };
            let mut cells: Vec<Cell<'_>> = vec![Cell::text(&point.period_end)];
            cells.extend(groups.iter().map(|g| Cell::text(g)));
            cells.extend((groups.len()..trend.dims.len()).map(|_| Cell::Empty));
            cells.push(Cell::Int(i64::from(row.headcount)));
            cells.push(count(row.trained));
            cells.push(tenths(row.coverage_pct));
            cells.push(Cell::Bool(row.suppressed));
            out.row(&cells)?;
        }
    }
    if with_notes {
        out.blank_line()?;
        for line in &trend.notes.lines {
            out.row(&[Cell::text(line)])?;
        }
    }
    Ok(())
}

/// Writes a people list: the columns [`crate::report::PEOPLE_COLUMNS`], one row per person.
/// Never a birth year or a generation.
pub fn write_people<W: Write>(
    out: &mut CsvOut<W>,
    rows: &[crate::report::PersonRow],
) -> Result<()> {
    out.header(&crate::report::PEOPLE_COLUMNS)?;
    for p in rows {
        out.row(&[
            Cell::text(&p.employee_id),
            Cell::text(&p.full_name),
            Cell::opt_text(p.email.as_deref()),
            Cell::text(&p.role),
            Cell::text(&p.department),
            Cell::opt_text(p.manager_id.as_deref()),
            Cell::Bool(p.trained),
            Cell::opt_text(p.last_completed_on.as_deref()),
        ])?;
    }
    Ok(())
}

/// Lists the people a query selects and writes them to `dest` (the desktop's export of a
/// drill-down).
pub fn export_people(
    conn: &Connection,
    query: &crate::report::PeopleQuery,
    today: chrono::NaiveDate,
    dest: &Path,
    delimiter: Delimiter,
) -> Result<ExportSummary> {
    let rows = crate::report::people(conn, query, today)?;
    export_with(dest, delimiter, |out| write_people(out, &rows))
}

/// Writes a report to `dest` atomically with the shared writer, as the desktop exports it:
/// a coverage report ends with its `All employees` row, as on the screen.
pub fn export_report(
    report: ReportCsv<'_>,
    dest: &Path,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary> {
    export_with(dest, delimiter, |out| {
        write_report_as(out, report, with_notes, true)
    })
}

/// The targets report's CSV columns, in order.
pub const TARGETS_REPORT_COLUMNS: [&str; 10] = [
    "target_id",
    "title",
    "metric",
    "value",
    "due",
    "current",
    "value_180_days_ago",
    "forecast_at_due",
    "status",
    "reach_date",
];

/// Writes the targets report: [`TARGETS_REPORT_COLUMNS`], values to one decimal, blank where
/// none; with `with_notes`, the notes after a blank line.
pub fn write_targets_report<W: Write>(
    out: &mut CsvOut<W>,
    report: &crate::report::TargetsReport,
    with_notes: bool,
) -> Result<()> {
    let tenths = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Tenths);
    out.header(&TARGETS_REPORT_COLUMNS)?;
    for r in &report.rows {
        out.row(&[
            Cell::text(&r.target_id),
            Cell::text(&r.title),
            Cell::text(r.metric.as_str()),
            Cell::Number(r.value),
            Cell::text(&r.due),
            tenths(r.current),
            tenths(r.value_180_days_ago),
            tenths(r.forecast_at_due),
            Cell::text(r.status.as_str()),
            Cell::opt_text(r.reach_date.as_deref()),
        ])?;
    }
    if with_notes {
        out.blank_line()?;
        for line in &report.lines {
            out.row(&[Cell::text(line)])?;
        }
    }
    Ok(())
}

/// Writes whatever `write` writes to `dest` atomically and says how many rows.
pub fn export_with(
    dest: &Path,
    delimiter: Delimiter,
    write: impl FnOnce(&mut CsvOut<&mut std::io::BufWriter<&std::fs::File>>) -> Result<()>,
) -> Result<ExportSummary> {
    let rows = write_atomic(dest, |file| {
        let mut out = CsvOut::new(file, delimiter)?;
        write(&mut out)?;
        let rows = out.rows();
        out.finish()?;
        Ok(rows)
    })?;
    Ok(ExportSummary {
        path: dest.display().to_string(),
        rows,
    })
}

/// Computes a trend and writes it to `dest` (the dashboard's trend Export button).
pub fn export_trend(
    conn: &Connection,
    query: &crate::report::TrendQuery,
    today: chrono::NaiveDate,
    dest: &Path,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary> {
    let trend = crate::report::trend(conn, query, today)?;
    export_with(dest, delimiter, |out| write_trend(out, &trend, with_notes))
}

/// Computes the targets report and writes it to `dest`.
pub fn export_targets_report(
    conn: &Connection,
    query: &crate::report::TargetsQuery,
    today: chrono::NaiveDate,
    dest: &Path,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary> {
    let report = crate::report::targets_report(conn, query, today)?;
    export_with(dest, delimiter, |out| {
        write_targets_report(out, &report, with_notes)
    })
}

/// Computes a coverage report, laid out as `options` say, and writes it to `dest` (the
/// desktop's Export button: a pooled panel exports its own rows).
pub fn export_coverage(
    conn: &Connection,
    query: &crate::report::ReportQuery,
    options: crate::report::ReportOptions,
    today: chrono::NaiveDate,
    dest: &Path,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary> {
    let report = crate::report::coverage_with(conn, query, options, today)?;
    export_report(ReportCsv::Coverage(&report), dest, delimiter, with_notes)
}

/// Computes a gap report, laid out as `options` say, and writes it to `dest`.
pub fn export_gaps(
    conn: &Connection,
    query: &crate::report::GapQuery,
    options: crate::report::ReportOptions,
    today: chrono::NaiveDate,
    dest: &Path,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary> {
    let report = crate::report::gaps_with(conn, query, options, today)?;
    export_report(ReportCsv::Gaps(&report), dest, delimiter, with_notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_the_exports_concatenated_and_follows_the_record() {
        use sha2::Digest;
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut db = crate::db::Db::open(&dir.path().join("h.db")).unwrap();
        crate::demo::fill(&mut db, 60, 7, today).unwrap();
        let mut all = Vec::new();
        for table in CONTENT_TABLES {
            let file = dir.path().join("t.csv");
            export_table(db.conn(), table, &file, Delimiter::Comma).unwrap();
            all.extend(std::fs::read(&file).unwrap());
        }
        let hash = content_sha256(db.conn()).unwrap();
        assert_eq!(hash, hex(&sha2::Sha256::digest(&all)));
        assert_eq!(hash.len(), 64);
        db.conn()
            .execute("UPDATE programs SET title = title || '.' WHERE id = 1", [])
            .unwrap();
        assert_ne!(content_sha256(db.conn()).unwrap(), hash);
    }

    #[test]
    fn a_folder_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("pack");
        let err = write_dir_atomic(&dest, |tmp| {
            std::fs::write(tmp.join("a.txt"), "a").unwrap();
            Err::<(), _>(Error::Internal("fails half way".into()))
        });
        assert!(err.is_err());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing left"
        );
        write_dir_atomic(&dest, |tmp| {
            std::fs::write(tmp.join("a.txt"), "a").map_err(|e| Error::io(tmp, e))
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(dest.join("a.txt")).unwrap(), "a");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn render(cells: &[Cell<'_>], delimiter: Delimiter) -> Vec<u8> {
        let mut out = CsvOut::new(Vec::new(), delimiter).unwrap();
        out.header(&["a", "b"]).unwrap();
        out.row(cells).unwrap();
        out.finish().unwrap()
    }

    #[test]
    fn bom_crlf_and_quoting() {
        let bytes = render(
            &[Cell::text("Müller, Jörg"), Cell::text("say \"hi\"\nthere")],
            Delimiter::Comma,
        );
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "a,b\r\n\"Müller, Jörg\",\"say \"\"hi\"\"\nthere\"\r\n"
        );
    }

    #[test]
    fn semicolon_mode() {
        let bytes = render(
            &[Cell::text("a;b"), Cell::Number(7.5)],
            Delimiter::Semicolon,
        );
        assert_eq!(&bytes[3..], b"a;b\r\n\"a;b\";7.5\r\n");
    }

    #[test]
    fn formula_payloads_are_neutralised_and_numbers_are_not() {
        for payload in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\nx",
            "'x",
        ] {
            let bytes = render(
                &[Cell::text(payload), Cell::Number(-12.5)],
                Delimiter::Comma,
            );
            let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
            let cell = text.lines().nth(1).unwrap();
            assert!(
                cell.starts_with("'") || cell.starts_with("\"'"),
                "{payload:?} → {cell:?}"
            );
            assert!(text.ends_with(",-12.5\r\n"), "{text:?}");
            assert_eq!(unneutralise(&neutralise(payload)), payload);
            assert!(is_neutralised(&neutralise(payload)));
        }
        assert_eq!(neutralise("plain"), "plain");
        assert_eq!(
            unneutralise("'abc"),
            "'abc",
            "a quote before a normal character is data"
        );
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(format_number(16.0), "16");
        assert_eq!(format_number(7.5), "7.5");
        assert_eq!(format_number(-0.1), "-0.1");
    }

    #[test]
    fn failed_write_leaves_the_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("report.csv");
        std::fs::write(&dest, "old").unwrap();
        let err = write_atomic(&dest, |_| -> Result<()> {
            Err(Error::Internal("disk full".into()))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
        write_atomic(&dest, |w| {
            w.write_all(b"new").map_err(|e| Error::io("x", e))
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }

    #[test]
    fn the_coverage_export_ends_with_all_employees_as_the_screen_does() {
        use crate::report::{Dimension, Filters, ReportQuery};
        let db = crate::db::Db::open_in_memory().unwrap();
        for (id, year) in [("E1", 1960), ("E2", 1990), ("E3", 1991)] {
            db.conn()
                .execute(
                    "INSERT INTO employees (employee_id, full_name, role, department, birth_year) \
                     VALUES (?1, ?1, 'R', 'D', ?2)",
                    rusqlite::params![id, year],
                )
                .unwrap();
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let read = |dims: Vec<Dimension>| {
            let dir = tempfile::tempdir().unwrap();
            let dest = dir.path().join("coverage.csv");
            let query = ReportQuery {
                dims,
                filters: Filters::default(),
                min_group: 0,
            };
            let summary = export_coverage(
                db.conn(),
                &query,
                crate::report::ReportOptions::default(),
                today,
                &dest,
                Delimiter::Comma,
                false,
            )
            .unwrap();
            let text = String::from_utf8(std::fs::read(&dest).unwrap()[3..].to_vec()).unwrap();
            (summary.rows, text)
        };
        let (rows, text) = read(vec![Dimension::Generation]);
        assert_eq!(
            text,
            "generation,headcount,trained,coverage_pct,suppressed\r\n\
             Baby Boomers,1,0,0.0,false\r\n\
             Millennials,2,0,0.0,false\r\n\
             All employees,3,0,0.0,false\r\n"
        );
        assert_eq!(rows, 3);
        let (_, text) = read(vec![Dimension::Generation, Dimension::Role]);
        assert!(
            text.ends_with("\r\nAll employees,,3,0,0.0,false\r\n"),
            "{text}"
        );
        // The command line's file keeps its rows (scheduled jobs read it).
        let report = crate::report::coverage(
            db.conn(),
            &ReportQuery {
                dims: vec![Dimension::Generation],
                filters: Filters::default(),
                min_group: 0,
            },
            today,
        )
        .unwrap();
        let mut out = CsvOut::new(Vec::new(), Delimiter::Comma).unwrap();
        write_report(&mut out, ReportCsv::Coverage(&report), false).unwrap();
        let cli = String::from_utf8(out.finish().unwrap()).unwrap();
        assert!(!cli.contains("All employees"), "{cli}");
    }

    #[test]
    fn unwritable_path_names_it() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.csv"), |_| Ok(())).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Io);
        assert!(
            err.to_string().starts_with("/nonexistent-dir/x.csv: "),
            "{err}"
        );
    }
}
