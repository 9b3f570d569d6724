//! The queries behind the desktop's employee list and dashboard, timed in-process through
//! upskill_core on one open connection, as the app runs them.

use std::path::Path;

use chrono::NaiveDate;
use upskill_core::db::Db;
use upskill_core::employees::{self, EmployeeQuery, EmployeeSort};
use upskill_core::report::{self, DashboardQuery};
use upskill_core::stats;

use crate::measure::{self, Result, Stats};

/// One query: its name and whether the employee-list bar (< 50 ms) or the report bar applies.
pub struct Timed {
    pub name: String,
    pub list: bool,
    pub stats: Stats,
    /// What the query returned (rows or groups), to show it did the work.
    pub rows: usize,
}

fn list(sort: EmployeeSort, descending: bool, search: Option<&str>, offset: u32) -> EmployeeQuery {
    EmployeeQuery {
        search: search.map(str::to_string),
        sort,
        descending,
        offset,
        ..EmployeeQuery::default()
    }
}

/// Runs each query once to warm the connection, then `runs` times.
pub fn run(db_path: &Path, runs: usize, today: NaiveDate) -> Result<Vec<Timed>> {
    run_only(db_path, runs, today, "")
}

/// [`run`], only the queries whose name contains `only`.
pub fn run_only(db_path: &Path, runs: usize, today: NaiveDate, only: &str) -> Result<Vec<Timed>> {
    let db = Db::open(db_path)?;
    let conn = db.conn();
    let active: i64 =
        conn.query_row("SELECT count(*) FROM employees WHERE active = 1", [], |r| {
            r.get(0)
        })?;
    let last_page = u32::try_from((active.max(1) - 1) / 50 * 50).unwrap_or(0);
    let queries: Vec<(String, bool, EmployeeQuery)> = vec![
        (
            "employee list: first page (by name)".into(),
            true,
            EmployeeQuery::default(),
        ),
        (
            "employee list: search \"chen\"".into(),
            true,
            list(EmployeeSort::FullName, false, Some("chen"), 0),
        ),
        (
            "employee list: search \"E00001\" (part of an id)".into(),
            true,
            list(EmployeeSort::FullName, false, Some("E00001"), 0),
        ),
        (
            "employee list: sort by department".into(),
            true,
            list(EmployeeSort::Department, false, None, 0),
        ),
        (
            "employee list: sort by hire date (newest first)".into(),
            true,
            list(EmployeeSort::HireDate, true, None, 0),
        ),
        (
            "employee list: sort by completions (most first)".into(),
            true,
            list(EmployeeSort::Completions, true, None, 0),
        ),
        (
            "employee list: last page (by name)".into(),
            true,
            list(EmployeeSort::FullName, false, None, last_page),
        ),
    ];
    let mut out = Vec::new();
    for (name, is_list, query) in queries.into_iter().filter(|q| q.0.contains(only)) {
        let rows = employees::list(conn, &query)?.rows.len();
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let (ms, page) = measure::call(|| employees::list(conn, &query));
            page?;
            times.push(ms);
        }
        out.push(Timed {
            name,
            list: is_list,
            stats: Stats::of(&times),
            rows,
        });
    }
    if !"employee list: filter choices (facets)".contains(only)
        && !only.is_empty()
        && !"dashboard".contains(only)
    {
        return Ok(out);
    }
    let facets = stats::facets(conn)?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (ms, f) = measure::call(|| stats::facets(conn));
        f?;
        times.push(ms);
    }
    out.push(Timed {
        name: "employee list: filter choices (facets)".into(),
        list: true,
        stats: Stats::of(&times),
        rows: facets.departments.len() + facets.roles.len() + facets.locations.len(),
    });
    let query = DashboardQuery::default();
    let dashboard = report::dashboard(conn, &query, today)?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (ms, d) = measure::call(|| report::dashboard(conn, &query, today));
        d?;
        times.push(ms);
    }
    out.push(Timed {
        name: "dashboard (report::dashboard)".into(),
        list: false,
        stats: Stats::of(&times),
        rows: dashboard.role_by_generation.rows.len(),
    });
    Ok(out)
}
