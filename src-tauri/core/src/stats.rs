//! The record's counts, the values the filters offer, and SQLite's integrity check.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Stats {
    #[ts(type = "number")]
    pub employees_active: i64,
    #[ts(type = "number")]
    pub employees_inactive: i64,
    #[ts(type = "number")]
    pub programs: i64,
    #[ts(type = "number")]
    pub programs_retired: i64,
    #[ts(type = "number")]
    pub completions: i64,
}

pub fn stats(conn: &Connection) -> Result<Stats> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM employees WHERE active = 1), \
                (SELECT count(*) FROM employees WHERE active = 0), \
                (SELECT count(*) FROM programs), \
                (SELECT count(*) FROM programs WHERE retired = 1), \
                (SELECT count(*) FROM completions)",
        [],
        |r| {
            Ok(Stats {
                employees_active: r.get(0)?,
                employees_inactive: r.get(1)?,
                programs: r.get(2)?,
                programs_retired: r.get(3)?,
                completions: r.get(4)?,
            })
        },
    )?)
}

/// What the Settings page shows about the running build and its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub db_path: String,
    pub version: String,
    /// The short git commit of the build ("unknown" outside a git checkout).
    pub commit: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The demo organisation was loaded into this database: the window says "Demo data".
    pub demo: bool,
}

pub fn app_info(db: &crate::db::Db) -> AppInfo {
    AppInfo {
        db_path: db.path().display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        commit: crate::BUILD_COMMIT.to_string(),
        schema_version: crate::db::schema_version(),
        demo: crate::documents::is_demo(db.conn()).unwrap_or(false),
    }
}

/// The distinct values the filters offer, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Facets {
    pub departments: Vec<String>,
    pub roles: Vec<String>,
    pub locations: Vec<String>,
    pub skill_areas: Vec<String>,
}

pub fn facets(conn: &Connection) -> Result<Facets> {
    // Each column is indexed, so DISTINCT walks the index instead of sorting the table.
    let distinct = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let values = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(values)
    };
    Ok(Facets {
        departments: distinct("SELECT DISTINCT department FROM employees ORDER BY department")?,
        roles: distinct("SELECT DISTINCT role FROM employees ORDER BY role")?,
        locations: distinct(
            "SELECT DISTINCT location FROM employees WHERE location IS NOT NULL ORDER BY location",
        )?,
        skill_areas: distinct("SELECT DISTINCT skill_area FROM programs ORDER BY skill_area")?,
    })
}

/// The result of SQLite's `PRAGMA integrity_check` and `foreign_key_check`, and whether the
/// data derived from the completions (the coverage aggregate, the completion counts) matches
/// them: empty when the database is sound, else one line per problem. Reads everything.
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "table {} row {} refers to a missing row in {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?
                .map_or("?".into(), |v| v.to_string()),
            r.get::<_, String>(2)?
        ))
    })?;
    for row in rows {
        problems.push(row?);
    }
    // Only meaningful on a sound file (the derived tables could be unreadable otherwise).
    if problems.is_empty() {
        let stale = crate::reach::stale_rows(conn)?;
        if stale > 0 {
            problems.push(format!(
                "{stale} row(s) of coverage data derived from the completions do not match them \
                 (reports may be wrong); `upskill check --repair` recomputes them"
            ));
        }
    }
    Ok(problems)
}

/// Recomputes the data derived from the completions ([`crate::reach::rebuild`]) in one
/// transaction; returns how many rows were stale before.
pub fn repair_derived(db: &mut crate::db::Db) -> Result<i64> {
    db.with_derived_tx(|tx| {
        let stale = crate::reach::stale_rows(tx)?;
        if stale > 0 {
            crate::reach::rebuild(tx)?;
        }
        Ok(stale)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::employees::tests::{input, today};

    #[test]
    fn counts_and_facets() {
        let mut db = Db::open_in_memory().unwrap();
        crate::employees::create(&mut db, &input("E1", "A", None), today()).unwrap();
        crate::employees::create(&mut db, &input("E2", "B", None), today()).unwrap();
        crate::employees::set_active(&mut db, "E2", false).unwrap();
        let s = stats(db.conn()).unwrap();
        assert_eq!(
            (
                s.employees_active,
                s.employees_inactive,
                s.programs,
                s.completions
            ),
            (1, 1, 0, 0)
        );
        let f = facets(db.conn()).unwrap();
        assert_eq!(f.departments, vec!["Data"]);
        assert_eq!(f.locations, vec!["Berlin"]);
        assert!(integrity_problems(db.conn()).unwrap().is_empty());
    }
}
