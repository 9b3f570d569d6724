//! A report's filters: validated against the record, then written as SQL.
//!
//! Two halves: the **population** (which employees are counted: hired by the as-of date and
//! not left by it, active unless they have a `left_on`, department, manager subtree) and the **completion filters** (which completions make
//! an employee trained: skill area, format, program, date range, as-of).
//!
//! The completion filters are answered from `reach` (migration 0002): one row per trained
//! employee, joined by rowid, with the first and last completion date and a bit per skill
//! area and format. Each employee is decided in three steps, cheapest first:
//! 1. **ruled out** when a necessary condition fails: no row, first completion after the
//!    as-of/to date, last completion before the from date, the area or format bit unset;
//! 2. **ruled in** when the row alone proves it: no completion filter but as-of (first_on
//!    <= as-of); a from date only (the first or the last completion lies in the range); one
//!    area or one format filter and every completion inside the dates;
//! 3. otherwise **confirmed** against that employee's completions (an index seek). This
//!    happens for a program filter, area + format together, or dates that cut through an
//!    employee's completions; the unfiltered report never reads a completion.

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{format_date, parse_iso_date, ProgramFormat};
use crate::employees::SUBTREE_SQL;
use crate::error::{Error, FieldProblem, Result};
use crate::reach::{area_bit, format_bit, AreaBit};

/// What a report counts. Every field is optional; blank text is the same as none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Filters {
    /// Only completions of programs in this skill area make an employee trained.
    pub skill_area: Option<String>,
    /// Only completions of programs of this format (bootcamp, vendor_certification, ...).
    #[ts(as = "Option<ProgramFormat>")]
    pub program_format: Option<String>,
    /// Only completions of this program (its program_id).
    pub program_id: Option<String>,
    /// Only completions on or after this date (YYYY-MM-DD).
    pub from: Option<String>,
    /// Only completions on or before this date (YYYY-MM-DD).
    pub to: Option<String>,
    /// The date the report is as of (default: today): completions after it and employees
    /// hired after it are not counted; ages are as of its year.
    pub as_of: Option<String>,
    /// Only employees of this department.
    pub department: Option<String>,
    /// Only employees below this manager (employee_id), at any depth; not the manager.
    pub manager_id: Option<String>,
    /// Count inactive employees too (by default only active ones).
    pub include_inactive: bool,
    /// Trained means a completion still valid on the as-of date (completed on or before it,
    /// and its program's validity not run out: see `compliance`), not just any completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub current: Option<bool>,
}

/// A SQL text and its arguments, built together so each `?` meets its value.
#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub text: String,
    pub args: Vec<Value>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends `text`, which holds one `?`, and its value.
    pub fn bind(&mut self, text: &str, value: impl Into<Value>) -> &mut Sql {
        debug_assert_eq!(text.matches('?').count(), 1, "{text}");
        self.text.push_str(text);
        self.args.push(value.into());
        self
    }
}

/// The program a program filter names, with the bits its completions set.
#[derive(Debug, Clone)]
struct ProgramRef {
    id: i64,
    area: AreaBit,
    format_mask: i64,
}

/// When the `reach` row alone proves an employee trained (step 2 above).
enum Proof {
    /// first_on <= upper is enough.
    Always,
    /// The first or the last completion lies in [from, upper].
    Bounds,
    /// Every completion lies in [from, upper], and the one bit filter is set.
    Inside,
    /// Never: read the completions.
    Never,
}

/// Validated filters, ready to be written as SQL.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    /// The filters as applied: trimmed, blanks removed, the format canonical, as_of filled in.
    pub filters: Filters,
    pub as_of: NaiveDate,
    /// The last date a completion may have: the earlier of `to` and `as_of`.
    upper: String,
    from: Option<String>,
    area: Option<AreaBit>,
    format: Option<(&'static str, i64)>,
    program: Option<ProgramRef>,
    /// Whether every completion in the record is on or before `upper`.
    none_after_upper: bool,
    /// With `current`: the SQL condition on completion `c` that it is still valid on the
    /// as-of date (`c.completed_on >=` its program's first date still valid; empty when no
    /// program expires).
    current: Option<String>,
}

pub(crate) fn clean(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn date(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &Option<String>,
) -> Option<NaiveDate> {
    let text = clean(value)?;
    let parsed = parse_iso_date(&text);
    if parsed.is_none() {
        problems.push(FieldProblem::new(
            field,
            format!("'{text}' is not a real date in the form YYYY-MM-DD"),
        ));
    }
    parsed
}

/// An employee column a filter names a value of.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EmployeeField {
    Department,
    Role,
    Location,
}

/// Whether some employee (active or not) has `value` in `field`: a filter naming a value no
/// one has is a typo, not an empty group.
pub(crate) fn employees_have(conn: &Connection, field: EmployeeField, value: &str) -> Result<bool> {
    // A closed set of column names: user input never reaches the SQL text.
    let sql = match field {
        EmployeeField::Department => "SELECT 1 FROM employees WHERE department = ? LIMIT 1",
        EmployeeField::Role => "SELECT 1 FROM employees WHERE role = ? LIMIT 1",
        EmployeeField::Location => "SELECT 1 FROM employees WHERE location = ? LIMIT 1",
    };
    Ok(conn
        .query_row(sql, params![value], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Scope {
    /// Checks every filter (all problems at once) and looks up the ones that name records.
    pub fn new(conn: &Connection, filters: &Filters, today: NaiveDate) -> Result<Scope> {
        let mut problems = Vec::new();
        let from = date(&mut problems, "from", &filters.from);
        let to = date(&mut problems, "to", &filters.to);
        let as_of = date(&mut problems, "as_of", &filters.as_of).unwrap_or(today);
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                problems.push(FieldProblem::new(
                    "to",
                    format!("{to} is before the from date {from}"),
                ));
            }
        }
        let format = match clean(&filters.program_format) {
            None => None,
            Some(text) => match ProgramFormat::parse(&text) {
                Some(format) => Some((format.as_str(), format_bit(format))),
                None => {
                    problems.push(FieldProblem::new(
                        "program_format",
                        format!(
                            "'{text}' is not a program format; choose from {}",
                            ProgramFormat::ALL.map(ProgramFormat::as_str).join(", ")
                        ),
                    ));
                    None
                }
            },
        };
        let skill_area = clean(&filters.skill_area);
        if let Some(area) = &skill_area {
            let known = conn
                .query_row(
                    "SELECT 1 FROM programs WHERE skill_area = ? LIMIT 1",
                    params![area],
                    |_| Ok(()),
                )
                .optional()?;
            if known.is_none() {
                problems.push(FieldProblem::new(
                    "skill_area",
                    format!("no program has the skill area '{area}'"),
                ));
            }
        }
        let program_id = clean(&filters.program_id);
        let mut program = None;
        if let Some(id) = &program_id {
            let found: Option<(i64, String, String)> = conn
                .query_row(
                    "SELECT id, skill_area, format FROM programs WHERE program_id = ?",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            match found {
                Some((id, area, format)) => {
                    program = Some(ProgramRef {
                        id,
                        area: area_bit(conn, &area)?,
                        format_mask: ProgramFormat::parse(&format).map_or(0, format_bit),
                    })
                }
                None => problems.push(FieldProblem::new(
                    "program_id",
                    format!("there is no program with id '{id}'"),
                )),
            }
        }
        let department = clean(&filters.department);
        if let Some(department) = &department {
            if !employees_have(conn, EmployeeField::Department, department)? {
                problems.push(FieldProblem::new(
                    "department",
                    format!("no employee is in the department '{department}'"),
                ));
            }
        }
        let manager_id = clean(&filters.manager_id);
        if let Some(manager) = &manager_id {
            if !crate::employees::exists(conn, manager)? {
                problems.push(FieldProblem::new(
                    "manager_id",
                    format!("there is no employee with id '{manager}'"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let upper = to.map_or(as_of, |to| to.min(as_of));
        let area = match &skill_area {
            Some(name) => Some(area_bit(conn, name)?),
            None => None,
        };
        let upper_text = format_date(upper);
        // The completions_date index answers this with one seek.
        let latest: Option<String> =
            conn.query_row("SELECT max(completed_on) FROM completions", [], |r| {
                r.get(0)
            })?;
        let current = if filters.current == Some(true) {
            Some(current_sql(conn, as_of)?)
        } else {
            None
        };
        Ok(Scope {
            filters: Filters {
                skill_area,
                program_format: format.map(|(name, _)| name.to_string()),
                program_id,
                from: from.map(format_date),
                to: to.map(format_date),
                as_of: Some(format_date(as_of)),
                department,
                manager_id,
                include_inactive: filters.include_inactive,
                current: current.as_ref().map(|_| true),
            },
            as_of,
            none_after_upper: latest.is_none_or(|latest| latest <= upper_text),
            upper: upper_text,
            from: from.map(format_date),
            area,
            format,
            program,
            current,
        })
    }

    pub fn as_of_year(&self) -> i32 {
        self.as_of.year()
    }

    /// ` FROM ... WHERE ...`: the population `e`, each with their `reach` row `r` (or NULLs).
    pub fn population(&self, sql: &mut Sql) {
        // Without an employee filter the table scan is the plan: left alone, SQLite walks a
        // GROUP BY column's index instead and pays a row lookup per employee to avoid a sort.
        let narrowed = self.filters.department.is_some() || self.filters.manager_id.is_some();
        sql.push(if narrowed {
            " FROM employees e"
        } else {
            " FROM employees e NOT INDEXED"
        });
        sql.push(" LEFT JOIN reach r ON r.employee_ref = e.id");
        // An employee without a hire date is counted: nothing says they joined later. (Written
        // with ifnull so no index on hire_date is tried: nearly everyone passes.)
        sql.bind(
            " WHERE ifnull(e.hire_date, '') <= ?",
            format_date(self.as_of),
        );
        // A leaver counts up to the day before `left_on`, active or not; without `left_on`,
        // an inactive employee counts at no date (unless inactive ones are asked for).
        if self.filters.include_inactive {
            sql.bind(
                " AND (e.left_on IS NULL OR e.left_on > ?)",
                format_date(self.as_of),
            );
        } else {
            sql.bind(
                " AND (e.left_on > ? OR (e.left_on IS NULL AND e.active = 1))",
                format_date(self.as_of),
            );
        }
        if let Some(department) = &self.filters.department {
            sql.bind(" AND e.department = ?", department.clone());
        }
        if let Some(manager) = &self.filters.manager_id {
            sql.bind(
                &format!(" AND e.employee_id IN {SUBTREE_SQL}"),
                manager.clone(),
            );
        }
    }

    /// Whether the `reach` row alone says who is trained, and trained in each of `areas`:
    /// no filter that needs the completions themselves (program, format, from date), every
    /// area with a bit of its own, and no completion in the record after the last date
    /// counted. Then an employee with a `reach` row is trained (in the filter's area: its
    /// bit is set), and trained in an area exactly when its bit is set.
    pub fn bits_decide(&self, areas: &[AreaBit]) -> bool {
        self.none_after_upper
            && self.current.is_none()
            && self.program.is_none()
            && self.format.is_none()
            && self.from.is_none()
            && self.area.as_ref().is_none_or(|a| a.exact)
            && areas.iter().all(|a| a.exact)
    }

    /// The mask an employee's `area_bits` must meet to count as trained when
    /// [`Scope::bits_decide`]: the filter's area, or any (-1).
    pub fn trained_mask(&self) -> i64 {
        self.area.as_ref().map_or(-1, |a| a.mask)
    }

    fn proof(&self, area: Option<&AreaBit>) -> Proof {
        if self.program.is_some() || self.current.is_some() {
            return Proof::Never;
        }
        match (area, &self.format) {
            (Some(area), _) if !area.exact => Proof::Never,
            (Some(_), Some(_)) => Proof::Never,
            (Some(_), None) | (None, Some(_)) => Proof::Inside,
            (None, None) if self.from.is_some() => Proof::Bounds,
            (None, None) => Proof::Always,
        }
    }

    /// An SQL integer (0 or 1) for employee `e` with `reach` row `r`: trained under the
    /// completion filters; in skill area `area` when given (else the filter's area, if any).
    pub fn trained(&self, sql: &mut Sql, area: Option<&AreaBit>) {
        let area = area.or(self.area.as_ref());
        // 1. Ruled out.
        sql.bind(
            "(CASE WHEN r.employee_ref IS NULL OR r.first_on > ?",
            self.upper.clone(),
        );
        if let Some(from) = &self.from {
            sql.bind(" OR r.last_on < ?", from.clone());
        }
        if let Some(area) = area {
            sql.bind(" OR (r.area_bits & ?) = 0", area.mask);
        }
        if let Some((_, mask)) = self.format {
            sql.bind(" OR (r.format_bits & ?) = 0", mask);
        }
        if let Some(program) = &self.program {
            sql.bind(" OR (r.area_bits & ?) = 0", program.area.mask)
                .bind(" OR (r.format_bits & ?) = 0", program.format_mask);
        }
        sql.push(" THEN 0");
        // 2. Ruled in.
        match self.proof(area) {
            Proof::Always => {
                sql.push(" ELSE 1 END)");
                return;
            }
            Proof::Bounds => {
                if let Some(from) = &self.from {
                    sql.bind(" WHEN r.first_on >= ?", from.clone());
                }
                sql.bind(" OR r.last_on <= ? THEN 1", self.upper.clone());
            }
            Proof::Inside => {
                sql.bind(" WHEN r.last_on <= ?", self.upper.clone());
                if let Some(from) = &self.from {
                    sql.bind(" AND r.first_on >= ?", from.clone());
                }
                sql.push(" THEN 1");
            }
            Proof::Never => {}
        }
        // 3. Confirmed against the completions: seeks on UNIQUE (employee_ref, program_ref,
        // completed_on), one per program of the filtered area/format (a list made once).
        sql.push(" ELSE EXISTS (SELECT 1");
        self.counted_completions(sql, area);
        sql.push(") END)");
    }

    /// ` FROM completions c WHERE ...`: employee `e`'s completions that count under the
    /// completion filters (in `area` when given, else the filter's area): the one definition
    /// [`Scope::trained`] confirms against and the people list takes the latest date from.
    pub fn counted_completions(&self, sql: &mut Sql, area: Option<&AreaBit>) {
        let area = area.or(self.area.as_ref());
        sql.push(" FROM completions c WHERE c.employee_ref = e.id");
        if let Some(program) = &self.program {
            sql.bind(" AND c.program_ref = ?", program.id);
        }
        if area.is_some() || self.format.is_some() {
            sql.push(" AND c.program_ref IN (SELECT id FROM programs WHERE 1");
            if let Some(area) = area {
                sql.bind(" AND skill_area = ?", area.skill_area.clone());
            }
            if let Some((format, _)) = self.format {
                sql.bind(" AND format = ?", format.to_string());
            }
            sql.push(")");
        }
        sql.bind(" AND c.completed_on <= ?", self.upper.clone());
        if let Some(from) = &self.from {
            sql.bind(" AND c.completed_on >= ?", from.clone());
        }
        if let Some(current) = &self.current {
            sql.push(current);
        }
    }

    /// The skill areas a skill-area report lists: every area in the catalog (retired programs
    /// too: their completions count), or only the filtered one.
    pub fn areas(&self, conn: &Connection) -> Result<Vec<AreaBit>> {
        if let Some(area) = &self.area {
            return Ok(vec![area.clone()]);
        }
        let mut stmt = conn.prepare("SELECT DISTINCT skill_area FROM programs")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        names.iter().map(|name| area_bit(conn, name)).collect()
    }
}

/// ` AND c.completed_on >= CASE c.program_ref WHEN id THEN 'first valid date' ... END` for
/// the programs that expire: a completion is valid on `as_of` when on or after the first
/// completion date whose expiry (calendar months, clamped to the month's end) is after it.
/// Only row ids and dates made here are written into the text.
fn current_sql(conn: &Connection, as_of: NaiveDate) -> Result<String> {
    let mut stmt =
        conn.prepare("SELECT id, validity_months FROM programs WHERE validity_months IS NOT NULL")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.is_empty() {
        return Ok(String::new());
    }
    let mut sql = String::from(" AND c.completed_on >= CASE c.program_ref");
    for (id, months) in rows {
        let first =
            crate::compliance::first_expiring_after(as_of, u32::try_from(months).unwrap_or(0));
        sql.push_str(&format!(" WHEN {id} THEN '{}'", format_date(first)));
    }
    sql.push_str(" ELSE '0000-01-01' END");
    Ok(sql)
}
