//! `upskill import` as a user runs it: the real binary, real files, exit codes, stderr
//! format, and the database after (untouched on rejection, whole after a kill -9).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use upskill_core::db::Db;
use upskill_testkit::cli;
use upskill_testkit::scratch::Scratch;

fn upskill(args: &[&str]) -> (i32, String, String) {
    cli::run(env!("CARGO_BIN_EXE_upskill"), args)
}

/// A scratch folder and what these tests do with it.
struct Setup(Scratch);

impl std::ops::Deref for Setup {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Setup {
    fn new() -> Setup {
        Setup(Scratch::new())
    }

    fn import(&self, args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["--db", self.db.to_str().unwrap(), "import"];
        all.extend_from_slice(args);
        upskill(&all)
    }

    /// Every row of every table.
    fn dump(&self) -> Vec<String> {
        dump(&self.db)
    }
}

fn dump(path: &Path) -> Vec<String> {
    let db = Db::open(path).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT employee_id || '|' || full_name || '|' || ifnull(manager_id, '') || '|' || ifnull(birth_year, '') FROM employees ORDER BY 1",
        "SELECT program_id || '|' || title || '|' || format FROM programs ORDER BY 1",
        "SELECT employee_ref || '|' || program_ref || '|' || completed_on || '|' || ifnull(score, '') FROM completions ORDER BY 1",
    ] {
        let mut stmt = db.conn().prepare(sql).unwrap();
        out.extend(
            stmt.query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(Result::unwrap),
        );
    }
    out
}

const EMPLOYEES: &str = "Employee ID;Full name;Role;Department;Manager ID;Birth year\r\n\
    M1;Grace Hopper;Lead;Data;;1960\r\n\
    E1;\"Lovelace; Ada\";Engineer;Data;M1;17.05.1990\r\n";

#[test]
fn a_good_file_is_imported_and_counted() {
    let s = Setup::new();
    let file = s.file("people.csv", EMPLOYEES);
    let (code, out, err) = s.import(&["employees", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2 employees rows (UTF-8, semicolon-separated)"),
        "{out}"
    );
    assert!(
        out.contains("inserted   2\nupdated    0\nunchanged  0\nrejected   0"),
        "{out}"
    );
    assert_eq!(
        s.dump(),
        vec!["E1|Lovelace; Ada|M1|1990", "M1|Grace Hopper||1960"]
    );
    let (code, out, _) = s.import(&["employees", &file]);
    assert_eq!(code, 0);
    assert!(
        out.contains("inserted   0\nupdated    0\nunchanged  2"),
        "{out}"
    );
}

#[test]
fn a_rejected_file_lists_every_problem_exits_1_and_changes_nothing() {
    let s = Setup::new();
    let file = s.file("people.csv", EMPLOYEES);
    assert_eq!(s.import(&["employees", &file]).0, 0);
    let before = s.dump();
    let bad = s.file(
        "bad.csv",
        "employee_id,full_name,role,department,manager_id\nE2,Bob,,Data,M1\nE3,Cy,Eng,Data,GHOST\nE4,Di,Eng,Data,M1\nE2,Bob again,Eng,Data,\n",
    );
    let (code, out, err) = s.import(&["employees", &bad]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        vec![
            format!("{bad}:2: employee_id: 'E2' also appears on line 5"),
            format!("{bad}:2: role: is required"),
            format!("{bad}:3: manager_id: there is no employee with id 'GHOST' in the database or in this file"),
            format!("{bad}:5: employee_id: 'E2' also appears on line 2"),
            format!("upskill: {bad} was rejected: 3 of 4 rows have problems; nothing was imported (--skip-invalid imports the other 1)"),
        ]
    );
    assert_eq!(s.dump(), before);

    // --dry-run says the same and writes nothing either.
    let (code, out, err2) = s.import(&["employees", &bad, "--dry-run"]);
    assert_eq!(code, 1);
    assert!(out.contains("inserted   1"), "{out}");
    assert!(err2.contains("would be rejected"), "{err2}");
    assert_eq!(s.dump(), before);

    // --skip-invalid imports E4 and still lists the rejected rows.
    let (code, out, err) = s.import(&["employees", &bad, "--skip-invalid"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("inserted   1\nupdated    0\nunchanged  0\nrejected   3"),
        "{out}"
    );
    assert!(
        err.contains(&format!("{bad}:2: role: is required")),
        "{err}"
    );
    assert_eq!(s.dump().len(), before.len() + 1);
}

#[test]
fn dry_run_writes_nothing_and_prints_the_counts() {
    let s = Setup::new();
    let file = s.file("people.csv", EMPLOYEES);
    let (code, out, _) = s.import(&["employees", &file, "--dry-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("inserted   2"), "{out}");
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert!(s.dump().is_empty());
}

#[test]
fn a_missing_column_and_a_missing_file_are_clear_errors() {
    let s = Setup::new();
    let file = s.file("p.csv", "program_id,title\nP1,T\n");
    let (code, _, err) = s.import(&["programs", &file]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "{file}:1: skill_area: required column is missing (columns found: 'program_id', 'title'); map it in a mapping file: skill_area = \"Your column\"\n"
        )),
        "{err}"
    );
    let missing = s.dir.path().join("nope.csv");
    let (code, _, err) = s.import(&["programs", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("upskill: ") && err.contains("nope.csv"),
        "{err}"
    );
}

#[test]
fn date_format_reads_slash_dates_and_bad_formats_are_usage_errors() {
    let s = Setup::new();
    let file = s.file(
        "e.csv",
        "employee_id,full_name,role,department,hire_date\nE1,Ada,Eng,Data,03/04/2020\n",
    );
    let (code, _, err) = s.import(&["employees", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains("hire_date: '03/04/2020' could be MM/DD/YYYY or DD/MM/YYYY"),
        "{err}"
    );
    let (code, _, err) = s.import(&["employees", &file, "--date-format", "DD/MM/YYYY"]);
    assert_eq!(code, 0, "{err}");
    let db = Db::open(&s.db).unwrap();
    let hired: String = db
        .conn()
        .query_row("SELECT hire_date FROM employees", [], |r| r.get(0))
        .unwrap();
    assert_eq!(hired, "2020-04-03");
    let (code, _, err) = s.import(&["employees", &file, "--date-format", "US"]);
    assert_eq!(code, 2);
    assert!(err.contains("'US' is not a date format"), "{err}");
}

#[test]
fn templates_help_and_usage() {
    let (code, out, _) = upskill(&["import", "--template", "completions"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "employee_id,program_id,completed_on,score,certificate_id\nE1001,P1001,2025-06-30,92,CERT-2025-0001\n"
    );
    let (code, out, _) = upskill(&["import", "--help"]);
    assert_eq!(code, 0);
    for needle in [
        "Usage: upskill import",
        "--dry-run",
        "--skip-invalid",
        "--date-format <FMT>",
        "employee_id, full_name, role, department (required)",
        "Windows-1252",
        "FILE:LINE: column: reason",
    ] {
        assert!(out.contains(needle), "{needle}\n{out}");
    }
    let (code, _, err) = upskill(&["import", "employees"]);
    assert_eq!(code, 2, "FILE is required: {err}");
    let (code, _, _) = upskill(&["import", "people", "x.csv"]);
    assert_eq!(code, 2);
}

fn completions_count(path: &Path) -> i64 {
    let db = Db::open(path).unwrap();
    db.conn()
        .query_row("SELECT count(*) FROM completions", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn kill_9_during_a_large_import_leaves_the_database_before_or_after() {
    let s = Setup::new();
    // The base: 200 employees, 20 programs, 100 completions already there.
    let mut employees = String::from("employee_id,full_name,role,department\n");
    for i in 0..200 {
        employees.push_str(&format!("E{i},Person {i},Engineer,Data\n"));
    }
    let mut programs = String::from("program_id,title,skill_area,format\n");
    for i in 0..20 {
        programs.push_str(&format!("P{i},Program {i},Area {},workshop\n", i % 5));
    }
    let mut first = String::from("employee_id,program_id,completed_on,score\n");
    for i in 0..100 {
        first.push_str(&format!("E{i},P0,2020-01-01,50\n"));
    }
    for (kind, name, text) in [
        ("employees", "e.csv", &employees),
        ("programs", "p.csv", &programs),
        ("completions", "c0.csv", &first),
    ] {
        let file = s.file(name, text);
        let (code, _, err) = s.import(&[kind, &file]);
        assert_eq!(code, 0, "{err}");
    }
    drop(Db::open(&s.db).unwrap()); // closing checkpoints: the base is one file
    let base = s.dir.path().join("base.db");
    std::fs::copy(&s.db, &base).unwrap();

    // A big file: every employee, program and one of 15 dates; updates the first 100 too.
    let mut big = String::from("employee_id,program_id,completed_on,score\n");
    let mut rows = 0;
    'fill: for day in 1..=15 {
        for p in 0..20 {
            for e in 0..200 {
                big.push_str(&format!("E{e},P{p},2020-01-{day:02},{}\n", (e + p) % 101));
                rows += 1;
                if rows == 30_000 {
                    break 'fill;
                }
            }
        }
    }
    let big = s.file("big.csv", &big);

    let run_on = |db: &Path| {
        Command::new(env!("CARGO_BIN_EXE_upskill"))
            .args(["--db", db.to_str().unwrap(), "import", "completions", &big])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let fresh = |name: &str| {
        let path = s.dir.path().join(name);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        std::fs::copy(&base, &path).unwrap();
        path
    };

    // One whole run: how long it takes, and the count after.
    let full = fresh("full.db");
    let started = Instant::now();
    assert!(run_on(&full).wait().unwrap().success());
    let duration = started.elapsed();
    let before = completions_count(&base);
    let after = completions_count(&full);
    assert_eq!((before, after), (100, 30_000));

    let seed = std::env::var("UPSKILL_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("kill test: seed {seed}, a full import takes {duration:?}");
    let mut rng = upskill_core::rng::SplitMix64::new(seed);
    let window = duration.as_micros() as u64 * 11 / 10;
    let mut killed_midway = 0;
    // 20 in `make test`; `make stress` sets UPSKILL_KILL_RUNS=100.
    let runs: usize = std::env::var("UPSKILL_KILL_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
        .max(20);
    for i in 0..runs {
        let db = fresh(&format!("kill-{i}.db"));
        let mut child = run_on(&db);
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        let (code, out, err) = upskill(&["--db", db.to_str().unwrap(), "check"]);
        assert_eq!(
            (code, out.trim()),
            (0, "ok"),
            "iteration {i} (seed {seed}): {err}"
        );
        let count = completions_count(&db);
        assert!(
            count == before || count == after,
            "iteration {i} (seed {seed}): {count} completions, neither {before} nor {after}"
        );
        if !finished && count == before {
            killed_midway += 1;
        }
    }
    assert!(
        killed_midway > 0,
        "no kill landed during an import (seed {seed})"
    );
}
