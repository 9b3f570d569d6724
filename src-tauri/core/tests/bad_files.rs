//! Bad database files at start-up: each is refused with the right kind and a message naming
//! the file, and left byte for byte as it was (no repair, no new empty database in its place).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use rusqlite::Connection;
use upskill_core::db::{self, Db, OpenOptions};
use upskill_core::{demo, health, ErrorKind};
use upskill_testkit::today;

/// A real database with a demo organisation, closed (its WAL checkpointed into the file).
fn real_db(dir: &Path) -> PathBuf {
    let path = dir.join("real.db");
    let mut db = Db::open(&path).unwrap();
    demo::fill(&mut db, 300, 7, today()).unwrap();
    drop(db);
    assert!(
        !health_sidecar(&path, "-wal").exists(),
        "the WAL was not checkpointed"
    );
    path
}

fn health_sidecar(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn quick() -> OpenOptions {
    OpenOptions {
        busy_timeout: Duration::from_millis(200),
        ..Default::default()
    }
}

/// The folder's entries (names), to show nothing was added or replaced beside the file.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens `path` (and checks it) expecting `kind`; returns the message; asserts the file's
/// bytes did not change.
fn refused(path: &Path, kind: ErrorKind, says: &str) -> String {
    let before = std::fs::read(path).unwrap();
    let check = health::check_file_with(path, Duration::from_millis(200)).unwrap_err();
    assert_eq!(check.kind(), kind, "{check}");
    let err = Db::open_with(path, &quick())
        .err()
        .expect("the open must fail");
    let message = err.to_string();
    assert_eq!(err.kind(), kind, "{message}");
    assert!(
        message.contains(&path.display().to_string()),
        "the message names the file: {message}"
    );
    assert!(message.contains(says), "{message}");
    assert!(std::fs::read(path).unwrap() == before, "the file changed");
    message
}

#[test]
fn a_truncated_database_is_damaged_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.len() >= 8 * 4096,
        "the fixture is too small: {}",
        bytes.len()
    );
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    refused(&path, ErrorKind::Damaged, "truncated");
}

#[test]
fn a_database_cut_mid_page_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2 + 1234]).unwrap();
    refused(&path, ErrorKind::Damaged, "is damaged or is not a database");
}

#[test]
fn overwritten_pages_are_damaged_and_left_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let page: usize = 4096;
    // Garbage (a fixed pseudo-random stream) over pages 2..n; page 1 (header, schema) intact.
    let mut x: u32 = 0x2545_f491;
    for b in &mut bytes[page..] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before_listing = listing(dir.path());
    let message = refused(&path, ErrorKind::Damaged, "is damaged or is not a database");
    assert!(message.contains("restore a backup"), "{message}");
    // Only SQLite's read-only side files may appear; nothing replaces the database.
    let after: Vec<String> = listing(dir.path())
        .into_iter()
        .filter(|n| !n.ends_with("-shm") && !n.ends_with("-wal"))
        .collect();
    assert_eq!(after, before_listing);
}

#[test]
fn a_few_overwritten_bytes_in_one_page_are_caught_by_the_quick_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    // The middle of the file: a b-tree page's cell area gets nonsense.
    let page = (len / 4096 / 2) * 4096;
    for b in &mut bytes[page..page + 40] {
        *b = 0xff;
    }
    std::fs::write(&path, &bytes).unwrap();
    refused(&path, ErrorKind::Damaged, "is damaged or is not a database");
}

#[test]
fn a_text_file_is_not_a_database_and_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("employees.csv");
    std::fs::write(
        &path,
        "employee_id,full_name,role,department\nE1,Ada Lovelace,Engineer,Data\n",
    )
    .unwrap();
    refused(&path, ErrorKind::Damaged, "not a database");
    assert_eq!(listing(dir.path()), vec!["employees.csv".to_string()]);
}

#[test]
fn a_tiny_file_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    std::fs::write(&path, b"x").unwrap();
    refused(&path, ErrorKind::Damaged, "not a database");
}

#[test]
fn a_zero_length_file_is_a_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(health::check_file(&path).unwrap(), health::FileState::Empty);
    let db = Db::open(&path).unwrap();
    let version: i64 = db
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, db::schema_version());
}

#[test]
fn a_missing_file_is_a_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new").join("u.db");
    assert_eq!(
        health::check_file(&path).unwrap(),
        health::FileState::Missing
    );
    Db::open(&path).unwrap();
    assert!(path.exists());
}

#[test]
fn a_newer_schema_is_refused_as_too_new_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", db::schema_version() + 1)
            .unwrap();
    }
    refused(
        &path,
        ErrorKind::TooNew,
        "made by a newer version of Upskill",
    );
}

#[test]
fn a_sound_database_passes_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    assert_eq!(
        health::check_file(&path).unwrap(),
        health::FileState::Database {
            schema_version: db::schema_version()
        }
    );
}

/// Asserts a locked open fails fast (the busy timeout) as Locked, names the file, and changes
/// nothing.
fn refused_while_locked(path: &Path) {
    let before = std::fs::read(path).unwrap();
    let dir = path.parent().unwrap();
    let before_listing = listing(dir);
    let started = Instant::now();
    let err = Db::open_with(path, &quick())
        .err()
        .expect("the open must fail");
    let took = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Locked, "{err}");
    let message = err.to_string();
    assert!(message.contains("in use by another program"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        took < Duration::from_secs(3),
        "waited {took:?}, not the 200 ms asked for"
    );
    assert!(
        took >= Duration::from_millis(150),
        "gave up after {took:?}, before the timeout"
    );
    assert!(std::fs::read(path).unwrap() == before, "the file changed");
    assert_eq!(listing(dir), before_listing, "files appeared or vanished");
}

#[test]
fn a_database_locked_by_another_connection_is_refused_after_the_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = real_db(dir.path());
    // Another program: exclusive locking mode and an exclusive transaction keep even readers out
    // of a WAL database.
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    refused_while_locked(&path);
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    Db::open_with(&path, &quick()).unwrap();
}

#[test]
fn a_rollback_journal_database_in_an_exclusive_transaction_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    // An Upskill database another tool switched back to a rollback journal.
    drop(Db::open(&path).unwrap());
    let holder = Connection::open(&path).unwrap();
    let mode: String = holder
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    refused_while_locked(&path);
}

fn arbitrary_file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Anything at all.
        proptest::collection::vec(any::<u8>(), 0..9000),
        // A SQLite header followed by anything: gets past the magic, into SQLite itself.
        proptest::collection::vec(any::<u8>(), 0..9000).prop_map(|rest| {
            let mut bytes = b"SQLite format 3\0\x10\x00\x01\x01\x00\x40\x20\x20".to_vec();
            bytes.extend(rest);
            bytes
        }),
    ]
}

/// The real database's bytes, made once for the mutation cases.
fn real_bytes() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("real.db");
        let mut db = Db::open(&path).unwrap();
        demo::fill(&mut db, 40, 3, today()).unwrap();
        drop(db);
        std::fs::read(&path).unwrap()
    })
}

/// Opens `bytes` as a database file: never a panic; refused files keep their bytes.
fn open_never_panics_and_refusals_change_nothing(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.db");
    std::fs::write(&path, bytes).unwrap();
    let checked = health::check_file_with(&path, Duration::from_millis(50));
    prop_assert!(
        std::fs::read(&path).unwrap() == bytes,
        "the check changed the file"
    );
    match Db::open_with(&path, &quick()) {
        Ok(db) => {
            // Opened: it was empty, or SQLite found nothing wrong. Reads must work.
            prop_assert!(
                checked.is_ok(),
                "the check refused what the open accepted: {checked:?}"
            );
            let _ = upskill_core::stats::integrity_problems(db.conn());
        }
        Err(err) => {
            prop_assert!(
                std::fs::read(&path).unwrap() == bytes,
                "a refused file changed ({err})"
            );
            prop_assert!(
                err.to_string().contains(&path.display().to_string())
                    || err.kind() == ErrorKind::Database,
                "the message does not name the file: {err}"
            );
        }
    }
    Ok(())
}

proptest! {
    // 96 cases in `make test`; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn random_bytes_never_panic_and_refused_files_are_unchanged(bytes in arbitrary_file()) {
        open_never_panics_and_refusals_change_nothing(&bytes)?;
    }

    #[test]
    fn a_real_database_with_random_damage_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = real_bytes().to_vec();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        open_never_panics_and_refusals_change_nothing(&bytes)?;
    }
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let message = refused(&path, ErrorKind::Invalid, "another program");
    assert!(message.contains("no Upskill schema"), "{message}");
}

#[test]
fn a_negative_schema_version_is_refused_and_left_as_it_is() {
    // Found by the db_open fuzz target: the migration library refused it only after the
    // switch to WAL had rewritten the header.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", -7).unwrap();
    }
    refused(&path, ErrorKind::Invalid, "schema version -7");
}

#[test]
fn a_failing_migration_leaves_the_file_as_it_was() {
    // Schema 1 in its version number, but none of its tables: migration 2 fails on them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE unrelated (x); PRAGMA user_version = 1;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Db::open_with(&path, &quick())
        .err()
        .expect("the open must fail");
    assert!(err.to_string().contains("migration failed"), "{err}");
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
}
