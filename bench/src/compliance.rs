//! The compliance benchmarks and the LMS-shaped import (run.rs calls these after the
//! coverage reports):
//!
//! - 20 requirements (sql.rs: `requirements`) on the database upskill imported; then
//!   `upskill report compliance --by requirement` and `upskill compliance list --status
//!   overdue`, each beside plain SQL in the sqlite3 shell computing the same counts, compared
//!   once (per requirement: every status's count; the list: its rows per requirement).
//! - A completions file as an LMS exports it (`User Email,Course Title,Course Completion
//!   Date,Status`, a third of the rows not completed), imported with a mapping file, against
//!   the same completed rows in Upskill's own format, each into a copy of one database holding
//!   the employees and programs.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::gen::{self, Size};
use crate::measure::{self, Result, Sample, Stats};
use crate::run::{Bar, Row};
use crate::sql;

/// The bars of the compliance issue (they apply on M; L gets ten times the time).
const COMPLIANCE_RATIO: f64 = 1.0;
const MAPPED_RATIO: f64 = 1.5;
const IMPORT_RSS_KB: u64 = 200 * 1024;

fn compliance_ms(size: Size) -> f64 {
    match size {
        Size::L => 2000.0,
        _ => 200.0,
    }
}

fn of(samples: &[Sample], f: fn(&Sample) -> f64) -> Stats {
    Stats::of(&samples.iter().map(f).collect::<Vec<_>>())
}

/// What the caller's context gives: how to run upskill and the shell on a database.
pub struct Env<'a> {
    pub size: Size,
    pub query_runs: usize,
    pub runs: usize,
    pub upskill: &'a Path,
    pub sqlite3: &'a Path,
    pub data: &'a Path,
    pub dbs: &'a Path,
    pub sqls: &'a Path,
    pub logs: &'a Path,
}

impl Env<'_> {
    fn upskill(&self, db: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(self.upskill);
        cmd.arg("--db").arg(db);
        cmd
    }

    fn sqlite3(&self, db: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(self.sqlite3);
        cmd.arg(db);
        cmd
    }

    fn log(&self, what: &str) -> std::path::PathBuf {
        self.logs.join(format!("{what}.log"))
    }
}

/// (key columns) → the numbers after them, of a CSV output (header skipped when `header`).
fn table(
    path: &Path,
    key: &[usize],
    numbers: &[usize],
    header: bool,
) -> Result<BTreeMap<Vec<String>, Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(header)
        .flexible(true)
        .from_path(path)?;
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let record = record?;
        let k: Vec<String> = key
            .iter()
            .map(|&i| {
                record
                    .get(i)
                    .unwrap_or("")
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect();
        let v: Vec<String> = numbers
            .iter()
            .map(|&i| record.get(i).unwrap_or("").to_string())
            .collect();
        out.insert(k, v);
    }
    Ok(out)
}

/// Rows per requirement (column `column`) of a list output.
fn per_requirement(path: &Path, column: usize, header: bool) -> Result<BTreeMap<String, u64>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(header)
        .flexible(true)
        .from_path(path)?;
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let record = record?;
        *out.entry(record.get(column).unwrap_or("").to_string())
            .or_insert(0) += 1;
    }
    Ok(out)
}

/// The compliance report and the overdue list on `db` (requirements added first).
pub fn compliance_rows(env: &Env<'_>, db: &Path, mismatches: &mut Vec<String>) -> Result<Vec<Row>> {
    let as_of = gen::as_of().to_string();
    let script = env.sqls.join("requirements.sql");
    fs::write(&script, sql::requirements())?;
    measure::process(
        env.sqlite3(db),
        Some(&script),
        None,
        &env.log("requirements"),
    )?;

    struct Spec {
        name: String,
        args: Vec<String>,
        sql: String,
        list: bool,
    }
    let specs = [
        Spec {
            name: format!("report compliance --by requirement --as-of {as_of}"),
            args: [
                "report",
                "compliance",
                "--by",
                "requirement",
                "--min-group",
                "0",
            ]
            .iter()
            .map(|s| s.to_string())
            .chain([
                "--as-of".into(),
                as_of.clone(),
                "--format".into(),
                "csv".into(),
            ])
            .collect(),
            sql: sql::compliance(&as_of, upskill_core::compliance::DEFAULT_EXPIRING_DAYS),
            list: false,
        },
        Spec {
            name: format!("compliance list --status overdue --as-of {as_of}"),
            args: ["compliance", "list", "--status", "overdue"]
                .iter()
                .map(|s| s.to_string())
                .chain([
                    "--as-of".into(),
                    as_of.clone(),
                    "--format".into(),
                    "csv".into(),
                ])
                .collect(),
            sql: sql::overdue_list(&as_of),
            list: true,
        },
    ];
    let mut rows = Vec::new();
    for (n, spec) in specs.into_iter().enumerate() {
        let script = env.sqls.join(format!("compliance-{n}.sql"));
        fs::write(&script, &spec.sql)?;
        let ours = env.logs.join(format!("compliance-{n}-upskill.csv"));
        let theirs = env.logs.join(format!("compliance-{n}-sql.csv"));
        let mut cmd = env.upskill(db);
        cmd.args(&spec.args);
        measure::process(
            cmd,
            None,
            Some(&ours),
            &env.log(&format!("compliance-{n}-upskill")),
        )?;
        let mut cmd = env.sqlite3(db);
        cmd.arg("-csv");
        measure::process(
            cmd,
            Some(&script),
            Some(&theirs),
            &env.log(&format!("compliance-{n}-sql")),
        )?;
        #[allow(clippy::needless_late_init)]
        let note;
        if spec.list {
            let a = per_requirement(&ours, 5, true)?;
            let b = per_requirement(&theirs, 5, false)?;
            if a != b {
                mismatches.push(format!(
                    "{}: rows per requirement: upskill {a:?}, plain SQL {b:?}",
                    spec.name
                ));
            }
            note = format!("{} rows", a.values().sum::<u64>());
        } else {
            // upskill: requirement_id, people, obligations, compliant, expiring, expired,
            // overdue, due, exempt; the SQL: requirement_id, then the same from obligations.
            let a = table(&ours, &[0], &[2, 3, 4, 5, 6, 7, 8], true)?;
            let b = table(&theirs, &[0], &[1, 2, 3, 4, 5, 6, 7], false)?;
            if a.is_empty() || a != b {
                mismatches.push(format!("{}: upskill {a:?}, plain SQL {b:?}", spec.name));
            }
            let obligations: u64 = a.values().filter_map(|v| v[0].parse::<u64>().ok()).sum();
            note = format!("{} requirements, {obligations} obligations", a.len());
        }
        let mut ours_samples = Vec::new();
        let mut theirs_samples = Vec::new();
        for _ in 0..env.query_runs {
            let mut cmd = env.upskill(db);
            cmd.args(&spec.args);
            ours_samples.push(measure::process(
                cmd,
                None,
                None,
                &env.log(&format!("compliance-{n}-upskill")),
            )?);
            let mut cmd = env.sqlite3(db);
            cmd.arg("-csv");
            theirs_samples.push(measure::process(
                cmd,
                Some(&script),
                None,
                &env.log(&format!("compliance-{n}-sql")),
            )?);
        }
        let upskill = of(&ours_samples, |s| s.ms);
        let baseline = of(&theirs_samples, |s| s.ms);
        let (upskill_cpu, baseline_cpu) = (
            of(&ours_samples, |s| s.cpu_ms),
            of(&theirs_samples, |s| s.cpu_ms),
        );
        let r = upskill.median_ms / baseline.median_ms;
        let ms = compliance_ms(env.size);
        let bars = vec![
            Bar {
                what: format!("≤ {COMPLIANCE_RATIO}× SQL"),
                pass: r <= COMPLIANCE_RATIO,
            },
            Bar {
                what: format!("< {}", measure::duration(ms)),
                pass: upskill.median_ms < ms,
            },
        ];
        eprintln!(
            "  {:<70} upskill {:>22}  SQL {:>22}  ratio {r:.2}",
            spec.name,
            upskill.show(),
            baseline.show()
        );
        rows.push(Row {
            name: spec.name,
            upskill_max_rss_kb: Some(ours_samples.iter().map(|s| s.max_rss_kb).max().unwrap_or(0)),
            ratio: Some(r),
            ratio_cpu: Some(upskill_cpu.median_ms / baseline_cpu.median_ms),
            upskill,
            baseline: Some(baseline),
            bare: None,
            ratio_bare: None,
            bars,
            note: Some(note),
            upskill_cpu: Some(upskill_cpu),
            baseline_cpu: Some(baseline_cpu),
        });
    }
    Ok(rows)
}

pub const LMS_CSV: &str = "lms-completions.csv";
pub const LMS_OWN_CSV: &str = "lms-completions-own.csv";
pub const LMS_MAPPING: &str = "lms-mapping.toml";

const MAPPING: &str = r#"version = 1
kind = "completions"
name = "LMS export (bench)"

[columns]
employee_id = { column = "User Email", match = "email" }
program_id = { column = "Course Title", match = "title" }
completed_on = { column = "Course Completion Date", format = "%Y-%m-%d %H:%M:%S UTC" }

[rows]
keep = [ { column = "Status", in = ["Completed"] } ]
"#;

/// Writes the LMS file (10 rows per employee: 1,000,000 at M), its completed rows in Upskill's
/// own format, and the mapping, from the generated files. Completed rows are the generated
/// completions of employees with an e-mail, in file order; after every two, one row not
/// completed ("In progress" or "Not started", blank date). Returns (rows, completed rows).
fn write_lms(data: &Path, size: Size) -> Result<(u64, u64)> {
    let total = u64::from(size.employees()) * 10;
    let mut emails: HashMap<String, String> = HashMap::new();
    let mut all_emails: Vec<String> = Vec::new();
    let mut reader = csv::Reader::from_path(data.join(gen::EMPLOYEES_CSV))?;
    for record in reader.records() {
        let record = record?;
        let email = record.get(2).unwrap_or("");
        if !email.is_empty() {
            emails.insert(record.get(0).unwrap_or("").to_string(), email.to_string());
            all_emails.push(email.to_string());
        }
    }
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut all_titles: Vec<String> = Vec::new();
    let mut reader = csv::Reader::from_path(data.join(gen::PROGRAMS_CSV))?;
    for record in reader.records() {
        let record = record?;
        titles.insert(
            record.get(0).unwrap_or("").to_string(),
            record.get(1).unwrap_or("").to_string(),
        );
        all_titles.push(record.get(1).unwrap_or("").to_string());
    }
    let mut lms =
        csv::WriterBuilder::new().from_writer(BufWriter::new(File::create(data.join(LMS_CSV))?));
    lms.write_record([
        "User Email",
        "Course Title",
        "Course Completion Date",
        "Status",
    ])?;
    let mut own = BufWriter::new(File::create(data.join(LMS_OWN_CSV))?);
    writeln!(own, "employee_id,program_id,completed_on")?;
    let (mut rows, mut completed) = (0u64, 0u64);
    let mut reader = csv::Reader::from_path(data.join(gen::COMPLETIONS_CSV))?;
    let mut n = 0u64;
    for record in reader.records() {
        if rows >= total {
            break;
        }
        let record = record?;
        let (employee, program, on) = (
            record.get(0).unwrap_or(""),
            record.get(1).unwrap_or(""),
            record.get(2).unwrap_or(""),
        );
        let (Some(email), Some(title)) = (emails.get(employee), titles.get(program)) else {
            continue;
        };
        n += 1;
        // A time of day from the row's number; the date is the one written.
        let time = format!("{on} {:02}:{:02}:00 UTC", 8 + n % 10, (n * 7) % 60);
        lms.write_record([email.as_str(), title.as_str(), time.as_str(), "Completed"])?;
        writeln!(own, "{employee},{program},{on}")?;
        rows += 1;
        completed += 1;
        if completed % 2 == 0 && rows < total {
            let email = &all_emails[(n as usize * 7919) % all_emails.len()];
            let title = &all_titles[(n as usize * 31) % all_titles.len()];
            let status = if n.is_multiple_of(4) {
                "Not started"
            } else {
                "In progress"
            };
            lms.write_record([email.as_str(), title.as_str(), "", status])?;
            rows += 1;
        }
    }
    lms.flush()?;
    own.flush()?;
    fs::write(data.join(LMS_MAPPING), MAPPING)?;
    Ok((rows, completed))
}

fn copy_db(from: &Path, to: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = std::path::PathBuf::from(format!("{}{suffix}", to.display()));
        let _ = fs::remove_file(&p);
    }
    for suffix in ["", "-wal"] {
        let src = std::path::PathBuf::from(format!("{}{suffix}", from.display()));
        if src.exists() {
            fs::copy(&src, format!("{}{suffix}", to.display()))?;
        }
    }
    Ok(())
}

/// The LMS file imported with its mapping, against its completed rows in Upskill's format.
pub fn lms_rows(env: &Env<'_>, mismatches: &mut Vec<String>) -> Result<Vec<Row>> {
    let (rows, completed) = write_lms(env.data, env.size)?;
    let base = env.dbs.join("lms-base.db");
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(format!("{}{suffix}", base.display()));
    }
    for (kind, file) in [
        ("employees", gen::EMPLOYEES_CSV),
        ("programs", gen::PROGRAMS_CSV),
    ] {
        let mut cmd = env.upskill(&base);
        cmd.arg("import").arg(kind).arg(env.data.join(file));
        measure::process(cmd, None, None, &env.log(&format!("lms-base-{kind}")))?;
    }
    let mapped_db = env.dbs.join("lms-mapped.db");
    let own_db = env.dbs.join("lms-own.db");
    let (mut mapped, mut own) = (Vec::new(), Vec::new());
    for r in 0..env.runs {
        // Alternate which goes first.
        for i in 0..2 {
            let with_mapping = (r + i) % 2 == 0;
            let db = if with_mapping { &mapped_db } else { &own_db };
            copy_db(&base, db)?;
            let mut cmd = env.upskill(db);
            cmd.arg("import").arg("completions");
            if with_mapping {
                cmd.arg(env.data.join(LMS_CSV))
                    .arg("--mapping")
                    .arg(env.data.join(LMS_MAPPING));
            } else {
                cmd.arg(env.data.join(LMS_OWN_CSV));
            }
            let log = env.log(if with_mapping {
                "lms-mapped"
            } else {
                "lms-own"
            });
            let sample = measure::process(cmd, None, None, &log)?;
            if with_mapping {
                mapped.push(sample)
            } else {
                own.push(sample)
            }
        }
        if r == 0 {
            for db in [&mapped_db, &own_db] {
                let conn = rusqlite::Connection::open(db)?;
                let n: i64 =
                    conn.query_row("SELECT count(*) FROM completions", [], |row| row.get(0))?;
                if n as u64 != completed {
                    mismatches.push(format!(
                        "LMS import: {} holds {n} completions, expected {completed}",
                        db.display()
                    ));
                }
            }
        }
    }
    let upskill = of(&mapped, |s| s.ms);
    let baseline = of(&own, |s| s.ms);
    let (upskill_cpu, baseline_cpu) = (of(&mapped, |s| s.cpu_ms), of(&own, |s| s.cpu_ms));
    let rss = mapped.iter().map(|s| s.max_rss_kb).max().unwrap_or(0);
    let r = upskill.median_ms / baseline.median_ms;
    eprintln!(
        "  LMS file with a mapping ({rows} rows) {:>22}  own format ({completed} rows) {:>22}  ratio {r:.2}",
        upskill.show(),
        baseline.show()
    );
    Ok(vec![Row {
        name: format!(
            "{LMS_CSV} ({rows} rows, {completed} completed) with --mapping vs the completed rows in Upskill's format"
        ),
        upskill_max_rss_kb: Some(rss),
        ratio: Some(r),
        ratio_cpu: Some(upskill_cpu.median_ms / baseline_cpu.median_ms),
        upskill,
        baseline: Some(baseline),
        bare: None,
        ratio_bare: None,
        bars: vec![
            Bar {
                what: format!("≤ {MAPPED_RATIO}× own format"),
                pass: r <= MAPPED_RATIO,
            },
            Bar {
                what: "peak < 200 MB".into(),
                pass: rss < IMPORT_RSS_KB,
            },
        ],
        note: None,
        upskill_cpu: Some(upskill_cpu),
        baseline_cpu: Some(baseline_cpu),
    }])
}
