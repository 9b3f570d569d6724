//! The compliance matrix: people × requirements in effect, one status per cell, a page of
//! people at a time (the page is cut in SQL, so a 100,000-person department costs one page of
//! work), and one person's obligations. Statuses come from the one [`Engine`].

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{action_list_of, bytes_text, ComplianceQuery, Engine, Obligation, Status};
use crate::domain::format_date;
use crate::error::{Error, FieldProblem, Result};
use crate::export::{export_with, Cell, CsvOut, Delimiter, ExportSummary};

/// The most people one matrix page holds.
pub const MAX_MATRIX_PAGE: u32 = 500;

/// Which people a matrix shows: the query's department or team (manager), and/or a role;
/// `offset` and `limit` cut a page of them in employee row-id order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixQuery {
    pub query: ComplianceQuery,
    /// Only employees of this role (exactly).
    pub role: Option<String>,
    pub offset: u32,
    /// 1 to [`MAX_MATRIX_PAGE`].
    pub limit: u32,
}

/// A column of the matrix: a requirement in effect on D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixRequirement {
    pub requirement_id: String,
    pub title: String,
}

/// Where one person stands on one requirement that applies to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixCell {
    pub status: Status,
    /// YYYY-MM-DD.
    pub due_on: String,
    pub last_completed_on: Option<String>,
}

/// One person: a cell per column, None where the requirement does not apply to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixRow {
    pub employee_id: String,
    pub full_name: String,
    pub role: String,
    pub department: String,
    pub cells: Vec<Option<MatrixCell>>,
}

/// One page of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixPage {
    pub as_of: String,
    pub requirements: Vec<MatrixRequirement>,
    pub rows: Vec<MatrixRow>,
    /// Everyone the query selects (every page).
    pub total_people: u32,
    pub offset: u32,
    pub limit: u32,
}

/// The engine for a matrix query: checks the role and the page too (all problems at once).
fn matrix_engine(conn: &Connection, q: &MatrixQuery, paged: bool) -> Result<Engine> {
    let mut problems = Vec::new();
    let role = q
        .role
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if let Some(role) = &role {
        let known = conn
            .query_row(
                "SELECT 1 FROM employees WHERE role = ? LIMIT 1",
                params![role],
                |_| Ok(()),
            )
            .optional()?;
        if known.is_none() {
            problems.push(FieldProblem::new(
                "role",
                format!("no employee has the role '{role}'"),
            ));
        }
    }
    if paged && !(1..=MAX_MATRIX_PAGE).contains(&q.limit) {
        problems.push(FieldProblem::new(
            "limit",
            format!("{} is not a page size from 1 to {MAX_MATRIX_PAGE}", q.limit),
        ));
    }
    let engine = Engine::new(conn, &q.query);
    match engine {
        Err(Error::Invalid(mut more)) => {
            more.extend(problems);
            Err(Error::Invalid(more))
        }
        Err(other) => Err(other),
        Ok(_) if !problems.is_empty() => Err(Error::Invalid(problems)),
        Ok(mut engine) => {
            engine.narrow.role = role;
            engine.narrow.every_person = true;
            if paged {
                engine.narrow.page = Some((q.offset, q.limit));
            }
            Ok(engine)
        }
    }
}

/// The columns: every requirement in effect, by requirement_id, with its title.
fn columns(conn: &Connection, engine: &Engine) -> Result<Vec<MatrixRequirement>> {
    let titles: HashMap<String, String> = crate::requirements::list(conn, true)?
        .into_iter()
        .map(|r| (r.requirement_id, r.title))
        .collect();
    Ok((0..engine.requirement_count() as u32)
        .map(|i| {
            let id = engine.requirement_id(i).to_string();
            let title = titles.get(&id).cloned().unwrap_or_else(|| id.clone());
            MatrixRequirement {
                requirement_id: id,
                title,
            }
        })
        .collect())
}

/// Walks the engine's people, one [`MatrixRow`] each.
fn walk(
    conn: &Connection,
    engine: &Engine,
    mut visit: impl FnMut(MatrixRow) -> Result<()>,
) -> Result<()> {
    let extra = ["e.employee_id", "e.full_name"].map(String::from);
    let width = engine.requirement_count();
    engine.run(conn, &extra, None, |row, evals| {
        let mut cells: Vec<Option<MatrixCell>> = vec![None; width];
        for eval in evals {
            cells[eval.req as usize] = Some(MatrixCell {
                status: eval.status,
                due_on: format_date(eval.due_on),
                last_completed_on: eval.last_on.as_ref().map(|d| bytes_text(d).to_string()),
            });
        }
        visit(MatrixRow {
            employee_id: row.get(5)?,
            full_name: row.get(6)?,
            role: row.get(2)?,
            department: row.get(3)?,
            cells,
        })
    })
}

/// One page of the matrix: the people of the query (department, team, role) in employee
/// row-id order from `offset`, at most `limit` of them, each with a cell per requirement in
/// effect (None where it does not apply). People with no obligation are rows too, so a team
/// lead sees the whole team.
pub fn matrix(conn: &Connection, q: &MatrixQuery) -> Result<MatrixPage> {
    let engine = matrix_engine(conn, q, true)?;
    let mut rows = Vec::new();
    walk(conn, &engine, |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(MatrixPage {
        as_of: engine.filters.as_of.clone(),
        requirements: columns(conn, &engine)?,
        rows,
        total_people: engine.population(conn)?,
        offset: q.offset,
        limit: q.limit,
    })
}

/// Writes the whole matrix of the query (every page) as CSV: `employee_id,full_name,role,
/// department`, then one column per requirement (its id) holding the status, blank where it
/// does not apply.
pub fn write_matrix_csv<W: std::io::Write>(
    conn: &Connection,
    q: &MatrixQuery,
    out: &mut CsvOut<W>,
) -> Result<()> {
    let engine = matrix_engine(conn, q, false)?;
    let reqs = columns(conn, &engine)?;
    let mut header: Vec<&str> = vec!["employee_id", "full_name", "role", "department"];
    header.extend(reqs.iter().map(|r| r.requirement_id.as_str()));
    out.header(&header)?;
    walk(conn, &engine, |row| {
        let mut cells = vec![
            Cell::text(&row.employee_id),
            Cell::text(&row.full_name),
            Cell::text(&row.role),
            Cell::text(&row.department),
        ];
        cells.extend(row.cells.iter().map(|c| match c {
            Some(c) => Cell::text(c.status.as_str()),
            None => Cell::Empty,
        }));
        out.row(&cells)
    })
}

/// Writes the whole matrix to `dest` atomically (the desktop's Export button).
pub fn export_matrix(
    conn: &Connection,
    q: &MatrixQuery,
    dest: &Path,
    delimiter: Delimiter,
) -> Result<ExportSummary> {
    export_with(dest, delimiter, |out| write_matrix_csv(conn, q, out))
}

/// Writes the action list (the statuses in `only`, none = all) to `dest` atomically, with
/// the CLI's columns.
pub fn export_list(
    conn: &Connection,
    q: &ComplianceQuery,
    only: &[Status],
    dest: &Path,
    delimiter: Delimiter,
) -> Result<ExportSummary> {
    let list = super::action_list(conn, q, only)?;
    export_with(dest, delimiter, |out| list.write_csv(out))
}

/// One person's obligations on `as_of` (W = `expiring_days`), in the action list's order,
/// with their expiry dates. An inactive person, or one not yet hired, has none.
pub fn obligations_of(
    conn: &Connection,
    employee_id: &str,
    as_of: NaiveDate,
    expiring_days: u32,
) -> Result<Vec<Obligation>> {
    if !crate::employees::exists(conn, employee_id)? {
        return Err(Error::NotFound(format!(
            "there is no employee with id '{employee_id}'"
        )));
    }
    let mut q = ComplianceQuery::new(as_of);
    q.expiring_days = expiring_days;
    let mut engine = Engine::new(conn, &q)?;
    engine.narrow.employee_id = Some(employee_id.to_string());
    Ok(action_list_of(conn, &engine, &[])?.into_obligations())
}
