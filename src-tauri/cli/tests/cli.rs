//! Runs the real `upskill` binary against databases the core wrote.

use std::process::Command;

use upskill_core::db::Db;
use upskill_core::domain::EmployeeInput;
use upskill_testkit::cli;
use upskill_testkit::org::{completion, employee, program, Org};

fn upskill(args: &[&str]) -> (i32, String, String) {
    cli::run(env!("CARGO_BIN_EXE_upskill"), args)
}

fn seeded(path: &std::path::Path) {
    let mut org = Org::open(path);
    org.employee(employee("E1"))
        .employee(employee("E2"))
        .employee(EmployeeInput {
            active: false,
            ..employee("E3")
        })
        .program(program("P1", "Prompting"))
        .completion(completion("E1", "P1", "2026-01-10"));
}

#[test]
fn stats_counts_what_the_core_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    seeded(&path);
    let (code, out, err) = upskill(&["--db", path.to_str().unwrap(), "stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("employees    3 (2 active, 1 inactive)"),
        "{out}"
    );
    assert!(out.contains("programs     1 (0 retired)"), "{out}");
    assert!(out.contains("completions  1"), "{out}");
}

#[test]
fn check_says_ok_on_a_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    seeded(&path);
    let (code, out, _) = upskill(&["check", "--db", path.to_str().unwrap()]);
    assert_eq!((code, out.trim()), (0, "ok"));
}

#[test]
fn check_reports_broken_references() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    seeded(&path);
    // Break a reference behind the app's back (foreign keys off for this connection).
    let db = Db::open(&path).unwrap();
    db.conn()
        .execute_batch("PRAGMA foreign_keys = OFF; UPDATE completions SET program_ref = 999;")
        .unwrap();
    drop(db);
    let (code, out, err) = upskill(&["--db", path.to_str().unwrap(), "check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("table completions row 1 refers to a missing row in programs"),
        "{out}"
    );
    assert!(err.contains("1 problem(s) found"), "{err}");
}

#[test]
fn check_finds_stale_coverage_data_and_repair_recomputes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    seeded(&path);
    // Derived data written behind the triggers' back, as only another program could.
    let db = Db::open(&path).unwrap();
    db.conn()
        .execute_batch("DELETE FROM reach; UPDATE employees SET completion_count = 5;")
        .unwrap();
    drop(db);
    let db_arg = path.to_str().unwrap();
    let (code, out, err) = upskill(&["--db", db_arg, "check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("4 row(s) of coverage data derived from the completions do not match"),
        "{out}"
    );
    assert!(out.contains("upskill check --repair"), "{out}");
    let (code, out, err) = upskill(&["--db", db_arg, "check", "--repair"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["repaired 4 row(s) of derived coverage data", "ok"]
    );
    let (code, out, _) = upskill(&["--db", db_arg, "check"]);
    assert_eq!((code, out.trim()), (0, "ok"));
}

#[test]
fn env_var_names_the_database_and_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let env_db = dir.path().join("env.db");
    seeded(&env_db);
    let out = Command::new(env!("CARGO_BIN_EXE_upskill"))
        .arg("stats")
        .env("UPSKILL_DB", &env_db)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("employees    3"));
    let flag_db = dir.path().join("flag.db");
    let out = Command::new(env!("CARGO_BIN_EXE_upskill"))
        .args(["--db", flag_db.to_str().unwrap(), "stats"])
        .env("UPSKILL_DB", &env_db)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("employees    0"));
}

#[test]
fn unusable_database_is_a_clear_error_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-db.db");
    std::fs::write(
        &path,
        b"this is a spreadsheet, not a database, and long enough to look like one .......",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = upskill(&["--db", path.to_str().unwrap(), "stats"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("upskill: "), "{err}");
    assert!(err.contains("not a database"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn every_command_has_help_and_usage_errors_exit_2() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["stats", "--help"],
        vec!["demo", "--help"],
    ] {
        let (code, out, _) = upskill(&args);
        assert_eq!(code, 0);
        assert!(out.contains("Usage: upskill"), "{out}");
    }
    let (code, _, err) = upskill(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand"), "{err}");
}

#[test]
fn demo_fills_an_empty_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let db = path.to_str().unwrap();
    let (code, out, err) = upskill(&["--db", db, "demo", "--employees", "60", "--seed", "5"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("demo organisation with 60 employees, 12 programs"),
        "{out}"
    );
    let (_, stats_before, _) = upskill(&["--db", db, "stats"]);
    let (code, _, err) = upskill(&["--db", db, "demo"]);
    assert_eq!(code, 1);
    assert!(err.contains("only fills an empty database"), "{err}");
    let (_, stats_after, _) = upskill(&["--db", db, "stats"]);
    assert_eq!(stats_before, stats_after);
}

/// `--verbose` logs the command, its duration and outcome on stderr, and never the record's
/// data: a refused import of a file full of personal data logs none of it.
#[test]
fn verbose_logs_each_command_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    seeded(&path);
    let db = path.to_str().unwrap();

    let (code, out, err) = upskill(&[
        "--db",
        db,
        "--verbose",
        "report",
        "coverage",
        "--by",
        "generation",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let line = err
        .lines()
        .find(|l| l.contains("command=report coverage"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("outcome=\"ok\""), "{line}");
    assert!(line.contains("ms="), "{line}");

    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "employee_id,full_name,email,role,department,birth_year\n\
         Z1,Zelda Quintessa,zelda.q@private.example,Analyst,Data,1961\n\
         Z2,,bad-email,Analyst,Data,3000\n",
    )
    .unwrap();
    let (code, _, err) = upskill(&[
        "--db",
        db,
        "import",
        "employees",
        file.to_str().unwrap(),
        "-v",
    ]);
    assert_eq!(code, 1, "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("command=import"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("outcome=\"refused\""), "{line}");
    for private in ["Zelda", "Quintessa", "zelda.q", "private.example", "1961"] {
        assert!(!line.contains(private), "{private} in the log line: {line}");
    }
    // Without --verbose, no log line.
    let (_, _, err) = upskill(&["--db", db, "stats"]);
    assert!(!err.contains("command="), "{err}");
}
