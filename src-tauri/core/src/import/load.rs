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

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::compact::{Interner, KeySorter};
use super::decode::{self, Detected};
use super::records::{self, Delimiter, ReadError, Record, Records};
use super::rows::{col, quoted, Header, RowContext};
use super::{
    Cancel, ImportOptions, ImportOutcome, ImportPhase, ImportPreviewRow, ImportProblem,
    ImportProgress, ImportReport, MAX_PROBLEMS, PREVIEW_ROWS,
};
use crate::completions::{self, CompletionColumns, CompletionRow};
use crate::domain::MAX_ID_LEN;
use crate::employees::{self, EmployeeColumns};
use crate::error::{Error, FieldProblem, Result};
use crate::programs::{self, ProgramColumns};

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
    pub fn open(path: &Path) -> io::Result<Source> {
        let stamp = Self::stamp(path)?;
        let detected = decode::detect(path)?;
        let delimiter = records::sniff_delimiter(decode::open(path, &detected)?)?;
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

    fn records(&self) -> Result<Records<decode::DecodedReader>> {
        let reader =
            decode::open(&self.path, &self.detected).map_err(|e| Error::io(&self.path, e))?;
        Ok(Records::new(reader, self.delimiter))
    }

    fn read_error(&self, e: io::Error) -> Error {
        Error::io(&self.path, e)
    }
}

/// Reads and maps the header. None (with the problems in `report`) when the file cannot be
/// imported: it is empty, unreadable, or lacks a required column. No row is read.
pub(crate) fn read_header(
    source: &Source,
    kind: super::ImportKind,
    report: &mut ImportReport,
) -> Result<Option<Header>> {
    let mut records = source.records()?;
    let problem = |line: u64, column: &str, message: String| ImportProblem {
        file: report.file.clone(),
        line,
        column: column.to_string(),
        message,
    };
    let found = match records.advance() {
        Ok(true) => Header::map(kind, &records.current()),
        Ok(false) => {
            let p = problem(
                0,
                "",
                "the file is empty; it needs a header row naming its columns".into(),
            );
            report.problems.push(p);
            return Ok(None);
        }
        Err(ReadError::Io(e)) => return Err(source.read_error(e)),
        Err(e) => {
            let line = read_error_line(&e);
            report.problems.push(problem(line, "", e.to_string()));
            return Ok(None);
        }
    };
    let header = match found {
        Ok(header) => header,
        Err(problems) => {
            let line = records.current().line;
            for (column, message) in problems {
                report.problems.push(problem(line, &column, message));
            }
            return Ok(None);
        }
    };
    report.columns = header.names.clone();
    report.ignored_columns = header.ignored.clone();
    for (i, name) in header.names.iter().enumerate() {
        if header.ignored.contains(name) {
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

fn read_error_line(e: &ReadError) -> u64 {
    match e {
        ReadError::TooLong { line } | ReadError::TooManyFields { line } => *line,
        ReadError::Io(_) => 0,
    }
}

/// How a pass over the file ended.
struct Scanned {
    rows: u64,
    /// A record that could not be read; the pass stopped there.
    error: Option<ReadError>,
    replaced: bool,
}

/// Streams the data rows (the header skipped) through `each`, reporting progress and
/// stopping with [`Error::Cancelled`] once `cancel` is set.
fn scan(
    source: &Source,
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
    let mut first = true;
    loop {
        match records.advance() {
            Ok(true) if first => first = false,
            Ok(true) => {
                // Rust-side work between statements: the SQLite progress handler cannot see it.
                cancel.check()?;
                each(&records.current())?;
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
        error,
        replaced: records.input().replaced(),
    })
}

/// Collects problems with their lines and the lines of rejected rows.
pub(crate) struct Sink<'a> {
    file: &'a str,
    header: &'a Header,
    problems: Vec<ImportProblem>,
    omitted: u64,
    /// Lines of rejected rows, in the order found (repeats possible).
    rejected: Vec<u64>,
    /// A problem with the file itself: nothing can be imported.
    file_error: bool,
}

impl<'a> Sink<'a> {
    fn new(file: &'a str, header: &'a Header) -> Self {
        Sink {
            file,
            header,
            problems: Vec::new(),
            omitted: 0,
            rejected: Vec::new(),
            file_error: false,
        }
    }

    /// A problem that rejects the row on `line`. `field` is the kind's column name.
    fn add(&mut self, line: u64, field: &str, message: String) {
        if self.rejected.last() != Some(&line) {
            self.rejected.push(line);
        }
        self.push(line, field, message);
    }

    fn row(&mut self, line: u64, problems: Vec<FieldProblem>) {
        for p in problems {
            self.add(line, &p.field, p.message);
        }
    }

    fn file_problem(&mut self, line: u64, message: String) {
        self.file_error = true;
        self.push(line, "", message);
    }

    fn push(&mut self, line: u64, field: &str, mut message: String) {
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
enum Change {
    Inserted,
    Updated,
    Unchanged,
}

/// Rows inserted, updated and left as they were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    inserted: u64,
    updated: u64,
    unchanged: u64,
}

impl Counts {
    fn add(&mut self, change: Change) {
        match change {
            Change::Inserted => self.inserted += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// One kind of file: its checks and its writes.
trait Table {
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
    options: &ImportOptions,
    today: NaiveDate,
    report: &mut ImportReport,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &Cancel,
) -> Result<()> {
    let ctx = RowContext {
        header,
        date_format: options.date_format,
        today,
    };
    let mut table: Box<dyn Table> = match header.kind {
        super::ImportKind::Employees => Box::new(Staff::load(tx, header)?),
        super::ImportKind::Programs => Box::new(Catalog::load(tx, header)?),
        super::ImportKind::Completions => Box::new(Log::load(tx, header)?),
    };
    let file = report.file.clone();
    let mut sink = Sink::new(&file, header);
    let mut preview = Vec::new();
    let scanned = scan(source, ImportPhase::Checking, progress, cancel, |record| {
        table.check(tx, &ctx, record, &mut sink)?;
        if preview.len() < PREVIEW_ROWS {
            preview.push(ImportPreviewRow {
                line: record.line,
                cells: ctx.preview(record),
                rejected: false,
            });
        }
        Ok(())
    })?;
    if let Some(e) = &scanned.error {
        sink.file_problem(read_error_line(e), e.to_string());
    }
    if scanned.replaced {
        report.warnings.push(format!(
            "some characters could not be read as {} and were replaced by \u{FFFD}",
            source.detected.encoding
        ));
    }
    if scanned.rows == 0 && scanned.error.is_none() {
        report
            .warnings
            .push("the file has a header but no rows".into());
    }
    table.check_across(&mut sink)?;

    let rejected = sink.rejected_lines();
    for row in &mut preview {
        row.rejected = rejected.binary_search(&row.line).is_ok();
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
        write(
            tx,
            source,
            &ctx,
            table.as_mut(),
            &rejected,
            scanned.rows,
            report,
            progress,
            cancel,
        )?;
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
        let scanned = scan(source, ImportPhase::Writing, progress, cancel, |record| {
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
        })?;
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
fn key_cell(ctx: &RowContext<'_>, record: &Record<'_>, column: usize) -> Option<String> {
    let text = ctx.header.cell(record, column)?;
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_ID_LEN).then(|| text.to_string())
}

/// The first line a key was seen on, and whether its duplication was reported there yet.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    line: u64,
    reported: bool,
}

impl Seen {
    /// Records `key` on `line`. If it was on an earlier line, reports both lines (the first
    /// only once) and returns false.
    fn claim(&mut self, line: u64, column: &str, key: &str, sink: &mut Sink<'_>) -> bool {
        if self.line == 0 {
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
enum RowState {
    /// Not in the file.
    Absent,
    Valid,
    Rejected,
}

// ---------------------------------------------------------------------------------------
// Employees

const NONE: u32 = u32::MAX;

/// One employee id, from the database, the file or both.
#[derive(Debug, Clone)]
struct Node {
    in_db: bool,
    /// The manager in the database (NONE: none).
    db_manager: u32,
    seen: Seen,
    state: RowState,
    /// The manager after the import, for a valid row (NONE: none).
    file_manager: u32,
    /// An existing employee whose manager the file changes.
    manager_changed: bool,
}

impl Node {
    fn new() -> Node {
        Node {
            in_db: false,
            db_manager: NONE,
            seen: Seen::default(),
            state: RowState::Absent,
            file_manager: NONE,
            manager_changed: false,
        }
    }

    /// Whether the employee exists once the import is done.
    fn available(&self) -> bool {
        self.in_db || self.state == RowState::Valid
    }

    /// The manager once the import is done.
    fn next(&self) -> u32 {
        match self.state {
            RowState::Valid => self.file_manager,
            _ if self.in_db => self.db_manager,
            _ => NONE,
        }
    }
}

/// Employees: ids of the database and the file as one graph of who reports to whom.
struct Staff {
    /// Every employee id of the database and the file, numbered (a node each).
    ids: Interner,
    nodes: Vec<Node>,
    columns: EmployeeColumns,
    manager_column: bool,
    /// Rejected rows and the manager they name: a manager found nowhere is reported on
    /// them too, so one run lists every problem of a row.
    rejected_managers: Vec<(u64, u32)>,
    /// Pass 2: existing employees whose manager changes, set after every row is written.
    manager_changes: Vec<(String, bool, Option<String>)>,
    /// Pass 2: from the first new employee, the insert trigger's loop check set aside
    /// (check_across has refused every loop; [`employees::BulkInsert`] checks again).
    bulk: Option<employees::BulkInsert>,
}

impl Staff {
    fn load(conn: &Connection, header: &Header) -> Result<Staff> {
        use col::employee::*;
        let mut staff = Staff {
            ids: Interner::new(),
            nodes: Vec::new(),
            columns: EmployeeColumns {
                email: header.has(EMAIL),
                birth_year: header.has(BIRTH_YEAR),
                hire_date: header.has(HIRE_DATE),
                location: header.has(LOCATION),
                active: header.has(ACTIVE),
            },
            manager_column: header.has(MANAGER_ID),
            rejected_managers: Vec::new(),
            manager_changes: Vec::new(),
            bulk: None,
        };
        employees::for_each_manager(conn, |id, manager| {
            let n = staff.intern(id);
            staff.nodes[n as usize].in_db = true;
            if let Some(manager) = manager {
                let m = staff.intern(manager);
                staff.nodes[n as usize].db_manager = m;
            }
        })?;
        Ok(staff)
    }

    fn intern(&mut self, id: &str) -> u32 {
        let n = self.ids.intern(id);
        if n as usize == self.nodes.len() {
            self.nodes.push(Node::new());
        }
        n
    }

    fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    fn node_mut(&mut self, n: u32) -> &mut Node {
        &mut self.nodes[n as usize]
    }

    /// Rejects the valid row of `n` and says why.
    fn reject(&mut self, n: u32, message: String, sink: &mut Sink<'_>) {
        let node = self.node_mut(n);
        node.state = RowState::Rejected;
        let line = node.seen.line;
        sink.add(line, "manager_id", message);
    }

    /// Why `m` cannot be a manager after the import.
    fn unavailable(&self, m: u32) -> String {
        let node = self.node(m);
        if node.seen.line == 0 {
            format!(
                "there is no employee with id {} in the database or in this file",
                quoted(self.ids.name(m))
            )
        } else {
            format!(
                "{} is not imported: line {} has problems",
                quoted(self.ids.name(m)),
                node.seen.line
            )
        }
    }

    /// Rejects every valid row whose manager will not exist, and then the rows below those
    /// (a worklist, so a long chain costs its length, not its length squared).
    fn reject_dangling(&mut self, mut queue: Vec<u32>, sink: &mut Sink<'_>) {
        let mut edges: Vec<(u32, u32)> = (0..self.nodes.len() as u32)
            .filter(|&c| self.node(c).state == RowState::Valid && self.node(c).file_manager != NONE)
            .map(|c| (self.node(c).file_manager, c))
            .collect();
        edges.sort_unstable();
        for &(m, c) in &edges {
            if !self.node(m).available() && self.node(c).state == RowState::Valid {
                let message = self.unavailable(m);
                self.reject(c, message, sink);
                if !self.node(c).in_db {
                    queue.push(c);
                }
            }
        }
        while let Some(m) = queue.pop() {
            let start = edges.partition_point(|&(x, _)| x < m);
            for &(x, c) in &edges[start..] {
                if x != m {
                    break;
                }
                if self.node(c).state == RowState::Valid {
                    let message = self.unavailable(m);
                    self.reject(c, message, sink);
                    if !self.node(c).in_db {
                        queue.push(c);
                    }
                }
            }
        }
    }

    /// Reporting loops in the graph as it would be after the import (file rows over the
    /// database's), each as its nodes in reporting order. Each node has at most one manager,
    /// so one walk per node, marking as it goes, finds every loop in linear time.
    fn find_loops(&self) -> Vec<Vec<u32>> {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut color = vec![NEW; self.nodes.len()];
        let mut loops = Vec::new();
        let mut path = Vec::new();
        for start in 0..self.nodes.len() as u32 {
            if self.node(start).state != RowState::Valid || color[start as usize] != NEW {
                continue;
            }
            path.clear();
            let mut x = start;
            while x != NONE && color[x as usize] == NEW {
                color[x as usize] = ON_PATH;
                path.push(x);
                x = self.node(x).next();
            }
            if x != NONE && color[x as usize] == ON_PATH {
                if let Some(i) = path.iter().position(|&p| p == x) {
                    loops.push(path[i..].to_vec());
                }
            }
            for &p in &path {
                color[p as usize] = DONE;
            }
        }
        loops
    }

    fn describe(&self, n: u32) -> String {
        let node = self.node(n);
        let name = self.ids.name(n);
        if node.state == RowState::Valid {
            format!("{name} (line {})", node.seen.line)
        } else {
            format!("{name} (in the database)")
        }
    }
}

impl Table for Staff {
    fn check(
        &mut self,
        _tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let line = record.line;
        let result = ctx.employee(record);
        let node = key_cell(ctx, record, col::employee::EMPLOYEE_ID).map(|id| {
            let n = self.intern(&id);
            (
                n,
                self.node_mut(n).seen.claim(line, "employee_id", &id, sink),
            )
        });
        match (result, node) {
            (Ok(v), Some((n, true))) => {
                let manager = if self.manager_column {
                    v.manager_id.as_deref().map_or(NONE, |m| self.intern(m))
                } else {
                    self.node(n).db_manager
                };
                let node = self.node_mut(n);
                node.state = RowState::Valid;
                node.file_manager = manager;
            }
            (result, node) => {
                if let Err(problems) = result {
                    sink.row(line, problems);
                }
                if let Some((n, _)) = node {
                    self.node_mut(n).state = RowState::Rejected;
                }
                if let Some(manager) = key_cell(ctx, record, col::employee::MANAGER_ID) {
                    let m = self.intern(&manager);
                    self.rejected_managers.push((line, m));
                }
            }
        }
        Ok(())
    }

    fn check_across(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        for (line, m) in std::mem::take(&mut self.rejected_managers) {
            let node = self.node(m);
            if node.seen.line == 0 && !node.in_db {
                sink.add(line, "manager_id", self.unavailable(m));
            }
        }
        // Rows rejected so far whose employee is new: those below them lose their manager.
        let mut queue: Vec<u32> = (0..self.nodes.len() as u32)
            .filter(|&n| self.node(n).state == RowState::Rejected && !self.node(n).in_db)
            .collect();
        loop {
            self.reject_dangling(std::mem::take(&mut queue), sink);
            let loops = self.find_loops();
            if loops.is_empty() {
                break;
            }
            // Rejecting a row puts back its database manager, which may close another loop:
            // hence the loop until none is left.
            for cycle in loops {
                let mut chain: Vec<String> = cycle.iter().map(|&n| self.describe(n)).collect();
                chain.push(self.ids.name(cycle[0]).to_string());
                let message = format!("would make a reporting loop: {}", chain.join(" → "));
                for &n in &cycle {
                    if self.node(n).state == RowState::Valid {
                        self.reject(n, message.clone(), sink);
                        if !self.node(n).in_db {
                            queue.push(n);
                        }
                    }
                }
            }
        }
        for node in &mut self.nodes {
            node.manager_changed = self.manager_column
                && node.in_db
                && node.state == RowState::Valid
                && node.file_manager != node.db_manager;
        }
        Ok(())
    }

    fn write(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> Result<Option<Change>> {
        let Ok(valid) = ctx.employee(record) else {
            return Ok(None);
        };
        let Some(n) = self.ids.get(valid.employee_id.as_str()) else {
            return Ok(None);
        };
        let node = self.node(n);
        if node.state != RowState::Valid || node.seen.line != record.line {
            return Ok(None);
        }
        if !node.in_db {
            // A new employee may get their manager at once: a loop through them needs a line
            // to them, and only rows of this file, written later, can draw one.
            if self.bulk.is_none() {
                self.bulk = Some(employees::BulkInsert::begin(tx)?);
            }
            employees::insert(tx, &valid)?;
            return Ok(Some(Change::Inserted));
        }
        let changed = employees::update_changed(tx, &valid, &self.columns)?;
        if node.manager_changed {
            self.manager_changes.push((
                valid.employee_id,
                node.db_manager != NONE,
                valid.manager_id,
            ));
            Ok(Some(Change::Updated))
        } else if changed {
            Ok(Some(Change::Updated))
        } else {
            Ok(Some(Change::Unchanged))
        }
    }

    /// Moves existing employees to their new managers: first every changed line is removed,
    /// then the new ones drawn, so no order of rows can make a loop the triggers would refuse
    /// on the way to a final state that has none.
    fn finish(&mut self, tx: &Connection, _progress: &mut dyn FnMut(u64)) -> Result<Counts> {
        for (employee_id, had_manager, _) in &self.manager_changes {
            if *had_manager {
                employees::set_manager(tx, employee_id, None)?;
            }
        }
        for (employee_id, _, manager) in &self.manager_changes {
            if let Some(manager) = manager {
                employees::set_manager(tx, employee_id, Some(manager))?;
            }
        }
        if let Some(bulk) = self.bulk.take() {
            bulk.finish(tx)?;
        }
        Ok(Counts::default())
    }
}

// ---------------------------------------------------------------------------------------
// Programs

#[derive(Debug, Clone, Copy)]
struct ProgramNode {
    in_db: bool,
    seen: Seen,
    state: RowState,
}

/// Programs: the catalog's ids, to tell inserts from updates and find duplicates.
struct Catalog {
    ids: HashMap<Box<str>, ProgramNode>,
    columns: ProgramColumns,
}

impl Catalog {
    fn load(conn: &Connection, header: &Header) -> Result<Catalog> {
        use col::program::*;
        let mut ids = HashMap::new();
        programs::for_each_ref(conn, |_, program_id| {
            ids.insert(
                Box::from(program_id),
                ProgramNode {
                    in_db: true,
                    seen: Seen::default(),
                    state: RowState::Absent,
                },
            );
        })?;
        Ok(Catalog {
            ids,
            columns: ProgramColumns {
                provider: header.has(PROVIDER),
                hours: header.has(HOURS),
                validity_months: header.has(VALIDITY_MONTHS),
            },
        })
    }
}

impl Table for Catalog {
    fn check(
        &mut self,
        _tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let line = record.line;
        let result = ctx.program(record);
        let mut unique = true;
        let mut node = None;
        if let Some(id) = key_cell(ctx, record, col::program::PROGRAM_ID) {
            let entry = self
                .ids
                .entry(Box::from(id.as_str()))
                .or_insert(ProgramNode {
                    in_db: false,
                    seen: Seen::default(),
                    state: RowState::Absent,
                });
            unique = entry.seen.claim(line, "program_id", &id, sink);
            node = Some(entry);
        }
        let valid = match result {
            Ok(_) => unique,
            Err(problems) => {
                sink.row(line, problems);
                false
            }
        };
        if let Some(node) = node {
            node.state = if valid {
                RowState::Valid
            } else {
                RowState::Rejected
            };
        }
        Ok(())
    }

    fn check_across(&mut self, _sink: &mut Sink<'_>) -> Result<()> {
        Ok(())
    }

    fn write(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> Result<Option<Change>> {
        let Ok(valid) = ctx.program(record) else {
            return Ok(None);
        };
        let Some(node) = self.ids.get(valid.program_id.as_str()) else {
            return Ok(None);
        };
        if node.state != RowState::Valid || node.seen.line != record.line {
            return Ok(None);
        }
        if !node.in_db {
            programs::insert(tx, &valid)?;
            Ok(Some(Change::Inserted))
        } else if programs::update_changed(tx, &valid, &self.columns)? {
            Ok(Some(Change::Updated))
        } else {
            Ok(Some(Change::Unchanged))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Completions

/// Ids to row ids, loaded once so a million rows need no query to resolve them. The dense
/// index (a u32) is what the duplicate keys hold.
struct Refs {
    ids: Interner,
    refs: Vec<i64>,
}

impl Refs {
    fn new() -> Refs {
        Refs {
            ids: Interner::new(),
            refs: Vec::new(),
        }
    }

    fn add(&mut self, row_id: i64, id: &str) {
        // Ids are unique in the database: each is new here.
        if self.ids.intern(id) as usize == self.refs.len() {
            self.refs.push(row_id);
        }
    }

    fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    fn name(&self, n: u32) -> &str {
        self.ids.name(n)
    }
}

/// Completions: references resolved from memory, duplicates found by sorting compact keys.
struct Log {
    employees: Refs,
    programs: Refs,
    /// Pass 1: employee index, program index, day, line: 16 bytes a row, sorted with
    /// bounded memory (taken by check_across).
    keys: Option<KeySorter>,
    columns: CompletionColumns,
    /// Rows with a larger id were inserted by this import.
    max_id_before: i64,
    /// Rows in the staging table (each under its line number).
    staged: i64,
    /// Lines check_across rejected (the same completion on several lines): staged, but
    /// not to be written.
    duplicates: Vec<u64>,
}

impl Log {
    fn load(conn: &Connection, header: &Header) -> Result<Log> {
        use col::completion::*;
        let mut employees = Refs::new();
        employees::for_each_ref(conn, |id, employee_id| employees.add(id, employee_id))?;
        let mut programs = Refs::new();
        programs::for_each_ref(conn, |id, program_id| programs.add(id, program_id))?;
        let max_id_before = completions::max_id(conn)?;
        completions::stage_begin(conn)?;
        Ok(Log {
            employees,
            programs,
            keys: Some(KeySorter::new()),
            columns: CompletionColumns {
                score: header.has(SCORE),
                certificate_id: header.has(CERTIFICATE_ID),
            },
            max_id_before,
            staged: 0,
            duplicates: Vec::new(),
        })
    }

    /// Reports each line of `group` (keys equal but for the line, in line order) when
    /// there is more than one.
    fn report_duplicates(&mut self, group: &[u128], sink: &mut Sink<'_>) {
        let [first_key, second_key, ..] = group else {
            return;
        };
        let key = first_key >> 32;
        let employee = self.employees.name((key >> 64) as u32);
        let program = self.programs.name(((key >> 32) & 0xFFFF_FFFF) as u32);
        let day = NaiveDate::from_num_days_from_ce_opt((key & 0xFFFF_FFFF) as i32)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let what = format!(
            "{}'s completion of {} on {day}",
            quoted(employee),
            quoted(program)
        );
        let line = |k: u128| u64::from(k as u32);
        self.duplicates.extend(group.iter().map(|&k| line(k)));
        let first = line(*first_key);
        sink.add(
            first,
            "employee_id",
            format!("{what} also appears on line {}", line(*second_key)),
        );
        for &k in &group[1..] {
            sink.add(
                line(k),
                "employee_id",
                format!("{what} also appears on line {first}"),
            );
        }
    }

    fn key(employee: u32, program: u32, day: NaiveDate, line: u32) -> u128 {
        let day = day.num_days_from_ce() as u32;
        (u128::from(employee) << 96)
            | (u128::from(program) << 64)
            | (u128::from(day) << 32)
            | u128::from(line)
    }
}

impl Table for Log {
    fn check(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let line = record.line;
        let valid = match ctx.completion(record) {
            Ok(valid) => valid,
            Err(problems) => {
                sink.row(line, problems);
                return Ok(());
            }
        };
        let employee = self.employees.get(&valid.employee_id);
        let program = self.programs.get(&valid.program_id);
        let mut problems = Vec::new();
        if employee.is_none() {
            problems.push(FieldProblem::new(
                "employee_id",
                format!(
                    "there is no employee with id {}",
                    quoted(&valid.employee_id)
                ),
            ));
        }
        if program.is_none() {
            problems.push(FieldProblem::new(
                "program_id",
                format!("there is no program with id {}", quoted(&valid.program_id)),
            ));
        }
        match (employee, program, u32::try_from(line)) {
            (Some(e), Some(p), Ok(l)) => {
                if let Some(keys) = &mut self.keys {
                    keys.push(Log::key(e, p, valid.completed_on, l))?;
                }
                let row = CompletionRow {
                    employee_ref: self.employees.refs[e as usize],
                    program_ref: self.programs.refs[p as usize],
                    completion: valid,
                };
                completions::stage(tx, line, &row)?;
                self.staged += 1;
            }
            (_, _, Err(_)) => sink.file_problem(line, "the file has too many lines".into()),
            _ => sink.row(line, problems),
        }
        Ok(())
    }

    fn check_across(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        let Some(keys) = self.keys.take() else {
            return Ok(());
        };
        // Equal keys but for the line are neighbours in the sorted keys: each such group is
        // one completion on several lines.
        let mut group: Vec<u128> = Vec::new();
        for key in keys.sorted()? {
            let key = key?;
            if group.last().is_some_and(|last| last >> 32 != key >> 32) {
                self.report_duplicates(&group, sink);
                group.clear();
            }
            group.push(key);
        }
        self.report_duplicates(&group, sink);
        Ok(())
    }

    fn write(
        &mut self,
        _tx: &Connection,
        _ctx: &RowContext<'_>,
        _record: &Record<'_>,
    ) -> Result<Option<Change>> {
        Err(Error::Internal(
            "completions are staged while they are checked; there is no second pass".into(),
        ))
    }

    fn writes_while_checking(&self) -> bool {
        true
    }

    fn end(&mut self, tx: &Connection) -> Result<()> {
        completions::stage_end(tx)
    }

    fn finish(&mut self, tx: &Connection, progress: &mut dyn FnMut(u64)) -> Result<Counts> {
        let max_id_before = self.max_id_before;
        for line in std::mem::take(&mut self.duplicates) {
            completions::unstage(tx, line)?;
            self.staged -= 1;
        }
        // One statement moves every staged row, in key order (SQLite's sorter spills to disk,
        // so memory stays bounded): each index then fills front to back, whatever the file's
        // order. The reach trigger is set aside and its work done in one statement after
        // (reach::bulk_insert: the move only inserts, or changes scores and certificates).
        // A load at least as big as the table also rebuilds its other indexes after, from
        // sorted rows, instead of updating them a row at a time all over.
        progress(0);
        let (staged, columns) = (self.staged, self.columns);
        let rebuild = staged >= max_id_before;
        let written = crate::reach::bulk_insert(tx, |conn| {
            if rebuild {
                completions::with_indexes_rebuilt(conn, || {
                    completions::upsert_staged(conn, &columns)
                })
            } else {
                completions::upsert_staged(conn, &columns)
            }
        })? as u64;
        progress(staged as u64);
        let inserted = completions::count_above(tx, max_id_before)? as u64;
        Ok(Counts {
            inserted,
            updated: written.saturating_sub(inserted),
            unchanged: (self.staged as u64).saturating_sub(written),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{import_file, ImportKind, ImportOptions, ImportOutcome};
    use crate::db::Db;
    use chrono::NaiveDate;
    use rusqlite::Connection;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

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
