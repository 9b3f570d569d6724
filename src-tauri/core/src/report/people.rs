//! The people behind a coverage figure: one row per person of the report's population, with
//! whether the report counts them as trained.
//!
//! Nothing here defines who is counted or who is trained: the population and the trained rule
//! are the coverage report's own SQL ([`Scope::population`], [`Scope::trained`]), and the
//! group a person is in is the report's own group expression ([`key_sql`]). So for every set of
//! filters, `people` with `trained: Some(true)` lists exactly the report's `trained` and
//! without it exactly its `headcount` (tests/people_props.rs checks this on random
//! organisations).
//!
//! `last_completed_on` is the latest completion that counts under the filters (the ones that
//! make the person trained), so it is empty exactly when `trained` is false.
//!
//! A people list never carries a birth year or a generation: the generation and age band are
//! filters only.

use chrono::NaiveDate;
use rusqlite::{params_from_iter, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::groups::{key_sql, Dimension, AGE_BANDS, GENERATIONS, UNKNOWN};
use super::scope::{clean, employees_have, EmployeeField, Filters, Scope, Sql};
use crate::domain::format_date;
use crate::employees::MAX_PAGE;
use crate::error::{Error, FieldProblem, Result};

/// The columns of `upskill people` and of the people CSV, in order.
pub const PEOPLE_COLUMNS: [&str; 8] = [
    "employee_id",
    "full_name",
    "email",
    "role",
    "department",
    "manager_id",
    "trained",
    "last_completed_on",
];

/// Which people: the coverage report's filters, narrowed to one group of the report's
/// dimensions (a row of `--by role`, a bar of `--by generation`, ...) and to trained or not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PeopleQuery {
    /// The coverage report's filters (population and completion filters, as-of).
    pub filters: Filters,
    /// Only this role.
    pub role: Option<String>,
    /// Only this location ("Unknown": no location).
    pub location: Option<String>,
    /// Only this generation, by its label as reports print it ("Baby Boomers"; "Unknown": no
    /// birth year).
    pub generation: Option<String>,
    /// Only this age band as of the as-of date ("25-34", "65+"; "Unknown": no birth year).
    pub age_band: Option<String>,
    /// true: only the people the report counts as trained; false: only those it does not.
    pub trained: Option<bool>,
}

/// One person of the list. Never a birth year or a generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonRow {
    pub employee_id: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: String,
    pub department: String,
    pub manager_id: Option<String>,
    /// Counted as trained by the coverage report under the same filters.
    pub trained: bool,
    /// The latest completion that counts under the filters (YYYY-MM-DD); None when not trained.
    pub last_completed_on: Option<String>,
}

/// One page of the list, and how many people match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeoplePage {
    pub rows: Vec<PersonRow>,
    /// Every person matching the query ("N people").
    pub total: u32,
    /// The as-of date applied (YYYY-MM-DD).
    pub as_of: String,
}

/// How many people match, and how many of them are trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeopleCount {
    pub people: u32,
    pub trained: u32,
}

/// Everyone matching, sorted by employee_id.
pub fn people(conn: &Connection, query: &PeopleQuery, today: NaiveDate) -> Result<Vec<PersonRow>> {
    let selection = Selection::new(conn, query, today)?;
    selection.rows(conn, None)
}

/// One page of the list (sorted by employee_id; at most [`MAX_PAGE`] rows) and the total.
pub fn people_page(
    conn: &Connection,
    query: &PeopleQuery,
    offset: u32,
    limit: u32,
    today: NaiveDate,
) -> Result<PeoplePage> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(Error::invalid(
            "limit",
            format!("a page holds 1 to {MAX_PAGE} people; {limit} asked for"),
        ));
    }
    let selection = Selection::new(conn, query, today)?;
    let count = selection.count(conn)?;
    Ok(PeoplePage {
        rows: selection.rows(conn, Some((offset, limit)))?,
        total: count.people,
        as_of: format_date(selection.scope.as_of),
    })
}

/// How many people match and how many of them are trained.
pub fn people_count(
    conn: &Connection,
    query: &PeopleQuery,
    today: NaiveDate,
) -> Result<PeopleCount> {
    Selection::new(conn, query, today)?.count(conn)
}

/// The employee_id of everyone matching, sorted ("Select all N matching").
pub fn people_ids(conn: &Connection, query: &PeopleQuery, today: NaiveDate) -> Result<Vec<String>> {
    let selection = Selection::new(conn, query, today)?;
    let mut sql = Sql::new("SELECT e.employee_id FROM (");
    selection.inner(&mut sql);
    sql.push(") e");
    selection.trained_filter(&mut sql);
    sql.push(" ORDER BY e.employee_id");
    let mut stmt = conn.prepare(&sql.text)?;
    let ids = stmt
        .query_map(params_from_iter(sql.args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// A query checked against the record, ready to be written as SQL.
struct Selection {
    scope: Scope,
    role: Option<String>,
    location: Option<String>,
    /// Rank in [`GENERATIONS`] (its length: Unknown).
    generation: Option<usize>,
    /// Rank in [`AGE_BANDS`] (its length: Unknown).
    age_band: Option<usize>,
    trained: Option<bool>,
}

/// The rank of a band by its label, ignoring case, with `_` or `-` read as a space where
/// the label has one; Unknown is the rank after the last.
fn band_rank(table: &[(&str, Option<i32>, Option<i32>)], text: &str) -> Option<usize> {
    let fold = |s: &str| s.trim().to_lowercase().replace('_', " ");
    let key = fold(text);
    if key == fold(UNKNOWN) {
        return Some(table.len());
    }
    table.iter().position(|(label, _, _)| {
        let label = fold(label);
        label == key || label == key.replace('-', " ")
    })
}

fn band_problem(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    what: &str,
    table: &[(&str, Option<i32>, Option<i32>)],
    text: &str,
) {
    let names: Vec<&str> = table.iter().map(|(label, _, _)| *label).collect();
    problems.push(FieldProblem::new(
        field,
        format!(
            "'{text}' is not {what}; choose from {}, {UNKNOWN}",
            names.join(", ")
        ),
    ));
}

impl Selection {
    fn new(conn: &Connection, query: &PeopleQuery, today: NaiveDate) -> Result<Selection> {
        // The report's filters first: their problems, then ours, all at once.
        let (scope, mut problems) = match Scope::new(conn, &query.filters, today) {
            Ok(scope) => (Some(scope), Vec::new()),
            Err(Error::Invalid(problems)) => (None, problems),
            Err(other) => return Err(other),
        };
        let role = clean(&query.role);
        if let Some(role) = &role {
            if !employees_have(conn, EmployeeField::Role, role)? {
                problems.push(FieldProblem::new(
                    "role",
                    format!("no employee has the role '{role}'"),
                ));
            }
        }
        let location = clean(&query.location);
        if let Some(location) = location.as_ref().filter(|l| *l != UNKNOWN) {
            if !employees_have(conn, EmployeeField::Location, location)? {
                problems.push(FieldProblem::new(
                    "location",
                    format!("no employee is in the location '{location}'"),
                ));
            }
        }
        let mut band = |field: &str, what: &str, table, value: &Option<String>| {
            let text = clean(value)?;
            let rank = band_rank(table, &text);
            if rank.is_none() {
                band_problem(&mut problems, field, what, table, &text);
            }
            rank
        };
        let generation = band(
            "generation",
            "a generation",
            &GENERATIONS,
            &query.generation,
        );
        let age_band = band("age_band", "an age band", &AGE_BANDS, &query.age_band);
        match scope {
            Some(scope) if problems.is_empty() => Ok(Selection {
                scope,
                role,
                location,
                generation,
                age_band,
                trained: query.trained,
            }),
            _ => Err(Error::Invalid(problems)),
        }
    }

    /// `SELECT id, ..., t FROM employees e ... WHERE ...`: the population narrowed to the
    /// groups asked for, each person with `t`, the report's trained (0 or 1).
    fn inner(&self, sql: &mut Sql) {
        sql.push(
            "SELECT e.id AS id, e.employee_id AS employee_id, e.full_name AS full_name, \
             e.email AS email, e.role AS role, e.department AS department, \
             e.manager_id AS manager_id, ",
        );
        self.scope.trained(sql, None);
        sql.push(" AS t");
        self.scope.population(sql);
        if let Some(role) = &self.role {
            sql.bind(" AND e.role = ?", role.clone());
        }
        match self.location.as_deref() {
            // The report labels a missing location Unknown (and a location named so).
            Some(UNKNOWN) => {
                sql.bind(
                    " AND (e.location IS NULL OR e.location = ?)",
                    UNKNOWN.to_string(),
                );
            }
            Some(location) => {
                sql.bind(" AND e.location = ?", location.to_string());
            }
            None => {}
        }
        let year = self.scope.as_of_year();
        for (dim, rank) in [
            (Dimension::Generation, self.generation),
            (Dimension::AgeBand, self.age_band),
        ] {
            if let Some(rank) = rank {
                sql.push(" AND ")
                    .push(&key_sql(dim, year))
                    .bind(" = ?", rank as i64);
            }
        }
    }

    /// ` WHERE t = ?` when only the trained (or only the others) are asked for.
    fn trained_filter(&self, sql: &mut Sql) {
        if let Some(trained) = self.trained {
            sql.bind(" WHERE e.t = ?", i64::from(trained));
        }
    }

    fn rows(&self, conn: &Connection, page: Option<(u32, u32)>) -> Result<Vec<PersonRow>> {
        let mut sql = Sql::new(
            "SELECT e.employee_id, e.full_name, e.email, e.role, e.department, e.manager_id, \
             e.t, CASE WHEN e.t = 1 THEN (SELECT max(c.completed_on)",
        );
        self.scope.counted_completions(&mut sql, None);
        sql.push(") END FROM (");
        self.inner(&mut sql);
        sql.push(") e");
        self.trained_filter(&mut sql);
        sql.push(" ORDER BY e.employee_id");
        if let Some((offset, limit)) = page {
            sql.bind(" LIMIT ?", i64::from(limit))
                .bind(" OFFSET ?", i64::from(offset));
        }
        let mut stmt = conn.prepare(&sql.text)?;
        let rows = stmt
            .query_map(params_from_iter(sql.args.iter()), person)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn count(&self, conn: &Connection) -> Result<PeopleCount> {
        let mut sql = Sql::new("SELECT count(*), ifnull(sum(e.t), 0) FROM (");
        self.inner(&mut sql);
        sql.push(") e");
        self.trained_filter(&mut sql);
        let (people, trained) =
            conn.query_row(&sql.text, params_from_iter(sql.args.iter()), |r| {
                Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?))
            })?;
        Ok(PeopleCount { people, trained })
    }
}

fn person(r: &Row<'_>) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        employee_id: r.get(0)?,
        full_name: r.get(1)?,
        email: r.get(2)?,
        role: r.get(3)?,
        department: r.get(4)?,
        manager_id: r.get(5)?,
        trained: r.get::<_, i64>(6)? == 1,
        last_completed_on: r.get(7)?,
    })
}

#[cfg(test)]
mod tests;
