//! The people list on a hand-built organisation, each answer worked out here by hand.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::*;
use crate::db::Db;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// (id, birth year, role, location, hire date, left_on)
type Person<'a> = (
    &'a str,
    Option<i32>,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// E1 Boomer Analyst: P1 2024-03-01 and P2 2025-05-01 (area ML).
/// E2 Millennial Analyst, no location: P2 2026-12-01 (after today's as-of).
/// E3 Gen X Engineer, hired 2026-06-01: P1 2026-07-01.
/// E4 no birth year, Engineer, left 2026-01-01: P1 2025-01-01.
/// E5 Millennial Engineer: nothing.
fn org() -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    for (id, area) in [("P1", "GenAI"), ("P2", "ML")] {
        conn.execute(
            "INSERT INTO programs (program_id, title, skill_area, format) \
             VALUES (?1, ?1, ?2, 'workshop')",
            params![id, area],
        )
        .unwrap();
    }
    let people: [Person<'_>; 5] = [
        ("E1", Some(1955), "Analyst", Some("Oslo"), None, None),
        ("E2", Some(1990), "Analyst", None, None, None),
        (
            "E3",
            Some(1970),
            "Engineer",
            Some("Oslo"),
            Some("2026-06-01"),
            None,
        ),
        (
            "E4",
            None,
            "Engineer",
            Some("Rome"),
            None,
            Some("2026-01-01"),
        ),
        ("E5", Some(1985), "Engineer", Some("Rome"), None, None),
    ];
    for (id, year, role, location, hire, left) in people {
        conn.execute(
            "INSERT INTO employees (employee_id, full_name, email, role, department, location, \
             birth_year, hire_date, left_on, active, manager_id) \
             VALUES (?1, 'Name ' || ?1, lower(?1) || '@x.org', ?2, 'D', ?3, ?4, ?5, ?6, ?7, \
             CASE WHEN ?1 = 'E1' THEN NULL ELSE 'E1' END)",
            params![id, role, location, year, hire, left, left.is_none()],
        )
        .unwrap();
    }
    for (employee, program, on) in [
        ("E1", "P1", "2024-03-01"),
        ("E1", "P2", "2025-05-01"),
        ("E2", "P2", "2026-12-01"),
        ("E3", "P1", "2026-07-01"),
        ("E4", "P1", "2025-01-01"),
    ] {
        complete(conn, employee, program, on);
    }
    db
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

/// (id, trained, last_completed_on) of each row.
fn shape(rows: &[PersonRow]) -> Vec<(String, bool, Option<String>)> {
    rows.iter()
        .map(|r| {
            (
                r.employee_id.clone(),
                r.trained,
                r.last_completed_on.clone(),
            )
        })
        .collect()
}

fn row(id: &str, last: Option<&str>) -> (String, bool, Option<String>) {
    (id.into(), last.is_some(), last.map(str::to_string))
}

#[test]
fn the_population_and_trained_follow_the_report() {
    let db = org();
    let conn = db.conn();
    let all = people(conn, &PeopleQuery::default(), today()).unwrap();
    // E4 left on 2026-01-01; E2's completion is after the as-of date.
    assert_eq!(
        shape(&all),
        vec![
            row("E1", Some("2025-05-01")),
            row("E2", None),
            row("E3", Some("2026-07-01")),
            row("E5", None),
        ]
    );
    assert_eq!(all[0].email.as_deref(), Some("e1@x.org"));
    assert_eq!(all[1].manager_id.as_deref(), Some("E1"));
    // As of 2025-12-31: E3 not yet hired, E4 still there; last_completed_on stops at as-of.
    let earlier = PeopleQuery {
        filters: Filters {
            as_of: Some("2025-03-01".into()),
            ..Filters::default()
        },
        ..PeopleQuery::default()
    };
    assert_eq!(
        shape(&people(conn, &earlier, today()).unwrap()),
        vec![
            row("E1", Some("2024-03-01")),
            row("E2", None),
            row("E4", Some("2025-01-01")),
            row("E5", None),
        ]
    );
    // A completion filter: only ML counts, so E1's last date is the ML one and E3 is out.
    let ml = PeopleQuery {
        filters: Filters {
            skill_area: Some("ML".into()),
            ..Filters::default()
        },
        trained: Some(true),
        ..PeopleQuery::default()
    };
    assert_eq!(
        shape(&people(conn, &ml, today()).unwrap()),
        vec![row("E1", Some("2025-05-01"))]
    );
    let program = PeopleQuery {
        filters: Filters {
            program_id: Some("P1".into()),
            ..Filters::default()
        },
        trained: Some(false),
        ..PeopleQuery::default()
    };
    assert_eq!(
        people_ids(conn, &program, today()).unwrap(),
        vec!["E2", "E5"]
    );
}

#[test]
fn groups_narrow_the_list_as_report_rows_do() {
    let db = org();
    let conn = db.conn();
    let ids = |q: PeopleQuery| people_ids(conn, &q, today()).unwrap();
    let boomers = PeopleQuery {
        generation: Some("baby boomers".into()),
        ..PeopleQuery::default()
    };
    assert_eq!(ids(boomers), vec!["E1"]);
    let millennials = PeopleQuery {
        generation: Some("Millennials".into()),
        trained: Some(false),
        ..PeopleQuery::default()
    };
    assert_eq!(ids(millennials), vec!["E2", "E5"]);
    // Age as of 2026: E3 is 56, E1 71.
    let band = PeopleQuery {
        age_band: Some("55-64".into()),
        ..PeopleQuery::default()
    };
    assert_eq!(ids(band), vec!["E3"]);
    let role = PeopleQuery {
        role: Some("Engineer".into()),
        location: Some("Rome".into()),
        ..PeopleQuery::default()
    };
    assert_eq!(ids(role), vec!["E5"]);
    let unknown = PeopleQuery {
        location: Some("Unknown".into()),
        ..PeopleQuery::default()
    };
    assert_eq!(ids(unknown), vec!["E2"]);
    let team = PeopleQuery {
        filters: Filters {
            manager_id: Some("E1".into()),
            ..Filters::default()
        },
        ..PeopleQuery::default()
    };
    assert_eq!(ids(team), vec!["E2", "E3", "E5"]);
}

#[test]
fn pages_count_everyone_and_bad_input_names_every_field() {
    let db = org();
    let conn = db.conn();
    let page = people_page(conn, &PeopleQuery::default(), 1, 2, today()).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.as_of, "2026-11-29");
    assert_eq!(
        page.rows
            .iter()
            .map(|r| r.employee_id.as_str())
            .collect::<Vec<_>>(),
        vec!["E2", "E3"]
    );
    let count = people_count(conn, &PeopleQuery::default(), today()).unwrap();
    assert_eq!(
        count,
        PeopleCount {
            people: 4,
            trained: 2
        }
    );
    assert!(people_page(conn, &PeopleQuery::default(), 0, 0, today()).is_err());
    let bad = PeopleQuery {
        filters: Filters {
            department: Some("Nowhere".into()),
            ..Filters::default()
        },
        role: Some("Pilot".into()),
        generation: Some("Boomers".into()),
        age_band: Some("30-39".into()),
        ..PeopleQuery::default()
    };
    let Err(Error::Invalid(problems)) = people(conn, &bad, today()) else {
        panic!("bad input accepted");
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, vec!["department", "role", "generation", "age_band"]);
    assert!(problems[2].message.contains("Baby Boomers"), "{problems:?}");
    assert!(problems[3].message.contains("25-34"), "{problems:?}");
}
