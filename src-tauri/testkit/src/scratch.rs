//! A throw-away folder for one test: a database path in it and files written by hand.

use std::path::PathBuf;

/// A temporary folder (removed on drop) and the path `u.db` in it, not yet created.
pub struct Scratch {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("u.db");
        Scratch { dir, db }
    }

    /// Writes `text` to `name` in the folder; returns its path, as the CLI takes it.
    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write a test file");
        path.to_str().expect("a UTF-8 path").to_string()
    }

    /// The database path, as the CLI takes it.
    pub fn db_arg(&self) -> &str {
        self.db.to_str().expect("a UTF-8 path")
    }
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch::new()
    }
}
