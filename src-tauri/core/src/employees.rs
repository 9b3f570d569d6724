//! Queries over the `employees` table: the paged list, one employee, create, update,
//! (de)activate. Employees are never deleted: they are deactivated, so history stays whole.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Entity, Lookup};
use crate::db::{is_constraint, Db};
use crate::domain::{format_date, Employee, EmployeeInput, ValidEmployee};
use crate::error::{Error, FieldProblem, Result};

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// The column list every employee query selects, in [`from_row`]'s order.
const COLUMNS: &str = "e.employee_id, e.full_name, e.email, e.role, e.department, e.manager_id, \
     m.full_name, e.birth_year, e.hire_date, e.location, e.active, e.completion_count, e.left_on";

const FROM: &str = "employees e LEFT JOIN employees m ON m.employee_id = e.manager_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Employee> {
    Ok(Employee {
        employee_id: row.get(0)?,
        full_name: row.get(1)?,
        email: row.get(2)?,
        role: row.get(3)?,
        department: row.get(4)?,
        manager_id: row.get(5)?,
        manager_name: row.get(6)?,
        birth_year: row.get(7)?,
        hire_date: row.get(8)?,
        location: row.get(9)?,
        active: row.get(10)?,
        completions: row.get(11)?,
        left_on: row.get(12)?,
    })
}

/// Columns the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EmployeeSort {
    EmployeeId,
    #[default]
    FullName,
    Role,
    Department,
    Location,
    HireDate,
    Completions,
}

impl EmployeeSort {
    /// The ORDER BY expression; a closed set, so user input never reaches the SQL text.
    fn sql(self) -> &'static str {
        match self {
            EmployeeSort::EmployeeId => "e.employee_id",
            EmployeeSort::FullName => "e.full_name COLLATE NOCASE",
            EmployeeSort::Role => "e.role",
            EmployeeSort::Department => "e.department",
            EmployeeSort::Location => "e.location",
            EmployeeSort::HireDate => "e.hire_date",
            // Kept by triggers (migration 3) and indexed with employee_id, the tiebreak.
            EmployeeSort::Completions => "e.completion_count",
        }
    }
}

/// What the employee list shows: a filter, a sort and a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EmployeeQuery {
    /// Matches name, employee id or email, anywhere, ignoring case.
    pub search: Option<String>,
    pub department: Option<String>,
    pub role: Option<String>,
    /// Everyone below this manager, at any depth (not the manager).
    pub manager_id: Option<String>,
    pub include_inactive: bool,
    pub sort: EmployeeSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for EmployeeQuery {
    fn default() -> Self {
        EmployeeQuery {
            search: None,
            department: None,
            role: None,
            manager_id: None,
            include_inactive: false,
            sort: EmployeeSort::FullName,
            descending: false,
            offset: 0,
            limit: 50,
        }
    }
}

/// One page of the list and the number of employees matching the filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EmployeePage {
    pub rows: Vec<Employee>,
    #[ts(type = "number")]
    pub total: i64,
}

/// Escapes LIKE wildcards so a search for "50%" finds the text "50%".
fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The recursive set of everyone below a manager, as an `IN (...)` subquery over employee_id.
pub(crate) const SUBTREE_SQL: &str = "(WITH RECURSIVE team (eid) AS ( \
        SELECT employee_id FROM employees WHERE manager_id = ? \
        UNION SELECT x.employee_id FROM employees x JOIN team ON x.manager_id = team.eid) \
     SELECT eid FROM team)";

/// The paged, filtered, sorted list. Filtering, counting and paging happen in SQL, so a
/// page costs the same at 100 or 100,000 employees.
pub fn list(conn: &Connection, query: &EmployeeQuery) -> Result<EmployeePage> {
    list_with(conn, query, PAGE_FROM_MATCHES)
}

/// Every employee_id the list's filter matches, sorted (the cohort dialog's "Select all N
/// matching": the whole match, not the pages loaded so far). Sort and paging are ignored.
pub fn ids(conn: &Connection, query: &EmployeeQuery) -> Result<Vec<String>> {
    let filter = Filter::of(query);
    let mut stmt = conn.prepare(&format!(
        "SELECT e.employee_id FROM employees e {} ORDER BY e.employee_id",
        filter.sql
    ))?;
    let rows = stmt.query_map(
        rusqlite::params_from_iter(filter.args.iter().map(|a| a.as_ref())),
        |r| r.get::<_, String>(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A search with at most this many matches takes its page from the matches its count found.
const PAGE_FROM_MATCHES: usize = 5_000;

/// The list's filter as SQL (`WHERE …`, or nothing) and its parameters, in order.
struct Filter {
    sql: String,
    args: Vec<Box<dyn ToSql>>,
    /// Whether it has a search: LIKE '%…%' has no index, so counting reads every row.
    searching: bool,
}

impl Filter {
    fn of(query: &EmployeeQuery) -> Filter {
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if !query.include_inactive {
            clauses.push("e.active = 1".into());
        }
        let search_pattern = non_blank(&query.search).map(like_pattern);
        let searching = search_pattern.is_some();
        if let Some(pattern) = search_pattern {
            clauses.push(
                "(e.full_name LIKE ? ESCAPE '\\' OR e.employee_id LIKE ? ESCAPE '\\' OR e.email LIKE ? ESCAPE '\\')"
                    .into(),
            );
            args.push(Box::new(pattern.clone()));
            args.push(Box::new(pattern.clone()));
            args.push(Box::new(pattern));
        }
        if let Some(department) = non_blank(&query.department) {
            clauses.push("e.department = ?".into());
            args.push(Box::new(department.to_string()));
        }
        if let Some(role) = non_blank(&query.role) {
            clauses.push("e.role = ?".into());
            args.push(Box::new(role.to_string()));
        }
        if let Some(manager) = non_blank(&query.manager_id) {
            clauses.push(format!("e.employee_id IN {SUBTREE_SQL}"));
            args.push(Box::new(manager.to_string()));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        Filter {
            sql,
            args,
            searching,
        }
    }
}

/// How a page of the list is read, decided from the page asked for and the number of
/// matching employees alone (pure, so every way is unit-tested without a database).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PagePlan {
    /// The page starts at or past the end: nothing to read.
    Empty,
    /// A search with few matches: the page is sorted and cut from the matches' row ids,
    /// which its count already found, instead of a second scan.
    FromMatches { limit: i64, offset: i64 },
    /// Read through the filtered table. A page past the middle is read from the other end in
    /// the reverse order (`reverse`, skipping `skip` from that end; the employee_id tiebreak
    /// makes the order total, so reversing it is exact): the last page is then as cheap as
    /// the first, and no page sorts more than half the list. A page within the first tenth
    /// (from the end it is read from) is found by walking an index on the sort column
    /// (`walk`: a row lookup per employee passed over, but it stops at the page); otherwise
    /// the table is scanned and the best rows kept, which costs the same wherever the page is.
    Read {
        reverse: bool,
        skip: i64,
        limit: i64,
        walk: bool,
    },
}

impl PagePlan {
    /// The plan for rows `offset..offset + limit` of `total`; `matches` is the number of a
    /// search's matches, when the count kept them, and `page_from_matches` the most of them
    /// a page is cut from.
    fn new(
        offset: u32,
        limit: u32,
        total: i64,
        matches: Option<usize>,
        page_from_matches: usize,
    ) -> PagePlan {
        let offset = i64::from(offset);
        let end = (offset + i64::from(limit)).min(total);
        if offset >= end {
            return PagePlan::Empty;
        }
        let limit = end - offset;
        if matches.is_some_and(|n| n <= page_from_matches) {
            return PagePlan::FromMatches { limit, offset };
        }
        let (reverse, skip) = if total - end < offset {
            (true, total - end)
        } else {
            (false, offset)
        };
        let walk = (skip + limit).saturating_mul(INDEX_WALK_SHARE) <= total;
        PagePlan::Read {
            reverse,
            skip,
            limit,
            walk,
        }
    }
}

/// `ORDER BY` terms for `sort`, read `descending` (flipped when `reverse`), with the
/// employee_id tiebreak. Without `walk`, `+` keeps SQLite from walking an index row by row
/// through most of the table.
fn order_by(sort: EmployeeSort, descending: bool, reverse: bool, walk: bool) -> String {
    let direction = if descending != reverse { "DESC" } else { "ASC" };
    format!(
        "{}{} {direction}, e.employee_id {direction}",
        if walk { "" } else { "+" },
        sort.sql()
    )
}

/// [`list`] with the bound under which a search's page comes from its matches (tests lower it
/// to cover both ways).
fn list_with(
    conn: &Connection,
    query: &EmployeeQuery,
    page_from_matches: usize,
) -> Result<EmployeePage> {
    if query.limit == 0 || query.limit > MAX_PAGE {
        return Err(Error::invalid(
            "limit",
            format!("a page holds 1 to {MAX_PAGE} rows"),
        ));
    }
    let filter = Filter::of(query);
    let arg_refs: Vec<&dyn ToSql> = filter.args.iter().map(|a| a.as_ref()).collect();

    // A search's count keeps what it found, the ids of the matches; without a search the
    // count reads an index and is cheap.
    let matches: Option<Vec<i64>> = if filter.searching {
        let mut stmt = conn.prepare(&format!("SELECT e.id FROM employees e {}", filter.sql))?;
        let ids = stmt
            .query_map(arg_refs.as_slice(), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Some(ids)
    } else {
        None
    };
    let total: i64 = match &matches {
        Some(ids) => ids.len() as i64,
        None => conn.query_row(
            &format!("SELECT count(*) FROM employees e {}", filter.sql),
            arg_refs.as_slice(),
            |r| r.get(0),
        )?,
    };

    let plan = PagePlan::new(
        query.offset,
        query.limit,
        total,
        matches.as_ref().map(Vec::len),
        page_from_matches,
    );
    let rows = match plan {
        PagePlan::Empty => Vec::new(),
        PagePlan::FromMatches { limit, offset } => {
            // The matches by row id (a JSON array: one parameter whatever their number).
            let ids = matches.unwrap_or_default();
            let ids = format!(
                "[{}]",
                ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
            );
            let sql = format!(
                "SELECT {COLUMNS} FROM {FROM} \
                 WHERE e.id IN (SELECT value FROM json_each(?1)) \
                 ORDER BY {} LIMIT ?2 OFFSET ?3",
                order_by(query.sort, query.descending, false, false)
            );
            conn.prepare(&sql)?
                .query_map(params![ids, limit, offset], from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        PagePlan::Read {
            reverse,
            skip,
            limit,
            walk,
        } => {
            // Which employees are on the page, by row id, found with the sort columns alone;
            // only they get the columns shown (the manager's name, the count of completions).
            let sql = format!(
                "SELECT {COLUMNS} FROM \
                   (SELECT e.id FROM employees e {} ORDER BY {} LIMIT ? OFFSET ?) page \
                 JOIN employees e ON e.id = page.id \
                 LEFT JOIN employees m ON m.employee_id = e.manager_id \
                 ORDER BY {}",
                filter.sql,
                order_by(query.sort, query.descending, reverse, walk),
                order_by(query.sort, query.descending, false, true)
            );
            let mut page_args = arg_refs;
            page_args.push(&limit);
            page_args.push(&skip);
            conn.prepare(&sql)?
                .query_map(page_args.as_slice(), from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
    };
    Ok(EmployeePage { rows, total })
}

/// A page is found by an index walk when it ends within 1 / this of the matching employees:
/// a row lookup costs about ten times a row of a scan.
const INDEX_WALK_SHARE: i64 = 10;

fn non_blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// One employee by HR id.
pub fn get(conn: &Connection, employee_id: &str) -> Result<Employee> {
    find(conn, employee_id)?
        .ok_or_else(|| Error::NotFound(format!("there is no employee with id '{employee_id}'")))
}

/// One employee by HR id, or None.
pub fn find(conn: &Connection, employee_id: &str) -> Result<Option<Employee>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM {FROM} WHERE e.employee_id = ?"),
            params![employee_id.trim()],
            from_row,
        )
        .optional()?)
}

/// Whether an employee with this id exists.
pub fn exists(conn: &Connection, employee_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM employees WHERE employee_id = ?",
            params![employee_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Whether making `manager_id` the manager of `employee_id` would close a loop: walks up the
/// chain from the proposed manager looking for the employee.
pub fn would_cycle(conn: &Connection, employee_id: &str, manager_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "WITH RECURSIVE chain (eid) AS ( \
                 SELECT ?1 \
                 UNION SELECT e.manager_id FROM employees e JOIN chain ON e.employee_id = chain.eid \
                 WHERE e.manager_id IS NOT NULL) \
             SELECT 1 FROM chain WHERE eid = ?2",
            params![manager_id, employee_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The checks that need the database: the manager exists and no loop is made.
fn check_manager(conn: &Connection, e: &ValidEmployee) -> Result<()> {
    if let Some(manager) = &e.manager_id {
        if !exists(conn, manager)? {
            return Err(Error::Invalid(vec![FieldProblem::new(
                "manager_id",
                format!("there is no employee with id '{manager}'"),
            )]));
        }
        if would_cycle(conn, &e.employee_id, manager)? {
            return Err(Error::Invalid(vec![FieldProblem::new(
                "manager_id",
                format!(
                    "'{manager}' reports to '{}' (directly or further up): that would make a loop",
                    e.employee_id
                ),
            )]));
        }
    }
    Ok(())
}

/// Inserts a validated employee. The caller owns the transaction.
pub(crate) fn insert(conn: &Connection, e: &ValidEmployee) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO employees (employee_id, full_name, email, role, department, manager_id, \
             birth_year, hire_date, location, active, left_on) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        e.employee_id,
        e.full_name,
        e.email,
        e.role,
        e.department,
        e.manager_id,
        e.birth_year,
        e.hire_date.map(format_date),
        e.location,
        e.active,
        e.left_on.map(format_date),
    ])
    .map_err(|err| {
        if is_constraint(&err, rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE) {
            Error::Invalid(vec![FieldProblem::new(
                "employee_id",
                format!("an employee with id '{}' already exists", e.employee_id),
            )])
        } else {
            err.into()
        }
    })?;
    Ok(())
}

/// Updates every field of an existing employee but its id. Returns the rows changed (0 or 1).
pub(crate) fn update_row(conn: &Connection, e: &ValidEmployee) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE employees SET full_name = ?, email = ?, role = ?, department = ?, \
                 manager_id = ?, birth_year = ?, hire_date = ?, location = ?, active = ?, \
                 left_on = ? \
             WHERE employee_id = ?",
        )?
        .execute(params![
            e.full_name,
            e.email,
            e.role,
            e.department,
            e.manager_id,
            e.birth_year,
            e.hire_date.map(format_date),
            e.location,
            e.active,
            e.left_on.map(format_date),
            e.employee_id,
        ])?)
}

/// Which optional columns an import file carries. An update writes only these (and the
/// required ones): a column the file lacks is left as it is. `manager_id` is set separately,
/// by [`set_manager`], after every row is written.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EmployeeColumns {
    pub email: bool,
    pub birth_year: bool,
    pub hire_date: bool,
    pub location: bool,
    pub active: bool,
    pub left_on: bool,
}

/// Every employee's HR id and manager, in one scan.
pub(crate) fn for_each_manager(
    conn: &Connection,
    mut f: impl FnMut(&str, Option<&str>),
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT employee_id, manager_id FROM employees")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let manager = row
            .get_ref(1)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?;
        f(id, manager);
    }
    Ok(())
}

/// Every employee's row id and HR id, in one scan.
pub(crate) fn for_each_ref(conn: &Connection, mut f: impl FnMut(i64, &str)) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, employee_id FROM employees")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id = row.get(0)?;
        f(id, row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
    }
    Ok(())
}

/// Every employee's HR id, e-mail and full name, in one scan: what an import matches
/// references given as an e-mail or a name against.
pub(crate) fn for_each_identity(
    conn: &Connection,
    mut f: impl FnMut(&str, Option<&str>, &str),
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT employee_id, email, full_name FROM employees")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let email = row
            .get_ref(1)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?;
        let name = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        f(id, email, name);
    }
    Ok(())
}

/// For bulk loads (the import): the per-row loop check on insert set aside, and the same
/// rule checked once, over the whole table, before the load ends.
///
/// The `employees_no_cycle_insert` trigger walks up each new row's manager chain with a
/// recursive query, and because a trigger could abort a statement half-way, SQLite also
/// journals every inserted row's pages: a cost per row that dominates a large import.
/// [`BulkInsert::finish`] refuses every loop in one pass instead (from the tops
/// of the tree down: whoever is not reached is on a loop or below one), then puts the
/// trigger back. Must run inside the caller's transaction, which must be rolled back if
/// anything fails (that also brings the trigger back).
#[derive(Debug)]
pub(crate) struct BulkInsert {
    trigger: String,
}

impl BulkInsert {
    pub fn begin(conn: &Connection) -> Result<BulkInsert> {
        if conn.is_autocommit() {
            return Err(Error::Internal(
                "employees::BulkInsert runs inside a transaction".into(),
            ));
        }
        let trigger: String = conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'employees_no_cycle_insert'",
            [],
            |r| r.get(0),
        )?;
        conn.execute_batch("DROP TRIGGER employees_no_cycle_insert")?;
        Ok(BulkInsert { trigger })
    }

    /// Refuses the load if the table has a reporting loop, then puts the trigger back.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        // Walks down from the tops and counts who is not reached. Each employee has one
        // manager, so the walk reaches everyone not on or below a loop exactly once. First
        // from those without a manager; if someone is left, again from those whose manager
        // is not (yet) an employee too (the deferred foreign key refuses those at commit):
        // who is still left is in or below a loop.
        let unreached = |dangling: &str| -> Result<i64> {
            Ok(conn.query_row(
                &format!(
                    "WITH RECURSIVE reached (eid) AS ( \
                         SELECT e.employee_id FROM employees e WHERE e.manager_id IS NULL{dangling} \
                         UNION ALL \
                         SELECT e.employee_id FROM reached JOIN employees e ON e.manager_id = reached.eid) \
                     SELECT (SELECT count(*) FROM employees) - (SELECT count(*) FROM reached)"
                ),
                [],
                |r| r.get(0),
            )?)
        };
        let mut in_loops = unreached("")?;
        if in_loops != 0 {
            in_loops = unreached(
                " OR NOT EXISTS (SELECT 1 FROM employees m WHERE m.employee_id = e.manager_id)",
            )?;
        }
        if in_loops != 0 {
            return Err(Error::Internal(format!(
                "the load would leave {in_loops} employees in or below a reporting loop; nothing was saved"
            )));
        }
        conn.execute_batch(&self.trigger)?;
        Ok(())
    }
}

/// Updates an existing employee's required columns and those `columns` names (not
/// manager_id) if any value differs. Returns whether the row changed.
pub(crate) fn update_changed(
    conn: &Connection,
    e: &ValidEmployee,
    columns: &EmployeeColumns,
) -> Result<bool> {
    let hire_date = e.hire_date.map(format_date);
    let mut values: Vec<(&str, &dyn ToSql)> = vec![
        ("full_name", &e.full_name),
        ("role", &e.role),
        ("department", &e.department),
    ];
    if columns.email {
        values.push(("email", &e.email));
    }
    if columns.birth_year {
        values.push(("birth_year", &e.birth_year));
    }
    if columns.hire_date {
        values.push(("hire_date", &hire_date));
    }
    if columns.location {
        values.push(("location", &e.location));
    }
    let left_on = e.left_on.map(format_date);
    if columns.left_on {
        values.push(("left_on", &left_on));
    }
    // A leaving date on or before the day of the import makes the person inactive even in a
    // file with no `active` column; an empty one never reactivates anybody by itself.
    if columns.active || (columns.left_on && !e.active && e.left_on.is_some()) {
        values.push(("active", &e.active));
    }
    let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
    let sql = crate::db::update_if_changed_sql("employees", "employee_id", &names);
    let mut params: Vec<&dyn ToSql> = values.iter().map(|(_, value)| *value).collect();
    params.push(&e.employee_id);
    Ok(conn.prepare_cached(&sql)?.execute(params.as_slice())? > 0)
}

/// Sets (or clears) an employee's manager. The caller checked the manager and loops; the
/// schema's triggers refuse a loop all the same.
pub(crate) fn set_manager(
    conn: &Connection,
    employee_id: &str,
    manager_id: Option<&str>,
) -> Result<()> {
    conn.prepare_cached("UPDATE employees SET manager_id = ? WHERE employee_id = ?")?
        .execute(params![manager_id, employee_id])?;
    Ok(())
}

/// Adds a new employee.
pub fn create(db: &mut Db, input: &EmployeeInput, today: NaiveDate) -> Result<Employee> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        if exists(tx, &valid.employee_id)? {
            return Err(Error::invalid(
                "employee_id",
                format!("an employee with id '{}' already exists", valid.employee_id),
            ));
        }
        check_manager(tx, &valid)?;
        insert(tx, &valid)?;
        trail.changed(tx, Entity::Employees, Lookup::Id(&valid.employee_id), None)?;
        get(tx, &valid.employee_id)
    })
}

/// Changes an existing employee; `input.employee_id` names it and cannot change.
pub fn update(db: &mut Db, input: &EmployeeInput, today: NaiveDate) -> Result<Employee> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(&valid.employee_id);
        let Some(before) = audit::snapshot(tx, Entity::Employees, lookup)? else {
            return Err(Error::NotFound(format!(
                "there is no employee with id '{}'",
                valid.employee_id
            )));
        };
        check_manager(tx, &valid)?;
        update_row(tx, &valid)?;
        trail.changed(tx, Entity::Employees, lookup, Some(before))?;
        get(tx, &valid.employee_id)
    })
}

/// Deactivates (or reactivates) an employee. Their history is kept.
pub fn set_active(db: &mut Db, employee_id: &str, active: bool) -> Result<Employee> {
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(employee_id);
        let before = audit::snapshot(tx, Entity::Employees, lookup)?;
        let changed = tx.execute(
            "UPDATE employees SET active = ? WHERE employee_id = ?",
            params![active, employee_id],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!(
                "there is no employee with id '{employee_id}'"
            )));
        }
        trail.changed(tx, Entity::Employees, lookup, before)?;
        get(tx, employee_id)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Rows 0..50 of 1,000: the first page walks the sort index from the front.
    #[test]
    fn page_plan_reads_an_early_page_by_walking_the_index() {
        let plan = PagePlan::new(0, 50, 1_000, None, 5_000);
        let expected = PagePlan::Read {
            reverse: false,
            skip: 0,
            limit: 50,
            walk: true,
        };
        assert_eq!(plan, expected);
    }

    #[test]
    fn page_plan_reads_a_late_page_from_the_other_end() {
        // Rows 950..1000: 0 from the end, so the same cost as the first page.
        let last = PagePlan::new(950, 50, 1_000, None, 5_000);
        let expected = PagePlan::Read {
            reverse: true,
            skip: 0,
            limit: 50,
            walk: true,
        };
        assert_eq!(last, expected);
        // A last page cut short by the end: only the rows that are there.
        let short = PagePlan::new(980, 50, 1_000, None, 5_000);
        let expected = PagePlan::Read {
            reverse: true,
            skip: 0,
            limit: 20,
            walk: true,
        };
        assert_eq!(short, expected);
    }

    #[test]
    fn page_plan_scans_for_a_page_in_the_middle() {
        // Rows 400..450 end past a tenth from either end: scan, from the front (before the
        // middle) or from the back (after it).
        let front = PagePlan::new(400, 50, 1_000, None, 5_000);
        let expected = PagePlan::Read {
            reverse: false,
            skip: 400,
            limit: 50,
            walk: false,
        };
        assert_eq!(front, expected);
        let back = PagePlan::new(550, 50, 1_000, None, 5_000);
        let expected = PagePlan::Read {
            reverse: true,
            skip: 400,
            limit: 50,
            walk: false,
        };
        assert_eq!(back, expected);
        // The walk's bound is inclusive: a page ending exactly at a tenth still walks.
        let bound = PagePlan::new(50, 50, 1_000, None, 5_000);
        assert!(
            matches!(bound, PagePlan::Read { walk: true, .. }),
            "{bound:?}"
        );
        let past = PagePlan::new(51, 50, 1_000, None, 5_000);
        assert!(
            matches!(past, PagePlan::Read { walk: false, .. }),
            "{past:?}"
        );
    }

    #[test]
    fn page_plan_cuts_a_search_page_from_few_matches_only() {
        let few = PagePlan::new(10, 50, 30, Some(30), 5_000);
        let expected = PagePlan::FromMatches {
            limit: 20,
            offset: 10,
        };
        assert_eq!(few, expected);
        let many = PagePlan::new(10, 50, 30, Some(30), 29);
        assert!(matches!(many, PagePlan::Read { .. }), "{many:?}");
    }

    #[test]
    fn page_plan_is_empty_at_or_past_the_end() {
        assert_eq!(
            PagePlan::new(1_000, 50, 1_000, None, 5_000),
            PagePlan::Empty
        );
        assert_eq!(PagePlan::new(0, 50, 0, Some(0), 5_000), PagePlan::Empty);
    }

    #[test]
    fn order_by_flips_for_a_reverse_read_and_marks_scans() {
        let order = order_by(EmployeeSort::Department, true, false, true);
        assert_eq!(order, "e.department DESC, e.employee_id DESC");
        let order = order_by(EmployeeSort::Department, true, true, false);
        assert_eq!(order, "+e.department ASC, e.employee_id ASC");
    }

    pub(crate) use crate::testing::today;

    pub fn input(id: &str, name: &str, manager: Option<&str>) -> EmployeeInput {
        EmployeeInput {
            employee_id: id.into(),
            full_name: name.into(),
            email: None,
            role: "Engineer".into(),
            department: "Data".into(),
            manager_id: manager.map(str::to_string),
            birth_year: Some(1990),
            hire_date: Some("2020-01-15".into()),
            location: Some("Berlin".into()),
            active: true,
            left_on: None,
        }
    }

    fn ids(page: &EmployeePage) -> Vec<&str> {
        page.rows.iter().map(|e| e.employee_id.as_str()).collect()
    }

    /// "Select all N matching" takes exactly the people the list shows for the same filter.
    #[test]
    fn ids_are_the_whole_match_of_the_lists_filter() {
        let mut db = Db::open_in_memory().unwrap();
        create(&mut db, &input("M1", "Grace Hopper", None), today()).unwrap();
        for (id, name, department, manager) in [
            ("E3", "Ada Lovelace", "Data", Some("M1")),
            ("E1", "Alan Turing", "Sales", Some("E3")),
            ("E2", "Adam Smith", "Sales", None),
            ("E4", "Edsger Dijkstra", "Data", Some("M1")),
        ] {
            let mut e = input(id, name, manager);
            e.department = department.into();
            create(&mut db, &e, today()).unwrap();
        }
        set_active(&mut db, "E4", false).unwrap();
        let queries = [
            EmployeeQuery::default(),
            EmployeeQuery {
                department: Some("Sales".into()),
                ..EmployeeQuery::default()
            },
            EmployeeQuery {
                manager_id: Some("M1".into()),
                include_inactive: true,
                ..EmployeeQuery::default()
            },
            EmployeeQuery {
                search: Some("ad".into()),
                ..EmployeeQuery::default()
            },
        ];
        for q in queries {
            let mut listed: Vec<String> = list(
                db.conn(),
                &EmployeeQuery {
                    limit: 500,
                    ..q.clone()
                },
            )
            .unwrap()
            .rows
            .into_iter()
            .map(|e| e.employee_id)
            .collect();
            listed.sort();
            assert_eq!(super::ids(db.conn(), &q).unwrap(), listed, "{q:?}");
        }
    }

    #[test]
    fn create_get_update_deactivate() {
        let mut db = Db::open_in_memory().unwrap();
        create(&mut db, &input("M1", "Grace Hopper", None), today()).unwrap();
        let e = create(&mut db, &input("E1", "Ada Lovelace", Some("M1")), today()).unwrap();
        assert_eq!(e.manager_name.as_deref(), Some("Grace Hopper"));
        assert_eq!(e.hire_date.as_deref(), Some("2020-01-15"));

        let mut changed = input("E1", "Ada King", Some("M1"));
        changed.role = "Lead".into();
        let e = update(&mut db, &changed, today()).unwrap();
        assert_eq!(
            (e.full_name.as_str(), e.role.as_str()),
            ("Ada King", "Lead")
        );

        let e = set_active(&mut db, "E1", false).unwrap();
        assert!(!e.active);
        let page = list(db.conn(), &EmployeeQuery::default()).unwrap();
        assert_eq!(ids(&page), vec!["M1"]);
        let all = list(
            db.conn(),
            &EmployeeQuery {
                include_inactive: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(all.total, 2);
    }

    #[test]
    fn duplicate_id_unknown_manager_and_cycles_are_field_errors() {
        let mut db = Db::open_in_memory().unwrap();
        create(&mut db, &input("A", "A", None), today()).unwrap();
        create(&mut db, &input("B", "B", Some("A")), today()).unwrap();
        create(&mut db, &input("C", "C", Some("B")), today()).unwrap();

        let err = create(&mut db, &input("A", "Again", None), today()).unwrap_err();
        assert_eq!(err.fields()[0].field, "employee_id");
        let err = create(&mut db, &input("D", "D", Some("ZZ")), today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "manager_id: there is no employee with id 'ZZ'"
        );
        // A -> C would close A <- B <- C.
        let err = update(&mut db, &input("A", "A", Some("C")), today()).unwrap_err();
        assert!(err.to_string().contains("would make a loop"), "{err}");
        assert_eq!(get(db.conn(), "A").unwrap().manager_id, None);
    }

    #[test]
    fn schema_refuses_cycles_even_without_rust_checks() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        conn.execute_batch(
            "INSERT INTO employees (employee_id, full_name, role, department) VALUES ('A','A','r','d');
             INSERT INTO employees (employee_id, full_name, role, department, manager_id) VALUES ('B','B','r','d','A');",
        )
        .unwrap();
        let err = conn
            .execute(
                "UPDATE employees SET manager_id = 'B' WHERE employee_id = 'A'",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("manager cycle"), "{err}");
        let err = conn
            .execute(
                "UPDATE employees SET employee_id = 'Z' WHERE employee_id = 'A'",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("cannot change"), "{err}");
        let err = conn
            .execute(
                "INSERT INTO employees (employee_id, full_name, role, department, hire_date) VALUES ('C','C','r','d','2021-02-30')",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{err}");
    }

    #[test]
    fn list_searches_sorts_pages_and_filters_subtrees() {
        let mut db = Db::open_in_memory().unwrap();
        create(&mut db, &input("M", "Zed Boss", None), today()).unwrap();
        create(&mut db, &input("L", "Lena Lead", Some("M")), today()).unwrap();
        for (id, name) in [("E1", "Bea 50% Done"), ("E2", "Cal"), ("E3", "Abe")] {
            create(&mut db, &input(id, name, Some("L")), today()).unwrap();
        }
        let q = EmployeeQuery {
            limit: 2,
            ..Default::default()
        };
        let page = list(db.conn(), &q).unwrap();
        assert_eq!((ids(&page), page.total), (vec!["E3", "E1"], 5));
        let page = list(
            db.conn(),
            &EmployeeQuery {
                offset: 2,
                ..q.clone()
            },
        )
        .unwrap();
        assert_eq!(ids(&page), vec!["E2", "L"]);
        let page = list(
            db.conn(),
            &EmployeeQuery {
                descending: true,
                sort: EmployeeSort::EmployeeId,
                ..q.clone()
            },
        )
        .unwrap();
        assert_eq!(ids(&page), vec!["M", "L"]);

        let search = |s: &str| {
            list(
                db.conn(),
                &EmployeeQuery {
                    search: Some(s.into()),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        assert_eq!(ids(&search("50%")), vec!["E1"]);
        assert_eq!(ids(&search("e2")), vec!["E2"]);
        assert_eq!(search("5_").total, 0);

        let team = list(
            db.conn(),
            &EmployeeQuery {
                manager_id: Some("M".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(ids(&team), vec!["E3", "E1", "E2", "L"]);
        let err = list(
            db.conn(),
            &EmployeeQuery {
                limit: 0,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.fields()[0].field, "limit");
    }

    /// Every page of every sort, both ways, with and without a search, read one page at a
    /// time (from the start, from the end, by an index walk or by a scan), is the list in
    /// the order one plain query gives.
    #[test]
    fn pages_from_either_end_make_up_the_whole_list() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        conn.execute_batch(
            "INSERT INTO programs (program_id, title, skill_area, format) VALUES ('P', 'T', 'A', 'other');",
        )
        .unwrap();
        let names = ["ada", "Ben", "cal", "Ada", "BEN"];
        for i in 0..240u32 {
            conn.execute(
                "INSERT INTO employees (employee_id, full_name, role, department, location, hire_date, active) \
                 VALUES (?, ?, ?, 'D', ?, ?, ?)",
                params![
                    format!("E{:03}", (i * 7) % 240),
                    names[(i % 5) as usize],
                    format!("R{}", i % 3),
                    (i % 4 != 0).then(|| format!("L{}", i % 6)),
                    (i % 9 != 0).then(|| format!("20{:02}-01-01", 10 + i % 11)),
                    i % 13 != 0,
                ],
            )
            .unwrap();
            for day in 0..(i % 4) {
                conn.execute(
                    "INSERT INTO completions (employee_ref, program_ref, completed_on) VALUES (?, 1, ?)",
                    params![i + 1, format!("2025-01-{:02}", day + 1)],
                )
                .unwrap();
            }
        }
        let sorts = [
            EmployeeSort::EmployeeId,
            EmployeeSort::FullName,
            EmployeeSort::Role,
            EmployeeSort::Department,
            EmployeeSort::Location,
            EmployeeSort::HireDate,
            EmployeeSort::Completions,
        ];
        for sort in sorts {
            for descending in [false, true] {
                for search in [None, Some("a"), Some("E01")] {
                    let query = EmployeeQuery {
                        search: search.map(str::to_string),
                        sort,
                        descending,
                        limit: 7,
                        ..Default::default()
                    };
                    let direction = if descending { "DESC" } else { "ASC" };
                    // The count as the completions say it, not the kept column under test.
                    let key = match sort {
                        EmployeeSort::Completions => {
                            "(SELECT count(*) FROM completions c WHERE c.employee_ref = e.id)"
                        }
                        other => other.sql(),
                    };
                    let pattern = search.map(like_pattern);
                    let want: Vec<String> = conn
                        .prepare(&format!(
                            "SELECT e.employee_id FROM employees e WHERE e.active = 1 \
                             AND (?1 IS NULL OR e.full_name LIKE ?1 ESCAPE '\\' \
                                  OR e.employee_id LIKE ?1 ESCAPE '\\' OR e.email LIKE ?1 ESCAPE '\\') \
                             ORDER BY {key} {direction}, e.employee_id {direction}"
                        ))
                        .unwrap()
                        .query_map(params![pattern], |r| r.get(0))
                        .unwrap()
                        .collect::<rusqlite::Result<_>>()
                        .unwrap();
                    // A search's page from its matches, and from the SQL paging (no matches kept).
                    for page_from_matches in [PAGE_FROM_MATCHES, 0] {
                        let mut got = Vec::new();
                        let mut offset = 0;
                        loop {
                            let page = list_with(
                                conn,
                                &EmployeeQuery {
                                    offset,
                                    ..query.clone()
                                },
                                page_from_matches,
                            )
                            .unwrap();
                            assert_eq!(page.total as usize, want.len());
                            if page.rows.is_empty() {
                                break;
                            }
                            got.extend(page.rows.into_iter().map(|e| e.employee_id));
                            offset += 7;
                        }
                        assert_eq!(
                            got, want,
                            "{sort:?} {direction} {search:?} page_from_matches={page_from_matches}"
                        );
                    }
                }
            }
        }
    }

    fn loop_trigger(conn: &Connection) -> bool {
        conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'employees_no_cycle_insert'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
            == 1
    }

    #[test]
    fn bulk_insert_refuses_loops_once_and_puts_the_trigger_back() {
        let mut db = Db::open_in_memory().unwrap();
        let add = |conn: &Connection, id: &str, manager: Option<&str>| {
            conn.execute(
                "INSERT INTO employees (employee_id, full_name, role, department, manager_id) \
                 VALUES (?, 'N', 'R', 'D', ?)",
                params![id, manager],
            )
            .map(|_| ())
        };
        // A tree, written in any order (a manager on a later row): fine.
        db.with_tx(|tx| {
            let bulk = BulkInsert::begin(tx)?;
            assert!(!loop_trigger(tx));
            add(tx, "B", Some("A"))?;
            add(tx, "A", None)?;
            add(tx, "C", Some("B"))?;
            bulk.finish(tx)
        })
        .unwrap();
        assert!(loop_trigger(db.conn()));
        // A loop that the trigger would have refused row by row: refused at the end, and
        // nothing is left of the load.
        let err = db
            .with_tx(|tx| {
                let bulk = BulkInsert::begin(tx)?;
                add(tx, "X", Some("Y"))?;
                add(tx, "Y", Some("Z"))?;
                add(tx, "Z", Some("X"))?;
                add(tx, "W", Some("Z"))?;
                bulk.finish(tx)
            })
            .unwrap_err();
        assert!(err.to_string().contains("4 employees"), "{err}");
        assert!(loop_trigger(db.conn()));
        assert!(!exists(db.conn(), "X").unwrap());
        // A manager that is nobody is no loop: the foreign key refuses it at commit.
        let err = db
            .with_tx(|tx| {
                let bulk = BulkInsert::begin(tx)?;
                add(tx, "D", Some("NOBODY"))?;
                bulk.finish(tx)
            })
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        assert!(loop_trigger(db.conn()));
        assert!(
            BulkInsert::begin(db.conn()).is_err(),
            "outside a transaction"
        );
    }
}
