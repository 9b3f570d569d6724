//! The database file's state before it is opened: missing (first run), sound, damaged, locked,
//! too new, or in a risky place.
//!
//! [`crate::db::Db::open`] calls [`check_before_open`] first, so the desktop and the CLI refuse
//! the same files with the same messages, and a refused file is left byte for byte as it was:
//! the checks only read (the header with plain file I/O, then a read-only SQLite connection),
//! and nothing writes to the file (not even the switch to WAL) until they have passed.
//!
//! - Missing or zero-length: fine, a new database is created (SQLite treats an empty file as
//!   an empty database, so a zero-length file is a first run too).
//! - Not a SQLite file, truncated (shorter than its header says), or failing
//!   `PRAGMA quick_check`: [`Error::Damaged`] naming the file. It is never repaired, replaced
//!   or deleted here; the front ends offer [`crate::backup::latest_good`] and
//!   [`crate::backup::restore`]. (`quick_check` reads the whole file; a command that only
//!   reads, like `upskill report`, opens without it: [`crate::db::OpenOptions::quick_check`].)
//! - Locked by another program beyond the busy timeout: [`Error::Locked`].
//! - A schema newer than this build's: [`Error::TooNew`].
//! - Another program's SQLite database (tables, but `user_version` 0): [`Error::Invalid`]
//!   (field `file`), so Upskill's migrations never write into it.
//! - On a network share or in a sync folder: not an error, a warning from
//!   [`location_warning`] for the front ends to show.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::db::{self, BUSY_TIMEOUT};
use crate::error::{Error, Result};

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The SQLite file header's length.
const HEADER_LEN: usize = 100;
/// How many problems `quick_check` lists at most.
const MAX_PROBLEMS: usize = 5;

/// What is at a database path, when it is usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// Nothing there: opening creates a new database.
    Missing,
    /// A zero-length file: opening makes it a new database.
    Empty,
    /// A sound SQLite database with this `user_version`.
    Database { schema_version: i64 },
}

/// Checks the file at `path` without changing it: the header, SQLite's quick check, and a
/// schema version this build knows. Waits at most [`BUSY_TIMEOUT`] for another program's lock.
pub fn check_file(path: &Path) -> Result<FileState> {
    check_file_with(path, BUSY_TIMEOUT)
}

/// [`check_file`] with another busy timeout.
pub fn check_file_with(path: &Path, busy_timeout: Duration) -> Result<FileState> {
    check_before_open(path, busy_timeout, db::schema_version(), QuickOrFull::Quick)
}

/// What [`crate::db::Db`] runs before opening: [`check_file`] against the migrations at hand,
/// with SQLite's `check` (or only the header and schema version: [`QuickOrFull::Header`]).
pub(crate) fn check_before_open(
    path: &Path,
    busy_timeout: Duration,
    latest: i64,
    check: QuickOrFull,
) -> Result<FileState> {
    let state = inspect_with(path, busy_timeout, check)?;
    refuse_too_new(path, state, latest)?;
    match state {
        FileState::Database { schema_version: 0 } => refuse_foreign(path, busy_timeout)?,
        FileState::Database { schema_version } if schema_version < 0 => {
            return Err(Error::invalid(
                "file",
                format!(
                    "{} has schema version {schema_version}, which no Upskill writes: it is \
                     another program's database; it was not changed",
                    path.display()
                ),
            ));
        }
        _ => {}
    }
    Ok(state)
}

/// A SQLite database with tables but no Upskill schema (`user_version` 0) belongs to another
/// program: migrating it would write Upskill's tables into it.
fn refuse_foreign(path: &Path, busy_timeout: Duration) -> Result<()> {
    let tables = (|| -> Result<i64> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(busy_timeout)?;
        Ok(conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?)
    })()
    .map_err(|e| at_open(path, busy_timeout, e))?;
    if tables > 0 {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is a SQLite database of another program (it has tables, but no Upskill \
                 schema); it was not changed. Choose an Upskill database, or a new file name",
                path.display()
            ),
        ));
    }
    Ok(())
}

fn refuse_too_new(path: &Path, state: FileState, latest: i64) -> Result<()> {
    match state {
        FileState::Database { schema_version } if schema_version > latest => Err(Error::TooNew {
            path: path.display().to_string(),
            found: schema_version,
            known: latest,
        }),
        _ => Ok(()),
    }
}

/// The file's state, whatever its schema version: header, then a read-only connection's
/// `user_version` and `quick_check`. Never writes to the file.
pub(crate) fn inspect(path: &Path, busy_timeout: Duration) -> Result<FileState> {
    inspect_with(path, busy_timeout, QuickOrFull::Quick)
}

/// [`inspect`] with SQLite's full `integrity_check` instead of the quick one.
pub(crate) fn inspect_with(
    path: &Path,
    busy_timeout: Duration,
    check: QuickOrFull,
) -> Result<FileState> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::other("is a folder, not a database file"),
        ));
    }
    if meta.len() == 0 {
        return Ok(FileState::Empty);
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut header))
        .map_err(|e| Error::io(path, e))?;
    if let Err(reason) = check_header(&header, meta.len(), has_wal(path)) {
        return Err(damaged(path, reason));
    }
    let schema_version = read_only_check(path, busy_timeout, check)?;
    Ok(FileState::Database { schema_version })
}

/// Which of SQLite's checks to run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuickOrFull {
    /// `quick_check`: structure and page use, linear in the file; at every open.
    Quick,
    /// `integrity_check`: also every index against its table; for backups.
    Full,
    /// Neither: only the header and the schema version, for commands that only read
    /// ([`crate::db::OpenOptions::quick_check`]).
    Header,
}

/// Opens `path` read-only, reads `user_version` and runs the check; Damaged or Locked
/// errors name the file.
pub(crate) fn read_only_check(
    path: &Path,
    busy_timeout: Duration,
    check: QuickOrFull,
) -> Result<i64> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| at_open(path, busy_timeout, e.into()))?;
    conn.busy_timeout(busy_timeout)
        .map_err(|e| at_open(path, busy_timeout, e.into()))?;
    let version = check_connection(&conn, check).map_err(|e| at_open(path, busy_timeout, e));
    // A read-only connection never writes the database; closing it cannot fail in a way
    // that matters here.
    drop(conn);
    let (version, problems) = version?;
    if let Some(problems) = problems {
        return Err(damaged(path, problems));
    }
    Ok(version)
}

/// `user_version`, and the check's problems joined (None when it says "ok").
pub(crate) fn check_connection(
    conn: &Connection,
    check: QuickOrFull,
) -> Result<(i64, Option<String>)> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let pragma = match check {
        QuickOrFull::Quick => "quick_check",
        QuickOrFull::Full => "integrity_check",
        QuickOrFull::Header => return Ok((version, None)),
    };
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}({MAX_PROBLEMS})"))?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok((version, None))
    } else {
        Ok((version, Some(format!("{pragma}: {}", lines.join("; ")))))
    }
}

/// Whether a non-empty `-wal` file lies beside `path` (then the file alone may legitimately
/// be shorter than its header says, until the next checkpoint).
fn has_wal(path: &Path) -> bool {
    std::fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// `path` with `suffix` appended to its file name (`-wal`, `-shm`, `-journal`).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Checks the first bytes of a file (at most 100) against the SQLite header format; `Err`
/// says why the file is not a whole SQLite database.
pub(crate) fn check_header(
    header: &[u8],
    file_len: u64,
    wal_beside: bool,
) -> std::result::Result<(), String> {
    let magic_len = header.len().min(SQLITE_MAGIC.len());
    if header[..magic_len] != SQLITE_MAGIC[..magic_len] || header.is_empty() {
        return Err("not a database: the file does not start with a SQLite header".into());
    }
    if header.len() < HEADER_LEN {
        return Err(format!(
            "truncated: {file_len} bytes, shorter than a SQLite header"
        ));
    }
    let raw_page = u16::from_be_bytes([header[16], header[17]]);
    let page_size: u64 = if raw_page == 1 {
        65536
    } else {
        u64::from(raw_page)
    };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(format!("damaged header: page size {raw_page}"));
    }
    if file_len < page_size {
        return Err(format!(
            "truncated: {file_len} bytes, less than one {page_size}-byte page"
        ));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let change_counter = be32(24);
    let pages = u64::from(be32(28));
    let valid_for = be32(92);
    // The header's page count is valid when written by SQLite 3.7.0 or later (valid_for ==
    // change_counter). With a WAL beside the file, pages may still be only in the WAL.
    if !wal_beside && pages > 0 && valid_for == change_counter && file_len < pages * page_size {
        return Err(format!(
            "truncated: {file_len} bytes, but its header says {} ({pages} pages)",
            pages * page_size
        ));
    }
    Ok(())
}

fn damaged(path: &Path, reason: impl Into<String>) -> Error {
    Error::Damaged {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// Names the file in a SQLite failure met while opening or checking it: a busy or locked
/// database becomes [`Error::Locked`], a corrupt one or one that is not a database
/// [`Error::Damaged`]. Other errors pass through.
pub(crate) fn at_open(path: &Path, busy_timeout: Duration, err: Error) -> Error {
    let sqlite = match &err {
        Error::Database(e) => e
            .sqlite_error()
            .map(|f| (f.code, f.extended_code, e.to_string())),
        Error::Migration(rusqlite_migration::Error::RusqliteError { err: e, .. }) => e
            .sqlite_error()
            .map(|f| (f.code, f.extended_code, e.to_string())),
        _ => None,
    };
    match sqlite {
        Some((ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked, _, _)) => Error::Locked {
            path: path.display().to_string(),
            waited_ms: u64::try_from(busy_timeout.as_millis()).unwrap_or(u64::MAX),
        },
        Some((ErrorCode::NotADatabase, _, message)) => {
            damaged(path, format!("not a database: {message}"))
        }
        Some((ErrorCode::DatabaseCorrupt, _, message)) => damaged(path, message),
        Some((_, rusqlite::ffi::SQLITE_IOERR_SHORT_READ, message)) => {
            damaged(path, format!("truncated: {message}"))
        }
        _ => err,
    }
}

/// A warning when `path` is on a network share or in a folder a sync client (Dropbox,
/// OneDrive, iCloud Drive, Google Drive, ...) copies between computers: SQLite's locking is
/// not reliable there, and a sync can copy a half-written file. Not an error: the front ends
/// show it and go on.
pub fn location_warning(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Follow symbolic links where the path (or its folder) exists, so a link into a sync
    // folder or a share is seen for what it is.
    let resolved = std::fs::canonicalize(&absolute)
        .ok()
        .or_else(|| {
            let parent = absolute.parent()?;
            let name = absolute.file_name()?;
            Some(std::fs::canonicalize(parent).ok()?.join(name))
        })
        .unwrap_or_else(|| absolute.clone());
    let place = sync_folder(&resolved)
        .or_else(|| sync_folder(&absolute))
        .map(|name| format!("in a {name} folder"))
        .or_else(|| network_share(&resolved).map(|kind| format!("on a network share ({kind})")))?;
    Some(format!(
        "{} is {place}: SQLite's file locking is not reliable there, and syncing can copy a \
         half-written database, which can damage the record. Keep the database on a local \
         disk (the default place), and put backups in the shared folder instead.",
        path.display()
    ))
}

/// The sync service whose folder holds `path`, from the folder names the clients use.
pub(crate) fn sync_folder(path: &Path) -> Option<&'static str> {
    let components: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().to_lowercase()),
            _ => None,
        })
        .collect();
    let service = |name: &str| -> Option<&'static str> {
        if name == "dropbox" || name.starts_with("dropbox (") || name.starts_with("dropbox-") {
            Some("Dropbox")
        } else if name == "onedrive"
            || name.starts_with("onedrive -")
            || name.starts_with("onedrive-")
        {
            Some("OneDrive")
        } else if matches!(
            name,
            "icloud drive" | "iclouddrive" | "mobile documents" | "com~apple~clouddocs"
        ) {
            Some("iCloud Drive")
        } else if matches!(
            name,
            "google drive" | "googledrive" | "my drive" | "shared drives"
        ) || name.starts_with("googledrive-")
        {
            Some("Google Drive")
        } else if matches!(name, "nextcloud" | "owncloud" | "box sync") {
            Some("cloud sync")
        } else {
            None
        }
    };
    if let Some(found) = components.iter().find_map(|name| service(name)) {
        return Some(found);
    }
    // macOS: ~/Library/CloudStorage/<provider>-<account> for every File Provider client.
    let parents = components.len().saturating_sub(1);
    if components[..parents]
        .iter()
        .any(|name| name == "cloudstorage")
    {
        return Some("cloud storage");
    }
    None
}

/// The file system type when `path` is on a network share: Linux reads `/proc/mounts`,
/// Windows recognises UNC paths (`\\server\share`).
fn network_share(path: &Path) -> Option<String> {
    #[cfg(windows)]
    {
        if is_unc(&path.to_string_lossy()) {
            return Some("SMB".into());
        }
    }
    #[cfg(target_os = "linux")]
    {
        if let Ok(mounts) = std::fs::read_to_string("/proc/mounts") {
            return network_fs_in(&mounts, path);
        }
    }
    let _ = path;
    None
}

/// Whether a Windows path names a network share: `\\server\share\…` (or `//server/share/…`),
/// or the verbatim form `\\?\UNC\server\share\…` that `canonicalize` returns for one. A
/// verbatim local path (`\\?\C:\…`) and a device path (`\\.\…`) are not shares.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn is_unc(text: &str) -> bool {
    let text = text.replace('/', "\\");
    if let Some(verbatim) = text.strip_prefix(r"\\?\") {
        return verbatim
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(r"UNC\"));
    }
    text.starts_with(r"\\") && !text.starts_with(r"\\.\")
}

/// File system types whose locking SQLite cannot rely on.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "davfs",
    "sshfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.s3fs",
    "fuse.gvfsd-fuse",
    "fuse.davfs2",
    "fuse.glusterfs",
    "fuse.ceph",
];

/// The network file system type of the mount (from `/proc/mounts` text) that holds `path`:
/// the longest mount point that is a prefix of it.
pub(crate) fn network_fs_in(mounts: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_device), Some(point), Some(fstype)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let point = unescape_mount(point);
        if path.starts_with(&point) {
            let depth = Path::new(&point).components().count();
            if best.is_none_or(|(d, _)| depth >= d) {
                best = Some((depth, fstype));
            }
        }
    }
    let fstype = best?.1;
    NETWORK_FS.contains(&fstype).then(|| fstype.to_string())
}

/// `/proc/mounts` writes space, tab, newline and backslash in octal (`\040`).
fn unescape_mount(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4);
        if bytes[i] == b'\\' && octal.is_some_and(|o| o.iter().all(|b| (b'0'..=b'7').contains(b))) {
            let value = u32::from(bytes[i + 1] - b'0') * 64
                + u32::from(bytes[i + 2] - b'0') * 8
                + u32::from(bytes[i + 3] - b'0');
            out.push(u8::try_from(value).unwrap_or(b'?'));
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(page_size: u16, change_counter: u32, pages: u32, valid_for: u32) -> Vec<u8> {
        let mut h = vec![0u8; HEADER_LEN];
        h[..16].copy_from_slice(SQLITE_MAGIC);
        h[16..18].copy_from_slice(&page_size.to_be_bytes());
        h[24..28].copy_from_slice(&change_counter.to_be_bytes());
        h[28..32].copy_from_slice(&pages.to_be_bytes());
        h[92..96].copy_from_slice(&valid_for.to_be_bytes());
        h
    }

    #[test]
    fn header_check() {
        assert!(check_header(&header(4096, 3, 5, 3), 5 * 4096, false).is_ok());
        // Longer than the header says: fine (SQLite ignores the rest).
        assert!(check_header(&header(4096, 3, 5, 3), 6 * 4096, false).is_ok());
        // Page size 1 means 65536.
        assert!(check_header(&header(1, 3, 1, 3), 65536, false).is_ok());
        let reason = check_header(&header(4096, 3, 10, 3), 5 * 4096, false).unwrap_err();
        assert!(reason.starts_with("truncated"), "{reason}");
        // With a WAL beside it, the pages may still be in the WAL.
        assert!(check_header(&header(4096, 3, 10, 3), 5 * 4096, true).is_ok());
        // A page count from an old SQLite (valid_for differs) is not trusted.
        assert!(check_header(&header(4096, 3, 10, 2), 5 * 4096, false).is_ok());
        assert!(check_header(&header(1000, 3, 1, 3), 4096, false)
            .unwrap_err()
            .contains("page size"));
        assert!(check_header(&header(4096, 3, 1, 3), 100, false)
            .unwrap_err()
            .starts_with("truncated"));
        assert!(check_header(b"SQLite fox", 10, false)
            .unwrap_err()
            .starts_with("not a database"));
        assert!(check_header(b"SQLite format 3\0abc", 19, false)
            .unwrap_err()
            .starts_with("truncated"));
        assert!(check_header(b"employee_id,full_name\n", 22, false)
            .unwrap_err()
            .starts_with("not a database"));
    }

    #[test]
    fn sync_folders_are_recognised() {
        for (path, service) in [
            ("/home/ann/Dropbox/hr/upskill.db", "Dropbox"),
            ("/home/ann/Dropbox (Contoso)/upskill.db", "Dropbox"),
            (r"C:\Users\ann\OneDrive - Contoso\HR\upskill.db", "OneDrive"),
            ("/Users/ann/OneDrive/upskill.db", "OneDrive"),
            (
                "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/upskill.db",
                "iCloud Drive",
            ),
            (r"C:\Users\ann\iCloudDrive\upskill.db", "iCloud Drive"),
            ("/Users/ann/Google Drive/upskill.db", "Google Drive"),
            ("/Volumes/GoogleDrive/My Drive/upskill.db", "Google Drive"),
            (
                "/Users/ann/Library/CloudStorage/GoogleDrive-ann@example.com/My Drive/u.db",
                "Google Drive",
            ),
            (
                "/Users/ann/Library/CloudStorage/Box-Box/u.db",
                "cloud storage",
            ),
        ] {
            let path = PathBuf::from(path.replace('\\', std::path::MAIN_SEPARATOR_STR));
            assert_eq!(sync_folder(&path), Some(service), "{}", path.display());
        }
        for path in [
            "/home/ann/.local/share/dev.upskill.desktop/upskill.db",
            "/home/ann/dropboxes/upskill.db",
            "/srv/drive/upskill.db",
        ] {
            assert_eq!(sync_folder(Path::new(path)), None, "{path}");
        }
    }

    /// The shapes Windows gives (drive letters, the verbatim `\\?\` prefix `canonicalize`
    /// adds) and the folders macOS File Provider clients use, written in this host's
    /// separators; and the default database folder of every OS, which never warns.
    #[test]
    fn sync_folders_in_windows_and_macos_shaped_paths() {
        let host = |p: &str| PathBuf::from(p.replace('\\', std::path::MAIN_SEPARATOR_STR));
        for (path, service) in [
            (
                r"\\?\C:\Users\ann\OneDrive - Contoso Ltd\HR\upskill.db",
                "OneDrive",
            ),
            (r"C:\Users\ann\OneDrive\Documents\upskill.db", "OneDrive"),
            (r"\\?\D:\Dropbox (Personal)\HR\upskill.db", "Dropbox"),
            (r"C:\Users\ann\iCloudDrive\HR\upskill.db", "iCloud Drive"),
            (r"G:\My Drive\HR\upskill.db", "Google Drive"),
            (
                "/Users/ann/Library/CloudStorage/OneDrive-Contoso/HR/upskill.db",
                "OneDrive",
            ),
            (
                "/Users/ann/Library/CloudStorage/Dropbox/upskill.db",
                "Dropbox",
            ),
            (
                "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/HR/u.db",
                "iCloud Drive",
            ),
        ] {
            assert_eq!(sync_folder(&host(path)), Some(service), "{path}");
        }
        for path in [
            r"C:\Users\ann\AppData\Local\dev.upskill.desktop\upskill.db",
            r"\\?\C:\Users\ann\AppData\Local\dev.upskill.desktop\upskill.db",
            r"C:\Users\ann\Documents\HR\upskill.db",
            // A name that merely contains a service's.
            r"C:\Users\onedriveadmin\Documents\upskill.db",
            "/Users/ann/Library/Application Support/dev.upskill.desktop/upskill.db",
            "/Users/ann/Documents/HR/upskill.db",
        ] {
            assert_eq!(sync_folder(&host(path)), None, "{path}");
        }
    }

    #[test]
    fn windows_network_shares_are_recognised_by_their_prefix() {
        for share in [
            r"\\nas\hr\upskill.db",
            r"\\?\UNC\nas\hr\upskill.db",
            r"\\?\unc\nas\hr\upskill.db",
            "//nas/hr/upskill.db",
        ] {
            assert!(is_unc(share), "{share}");
        }
        for local in [
            r"C:\Users\ann\AppData\Local\dev.upskill.desktop\upskill.db",
            r"\\?\C:\Users\ann\upskill.db",
            r"\\.\C:\upskill.db",
            r"\\?\UNCLE\upskill.db",
            "upskill.db",
        ] {
            assert!(!is_unc(local), "{local}");
        }
    }

    #[test]
    fn network_mounts_are_recognised_by_the_longest_mount_point() {
        let mounts = "\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home nfs4 rw,relatime 0 0
/dev/sdb1 /home/ann/local ext4 rw 0 0
//nas/hr\\040share /mnt/hr\\040share cifs rw 0 0
ann@host:/data /mnt/ssh fuse.sshfs rw 0 0
tmpfs /tmp tmpfs rw 0 0
";
        let at = |p: &str| network_fs_in(mounts, Path::new(p));
        assert_eq!(at("/home/ann/upskill.db").as_deref(), Some("nfs4"));
        assert_eq!(at("/home/ann/local/upskill.db"), None);
        assert_eq!(at("/mnt/hr share/upskill.db").as_deref(), Some("cifs"));
        assert_eq!(at("/mnt/ssh/u.db").as_deref(), Some("fuse.sshfs"));
        assert_eq!(at("/tmp/u.db"), None);
        assert_eq!(at("/var/u.db"), None);
        // A prefix of a name is not a mount point: /homes is not under /home.
        assert_eq!(at("/homes/u.db"), None);
    }

    #[test]
    fn location_warning_names_the_place_and_is_quiet_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(location_warning(&dir.path().join("u.db")), None);
        let synced = dir.path().join("Dropbox").join("u.db");
        let warning = location_warning(&synced).unwrap();
        assert!(warning.contains("Dropbox"), "{warning}");
        assert!(warning.contains(&synced.display().to_string()), "{warning}");
        // A link from a local folder into a sync folder is followed.
        #[cfg(unix)]
        {
            std::fs::create_dir_all(dir.path().join("OneDrive")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("OneDrive"), dir.path().join("records"))
                .unwrap();
            let warning = location_warning(&dir.path().join("records").join("u.db")).unwrap();
            assert!(warning.contains("OneDrive"), "{warning}");
        }
    }
}

/// What the desktop shows before anything else: the database it tried to open, why that
/// failed (if it did), a warning about its location, and the backup it could restore.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StartupReport {
    pub db_path: String,
    /// None when the database is open and usable.
    pub problem: Option<crate::error::ApiError>,
    pub location_warning: Option<String>,
    /// The newest automatic backup that passes the checks, offered when the file is damaged.
    pub latest_backup: Option<String>,
}

/// The start-up report for the database at `path`, given how opening it went.
pub fn startup_report(path: &Path, open_error: Option<&Error>) -> StartupReport {
    StartupReport {
        db_path: path.display().to_string(),
        problem: open_error.map(crate::error::ApiError::from),
        location_warning: location_warning(path),
        latest_backup: open_error
            .and_then(|_| crate::backup::latest_good(path))
            .map(|p| p.display().to_string()),
    }
}
