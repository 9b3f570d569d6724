//! Reads and Cancel while an import writes (issue 13), in-process through upskill_core.
//!
//! A thread imports a completions file of new rows (gen.rs: `write_new_completions`) with
//! the core's import on a writer connection ([`Db::open`]) and a [`Cancel`] flag, as the
//! desktop's import command does. Meanwhile the desktop's reads (the dashboard, the first
//! page of Employees, a search there, one person) and a plain `SELECT count(*)` run in turn
//! on a read-only connection ([`Db::open_read_only`], as the app's readers are opened); each
//! is timed beside the same read with no import running. Then imports are cancelled at two
//! points (half-way through checking the file; half-way through saving the staged rows):
//! the time from setting the flag to the import returning, beside how long the import would
//! have run on from that point, and every table's row count must be the same after as before.
//!
//! Every import runs on a fresh copy of the database it is given, which is left as it was.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::Connection;
use upskill_core::db::Db;
use upskill_core::employees::{self, EmployeeQuery, EmployeeSort};
use upskill_core::import::{self, Cancel, ImportKind, ImportOptions, ImportPhase, ImportReport};
use upskill_core::report::{self, DashboardQuery};

use crate::measure::{self, Result, Stats};
use crate::run::{Bar, Row};

/// The bars, on M: each read's median while the import writes, and Cancel.
const READ_MS: f64 = 200.0;
const CANCEL_MS: f64 = 1000.0;
/// A pause between two reads: the window asks when a person clicks, not in a tight loop.
const PAUSE: Duration = Duration::from_millis(20);
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What the measurement found: the rows of its table, and any cancelled import that changed
/// the record (a failure of the run, like a report that disagrees with its plain SQL).
pub struct Measured {
    pub rows: Vec<Row>,
    pub changed: Vec<String>,
}

type ReadFn = Box<dyn Fn(&Connection) -> upskill_core::error::Result<usize>>;

/// The timed reads: a name and the call, which returns how many rows or groups it found.
fn reads(conn: &Connection, today: NaiveDate) -> Result<Vec<(String, ReadFn)>> {
    // A person from the middle of the organisation, for their own page.
    let person: String = conn.query_row(
        "SELECT employee_id FROM employees ORDER BY id \
         LIMIT 1 OFFSET (SELECT count(*) / 2 FROM employees)",
        [],
        |r| r.get(0),
    )?;
    let search = EmployeeQuery {
        search: Some("chen".into()),
        sort: EmployeeSort::FullName,
        ..EmployeeQuery::default()
    };
    Ok(vec![
        (
            "dashboard (report::dashboard)".into(),
            Box::new(move |c: &Connection| {
                report::dashboard(c, &DashboardQuery::default(), today)
                    .map(|d| d.role_by_generation.rows.len())
            }),
        ),
        (
            "Employees, first page (employees::list)".into(),
            Box::new(|c: &Connection| {
                employees::list(c, &EmployeeQuery::default()).map(|p| p.rows.len())
            }),
        ),
        (
            "Employees, search \"chen\" (employees::list)".into(),
            Box::new(move |c: &Connection| employees::list(c, &search).map(|p| p.rows.len())),
        ),
        (
            "one person's record (employees::get)".into(),
            Box::new(move |c: &Connection| employees::get(c, &person).map(|_| 1)),
        ),
        (
            "plain SQL: SELECT count(*) FROM completions".into(),
            Box::new(|c: &Connection| {
                c.query_row("SELECT count(*) FROM completions", [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| usize::try_from(n).unwrap_or(0))
                .map_err(Into::into)
            }),
        ),
    ])
}

/// Where the running import is, as its progress reports say (written by the import's thread).
#[derive(Default)]
struct Live {
    /// Set just before the import is called (the writer connection is open by then).
    started: AtomicBool,
    /// 0 before the first report, then 1 + the [`ImportPhase`]'s index.
    phase: AtomicU8,
    bytes_read: AtomicU64,
    total_bytes: AtomicU64,
}

fn phase_code(phase: ImportPhase) -> u8 {
    match phase {
        ImportPhase::Checking => 1,
        ImportPhase::Writing => 2,
        ImportPhase::Saving => 3,
    }
}

/// When one import reached the points Cancel is tried at, and when it returned.
struct Marks {
    started: Instant,
    half_checked: Option<Instant>,
    /// The start and the end of the statement that moves the staged rows into the record
    /// (the commit comes after it, and a Cancel then is too late).
    saving: Option<Instant>,
    saved: Option<Instant>,
    returned: Instant,
}

/// One import of `file` into `db` on a connection of its own, as the desktop runs it.
fn import_once(
    db: &Path,
    file: &Path,
    today: NaiveDate,
    cancel: &Cancel,
    live: &Live,
) -> upskill_core::error::Result<(upskill_core::error::Result<ImportReport>, Marks)> {
    let mut writer = Db::open(db)?;
    let options = ImportOptions::default();
    let started = Instant::now();
    let (mut half_checked, mut saving, mut saved) = (None, None, None);
    live.started.store(true, Ordering::SeqCst);
    let result = import::import_with(
        &mut writer,
        ImportKind::Completions,
        file,
        &options,
        None,
        today,
        &mut |p| {
            live.phase.store(phase_code(p.phase), Ordering::SeqCst);
            live.bytes_read.store(p.bytes_read, Ordering::SeqCst);
            live.total_bytes.store(p.total_bytes, Ordering::SeqCst);
            if p.phase == ImportPhase::Checking
                && p.bytes_read * 2 >= p.total_bytes
                && half_checked.is_none()
            {
                half_checked = Some(Instant::now());
            }
            if p.phase == ImportPhase::Saving {
                if saving.is_none() {
                    saving = Some(Instant::now());
                } else if p.rows > 0 {
                    saved = Some(Instant::now());
                }
            }
        },
        cancel,
    );
    let returned = Instant::now();
    drop(writer);
    Ok((
        result,
        Marks {
            started,
            half_checked,
            saving,
            saved,
            returned,
        },
    ))
}

/// The row count of every table in the database (the record, reach, the audit trail...).
fn counts(db: &Path) -> Result<Vec<(String, i64)>> {
    let reader = Db::open_read_only(db, BUSY_TIMEOUT)?;
    let conn = reader.conn();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                r.get(0)
            })?;
            Ok((name, n))
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Where Cancel is tried.
#[derive(Clone, Copy, PartialEq)]
enum Point {
    /// Once the import has read half the file (completions are staged as they are checked).
    HalfChecked,
    /// A quarter of the way through the statement that moves the staged rows, by its time in
    /// an import run to the end.
    InSaving,
}

/// Measures on a copy of `db` (a bench database with the record) while `file` (new
/// completions, `file_rows` of them) is imported: each read `runs` times with no import,
/// then during one whole import; Cancel `cancel_runs` times at each point. The copy is
/// made in `work`.
pub fn measure(
    db: &Path,
    work: &Path,
    file: &Path,
    runs: usize,
    cancel_runs: usize,
    today: NaiveDate,
) -> Result<Measured> {
    let copy: PathBuf = work.join("during-import.db");
    crate::run::copy_db(db, &copy)?;
    let reader = Db::open_read_only(&copy, BUSY_TIMEOUT)?;
    let reads = reads(reader.conn(), today)?;

    // 1. Each read with no import running (after one call to warm the connection).
    let mut idle: Vec<Vec<f64>> = Vec::new();
    let mut found: Vec<usize> = Vec::new();
    for (_, read) in &reads {
        found.push(read(reader.conn())?);
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let (t, r) = measure::call(|| read(reader.conn()));
            r?;
            times.push(t);
        }
        idle.push(times);
    }

    // 2. The same reads in turn while the import runs to its end.
    let live = Live::default();
    let cancel = Cancel::new();
    let mut during: Vec<Vec<f64>> = vec![Vec::new(); reads.len()];
    let mut while_saving: Vec<Vec<f64>> = vec![Vec::new(); reads.len()];
    let (result, marks) = std::thread::scope(|s| -> Result<_> {
        let import = s.spawn(|| import_once(&copy, file, today, &cancel, &live));
        while !live.started.load(Ordering::SeqCst) && !import.is_finished() {
            std::thread::sleep(Duration::from_millis(1));
        }
        let mut turn = 0;
        while !import.is_finished() {
            let i = turn % reads.len();
            turn += 1;
            let saving = live.phase.load(Ordering::SeqCst) == phase_code(ImportPhase::Saving);
            let (t, r) = measure::call(|| (reads[i].1)(reader.conn()));
            r?;
            // A read that outlived the import is not a read during it.
            if !import.is_finished() {
                during[i].push(t);
                if saving {
                    while_saving[i].push(t);
                }
            }
            std::thread::sleep(PAUSE);
        }
        Ok(import
            .join()
            .map_err(|_| "the import thread panicked".to_string())??)
    })?;
    drop(reader);
    let report = result?;
    if report.is_rejected() || report.inserted == 0 {
        let first = report.problems.first().map(|p| format!("{p:?}"));
        return Err(format!(
            "the import during the reads wrote nothing ({:?}, {} rows inserted): {first:?}",
            report.outcome, report.inserted
        )
        .into());
    }
    let import_ms = ms(marks.returned - marks.started);
    let (saving_ms, commit_ms) = match (marks.saving, marks.saved) {
        (Some(a), Some(b)) => (ms(b - a), ms(marks.returned - b)),
        _ => (0.0, 0.0),
    };
    eprintln!(
        "  during import: {} rows imported in {} (saving {}, then {} to the commit's end), {} reads",
        report.inserted,
        measure::duration(import_ms),
        measure::duration(saving_ms),
        measure::duration(commit_ms),
        during.iter().map(Vec::len).sum::<usize>()
    );

    let mut rows = Vec::new();
    for (i, (name, _)) in reads.iter().enumerate() {
        let upskill = Stats::of(&during[i]);
        let baseline = Stats::of(&idle[i]);
        let plain = name.starts_with("plain SQL");
        let bars = if plain {
            Vec::new()
        } else {
            vec![Bar {
                what: format!("median < {}", measure::duration(READ_MS)),
                pass: upskill.median_ms < READ_MS,
            }]
        };
        let saving = Stats::of(&while_saving[i]);
        let note = format!(
            "{} calls, {} while saving: median {}; {} rows",
            during[i].len(),
            while_saving[i].len(),
            if while_saving[i].is_empty() {
                "-".to_string()
            } else {
                measure::duration(saving.median_ms)
            },
            found[i]
        );
        eprintln!(
            "  during import {name:<50} {:>24}  no import {:>24}",
            upskill.show_p95(),
            baseline.show_p95()
        );
        rows.push(Row {
            name: format!("{name} (baseline: the same read, no import running)"),
            ratio: Some(upskill.median_ms / baseline.median_ms),
            upskill,
            upskill_max_rss_kb: None,
            baseline: Some(baseline),
            bare: None,
            ratio_bare: None,
            bars,
            note: Some(note),
            upskill_cpu: None,
            baseline_cpu: None,
            ratio_cpu: None,
        });
    }

    // 3. Cancel, at each point, on a fresh copy each time.
    let mut changed = Vec::new();
    for point in [Point::HalfChecked, Point::InSaving] {
        // Without Cancel, the import runs on from the point to its end.
        let delay = Duration::from_secs_f64(saving_ms / 4000.0);
        let runs_on = match point {
            Point::HalfChecked => marks.half_checked.map(|h| ms(marks.returned - h)),
            Point::InSaving => marks
                .saving
                .map(|s| ms(marks.returned.saturating_duration_since(s + delay))),
        };
        let mut times = Vec::new();
        let mut late = 0;
        // A Cancel can come too late (the import committed first): it is tried again, at
        // most three times per wanted run, and the late ones are counted.
        let mut attempts = 0;
        while times.len() < cancel_runs && attempts < 3 * cancel_runs {
            attempts += 1;
            crate::run::copy_db(db, &copy)?;
            let before = counts(&copy)?;
            let live = Live::default();
            let cancel = Cancel::new();
            let (result, set, returned) = std::thread::scope(|s| -> Result<_> {
                let import = s.spawn(|| import_once(&copy, file, today, &cancel, &live));
                let reached = || {
                    let phase = live.phase.load(Ordering::SeqCst);
                    match point {
                        Point::HalfChecked => {
                            phase == phase_code(ImportPhase::Checking)
                                && live.bytes_read.load(Ordering::SeqCst) * 2
                                    >= live.total_bytes.load(Ordering::SeqCst)
                        }
                        Point::InSaving => phase == phase_code(ImportPhase::Saving),
                    }
                };
                while !reached() && !import.is_finished() {
                    std::thread::sleep(Duration::from_millis(1));
                }
                if point == Point::InSaving {
                    std::thread::sleep(delay);
                }
                let set = Instant::now();
                cancel.cancel();
                let (result, marks) = import
                    .join()
                    .map_err(|_| "the import thread panicked".to_string())??;
                if let (Ok(_), Some(a), Some(b)) = (&result, marks.saving, marks.saved) {
                    eprintln!(
                        "  a Cancel {} into saving came after the move ({}) ended",
                        measure::duration(ms(set.saturating_duration_since(a))),
                        measure::duration(ms(b - a)),
                    );
                }
                Ok((result, set, marks.returned))
            })?;
            match result {
                Err(upskill_core::error::Error::Cancelled(_)) => {
                    times.push(ms(returned.saturating_duration_since(set)));
                    let after = counts(&copy)?;
                    if after != before {
                        changed.push(format!(
                            "a cancelled import changed the record: {before:?} before, {after:?} after"
                        ));
                    }
                }
                Ok(_) => late += 1,
                Err(e) => return Err(e.into()),
            }
        }
        let upskill = Stats::of(&times);
        let baseline = runs_on.map(|t| Stats::of(&[t]));
        let name = match point {
            Point::HalfChecked => "Cancel, half-way through checking the file",
            Point::InSaving => "Cancel, a quarter of the way through saving the staged rows",
        };
        eprintln!(
            "  {name:<50} {:>24}  runs on {:>10}{}",
            upskill.show_p95(),
            runs_on.map_or("-".into(), measure::duration),
            if late > 0 {
                format!(" ({late} too late)")
            } else {
                String::new()
            }
        );
        let mut note = format!(
            "{} run{}; every table's count the same after",
            times.len(),
            if times.len() == 1 { "" } else { "s" }
        );
        if late > 0 {
            note.push_str(&format!("; {late} came after the commit"));
        }
        rows.push(Row {
            name: format!("{name} (baseline: the import running on without Cancel)"),
            ratio: baseline.as_ref().map(|b| upskill.median_ms / b.median_ms),
            bars: vec![Bar {
                what: format!("< {}", measure::duration(CANCEL_MS)),
                pass: upskill.median_ms < CANCEL_MS,
            }],
            upskill,
            upskill_max_rss_kb: None,
            baseline,
            bare: None,
            ratio_bare: None,
            note: Some(note),
            upskill_cpu: None,
            baseline_cpu: None,
            ratio_cpu: None,
        });
    }
    crate::run::remove_db(&copy)?;
    Ok(Measured { rows, changed })
}
