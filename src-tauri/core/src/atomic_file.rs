//! The one way the core writes a file that must appear whole or not at all, readable by its
//! owner only: a fresh owner-only temporary file in the destination's folder, flushed to disk,
//! renamed over the destination, and the folder flushed so the rename survives a crash. Used
//! by exports and reports ([`write_atomic`]), backups and restores ([`TempFile`]), and the
//! database file's creation ([`create_owner_only`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Options that create a new file readable and writable by its owner only (on Unix), so the
/// record (names, birth years) is never world-readable, not even for a moment.
fn owner_only_new() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Creates an empty owner-only file at `path`, if there is none.
pub(crate) fn create_owner_only(path: &Path) -> Result<()> {
    match owner_only_new().open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The folder a file is in ("." for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file created owner-only under a fresh name; removed (with any SQLite journal of it)
/// when dropped, unless [`TempFile::persist`] renamed it into place.
pub(crate) struct TempFile {
    path: PathBuf,
    kept: bool,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl TempFile {
    /// A new empty file in `dir`, named after `hint` (hidden, with the process id and a
    /// counter, so that concurrent writers never share one).
    pub(crate) fn create(dir: &Path, hint: impl AsRef<str>) -> Result<TempFile> {
        let options = owner_only_new();
        let mut attempt = 0;
        loop {
            let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{}.{}-{n}.tmp", hint.as_ref(), std::process::id()));
            match options.open(&path) {
                Ok(_) => return Ok(TempFile { path, kept: false }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(Error::io(dir, e)),
            }
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the file to disk, renames it to `dest` (replacing it) and flushes the folder.
    /// Returns the file's size.
    pub(crate) fn persist(mut self, dest: &Path) -> Result<u64> {
        // Write access: Windows flushes only handles that may write.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.path)
            .map_err(|e| Error::io(&self.path, e))?;
        file.sync_all().map_err(|e| Error::io(&self.path, e))?;
        let bytes = file.metadata().map_err(|e| Error::io(&self.path, e))?.len();
        drop(file);
        std::fs::rename(&self.path, dest).map_err(|e| Error::io(dest, e))?;
        self.kept = true;
        #[cfg(unix)]
        {
            // The rename is durable once the folder is: a crash cannot bring back the old name.
            if let Ok(dir) = std::fs::File::open(folder_of(dest)) {
                let _ = dir.sync_all();
            }
        }
        Ok(bytes)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        for suffix in ["-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(crate::health::sidecar(&self.path, suffix));
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Writes `dest` atomically: `write` fills a temporary file in the same folder, which is
/// flushed to disk and renamed over `dest` only when `write` succeeded. Every I/O failure
/// names `dest`, the file the user asked for.
pub fn write_atomic<T>(
    dest: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> Result<T>,
) -> Result<T> {
    let naming_dest = |e: Error| match e {
        Error::Io { source, .. } => Error::io(dest, source),
        other => other,
    };
    let hint = dest
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upskill".into());
    let temp = TempFile::create(&folder_of(dest), hint).map_err(naming_dest)?;
    let value = {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(temp.path())
            .map_err(|e| Error::io(dest, e))?;
        let mut out = std::io::BufWriter::new(&file);
        let value = write(&mut out).map_err(naming_dest)?;
        out.flush().map_err(|e| Error::io(dest, e))?;
        value
    };
    temp.persist(dest).map_err(naming_dest)?;
    Ok(value)
}

/// Writes the folder `dest` atomically: `write` fills a temporary folder beside it (same
/// parent, so the rename cannot cross file systems), which is renamed to `dest` only when
/// `write` succeeded; on any error the temporary folder is removed. `dest` must be absent or
/// an empty folder (a rename replaces an empty folder), so it is complete or absent.
pub fn write_dir_atomic<T>(dest: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let dir = folder_of(dest);
    let cannot = |e: std::io::Error| Error::Io {
        path: dest.display().to_string(),
        source: e,
    };
    let temp = tempfile::Builder::new()
        .prefix(".upskill-")
        .suffix(".part")
        .tempdir_in(&dir)
        .map_err(cannot)?;
    let value = write(temp.path())?;
    std::fs::rename(temp.path(), dest).map_err(cannot)?;
    // The folder now lives at `dest`; nothing is left to clean up.
    let _ = temp.keep();
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn written_files_are_owner_only_and_leave_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        write_atomic(&dest, |w| {
            w.write_all(b"a,b\r\n").map_err(|e| Error::io("x", e))
        })
        .unwrap();
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.csv")]);
    }
}
