//! Saved import mappings: the `import_mappings` table.
//!
//! A saved mapping is the mapping file's own text (the contract in `import-mapping.md`), so
//! what is saved, shown and exported is what a user would write by hand, and it is checked by
//! the same parser before it is stored. With it is kept the header row of the file it was
//! saved from: a later file whose header is the same (compared as headers are, ignoring
//! case, spaces and punctuation) is offered the mapping.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::import::{ImportKind, Mapping};

/// The longest name a mapping may have (the table's CHECK says the same).
pub const MAX_NAME_LEN: usize = 100;

/// A saved mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SavedMapping {
    pub name: String,
    pub kind: ImportKind,
    /// The mapping file's text.
    pub toml: String,
    /// The header row of the file it was saved from, as written.
    pub headers: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "name, kind, toml, headers, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<SavedMapping> {
    let kind: String = row.get(1)?;
    let headers: String = row.get(3)?;
    Ok(SavedMapping {
        name: row.get(0)?,
        kind: ImportKind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind)
            .unwrap_or(ImportKind::Employees),
        toml: row.get(2)?,
        headers: serde_json::from_str(&headers).unwrap_or_default(),
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
    })
}

/// Checks a name as the table does: not blank, no surrounding spaces, at most
/// [`MAX_NAME_LEN`] characters.
pub fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid("name", "a mapping needs a name"));
    }
    if name != name.trim() {
        return Err(Error::invalid(
            "name",
            "a mapping's name may not start or end with spaces",
        ));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(Error::invalid(
            "name",
            format!("a mapping's name is at most {MAX_NAME_LEN} characters"),
        ));
    }
    Ok(())
}

/// Saves (or replaces) the mapping `name`: `toml` must parse as a mapping for `kind`.
/// `headers` is the header row of the file it fits. `now` is the time to record (ISO 8601).
pub fn save(
    db: &mut Db,
    name: &str,
    kind: ImportKind,
    toml: &str,
    headers: &[String],
    now: &str,
) -> Result<SavedMapping> {
    check_name(name)?;
    Mapping::parse(toml, &format!("mapping '{name}'"), kind)?;
    let headers_json = serde_json::to_string(headers)
        .map_err(|e| Error::Internal(format!("headers as JSON: {e}")))?;
    db.with_tx(|tx| {
        tx.execute(
            "INSERT INTO import_mappings (name, kind, toml, headers, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (name) DO UPDATE SET
               kind = excluded.kind, toml = excluded.toml, headers = excluded.headers,
               updated_at = excluded.updated_at",
            params![name, kind.as_str(), toml, headers_json, now],
        )?;
        get_in(tx, name)?.ok_or_else(|| Error::Internal("the saved mapping is gone".into()))
    })
}

fn get_in(conn: &Connection, name: &str) -> Result<Option<SavedMapping>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM import_mappings WHERE name = ?1"),
            [name],
            from_row,
        )
        .optional()?)
}

/// The mapping saved as `name`.
pub fn get(conn: &Connection, name: &str) -> Result<SavedMapping> {
    get_in(conn, name)?.ok_or_else(|| {
        Error::NotFound(format!(
            "there is no saved mapping named '{name}' (upskill mappings list shows them)"
        ))
    })
}

/// Every saved mapping, by kind then name.
pub fn list(conn: &Connection) -> Result<Vec<SavedMapping>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM import_mappings ORDER BY kind, name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes the mapping `name`.
pub fn delete(db: &mut Db, name: &str) -> Result<()> {
    db.with_tx(|tx| {
        let n = tx.execute("DELETE FROM import_mappings WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(Error::NotFound(format!(
                "there is no saved mapping named '{name}'"
            )));
        }
        Ok(())
    })
}

/// The saved mappings of `kind` made for a file with this header row (the same columns,
/// compared as headers are), most recently saved first.
pub fn matching(
    conn: &Connection,
    kind: ImportKind,
    headers: &[String],
) -> Result<Vec<SavedMapping>> {
    let key = header_keys(headers);
    Ok(list(conn)?
        .into_iter()
        .filter(|m| m.kind == kind && header_keys(&m.headers) == key)
        .collect())
}

fn header_keys(headers: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = headers
        .iter()
        .map(|h| crate::import::header_key(h))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys
}

/// The mapping `arg` names: a path to a mapping file if one is there, else a saved mapping's
/// name. Parsed for `kind`.
pub fn load(conn: &Connection, arg: &str, kind: ImportKind) -> Result<Mapping> {
    let path = std::path::Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        return Mapping::parse(&text, arg, kind);
    }
    let saved = get(conn, arg).map_err(|_| {
        Error::NotFound(format!(
            "'{arg}' is neither a mapping file nor a saved mapping (upskill mappings list shows them)"
        ))
    })?;
    Mapping::parse(&saved.toml, &format!("mapping '{arg}'"), kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str =
        "version = 1\nkind = \"employees\"\n[columns]\nemployee_id = \"Employee #\"\n";

    #[test]
    fn save_get_list_match_delete() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("u.db")).unwrap();
        let headers = vec!["Employee #".to_string(), "Job Title".to_string()];
        let saved = save(
            &mut db,
            "Bamboo",
            ImportKind::Employees,
            TOML,
            &headers,
            "2026-12-01T10:00:00Z",
        )
        .unwrap();
        assert_eq!(saved.headers, headers);
        assert_eq!(get(db.conn(), "Bamboo").unwrap().toml, TOML);
        // Replaced, keeping when it was made.
        let again = save(
            &mut db,
            "Bamboo",
            ImportKind::Employees,
            TOML,
            &headers,
            "2026-12-02T10:00:00Z",
        )
        .unwrap();
        assert_eq!(
            (again.created_at.as_str(), again.updated_at.as_str()),
            ("2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z")
        );
        let same = vec!["job title".to_string(), " EMPLOYEE # ".to_string()];
        assert_eq!(
            matching(db.conn(), ImportKind::Employees, &same)
                .unwrap()
                .len(),
            1
        );
        assert!(matching(db.conn(), ImportKind::Completions, &same)
            .unwrap()
            .is_empty());
        assert!(matching(db.conn(), ImportKind::Employees, &headers[..1])
            .unwrap()
            .is_empty());
        assert_eq!(list(db.conn()).unwrap().len(), 1);
        delete(&mut db, "Bamboo").unwrap();
        assert!(get(db.conn(), "Bamboo").is_err());
        assert!(delete(&mut db, "Bamboo").is_err());
    }

    #[test]
    fn bad_names_and_bad_mappings_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("u.db")).unwrap();
        for name in ["", "  ", " padded", &"x".repeat(101)] {
            assert!(
                save(&mut db, name, ImportKind::Employees, TOML, &[], "t").is_err(),
                "{name:?}"
            );
        }
        let err = save(
            &mut db,
            "bad",
            ImportKind::Employees,
            "version = 1\nkind = \"employees\"\nfoo = 1\n",
            &[],
            "t",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("mapping 'bad':3: unknown key 'foo'"),
            "{err}"
        );
        assert!(list(db.conn()).unwrap().is_empty());
    }
}
