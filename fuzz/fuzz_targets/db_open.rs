//! `Db::open` on arbitrary bytes as the database file: no panic, and a file it refuses is left
//! byte for byte as it was (the start-up promise for damaged databases).

#![no_main]

use std::cell::RefCell;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use upskill_core::db::{Db, OpenOptions};

thread_local! {
    static DIR: RefCell<tempfile::TempDir> =
        RefCell::new(tempfile::tempdir().expect("a temporary folder"));
}

fuzz_target!(|data: &[u8]| {
    DIR.with(|dir| {
        let dir = dir.borrow();
        let path = dir.path().join("fuzz.db");
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let _ = std::fs::remove_dir_all(dir.path().join("backups"));
        std::fs::write(&path, data).expect("write the input");
        let options = OpenOptions {
            busy_timeout: Duration::from_millis(10),
            ..OpenOptions::default()
        };
        match Db::open_with(&path, &options) {
            Ok(db) => {
                let _ = upskill_core::stats::integrity_problems(db.conn());
            }
            Err(err) => {
                let after = std::fs::read(&path).expect("read the input back");
                assert!(after == data, "a refused file changed: {err}");
            }
        }
    });
});
