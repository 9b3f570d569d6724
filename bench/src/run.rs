//! `upskill-bench run`: every measurement of one size in one run, on the same files, printed
//! as Markdown tables and written as JSON.
//!
//! 1. Imports into a fresh database, each of three ways, interleaved run by run:
//!    `upskill import` (employees, programs, then completions in employee order, and into a
//!    copy taken after programs, in date order); the sqlite3 shell into the same schema with
//!    upskill's settings (sql.rs: `.import` into a staging table, one `INSERT ... SELECT`);
//!    the sqlite3 shell's plain `.import` into bare tables.
//! 2. Reports: `upskill report ... --format csv` next to plain SQL in the sqlite3 shell, each a
//!    whole process, on the database upskill imported; their numbers are compared once.
//! 3. The desktop's employee list and dashboard, in-process (desktop.rs).
//! 4. The desktop's reads while an import of new completions writes, and Cancel
//!    (during_import.rs).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde::Serialize;

use crate::desktop;
use crate::gen::{self, Manifest, Size};
use crate::measure::{self, Result, Sample, Stats};
use crate::sql;

pub struct Options {
    pub size: Size,
    pub seed: u64,
    pub runs: usize,
    pub query_runs: usize,
    /// The bench's root: data in `<dir>/<SIZE>/`, results in `<dir>/results-<SIZE>.{json,md}`.
    pub dir: PathBuf,
    pub upskill: PathBuf,
    pub sqlite3: PathBuf,
    pub smoke: bool,
}

/// The bars of issue 7 (they apply on M and L; S shows them for information only).
const IMPORT_RATIO: f64 = 0.8;
const IMPORT_RSS_KB: u64 = 200 * 1024;
const UNFILTERED_RATIO: f64 = 0.5;
const FILTERED_RATIO: f64 = 1.0;
const LIST_MS_M: f64 = 50.0;

/// The leadership PDF must be written in under this, at every size up to M.
const PDF_MS: f64 = 2000.0;

/// `upskill report pdf` timed against `upskill report coverage --by generation --format csv`.
fn pdf_row(ctx: &Ctx, db: &Path, opts: &Options) -> Result<Row> {
    let pdf = ctx.logs.join("leadership.pdf");
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..opts.query_runs {
        let mut cmd = ctx.upskill(db);
        cmd.args(["report", "pdf", "--output"]).arg(&pdf);
        ours.push(measure::process(cmd, None, None, &ctx.log("report-pdf"))?);
        let mut cmd = ctx.upskill(db);
        cmd.args([
            "report",
            "coverage",
            "--by",
            "generation",
            "--format",
            "csv",
        ]);
        theirs.push(measure::process(
            cmd,
            None,
            None,
            &ctx.log("report-pdf-baseline"),
        )?);
    }
    let bytes = fs::metadata(&pdf)?.len();
    if bytes == 0 {
        return Err("report pdf wrote an empty file".into());
    }
    let of = |samples: &[Sample], f: fn(&Sample) -> f64| {
        Stats::of(&samples.iter().map(f).collect::<Vec<_>>())
    };
    let upskill = of(&ours, |s| s.ms);
    let baseline = of(&theirs, |s| s.ms);
    let (upskill_cpu, baseline_cpu) = (of(&ours, |s| s.cpu_ms), of(&theirs, |s| s.cpu_ms));
    eprintln!(
        "  report pdf (baseline: coverage CSV)  upskill {:>22}  CSV {:>22}",
        upskill.show(),
        baseline.show()
    );
    let limit = if opts.size == Size::L {
        None
    } else {
        Some(PDF_MS)
    };
    Ok(Row {
        name: "report pdf (baseline: report coverage --by generation CSV)".into(),
        upskill_max_rss_kb: Some(max_rss(&ours)),
        ratio: Some(ratio(&upskill, &baseline)),
        bars: limit
            .map(|ms| Bar {
                what: format!("< {}", measure::duration(ms)),
                pass: upskill.median_ms < ms,
            })
            .into_iter()
            .collect(),
        upskill,
        baseline: Some(baseline),
        bare: None,
        ratio_bare: None,
        note: Some(format!("{} KB", bytes / 1024)),
        ratio_cpu: Some(ratio(&upskill_cpu, &baseline_cpu)),
        upskill_cpu: Some(upskill_cpu),
        baseline_cpu: Some(baseline_cpu),
    })
}

fn report_ms(size: Size) -> f64 {
    match size {
        Size::L => 1000.0,
        _ => 100.0,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub what: String,
    pub pass: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    pub upskill: Stats,
    /// The peak RSS of the upskill process, the largest over the runs (KiB).
    pub upskill_max_rss_kb: Option<u64>,
    pub baseline: Option<Stats>,
    /// upskill median / baseline median.
    pub ratio: Option<f64>,
    /// Imports only: the sqlite3 shell's `.import` into bare tables.
    pub bare: Option<Stats>,
    pub ratio_bare: Option<f64>,
    pub bars: Vec<Bar>,
    /// What the row returned, where that says something (rows in a page, groups).
    pub note: Option<String>,
    /// Processes only: user + system CPU time of upskill and of the baseline, and their
    /// ratio: steadier than wall time when other work shares the machine.
    pub upskill_cpu: Option<Stats>,
    pub baseline_cpu: Option<Stats>,
    pub ratio_cpu: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_mib: u64,
    pub load_before: String,
    pub load_after_imports: String,
    pub load_after_reports: String,
    pub load_after: String,
    pub sqlite3_shell: String,
    pub sqlite_bundled: String,
    pub upskill: String,
    pub git: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub size: Size,
    pub smoke: bool,
    pub manifest: Manifest,
    pub runs: usize,
    pub query_runs: usize,
    pub machine: Machine,
    pub imports: Vec<Row>,
    pub reports: Vec<Row>,
    /// The compliance report and overdue list (compliance.rs).
    pub compliance: Vec<Row>,
    /// The LMS-shaped completions file imported with a mapping (compliance.rs).
    pub lms: Vec<Row>,
    pub desktop: Vec<Row>,
    /// Reads while an import writes, and Cancel (during_import.rs).
    pub during_import: Vec<Row>,
    /// The rows of the file imported during the reads.
    pub during_import_rows: u64,
    /// Baseline results that disagreed with upskill's (empty when every number matched).
    pub mismatches: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loader {
    Upskill,
    Shell,
    Bare,
}

impl Loader {
    const ALL: [Loader; 3] = [Loader::Upskill, Loader::Shell, Loader::Bare];

    fn name(self) -> &'static str {
        match self {
            Loader::Upskill => "upskill",
            Loader::Shell => "shell",
            Loader::Bare => "bare",
        }
    }
}

/// One import of the three files, both orderings.
#[derive(Debug, Clone, Copy)]
struct Steps {
    employees: Sample,
    programs: Sample,
    by_employee: Sample,
    by_date: Sample,
}

/// The four input files.
const FILES: [(&str, &str); 4] = [
    ("employees", gen::EMPLOYEES_CSV),
    ("programs", gen::PROGRAMS_CSV),
    ("completions", gen::COMPLETIONS_CSV),
    ("completions", gen::COMPLETIONS_BY_DATE_CSV),
];

struct Ctx<'a> {
    opts: &'a Options,
    data: PathBuf,
    dbs: PathBuf,
    sqls: PathBuf,
    logs: PathBuf,
}

impl Ctx<'_> {
    fn db(&self, loader: Loader, order: &str) -> PathBuf {
        self.dbs.join(format!("{}-{order}.db", loader.name()))
    }

    fn script(&self, loader: Loader, file: &str) -> PathBuf {
        self.sqls.join(format!(
            "import-{}-{}.sql",
            loader.name(),
            file.trim_end_matches(".csv")
        ))
    }

    fn log(&self, what: &str) -> PathBuf {
        self.logs.join(format!("{what}.log"))
    }

    fn upskill(&self, db: &Path) -> Command {
        let mut cmd = Command::new(&self.opts.upskill);
        cmd.arg("--db").arg(db);
        cmd
    }

    fn sqlite3(&self, db: &Path) -> Command {
        let mut cmd = Command::new(&self.opts.sqlite3);
        cmd.arg(db);
        cmd
    }

    /// One file into `db` by `loader`.
    fn load(&self, loader: Loader, kind: &str, file: &str, db: &Path) -> Result<Sample> {
        sync();
        let log = self.log(&format!("import-{}-{}", loader.name(), file));
        match loader {
            Loader::Upskill => {
                let mut cmd = self.upskill(db);
                cmd.arg("import").arg(kind).arg(self.data.join(file));
                measure::process(cmd, None, None, &log)
            }
            Loader::Shell | Loader::Bare => measure::process(
                self.sqlite3(db),
                Some(&self.script(loader, file)),
                None,
                &log,
            ),
        }
    }

    fn import_once(&self, loader: Loader) -> Result<Steps> {
        let a = self.db(loader, "employee-order");
        let b = self.db(loader, "date-order");
        remove_db(&a)?;
        remove_db(&b)?;
        let employees = self.load(loader, FILES[0].0, FILES[0].1, &a)?;
        let programs = self.load(loader, FILES[1].0, FILES[1].1, &a)?;
        copy_db(&a, &b)?;
        let by_employee = self.load(loader, FILES[2].0, FILES[2].1, &a)?;
        let by_date = self.load(loader, FILES[3].0, FILES[3].1, &b)?;
        Ok(Steps {
            employees,
            programs,
            by_employee,
            by_date,
        })
    }
}

fn sync() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

pub(crate) fn remove_db(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {e}", p.display()).into()),
        }
    }
    Ok(())
}

pub(crate) fn copy_db(from: &Path, to: &Path) -> Result<()> {
    remove_db(to)?;
    for suffix in ["", "-wal"] {
        let src = PathBuf::from(format!("{}{suffix}", from.display()));
        if src.exists() {
            fs::copy(&src, format!("{}{suffix}", to.display()))?;
        }
    }
    Ok(())
}

fn read_first_line(path: &str) -> String {
    fs::read_to_string(path)
        .ok()
        .and_then(|t| t.lines().next().map(str::to_string))
        .unwrap_or_default()
}

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn memory_mib() -> u64 {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn load() -> String {
    read_first_line("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn output_of(cmd: &mut Command) -> String {
    cmd.output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// A report: upskill's arguments and the same numbers in plain SQL.
struct ReportSpec {
    name: String,
    args: Vec<String>,
    sql: String,
    /// Label columns before headcount and trained, in both outputs.
    labels: usize,
    filtered: bool,
}

fn reports() -> Vec<ReportSpec> {
    let generation = sql::generation_sql();
    let spec = |args: &[&str], sql: String, labels: usize, filtered: bool| {
        let mut all: Vec<String> = vec!["report".into()];
        all.extend(args.iter().map(|a| a.to_string()));
        all.extend(["--format".into(), "csv".into()]);
        ReportSpec {
            name: args[..].join(" ").replace("'", ""),
            args: all,
            sql,
            labels,
            filtered,
        }
    };
    vec![
        spec(
            &["coverage", "--by", "generation,role"],
            sql::coverage(&format!("{generation} AS generation, e.role"), 2, "", ""),
            2,
            false,
        ),
        spec(
            &["coverage", "--by", "department"],
            sql::coverage("e.department", 1, "", ""),
            1,
            false,
        ),
        spec(
            &["coverage", "--by", "skill_area"],
            sql::coverage_by_skill_area(),
            1,
            false,
        ),
        spec(
            &["gaps", "--by", "generation"],
            sql::gaps_by_generation(),
            1,
            false,
        ),
        spec(
            &[
                "coverage",
                "--by",
                "generation,role",
                "--from",
                "2026-01-01",
                "--to",
                "2026-03-31",
            ],
            sql::coverage(
                &format!("{generation} AS generation, e.role"),
                2,
                " AND c.completed_on BETWEEN '2026-01-01' AND '2026-03-31'",
                "",
            ),
            2,
            true,
        ),
        spec(
            &[
                "coverage",
                "--by",
                "department",
                "--skill-area",
                "Prompt engineering",
            ],
            sql::coverage(
                "e.department",
                1,
                " AND c.program_ref IN (SELECT id FROM programs WHERE skill_area = 'Prompt engineering')",
                "",
            ),
            1,
            true,
        ),
        spec(
            &[
                "coverage",
                "--by",
                "generation",
                "--department",
                "Engineering",
            ],
            sql::coverage(
                &format!("{generation} AS generation"),
                1,
                "",
                " AND e.department = 'Engineering'",
            ),
            1,
            true,
        ),
    ]
}

/// (labels) → (headcount, trained) of a CSV output; upskill's suppressed rows are left out.
fn counts(path: &Path, labels: usize, header: bool) -> Result<BTreeMap<Vec<String>, (u64, u64)>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(header)
        .flexible(true)
        .from_path(path)?;
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let record = record?;
        if record.len() < labels + 2 {
            continue;
        }
        let (Ok(headcount), Ok(trained)) = (
            record[labels].parse::<u64>(),
            record[labels + 1].parse::<u64>(),
        ) else {
            continue;
        };
        let key: Vec<String> = (0..labels).map(|i| record[i].to_string()).collect();
        out.insert(key, (headcount, trained));
    }
    Ok(out)
}

fn ratio(a: &Stats, b: &Stats) -> f64 {
    a.median_ms / b.median_ms
}

fn max_rss(samples: &[Sample]) -> u64 {
    samples.iter().map(|s| s.max_rss_kb).max().unwrap_or(0)
}

fn mib(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn run(opts: &Options) -> Result<Results> {
    let root = opts.dir.clone();
    fs::create_dir_all(&root)?;
    let root = fs::canonicalize(&root)?;
    let data = root.join(opts.size.name());
    let manifest = gen::generate(&data, opts.size, opts.seed, false)?;
    let ctx = Ctx {
        opts,
        dbs: data.join("db"),
        sqls: data.join("sql"),
        logs: data.join("logs"),
        data,
    };
    for dir in [&ctx.dbs, &ctx.sqls, &ctx.logs] {
        fs::create_dir_all(dir)?;
    }
    if !opts.upskill.is_file() {
        return Err(format!(
            "{} not found: build it first (cargo build --release -p upskill-cli)",
            opts.upskill.display()
        )
        .into());
    }
    let shell_version = output_of(Command::new(&opts.sqlite3).arg("--version"));
    if shell_version.is_empty() {
        return Err(format!(
            "{} does not run: install the sqlite3 shell (apt-get install -y sqlite3)",
            opts.sqlite3.display()
        )
        .into());
    }
    let mut machine = Machine {
        cpu: cpu_model(),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        memory_mib: memory_mib(),
        load_before: load(),
        load_after_imports: String::new(),
        load_after_reports: String::new(),
        load_after: String::new(),
        sqlite3_shell: shell_version.split_whitespace().next().unwrap_or("").into(),
        sqlite_bundled: upskill_core_sqlite_version(),
        upskill: output_of(Command::new(&opts.upskill).arg("--version")),
        git: output_of(Command::new("git").args(["describe", "--always", "--dirty"])),
    };
    eprintln!(
        "bench {}: {} employees, {} programs, {} completions; {} import runs, {} query runs; load {}",
        opts.size.name(),
        thousands(manifest.employees),
        manifest.programs,
        thousands(manifest.completions),
        opts.runs,
        opts.query_runs,
        machine.load_before
    );

    // The schema as upskill creates it (its migrations), for the same-schema baseline.
    let schema_db = ctx.dbs.join("schema.db");
    remove_db(&schema_db)?;
    let mut cmd = ctx.upskill(&schema_db);
    cmd.arg("stats");
    measure::process(cmd, None, None, &ctx.log("schema-upskill"))?;
    let schema = ctx.sqls.join("schema.sql");
    let dump = ctx.sqls.join("dump-schema.sql");
    fs::write(&dump, ".schema --nosys\n")?;
    measure::process(
        ctx.sqlite3(&schema_db),
        Some(&dump),
        Some(&schema),
        &ctx.log("schema-dump"),
    )?;
    for (kind, file) in FILES {
        let csv = ctx.data.join(file);
        let with_schema = (kind == "employees").then_some(schema.as_path());
        fs::write(
            ctx.script(Loader::Shell, file),
            sql::same_schema_import(kind, &csv, with_schema),
        )?;
        fs::write(ctx.script(Loader::Bare, file), sql::bare_import(kind, &csv))?;
    }

    // 1. Imports, interleaved: run r starts with loader r mod 3.
    let mut steps: BTreeMap<&str, Vec<Steps>> = BTreeMap::new();
    for r in 0..opts.runs {
        for i in 0..Loader::ALL.len() {
            let loader = Loader::ALL[(r + i) % Loader::ALL.len()];
            let s = ctx.import_once(loader)?;
            eprintln!(
                "  import run {}/{} {:<8} employees {:>9}  programs {:>9}  completions {:>9} (employee order) {:>9} (date order)",
                r + 1,
                opts.runs,
                loader.name(),
                measure::duration(s.employees.ms),
                measure::duration(s.programs.ms),
                measure::duration(s.by_employee.ms),
                measure::duration(s.by_date.ms)
            );
            steps.entry(loader.name()).or_default().push(s);
        }
        if r == 0 {
            verify_imports(&ctx, &manifest)?;
        }
    }
    machine.load_after_imports = load();
    let imports = import_rows(opts, &manifest, &steps);

    // 2. Reports on the database upskill imported (employee order).
    let db = ctx.db(Loader::Upskill, "employee-order");
    let mut report_rows = Vec::new();
    let mut mismatches = Vec::new();
    for (n, spec) in reports().into_iter().enumerate() {
        let script = ctx.sqls.join(format!("report-{n}.sql"));
        fs::write(&script, &spec.sql)?;
        // Once, untimed: both outputs, compared.
        let ours = ctx.logs.join(format!("report-{n}-upskill.csv"));
        let theirs = ctx.logs.join(format!("report-{n}-sql.csv"));
        let mut cmd = ctx.upskill(&db);
        cmd.args(&spec.args);
        measure::process(
            cmd,
            None,
            Some(&ours),
            &ctx.log(&format!("report-{n}-upskill")),
        )?;
        let mut cmd = ctx.sqlite3(&db);
        cmd.arg("-csv");
        measure::process(
            cmd,
            Some(&script),
            Some(&theirs),
            &ctx.log(&format!("report-{n}-sql")),
        )?;
        let a = counts(&ours, spec.labels, true)?;
        let b = counts(&theirs, spec.labels, false)?;
        if a.is_empty() {
            mismatches.push(format!("{}: upskill printed no group", spec.name));
        }
        for (key, value) in &a {
            if b.get(key) != Some(value) {
                mismatches.push(format!(
                    "{}: {key:?}: upskill {value:?}, plain SQL {:?}",
                    spec.name,
                    b.get(key)
                ));
            }
        }
        let mut ours_samples = Vec::new();
        let mut theirs_samples = Vec::new();
        for _ in 0..opts.query_runs {
            let mut cmd = ctx.upskill(&db);
            cmd.args(&spec.args);
            ours_samples.push(measure::process(
                cmd,
                None,
                None,
                &ctx.log(&format!("report-{n}-upskill")),
            )?);
            let mut cmd = ctx.sqlite3(&db);
            cmd.arg("-csv");
            theirs_samples.push(measure::process(
                cmd,
                Some(&script),
                None,
                &ctx.log(&format!("report-{n}-sql")),
            )?);
        }
        let of = |samples: &[Sample], f: fn(&Sample) -> f64| {
            Stats::of(&samples.iter().map(f).collect::<Vec<_>>())
        };
        let upskill = of(&ours_samples, |s| s.ms);
        let baseline = of(&theirs_samples, |s| s.ms);
        let (upskill_cpu, baseline_cpu) = (
            of(&ours_samples, |s| s.cpu_ms),
            of(&theirs_samples, |s| s.cpu_ms),
        );
        let r = ratio(&upskill, &baseline);
        let mut bars = Vec::new();
        let (limit, kind) = if spec.filtered {
            (FILTERED_RATIO, "filtered")
        } else {
            (UNFILTERED_RATIO, "unfiltered")
        };
        bars.push(Bar {
            what: format!("{kind} ≤ {limit}× SQL"),
            pass: r <= limit,
        });
        let ms = report_ms(opts.size);
        bars.push(Bar {
            what: format!("< {}", measure::duration(ms)),
            pass: upskill.median_ms < ms,
        });
        eprintln!(
            "  report {:<60} upskill {:>22}  SQL {:>22}  ratio {r:.2}",
            spec.name,
            upskill.show(),
            baseline.show()
        );
        report_rows.push(Row {
            name: spec.name.clone(),
            upskill_max_rss_kb: Some(max_rss(&ours_samples)),
            ratio: Some(r),
            upskill,
            baseline: Some(baseline),
            bare: None,
            ratio_bare: None,
            bars,
            note: Some(format!("{} groups", a.len())),
            ratio_cpu: Some(ratio(&upskill_cpu, &baseline_cpu)),
            upskill_cpu: Some(upskill_cpu),
            baseline_cpu: Some(baseline_cpu),
        });
    }
    // 2b. Compliance (20 requirements added to the same database) and the LMS import.
    let env = crate::compliance::Env {
        size: opts.size,
        query_runs: opts.query_runs,
        runs: opts.runs,
        upskill: &opts.upskill,
        sqlite3: &opts.sqlite3,
        data: &ctx.data,
        dbs: &ctx.dbs,
        sqls: &ctx.sqls,
        logs: &ctx.logs,
    };
    let mut compliance_rows = crate::compliance::compliance_rows(&env, &db, &mut mismatches)?;
    // The leadership PDF, on the database with the requirements (so it has its compliance
    // pages too), beside the coverage CSV report as the baseline.
    compliance_rows.push(pdf_row(&ctx, &db, opts)?);
    let lms_rows = crate::compliance::lms_rows(&env, &mut mismatches)?;
    machine.load_after_reports = load();

    // 3. The desktop's queries, in-process.
    let today = chrono::Local::now().date_naive();
    let desktop_rows = desktop::run(&db, opts.query_runs, today)?
        .into_iter()
        .map(|t| {
            let limit = if t.list && opts.size != Size::L {
                Some(LIST_MS_M)
            } else if !t.list {
                Some(report_ms(opts.size))
            } else {
                None
            };
            let bars = limit
                .map(|ms| Bar {
                    what: format!("< {}", measure::duration(ms)),
                    pass: t.stats.median_ms < ms,
                })
                .into_iter()
                .collect();
            eprintln!("  desktop {:<50} {:>22}", t.name, t.stats.show());
            Row {
                name: t.name,
                upskill: t.stats,
                upskill_max_rss_kb: None,
                baseline: None,
                ratio: None,
                bare: None,
                ratio_bare: None,
                bars,
                note: Some(format!("{} rows", t.rows)),
                upskill_cpu: None,
                baseline_cpu: None,
                ratio_cpu: None,
            }
        })
        .collect();

    // 4. The desktop's reads while an import writes, and Cancel, on copies of the same
    // database; a cancelled import that changed the record fails the run.
    let (file, file_rows) = gen::write_new_completions(&ctx.data, new_completions(&manifest))?;
    let during = crate::during_import::measure(
        &db,
        &ctx.dbs,
        &file,
        opts.query_runs,
        opts.runs.min(3),
        today,
    )?;
    mismatches.extend(during.changed);
    machine.load_after = load();

    Ok(Results {
        size: opts.size,
        smoke: opts.smoke,
        manifest,
        runs: opts.runs,
        query_runs: opts.query_runs,
        machine,
        imports,
        reports: report_rows,
        compliance: compliance_rows,
        lms: lms_rows,
        desktop: desktop_rows,
        during_import: during.rows,
        during_import_rows: file_rows,
        mismatches,
    })
}

/// The rows of the file imported during the reads: the 1,000,000 from M up; on S,
/// as many as the organisation has (the smoke run stays quick).
pub fn new_completions(manifest: &Manifest) -> u64 {
    match manifest.size {
        Size::S => manifest.completions,
        Size::M | Size::L => 1_000_000,
    }
}

fn upskill_core_sqlite_version() -> String {
    upskill_core::db::Db::open_in_memory()
        .ok()
        .and_then(|db| {
            db.conn()
                .query_row("SELECT sqlite_version()", [], |r| r.get::<_, String>(0))
                .ok()
        })
        .unwrap_or_default()
}

/// After the first run: every database holds every row, and upskill's and the same-schema
/// baseline's `reach` tables agree with their completions.
fn verify_imports(ctx: &Ctx<'_>, manifest: &Manifest) -> Result<()> {
    let want = (manifest.employees, manifest.programs, manifest.completions);
    for loader in Loader::ALL {
        for order in ["employee-order", "date-order"] {
            let path = ctx.db(loader, order);
            let conn = upskill_core_conn(&path)?;
            let count = |table: &str| -> Result<u64> {
                Ok(
                    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                        r.get::<_, i64>(0)
                    })? as u64,
                )
            };
            let got = (
                count("employees")?,
                count("programs")?,
                count("completions")?,
            );
            if got != want {
                return Err(format!(
                    "{}: {got:?} rows (employees, programs, completions), expected {want:?}",
                    path.display()
                )
                .into());
            }
            if loader != Loader::Bare {
                let stale = upskill_core::reach::stale_rows(&conn)?;
                if stale != 0 {
                    return Err(format!("{}: {stale} stale reach rows", path.display()).into());
                }
            }
        }
    }
    eprintln!("  verified: every database holds every row; reach matches the completions");
    Ok(())
}

fn upskill_core_conn(path: &Path) -> Result<rusqlite::Connection> {
    Ok(rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?)
}

fn import_rows(
    opts: &Options,
    manifest: &Manifest,
    steps: &BTreeMap<&str, Vec<Steps>>,
) -> Vec<Row> {
    let empty = Vec::new();
    let of = |loader: Loader| steps.get(loader.name()).unwrap_or(&empty);
    type Pick = fn(&Steps) -> Vec<Sample>;
    let rows: [(String, Pick, bool); 6] = [
        (
            format!("employees.csv ({} rows)", thousands(manifest.employees)),
            |s| vec![s.employees],
            false,
        ),
        (
            format!("programs.csv ({} rows)", manifest.programs),
            |s| vec![s.programs],
            false,
        ),
        (
            format!(
                "completions.csv, employee order ({} rows)",
                thousands(manifest.completions)
            ),
            |s| vec![s.by_employee],
            false,
        ),
        (
            "completions-by-date.csv, date order".to_string(),
            |s| vec![s.by_date],
            false,
        ),
        (
            "all three files, employee order".to_string(),
            |s| vec![s.employees, s.programs, s.by_employee],
            true,
        ),
        (
            "all three files, date order".to_string(),
            |s| vec![s.employees, s.programs, s.by_date],
            true,
        ),
    ];
    rows.into_iter()
        .map(|(name, pick, total)| {
            let series = |loader: Loader| -> (Stats, Stats, u64) {
                let runs: Vec<Vec<Sample>> = of(loader).iter().map(pick).collect();
                let sum = |f: fn(&Sample) -> f64| -> Vec<f64> {
                    runs.iter().map(|r| r.iter().map(f).sum()).collect()
                };
                let rss = runs
                    .iter()
                    .flatten()
                    .map(|s| s.max_rss_kb)
                    .max()
                    .unwrap_or(0);
                (
                    Stats::of(&sum(|s| s.ms)),
                    Stats::of(&sum(|s| s.cpu_ms)),
                    rss,
                )
            };
            let (upskill, upskill_cpu, rss) = series(Loader::Upskill);
            let (shell, shell_cpu, _) = series(Loader::Shell);
            let (bare, _, _) = series(Loader::Bare);
            let r = ratio(&upskill, &shell);
            let mut bars = vec![Bar {
                what: format!("peak < {}", mib(IMPORT_RSS_KB)),
                pass: rss < IMPORT_RSS_KB,
            }];
            // The ratio bar: on the whole organisation, and on the completions file alone.
            if total || name.starts_with("completions") {
                bars.insert(
                    0,
                    Bar {
                        what: format!("≤ {IMPORT_RATIO}× shell"),
                        pass: r <= IMPORT_RATIO,
                    },
                );
            }
            let _ = opts;
            Row {
                name,
                ratio: Some(r),
                ratio_bare: Some(ratio(&upskill, &bare)),
                ratio_cpu: Some(ratio(&upskill_cpu, &shell_cpu)),
                upskill,
                upskill_max_rss_kb: Some(rss),
                baseline: Some(shell),
                bare: Some(bare),
                bars,
                note: None,
                upskill_cpu: Some(upskill_cpu),
                baseline_cpu: Some(shell_cpu),
            }
        })
        .collect()
}

fn bars_cell(size: Size, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let applies = size != Size::S;
    bars.iter()
        .map(|b| {
            let mark = match (applies, b.pass) {
                (false, _) => "(n/a on S)",
                (true, true) => "ok",
                (true, false) => "**MISS**",
            };
            format!("{} {mark}", b.what)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The results as Markdown: a heading, the machine, three tables and any mismatch.
pub fn markdown(r: &Results) -> String {
    let mut out = String::new();
    let m = &r.manifest;
    let _ = writeln!(
        out,
        "### Bench {}{}: {} employees, {} programs, {} completions (seed {})\n",
        r.size.name(),
        if r.smoke { " (smoke)" } else { "" },
        thousands(m.employees),
        m.programs,
        thousands(m.completions),
        m.seed
    );
    let mc = &r.machine;
    let _ = writeln!(
        out,
        "{} ({} cores, {} MiB); load average before {} / after imports {} / after reports {} / after {}. \
         sqlite3 shell {}, upskill's bundled SQLite {}; {} ({}). \
         Median of {} runs (imports) and {} runs (reports, queries), min–max in brackets; \
         every report and import is a whole process.\n",
        mc.cpu,
        mc.cores,
        mc.memory_mib,
        mc.load_before,
        mc.load_after_imports,
        mc.load_after_reports,
        mc.load_after,
        mc.sqlite3_shell,
        mc.sqlite_bundled,
        mc.upskill,
        mc.git,
        r.runs,
        r.query_runs
    );
    let show = |s: &Option<Stats>| s.as_ref().map_or(String::new(), Stats::show);
    let times = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.2}×"));
    out.push_str(
        "| import into a fresh database | upskill import | sqlite3 .import, same schema | ratio | sqlite3 .import, bare tables | ratio | upskill peak RSS | bars |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for row in &r.imports {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            row.name,
            row.upskill.show(),
            show(&row.baseline),
            times(row.ratio),
            show(&row.bare),
            times(row.ratio_bare),
            row.upskill_max_rss_kb.map_or(String::new(), mib),
            bars_cell(r.size, &row.bars)
        );
    }
    for (heading, rows) in [
        ("report (`--format csv`)", &r.reports),
        (
            "compliance (`--format csv`, 20 requirements)",
            &r.compliance,
        ),
    ] {
        let _ = write!(
            out,
            "\n| {heading} | upskill | plain SQL, sqlite3 shell | ratio | upskill peak RSS | bars |\n\
             |---|---|---|---|---|---|\n"
        );
        for row in rows {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} | {} | {} |",
                row.name,
                row.note.clone().unwrap_or_default(),
                row.upskill.show(),
                show(&row.baseline),
                times(row.ratio),
                row.upskill_max_rss_kb.map_or(String::new(), mib),
                bars_cell(r.size, &row.bars)
            );
        }
    }
    out.push_str(
        "\n| LMS export, into employees and programs | upskill import --mapping | upskill import, own format | ratio | upskill peak RSS | bars |\n\
         |---|---|---|---|---|---|\n",
    );
    for row in &r.lms {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            row.name,
            row.upskill.show(),
            show(&row.baseline),
            times(row.ratio),
            row.upskill_max_rss_kb.map_or(String::new(), mib),
            bars_cell(r.size, &row.bars)
        );
    }
    out.push_str(
        "\n| desktop query (in-process, upskill_core) | time | bars |\n\
         |---|---|---|\n",
    );
    for row in &r.desktop {
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} |",
            row.name,
            row.note.clone().unwrap_or_default(),
            row.upskill.show(),
            bars_cell(r.size, &row.bars)
        );
    }
    out.push_str(&during_import_table(
        r.size,
        r.during_import_rows,
        &r.during_import,
    ));
    if r.mismatches.is_empty() {
        out.push_str(
            "\nEvery report's headcount and trained counts equal the plain SQL's (unsuppressed groups).\n",
        );
    } else {
        out.push_str("\n**The plain SQL disagrees with upskill:**\n\n");
        for m in &r.mismatches {
            let _ = writeln!(out, "- {m}");
        }
    }
    out
}

/// The table of reads while an import of `file_rows` completions writes, and of Cancel.
pub fn during_import_table(size: Size, file_rows: u64, rows: &[Row]) -> String {
    let mut out = format!(
        "\n| while a {}-row completions file is imported (in-process: the import on the writer connection, \
         each read on a read-only one) | upskill: median (p95) | baseline: median (p95) | ratio | bars |\n\
         |---|---|---|---|---|\n",
        thousands(file_rows)
    );
    let times = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.2}×"));
    for row in rows {
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} | {} | {} |",
            row.name,
            row.note.clone().unwrap_or_default(),
            row.upskill.show_p95(),
            row.baseline.as_ref().map_or(String::new(), Stats::show_p95),
            times(row.ratio),
            bars_cell(size, &row.bars)
        );
    }
    out
}

/// Whether every measurement produced a number (the smoke test's check).
pub fn all_measured(r: &Results) -> bool {
    let ok = |s: &Stats| s.median_ms.is_finite() && s.median_ms > 0.0 && !s.runs_ms.is_empty();
    r.imports
        .iter()
        .chain(&r.reports)
        .chain(&r.compliance)
        .chain(&r.lms)
        .chain(&r.desktop)
        .chain(&r.during_import)
        .all(|row| {
            ok(&row.upskill)
                && row.baseline.as_ref().is_none_or(ok)
                && row.bare.as_ref().is_none_or(ok)
        })
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
