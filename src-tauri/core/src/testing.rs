//! What the core's own unit tests share: a tiny kit, because they cannot use the
//! `upskill-testkit` crate (it depends on this crate). The integration tests in `tests/`, the
//! CLI's tests and the bench use the testkit.

use rusqlite::types::FromSql;
use rusqlite::Connection;

/// Every row of a two-column query, as pairs.
pub(crate) fn pairs<A: FromSql, B: FromSql>(conn: &Connection, sql: &str) -> Vec<(A, B)> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The day the unit tests run on: the same day as `upskill_testkit::today`, which the
/// integration tests use (this crate's unit tests cannot depend on the testkit: it depends
/// on this crate).
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}
