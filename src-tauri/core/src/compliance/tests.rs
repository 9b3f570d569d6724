//! Statuses on hand-built organisations worked out here by hand, every boundary of the
//! definitions, and the fast path against a plain recomputation on random organisations.

use chrono::NaiveDate;
use proptest::prelude::*;
use rusqlite::{params, Connection};

use super::*;
use crate::db::Db;

thread_local! {
    static FORCED: std::cell::Cell<Option<Source>> = const { std::cell::Cell::new(None) };
}

/// The source a test forces on this thread (None: the engine chooses).
pub(super) fn forced_source() -> Option<Source> {
    FORCED.with(std::cell::Cell::get)
}

/// Runs `f` with the engine forced to read from `source`.
fn with_source<T>(source: Source, f: impl FnOnce() -> T) -> T {
    FORCED.with(|c| c.set(Some(source)));
    let out = f();
    FORCED.with(|c| c.set(None));
    out
}

fn d(text: &str) -> NaiveDate {
    parse_iso_date(text).unwrap()
}

fn add_employee(
    conn: &Connection,
    id: &str,
    role: &str,
    department: &str,
    location: Option<&str>,
    hire: Option<&str>,
    active: bool,
) {
    conn.execute(
        "INSERT INTO employees (employee_id, full_name, role, department, location, hire_date, active) \
         VALUES (?1, 'Name ' || ?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, role, department, location, hire, active],
    )
    .unwrap();
}

fn set_manager(conn: &Connection, id: &str, manager: &str) {
    conn.execute(
        "UPDATE employees SET manager_id = ? WHERE employee_id = ?",
        params![manager, id],
    )
    .unwrap();
}

fn add_program(conn: &Connection, id: &str, area: &str, validity: Option<i64>) {
    conn.execute(
        "INSERT INTO programs (program_id, title, skill_area, format, validity_months) \
         VALUES (?1, ?1, ?2, 'workshop', ?3)",
        params![id, area, validity],
    )
    .unwrap();
}

fn complete(conn: &Connection, employee: &str, program: &str, on: &str) {
    conn.execute(
        "INSERT INTO completions (employee_ref, program_ref, completed_on) \
         SELECT e.id, p.id, ?3 FROM employees e, programs p \
         WHERE e.employee_id = ?1 AND p.program_id = ?2",
        params![employee, program, on],
    )
    .unwrap();
}

/// A requirement: (id, role, department, location, program, skill area, due days, from).
#[allow(clippy::too_many_arguments)]
fn add_requirement(
    conn: &Connection,
    id: &str,
    scope: (Option<&str>, Option<&str>, Option<&str>),
    program: Option<&str>,
    area: Option<&str>,
    due_days: i64,
    effective_from: &str,
) {
    conn.execute(
        "INSERT INTO requirements (requirement_id, title, role, department, location, program_id, \
             skill_area, due_days, effective_from) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            scope.0,
            scope.1,
            scope.2,
            program,
            area,
            due_days,
            effective_from
        ],
    )
    .unwrap();
}

fn exempt(conn: &Connection, employee: &str, requirement: &str, until: Option<&str>) {
    conn.execute(
        "INSERT INTO exemptions (employee_id, requirement_id, reason, until) VALUES (?, ?, 'r', ?)",
        params![employee, requirement, until],
    )
    .unwrap();
}

const EVERYONE: (Option<&str>, Option<&str>, Option<&str>) = (None, None, None);

fn query(as_of: &str) -> ComplianceQuery {
    ComplianceQuery::new(d(as_of))
}

fn all(conn: &Connection, as_of: &str) -> Vec<Obligation> {
    statuses(conn, &query(as_of)).unwrap()
}

/// The one obligation of `employee` under `requirement` on `as_of`, if it applies.
fn one(conn: &Connection, as_of: &str, employee: &str, requirement: &str) -> Option<Obligation> {
    all(conn, as_of)
        .into_iter()
        .find(|o| o.employee_id == employee && o.requirement_id == requirement)
}

fn status(conn: &Connection, as_of: &str, employee: &str, requirement: &str) -> Option<Status> {
    one(conn, as_of, employee, requirement).map(|o| o.status)
}

/// E1 (hired 2020-01-01), program P1 valid `validity` months, requirement R1 = P1 from
/// 2020-01-01 with 30 days.
fn one_person(validity: Option<i64>) -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_employee(
        conn,
        "E1",
        "Engineer",
        "Data",
        Some("Berlin"),
        Some("2020-01-01"),
        true,
    );
    add_program(conn, "P1", "AI literacy", validity);
    add_requirement(conn, "R1", EVERYONE, Some("P1"), None, 30, "2020-01-01");
    db
}

#[test]
fn month_end_arithmetic_clamps_where_sqlite_overflows() {
    assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
    assert_eq!(add_months(d("2023-01-31"), 1), Some(d("2023-02-28")));
    assert_eq!(add_months(d("2024-03-31"), 1), Some(d("2024-04-30")));
    assert_eq!(add_months(d("2024-02-29"), 12), Some(d("2025-02-28")));
    assert_eq!(add_months(d("2024-01-15"), 13), Some(d("2025-02-15")));
    let db = one_person(Some(1));
    let sqlite: String = db
        .conn()
        .query_row("SELECT date('2024-01-31', '+1 months')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sqlite, "2024-03-02", "SQLite overflows into March");
    complete(db.conn(), "E1", "P1", "2024-01-31");
    // Expires 2024-02-29: valid on the 28th, expired on the 29th and in early March.
    let o = one(db.conn(), "2024-02-28", "E1", "R1").unwrap();
    assert_eq!(o.status, Status::Expiring);
    assert_eq!(o.expires_on.as_deref(), Some("2024-02-29"));
    assert_eq!(
        status(db.conn(), "2024-02-29", "E1", "R1"),
        Some(Status::Expired)
    );
    assert_eq!(
        status(db.conn(), "2024-03-01", "E1", "R1"),
        Some(Status::Expired)
    );
    let o = one(db.conn(), "2024-03-01", "E1", "R1").unwrap();
    assert_eq!(
        (o.last_completed_on.as_deref(), o.expires_on.as_deref()),
        (Some("2024-01-31"), Some("2024-02-29"))
    );
}

#[test]
fn first_expiring_after_is_the_threshold() {
    for (day, months) in [
        ("2024-02-29", 1),
        ("2024-03-31", 1),
        ("2024-03-30", 1),
        ("2025-02-28", 12),
        ("2024-04-30", 2),
        ("2024-01-01", 1200),
    ] {
        let day = d(day);
        let t = first_expiring_after(day, months);
        assert!(add_months(t, months).unwrap() > day, "{day} {months}");
        let before = t.pred_opt().unwrap();
        assert!(add_months(before, months).unwrap() <= day, "{day} {months}");
    }
}

#[test]
fn expiry_on_d_and_on_d_plus_w() {
    let db = one_person(Some(12));
    complete(db.conn(), "E1", "P1", "2024-01-15");
    // Expires 2025-01-15.
    assert_eq!(
        status(db.conn(), "2025-01-15", "E1", "R1"),
        Some(Status::Expired)
    );
    assert_eq!(
        status(db.conn(), "2025-01-14", "E1", "R1"),
        Some(Status::Expiring)
    );
    // D + 90 = 2025-01-15 (on or before D + W): expiring; a day earlier D + W is the 14th.
    assert_eq!(
        status(db.conn(), "2024-10-17", "E1", "R1"),
        Some(Status::Expiring)
    );
    assert_eq!(
        status(db.conn(), "2024-10-16", "E1", "R1"),
        Some(Status::Compliant)
    );
    // W = 0: expiring only when it expires on D + 0... which is expired; so compliant the day before.
    let mut q = query("2025-01-14");
    q.expiring_days = 0;
    assert_eq!(
        statuses(db.conn(), &q).unwrap()[0].status,
        Status::Compliant
    );
    q.expiring_days = 1;
    assert_eq!(statuses(db.conn(), &q).unwrap()[0].status, Status::Expiring);
    // Completed on D counts; after D it does not.
    assert_eq!(
        status(db.conn(), "2024-01-15", "E1", "R1"),
        Some(Status::Compliant)
    );
    assert_eq!(
        status(db.conn(), "2024-01-14", "E1", "R1"),
        Some(Status::Overdue)
    );
}

#[test]
fn a_program_that_never_expires_stays_compliant() {
    let db = one_person(None);
    complete(db.conn(), "E1", "P1", "2020-02-01");
    let o = one(db.conn(), "2040-01-01", "E1", "R1").unwrap();
    assert_eq!(o.status, Status::Compliant);
    assert_eq!(o.expires_on, None);
    assert_eq!(o.last_completed_on.as_deref(), Some("2020-02-01"));
}

#[test]
fn the_latest_valid_expiry_decides_and_an_old_one_does_not_hurt() {
    let db = one_person(Some(12));
    let conn = db.conn();
    add_program(conn, "P2", "AI literacy", Some(24));
    add_requirement(
        conn,
        "R2",
        EVERYONE,
        None,
        Some("AI literacy"),
        30,
        "2020-01-01",
    );
    complete(conn, "E1", "P1", "2021-01-10");
    complete(conn, "E1", "P1", "2023-06-01"); // expires 2024-06-01
    complete(conn, "E1", "P2", "2022-09-01"); // expires 2024-09-01
    let o = one(conn, "2024-05-01", "E1", "R2").unwrap();
    // Both valid on 2024-05-01; the later expiry (2024-09-01) is after D + 90 (2024-07-30).
    assert_eq!(o.status, Status::Compliant);
    assert_eq!(o.expires_on.as_deref(), Some("2024-09-01"));
    assert_eq!(o.last_completed_on.as_deref(), Some("2023-06-01"));
    // R1 (program P1 only): expires 2024-06-01, within 90 days.
    let o = one(conn, "2024-05-01", "E1", "R1").unwrap();
    assert_eq!(
        (o.status, o.expires_on.as_deref()),
        (Status::Expiring, Some("2024-06-01"))
    );
    // After both expire: expired, with the expiry of the latest completion.
    let o = one(conn, "2024-10-01", "E1", "R2").unwrap();
    assert_eq!(
        (o.status, o.expires_on.as_deref()),
        (Status::Expired, Some("2024-06-01"))
    );
}

#[test]
fn exemptions_hold_through_their_until_day() {
    let db = one_person(Some(12));
    exempt(db.conn(), "E1", "R1", Some("2024-06-30"));
    assert_eq!(
        status(db.conn(), "2024-06-30", "E1", "R1"),
        Some(Status::Exempt)
    );
    assert_eq!(
        status(db.conn(), "2024-07-01", "E1", "R1"),
        Some(Status::Overdue)
    );
    db.conn()
        .execute("UPDATE exemptions SET until = NULL", [])
        .unwrap();
    assert_eq!(
        status(db.conn(), "2099-01-01", "E1", "R1"),
        Some(Status::Exempt)
    );
    // Exempt wins over compliant.
    complete(db.conn(), "E1", "P1", "2024-01-01");
    assert_eq!(
        status(db.conn(), "2024-02-01", "E1", "R1"),
        Some(Status::Exempt)
    );
}

#[test]
fn due_date_is_the_later_of_hire_and_effective_from_plus_due_days() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_employee(conn, "E1", "R", "D", None, Some("2024-01-01"), true);
    add_employee(conn, "E2", "R", "D", None, Some("2022-01-01"), true);
    add_employee(conn, "E3", "R", "D", None, None, true);
    add_program(conn, "P1", "A", None);
    add_requirement(conn, "R1", EVERYONE, Some("P1"), None, 30, "2023-01-01");
    // E1: hired after effective_from: due 2024-01-31.
    let o = one(conn, "2024-01-31", "E1", "R1").unwrap();
    assert_eq!((o.status, o.due_on.as_str()), (Status::Due, "2024-01-31"));
    assert_eq!(
        status(conn, "2024-02-01", "E1", "R1"),
        Some(Status::Overdue)
    );
    // E2: hired before: due 2023-01-31; E3: no hire date: the same.
    assert_eq!(
        one(conn, "2023-01-31", "E2", "R1").unwrap().due_on,
        "2023-01-31"
    );
    assert_eq!(status(conn, "2023-01-31", "E3", "R1"), Some(Status::Due));
    assert_eq!(
        status(conn, "2023-02-01", "E3", "R1"),
        Some(Status::Overdue)
    );
    // due_days 0: due on the first day, overdue the next.
    add_requirement(conn, "R0", EVERYONE, Some("P1"), None, 0, "2023-01-01");
    assert_eq!(status(conn, "2024-01-01", "E1", "R0"), Some(Status::Due));
    assert_eq!(
        status(conn, "2024-01-02", "E1", "R0"),
        Some(Status::Overdue)
    );
}

#[test]
fn who_it_applies_to() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_employee(
        conn,
        "E1",
        "Data Engineer",
        "Data",
        Some("Berlin"),
        Some("2024-01-01"),
        true,
    );
    add_employee(
        conn,
        "E2",
        "Data Engineer",
        "Data",
        None,
        Some("2024-01-01"),
        true,
    );
    add_employee(
        conn,
        "E3",
        "data engineer",
        "DATA",
        Some("berlin"),
        Some("2024-01-01"),
        false,
    );
    add_employee(
        conn,
        "E4",
        "Analyst",
        "Data",
        Some("Berlin"),
        Some("2024-06-02"),
        true,
    );
    add_employee(
        conn,
        "E5",
        "DATA ENGINEER",
        "data",
        Some("BERLIN"),
        None,
        true,
    );
    add_program(conn, "P1", "A", None);
    add_requirement(
        conn,
        "R1",
        (Some("data engineer"), Some("data"), Some("Berlin")),
        Some("P1"),
        None,
        30,
        "2024-01-01",
    );
    add_requirement(conn, "R2", EVERYONE, Some("P1"), None, 30, "2024-06-01");
    let applied = |as_of: &str| -> Vec<(String, String)> {
        all(conn, as_of)
            .into_iter()
            .map(|o| (o.employee_id, o.requirement_id))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // Before R2 is in effect: R1 to E1 and E5 (case ignored); E2 has no location, E3 is
    // inactive, E4 is an analyst.
    assert_eq!(applied("2024-05-31"), pairs(&[("E1", "R1"), ("E5", "R1")]));
    // R2 from its first day, to everyone hired by then; E4 is hired on 2024-06-02.
    assert_eq!(
        applied("2024-06-01"),
        pairs(&[
            ("E1", "R1"),
            ("E1", "R2"),
            ("E2", "R2"),
            ("E5", "R1"),
            ("E5", "R2")
        ])
    );
    assert!(applied("2024-06-02").contains(&("E4".to_string(), "R2".to_string())));
    // Retired: applies to no one.
    conn.execute(
        "UPDATE requirements SET retired = 1 WHERE requirement_id = 'R2'",
        [],
    )
    .unwrap();
    assert_eq!(applied("2024-06-02"), pairs(&[("E1", "R1"), ("E5", "R1")]));
}

#[test]
fn skill_area_requirements_take_any_program_in_the_area() {
    let db = one_person(Some(12));
    let conn = db.conn();
    add_program(conn, "P2", "AI literacy", None);
    add_program(conn, "P3", "Prompting", None);
    add_requirement(
        conn,
        "RA",
        EVERYONE,
        None,
        Some("AI literacy"),
        30,
        "2020-01-01",
    );
    complete(conn, "E1", "P3", "2024-01-01");
    assert_eq!(
        status(conn, "2024-02-01", "E1", "RA"),
        Some(Status::Overdue)
    );
    complete(conn, "E1", "P2", "2024-01-02");
    assert_eq!(
        status(conn, "2024-02-01", "E1", "RA"),
        Some(Status::Compliant)
    );
    // The program requirement R1 (P1) is not met by P2.
    assert_eq!(
        status(conn, "2024-02-01", "E1", "R1"),
        Some(Status::Overdue)
    );
}

#[test]
fn filters_list_order_and_bad_input() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_employee(conn, "M", "Boss", "Ops", None, Some("2020-01-01"), true);
    for (id, hire) in [
        ("E1", "2024-01-01"),
        ("E2", "2020-01-01"),
        ("E3", "2024-03-01"),
    ] {
        add_employee(conn, id, "R", "Data", None, Some(hire), true);
        set_manager(conn, id, "M");
    }
    set_manager(conn, "E3", "E2");
    add_program(conn, "P1", "A", Some(12));
    add_requirement(conn, "R1", EVERYONE, Some("P1"), None, 30, "2020-01-01");
    complete(conn, "E2", "P1", "2023-06-01");
    complete(conn, "M", "P1", "2024-05-01");
    let ids = |rows: &[Obligation]| -> Vec<(String, Status)> {
        rows.iter()
            .map(|o| (o.employee_id.clone(), o.status))
            .collect()
    };
    let rows = all(conn, "2024-06-15");
    assert_eq!(
        ids(&rows),
        vec![
            ("E1".to_string(), Status::Overdue), // due 2024-01-31
            ("E3".to_string(), Status::Overdue), // due 2024-03-31
            ("E2".to_string(), Status::Expired),
            ("M".to_string(), Status::Compliant),
        ]
    );
    let mut q = query("2024-06-15");
    q.manager_id = Some("M".into());
    let rows = list(conn, &q, &[Status::Overdue]).unwrap();
    assert_eq!(ids(&rows).len(), 2);
    q.manager_id = Some("E2".into());
    assert_eq!(
        ids(&list(conn, &q, &[]).unwrap()),
        vec![("E3".to_string(), Status::Overdue)]
    );
    let mut q = query("2024-06-15");
    q.department = Some("Ops".into());
    assert_eq!(
        ids(&list(conn, &q, &[]).unwrap()),
        vec![("M".to_string(), Status::Compliant)]
    );

    let bad = ComplianceQuery {
        as_of: "2024-02-30".into(),
        expiring_days: 90,
        requirement_id: Some("R9".into()),
        department: Some("Nope".into()),
        manager_id: Some("X".into()),
    };
    let err = statuses(conn, &bad).unwrap_err();
    let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["as_of", "requirement_id", "department", "manager_id"]
    );
}

#[test]
fn report_counts_percentages_and_suppression() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    // Data: 6 people; Ops: 2 people; Sales: 5 people.
    for i in 0..6 {
        add_employee(
            conn,
            &format!("D{i}"),
            "R",
            "Data",
            None,
            Some("2020-01-01"),
            true,
        );
    }
    for i in 0..2 {
        add_employee(
            conn,
            &format!("O{i}"),
            "R",
            "Ops",
            None,
            Some("2020-01-01"),
            true,
        );
    }
    for i in 0..5 {
        add_employee(
            conn,
            &format!("S{i}"),
            "R",
            "Sales",
            None,
            Some("2020-01-01"),
            true,
        );
    }
    add_program(conn, "P1", "A", Some(12));
    add_program(conn, "P2", "B", None);
    add_requirement(conn, "R1", EVERYONE, Some("P1"), None, 30, "2020-01-01");
    add_requirement(
        conn,
        "R2",
        (None, Some("data"), None),
        Some("P2"),
        None,
        30,
        "2020-01-01",
    );
    // R1 in Data: D0 compliant, D1 expiring, D2 expired, D3 exempt, D4 and D5 overdue.
    complete(conn, "D0", "P1", "2024-05-01");
    complete(conn, "D1", "P1", "2023-08-01");
    complete(conn, "D2", "P1", "2023-01-01");
    exempt(conn, "D3", "R1", None);
    // R2 (Data only): D0 and D1 compliant, D2 to D5 overdue.
    complete(conn, "D0", "P2", "2021-01-01");
    complete(conn, "D1", "P2", "2021-01-01");
    let q = query("2024-06-01");
    let r = report(conn, &q, &[ComplianceDim::Department], 5).unwrap();
    let data = &r.rows[0];
    assert_eq!(data.groups, vec!["Data"]);
    assert_eq!(
        (data.people, data.obligations, data.compliant, data.expiring),
        (6, Some(12), Some(3), Some(1))
    );
    assert_eq!(
        (data.expired, data.overdue, data.exempt, data.due),
        (Some(1), Some(6), Some(1), Some(0))
    );
    // (3 + 1) / (12 - 1) = 36.4%.
    assert_eq!(data.compliance_pct, Some(36.4));
    // Ops (2) is below k; the next-smallest, Sales (5), goes with it.
    assert!(r.rows[1].suppressed && r.rows[2].suppressed);
    assert_eq!((r.rows[1].people, r.rows[1].obligations), (2, None));
    assert_eq!(r.total.people, 13);
    assert_eq!(r.total.obligations, Some(19));

    let r = report(conn, &q, &[ComplianceDim::Requirement], 0).unwrap();
    let labels: Vec<(&str, u32, Option<u32>)> = r
        .rows
        .iter()
        .map(|row| (row.groups[0].as_str(), row.people, row.obligations))
        .collect();
    assert_eq!(labels, vec![("R1", 13, Some(13)), ("R2", 6, Some(6))]);
    // R2: 2 of 6.
    assert_eq!(r.rows[1].compliance_pct, Some(33.3));
    let r = report(
        conn,
        &q,
        &[ComplianceDim::Department, ComplianceDim::Requirement],
        0,
    )
    .unwrap();
    assert_eq!(r.rows.len(), 4);
    assert!(report(conn, &q, &[ComplianceDim::Role, ComplianceDim::Role], 5).is_err());
}

#[test]
fn pool_small_pools_tiny_departments_into_one_other_group_but_never_requirements() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    // Data: 6 people; Ops 2, Legal 2, HR 1: three tiny departments of 5 people in all.
    let add = |prefix: &str, department: &str, n: usize| {
        for i in 0..n {
            let id = format!("{prefix}{i}");
            add_employee(conn, &id, "R", department, None, Some("2020-01-01"), true);
        }
    };
    add("D", "Data", 6);
    add("O", "Ops", 2);
    add("L", "Legal", 2);
    add("H", "HR", 1);
    add_program(conn, "P1", "A", None);
    add_program(conn, "P2", "B", None);
    add_requirement(conn, "R1", EVERYONE, Some("P1"), None, 30, "2020-01-01");
    add_requirement(conn, "R2", EVERYONE, Some("P2"), None, 30, "2020-01-01");
    // Compliant with R1: D0, O0, L0, H0; with R2: O1.
    for who in ["D0", "O0", "L0", "H0"] {
        complete(conn, who, "P1", "2021-01-01");
    }
    complete(conn, "O1", "P2", "2021-01-01");
    let q = query("2024-06-01");
    let on = crate::report::ReportOptions { pool_small: true };

    // Off by default: the rows are the departments, the tiny ones hidden.
    let plain = report(conn, &q, &[ComplianceDim::Department], 5).unwrap();
    assert_eq!(plain.rows.len(), 4);
    assert!(plain
        .rows
        .iter()
        .filter(|r| r.groups[0] != "Data")
        .all(|r| r.suppressed));

    let pooled = report_with(conn, &q, &[ComplianceDim::Department], 5, on).unwrap();
    let groups: Vec<&str> = pooled.rows.iter().map(|r| r.groups[0].as_str()).collect();
    assert_eq!(groups, vec!["Data", "Other (3 departments, 5 people)"]);
    let other = &pooled.rows[1];
    // 5 people, 10 obligations, 4 compliant (O0, L0, H0 with R1; O1 with R2): 40.0%.
    assert!(!other.suppressed);
    assert_eq!(
        (
            other.people,
            other.obligations,
            other.compliant,
            other.overdue
        ),
        (5, Some(10), Some(4), Some(6))
    );
    assert_eq!(other.compliance_pct, Some(40.0));
    assert_eq!(pooled.total, plain.total);
    let says_pooled = |r: &ComplianceReport| r.notes.lines.iter().any(|l| l.contains("pooled"));
    assert!(says_pooled(&pooled) && !says_pooled(&plain));

    // Department × requirement: the pooled group is counted per requirement, by its people.
    let two = report_with(
        conn,
        &q,
        &[ComplianceDim::Department, ComplianceDim::Requirement],
        5,
        on,
    )
    .unwrap();
    let cells: Vec<(String, u32, Option<u32>)> = two
        .rows
        .iter()
        .map(|r| (r.groups.join("/"), r.people, r.compliant))
        .collect();
    assert_eq!(
        cells,
        vec![
            ("Data/R1".to_string(), 6, Some(1)),
            ("Data/R2".to_string(), 6, Some(0)),
            ("Other (3 departments, 5 people)/R1".to_string(), 5, Some(3)),
            ("Other (3 departments, 5 people)/R2".to_string(), 5, Some(1)),
        ]
    );

    // Requirements are never pooled, however few their people; k = 0 pools nothing.
    let by_requirement = report_with(conn, &q, &[ComplianceDim::Requirement], 20, on).unwrap();
    let labels: Vec<&str> = by_requirement
        .rows
        .iter()
        .map(|r| r.groups[0].as_str())
        .collect();
    assert_eq!(labels, vec!["R1", "R2"]);
    let off = report_with(conn, &q, &[ComplianceDim::Department], 0, on).unwrap();
    assert_eq!(off.rows.len(), 4);
}

// ---- The fast path against a plain recomputation -------------------------------------

#[derive(Debug, Clone)]
struct Person {
    role: &'static str,
    department: &'static str,
    location: Option<&'static str>,
    hire: Option<NaiveDate>,
    active: bool,
}

#[derive(Debug, Clone)]
struct Prog {
    area: &'static str,
    validity: Option<u32>,
}

#[derive(Debug, Clone)]
struct Requirement {
    role: Option<&'static str>,
    department: Option<&'static str>,
    location: Option<&'static str>,
    /// Program index or skill area.
    program: Option<usize>,
    area: &'static str,
    due_days: u64,
    from: NaiveDate,
}

#[derive(Debug, Clone)]
struct Org {
    people: Vec<Person>,
    programs: Vec<Prog>,
    completions: Vec<(usize, usize, NaiveDate)>,
    requirements: Vec<Requirement>,
    exemptions: Vec<(usize, usize, Option<NaiveDate>)>,
    as_of: NaiveDate,
    w: u32,
}

/// Dates around month ends of 2023-2025, so clamping and the boundaries are met often.
fn date() -> impl Strategy<Value = NaiveDate> {
    (
        2023i32..=2025,
        1u32..=12,
        prop_oneof![1u32..=31, 27u32..=31],
    )
        .prop_map(|(y, m, day)| {
            let mut day = day;
            loop {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, day) {
                    return date;
                }
                day -= 1;
            }
        })
}

fn org() -> impl Strategy<Value = Org> {
    let person = (
        prop::sample::select(vec!["Engineer", "engineer", "Analyst"]),
        prop::sample::select(vec!["Data", "DATA", "Ops"]),
        prop::option::of(prop::sample::select(vec!["Berlin", "berlin", "Oslo"])),
        prop::option::of(date()),
        prop::bool::weighted(0.85),
    )
        .prop_map(|(role, department, location, hire, active)| Person {
            role,
            department,
            location,
            hire,
            active,
        });
    let program = (
        prop::sample::select(vec!["S1", "S2"]),
        prop::option::of(prop::sample::select(vec![1u32, 2, 12, 13, 24])),
    )
        .prop_map(|(area, validity)| Prog { area, validity });
    (
        prop::collection::vec(person, 1..8),
        prop::collection::vec(program, 1..4),
        date(),
        prop::sample::select(vec![0u32, 30, 90]),
    )
        .prop_flat_map(|(people, programs, as_of, w)| {
            let n = people.len();
            let p = programs.len();
            let requirement = (
                prop::option::of(prop::sample::select(vec!["engineer", "ANALYST"])),
                prop::option::of(prop::sample::select(vec!["data", "Ops"])),
                prop::option::of(prop::sample::select(vec!["BERLIN", "oslo"])),
                prop::option::of(0..p),
                prop::sample::select(vec!["S1", "S2"]),
                prop::sample::select(vec![0u64, 1, 30, 90, 400]),
                date(),
            )
                .prop_map(
                    |(role, department, location, program, area, due_days, from)| Requirement {
                        role,
                        department,
                        location,
                        program,
                        area,
                        due_days,
                        from,
                    },
                );
            (
                Just(people),
                Just(programs),
                prop::collection::vec((0..n, 0..p, date()), 0..16),
                prop::collection::vec(requirement, 1..4),
                Just(as_of),
                Just(w),
            )
        })
        .prop_flat_map(|(people, programs, completions, requirements, as_of, w)| {
            let n = people.len();
            let r = requirements.len();
            (
                Just(people),
                Just(programs),
                Just(completions),
                Just(requirements),
                prop::collection::vec((0..n, 0..r, prop::option::of(date())), 0..4),
                Just(as_of),
                Just(w),
            )
        })
        .prop_map(
            |(people, programs, completions, requirements, exemptions, as_of, w)| Org {
                people,
                programs,
                completions,
                requirements,
                exemptions,
                as_of,
                w,
            },
        )
}

/// How the completions get into the database: one by one through the triggers, half of them
/// through `reach::bulk_insert` (the import's set-based path), or before migration 0008 (its
/// own fill); then the first completion is deleted (the delete trigger) and the next moved
/// one day back (the update trigger), when `changes` holds.
#[derive(Debug, Clone, Copy)]
enum Loading {
    Triggers,
    Bulk,
    BeforeMigration,
}

fn load_with(org: &Org, how: Loading) -> (Db, Option<tempfile::TempDir>) {
    let (mut db, dir) = match how {
        Loading::BeforeMigration => {
            let dir = tempfile::tempdir().unwrap();
            let db = Db::open_migrating(
                &dir.path().join("u.db"),
                &crate::db::OpenOptions::default(),
                &crate::db::MIGRATIONS[..5],
            )
            .unwrap();
            (db, Some(dir))
        }
        _ => (Db::open_in_memory().unwrap(), None),
    };
    let conn = db.conn();
    for (i, p) in org.people.iter().enumerate() {
        add_employee(
            conn,
            &format!("E{i}"),
            p.role,
            p.department,
            p.location,
            p.hire.map(format_date).as_deref(),
            p.active,
        );
    }
    // Both areas exist, so every skill-area requirement is valid.
    add_program(conn, "Z1", "S1", None);
    add_program(conn, "Z2", "S2", None);
    for (i, p) in org.programs.iter().enumerate() {
        add_program(conn, &format!("P{i}"), p.area, p.validity.map(i64::from));
    }
    let insert =
        |conn: &Connection, list: &[(usize, usize, NaiveDate)]| -> crate::error::Result<()> {
            for (e, p, on) in list {
                conn.execute(
                    "INSERT OR IGNORE INTO completions (employee_ref, program_ref, completed_on) \
                 SELECT e.id, p.id, ?3 FROM employees e, programs p \
                 WHERE e.employee_id = ?1 AND p.program_id = ?2",
                    params![format!("E{e}"), format!("P{p}"), format_date(*on)],
                )?;
            }
            Ok(())
        };
    let half = org.completions.len() / 2;
    match how {
        Loading::Bulk => {
            insert(conn, &org.completions[..half]).unwrap();
            db.with_tx(|tx| crate::reach::bulk_insert(tx, |c| insert(c, &org.completions[half..])))
                .unwrap();
        }
        _ => insert(conn, &org.completions).unwrap(),
    }
    if let Loading::BeforeMigration = how {
        let path = dir.as_ref().unwrap().path().join("u.db");
        drop(db);
        db = Db::open(&path).unwrap();
    }
    let conn = db.conn();
    for (i, r) in org.requirements.iter().enumerate() {
        let program = r.program.map(|p| format!("P{p}"));
        add_requirement(
            conn,
            &format!("R{i}"),
            (r.role, r.department, r.location),
            program.as_deref(),
            if r.program.is_some() {
                None
            } else {
                Some(r.area)
            },
            r.due_days as i64,
            &format_date(r.from),
        );
    }
    for (e, r, until) in &org.exemptions {
        conn.execute(
            "INSERT OR IGNORE INTO exemptions (employee_id, requirement_id, reason, until) \
             VALUES (?, ?, 'r', ?)",
            params![format!("E{e}"), format!("R{r}"), until.map(format_date)],
        )
        .unwrap();
    }
    assert_eq!(crate::reach::stale_rows(conn).unwrap(), 0, "{how:?}");
    (db, dir)
}

/// (employee, requirement, status, due_on, last_completed_on, expires_on).
type Row = (
    String,
    String,
    Status,
    String,
    Option<String>,
    Option<String>,
);

/// The definitions, read literally, on plain vectors.
fn plain(org: &Org) -> Vec<Row> {
    let day = org.as_of;
    let horizon = day + chrono::Days::new(u64::from(org.w));
    let lower = |s: &str| s.to_lowercase();
    let mut out = Vec::new();
    for (e, person) in org.people.iter().enumerate() {
        if !person.active || person.hire.is_some_and(|h| h > day) {
            continue;
        }
        for (r, req) in org.requirements.iter().enumerate() {
            if req.from > day {
                continue;
            }
            let matches = |want: Option<&str>, have: Option<&str>| match want {
                None => true,
                Some(w) => have.is_some_and(|h| lower(w) == lower(h)),
            };
            if !(matches(req.role, Some(person.role))
                && matches(req.department, Some(person.department))
                && matches(req.location, person.location))
            {
                continue;
            }
            let start = person.hire.map_or(req.from, |h| h.max(req.from));
            let due = start + chrono::Days::new(req.due_days);
            let satisfies = |p: usize| match req.program {
                Some(q) => p == q,
                None => org.programs[p].area == req.area,
            };
            // Every satisfying completion on or before D, with its expiry (None = never).
            let mut done: Vec<(NaiveDate, Option<NaiveDate>)> = org
                .completions
                .iter()
                .filter(|(ce, cp, on)| *ce == e && satisfies(*cp) && *on <= day)
                .map(|(_, cp, on)| {
                    (
                        *on,
                        org.programs[*cp]
                            .validity
                            .map(|m| on.checked_add_months(chrono::Months::new(m)).unwrap()),
                    )
                })
                .collect();
            done.sort();
            done.dedup();
            let valid: Vec<Option<NaiveDate>> = done
                .iter()
                .filter(|(_, exp)| exp.is_none_or(|x| day < x))
                .map(|(_, exp)| *exp)
                .collect();
            let exempt = org
                .exemptions
                .iter()
                .any(|(xe, xr, until)| *xe == e && *xr == r && until.is_none_or(|u| u >= day));
            // The first exemption of a pair is the one stored.
            let exempt = exempt && {
                let first = org
                    .exemptions
                    .iter()
                    .find(|(xe, xr, _)| *xe == e && *xr == r)
                    .unwrap();
                first.2.is_none_or(|u| u >= day)
            };
            let never = valid.iter().any(Option::is_none);
            let latest_valid = valid.iter().flatten().max().copied();
            let status = if exempt {
                Status::Exempt
            } else if !valid.is_empty() && (never || latest_valid.is_some_and(|x| x > horizon)) {
                Status::Compliant
            } else if !valid.is_empty() {
                Status::Expiring
            } else if !done.is_empty() {
                Status::Expired
            } else if day > due {
                Status::Overdue
            } else {
                Status::Due
            };
            let last = done.iter().map(|(on, _)| *on).max();
            let expires = if never {
                None
            } else if let Some(x) = latest_valid {
                Some(x)
            } else {
                last.and_then(|l| {
                    done.iter()
                        .filter(|(on, _)| *on == l)
                        .filter_map(|(_, x)| *x)
                        .max()
                })
            };
            out.push((
                format!("E{e}"),
                format!("R{r}"),
                status,
                format_date(due),
                last.map(format_date),
                expires.map(format_date),
            ));
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn fast_path_matches_the_definitions(
        org in org(),
        how in prop::sample::select(vec![Loading::Triggers, Loading::Bulk, Loading::BeforeMigration]),
        change in prop::option::of((any::<prop::sample::Index>(), any::<prop::sample::Index>())),
        only in prop::sample::subsequence(Status::ALL.to_vec(), 0..=3),
    ) {
        let mut org = org;
        let (db, _dir) = load_with(&org, how);
        // Completions changed once the cache exists: one deleted, one moved to another date.
        if let (Some((gone, moved)), false) = (change, org.completions.is_empty()) {
            let (e, p, on) = org.completions[gone.index(org.completions.len())];
            db.conn().execute(
                "DELETE FROM completions WHERE employee_ref = (SELECT id FROM employees WHERE employee_id = ?1) \
                 AND program_ref = (SELECT id FROM programs WHERE program_id = ?2) AND completed_on = ?3",
                params![format!("E{e}"), format!("P{p}"), format_date(on)],
            ).unwrap();
            org.completions.retain(|c| *c != (e, p, on));
            if !org.completions.is_empty() {
                let i = moved.index(org.completions.len());
                let (e, p, on) = org.completions[i];
                let to = on - chrono::Days::new(40);
                let changed = db.conn().execute(
                    "UPDATE OR IGNORE completions SET completed_on = ?4 \
                     WHERE employee_ref = (SELECT id FROM employees WHERE employee_id = ?1) \
                     AND program_ref = (SELECT id FROM programs WHERE program_id = ?2) AND completed_on = ?3",
                    params![format!("E{e}"), format!("P{p}"), format_date(on), format_date(to)],
                ).unwrap();
                if changed == 1 {
                    org.completions.retain(|c| *c != (e, p, on));
                    org.completions.push((e, p, to));
                }
            }
            prop_assert_eq!(crate::reach::stale_rows(db.conn()).unwrap(), 0);
        }
        let mut q = ComplianceQuery::new(org.as_of);
        q.expiring_days = org.w;
        let expected = plain(&org);
        // The engine's choice (the cache, with lookups for completions after D), and each
        // source forced.
        for source in [None, Some(Source::Cached), Some(Source::Grouped)] {
            let run = || statuses(db.conn(), &q).unwrap();
            let obligations = match source {
                None => run(),
                Some(source) => with_source(source, run),
            };
            let mut fast: Vec<_> = obligations
                .into_iter()
                .map(|o| (o.employee_id, o.requirement_id, o.status, o.due_on, o.last_completed_on, o.expires_on))
                .collect();
            fast.sort();
            prop_assert_eq!(&fast, &expected, "{:?}", source);
        }
        // A list narrowed to some statuses (expiry dates worked out for those only), in CSV
        // straight from the compact list and through the obligations.
        let narrowed = list(db.conn(), &q, &only).unwrap();
        let mut got: Vec<_> = narrowed
            .iter()
            .map(|o| (o.employee_id.clone(), o.requirement_id.clone(), o.status, o.due_on.clone(), o.last_completed_on.clone(), o.expires_on.clone()))
            .collect();
        got.sort();
        let want: Vec<_> = expected.iter().filter(|r| only.is_empty() || only.contains(&r.2)).cloned().collect();
        prop_assert_eq!(got, want);
        let csv = |direct: bool| -> Vec<u8> {
            let mut out = crate::export::CsvOut::new(Vec::new(), crate::export::Delimiter::Semicolon).unwrap();
            if direct {
                action_list(db.conn(), &q, &only).unwrap().write_csv(&mut out).unwrap();
            } else {
                write_list_csv(&mut out, &narrowed).unwrap();
            }
            out.finish().unwrap()
        };
        prop_assert_eq!(String::from_utf8(csv(true)).unwrap(), String::from_utf8(csv(false)).unwrap());

        // The report's counts are the obligations', summed.
        let report = report(db.conn(), &q, &[ComplianceDim::Requirement], 0).unwrap();
        let expected: u32 = plain(&org).len() as u32;
        prop_assert_eq!(report.total.obligations, Some(expected));
    }
}

#[test]
fn coverage_current_counts_only_completions_valid_on_the_as_of_date() {
    use crate::report::{coverage, Dimension, Filters, ReportQuery};
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    for i in 0..4 {
        add_employee(
            conn,
            &format!("E{i}"),
            "R",
            "D",
            None,
            Some("2020-01-01"),
            true,
        );
    }
    add_program(conn, "P1", "A", Some(1));
    add_program(conn, "P2", "B", None);
    complete(conn, "E0", "P1", "2024-01-31"); // expires 2024-02-29
    complete(conn, "E1", "P2", "2020-06-01"); // never expires
    complete(conn, "E2", "P1", "2024-03-01"); // after the as-of dates below
    let trained = |as_of: &str, current: bool| {
        let query = ReportQuery {
            dims: vec![Dimension::Department],
            filters: Filters {
                as_of: Some(as_of.into()),
                current: current.then_some(true),
                ..Filters::default()
            },
            min_group: 0,
        };
        coverage(conn, &query, d("2026-01-01"))
            .unwrap()
            .total
            .trained
    };
    assert_eq!(trained("2024-02-28", false), Some(2));
    assert_eq!(trained("2024-02-28", true), Some(2));
    // On 2024-02-29 E0's completion has expired (SQLite's '+1 months' would say 2024-03-02).
    assert_eq!(trained("2024-02-29", false), Some(2));
    assert_eq!(trained("2024-02-29", true), Some(1));
    // A skill-area filter with --current.
    let query = ReportQuery {
        dims: vec![Dimension::SkillArea],
        filters: Filters {
            as_of: Some("2024-02-29".into()),
            current: Some(true),
            ..Filters::default()
        },
        min_group: 0,
    };
    let r = coverage(conn, &query, d("2026-01-01")).unwrap();
    let by_area: Vec<(String, Option<u32>)> = r
        .rows
        .iter()
        .map(|row| (row.groups[0].clone(), row.trained))
        .collect();
    assert_eq!(
        by_area,
        vec![("A".to_string(), Some(0)), ("B".to_string(), Some(1))]
    );
    assert!(r.notes.lines.iter().any(|l| l.contains("still valid")));
}

/// A leaver has obligations up to the day before `left_on`, as in every report.
#[test]
fn leavers_have_obligations_until_the_day_they_left() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "A", None);
    add_employee(conn, "E1", "R", "D", None, Some("2020-01-01"), false);
    add_employee(conn, "E2", "R", "D", None, Some("2020-01-01"), false);
    conn.execute(
        "UPDATE employees SET left_on = '2025-06-01' WHERE employee_id = 'E1'",
        [],
    )
    .unwrap();
    add_requirement(conn, "R1", EVERYONE, Some("P1"), None, 30, "2020-01-01");
    assert_eq!(
        status(conn, "2025-05-31", "E1", "R1"),
        Some(Status::Overdue)
    );
    assert_eq!(status(conn, "2025-06-01", "E1", "R1"), None);
    // Inactive without left_on: never.
    assert_eq!(status(conn, "2025-05-31", "E2", "R1"), None);
}

#[test]
fn list_csv_from_the_compact_list_quotes_and_neutralises_like_the_rows() {
    let db = one_person(Some(12));
    let conn = db.conn();
    add_employee(conn, "=E2", "Eng;ineer", "Data, \"Ops\"", None, None, true);
    add_employee(conn, "E3", "Engineer", "Data", None, None, true);
    set_manager(conn, "E3", "=E2");
    conn.execute(
        "UPDATE employees SET full_name = '+Doe, Jane' WHERE employee_id = 'E3'",
        [],
    )
    .unwrap();
    add_requirement(conn, "R;2", EVERYONE, Some("P1"), None, 0, "2020-01-01");
    complete(conn, "E1", "P1", "2024-05-31");
    for delimiter in [
        crate::export::Delimiter::Comma,
        crate::export::Delimiter::Semicolon,
        crate::export::Delimiter::Tab,
    ] {
        let q = query("2025-02-01");
        let csv = |direct: bool| -> String {
            let mut out = crate::export::CsvOut::new(Vec::new(), delimiter).unwrap();
            if direct {
                action_list(conn, &q, &[])
                    .unwrap()
                    .write_csv(&mut out)
                    .unwrap();
            } else {
                write_list_csv(&mut out, &list(conn, &q, &[]).unwrap()).unwrap();
            }
            String::from_utf8(out.finish().unwrap()).unwrap()
        };
        let direct = csv(true);
        assert_eq!(direct, csv(false), "{delimiter:?}");
        assert!(
            direct.contains("'+Doe, Jane") && direct.lines().count() == 7,
            "{direct}"
        );
    }
}

fn matrix_query(as_of: &str, offset: u32, limit: u32) -> MatrixQuery {
    MatrixQuery {
        query: query(as_of),
        role: None,
        offset,
        limit,
    }
}

/// A small team: M1 leads A1, A2 (analysts) and B1 (a baker, not required); R1 (program P1,
/// analysts only) and R2 (everyone, skill area "ai").
fn matrix_org() -> Db {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    add_program(c, "P1", "ai", Some(12));
    add_program(c, "P2", "ai", None);
    for (id, role) in [
        ("M1", "Lead"),
        ("A1", "Analyst"),
        ("A2", "Analyst"),
        ("B1", "Baker"),
    ] {
        add_employee(c, id, role, "Ops", None, Some("2024-01-01"), true);
    }
    add_employee(c, "X1", "Analyst", "Other", None, Some("2024-01-01"), true);
    for id in ["A1", "A2", "B1"] {
        set_manager(c, id, "M1");
    }
    add_requirement(
        c,
        "R1",
        (Some("analyst"), None, None),
        Some("P1"),
        None,
        30,
        "2024-01-01",
    );
    add_requirement(c, "R2", EVERYONE, None, Some("ai"), 30, "2024-01-01");
    complete(c, "A1", "P1", "2025-05-01");
    complete(c, "B1", "P2", "2025-01-01");
    db
}

#[test]
fn matrix_cells_are_the_statuses_and_none_where_not_required() {
    let db = matrix_org();
    let page = matrix(db.conn(), &matrix_query("2025-06-01", 0, 50)).unwrap();
    let ids: Vec<&str> = page
        .requirements
        .iter()
        .map(|r| r.requirement_id.as_str())
        .collect();
    assert_eq!(ids, ["R1", "R2"]);
    assert_eq!(page.total_people, 5);
    let people: Vec<&str> = page.rows.iter().map(|r| r.employee_id.as_str()).collect();
    assert_eq!(people, ["M1", "A1", "A2", "B1", "X1"]);
    // Every cell agrees with the action list's status of the same pair.
    let list = all(db.conn(), "2025-06-01");
    for row in &page.rows {
        for (req, cell) in page.requirements.iter().zip(&row.cells) {
            let expected = list
                .iter()
                .find(|o| {
                    o.employee_id == row.employee_id && o.requirement_id == req.requirement_id
                })
                .map(|o| (o.status, o.due_on.clone()));
            assert_eq!(
                cell.as_ref().map(|c| (c.status, c.due_on.clone())),
                expected,
                "{} {}",
                row.employee_id,
                req.requirement_id
            );
        }
    }
    let b1 = &page.rows[3];
    assert!(b1.cells[0].is_none(), "a baker is not required to take R1");
    assert_eq!(b1.cells[1].as_ref().unwrap().status, Status::Compliant);
    let a1 = &page.rows[1];
    assert_eq!(
        a1.cells[0].as_ref().unwrap().last_completed_on.as_deref(),
        Some("2025-05-01")
    );
}

#[test]
fn matrix_pages_in_sql_and_narrows_to_a_team_department_or_role() {
    let db = matrix_org();
    let c = db.conn();
    let page = matrix(c, &matrix_query("2025-06-01", 1, 2)).unwrap();
    let people: Vec<&str> = page.rows.iter().map(|r| r.employee_id.as_str()).collect();
    assert_eq!(people, ["A1", "A2"]);
    assert_eq!(page.total_people, 5);
    let past_the_end = matrix(c, &matrix_query("2025-06-01", 5, 2)).unwrap();
    assert!(past_the_end.rows.is_empty());

    let mut team = matrix_query("2025-06-01", 0, 50);
    team.query.manager_id = Some("M1".into());
    let page = matrix(c, &team).unwrap();
    let people: Vec<&str> = page.rows.iter().map(|r| r.employee_id.as_str()).collect();
    assert_eq!(people, ["A1", "A2", "B1"]);
    assert_eq!(page.total_people, 3);

    let mut role = matrix_query("2025-06-01", 0, 50);
    role.role = Some("Analyst".into());
    let page = matrix(c, &role).unwrap();
    assert_eq!(page.total_people, 3);
    role.query.department = Some("Ops".into());
    assert_eq!(matrix(c, &role).unwrap().total_people, 2);

    let mut bad = matrix_query("2025-06-01", 0, 0);
    bad.role = Some("Astronaut".into());
    match matrix(c, &bad) {
        Err(Error::Invalid(problems)) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(fields, ["role", "limit"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn matrix_csv_has_every_page_and_blank_where_not_required() {
    let db = matrix_org();
    let mut out = crate::export::CsvOut::new(Vec::new(), crate::export::Delimiter::Comma).unwrap();
    write_matrix_csv(db.conn(), &matrix_query("2025-06-01", 0, 1), &mut out).unwrap();
    let bytes = out.finish().unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "employee_id,full_name,role,department,R1,R2");
    assert_eq!(lines.len(), 6, "{text}");
    assert_eq!(lines[4], "B1,Name B1,Baker,Ops,,compliant");
}

#[test]
fn obligations_of_one_person_match_the_list() {
    let db = matrix_org();
    let c = db.conn();
    let mine = obligations_of(c, "A2", d("2025-06-01"), 90).unwrap();
    let expected: Vec<Obligation> = all(c, "2025-06-01")
        .into_iter()
        .filter(|o| o.employee_id == "A2")
        .collect();
    assert_eq!(mine, expected);
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|o| o.status == Status::Overdue));
    assert!(matches!(
        obligations_of(c, "NOPE", d("2025-06-01"), 90),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn a_scope_matches_ignoring_case_in_any_script() {
    let scope = |text: &str| Scope::new(Some(text.to_string()));
    let have =
        |text: &'static str| Have::of(rusqlite::types::ValueRef::Text(text.as_bytes())).unwrap();
    assert!(scope_matches(&None, None));
    assert!(scope_matches(&None, have("Data")));
    assert!(!scope_matches(&scope("Data"), None));
    assert!(scope_matches(&scope("data"), have("DATA")));
    assert!(!scope_matches(&scope("Data"), have("Data ")));
    assert!(scope_matches(&scope("ÉQUIPE"), have("équipe")));
    assert!(scope_matches(&scope("équipe"), have("ÉQUIPE")));
    assert!(!scope_matches(&scope("equipe"), have("équipe")));
    // The Kelvin sign lowercases to an ASCII k: an ASCII scope still matches it.
    assert!(scope_matches(&scope("kiel"), have("\u{212A}iel")));
}
