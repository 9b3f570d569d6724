//! Database files as documents: which files the window opened lately, where the demo's own
//! file is, and making it. The window switches files (state.rs); this module owns the rules.
//!
//! The recent list is a text file of paths, one per line, most recent first, beside the
//! default database, so it survives restarts and is readable by a person.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::atomic_file::{folder_of, write_atomic, TempFile};
use crate::db::{self, Db};
use crate::demo::{self, DemoSummary};
use crate::error::{Error, Result};

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 8;
/// The demo's file name, beside the database the window had open.
pub const DEMO_FILE_NAME: &str = "upskill-demo.db";
const RECENT_FILE_NAME: &str = "recent-databases.txt";

/// Where the recent list is kept: beside the default database.
pub fn recent_list_file() -> Result<PathBuf> {
    Ok(db::default_path()?.with_file_name(RECENT_FILE_NAME))
}

/// The remembered files, most recent first; a missing or unreadable list is an empty one.
pub fn load_recent(list_file: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(list_file)
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .take(MAX_RECENT)
                .collect()
        })
        .unwrap_or_default()
}

/// `list` with `opened` moved (or added) to the front, each file once, at most
/// [`MAX_RECENT`].
pub fn remember(list: &[PathBuf], opened: &Path) -> Vec<PathBuf> {
    std::iter::once(opened.to_path_buf())
        .chain(list.iter().filter(|p| p.as_path() != opened).cloned())
        .take(MAX_RECENT)
        .collect()
}

/// Writes the list (atomically: a crash leaves the old list or the new one).
pub fn save_recent(list_file: &Path, list: &[PathBuf]) -> Result<()> {
    if let Some(dir) = list_file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    write_atomic(list_file, |out| {
        for path in list {
            writeln!(out, "{}", path.display()).map_err(|e| Error::io(list_file, e))?;
        }
        Ok(())
    })
}

/// Puts `opened` first in the recent list kept in `list_file`.
pub fn remember_opened(list_file: &Path, opened: &Path) -> Result<()> {
    save_recent(list_file, &remember(&load_recent(list_file), opened))
}

/// The recent files that still exist, without `current` (the one the window has open).
pub fn recent_others(list_file: &Path, current: Option<&Path>) -> Vec<PathBuf> {
    load_recent(list_file)
        .into_iter()
        .filter(|p| p.is_file() && Some(p.as_path()) != current)
        .collect()
}

/// `path` as a database to open: it must exist, so a mistyped path does not become a new,
/// empty database.
pub fn existing(path: PathBuf) -> Result<PathBuf> {
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::NotFound(format!(
            "there is no database file at {}",
            path.display()
        )))
    }
}

/// `path` as a new database: an existing file is never replaced.
pub fn new_file(path: PathBuf) -> Result<PathBuf> {
    if path.exists() {
        Err(Error::Conflict(format!(
            "{} already exists; choose Open database… to open it, or another name",
            path.display()
        )))
    } else {
        Ok(path)
    }
}

/// The demo's file for a window that has `current` open (the default database when none),
/// made on first use.
pub fn demo_for(current: Option<&Path>, today: NaiveDate) -> Result<PathBuf> {
    let beside = match current {
        Some(path) => path.to_path_buf(),
        None => db::default_path()?,
    };
    let demo = demo_file_beside(&beside);
    if !demo.exists() {
        create_demo_file(&demo, today)?;
    }
    Ok(demo)
}

/// Where "Leave demo" goes: the last recent file that still exists and is not a demo's file,
/// else the default database.
pub fn after_demo(list_file: &Path) -> Result<PathBuf> {
    let real = load_recent(list_file)
        .into_iter()
        .find(|p| p.is_file() && p.file_name().is_some_and(|n| n != DEMO_FILE_NAME));
    match real {
        Some(path) => Ok(path),
        None => db::default_path(),
    }
}

/// The demo's own file for a window that has `current` open: beside it, so the demo never
/// enters the user's record and is easy to find and delete.
pub fn demo_file_beside(current: &Path) -> PathBuf {
    folder_of(current).join(DEMO_FILE_NAME)
}

/// Whether the demo organisation was loaded into this database (its trail says so).
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'record' AND key = 'demo')",
        [],
        |r| r.get(0),
    )?)
}

/// Makes the demo's file at `path`, complete or not at all: the organisation is written into
/// a temporary file beside it, which is renamed to `path` only once it is whole. An existing
/// file is refused (the demo never replaces a database).
pub fn create_demo_file(path: &Path, today: NaiveDate) -> Result<DemoSummary> {
    if path.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists; open it instead",
            path.display()
        )));
    }
    let dir = folder_of(path);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let temp = TempFile::create(&dir, DEMO_FILE_NAME)?;
    let summary = {
        let mut db = Db::open(temp.path())?;
        demo::fill(&mut db, demo::DEFAULT_EMPLOYEES, demo::DEFAULT_SEED, today)?
        // Closing checkpoints the WAL into the file before it is renamed.
    };
    temp.persist(path)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn remember_moves_to_the_front_once_and_caps() {
        let list = vec![p("/a.db"), p("/b.db"), p("/c.db")];
        assert_eq!(
            remember(&list, Path::new("/b.db")),
            [p("/b.db"), p("/a.db"), p("/c.db")]
        );
        let long: Vec<PathBuf> = (0..MAX_RECENT).map(|i| p(&format!("/{i}.db"))).collect();
        let kept = remember(&long, Path::new("/new.db"));
        assert_eq!(kept.len(), MAX_RECENT);
        assert_eq!(kept[0], p("/new.db"));
        assert!(!kept.contains(&p(&format!("/{}.db", MAX_RECENT - 1))));
    }

    #[test]
    fn the_rules_for_opening_creating_and_leaving_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join(RECENT_FILE_NAME);
        let real = dir.path().join("real.db");
        let gone = dir.path().join("gone.db");
        std::fs::write(&real, b"").unwrap();
        assert_eq!(existing(real.clone()).unwrap(), real);
        let err = existing(gone.clone()).unwrap_err();
        assert!(err.to_string().contains("gone.db"), "{err}");
        assert_eq!(new_file(gone.clone()).unwrap(), gone);
        let err = new_file(real.clone()).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");

        let demo = dir.path().join(DEMO_FILE_NAME);
        std::fs::write(&demo, b"").unwrap();
        for opened in [&gone, &real, &demo] {
            remember_opened(&list, opened).unwrap();
        }
        // Most recent first; gone files and the open one are left out.
        assert_eq!(
            recent_others(&list, Some(&demo)),
            std::slice::from_ref(&real)
        );
        // Leaving the demo goes to the last real file, never to a demo's file.
        assert_eq!(after_demo(&list).unwrap(), real);
    }

    #[test]
    fn the_list_survives_a_save_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub").join(RECENT_FILE_NAME);
        assert!(load_recent(&file).is_empty());
        let list = vec![p("/x y/a.db"), p("/b.db")];
        save_recent(&file, &list).unwrap();
        assert_eq!(load_recent(&file), list);
    }

    #[test]
    fn the_demo_file_is_whole_marked_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_file_beside(&dir.path().join("upskill.db"));
        assert_eq!(path, dir.path().join(DEMO_FILE_NAME));
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let summary = create_demo_file(&path, today).unwrap();
        let db = Db::open(&path).unwrap();
        let count: u32 = db
            .conn()
            .query_row("SELECT count(*) FROM completions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, summary.completions);
        assert!(is_demo(db.conn()).unwrap());
        drop(db);
        let err = create_demo_file(&path, today).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        // Nothing but the demo's file is left in the folder.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from(DEMO_FILE_NAME)]);

        let empty = Db::open(&dir.path().join("real.db")).unwrap();
        assert!(!is_demo(empty.conn()).unwrap());
    }
}
