//! Required training: who must complete what by when, and where everyone stands on a date.
//!
//! Definitions (every face — CLI, desktop, export — shows exactly these):
//! - A **requirement** applies on D when it is in effect (`effective_from` ≤ D, not retired)
//!   to an employee in the population on D — hired on or before D (no hire date counts as
//!   hired), `left_on` empty or after D, and active unless they have a `left_on` — who
//!   matches every scope column that is set (role, department, location, ignoring case).
//!   The person's **due date** is the later of hire date and `effective_from`, plus `due_days`.
//! - An **exemption** holds on D when `until` is empty or on/after D.
//! - A satisfying completion (of the program, or of any program in the skill area) is
//!   **valid on D** when `completed_on ≤ D < expires_on`, `expires_on` = `completed_on` plus
//!   the program's `validity_months` calendar months (a day the target month lacks becomes its
//!   last day; no validity = never expires).
//! - **Status**, first match wins: exempt; compliant (valid, and the latest expiry among the
//!   valid ones is after D + W, or one never expires); expiring (valid, but all expire on or
//!   before D + W); expired (none valid, but one on or before D); overdue (none on or before D,
//!   and D is after the due date); due.
//!
//! Speed: [`Engine::run`] is two SQL statements stepped side by side in employee row-id order:
//! the population (one row per employee) and, per employee and program, the latest completion
//! on or before D (a walk of the UNIQUE (employee_ref, program_ref, completed_on) index, no
//! sort). Since a later completion of the same program never expires earlier, the latest one
//! per program decides everything: it is valid when on or after the program's first date
//! still valid on D, "compliant" when on or after the first date that expires after D + W.
//! Those two dates are worked out once per program in Rust (month arithmetic with chrono,
//! which clamps to the month's end: SQLite's `date(.., '+1 months')` does not).

mod matrix;
mod report;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use matrix::{
    export_list, export_matrix, matrix, obligations_of, write_matrix_csv, MatrixCell, MatrixPage,
    MatrixQuery, MatrixRequirement, MatrixRow, MAX_MATRIX_PAGE,
};
pub use report::{
    report, report_with, write_report_csv, ComplianceDim, ComplianceNotes, ComplianceReport,
    ComplianceRow, REPORT_COLUMNS,
};

use crate::domain::{format_date, parse_iso_date};
use crate::employees::SUBTREE_SQL;
use crate::error::{Error, FieldProblem, Result};

/// The default W: a valid completion expiring within this many days of D is "expiring".
pub const DEFAULT_EXPIRING_DAYS: u32 = 90;
/// The largest W accepted.
pub const MAX_EXPIRING_DAYS: u32 = 36_500;

/// Where one person stands on one requirement. The order is the action list's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    Overdue,
    Expired,
    Expiring,
    Due,
    Compliant,
    Exempt,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Overdue,
        Status::Expired,
        Status::Expiring,
        Status::Due,
        Status::Compliant,
        Status::Exempt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Expired => "expired",
            Status::Expiring => "expiring",
            Status::Due => "due",
            Status::Compliant => "compliant",
            Status::Exempt => "exempt",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        let key = text.trim().to_lowercase();
        Status::ALL.into_iter().find(|s| s.as_str() == key)
    }

    /// A comma-separated list ("overdue,expired"); the error names the field `status`.
    pub fn parse_list(text: &str) -> Result<Vec<Status>> {
        text.split(',')
            .filter(|part| !part.trim().is_empty())
            .map(|part| {
                Status::parse(part).ok_or_else(|| {
                    Error::invalid(
                        "status",
                        format!(
                            "'{}' is not a status; choose from {}",
                            part.trim(),
                            Status::ALL.map(Status::as_str).join(", ")
                        ),
                    )
                })
            })
            .collect()
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which obligations, on which date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplianceQuery {
    /// D, YYYY-MM-DD.
    pub as_of: String,
    /// W: a valid completion that expires on or before D + W days is "expiring".
    pub expiring_days: u32,
    /// Only this requirement.
    pub requirement_id: Option<String>,
    /// Only employees of this department.
    pub department: Option<String>,
    /// Only employees below this manager, at any depth (not the manager).
    pub manager_id: Option<String>,
}

impl ComplianceQuery {
    /// Every requirement and employee as of `as_of`, W = 90 days.
    pub fn new(as_of: NaiveDate) -> ComplianceQuery {
        ComplianceQuery {
            as_of: format_date(as_of),
            expiring_days: DEFAULT_EXPIRING_DAYS,
            requirement_id: None,
            department: None,
            manager_id: None,
        }
    }
}

/// One applying (employee, requirement) pair and its status on D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Obligation {
    pub employee_id: String,
    pub full_name: String,
    pub role: String,
    pub department: String,
    pub manager_id: Option<String>,
    pub location: Option<String>,
    pub requirement_id: String,
    pub status: Status,
    /// The later of hire date and effective_from, plus due_days.
    pub due_on: String,
    /// The latest satisfying completion on or before D.
    pub last_completed_on: Option<String>,
    /// The expiry of the valid completion that expires last, else of the latest completion;
    /// None when there is none, or it never expires.
    pub expires_on: Option<String>,
}

/// `date` plus `months` calendar months; a day the target month lacks becomes its last day
/// (2024-01-31 + 1 month = 2024-02-29). None past chrono's range.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// When a completion on `completed_on` of a program valid `validity_months` expires; None:
/// it never expires.
pub fn expires_on(completed_on: NaiveDate, validity_months: Option<u32>) -> Option<NaiveDate> {
    validity_months.and_then(|m| add_months(completed_on, m))
}

/// The first completion date whose expiry (`+ months`) is after `day`: every completion on or
/// after it (and on or before `day`) is still valid on `day`. Expiry never decreases as the
/// completion date grows, so this is a threshold.
pub(crate) fn first_expiring_after(day: NaiveDate, months: u32) -> NaiveDate {
    let mut c = day
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    // c + months <= day (equal, or earlier when c was clamped); a few days on it passes day.
    for _ in 0..40 {
        match add_months(c, months) {
            Some(expiry) if expiry > day => return c,
            None => return c,
            Some(_) => c = c.checked_add_days(Days::new(1)).unwrap_or(c),
        }
    }
    c
}

/// A date as the 10 bytes stored (ISO dates compare as bytes as they do as dates).
type DateBytes = [u8; 10];

fn date_bytes(date: NaiveDate) -> DateBytes {
    let mut out = *b"0000-01-01";
    let text = format_date(date);
    if text.len() == 10 {
        out.copy_from_slice(text.as_bytes());
    }
    out
}

/// A stored date; digits by hand (chrono's parser reads its pattern every call), else
/// [`parse_iso_date`].
fn parse_day(text: &[u8]) -> Option<NaiveDate> {
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        text.get(r)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if text.len() == 10 && text[4] == b'-' && text[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    parse_iso_date(std::str::from_utf8(text).ok()?)
}

fn bytes_text(bytes: &DateBytes) -> &str {
    std::str::from_utf8(bytes).unwrap_or("")
}

/// Above this many completions after D, grouping every completion beats reading the cache
/// and looking up each employee with a completion after D (a lookup costs about what grouping
/// a hundred completions does).
const LOOKUP_LIMIT: i64 = 10_000;

/// Where [`Engine::run`] reads each employee's latest completion per program from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// compliance_latest; employees with a completion after D through the UNIQUE index.
    Cached,
    /// One GROUP BY of every completion on or before D.
    Grouped,
}

/// A requirement in effect on D, ready to match employees.
struct Req {
    requirement_id: String,
    role: Option<Scope>,
    department: Option<Scope>,
    location: Option<Scope>,
    due_days: u64,
    effective_from: NaiveDate,
}

/// One scope column of a requirement (role, department or location), matched ignoring case.
/// Whether it is ASCII is worked out once: the walk compares it with every employee.
struct Scope {
    text: String,
    ascii: bool,
}

impl Scope {
    fn new(text: Option<String>) -> Option<Scope> {
        text.map(|text| Scope {
            ascii: text.is_ascii(),
            text,
        })
    }
}

/// An employee's scope column as stored: its bytes, and whether they are ASCII (then they
/// need no UTF-8 check, and a comparison ignoring ASCII case is exact).
#[derive(Clone, Copy)]
struct Have<'a> {
    bytes: &'a [u8],
    ascii: bool,
}

impl<'a> Have<'a> {
    fn of(value: rusqlite::types::ValueRef<'a>) -> Result<Option<Have<'a>>> {
        match value {
            rusqlite::types::ValueRef::Null => Ok(None),
            other => {
                let bytes = other.as_bytes().map_err(rusqlite::Error::from)?;
                Ok(Some(Have {
                    bytes,
                    ascii: bytes.is_ascii(),
                }))
            }
        }
    }
}

/// Whether `have` satisfies the scope `want` (none: everyone), ignoring case: ASCII by
/// bytes, anything else by its Unicode lowercase.
fn scope_matches(want: &Option<Scope>, have: Option<Have<'_>>) -> bool {
    match (want, have) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(want), Some(have)) if want.ascii && have.ascii => {
            want.text.as_bytes().eq_ignore_ascii_case(have.bytes)
        }
        (Some(want), Some(have)) => std::str::from_utf8(have.bytes)
            .is_ok_and(|have| want.text.to_lowercase() == have.to_lowercase()),
    }
}

/// A program that satisfies at least one requirement in effect.
struct Prog {
    reqs: Vec<u32>,
    validity_months: Option<u32>,
    /// Completions on or after this are valid on D (all, for a program that never expires).
    valid_from: DateBytes,
    /// Completions on or after this expire after D + W.
    compliant_from: DateBytes,
}

/// The programs that satisfy a requirement in effect, by row id: a table for the usual small
/// ids (a hash of every completion's program costs more than the rest of its work).
#[derive(Default)]
struct ProgIndex {
    /// Row id -> 1 + place in `list`; 0: not a program that matters.
    slots: Vec<u32>,
    /// Row ids from DENSE_IDS on.
    sparse: HashMap<i64, u32>,
    list: Vec<Prog>,
    ids: Vec<i64>,
}

const DENSE_IDS: i64 = 1 << 20;

impl ProgIndex {
    fn insert(&mut self, id: i64, prog: Prog) {
        self.list.push(prog);
        self.ids.push(id);
        let place = self.list.len() as u32;
        if (0..DENSE_IDS).contains(&id) {
            let id = id as usize;
            if self.slots.len() <= id {
                self.slots.resize(id + 1, 0);
            }
            self.slots[id] = place;
        } else {
            self.sparse.insert(id, place);
        }
    }

    #[inline]
    fn get(&self, id: i64) -> Option<&Prog> {
        let place = if (0..DENSE_IDS).contains(&id) {
            *self.slots.get(id as usize)?
        } else {
            *self.sparse.get(&id)?
        };
        place.checked_sub(1).map(|p| &self.list[p as usize])
    }
}

/// What one employee's completions say about one requirement.
#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    last: Option<DateBytes>,
    valid: bool,
    compliant: bool,
}

/// One obligation of the employee on the current row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Eval {
    pub req: u32,
    pub status: Status,
    pub due_on: NaiveDate,
    pub last_on: Option<DateBytes>,
    pub expires_on: Option<NaiveDate>,
}

/// The validated query and everything loaded once: requirements, programs, exemptions.
pub(crate) struct Engine {
    pub as_of: NaiveDate,
    pub expiring_days: u32,
    pub filters: ComplianceQuery,
    reqs: Vec<Req>,
    progs: ProgIndex,
    /// (employee row id, requirement index) of the exemptions that hold on D, sorted (the
    /// walk in row-id order reads them with a cursor).
    exempt: Vec<(i64, u32)>,
    /// Narrower than the query: the matrix's role and page, one person's obligations.
    pub narrow: Narrow,
}

/// What the matrix and a person's page narrow the walk to, in SQL (the query's department
/// and manager apply too).
#[derive(Debug, Clone, Default)]
pub(crate) struct Narrow {
    /// Only employees of this role (exactly, as the department filter).
    pub role: Option<String>,
    /// Only this employee.
    pub employee_id: Option<String>,
    /// (offset, limit) of the population in row-id order: the matrix's page.
    pub page: Option<(u32, u32)>,
    /// Visit every person walked, with or without an obligation (a matrix row each).
    pub every_person: bool,
}

fn clean(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

impl Engine {
    /// Checks the query (every problem at once) and loads requirements, programs, exemptions.
    pub fn new(conn: &Connection, q: &ComplianceQuery) -> Result<Engine> {
        let mut problems = Vec::new();
        let as_of_text = q.as_of.trim();
        let as_of = match parse_iso_date(as_of_text) {
            Some(d) => d,
            None => {
                problems.push(FieldProblem::new(
                    "as_of",
                    format!("'{as_of_text}' is not a real date in the form YYYY-MM-DD"),
                ));
                NaiveDate::MIN
            }
        };
        if q.expiring_days > MAX_EXPIRING_DAYS {
            problems.push(FieldProblem::new(
                "expiring_days",
                format!(
                    "{} is not a number of days from 0 to {MAX_EXPIRING_DAYS}",
                    q.expiring_days
                ),
            ));
        }
        let requirement_id = clean(&q.requirement_id);
        if let Some(id) = &requirement_id {
            if !crate::requirements::exists(conn, id)? {
                problems.push(FieldProblem::new(
                    "requirement_id",
                    format!("there is no requirement with id '{id}'"),
                ));
            }
        }
        let department = clean(&q.department);
        if let Some(department) = &department {
            let known = conn
                .query_row(
                    "SELECT 1 FROM employees WHERE department = ? LIMIT 1",
                    params![department],
                    |_| Ok(()),
                )
                .optional()?;
            if known.is_none() {
                problems.push(FieldProblem::new(
                    "department",
                    format!("no employee is in the department '{department}'"),
                ));
            }
        }
        let manager_id = clean(&q.manager_id);
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
        let horizon = as_of
            .checked_add_days(Days::new(u64::from(q.expiring_days)))
            .unwrap_or(NaiveDate::MAX);
        let as_of_text = format_date(as_of);

        // Requirements in effect on D.
        let mut reqs = Vec::new();
        let mut satisfied_by: Vec<(Option<String>, Option<String>)> = Vec::new();
        {
            let mut stmt = conn.prepare(
                "SELECT requirement_id, role, department, location, program_id, skill_area, \
                     due_days, effective_from \
                 FROM requirements \
                 WHERE retired = 0 AND effective_from <= ?1 AND (?2 IS NULL OR requirement_id = ?2) \
                 ORDER BY requirement_id",
            )?;
            let mut rows = stmt.query(params![as_of_text, requirement_id])?;
            while let Some(row) = rows.next()? {
                let effective_from: String = row.get(7)?;
                let due_days: i64 = row.get(6)?;
                reqs.push(Req {
                    requirement_id: row.get(0)?,
                    role: Scope::new(row.get(1)?),
                    department: Scope::new(row.get(2)?),
                    location: Scope::new(row.get(3)?),
                    due_days: u64::try_from(due_days).unwrap_or(0),
                    effective_from: parse_iso_date(&effective_from).ok_or_else(|| {
                        Error::Internal(format!("stored effective_from '{effective_from}'"))
                    })?,
                });
                satisfied_by.push((row.get(4)?, row.get(5)?));
            }
        }

        // Programs that satisfy them, with their two threshold dates.
        let mut progs = ProgIndex::default();
        {
            let mut stmt =
                conn.prepare("SELECT id, program_id, skill_area, validity_months FROM programs")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let program_id = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let skill_area = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
                let matching: Vec<u32> = satisfied_by
                    .iter()
                    .enumerate()
                    .filter(|(_, (p, a))| {
                        p.as_deref() == Some(program_id) || a.as_deref() == Some(skill_area)
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                if matching.is_empty() {
                    continue;
                }
                let validity_months: Option<u32> = row
                    .get::<_, Option<i64>>(3)?
                    .and_then(|m| u32::try_from(m).ok());
                let (valid_from, compliant_from) = match validity_months {
                    None => (*b"0000-01-01", *b"0000-01-01"),
                    Some(m) => (
                        date_bytes(first_expiring_after(as_of, m)),
                        date_bytes(first_expiring_after(horizon, m)),
                    ),
                };
                progs.insert(
                    id,
                    Prog {
                        reqs: matching,
                        validity_months,
                        valid_from,
                        compliant_from,
                    },
                );
            }
        }

        // Exemptions that hold on D.
        let index: HashMap<&str, u32> = reqs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.requirement_id.as_str(), i as u32))
            .collect();
        let mut exempt = Vec::new();
        {
            let mut stmt = conn.prepare(
                "SELECT e.id, x.requirement_id FROM exemptions x \
                 JOIN employees e ON e.employee_id = x.employee_id \
                 WHERE x.until IS NULL OR x.until >= ?",
            )?;
            let mut rows = stmt.query(params![as_of_text])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                if let Some(&req) =
                    index.get(row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)
                {
                    exempt.push((id, req));
                }
            }
        }
        exempt.sort_unstable();
        exempt.dedup();
        Ok(Engine {
            as_of,
            expiring_days: q.expiring_days,
            filters: ComplianceQuery {
                as_of: as_of_text,
                expiring_days: q.expiring_days,
                requirement_id,
                department,
                manager_id,
            },
            reqs,
            progs,
            exempt,
            narrow: Narrow::default(),
        })
    }

    /// ` FROM employees e … WHERE …` of the population on D under the query and
    /// [`Narrow`] (not its page), and its arguments (?1 is D).
    fn people_from(&self, as_of_text: &str) -> (String, Vec<String>) {
        let narrowed = self.filters.department.is_some()
            || self.filters.manager_id.is_some()
            || self.narrow.employee_id.is_some();
        let mut sql = String::from(if narrowed {
            " FROM employees e"
        } else {
            " FROM employees e NOT INDEXED"
        });
        // The population on D, as every report has it (report/scope.rs).
        sql.push_str(
            " WHERE ifnull(e.hire_date, '') <= ?1 \
             AND (e.left_on > ?1 OR (e.left_on IS NULL AND e.active = 1))",
        );
        let mut args: Vec<String> = vec![as_of_text.to_string()];
        if let Some(department) = &self.filters.department {
            args.push(department.clone());
            sql.push_str(&format!(" AND e.department = ?{}", args.len()));
        }
        if let Some(role) = &self.narrow.role {
            args.push(role.clone());
            sql.push_str(&format!(" AND e.role = ?{}", args.len()));
        }
        if let Some(employee) = &self.narrow.employee_id {
            args.push(employee.clone());
            sql.push_str(&format!(" AND e.employee_id = ?{}", args.len()));
        }
        if let Some(manager) = &self.filters.manager_id {
            args.push(manager.clone());
            let subtree = SUBTREE_SQL.replace('?', &format!("?{}", args.len()));
            sql.push_str(&format!(" AND e.employee_id IN {subtree}"));
        }
        (sql, args)
    }

    /// How many people [`Engine::run`] walks without a page (the matrix's total).
    pub fn population(&self, conn: &Connection) -> Result<u32> {
        let (from, args) = self.people_from(&format_date(self.as_of));
        let n: i64 = conn.query_row(
            &format!("SELECT count(*){from}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    pub fn requirement_id(&self, req: u32) -> &str {
        &self.reqs[req as usize].requirement_id
    }

    pub fn requirement_count(&self) -> usize {
        self.reqs.len()
    }

    /// Walks the population in row-id order; for every employee with at least one obligation,
    /// calls `visit` with their row (columns 0-4: id, hire_date, role, department, location;
    /// then `extra`) and their obligations. `dates`: work out `expires_on` too (the list), for
    /// obligations of these statuses (empty: all); None: never (`expires_on` left None).
    pub fn run(
        &self,
        conn: &Connection,
        extra: &[String],
        dates: Option<&[Status]>,
        mut visit: impl FnMut(&Row<'_>, &[Eval]) -> Result<()>,
    ) -> Result<()> {
        if self.reqs.is_empty() && !self.narrow.every_person {
            return Ok(());
        }
        let as_of_text = format_date(self.as_of);
        let mut sql = String::from("SELECT e.id, e.hire_date, e.role, e.department, e.location");
        for column in extra {
            sql.push_str(", ");
            sql.push_str(column);
        }
        let (from, args) = self.people_from(&as_of_text);
        sql.push_str(&from);
        sql.push_str(" ORDER BY e.id");
        if let Some((offset, limit)) = self.narrow.page {
            sql.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
        }
        let mut people = conn.prepare(&sql)?;
        let mut people_rows = people.query(rusqlite::params_from_iter(args.iter()))?;

        // Per employee and program, the latest completion on or before D, in employee order:
        // from the cache (compliance_latest), or grouped from every completion (see Source).
        let source = self.source(conn, &as_of_text)?;
        let as_of_bytes = date_bytes(self.as_of);
        let programs = format!(
            "[{}]",
            self.progs
                .ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        let mut latest = conn.prepare(match source {
            // The UNIQUE index's order: `+` keeps SQLite off the program and date indexes.
            Source::Grouped => {
                "SELECT employee_ref, program_ref, max(completed_on) FROM completions \
                 WHERE +completed_on <= ?1 AND +program_ref IN (SELECT value FROM json_each(?2)) \
                 GROUP BY employee_ref, program_ref"
            }
            Source::Cached => {
                "SELECT employee_ref, last_on, latest FROM compliance_latest \
                 WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL ORDER BY employee_ref"
            }
        })?;
        let mut lookup = conn.prepare(
            "SELECT program_ref, max(completed_on) FROM completions \
             WHERE employee_ref = ?1 AND completed_on <= ?2 GROUP BY program_ref",
        )?;
        let mut latest_rows = latest.query(params![as_of_text, programs])?;
        let mut pending: Option<(i64, i64, DateBytes)> = None;
        let mut cached: Option<(i64, DateBytes)> = None;
        let mut json: Vec<u8> = Vec::new();
        match source {
            Source::Grouped => pending = next_latest(&mut latest_rows)?,
            Source::Cached => cached = next_cached(&mut latest_rows, &mut json)?,
        }

        let mut aggs: Vec<Agg> = vec![Agg::default(); self.reqs.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut evals: Vec<Eval> = Vec::new();
        // The employee's (program, latest completion) pairs, for the expiry dates, which are
        // worked out only for the obligations shown.
        let mut seen: Vec<(&Prog, DateBytes)> = Vec::new();
        let mut exempt_at = 0usize;
        let mut exempt_now: Vec<u32> = Vec::new();
        while let Some(row) = people_rows.next()? {
            let id: i64 = row.get(0)?;
            exempt_now.clear();
            while let Some(&(employee, req)) = self.exempt.get(exempt_at) {
                if employee > id {
                    break;
                }
                if employee == id {
                    exempt_now.push(req);
                }
                exempt_at += 1;
            }
            while let Some((employee, program, day)) = pending {
                if employee > id {
                    break;
                }
                if employee == id {
                    if let Some(prog) = self.progs.get(program) {
                        Engine::take(prog, &day, &mut aggs, &mut touched);
                        if dates.is_some() {
                            seen.push((prog, day));
                        }
                    }
                }
                pending = next_latest(&mut latest_rows)?;
                // The GROUP BY walks the UNIQUE index, so its groups come in employee order
                // (an ORDER BY would add a sort of every group); the merge relies on it.
                if pending.is_some_and(|(next, _, _)| next < employee) {
                    return Err(Error::Internal(
                        "the latest completions did not come in employee order".into(),
                    ));
                }
            }
            while let Some((employee, last_on)) = cached {
                if employee > id {
                    break;
                }
                if employee == id {
                    if last_on <= as_of_bytes {
                        // Every completion is on or before D: the row is the answer.
                        for_each_latest(&json, |program, day| {
                            if let Some(prog) = self.progs.get(program) {
                                Engine::take(prog, day, &mut aggs, &mut touched);
                                if dates.is_some() {
                                    seen.push((prog, *day));
                                }
                            }
                        })
                        .ok_or_else(|| {
                            Error::Internal(format!(
                                "compliance_latest of employee {id} is not what the triggers \
                                 write; run `upskill check --repair`"
                            ))
                        })?;
                    } else {
                        // Something after D: the employee's own completions decide.
                        let mut rows = lookup.query(params![id, as_of_text])?;
                        while let Some(r) = rows.next()? {
                            let program: i64 = r.get(0)?;
                            let day =
                                day_of(r.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?);
                            if let Some(prog) = self.progs.get(program) {
                                Engine::take(prog, &day, &mut aggs, &mut touched);
                                if dates.is_some() {
                                    seen.push((prog, day));
                                }
                            }
                        }
                    }
                }
                cached = next_cached(&mut latest_rows, &mut json)?;
            }
            let hire = match row
                .get_ref(1)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?
            {
                Some(text) => Some(
                    parse_day(text.as_bytes())
                        .ok_or_else(|| Error::Internal(format!("stored hire_date '{text}'")))?,
                ),
                None => None,
            };
            let role = Have::of(row.get_ref(2)?)?;
            let department = Have::of(row.get_ref(3)?)?;
            let location = Have::of(row.get_ref(4)?)?;
            evals.clear();
            for (i, req) in self.reqs.iter().enumerate() {
                if !(scope_matches(&req.role, role)
                    && scope_matches(&req.department, department)
                    && scope_matches(&req.location, location))
                {
                    continue;
                }
                let start = hire.map_or(req.effective_from, |h| h.max(req.effective_from));
                let due_on = start
                    .checked_add_days(Days::new(req.due_days))
                    .unwrap_or(NaiveDate::MAX);
                let agg = &aggs[i];
                let status = if exempt_now.contains(&(i as u32)) {
                    Status::Exempt
                } else if agg.compliant {
                    Status::Compliant
                } else if agg.valid {
                    Status::Expiring
                } else if agg.last.is_some() {
                    Status::Expired
                } else if self.as_of > due_on {
                    Status::Overdue
                } else {
                    Status::Due
                };
                let expires_on = match dates {
                    Some(only) if only.is_empty() || only.contains(&status) => {
                        expiry_of(i as u32, &seen, agg.valid)
                    }
                    _ => None,
                };
                evals.push(Eval {
                    req: i as u32,
                    status,
                    due_on,
                    last_on: agg.last,
                    expires_on,
                });
            }
            for &i in &touched {
                aggs[i as usize] = Agg::default();
            }
            touched.clear();
            seen.clear();
            if !evals.is_empty() || self.narrow.every_person {
                visit(row, &evals)?;
            }
        }
        Ok(())
    }

    /// [`Source::Cached`] unless more than [`LOOKUP_LIMIT`] completions lie after D (counted
    /// through the date index, stopping at the limit).
    fn source(&self, conn: &Connection, as_of_text: &str) -> Result<Source> {
        #[cfg(test)]
        if let Some(forced) = tests::forced_source() {
            return Ok(forced);
        }
        let after: i64 = conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM completions WHERE completed_on > ?1 LIMIT ?2)",
            params![as_of_text, LOOKUP_LIMIT + 1],
            |r| r.get(0),
        )?;
        Ok(if after > LOOKUP_LIMIT {
            Source::Grouped
        } else {
            Source::Cached
        })
    }

    /// Folds one (program, latest completion) of the current employee into their requirements.
    fn take(prog: &Prog, day: &DateBytes, aggs: &mut [Agg], touched: &mut Vec<u32>) {
        let valid = *day >= prog.valid_from;
        let compliant = *day >= prog.compliant_from;
        for &r in &prog.reqs {
            let agg = &mut aggs[r as usize];
            if agg.last.is_none() {
                touched.push(r);
            }
            agg.valid |= valid;
            agg.compliant |= compliant;
            agg.last = agg.last.max(Some(*day));
        }
    }
}

/// `expires_on` of requirement `req` from the employee's (program, latest completion) pairs:
/// None when a valid one never expires; else the latest expiry among them when one is valid
/// (the latest completion per program is the one expiring last); else the expiry of the
/// latest completion (the latest of those on its day).
fn expiry_of(req: u32, seen: &[(&Prog, DateBytes)], valid: bool) -> Option<NaiveDate> {
    let mut never = false;
    let mut max_expiry: Option<NaiveDate> = None;
    let mut last: Option<DateBytes> = None;
    let mut last_expiry: Option<NaiveDate> = None;
    for (prog, day) in seen {
        if !prog.reqs.contains(&req) {
            continue;
        }
        let expiry = parse_day(day).and_then(|d| expires_on(d, prog.validity_months));
        never |= prog.validity_months.is_none();
        max_expiry = max_expiry.max(expiry);
        match last {
            Some(l) if l > *day => {}
            Some(l) if l == *day => last_expiry = last_expiry.max(expiry),
            _ => last_expiry = expiry,
        }
        last = last.max(Some(*day));
    }
    if never {
        None
    } else if valid {
        max_expiry
    } else {
        last_expiry
    }
}

fn day_of(text: &[u8]) -> DateBytes {
    let mut day = *b"0000-01-01";
    if text.len() == 10 {
        day.copy_from_slice(text);
    }
    day
}

fn next_latest(rows: &mut rusqlite::Rows<'_>) -> Result<Option<(i64, i64, DateBytes)>> {
    match rows.next()? {
        None => Ok(None),
        Some(row) => {
            let text = row.get_ref(2)?.as_bytes().map_err(rusqlite::Error::from)?;
            Ok(Some((row.get(0)?, row.get(1)?, day_of(text))))
        }
    }
}

/// The next row of compliance_latest: (employee_ref, last_on), its JSON copied to `json`.
fn next_cached(
    rows: &mut rusqlite::Rows<'_>,
    json: &mut Vec<u8>,
) -> Result<Option<(i64, DateBytes)>> {
    match rows.next()? {
        None => Ok(None),
        Some(row) => {
            let last_on = day_of(row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?);
            json.clear();
            json.extend_from_slice(row.get_ref(2)?.as_bytes().map_err(rusqlite::Error::from)?);
            Ok(Some((row.get(0)?, last_on)))
        }
    }
}

/// Calls `f` with each (program row id, date) of a compliance_latest JSON object, as SQLite's
/// JSON functions write it (`{"12":"2025-03-01","40":"2024-01-31"}`, spaces allowed). None
/// when the text is not of that shape.
fn for_each_latest(json: &[u8], mut f: impl FnMut(i64, &DateBytes)) -> Option<()> {
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < json.len() && json[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    let expect = |i: &mut usize, byte: u8| -> Option<()> {
        skip(i);
        (json.get(*i) == Some(&byte)).then(|| *i += 1)
    };
    expect(&mut i, b'{')?;
    skip(&mut i);
    if json.get(i) == Some(&b'}') {
        return Some(());
    }
    loop {
        expect(&mut i, b'"')?;
        let mut program: i64 = 0;
        let start = i;
        while let Some(&d) = json.get(i).filter(|d| d.is_ascii_digit()) {
            program = program.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
            i += 1;
        }
        if i == start {
            return None;
        }
        expect(&mut i, b'"')?;
        expect(&mut i, b':')?;
        expect(&mut i, b'"')?;
        let day: DateBytes = json.get(i..i + 10)?.try_into().ok()?;
        i += 10;
        expect(&mut i, b'"')?;
        f(program, &day);
        skip(&mut i);
        match json.get(i) {
            Some(b',') => i += 1,
            Some(b'}') => return Some(()),
            _ => return None,
        }
    }
}

/// Every obligation on D under the query, in the action list's order: status (overdue,
/// expired, expiring, due, compliant, exempt), then due date, employee and requirement.
pub fn statuses(conn: &Connection, q: &ComplianceQuery) -> Result<Vec<Obligation>> {
    list(conn, q, &[])
}

/// The action list: [`statuses`] narrowed to the given statuses (none = all).
pub fn list(conn: &Connection, q: &ComplianceQuery, only: &[Status]) -> Result<Vec<Obligation>> {
    Ok(action_list(conn, q, only)?.into_obligations())
}

/// The person columns of the list (employee_id, full_name, role, department, manager_id,
/// location), read once per employee with an obligation shown: spans of one shared text.
struct ListPerson([Option<(u32, u32)>; 6]);

/// One obligation of the list, before it becomes text.
#[derive(Clone, Copy)]
struct ListItem {
    status: Status,
    due_on: NaiveDate,
    person: u32,
    req: u32,
    last_on: Option<DateBytes>,
    expires_on: Option<NaiveDate>,
}

/// The action list, sorted, its text not yet made: [`ActionList::write_csv`] writes a
/// quarter of a million rows without building an [`Obligation`] (ten strings) for each.
pub struct ActionList {
    people: Vec<ListPerson>,
    /// The people's columns, one after another.
    text: String,
    items: Vec<ListItem>,
    requirement_ids: Vec<String>,
}

/// The action list of [`list`], kept compact (for writing it out).
pub fn action_list(conn: &Connection, q: &ComplianceQuery, only: &[Status]) -> Result<ActionList> {
    action_list_of(conn, &Engine::new(conn, q)?, only)
}

/// The action list of an engine (narrowed or not).
pub(crate) fn action_list_of(
    conn: &Connection,
    engine: &Engine,
    only: &[Status],
) -> Result<ActionList> {
    let extra = ["e.employee_id", "e.full_name", "e.manager_id"].map(String::from);
    let mut people: Vec<ListPerson> = Vec::new();
    let mut text = String::new();
    let mut items: Vec<ListItem> = Vec::new();
    engine.run(conn, &extra, Some(only), |row, evals| {
        let mut person: Option<u32> = None;
        for eval in evals {
            if !only.is_empty() && !only.contains(&eval.status) {
                continue;
            }
            let index = match person {
                Some(i) => i,
                None => {
                    let mut columns = [None; 6];
                    for (slot, column) in columns.iter_mut().zip([5, 6, 2, 3, 7, 4]) {
                        let value = row.get_ref(column)?;
                        if let Some(value) =
                            value.as_str_or_null().map_err(rusqlite::Error::from)?
                        {
                            let start = text.len() as u32;
                            text.push_str(value);
                            *slot = Some((start, value.len() as u32));
                        } else if column != 7 && column != 4 {
                            return Err(Error::Internal(format!(
                                "employee column {column} is empty"
                            )));
                        }
                    }
                    people.push(ListPerson(columns));
                    *person.insert(people.len() as u32 - 1)
                }
            };
            items.push(ListItem {
                status: eval.status,
                due_on: eval.due_on,
                person: index,
                req: eval.req,
                last_on: eval.last_on,
                expires_on: eval.expires_on,
            });
        }
        Ok(())
    })?;
    // Employees come in row-id order: rank them by employee_id once, so the sort compares
    // numbers. Requirement indexes follow requirement_id (Engine::new reads them in order).
    let mut by_id: Vec<u32> = (0..people.len() as u32).collect();
    let column = |p: u32, c: usize| -> &str {
        people[p as usize].0[c].map_or("", |(start, len)| {
            &text[start as usize..(start + len) as usize]
        })
    };
    by_id.sort_unstable_by(|a, b| column(*a, 0).cmp(column(*b, 0)));
    let mut rank = vec![0u32; people.len()];
    for (r, p) in by_id.into_iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    // (employee, requirement) is unique, so the key is total and an unstable sort is exact.
    // Sorted as packed numbers: status, due date (days), employee rank, requirement, and the
    // item's place (ranks and requirements are under 2^32; days under 2^31). When every
    // part fits in 64 bits (status 3, days 22, rank 26, requirement 13: a due date before
    // the year 11000, fewer than 2^26 people and 2^13 requirements), a u64 key halves what
    // the sort moves; the order is the same.
    let days = |i: &ListItem| i.due_on.num_days_from_ce().clamp(0, i32::MAX) as u32;
    let fits = people.len() < 1 << 26
        && engine.requirement_count() < 1 << 13
        && items.iter().all(|i| days(i) < 1 << 22);
    let order = if fits {
        sorted_places(&items, |i| {
            (i.status as u64) << 61
                | u64::from(days(i)) << 39
                | u64::from(rank[i.person as usize]) << 13
                | u64::from(i.req)
        })
    } else {
        sorted_places(&items, |i| {
            (i.status as u128) << 96
                | u128::from(days(i)) << 64
                | u128::from(rank[i.person as usize]) << 32
                | u128::from(i.req)
        })
    };
    let items: Vec<ListItem> = order.into_iter().map(|n| items[n as usize]).collect();
    let requirement_ids = (0..engine.requirement_count() as u32)
        .map(|r| engine.requirement_id(r).to_string())
        .collect();
    Ok(ActionList {
        people,
        text,
        items,
        requirement_ids,
    })
}

/// The places of `items` in the order of their keys (each key unique).
fn sorted_places<K: Ord + Copy>(items: &[ListItem], key: impl Fn(&ListItem) -> K) -> Vec<u32> {
    let mut keys: Vec<(K, u32)> = items
        .iter()
        .enumerate()
        .map(|(n, i)| (key(i), n as u32))
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, n)| n).collect()
}

/// `date` as YYYY-MM-DD into `buf` (cleared first), by hand: format! costs more than the rest
/// of a list row.
fn push_date(buf: &mut String, date: NaiveDate) {
    buf.clear();
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        buf.push_str(&format_date(date));
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let y = y as u32;
    for n in [y / 1000, y / 100, y / 10, y] {
        buf.push(digit(n));
    }
    buf.push('-');
    buf.push(digit(m / 10));
    buf.push(digit(m));
    buf.push('-');
    buf.push(digit(d / 10));
    buf.push(digit(d));
}

impl ActionList {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Column `c` of person `p` (see [`ListPerson`]).
    fn column(&self, p: u32, c: usize) -> Option<&str> {
        self.people[p as usize].0[c]
            .map(|(start, len)| &self.text[start as usize..(start + len) as usize])
    }

    pub fn into_obligations(self) -> Vec<Obligation> {
        let mut due = String::new();
        let text = |p: u32, c: usize| self.column(p, c).unwrap_or("").to_string();
        self.items
            .iter()
            .map(|i| {
                push_date(&mut due, i.due_on);
                Obligation {
                    employee_id: text(i.person, 0),
                    full_name: text(i.person, 1),
                    role: text(i.person, 2),
                    department: text(i.person, 3),
                    manager_id: self.column(i.person, 4).map(str::to_string),
                    location: self.column(i.person, 5).map(str::to_string),
                    requirement_id: self.requirement_ids[i.req as usize].clone(),
                    status: i.status,
                    due_on: due.clone(),
                    last_completed_on: i.last_on.as_ref().map(|d| bytes_text(d).to_string()),
                    expires_on: i.expires_on.map(format_date),
                }
            })
            .collect()
    }

    /// Writes the list as CSV: what [`write_list_csv`] writes for [`list`]'s rows. A person's
    /// five cells and each requirement id are rendered once; status and dates (letters,
    /// digits and dashes, never quoted or neutralised) are written as they are.
    pub fn write_csv<W: std::io::Write>(&self, out: &mut crate::export::CsvOut<W>) -> Result<()> {
        use crate::export::Cell;
        out.header(&LIST_COLUMNS)?;
        let mut rendered: Vec<u8> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(self.people.len());
        for p in 0..self.people.len() as u32 {
            let start = rendered.len();
            let text = |c| Cell::text(self.column(p, c).unwrap_or(""));
            out.render(
                &mut rendered,
                &[
                    text(0),
                    text(1),
                    text(2),
                    text(3),
                    Cell::opt_text(self.column(p, 4)),
                ],
            )?;
            spans.push((start, rendered.len()));
        }
        let mut reqs: Vec<(usize, usize)> = Vec::with_capacity(self.requirement_ids.len());
        for id in &self.requirement_ids {
            let start = rendered.len();
            out.render(&mut rendered, &[Cell::text(id)])?;
            reqs.push((start, rendered.len()));
        }
        let delimiter = out.delimiter();
        let mut line: Vec<u8> = Vec::with_capacity(256);
        let mut day = String::new();
        out.raw_rows(self.items.len() as u64, |w| {
            for i in &self.items {
                line.clear();
                let (a, b) = spans[i.person as usize];
                line.extend_from_slice(&rendered[a..b]);
                line.push(delimiter);
                let (a, b) = reqs[i.req as usize];
                line.extend_from_slice(&rendered[a..b]);
                line.push(delimiter);
                line.extend_from_slice(i.status.as_str().as_bytes());
                line.push(delimiter);
                push_date(&mut day, i.due_on);
                line.extend_from_slice(day.as_bytes());
                line.push(delimiter);
                if let Some(last) = &i.last_on {
                    line.extend_from_slice(last);
                }
                line.push(delimiter);
                if let Some(x) = i.expires_on {
                    push_date(&mut day, x);
                    line.extend_from_slice(day.as_bytes());
                }
                line.extend_from_slice(b"\r\n");
                w.write_all(&line)?;
            }
            Ok(())
        })
    }
}

/// The action list's CSV columns, in order.
pub const LIST_COLUMNS: [&str; 10] = [
    "employee_id",
    "full_name",
    "role",
    "department",
    "manager_id",
    "requirement_id",
    "status",
    "due_on",
    "last_completed_on",
    "expires_on",
];

/// Writes the action list as CSV (`LIST_COLUMNS`, blank where none).
pub fn write_list_csv<W: std::io::Write>(
    out: &mut crate::export::CsvOut<W>,
    rows: &[Obligation],
) -> Result<()> {
    use crate::export::Cell;
    out.header(&LIST_COLUMNS)?;
    for o in rows {
        out.row(&[
            Cell::text(&o.employee_id),
            Cell::text(&o.full_name),
            Cell::text(&o.role),
            Cell::text(&o.department),
            Cell::opt_text(o.manager_id.as_deref()),
            Cell::text(&o.requirement_id),
            Cell::text(o.status.as_str()),
            Cell::text(&o.due_on),
            Cell::opt_text(o.last_completed_on.as_deref()),
            Cell::opt_text(o.expires_on.as_deref()),
        ])?;
    }
    Ok(())
}
