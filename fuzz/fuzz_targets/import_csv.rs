//! The CSV import's reader and validator on arbitrary bytes: decoding, delimiter sniffing,
//! header mapping, row validation and the checks across rows, through the real entry point
//! (a dry run, as the desktop's preview does). No input may panic, and a dry run must write
//! nothing.
//!
//! The first byte picks the kind and the date format; the rest is the file.

#![no_main]

use std::cell::RefCell;
use std::path::PathBuf;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use upskill_core::db::Db;
use upskill_core::import::{self, DateFormat, ImportKind, ImportOptions};
use upskill_core::stats;

struct Fixture {
    _dir: tempfile::TempDir,
    file: PathBuf,
    db: Db,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date")
}

thread_local! {
    static FIXTURE: RefCell<Fixture> = RefCell::new({
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("input.csv");
        let mut db = Db::open_in_memory().expect("an in-memory database");
        // The templates' example employee and program, so completions can resolve.
        for kind in [ImportKind::Employees, ImportKind::Programs] {
            std::fs::write(&file, import::template(kind).csv()).expect("write a template");
            let report = import::import_file(
                &mut db,
                kind,
                &file,
                &ImportOptions::default(),
                today(),
                &mut |_| {},
                &import::Cancel::default(),
            )
            .expect("import a template");
            assert!(!report.is_rejected(), "{report:?}");
        }
        Fixture { _dir: dir, file, db }
    });
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let kind = ImportKind::ALL[usize::from(selector % 3)];
    let date_format = match (selector / 3) % 3 {
        0 => DateFormat::Iso,
        1 => DateFormat::MonthFirst,
        _ => DateFormat::DayFirst,
    };
    FIXTURE.with(|fixture| {
        let fixture = &mut *fixture.borrow_mut();
        std::fs::write(&fixture.file, content).expect("write the input");
        let before = stats::stats(fixture.db.conn()).expect("stats");
        // Err is fine (e.g. a file that cannot be read); a panic is the bug.
        let _ = import::preview(
            &mut fixture.db,
            kind,
            &fixture.file,
            date_format,
            today(),
            &import::Cancel::default(),
        );
        let after = stats::stats(fixture.db.conn()).expect("stats");
        assert_eq!(before, after, "a dry run wrote to the database");
    });
});
