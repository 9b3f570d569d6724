//! The real `upskill` binary on damaged databases, backups and restores, and a full disk
//! (a file-size limit: `ulimit -f`, with SIGXFSZ ignored, so writes fail with EFBIG as they
//! would with ENOSPC on a full disk).

use std::path::{Path, PathBuf};
use upskill_testkit::cli;

fn upskill(args: &[&str]) -> (i32, String, String) {
    cli::run(env!("CARGO_BIN_EXE_upskill"), args)
}

/// Runs `upskill` under a file-size limit of `limit_kib` KiB.
fn upskill_limited(limit_kib: u64, args: &[&str]) -> (i32, String, String) {
    cli::run_limited(env!("CARGO_BIN_EXE_upskill"), limit_kib, args)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A database with a demo organisation of `employees`.
fn demo_db(dir: &Path, employees: u32) -> PathBuf {
    let path = dir.join("u.db");
    let (code, _, err) = upskill(&[
        "--db",
        s(&path),
        "demo",
        "--employees",
        &employees.to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    path
}

fn stats_of(path: &Path) -> String {
    let (code, out, err) = upskill(&["--db", s(path), "stats"]);
    assert_eq!(code, 0, "{err}");
    out
}

fn check_ok(path: &Path) {
    let (code, out, err) = upskill(&["--db", s(path), "check"]);
    assert_eq!((code, out.trim()), (0, "ok"), "{err}");
}

#[test]
fn check_on_a_damaged_database_exits_1_naming_the_file_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path(), 300);
    let bytes = std::fs::read(&path).unwrap();
    let damaged = &bytes[..bytes.len() / 2];
    std::fs::write(&path, damaged).unwrap();
    for command in ["check", "stats", "backup"] {
        let mut args = vec!["--db", s(&path), command];
        let dest = dir.path().join("b.db");
        if command == "backup" {
            args.push(s(&dest));
        }
        let (code, out, err) = upskill(&args);
        assert_eq!(code, 1, "{command}: {out}{err}");
        assert!(err.starts_with("upskill: "), "{err}");
        assert!(
            err.contains(s(&path)),
            "{command} does not name the file: {err}"
        );
        assert!(err.contains("damaged"), "{err}");
        assert!(
            std::fs::read(&path).unwrap() == damaged,
            "{command} changed the file"
        );
        assert!(!dest.exists());
    }
}

#[test]
fn backup_then_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path(), 100);
    let before = stats_of(&path);
    let saved = dir.path().join("saved.db");
    let (code, out, err) = upskill(&["--db", s(&path), "backup", s(&saved)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("backed up to") && out.contains("verified"),
        "{out}"
    );
    // Change the record: a CSV import is not needed, a second demo is refused, so replace the
    // database with a bigger one.
    std::fs::remove_file(&path).unwrap();
    demo_db(dir.path(), 150);
    assert_ne!(stats_of(&path), before);
    let (code, out, err) = upskill(&["--db", s(&path), "restore", s(&saved)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("restored from"), "{out}");
    assert!(
        out.contains("the database it replaced was kept as"),
        "{out}"
    );
    // The demo of 100 and its 10 leavers.
    assert!(out.contains("employees 110,"), "{out}");
    assert_eq!(stats_of(&path), before);
    check_ok(&path);
    // The replaced database is in backups/, and `restore --latest` brings it back.
    let (code, out, err) = upskill(&["--db", s(&path), "restore", "--latest"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("employees 165,"), "{out}");
}

#[test]
fn restore_refuses_a_damaged_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path(), 100);
    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, "employee_id,full_name\nE1,Ada\n").unwrap();
    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = upskill(&["--db", s(&path), "restore", s(&bad)]);
    assert_eq!(code, 1);
    assert!(
        err.contains(s(&bad)) && err.contains("cannot be restored"),
        "{err}"
    );
    assert!(std::fs::read(&path).unwrap() == before);
    assert!(!dir.path().join("backups").exists());
    let (code, _, err) = upskill(&["--db", s(&path), "restore", "--latest"]);
    assert_eq!(code, 1);
    assert!(err.contains("no good automatic backup"), "{err}");
}

#[test]
fn an_unwritable_backup_path_is_a_clear_error_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path(), 50);
    let not_a_folder = dir.path().join("notes.txt");
    std::fs::write(&not_a_folder, "x").unwrap();
    for (dest, says) in [
        (
            dir.path().join("missing").join("b.db"),
            "No such file or directory",
        ),
        (not_a_folder.join("b.db"), "Not a directory"),
    ] {
        let (code, out, err) = upskill(&["--db", s(&path), "backup", s(&dest)]);
        assert_eq!(code, 1, "{out}");
        assert!(err.starts_with("upskill: could not back up"), "{err}");
        assert!(err.contains(s(&dest)) && err.contains(says), "{err}");
        assert!(!dest.exists());
    }
    check_ok(&path);
}

#[test]
fn backup_and_restore_have_help_and_restore_needs_a_file_or_latest() {
    for command in ["backup", "restore"] {
        let (code, out, _) = upskill(&[command, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains(&format!("Usage: upskill {command}")), "{out}");
    }
    let (code, _, err) = upskill(&["restore"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = upskill(&["restore", "x.db", "--latest"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_database_in_a_sync_folder_gets_a_warning_and_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Dropbox").join("u.db");
    let (code, _, err) = upskill(&["--db", s(&path), "stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("upskill: warning:") && err.contains("Dropbox"),
        "{err}"
    );
    let local = dir.path().join("local.db");
    let (_, _, err) = upskill(&["--db", s(&local), "stats"]);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_full_disk_during_a_backup_is_a_clear_error_and_leaves_everything_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path(), 4000);
    let db_bytes = std::fs::read(&path).unwrap();
    let before = stats_of(&path);
    let limit_kib = db_bytes.len() as u64 / 1024 / 2;
    // A new backup file, and an existing one that must not be replaced by half a backup.
    let dest = dir.path().join("b.db");
    let existing = dir.path().join("old-backup.db");
    std::fs::write(&existing, b"the previous backup").unwrap();
    for target in [&dest, &existing] {
        let (code, out, err) = upskill_limited(limit_kib, &["--db", s(&path), "backup", s(target)]);
        assert_eq!(code, 1, "{out}{err}");
        assert!(err.contains("disk full"), "{err}");
        assert!(err.contains("could not back up"), "{err}");
    }
    assert!(!dest.exists());
    assert_eq!(std::fs::read(&existing).unwrap(), b"the previous backup");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        std::fs::read(&path).unwrap() == db_bytes,
        "the database changed"
    );
    check_ok(&path);
    assert_eq!(stats_of(&path), before);
}

#[test]
fn a_full_disk_during_an_import_is_a_clear_error_and_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path(), 2000);
    let before = stats_of(&path);
    let csv = dir.path().join("big.csv");
    let mut text = String::from("employee_id,full_name,role,department,email,location\n");
    for i in 0..40_000 {
        text.push_str(&format!(
            "X{i},Person Number {i},Engineer,Data,p{i}@example.com,Berlin\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let db_len = std::fs::metadata(&path).unwrap().len();
    // Room for the database as it is, not for what 40,000 more employees need.
    let limit_kib = db_len / 1024 + 256;
    let (code, out, err) = upskill_limited(
        limit_kib,
        &["--db", s(&path), "import", "employees", s(&csv)],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("disk full"), "{err}");
    check_ok(&path);
    assert_eq!(stats_of(&path), before);
    // With room, the same file imports: the failure was the disk, not the file.
    let (code, _, err) = upskill(&["--db", s(&path), "import", "employees", s(&csv)]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(stats_of(&path), before);
}

#[test]
fn a_full_disk_while_filling_a_new_database_leaves_it_empty_and_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    let (code, out, err) =
        upskill_limited(1024, &["--db", s(&path), "demo", "--employees", "50000"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("disk full"), "{err}");
    check_ok(&path);
    assert!(
        stats_of(&path).contains("employees    0 "),
        "{}",
        stats_of(&path)
    );
}
