//! Small readers the unit tests share.

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
