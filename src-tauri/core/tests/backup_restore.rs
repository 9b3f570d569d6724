//! Backups made while another connection writes, their verification, restore (refusing bad
//! files, keeping the replaced database), and the latest good backup.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use upskill_core::backup::{self, BackupInfo};
use upskill_core::db::{self, Db};
use upskill_core::{demo, employees, stats, ErrorKind};
use upskill_testkit::today;

fn at(day: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn add_employee(db: &mut Db, id: &str) {
    employees::create(db, &upskill_testkit::org::employee(id), today()).unwrap();
}

/// A closed database holding the given employees.
fn with_employees(path: &Path, ids: &[&str]) {
    let mut db = Db::open(path).unwrap();
    for id in ids {
        add_employee(&mut db, id);
    }
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn employee_ids(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT employee_id FROM employees ORDER BY employee_id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap()
}

fn integrity_ok(conn: &Connection) {
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_a_consistent_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    {
        let mut db = Db::open(&path).unwrap();
        demo::fill(&mut db, 3000, 11, today()).unwrap();
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            // Another connection: batches of 7 employees, each batch one transaction.
            let mut db = Db::open(&path).unwrap();
            let mut batches = 0u32;
            while !stop.load(Ordering::Relaxed) || batches < 20 {
                db.with_tx(|tx| {
                    for i in 0..7 {
                        tx.execute(
                            "INSERT INTO employees (employee_id, full_name, role, department) \
                             VALUES (?1, 'Writer', 'Engineer', 'Data')",
                            [format!("W{batches:05}-{i}")],
                        )?;
                    }
                    Ok(())
                })
                .unwrap();
                batches += 1;
            }
            batches
        })
    };
    let db = Db::open(&path).unwrap();
    let mut seen = Vec::new();
    for k in 0..6 {
        let dest = dir.path().join(format!("backup-{k}.db"));
        let info: BackupInfo = backup::create(&db, &dest, at(29, 10)).unwrap();
        assert_eq!(info.schema_version, db::schema_version());
        assert_eq!(info.bytes, std::fs::metadata(&dest).unwrap().len());
        assert_eq!(backup::verify(&dest).unwrap(), db::schema_version());
        let copy = read_only(&dest);
        integrity_ok(&copy);
        assert!(stats::integrity_problems(&copy).unwrap().is_empty());
        let written: i64 = copy
            .query_row(
                "SELECT count(*) FROM employees WHERE employee_id LIKE 'W%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            written % 7,
            0,
            "backup {k} caught a transaction half-way: {written}"
        );
        let demo_rows: i64 = copy
            .query_row(
                "SELECT count(*) FROM employees WHERE employee_id NOT LIKE 'W%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // The demo of 3,000 and its 300 leavers.
        assert_eq!(demo_rows, 3300);
        // A self-contained file: no WAL beside it, rollback journal mode in its header.
        assert!(!PathBuf::from(format!("{}-wal", dest.display())).exists());
        let mode: String = copy
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        seen.push(written);
    }
    stop.store(true, Ordering::Relaxed);
    let batches = writer.join().unwrap();
    assert!(batches >= 20);
    assert!(
        seen.first() != seen.last(),
        "the writer made no progress during the backups: {seen:?}"
    );
    // The temporary files are gone.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_backup_replaces_an_existing_file_and_is_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1", "E2"]);
    let dest = dir.path().join("copy.db");
    std::fs::write(&dest, b"an old file").unwrap();
    let db = Db::open(&path).unwrap();
    backup::create(&db, &dest, at(29, 10)).unwrap();
    assert_eq!(employee_ids(&read_only(&dest)), ["E1", "E2"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_backup_onto_the_database_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1"]);
    let db = Db::open(&path).unwrap();
    let same = dir.path().join(".").join("u.db");
    let err = backup::create(&db, &same, at(29, 10)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    assert!(err.to_string().contains("the database itself"), "{err}");
    assert_eq!(employee_ids(db.conn()), ["E1"]);
}

#[test]
fn a_backup_into_a_missing_folder_fails_clearly_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1"]);
    let db = Db::open(&path).unwrap();
    let dest = dir.path().join("no-such-folder").join("b.db");
    let err = backup::create(&db, &dest, at(29, 10)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    let message = err.to_string();
    assert!(message.contains("could not back up"), "{message}");
    assert!(message.contains("No such file or directory"), "{message}");
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_one_in_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1", "E2", "E3"]);
    let saved = dir.path().join("saved.db");
    {
        let mut db = Db::open(&path).unwrap();
        backup::create(&db, &saved, at(28, 9)).unwrap();
        add_employee(&mut db, "E4");
    }
    let saved_bytes = std::fs::read(&saved).unwrap();
    let info = backup::restore(&path, &saved, at(29, 10)).unwrap();
    assert_eq!(info.schema_version, db::schema_version());
    assert!(!info.previous_was_damaged);
    let kept = PathBuf::from(info.previous_kept_at.unwrap());
    assert_eq!(
        kept,
        dir.path()
            .join("backups")
            .join("u.20261129-100000.before-restore.db")
    );
    assert_eq!(employee_ids(&read_only(&kept)), ["E1", "E2", "E3", "E4"]);
    let db = Db::open(&path).unwrap();
    assert_eq!(employee_ids(db.conn()), ["E1", "E2", "E3"]);
    assert!(
        std::fs::read(&saved).unwrap() == saved_bytes,
        "the source changed"
    );
    let listed = backup::list(&path).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, "before restore");
    assert_eq!(backup::latest_good(&path), Some(kept));
}

#[test]
fn restore_never_applies_the_old_databases_wal_to_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1"]);
    let saved = dir.path().join("saved.db");
    backup::create(&Db::open(&path).unwrap(), &saved, at(28, 9)).unwrap();
    // A database that crashed with a transaction only in its WAL: copy the file and its WAL
    // while a connection that never checkpoints has them open.
    let crashed = dir.path().join("crashed.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO employees (employee_id, full_name, role, department)
             VALUES ('E9', 'Only in the WAL', 'Engineer', 'Data');",
        )
        .unwrap();
        std::fs::copy(&path, &crashed).unwrap();
        std::fs::copy(
            format!("{}-wal", path.display()),
            format!("{}-wal", crashed.display()),
        )
        .unwrap();
    }
    let info = backup::restore(&crashed, &saved, at(29, 10)).unwrap();
    assert!(!PathBuf::from(format!("{}-wal", crashed.display())).exists());
    assert!(!PathBuf::from(format!("{}-shm", crashed.display())).exists());
    let db = Db::open(&crashed).unwrap();
    assert_eq!(employee_ids(db.conn()), ["E1"]);
    integrity_ok(db.conn());
    // The replaced database was kept with what its WAL held.
    let kept = PathBuf::from(info.previous_kept_at.unwrap());
    assert_eq!(employee_ids(&read_only(&kept)), ["E1", "E9"]);
}

/// Restoring `bad` is refused with `kind`; the database keeps its bytes and no backup is made.
fn restore_refused(bad: &Path, kind: ErrorKind, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1", "E2"]);
    let before = std::fs::read(&path).unwrap();
    let bad_before = std::fs::read(bad).unwrap();
    let err = backup::restore(&path, bad, at(29, 10)).unwrap_err();
    let message = err.to_string();
    assert_eq!(err.kind(), kind, "{message}");
    assert!(message.contains("cannot be restored"), "{message}");
    assert!(message.contains(&bad.display().to_string()), "{message}");
    assert!(message.contains(says), "{message}");
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the database changed"
    );
    assert!(
        std::fs::read(bad).unwrap() == bad_before,
        "the refused file changed"
    );
    assert!(!dir.path().join("backups").exists());
    assert_eq!(employee_ids(Db::open(&path).unwrap().conn()), ["E1", "E2"]);
}

#[test]
fn restore_refuses_a_truncated_backup() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let mut db = Db::open(&source).unwrap();
    demo::fill(&mut db, 200, 1, today()).unwrap();
    let bad = dir.path().join("bad.db");
    backup::create(&db, &bad, at(29, 9)).unwrap();
    let bytes = std::fs::read(&bad).unwrap();
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    restore_refused(&bad, ErrorKind::Damaged, "truncated");
}

#[test]
fn restore_refuses_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("employees.csv");
    std::fs::write(&bad, "employee_id,full_name\nE1,Ada\n").unwrap();
    restore_refused(&bad, ErrorKind::Damaged, "not a database");
}

#[test]
fn restore_refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("newer.db");
    with_employees(&bad, &["N1"]);
    Connection::open(&bad)
        .unwrap()
        .pragma_update(None, "user_version", db::schema_version() + 1)
        .unwrap();
    restore_refused(
        &bad,
        ErrorKind::TooNew,
        "made by a newer version of Upskill",
    );
}

#[test]
fn restore_refuses_another_programs_database() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("other.db");
    Connection::open(&bad)
        .unwrap()
        .execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    restore_refused(&bad, ErrorKind::Invalid, "not an Upskill one");
}

#[test]
fn restore_over_a_damaged_database_keeps_it_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    {
        let mut db = Db::open(&path).unwrap();
        demo::fill(&mut db, 200, 2, today()).unwrap();
    }
    let saved = dir.path().join("saved.db");
    backup::create(&Db::open(&path).unwrap(), &saved, at(28, 9)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let damaged = bytes[..bytes.len() / 2].to_vec();
    std::fs::write(&path, &damaged).unwrap();
    assert_eq!(Db::open(&path).err().unwrap().kind(), ErrorKind::Damaged);
    // The desktop's recovery: the latest good backup, when there is one.
    assert_eq!(backup::latest_good(&path), None);
    let info = backup::restore(&path, &saved, at(29, 10)).unwrap();
    assert!(info.previous_was_damaged);
    let kept = PathBuf::from(info.previous_kept_at.unwrap());
    assert!(
        std::fs::read(&kept).unwrap() == damaged,
        "the damaged file was not kept as it was"
    );
    let db = Db::open(&path).unwrap();
    assert_eq!(
        stats::stats(db.conn()).unwrap().employees_active
            + stats::stats(db.conn()).unwrap().employees_inactive,
        220, // the demo of 200 and its 20 leavers
    );
    // A damaged kept file is never offered as the latest good backup.
    assert_eq!(backup::latest_good(&path), None);
}

#[test]
fn restore_refuses_a_database_another_connection_has_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1", "E2"]);
    let saved = dir.path().join("saved.db");
    let other = Db::open(&path).unwrap();
    backup::create(&other, &saved, at(28, 9)).unwrap();
    let err =
        backup::restore_with(&path, &saved, at(29, 10), Duration::from_millis(200)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Locked, "{err}");
    assert!(
        err.to_string().contains("in use by another program"),
        "{err}"
    );
    assert_eq!(employee_ids(other.conn()), ["E1", "E2"]);
    drop(other);
    // Closed, the same restore goes through.
    backup::restore(&path, &saved, at(29, 10)).unwrap();
}

#[test]
fn restore_onto_a_new_path_needs_no_previous_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1"]);
    let saved = dir.path().join("saved.db");
    backup::create(&Db::open(&path).unwrap(), &saved, at(28, 9)).unwrap();
    let fresh = dir.path().join("elsewhere").join("new.db");
    let info = backup::restore(&fresh, &saved, at(29, 10)).unwrap();
    assert_eq!(info.previous_kept_at, None);
    assert_eq!(employee_ids(Db::open(&fresh).unwrap().conn()), ["E1"]);
}

#[test]
fn latest_good_skips_damaged_backups_and_picks_the_newest_sound_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1"]);
    let backups = backup::backups_dir(&path);
    std::fs::create_dir_all(&backups).unwrap();
    let older = backups.join("u.20261101-100000.before-restore.db");
    let good = backups.join("u.20261102-100000.before-restore.db");
    let damaged = backups.join("u.20261103-100000.before-restore.db");
    let db = Db::open(&path).unwrap();
    backup::create(&db, &older, at(1, 10)).unwrap();
    backup::create(&db, &good, at(2, 10)).unwrap();
    backup::create(&db, &damaged, at(3, 10)).unwrap();
    let bytes = std::fs::read(&damaged).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    // A file the user put there is not an automatic backup, however new.
    backup::create(&db, &backups.join("mine.db"), at(4, 10)).unwrap();
    assert_eq!(backup::latest_good(&path), Some(good));
    assert_eq!(backup::list(&path).unwrap().len(), 3);
}

#[test]
fn restore_over_a_damaged_database_with_a_wal_keeps_both_and_applies_neither() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    with_employees(&path, &["E1"]);
    let saved = dir.path().join("saved.db");
    backup::create(&Db::open(&path).unwrap(), &saved, at(28, 9)).unwrap();
    // A crash left a WAL holding E9; then the database file itself was damaged.
    let crashed = dir.path().join("crashed.db");
    let crashed_wal = PathBuf::from(format!("{}-wal", crashed.display()));
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO employees (employee_id, full_name, role, department)
             VALUES ('E9', 'Only in the WAL', 'Engineer', 'Data');",
        )
        .unwrap();
        std::fs::copy(&path, &crashed).unwrap();
        std::fs::copy(format!("{}-wal", path.display()), &crashed_wal).unwrap();
    }
    let bytes = std::fs::read(&crashed).unwrap();
    // Cut to half: more pages than the WAL can supply (it holds only what the insert touched).
    std::fs::write(&crashed, &bytes[..bytes.len() / 2]).unwrap();
    let damaged = std::fs::read(&crashed).unwrap();
    let wal = std::fs::read(&crashed_wal).unwrap();
    assert!(!wal.is_empty());
    let info = backup::restore(&crashed, &saved, at(29, 10)).unwrap();
    assert!(info.previous_was_damaged);
    assert!(
        !crashed_wal.exists(),
        "the old WAL is still beside the new file"
    );
    let db = Db::open(&crashed).unwrap();
    assert_eq!(employee_ids(db.conn()), ["E1"]);
    integrity_ok(db.conn());
    let kept = PathBuf::from(info.previous_kept_at.unwrap());
    assert!(std::fs::read(&kept).unwrap() == damaged);
    assert!(std::fs::read(format!("{}-wal", kept.display())).unwrap() == wal);
}
