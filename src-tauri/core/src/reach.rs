//! The per-employee facts derived from completions and kept current on write: the `reach` and
//! `reach_areas` tables (migration 0002: the first and last completion date and a bit for each
//! skill area and program format completed) and `employees.completion_count` (migration 0003).
//! Triggers on `completions` and `programs` keep them current on every write; nothing else
//! writes them but [`bulk_insert`], which does the insert triggers' work set-based. Coverage
//! reports read `reach` instead of every completion (see [`crate::report`]); the employee list
//! sorts by the count through its index.

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::ProgramFormat;
use crate::error::{Error, Result};

/// Skill areas from this id on share the last bit, which only says "maybe".
pub const SHARED_AREA_BIT: i64 = 62;

/// The bit of a program format in `reach.format_bits`: its place in [`ProgramFormat::ALL`]
/// (the migration's CASE lists the same order).
pub fn format_bit(format: ProgramFormat) -> i64 {
    let place = ProgramFormat::ALL
        .iter()
        .position(|f| *f == format)
        .unwrap_or(ProgramFormat::ALL.len() - 1);
    1 << place
}

/// A skill area's bit in `reach.area_bits`, and whether the bit is the area's alone (exact)
/// or shared with other areas (a set bit then only says "maybe").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaBit {
    pub skill_area: String,
    pub mask: i64,
    pub exact: bool,
}

/// The bit of a skill area. An area no program names has none yet: it gets the shared bit,
/// which is never wrong, only slower.
pub fn area_bit(conn: &Connection, skill_area: &str) -> Result<AreaBit> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM reach_areas WHERE skill_area = ?",
            params![skill_area],
            |r| r.get(0),
        )
        .optional()?;
    let bit = id.map_or(SHARED_AREA_BIT, |id| id.clamp(0, SHARED_AREA_BIT));
    Ok(AreaBit {
        skill_area: skill_area.to_string(),
        mask: 1 << bit,
        exact: bit < SHARED_AREA_BIT,
    })
}

/// The rows as they should be, computed from the completions themselves.
const FROM_COMPLETIONS: &str = "SELECT c.employee_ref, min(c.completed_on), max(c.completed_on), \
       sum(DISTINCT 1 << min(coalesce(a.id, 62), 62)), \
       sum(DISTINCT CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2 \
           WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END) \
     FROM completions c \
     JOIN programs p ON p.id = c.program_ref \
     LEFT JOIN reach_areas a ON a.skill_area = p.skill_area \
     GROUP BY c.employee_ref";

/// Recomputes `reach` and every employee's completion count from the completions: the repair
/// for derived data found stale ([`stale_rows`] > 0), which only a write from outside Upskill
/// that bypassed the triggers, or a bug, can cause. The caller owns the transaction.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO reach_areas (skill_area) SELECT DISTINCT skill_area FROM programs",
        [],
    )?;
    conn.execute("DELETE FROM reach", [])?;
    conn.execute(
        &format!(
            "INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits) {FROM_COMPLETIONS}"
        ),
        [],
    )?;
    conn.execute(
        "UPDATE employees SET completion_count = counted.n \
         FROM (SELECT e.id, (SELECT count(*) FROM completions c WHERE c.employee_ref = e.id) AS n \
               FROM employees e) AS counted \
         WHERE employees.id = counted.id AND employees.completion_count <> counted.n",
        [],
    )?;
    conn.execute("DELETE FROM compliance_latest", [])?;
    conn.execute(
        &format!("INSERT INTO compliance_latest (employee_ref, last_on, latest) {LATEST_FROM_COMPLETIONS}"),
        [],
    )?;
    Ok(())
}

/// compliance_latest as it should be (migration 0008), from the completions themselves.
const LATEST_FROM_COMPLETIONS: &str = "SELECT employee_ref, max(last_on), \
       json_group_object(CAST(program_ref AS TEXT), last_on) \
     FROM (SELECT employee_ref, program_ref, max(completed_on) AS last_on \
           FROM completions GROUP BY employee_ref, program_ref) \
     GROUP BY employee_ref";

/// Folds the completions with an id above `after` into compliance_latest: per employee and
/// program the later date wins (what the insert trigger does, set-based). `+c.id` keeps
/// SQLite on the UNIQUE index, whose order is the GROUP BY's (no sort of the new rows).
const LATEST_NEW: &str = "INSERT INTO compliance_latest (employee_ref, last_on, latest) \
     SELECT employee_ref, max(last_on), json_group_object(CAST(program_ref AS TEXT), last_on) \
     FROM (SELECT c.employee_ref, c.program_ref, max(c.completed_on) AS last_on \
           FROM completions c WHERE +c.id > ?1 GROUP BY c.employee_ref, c.program_ref) \
     GROUP BY employee_ref \
     ON CONFLICT (employee_ref) DO UPDATE SET \
         last_on = max(last_on, excluded.last_on), \
         latest  = (SELECT json_group_object(key, value) \
                    FROM (SELECT key, max(value) AS value \
                          FROM (SELECT key, value FROM json_each(compliance_latest.latest) \
                                UNION ALL SELECT key, value FROM json_each(excluded.latest)) \
                          GROUP BY key))";

/// Folds the completions with an id above `after` into `reach` (first/last dates widened,
/// bits or-ed in), in one statement: what the insert trigger does, set-based.
const MERGE_NEW: &str = "INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits) \
     SELECT c.employee_ref, min(c.completed_on), max(c.completed_on), \
       sum(DISTINCT 1 << min(coalesce(a.id, 62), 62)), \
       sum(DISTINCT CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2 \
           WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END) \
     FROM completions c \
     JOIN programs p ON p.id = c.program_ref \
     LEFT JOIN reach_areas a ON a.skill_area = p.skill_area \
     WHERE c.id > ?1 \
     GROUP BY c.employee_ref \
     ON CONFLICT (employee_ref) DO UPDATE SET \
         first_on    = min(first_on, excluded.first_on), \
         last_on     = max(last_on, excluded.last_on), \
         area_bits   = area_bits | excluded.area_bits, \
         format_bits = format_bits | excluded.format_bits";

/// Adds the completions with an id above `after` to their employees' counts.
const COUNT_NEW: &str = "UPDATE employees SET completion_count = completion_count + added.n \
     FROM (SELECT employee_ref, count(*) AS n FROM completions WHERE id > ?1 \
           GROUP BY employee_ref) AS added \
     WHERE employees.id = added.employee_ref";

/// The per-row insert triggers [`bulk_insert`] sets aside: each one's work is done by the
/// statement beside it, once for the whole load.
const INSERT_TRIGGERS: [(&str, &str); 3] = [
    ("completions_reach_insert", MERGE_NEW),
    ("completions_count_insert", COUNT_NEW),
    ("completions_compliance_insert", LATEST_NEW),
];

/// For bulk loads: runs `write` with the per-row insert triggers set aside, then folds the
/// new completions into `reach` and the employees' counts in one set-based statement each.
/// The result is the same as with the triggers; their fixed cost per row (a few
/// microseconds, several seconds over a million rows) is not paid.
///
/// Must run inside the caller's transaction, which must be rolled back if this returns an
/// error (that also brings the trigger back). `write` may insert completions and change
/// their scores and certificates; it must not delete completions (a deleted top row lets a
/// new row reuse an id the fold would not see).
pub fn bulk_insert<T>(
    conn: &Connection,
    write: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    if conn.is_autocommit() {
        return Err(Error::Internal(
            "reach::bulk_insert runs inside a transaction".into(),
        ));
    }
    let mut set_aside = Vec::with_capacity(INSERT_TRIGGERS.len());
    for (name, fold) in INSERT_TRIGGERS {
        let sql: String = conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
            params![name],
            |r| r.get(0),
        )?;
        set_aside.push((name, sql, fold));
    }
    let before: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM completions", [], |r| {
        r.get(0)
    })?;
    for (name, _, _) in &set_aside {
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    let value = write(conn)?;
    for (_, sql, fold) in &set_aside {
        conn.execute(fold, params![before])?;
        conn.execute_batch(sql)?;
    }
    Ok(value)
}

/// How many rows of `reach`, employees' counts, and (employee, program) dates of
/// `compliance_latest` differ from what the completions say (0 when all is current). Reads every completion: for checks and tests,
/// not for reports.
pub fn stale_rows(conn: &Connection) -> Result<i64> {
    let reach: i64 = conn.query_row(
        &format!(
            "WITH fresh (employee_ref, first_on, last_on, area_bits, format_bits) AS ({FROM_COMPLETIONS}), \
                  kept AS (SELECT employee_ref, first_on, last_on, area_bits, format_bits FROM reach) \
             SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)) \
                  + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh))"
        ),
        [],
        |r| r.get(0),
    )?;
    let counts: i64 = conn.query_row(
        "SELECT count(*) FROM employees e \
         WHERE e.completion_count <> (SELECT count(*) FROM completions c WHERE c.employee_ref = e.id)",
        [],
        |r| r.get(0),
    )?;
    // compliance_latest, compared as (employee, program, date) rows (JSON key order differs
    // between the triggers and a rebuild), and as (employee, last_on).
    let latest: i64 = conn.query_row(
        "WITH fresh AS (SELECT employee_ref, program_ref, max(completed_on) AS on_ \
                        FROM completions GROUP BY employee_ref, program_ref), \
              kept AS (SELECT l.employee_ref, CAST(j.key AS INTEGER) AS program_ref, j.value AS on_ \
                       FROM compliance_latest l, json_each(l.latest) j), \
              fresh_last AS (SELECT employee_ref, max(completed_on) AS on_ FROM completions \
                             GROUP BY employee_ref), \
              kept_last AS (SELECT employee_ref, last_on AS on_ FROM compliance_latest) \
         SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)) \
              + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)) \
              + (SELECT count(*) FROM (SELECT * FROM fresh_last EXCEPT SELECT * FROM kept_last)) \
              + (SELECT count(*) FROM (SELECT * FROM kept_last EXCEPT SELECT * FROM fresh_last))",
        [],
        |r| r.get(0),
    )?;
    Ok(reach + counts + latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn format_bits_follow_the_migration() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        conn.execute(
            "INSERT INTO employees (employee_id, full_name, role, department) VALUES ('E1', 'E', 'R', 'D')",
            [],
        )
        .unwrap();
        for (i, format) in ProgramFormat::ALL.into_iter().enumerate() {
            conn.execute(
                "INSERT INTO programs (program_id, title, skill_area, format) VALUES (?1, 'T', 'Area', ?2)",
                params![format!("P{i}"), format.as_str()],
            )
            .unwrap();
            conn.execute("DELETE FROM completions", []).unwrap();
            conn.execute(
                "INSERT INTO completions (employee_ref, program_ref, completed_on) \
                 SELECT 1, id, '2026-01-01' FROM programs WHERE program_id = ?",
                params![format!("P{i}")],
            )
            .unwrap();
            let bits: i64 = conn
                .query_row("SELECT format_bits FROM reach", [], |r| r.get(0))
                .unwrap();
            assert_eq!(bits, format_bit(format), "{format}");
        }
        assert_eq!(area_bit(conn, "Area").unwrap().mask, 1 << 1);
        assert_eq!(stale_rows(conn).unwrap(), 0);
    }

    fn counts(conn: &Connection) -> Vec<(String, i64)> {
        crate::testing::pairs(
            conn,
            "SELECT employee_id, completion_count FROM employees ORDER BY employee_id",
        )
    }

    #[test]
    fn completion_counts_come_with_the_migration_and_follow_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        // A database from before migration 3, with completions in it.
        {
            let v2 = &crate::db::MIGRATIONS[..2];
            let db = Db::open_migrating(&path, &crate::db::OpenOptions::default(), v2).unwrap();
            db.conn()
                .execute_batch(
                    "INSERT INTO employees (employee_id, full_name, role, department) VALUES \
                       ('E1', 'N', 'R', 'D'), ('E2', 'N', 'R', 'D'), ('E3', 'N', 'R', 'D');
                     INSERT INTO programs (program_id, title, skill_area, format) VALUES \
                       ('P1', 'T', 'A', 'bootcamp'), ('P2', 'T', 'B', 'workshop');
                     INSERT INTO completions (employee_ref, program_ref, completed_on) VALUES \
                       (1, 1, '2025-01-01'), (1, 2, '2025-02-01'), (2, 1, '2025-03-01');",
                )
                .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let conn = db.conn();
        let expect = |list: &[(&str, i64)]| -> Vec<(String, i64)> {
            list.iter().map(|(id, n)| (id.to_string(), *n)).collect()
        };
        assert_eq!(counts(conn), expect(&[("E1", 2), ("E2", 1), ("E3", 0)]));
        assert_eq!(stale_rows(conn).unwrap(), 0);
        conn.execute_batch(
            "DELETE FROM completions WHERE employee_ref = 1 AND program_ref = 2;
             INSERT INTO completions (employee_ref, program_ref, completed_on) VALUES (3, 2, '2025-04-01');
             UPDATE completions SET employee_ref = 3 WHERE employee_ref = 2;
             UPDATE completions SET score = 90 WHERE employee_ref = 3;",
        )
        .unwrap();
        assert_eq!(counts(conn), expect(&[("E1", 1), ("E2", 0), ("E3", 2)]));
        assert_eq!(stale_rows(conn).unwrap(), 0);
        // Only the triggers write the count: a stray write is what stale_rows is there to see.
        conn.execute(
            "UPDATE employees SET completion_count = 7 WHERE employee_id = 'E2'",
            [],
        )
        .unwrap();
        assert_eq!(stale_rows(conn).unwrap(), 1);
        assert!(conn
            .execute(
                "UPDATE employees SET completion_count = -1 WHERE employee_id = 'E1'",
                []
            )
            .is_err());
        conn.execute("DELETE FROM reach WHERE employee_ref = 1", [])
            .unwrap();
        assert_eq!(stale_rows(conn).unwrap(), 2);
        rebuild(conn).unwrap();
        assert_eq!(stale_rows(conn).unwrap(), 0);
        assert_eq!(counts(conn), expect(&[("E1", 1), ("E2", 0), ("E3", 2)]));
    }

    fn triggers(conn: &Connection) -> Vec<String> {
        conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%reach%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn bulk_insert_gives_what_the_trigger_gives() {
        let mut db = Db::open_in_memory().unwrap();
        db.conn()
            .execute_batch(
                "INSERT INTO programs (program_id, title, skill_area, format) VALUES \
                   ('P1', 'T', 'A', 'bootcamp'), ('P2', 'T', 'B', 'workshop'), ('P3', 'T', 'A', 'other');",
            )
            .unwrap();
        for i in 1..=30 {
            db.conn()
                .execute(
                    "INSERT INTO employees (employee_id, full_name, role, department) VALUES (?, 'N', 'R', 'D')",
                    params![format!("E{i}")],
                )
                .unwrap();
        }
        let all = triggers(db.conn());
        let insert = |conn: &Connection, n: u32| -> Result<usize> {
            let mut added = 0;
            for i in 0..n {
                added += conn.execute(
                    "INSERT INTO completions (employee_ref, program_ref, completed_on) VALUES (?, ?, ?) \
                     ON CONFLICT DO NOTHING",
                    params![
                        i64::from(i * 7 % 30 + 1),
                        i64::from(i % 3 + 1),
                        format!("2025-{:02}-{:02}", i % 12 + 1, i * 13 % 28 + 1)
                    ],
                )?;
            }
            Ok(added)
        };
        // Some completions before, through the trigger; then a bulk load on top.
        db.with_tx(|tx| insert(tx, 40)).unwrap();
        let added = db
            .with_tx(|tx| bulk_insert(tx, |conn| insert(conn, 400)))
            .unwrap();
        assert!(added > 300, "{added}");
        assert_eq!(stale_rows(db.conn()).unwrap(), 0);
        assert_eq!(triggers(db.conn()), all);
        // A failed load leaves nothing, the trigger included.
        let before = stale_rows(db.conn()).unwrap();
        let err = db.with_tx(|tx| {
            bulk_insert(tx, |conn| {
                insert(conn, 5)?;
                Err::<(), _>(Error::Internal("stop".into()))
            })
        });
        assert!(err.is_err());
        assert_eq!(
            (stale_rows(db.conn()).unwrap(), triggers(db.conn())),
            (before, all)
        );
        // Outside a transaction it refuses.
        assert!(bulk_insert(db.conn(), |_| Ok(())).is_err());
    }
}
