//! Queries over the `completions` table: the list, an employee's history, logging one
//! completion or a whole cohort, and deleting a wrongly logged one.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Entity, Lookup};
use crate::db::{is_constraint, Db};
use crate::domain::{
    check_completed_on, check_score, format_date, Completion, CompletionInput, ValidCompletion,
    MAX_ID_LEN,
};
use crate::error::{Error, FieldProblem, Result};

const COLUMNS: &str = "c.id, e.employee_id, e.full_name, p.program_id, p.title, p.skill_area, \
     c.completed_on, c.score, c.certificate_id";
const FROM: &str = "completions c JOIN employees e ON e.id = c.employee_ref \
     JOIN programs p ON p.id = c.program_ref";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Completion> {
    Ok(Completion {
        id: row.get(0)?,
        employee_id: row.get(1)?,
        employee_name: row.get(2)?,
        program_id: row.get(3)?,
        program_title: row.get(4)?,
        skill_area: row.get(5)?,
        completed_on: row.get(6)?,
        score: row.get(7)?,
        certificate_id: row.get(8)?,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompletionQuery {
    pub employee_id: Option<String>,
    pub program_id: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompletionPage {
    pub rows: Vec<Completion>,
    #[ts(type = "number")]
    pub total: i64,
}

/// A cohort: many employees who completed one program on one date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CohortInput {
    pub program_id: String,
    pub completed_on: String,
    pub score: Option<f64>,
    pub employee_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CohortResult {
    /// New completions written.
    pub logged: u32,
    /// Employees who already had this program on this date: left as they were.
    pub already_logged: u32,
}

/// The most employees one cohort may name.
pub const MAX_COHORT: usize = 100_000;

/// Completions, newest first, optionally for one employee or program.
pub fn list(conn: &Connection, query: &CompletionQuery) -> Result<CompletionPage> {
    if query.limit == 0 || query.limit > crate::employees::MAX_PAGE {
        return Err(Error::invalid("limit", "a page holds 1 to 500 rows"));
    }
    let filter = "WHERE (?1 IS NULL OR e.employee_id = ?1) AND (?2 IS NULL OR p.program_id = ?2)";
    let employee = query
        .employee_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let program = query
        .program_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {FROM} {filter}"),
        params![employee, program],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} {filter} ORDER BY c.completed_on DESC, c.id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(
            params![employee, program, query.limit, query.offset],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CompletionPage { rows, total })
}

/// An employee's whole training history, newest first.
pub fn history(conn: &Connection, employee_id: &str) -> Result<Vec<Completion>> {
    if !crate::employees::exists(conn, employee_id)? {
        return Err(Error::NotFound(format!(
            "there is no employee with id '{employee_id}'"
        )));
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE e.employee_id = ? ORDER BY c.completed_on DESC, c.id DESC"
    ))?;
    let rows = stmt
        .query_map(params![employee_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Completion> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE c.id = ?"),
        params![id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("there is no completion with id {id}")))
}

/// The row id of an employee, or a field problem naming the unknown id.
pub(crate) fn employee_ref(conn: &Connection, employee_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM employees WHERE employee_id = ?")?
        .query_row(params![employee_id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn program_ref(conn: &Connection, program_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM programs WHERE program_id = ?")?
        .query_row(params![program_id], |r| r.get(0))
        .optional()?)
}

/// Which optional columns an import file carries; an update leaves the others as they are.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CompletionColumns {
    pub score: bool,
    pub certificate_id: bool,
}

/// The largest completion row id (0 when there is none). New rows get larger ids.
pub(crate) fn max_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM completions")?
        .query_row([], |r| r.get(0))?)
}

/// The part of [`upsert_staged`]'s statement before its conflict clause. In key order, so
/// the unique index is filled front to back.
macro_rules! upsert_staged_sql {
    () => {
        "INSERT INTO completions (employee_ref, program_ref, completed_on, score, certificate_id) \
         SELECT employee_ref, program_ref, completed_on, score, certificate_id \
         FROM temp.import_completions WHERE true \
         ORDER BY employee_ref, program_ref, completed_on \
         ON CONFLICT (employee_ref, program_ref, completed_on) "
    };
}

/// A completion to write, its employee and program resolved to row ids.
#[derive(Debug, Clone)]
pub(crate) struct CompletionRow {
    pub employee_ref: i64,
    pub program_ref: i64,
    pub completion: ValidCompletion,
}

/// Bulk writes go through a staging table: rows are appended to it as they are checked
/// (cheap: no index, no trigger), then moved into `completions` by one `INSERT ... SELECT`
/// in key order ([`upsert_staged`]). One row per statement would make SQLite copy every page
/// the statement touches into a statement journal, once per row, because the table's
/// triggers could abort it half-way; one statement pays that once per page, and its sort
/// fills every index front to back. The staging table is a TEMP table, on disk like the rest
/// of the temp store, so it does not hold the rows in memory.
pub(crate) fn stage_begin(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS import_completions ( \
             employee_ref INTEGER NOT NULL, program_ref INTEGER NOT NULL, \
             completed_on TEXT NOT NULL, score REAL, certificate_id TEXT); \
         DELETE FROM temp.import_completions;",
    )?;
    Ok(())
}

/// Adds a row to the staging table under its line in the file (lines only increase, so the
/// table is appended to).
pub(crate) fn stage(conn: &Connection, line: u64, row: &CompletionRow) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO temp.import_completions \
             (rowid, employee_ref, program_ref, completed_on, score, certificate_id) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        i64::try_from(line).unwrap_or(i64::MAX),
        row.employee_ref,
        row.program_ref,
        format_date(row.completion.completed_on),
        row.completion.score,
        row.completion.certificate_id
    ])?;
    Ok(())
}

/// Takes the row of `line` out of the staging table.
pub(crate) fn unstage(conn: &Connection, line: u64) -> Result<()> {
    conn.prepare_cached("DELETE FROM temp.import_completions WHERE rowid = ?")?
        .execute(params![i64::try_from(line).unwrap_or(i64::MAX)])?;
    Ok(())
}

/// Moves the staged rows into `completions`: inserts each, or updates the one with the same
/// employee, program and date when a column `columns` names differs. Returns the rows
/// inserted or updated (not those that were the same). Keys must be distinct.
pub(crate) fn upsert_staged(conn: &Connection, columns: &CompletionColumns) -> Result<usize> {
    let sql = match (columns.score, columns.certificate_id) {
        (true, true) => concat!(
            upsert_staged_sql!(),
            "DO UPDATE SET score = excluded.score, certificate_id = excluded.certificate_id \
             WHERE (score, certificate_id) IS NOT (excluded.score, excluded.certificate_id)"
        ),
        (true, false) => concat!(
            upsert_staged_sql!(),
            "DO UPDATE SET score = excluded.score WHERE score IS NOT excluded.score"
        ),
        (false, true) => concat!(
            upsert_staged_sql!(),
            "DO UPDATE SET certificate_id = excluded.certificate_id \
             WHERE certificate_id IS NOT excluded.certificate_id"
        ),
        (false, false) => concat!(upsert_staged_sql!(), "DO NOTHING"),
    };
    Ok(conn.prepare_cached(sql)?.execute([])?)
}

/// For a bulk load: runs `write` with the table's own indexes (not the UNIQUE one) dropped,
/// then creates them again as they were. SQLite builds an index from its sorted entries,
/// which for a load as large as the table is several times cheaper than updating it a row
/// at a time at places all over it. Must run inside the caller's transaction, rolled back
/// on any error (that also brings the indexes back).
pub(crate) fn with_indexes_rebuilt<T>(
    conn: &Connection,
    write: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema \
             WHERE type = 'index' AND tbl_name = 'completions' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    let value = write()?;
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    Ok(value)
}

pub(crate) fn stage_end(conn: &Connection) -> Result<()> {
    conn.execute_batch("DROP TABLE IF EXISTS temp.import_completions")?;
    Ok(())
}

/// How many completions have a row id above `id`: after an import, the ones it inserted.
pub(crate) fn count_above(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM completions WHERE id > ?")?
        .query_row(params![id], |r| r.get(0))?)
}

/// Logs one completion. The same employee, program and date twice is refused as a duplicate.
pub fn log(db: &mut Db, input: &CompletionInput, today: NaiveDate) -> Result<Completion> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        let mut problems = Vec::new();
        let employee = employee_ref(tx, &valid.employee_id)?;
        if employee.is_none() {
            problems.push(FieldProblem::new(
                "employee_id",
                format!("there is no employee with id '{}'", valid.employee_id),
            ));
        }
        let program = program_ref(tx, &valid.program_id)?;
        if program.is_none() {
            problems.push(FieldProblem::new(
                "program_id",
                format!("there is no program with id '{}'", valid.program_id),
            ));
        }
        let (Some(employee), Some(program)) = (employee, program) else {
            return Err(Error::Invalid(problems));
        };
        tx.execute(
            "INSERT INTO completions (employee_ref, program_ref, completed_on, score, certificate_id) \
             VALUES (?, ?, ?, ?, ?)",
            params![
                employee,
                program,
                format_date(valid.completed_on),
                valid.score,
                valid.certificate_id
            ],
        )
        .map_err(|err| {
            if is_constraint(&err, rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE) {
                Error::invalid(
                    "completed_on",
                    format!(
                        "'{}' already has a completion of '{}' on {}",
                        valid.employee_id, valid.program_id, valid.completed_on
                    ),
                )
            } else {
                err.into()
            }
        })?;
        let id = tx.last_insert_rowid();
        trail.changed(tx, Entity::Completions, Lookup::Completion(id), None)?;
        get(tx, id)
    })
}

/// Logs one program on one date for many employees, all or nothing. Employees who already
/// have that completion are counted, not duplicated; an unknown employee rejects the cohort.
pub fn log_cohort(db: &mut Db, input: &CohortInput, today: NaiveDate) -> Result<CohortResult> {
    let mut problems = Vec::new();
    let program_id = input.program_id.trim();
    if program_id.is_empty() {
        problems.push(FieldProblem::new("program_id", "is required"));
    }
    let completed_on = match check_completed_on("completed_on", &input.completed_on, today) {
        Ok(date) => Some(date),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    problems.extend(check_score("score", input.score));
    let mut employee_ids: Vec<&str> = input
        .employee_ids
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
        .collect();
    employee_ids.sort_unstable();
    employee_ids.dedup();
    if employee_ids.is_empty() {
        problems.push(FieldProblem::new(
            "employee_ids",
            "pick at least one employee",
        ));
    } else if employee_ids.len() > MAX_COHORT {
        problems.push(FieldProblem::new(
            "employee_ids",
            format!("a cohort holds at most {MAX_COHORT} employees"),
        ));
    } else if employee_ids.iter().any(|id| id.len() > MAX_ID_LEN) {
        problems.push(FieldProblem::new(
            "employee_ids",
            "an employee id is too long",
        ));
    }
    let Some(completed_on) = completed_on.filter(|_| problems.is_empty()) else {
        return Err(Error::Invalid(problems));
    };
    let date = format_date(completed_on);
    db.with_trail(|tx, trail| {
        let Some(program) = program_ref(tx, program_id)? else {
            return Err(Error::invalid(
                "program_id",
                format!("there is no program with id '{program_id}'"),
            ));
        };
        let mut refs = Vec::with_capacity(employee_ids.len());
        let mut unknown = Vec::new();
        for id in &employee_ids {
            match employee_ref(tx, id)? {
                Some(r) => refs.push(r),
                None => unknown.push(*id),
            }
        }
        if !unknown.is_empty() {
            let shown: Vec<&str> = unknown.iter().take(10).copied().collect();
            let more = unknown.len().saturating_sub(shown.len());
            let suffix = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            return Err(Error::invalid(
                "employee_ids",
                format!("no employee has the id {}{suffix}", shown.join(", ")),
            ));
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO completions (employee_ref, program_ref, completed_on, score) \
             VALUES (?, ?, ?, ?) ON CONFLICT (employee_ref, program_ref, completed_on) DO NOTHING",
        )?;
        let mut result = CohortResult {
            logged: 0,
            already_logged: 0,
        };
        for employee in refs {
            if insert.execute(params![employee, program, date, input.score])? == 1 {
                let id = tx.last_insert_rowid();
                trail.changed(tx, Entity::Completions, Lookup::Completion(id), None)?;
                result.logged += 1;
            } else {
                result.already_logged += 1;
            }
        }
        Ok(result)
    })
}

/// Deletes one completion (a wrongly logged one). The front end confirms first.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Completion(id);
        let before = audit::snapshot(tx, Entity::Completions, lookup)?;
        if tx.execute("DELETE FROM completions WHERE id = ?", params![id])? == 0 {
            return Err(Error::NotFound(format!(
                "there is no completion with id {id}"
            )));
        }
        trail.changed(tx, Entity::Completions, lookup, before)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::employees::tests::{input as employee, today};
    use crate::programs::tests::input as program;

    fn setup() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        for id in ["E1", "E2", "E3", "E4"] {
            crate::employees::create(&mut db, &employee(id, id, None), today()).unwrap();
        }
        crate::programs::create(&mut db, &program("P1", "Prompting", "Prompt engineering"))
            .unwrap();
        db
    }

    fn completion(employee_id: &str, date: &str) -> CompletionInput {
        CompletionInput {
            employee_id: employee_id.into(),
            program_id: "P1".into(),
            completed_on: date.into(),
            score: Some(88.0),
            certificate_id: Some("CERT-1".into()),
        }
    }

    #[test]
    fn log_one_refuses_duplicates_and_unknowns() {
        let mut db = setup();
        let c = log(&mut db, &completion("E1", "2026-03-01"), today()).unwrap();
        assert_eq!(
            (c.program_title.as_str(), c.score),
            ("Prompting", Some(88.0))
        );
        let err = log(&mut db, &completion("E1", "2026-03-01"), today()).unwrap_err();
        assert!(
            err.to_string().contains("already has a completion"),
            "{err}"
        );
        let mut bad = completion("NOPE", "2026-03-01");
        bad.program_id = "NOPE".into();
        let err = log(&mut db, &bad, today()).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["employee_id", "program_id"]);
        assert_eq!(
            list(
                db.conn(),
                &CompletionQuery {
                    limit: 10,
                    ..Default::default()
                }
            )
            .unwrap()
            .total,
            1
        );
    }

    #[test]
    fn cohort_is_all_or_nothing_and_counts_existing() {
        let mut db = setup();
        log(&mut db, &completion("E2", "2026-05-05"), today()).unwrap();
        let cohort = CohortInput {
            program_id: "P1".into(),
            completed_on: "2026-05-05".into(),
            score: None,
            employee_ids: vec!["E1".into(), "E2".into(), "E3".into(), "E3".into()],
        };
        let result = log_cohort(&mut db, &cohort, today()).unwrap();
        assert_eq!(
            result,
            CohortResult {
                logged: 2,
                already_logged: 1
            }
        );

        let bad = CohortInput {
            employee_ids: vec!["E4".into(), "GHOST".into()],
            ..cohort
        };
        let err = log_cohort(&mut db, &bad, today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "employee_ids: no employee has the id GHOST"
        );
        assert!(
            history(db.conn(), "E4").unwrap().is_empty(),
            "nothing half-written"
        );

        let history = history(db.conn(), "E3").unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].completed_on, "2026-05-05");
    }

    #[test]
    fn cohort_validation_reports_every_field() {
        let mut db = setup();
        let bad = CohortInput {
            program_id: " ".into(),
            completed_on: "2027-01-01".into(),
            score: Some(-1.0),
            employee_ids: vec![],
        };
        let err = log_cohort(&mut db, &bad, today()).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["program_id", "completed_on", "score", "employee_ids"]
        );
    }

    #[test]
    fn delete_removes_one() {
        let mut db = setup();
        let c = log(&mut db, &completion("E1", "2026-03-01"), today()).unwrap();
        delete(&mut db, c.id).unwrap();
        assert_eq!(
            delete(&mut db, c.id).unwrap_err().kind(),
            crate::ErrorKind::NotFound
        );
        assert!(history(db.conn(), "E1").unwrap().is_empty());
    }
}
