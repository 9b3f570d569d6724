//! The loader: the two passes over a file inside one transaction, and the per-kind checks
//! across rows (duplicate keys, references, reporting loops) and writes.
//!
//! Pass 1 checks each row as it streams by and keeps only what the checks across rows need:
//! the HR ids of the employees and programs (to resolve references without a query per row;
//! compact.rs) and, for completions, one 16-byte key per row (sorted with bounded memory).
//! Pass 2 reads the file again and writes the rows that passed with cached statements,
//! deciding insert / update / unchanged without a `SELECT` per row. Completions have no
//! pass 2: pass 1 also stages each row that passes its own checks in a temporary table on
//! disk, and the rows that pass every check move from there in one statement.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::columns::{find_header, is_second_header, Header, HEADER_SEARCH_RECORDS};
use super::completions::Log;
use super::decode::{self, Detected};
use super::employees::Staff;
use super::keyed::Keyed;
use super::mapping::{Duplicates, Mapping};
use super::programs::Catalog;
use super::records::{self, Delimiter, ReadError, Record, Records};
use super::rows::{quoted, RowContext};
use super::survey::Survey;
use super::{
    Cancel, ImportOptions, ImportOutcome, ImportPhase, ImportPreviewRow, ImportProblem,
    ImportProgress, ImportReport, MAX_PROBLEMS, PREVIEW_ROWS,
};
use crate::domain::MAX_ID_LEN;
use crate::error::{Error, FieldProblem, Result};

/// Progress is reported every this many rows.
const PROGRESS_EVERY: u64 = 4096;
/// The longest problem message kept (messages quote cells, which may be huge).
const MAX_MESSAGE: usize = 300;

/// An import file: where it is and how it is read.
pub(crate) struct Source {
    path: PathBuf,
    pub detected: Detected,
    pub delimiter: Delimiter,
    /// The file's length and modification time when it was opened.
    stamp: (u64, Option<std::time::SystemTime>),
}

impl Source {
    /// Opens `path`, detecting what `encoding` and `delimiter` do not say (a mapping's
    /// `[file]`). A byte order mark still wins over a named encoding.
    pub fn open_with(
        path: &Path,
        encoding: Option<super::Encoding>,
        delimiter: Option<Delimiter>,
    ) -> io::Result<Source> {
        let stamp = Self::stamp(path)?;
        let mut detected = decode::detect(path)?;
        if let Some(encoding) = encoding {
            if detected.bom_len == 0 {
                detected.encoding = encoding;
            }
        }
        let delimiter = match delimiter {
            Some(d) => d,
            None => records::sniff_delimiter(decode::open(path, &detected)?)?,
        };
        Ok(Source {
            path: path.to_path_buf(),
            detected,
            delimiter,
            stamp,
        })
    }

    fn stamp(path: &Path) -> io::Result<(u64, Option<std::time::SystemTime>)> {
        let meta = std::fs::metadata(path)?;
        Ok((meta.len(), meta.modified().ok()))
    }

    /// Whether the file was written to since it was opened.
    fn changed(&self) -> Result<bool> {
        Ok(Self::stamp(&self.path).map_err(|e| self.read_error(e))? != self.stamp)
    }

    pub(crate) fn records(&self) -> Result<Records<decode::DecodedReader>> {
        let reader =
            decode::open(&self.path, &self.detected).map_err(|e| Error::io(&self.path, e))?;
        Ok(Records::new(reader, self.delimiter))
    }

    fn read_error(&self, e: io::Error) -> Error {
        Error::io(&self.path, e)
    }

    /// A record a read before the checking pass could not read: that pass reports it at its
    /// line, so the earlier read just ends there (false); only an I/O failure is an error.
    pub(crate) fn survey_error(&self, e: ReadError) -> Result<bool> {
        match e {
            ReadError::Io(e) => Err(self.read_error(e)),
            _ => Ok(false),
        }
    }
}

/// Finds and maps the header: the mapping's `header_row`, else the first of the top records
/// with the most recognised headers (title rows above it are reported and ignored). None
/// (with the problems in `report`) when the file cannot be imported: it is empty,
/// unreadable, or lacks a required column. Problems with the mapping are an error: nothing
/// is read further.
pub(crate) fn read_header(
    source: &Source,
    kind: super::ImportKind,
    mapping: Option<&Mapping>,
    lenient: bool,
    report: &mut ImportReport,
) -> Result<Option<Header>> {
    let mut records = source.records()?;
    let problem = |line: u64, column: &str, message: String| ImportProblem {
        file: report.file.clone(),
        line,
        column: column.to_string(),
        message,
    };
    // The top records, as text, for finding the header row.
    let mut head: Vec<(u64, Vec<String>)> = Vec::new();
    let wanted = mapping.and_then(|m| m.file.header_row);
    loop {
        match records.advance() {
            Ok(true) => {
                let r = records.current();
                let cells = (0..r.len())
                    .map(|i| r.text(i).unwrap_or_default().trim().to_string())
                    .collect();
                head.push((r.line, cells));
                let enough = match wanted {
                    Some(line) => r.line > line,
                    None => head.len() > HEADER_SEARCH_RECORDS,
                };
                if enough {
                    break;
                }
            }
            Ok(false) => break,
            Err(ReadError::Io(e)) => return Err(source.read_error(e)),
            Err(e) => {
                if head.is_empty() {
                    let line = read_error_line(&e);
                    report.problems.push(problem(line, "", e.to_string()));
                    return Ok(None);
                }
                break;
            }
        }
    }
    if head.is_empty() {
        let p = problem(
            0,
            "",
            "the file is empty; it needs a header row naming its columns".into(),
        );
        report.problems.push(p);
        return Ok(None);
    }
    let at = match wanted {
        Some(line) => match head.iter().position(|(l, _)| *l == line) {
            Some(i) => i,
            None => {
                let m = mapping.map(|m| m.source.as_str()).unwrap_or("mapping");
                return Err(Error::Mapping(vec![format!(
                    "{m}:{}: header_row = {line}, but line {line} of {} is blank or past its end",
                    mapping_line(mapping, "header_row"),
                    report.file
                )]));
            }
        },
        None => find_header(kind, &head),
    };
    let (line, names) = head[at].clone();
    if at > 0 && wanted.is_none() {
        report.warnings.push(format!(
            "line {} looks like a title; the header seems to be on line {line}",
            head[0].0
        ));
    }
    let mut header = match Header::build(kind, names, line, mapping, lenient) {
        Ok(header) => header,
        Err((problems, mapping_problems)) => {
            if !mapping_problems.is_empty() {
                return Err(Error::Mapping(mapping_problems));
            }
            for (column, message) in problems {
                report.problems.push(problem(line, &column, message));
            }
            return Ok(None);
        }
    };
    if let Some((next_line, cells)) = head.get(at + 1) {
        if is_second_header(kind, &header.names, cells) {
            header.data_from = next_line + 1;
            report.warnings.push(format!(
                "line {next_line} looks like a second header row (labels under the column names); it was skipped"
            ));
        }
    }
    report.header_line = line;
    report.columns = header.names.clone();
    report.ignored_columns = header.ignored.clone();
    report.notes = header.notes.clone();
    report.warnings.extend(header.warnings.iter().cloned());
    for (i, name) in header.names.iter().enumerate() {
        if header.ignored.contains(name) {
            let recognised = !name.is_empty() && super::columns::recognise(kind, name).is_some();
            if recognised {
                continue;
            }
            report.warnings.push(if name.is_empty() {
                format!("column {} has no name; it was ignored", i + 1)
            } else {
                format!(
                    "column {} is not one of the {kind} columns; it was ignored",
                    quoted(name)
                )
            });
        }
    }
    report.preview_columns = kind
        .columns()
        .iter()
        .enumerate()
        .filter(|(c, _)| header.has(*c))
        .map(|(_, name)| name.to_string())
        .collect();
    Ok(Some(header))
}

/// The mapping file's line of a `[file]` key (1 when unknown).
fn mapping_line(mapping: Option<&Mapping>, key: &str) -> u64 {
    let Some(m) = mapping else { return 1 };
    m.text
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i as u64 + 1)
}

fn read_error_line(e: &ReadError) -> u64 {
    match e {
        ReadError::TooLong { line } | ReadError::TooManyFields { line } => *line,
        ReadError::Io(_) => 0,
    }
}

/// How a pass over the file ended.
struct Scanned {
    rows: u64,
    /// Rows that are not records, by why: a mapping's rule, not completed, continuation,
    /// totals (the order of [`Skip`]).
    skipped: [u64; 4],
    /// A record that could not be read; the pass stopped there.
    error: Option<ReadError>,
    replaced: bool,
}

/// Streams the data rows (the header skipped) through `each`, reporting progress and
/// stopping with [`Error::Cancelled`] once `cancel` is set.
fn scan(
    source: &Source,
    header: &Header,
    phase: ImportPhase,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &Cancel,
    mut each: impl FnMut(&Record<'_>) -> Result<()>,
) -> Result<Scanned> {
    let mut records = source.records()?;
    let total_bytes = source.detected.total_bytes;
    let mut rows = 0u64;
    let mut report = |rows: u64, bytes_read: u64| {
        progress(ImportProgress {
            phase,
            rows,
            bytes_read,
            total_bytes,
        })
    };
    report(0, 0);
    let mut error = None;
    let mut skipped = [0u64; 4];
    loop {
        match records.advance() {
            Ok(true) if records.current().line < header.data_from => {}
            Ok(true) => {
                // Rust-side work between statements: the SQLite progress handler cannot see it.
                cancel.check()?;
                let record = records.current();
                if let Some(why) = header.skip(&record) {
                    skipped[why as usize] += 1;
                    continue;
                }
                each(&record)?;
                rows += 1;
                if rows.is_multiple_of(PROGRESS_EVERY) {
                    report(rows, records.input().bytes_read());
                }
            }
            Ok(false) => break,
            Err(ReadError::Io(e)) => return Err(source.read_error(e)),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    report(rows, records.input().bytes_read());
    Ok(Scanned {
        rows,
        skipped,
        error,
        replaced: records.input().replaced(),
    })
}

/// Collects problems with their lines and the lines of rejected rows.
pub(crate) struct Sink<'a> {
    file: &'a str,
    pub(super) header: &'a Header,
    problems: Vec<ImportProblem>,
    omitted: u64,
    /// Lines of rejected rows, in the order found (repeats possible).
    rejected: Vec<u64>,
    /// A problem with the file itself: nothing can be imported.
    file_error: bool,
    /// Warnings about single rows (`line N: ...`), at most [`MAX_ROW_WARNINGS`].
    warnings: Vec<String>,
    warnings_omitted: u64,
    /// Lines that are left out without being rejected: an earlier row of a key that a later
    /// one replaces (`duplicates = "last"`), a row whose learner or course is unknown and to
    /// be skipped.
    left_out: Vec<u64>,
    /// Rows left out as unknown references (`unknown_employee`/`unknown_program = "skip"`).
    pub(super) skipped_unknown: u64,
}

/// How many row warnings a report lists; past this it counts them.
const MAX_ROW_WARNINGS: usize = 200;

impl<'a> Sink<'a> {
    fn new(file: &'a str, header: &'a Header) -> Self {
        Sink {
            file,
            header,
            problems: Vec::new(),
            omitted: 0,
            rejected: Vec::new(),
            file_error: false,
            warnings: Vec::new(),
            warnings_omitted: 0,
            left_out: Vec::new(),
            skipped_unknown: 0,
        }
    }

    /// Rejects the row on `line` without a problem of its own (another problem says why).
    pub(super) fn reject_quietly(&mut self, line: u64) {
        if self.rejected.last() != Some(&line) {
            self.rejected.push(line);
        }
    }

    /// A warning about the file, not one row.
    pub(super) fn note(&mut self, message: String) {
        self.warnings.insert(0, message);
    }

    /// A warning about the row on `line`; it does not reject the row.
    pub(super) fn warn(&mut self, line: u64, message: String) {
        if self.warnings.len() >= MAX_ROW_WARNINGS {
            self.warnings_omitted += 1;
        } else {
            self.warnings.push(format!("line {line}: {message}"));
        }
    }

    /// Leaves the row on `line` out of the write, without rejecting it.
    pub(super) fn leave_out(&mut self, line: u64) {
        self.left_out.push(line);
    }

    /// A problem that rejects the row on `line`. `field` is the kind's column name.
    pub(super) fn add(&mut self, line: u64, field: &str, message: String) {
        if self.rejected.last() != Some(&line) {
            self.rejected.push(line);
        }
        self.push(line, field, message);
    }

    pub(super) fn row(&mut self, line: u64, problems: Vec<FieldProblem>) {
        for p in problems {
            self.add(line, &p.field, p.message);
        }
    }

    pub(super) fn file_problem(&mut self, line: u64, message: String) {
        self.file_error = true;
        self.push(line, "", message);
    }

    pub(super) fn push(&mut self, line: u64, field: &str, mut message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.omitted += 1;
            return;
        }
        if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE) {
            message.truncate(cut);
            message.push('…');
        }
        self.problems.push(ImportProblem {
            file: self.file.to_string(),
            line,
            column: self.header.display_name(field).to_string(),
            message,
        });
    }

    fn rejected_lines(&self) -> Vec<u64> {
        let mut lines = self.rejected.clone();
        lines.sort_unstable();
        lines.dedup();
        lines
    }
}

/// Whether a row was inserted, updated or left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    Inserted,
    Updated,
    Unchanged,
}

/// Rows inserted, updated and left as they were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Counts {
    pub(super) fn add(&mut self, change: Change) {
        match change {
            Change::Inserted => self.inserted += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// One kind of file: its checks and its writes.
pub(super) trait Table {
    /// Pass 1: checks one row; its problems go to `sink`. A table that
    /// [writes while checking](Table::writes_while_checking) also stages it in `tx`.
    fn check(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()>;
    /// After pass 1: the checks that need every row (duplicates, references, loops).
    fn check_across(&mut self, sink: &mut Sink<'_>) -> Result<()>;
    /// Pass 2: writes (or queues) one row that passed. `Ok(None)` means the row no longer
    /// passes: the file changed between the passes.
    fn write(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> Result<Option<Change>>;
    /// After pass 2: writes what is queued or staged and returns its counts.
    fn finish(&mut self, _tx: &Connection, _progress: &mut dyn FnMut(u64)) -> Result<Counts> {
        Ok(Counts::default())
    }
    /// Whether pass 1 already staged the rows that passed, so there is no pass 2: then
    /// [`finish`](Table::finish) writes them, leaving out the lines `check_across` rejected.
    fn writes_while_checking(&self) -> bool {
        false
    }
    /// At the end of the import, written or not: lets go of what it staged.
    fn end(&mut self, _tx: &Connection) -> Result<()> {
        Ok(())
    }
}

/// Runs both passes in the caller's transaction and fills `report`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    tx: &Connection,
    source: &Source,
    header: &Header,
    survey: &Survey,
    options: &ImportOptions,
    today: NaiveDate,
    report: &mut ImportReport,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &Cancel,
    audit_entry: &mut dyn FnMut(&Connection, &ImportReport) -> Result<()>,
) -> Result<()> {
    let ctx = RowContext {
        header,
        date_format: options.date_format,
        today,
    };
    let mut table: Box<dyn Table> = match header.kind {
        super::ImportKind::Employees => Box::new(Staff::load(tx, source, header, survey)?),
        super::ImportKind::Programs => Box::new(Catalog::load(tx, header)?),
        super::ImportKind::Completions => Box::new(Log::load(tx, header)?),
        super::ImportKind::Requirements => {
            Box::new(Keyed::<super::requirements::Requirements>::new())
        }
        super::ImportKind::Exemptions => Box::new(Keyed::<super::exemptions::Exemptions>::new()),
        super::ImportKind::Targets => Box::new(Keyed::<super::targets::Targets>::new()),
    };
    let file = report.file.clone();
    let mut sink = Sink::new(&file, header);
    for (field, message) in &survey.file_problems {
        sink.file_error = true;
        sink.push(header.line, field, message.clone());
    }
    report.warnings.extend(survey.warnings.iter().cloned());
    let mut preview = Vec::new();
    let scanned = scan(
        source,
        header,
        ImportPhase::Checking,
        progress,
        cancel,
        |record| {
            table.check(tx, &ctx, record, &mut sink)?;
            if preview.len() < PREVIEW_ROWS {
                preview.push(ImportPreviewRow {
                    line: record.line,
                    cells: ctx.preview(record),
                    rejected: false,
                });
            }
            Ok(())
        },
    )?;
    if let Some(e) = &scanned.error {
        sink.file_problem(read_error_line(e), e.to_string());
    }
    if scanned.replaced {
        report.warnings.push(format!(
            "some characters could not be read as {} and were replaced by \u{FFFD}",
            source.detected.encoding
        ));
    }
    if scanned.rows == 0 && scanned.error.is_none() && scanned.skipped.iter().sum::<u64>() == 0 {
        report
            .warnings
            .push("the file has a header but no rows".into());
    }
    table.check_across(&mut sink)?;

    let rejected = sink.rejected_lines();
    for row in &mut preview {
        row.rejected = rejected.binary_search(&row.line).is_ok();
    }
    let [by_mapping, not_completed, continuation, totals] = scanned.skipped;
    for (n, why) in [
        (by_mapping, "left out by the mapping's keep/skip rules"),
        (not_completed, "not completions: their status or progress says the course was not completed (enrolled, in progress, not started...)"),
        (continuation, "continuation rows: their key columns are empty, as in the detail rows some HR systems put under a person"),
        (totals, "a totals row"),
    ] {
        if n > 0 {
            report.warnings.push(format!("{n} row(s) skipped: {why}"));
        }
    }
    report.skipped = scanned.skipped.iter().sum::<u64>() + sink.skipped_unknown;
    report.warnings.append(&mut sink.warnings);
    if sink.warnings_omitted > 0 {
        report
            .warnings
            .push(format!("… and {} more row warnings", sink.warnings_omitted));
    }
    report.preview = preview;
    report.rows = scanned.rows;
    report.rejected = rejected.len() as u64;
    let refused = sink.file_error || (!rejected.is_empty() && !options.skip_invalid);
    report.outcome = if refused {
        ImportOutcome::Rejected
    } else if options.dry_run {
        ImportOutcome::DryRun
    } else {
        ImportOutcome::Imported
    };

    if !sink.file_error && (options.dry_run || !refused) {
        if options.dry_run {
            // The dry run writes exactly as the import would, so its counts are the import's,
            // then rolls back to here. The outer transaction then commits nothing.
            tx.execute_batch("SAVEPOINT import_dry_run")?;
        }
        // Rows not to write: the rejected ones and those left out without a problem.
        let mut excluded = rejected.clone();
        excluded.extend(sink.left_out.iter().copied());
        excluded.sort_unstable();
        excluded.dedup();
        write(
            tx,
            source,
            &ctx,
            table.as_mut(),
            &excluded,
            scanned.rows,
            report,
            progress,
            cancel,
        )?;
        // The import's one audit entry, with the writes (a dry run's is rolled back with them).
        audit_entry(tx, report)?;
        if options.dry_run {
            tx.execute_batch("ROLLBACK TO import_dry_run; RELEASE import_dry_run")?;
        }
    }
    table.end(tx)?;

    let mut problems = std::mem::take(&mut sink.problems);
    // By line, then in the file's column order (the row's own problems come first).
    problems.sort_by_key(|p| {
        let column = header.names.iter().position(|n| *n == p.column);
        (p.line, column.map_or(0, |i| i + 1))
    });
    report.problems = problems;
    report.problems_omitted = sink.omitted;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn write(
    tx: &Connection,
    source: &Source,
    ctx: &RowContext<'_>,
    table: &mut dyn Table,
    rejected: &[u64],
    expected_rows: u64,
    report: &mut ImportReport,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &Cancel,
) -> Result<()> {
    let changed = || {
        Error::Conflict(format!(
            "{} changed while it was being imported; nothing was imported. Import it again.",
            report.file
        ))
    };
    let mut counts = Counts::default();
    let mut next_rejected = 0;
    let total_bytes = source.detected.total_bytes;
    if table.writes_while_checking() {
        // The rows were staged as they were checked: what is written is what was checked.
        // A file written to meanwhile may have been read half old, half new: refused.
        if source.changed()? {
            return Err(changed());
        }
        for (rows, bytes_read) in [(0, 0), (expected_rows, total_bytes)] {
            progress(ImportProgress {
                phase: ImportPhase::Writing,
                rows,
                bytes_read,
                total_bytes,
            });
        }
    } else {
        let scanned = scan(
            source,
            ctx.header,
            ImportPhase::Writing,
            progress,
            cancel,
            |record| {
                while rejected
                    .get(next_rejected)
                    .is_some_and(|&l| l < record.line)
                {
                    next_rejected += 1;
                }
                if rejected.get(next_rejected) == Some(&record.line) {
                    return Ok(());
                }
                match table.write(tx, ctx, record)? {
                    Some(change) => counts.add(change),
                    None => return Err(changed()),
                }
                Ok(())
            },
        )?;
        if scanned.error.is_some() || scanned.rows != expected_rows {
            return Err(changed());
        }
    }
    // Rows written row by row are in `counts`; staged ones are counted as they are moved.
    let queued = table.finish(tx, &mut |rows| {
        progress(ImportProgress {
            phase: ImportPhase::Saving,
            rows,
            bytes_read: total_bytes,
            total_bytes,
        })
    })?;
    report.inserted = counts.inserted + queued.inserted;
    report.updated = counts.updated + queued.updated;
    report.unchanged = counts.unchanged + queued.unchanged;
    Ok(())
}

/// The trimmed key cell of a row, if it could be a key at all.
pub(super) fn key_cell(ctx: &RowContext<'_>, record: &Record<'_>, column: usize) -> Option<String> {
    let text = ctx.header.cell(record, column)?;
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_ID_LEN).then(|| text.to_string())
}

/// The first line a key was seen on, and whether its duplication was reported there yet.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Seen {
    pub line: u64,
    pub reported: bool,
}

impl Seen {
    /// Records `key` on `line`. If it was on an earlier line, reports both lines (the first
    /// only once) and returns false; with `duplicates = "last"` the earlier row is left out
    /// instead, with a warning, and this one claims the key.
    pub(super) fn claim(
        &mut self,
        line: u64,
        column: &str,
        key: &str,
        sink: &mut Sink<'_>,
    ) -> bool {
        if self.line == 0 {
            self.line = line;
            return true;
        }
        if sink.header.rules.duplicates == Duplicates::Last {
            sink.warn(
                self.line,
                format!(
                    "{} appears again on line {line}, which replaces this row",
                    quoted(key)
                ),
            );
            sink.leave_out(self.line);
            self.line = line;
            return true;
        }
        if !self.reported {
            self.reported = true;
            sink.add(
                self.line,
                column,
                format!("{} also appears on line {line}", quoted(key)),
            );
        }
        sink.add(
            line,
            column,
            format!("{} also appears on line {}", quoted(key), self.line),
        );
        false
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowState {
    /// Not in the file.
    Absent,
    Valid,
    Rejected,
}

#[cfg(test)]
mod tests {
    use super::super::{import_file, ImportKind, ImportOptions, ImportOutcome};
    use crate::db::Db;
    use rusqlite::Connection;

    use crate::testing::today;

    fn schema(conn: &Connection) -> Vec<(String, String)> {
        crate::testing::pairs(
            conn,
            "SELECT name, coalesce(sql, '') FROM sqlite_schema ORDER BY name",
        )
    }

    /// Completions of 40 employees, 3 programs: keys sorted in spilled runs (RUN_KEYS is
    /// small in unit tests), duplicates found across runs, indexes and triggers set aside
    /// and put back, `reach` as the triggers would keep it.
    #[test]
    fn a_large_completions_file_through_spilled_keys_and_rebuilt_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("u.db")).unwrap();
        db.conn()
            .execute_batch(
                "INSERT INTO programs (program_id, title, skill_area, format) VALUES \
                   ('P1', 'T', 'A', 'bootcamp'), ('P2', 'T', 'B', 'workshop'), ('P3', 'T', 'A', 'other');",
            )
            .unwrap();
        for i in 1..=40 {
            db.conn()
                .execute(
                    "INSERT INTO employees (employee_id, full_name, role, department) VALUES (?, 'N', 'R', 'D')",
                    [format!("E{i}")],
                )
                .unwrap();
        }
        let before = schema(db.conn());
        let mut text = String::from("employee_id,program_id,completed_on,score\n");
        for i in 0..300u32 {
            text.push_str(&format!(
                "E{},P{},2025-{:02}-{:02},{}\n",
                i * 7 % 40 + 1,
                i % 3 + 1,
                i % 12 + 1,
                i * 13 % 28 + 1,
                i % 100
            ));
        }
        // The same completion again on lines 302 and 303 (of line 2's), far from line 2.
        text.push_str("E1,P1,2025-01-01,5\nE1,P1,2025-01-01,6\n");
        let path = dir.path().join("c.csv");
        std::fs::write(&path, &text).unwrap();
        let import = |db: &mut Db, skip_invalid: bool| {
            let options = ImportOptions {
                skip_invalid,
                ..Default::default()
            };
            import_file(
                db,
                ImportKind::Completions,
                &path,
                &options,
                today(),
                &mut |_| {},
                &crate::import::Cancel::default(),
            )
            .unwrap()
        };
        let refused = import(&mut db, false);
        assert_eq!(refused.outcome, ImportOutcome::Rejected);
        let messages: Vec<String> = refused.problems.iter().map(|p| p.to_string()).collect();
        let file = path.display();
        assert_eq!(
            messages,
            vec![
                format!("{file}:2: employee_id: 'E1''s completion of 'P1' on 2025-01-01 also appears on line 302"),
                format!("{file}:302: employee_id: 'E1''s completion of 'P1' on 2025-01-01 also appears on line 2"),
                format!("{file}:303: employee_id: 'E1''s completion of 'P1' on 2025-01-01 also appears on line 2"),
            ]
        );
        let written = import(&mut db, true);
        assert_eq!(
            (written.outcome, written.inserted, written.rejected),
            (ImportOutcome::Imported, 299, 3)
        );
        assert_eq!(
            schema(db.conn()),
            before,
            "indexes and triggers as they were"
        );
        assert_eq!(crate::reach::stale_rows(db.conn()).unwrap(), 0);
        let check: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        // Again: every row is there already, as it is.
        let again = import(&mut db, true);
        assert_eq!((again.inserted, again.unchanged), (0, 299));
        assert_eq!(schema(db.conn()), before);
    }
}
