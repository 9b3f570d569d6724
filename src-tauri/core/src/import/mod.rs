//! CSV import of employees, programs and completions: validated, previewed, all or nothing.
//!
//! Owns reading the files people actually have (any of UTF-8, UTF-16 or Windows-1252; comma,
//! semicolon or tab; headers spelled loosely) and loading them into the record. Structured as
//! a parser and a loader, like atuin's importers:
//! - [`decode`]: bytes → UTF-8 (encoding detection, BOM, streaming decoder);
//! - [`records`]: UTF-8 → CSV records with the line each starts on (delimiter sniffing);
//! - [`rows`]: header mapping, and a record → `*Input` → `validate` (the rules stay in
//!   [`crate::domain`]);
//! - [`load`]: the checks across rows (duplicates, references, reporting loops) and the write.
//!
//! [`import_file`] reads the file twice inside one `BEGIN IMMEDIATE` transaction: the first
//! pass checks every row and keeps only what cross-row checks need (ids, compact keys), the
//! second writes the rows that passed (completions are staged on disk in the first pass and
//! moved in one statement instead). Memory does not grow with the file: the ids take about
//! 20 bytes each, the keys are sorted in bounded runs, and SQLite's memory has a soft cap.
//! A file with any problem writes nothing unless `skip_invalid` says to import the valid rows;
//! a dry run writes inside a savepoint it rolls back, so it reports exactly the counts the
//! real import would. Columns a file does not have are left as they are on updated records,
//! and records not in the file are never deleted.
//!
//! The desktop flow is [`preview`] (a dry run: encoding, delimiter, first rows, counts and
//! every problem), then [`import_file`] with a progress callback, whose report is the summary.
//! Either can be stopped from another thread with a [`Cancel`]: it returns
//! [`Error::Cancelled`] and nothing is changed.

mod columns;
mod compact;
mod completions;
mod dates;
mod decode;
mod draft;
mod employees;
mod exemptions;
mod keyed;
mod load;
pub mod mapping;
mod programs;
mod records;
mod requirements;
mod rows;
mod suggest;
mod survey;
mod targets;
mod vocab;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, Result};

pub use decode::Encoding;
pub use draft::{
    import_columns, AmbiguousDates, FieldDraft, FileColumn, ImportColumns, MappingDraft, StatusWord,
};
pub use mapping::Mapping;
pub use records::Delimiter;
pub use rows::DateFormat;

/// Headers as the import compares them: case, accents, spaces and punctuation ignored
/// ("Employee #" is `employee_number`).
pub fn header_key(header: &str) -> String {
    vocab::header_key(header)
}

/// How many rows a report shows for the preview.
pub const PREVIEW_ROWS: usize = 20;
/// How many problems a report lists; past this it counts them in `problems_omitted`.
pub const MAX_PROBLEMS: usize = 100_000;
/// SQLite's page cache during an import, as `PRAGMA cache_size` takes it (negative: KiB).
const IMPORT_CACHE_SIZE: i64 = -64 * 1024;
/// The page cache of the temp database (the completions' staging table) during an import.
const IMPORT_TEMP_CACHE_SIZE: i64 = -8 * 1024;
/// A soft limit on all SQLite's memory during an import, in bytes.
const IMPORT_SQLITE_MEMORY: i64 = 128 * 1024 * 1024;

/// SQLite's memory settings for an import's one transaction, and the connection's own, put
/// back after: a bigger page cache for the record (the indexes of a large table are updated
/// all over, and with SQLite's default 2 MB each row would reread pages from disk), a small
/// one for the staging table (written once and read once, in order), and a soft limit on
/// all of SQLite's memory together (page caches and the sorter that orders the staged
/// rows), so an import stays within a fixed bound whatever the file's size.
struct ImportMemory {
    cache_size: i64,
    temp_cache_size: i64,
    soft_heap_limit: i64,
}

impl ImportMemory {
    fn set(conn: &rusqlite::Connection) -> Result<ImportMemory> {
        let get = |schema: Option<&str>, pragma: &str| -> Result<i64> {
            Ok(conn.pragma_query_value(schema, pragma, |r| r.get(0))?)
        };
        let before = ImportMemory {
            cache_size: get(None, "cache_size")?,
            temp_cache_size: get(Some("temp"), "cache_size")?,
            soft_heap_limit: get(None, "soft_heap_limit")?,
        };
        conn.pragma_update(None, "cache_size", IMPORT_CACHE_SIZE)?;
        conn.pragma_update(Some("temp"), "cache_size", IMPORT_TEMP_CACHE_SIZE)?;
        // Process-wide; only ever lowered here.
        let limit = match before.soft_heap_limit {
            0 => IMPORT_SQLITE_MEMORY,
            own => own.min(IMPORT_SQLITE_MEMORY),
        };
        conn.pragma_update(None, "soft_heap_limit", limit)?;
        Ok(before)
    }

    fn restore(self, conn: &rusqlite::Connection) -> Result<()> {
        conn.pragma_update(None, "cache_size", self.cache_size)?;
        conn.pragma_update(Some("temp"), "cache_size", self.temp_cache_size)?;
        conn.pragma_update(None, "soft_heap_limit", self.soft_heap_limit)?;
        Ok(())
    }
}

/// Stops a running [`import_file`] or [`preview`] from another thread (the desktop's Cancel).
/// Clones share one flag. The import checks it between rows, and SQLite checks it while a long
/// statement runs (moving a million staged completions, say); either way the import returns
/// [`Error::Cancelled`] and its transaction is rolled back. The flag is not looked at once the
/// commit has begun: an import cancelled that late is complete, and says so.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    pub(crate) fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(cancelled())
        } else {
            Ok(())
        }
    }
}

fn cancelled() -> Error {
    Error::Cancelled("the import was cancelled; nothing was changed".into())
}

/// How many SQLite virtual-machine steps pass between two looks at the cancel flag: a few
/// hundred microseconds of work, so a Cancel takes effect at once and costs nothing measurable.
const CANCEL_CHECK_OPS: std::ffi::c_int = 10_000;

/// SQLite's progress handler watching a [`Cancel`] while it exists. Made inside the import's
/// transaction and dropped before the commit (or the rollback), so neither is interrupted.
struct CancelWatch<'c> {
    conn: &'c rusqlite::Connection,
}

impl<'c> CancelWatch<'c> {
    fn install(conn: &'c rusqlite::Connection, cancel: &Cancel) -> Result<CancelWatch<'c>> {
        let flag = Arc::clone(&cancel.0);
        conn.progress_handler(CANCEL_CHECK_OPS, Some(move || flag.load(Ordering::Relaxed)))?;
        Ok(CancelWatch { conn })
    }
}

impl Drop for CancelWatch<'_> {
    fn drop(&mut self) {
        // Cannot fail for a connection this process opened (rusqlite checks only ownership).
        drop(self.conn.progress_handler(0, None::<fn() -> bool>));
    }
}

/// Which kind of records a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportKind {
    Employees,
    Programs,
    Completions,
    Requirements,
    Exemptions,
    Targets,
}

impl ImportKind {
    pub const ALL: [ImportKind; 6] = [
        ImportKind::Employees,
        ImportKind::Programs,
        ImportKind::Completions,
        ImportKind::Requirements,
        ImportKind::Exemptions,
        ImportKind::Targets,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Employees => "employees",
            ImportKind::Programs => "programs",
            ImportKind::Completions => "completions",
            ImportKind::Requirements => "requirements",
            ImportKind::Exemptions => "exemptions",
            ImportKind::Targets => "targets",
        }
    }

    /// The file's columns, in template order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Employees => rows::EMPLOYEE_COLUMNS,
            ImportKind::Programs => rows::PROGRAM_COLUMNS,
            ImportKind::Completions => rows::COMPLETION_COLUMNS,
            ImportKind::Requirements => rows::REQUIREMENT_COLUMNS,
            ImportKind::Exemptions => rows::EXEMPTION_COLUMNS,
            ImportKind::Targets => rows::TARGET_COLUMNS,
        }
    }

    /// The columns a file must have; without one it is rejected before any row is read.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            ImportKind::Employees => &["employee_id", "full_name", "role", "department"],
            ImportKind::Programs => &["program_id", "title", "skill_area", "format"],
            ImportKind::Completions => &["employee_id", "program_id", "completed_on"],
            ImportKind::Requirements => &["requirement_id", "title"],
            ImportKind::Exemptions => &["employee_id", "requirement_id", "reason"],
            ImportKind::Targets => &["target_id", "title", "metric", "value", "due"],
        }
    }
}

impl std::fmt::Display for ImportKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// Check and count, write nothing.
    pub dry_run: bool,
    /// Import the valid rows and list the rejected ones, instead of rejecting the file.
    pub skip_invalid: bool,
    /// How dates with slashes are read (all dates: birth_year, hire_date, completed_on).
    pub date_format: DateFormat,
}

/// Which pass an [`ImportProgress`] report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportPhase {
    /// First pass: every row is read and checked.
    Checking,
    /// Second pass: the rows that passed are written (completions: staged).
    Writing,
    /// Completions only: the staged rows are moved into the record; `rows` counts them.
    Saving,
}

/// Where an import is; sent every few thousand rows and at the end of each pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub phase: ImportPhase,
    /// Rows read so far in this pass.
    #[ts(type = "number")]
    pub rows: u64,
    /// File bytes read so far in this pass.
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
}

/// What became of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportOutcome {
    /// Written and committed (with `skip_invalid`, the rejected rows were left out).
    Imported,
    /// A dry run of a file that would be imported; nothing was written.
    DryRun,
    /// Nothing was written: the file is unreadable, lacks a required column, or has invalid
    /// rows and `skip_invalid` was not set. In a dry run: it would be rejected.
    Rejected,
}

/// One problem with the file, at a line. Displays as `FILE:LINE: column: reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    pub file: String,
    /// The physical line the row starts on (1-based); 0 for the file as a whole.
    #[ts(type = "number")]
    pub line: u64,
    /// The column as the file's header names it; empty for a problem with the whole row.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.column.is_empty() {
            write!(f, ": {}", self.column)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One row of the preview, as text cells in `ImportReport::preview_columns` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportPreviewRow {
    #[ts(type = "number")]
    pub line: u64,
    pub cells: Vec<String>,
    /// Whether the row has a problem (it is listed in `problems`).
    pub rejected: bool,
}

/// Everything an import found and did: the preview before, the summary after.
///
/// Counts are of rows: in an `Imported` report what was written; in a dry run what importing
/// the valid rows would write; in a `Rejected` report (not a dry run) nothing was written and
/// only `rows` and `rejected` are counted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub file: String,
    pub encoding: Encoding,
    /// Whether the file starts with a byte order mark.
    pub bom: bool,
    pub delimiter: Delimiter,
    pub date_format: DateFormat,
    pub dry_run: bool,
    pub outcome: ImportOutcome,
    /// The physical line of the header row (1 unless title rows are above it).
    #[ts(type = "number")]
    pub header_line: u64,
    /// The header's columns as the file names them.
    pub columns: Vec<String>,
    /// Where each field the file has came from, and how it is read: the mapping used.
    pub mapping: Vec<FieldMapping>,
    /// The mapping file's name (`name =`), when one was used.
    pub mapping_name: Option<String>,
    /// What recognition decided about the columns ("column 'Employee #' looks like
    /// employee_id").
    pub notes: Vec<String>,
    /// Header columns that are not the kind's and were ignored.
    pub ignored_columns: Vec<String>,
    /// Things worth knowing that did not stop the import.
    pub warnings: Vec<String>,
    /// Data rows read (blank lines are not rows, nor are skipped rows).
    #[ts(type = "number")]
    pub rows: u64,
    /// Rows that are not records and were left out without a problem: a mapping's keep or
    /// skip rule, a completion status that is not completed, a totals or continuation row,
    /// a learner or course not in the record with `unknown_employee`/`unknown_program =
    /// "skip"`. `warnings` says which.
    #[ts(type = "number")]
    pub skipped: u64,
    #[ts(type = "number")]
    pub inserted: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    /// Rows with at least one problem.
    #[ts(type = "number")]
    pub rejected: u64,
    /// Every problem, by line (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<ImportProblem>,
    #[ts(type = "number")]
    pub problems_omitted: u64,
    /// The kind's columns that the file has, naming the preview's cells.
    pub preview_columns: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows.
    pub preview: Vec<ImportPreviewRow>,
}

impl ImportReport {
    /// Whether the file (not just some rows) was refused: nothing was, or would be, written.
    pub fn is_rejected(&self) -> bool {
        self.outcome == ImportOutcome::Rejected
    }
}

/// One field of the mapping an import used, as the app and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldMapping {
    /// The Upskill field (a template column).
    pub field: String,
    /// The file columns it is read from, as the header names them (several: joined).
    pub columns: Vec<String>,
    /// The columns' letters as Excel shows them.
    pub letters: Vec<String>,
    /// A constant value instead of a column.
    pub value: Option<String>,
    /// How it was chosen: "own name", "recognised" or "mapping line N".
    pub chosen: String,
    /// How its cells are read, where that is not plain text: "dates as MM/DD/YYYY",
    /// "managers matched by name", "3 values replaced".
    pub reads: Option<String>,
}

/// A dry run for the preview: what importing `path` would do, with every problem.
pub fn preview(
    db: &mut Db,
    kind: ImportKind,
    path: &Path,
    date_format: DateFormat,
    today: NaiveDate,
    cancel: &Cancel,
) -> Result<ImportReport> {
    preview_with(db, kind, path, date_format, None, today, cancel)
}

/// [`preview`] with a mapping.
pub fn preview_with(
    db: &mut Db,
    kind: ImportKind,
    path: &Path,
    date_format: DateFormat,
    mapping: Option<&Mapping>,
    today: NaiveDate,
    cancel: &Cancel,
) -> Result<ImportReport> {
    let options = ImportOptions {
        dry_run: true,
        skip_invalid: false,
        date_format,
    };
    import_with(
        db,
        kind,
        path,
        &options,
        mapping,
        today,
        &mut |_| {},
        cancel,
    )
}

/// Imports `path` as `kind` records in one transaction; see the module documentation.
///
/// Problems with the file's content are in the report (`outcome` says whether anything was
/// written); `Err` is for a file that cannot be opened, a database failure, or a file that
/// changed between the two passes (then nothing is written either), and for an import
/// stopped by `cancel` ([`Error::Cancelled`]; nothing is written).
pub fn import_file(
    db: &mut Db,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
    today: NaiveDate,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &Cancel,
) -> Result<ImportReport> {
    import_with(db, kind, path, options, None, today, progress, cancel)
}

/// [`import_file`] with a mapping file ([`Mapping`]): the mapping says where each field it
/// names comes from; recognition decides the rest. A mapping that does not fit the file
/// (a column it lacks) is an [`Error::Mapping`]: nothing is read further or written.
#[allow(clippy::too_many_arguments)]
pub fn import_with(
    db: &mut Db,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
    mapping: Option<&Mapping>,
    today: NaiveDate,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &Cancel,
) -> Result<ImportReport> {
    cancel.check()?;
    if let Some(m) = mapping {
        if m.kind != kind {
            return Err(Error::Mapping(vec![format!(
                "{}:1: this mapping is for {}, but the file is imported as {kind}",
                m.source, m.kind
            )]));
        }
    }
    let file_rules = mapping.map(|m| m.file.clone()).unwrap_or_default();
    let source = load::Source::open_with(path, file_rules.encoding, file_rules.delimiter)
        .map_err(|e| Error::io(path, e))?;
    let mut report = empty_report(kind, path, &source, options, mapping);
    let Some(mut header) = load::read_header(&source, kind, mapping, false, &mut report)? else {
        return Ok(report);
    };
    let survey = survey::run(&source, &mut header, options.date_format, today, cancel)?;
    report.mapping = header.describe();
    // A dry run's entry is never kept: its file's hash is not worth a read of the file.
    let sha256 = if options.dry_run {
        None
    } else {
        Some(crate::audit::file_sha256(path)?)
    };
    let via = db.actor().source;
    let memory = ImportMemory::set(db.conn())?;
    let result = db.with_trail(|tx, trail| {
        let _watch = CancelWatch::install(tx, cancel)?;
        let mut audit_entry = |conn: &rusqlite::Connection, report: &ImportReport| {
            let after = import_entry(report, path, sha256.as_deref(), via, options.skip_invalid);
            trail.record_from(
                conn,
                crate::audit::Source::Import,
                crate::audit::Entity::from(report.kind),
                &file_name(path),
                crate::audit::Action::Import,
                None,
                Some(&after.to_string()),
            )
        };
        load::run(
            tx,
            &source,
            &header,
            &survey,
            options,
            today,
            &mut report,
            progress,
            cancel,
            &mut audit_entry,
        )
    });
    memory.restore(db.conn())?;
    // SQLite's "interrupted" is the progress handler seeing the flag: the same cancel.
    result.map_err(|e| {
        if cancel.is_cancelled() {
            cancelled()
        } else {
            e
        }
    })?;
    Ok(report)
}

/// An import's audit entry (`after`): the file, its SHA-256, the mapping used, the counts,
/// and the front end it came through.
fn import_entry(
    report: &ImportReport,
    path: &Path,
    sha256: Option<&str>,
    via: crate::audit::Source,
    skip_invalid: bool,
) -> serde_json::Value {
    serde_json::json!({
        "file": file_name(path),
        "sha256": sha256,
        "via": via.as_str(),
        "mapping": {
            "name": report.mapping_name,
            "fields": report.mapping,
            "date_format": report.date_format,
            "encoding": report.encoding,
            "delimiter": report.delimiter,
            "header_line": report.header_line,
        },
        "skip_invalid": skip_invalid,
        "rows": report.rows,
        "inserted": report.inserted,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "skipped": report.skipped,
        "rejected": report.rejected,
    })
}

/// The file's name without its folder (the folder may name a person's home).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A mapping suggested for a file, and the file's header row (what a saved mapping is
/// offered for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MappingSuggestion {
    /// A complete mapping file, with a comment on every choice it could not make.
    pub toml: String,
    pub headers: Vec<String>,
}

/// The mapping an import of `path` would use, as a mapping file (`--suggest-mapping`):
/// `mapping`'s rules where it has them, recognition elsewhere. Reads the file, writes nothing.
pub fn suggest_mapping(
    kind: ImportKind,
    path: &Path,
    date_format: DateFormat,
    mapping: Option<&Mapping>,
    today: NaiveDate,
    cancel: &Cancel,
) -> Result<MappingSuggestion> {
    let file_rules = mapping.map(|m| m.file.clone()).unwrap_or_default();
    let source = load::Source::open_with(path, file_rules.encoding, file_rules.delimiter)
        .map_err(|e| Error::io(path, e))?;
    let mut report = empty_report(kind, path, &source, &ImportOptions::default(), mapping);
    let Some(mut header) = load::read_header(&source, kind, mapping, true, &mut report)? else {
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        return Err(Error::Invalid(vec![crate::error::FieldProblem::new(
            "file",
            problems.join("; "),
        )]));
    };
    let survey = survey::run(&source, &mut header, date_format, today, cancel)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(MappingSuggestion {
        toml: suggest::write(kind, &source, &header, &survey, mapping, &file_name),
        headers: header.names.clone(),
    })
}

/// The report of an import that has read nothing yet.
fn empty_report(
    kind: ImportKind,
    path: &Path,
    source: &load::Source,
    options: &ImportOptions,
    mapping: Option<&Mapping>,
) -> ImportReport {
    ImportReport {
        kind,
        file: path.display().to_string(),
        encoding: source.detected.encoding,
        bom: source.detected.bom_len > 0,
        delimiter: source.delimiter,
        date_format: options.date_format,
        dry_run: options.dry_run,
        outcome: ImportOutcome::Rejected,
        header_line: 0,
        columns: Vec::new(),
        mapping: Vec::new(),
        mapping_name: mapping.and_then(|m| m.name.clone()),
        notes: Vec::new(),
        ignored_columns: Vec::new(),
        warnings: Vec::new(),
        rows: 0,
        skipped: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        problems: Vec::new(),
        problems_omitted: 0,
        preview_columns: Vec::new(),
        preview: Vec::new(),
    }
}

/// A file to start from: the header and one example row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportTemplate {
    pub kind: ImportKind,
    /// A name to save it under, e.g. `employees.csv`.
    pub file_name: String,
    pub header: String,
    pub example: String,
}

impl ImportTemplate {
    /// The file's text: header and example, each ending in a newline.
    pub fn csv(&self) -> String {
        format!("{}\n{}\n", self.header, self.example)
    }
}

/// The template of one kind. Its example row imports as it is (the completion's employee and
/// program are the other templates' examples).
pub fn template(kind: ImportKind) -> ImportTemplate {
    let example = match kind {
        ImportKind::Employees => {
            "E1001,Ada Lovelace,ada.lovelace@example.com,Data engineer,Data,,1990,2021-03-15,Berlin,yes,"
        }
        ImportKind::Programs => {
            "P1001,Prompt engineering basics,Prompt engineering,Workshop,Example Academy,8,24"
        }
        ImportKind::Completions => "E1001,P1001,2025-06-30,92,CERT-2025-0001",
        ImportKind::Requirements => {
            "R1001,AI literacy for data roles,,Data,,P1001,,90,2025-02-02"
        }
        ImportKind::Exemptions => "E1001,R1001,Joined from a partner who trained them,2026-12-31",
        ImportKind::Targets => "T1001,Data reaches 80%,Data,,,,,,coverage,80,2027-06-30",
    };
    ImportTemplate {
        kind,
        file_name: format!("{kind}.csv"),
        header: kind.columns().join(","),
        example: example.to_string(),
    }
}

/// The templates of every kind, for the "download template" buttons.
pub fn templates() -> Vec<ImportTemplate> {
    ImportKind::ALL.into_iter().map(template).collect()
}

/// Writes the template of `kind` to `dest` with the CSV writer every export uses (so it opens
/// cleanly in Excel), atomically.
pub fn write_template(kind: ImportKind, dest: &Path) -> Result<()> {
    let template = template(kind);
    crate::export::write_atomic(dest, |file| {
        let mut out = crate::export::CsvOut::new(file, crate::export::Delimiter::Comma)?;
        out.header(kind.columns())?;
        let cells: Vec<crate::export::Cell<'_>> = template
            .example
            .split(',')
            .map(|v| {
                if v.is_empty() {
                    crate::export::Cell::Empty
                } else {
                    crate::export::Cell::text(v)
                }
            })
            .collect();
        out.row(&cells)?;
        out.finish()?;
        Ok(())
    })
}
