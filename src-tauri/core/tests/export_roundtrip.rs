//! An export re-imports as exactly the same records, whatever the text holds: unicode, quotes,
//! delimiters, and values that really start with the formula characters = + - @ or a quote.

use std::path::Path;

use proptest::prelude::*;
use rusqlite::Connection;
use upskill_core::db::Db;
use upskill_core::domain::{CompletionInput, EmployeeInput, ProgramInput};
use upskill_core::export::{export_table, Delimiter, ExportTable};
use upskill_core::import::{import_file, ImportKind, ImportOptions};
use upskill_testkit::today;

/// Text as a form would store it: no control characters, trimmed, not empty.
fn text() -> impl Strategy<Value = String> {
    "[=+@'\\-\"a-zA-Z0-9 ,;äöüßéçøłŁ€漢字🙂]{1,16}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn dump(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |r| {
        let mut row = Vec::new();
        for i in 0..columns {
            row.push(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?));
        }
        Ok(row.join("|"))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn record(conn: &Connection) -> Vec<Vec<String>> {
    vec![
        dump(conn, "SELECT employee_id, full_name, email, role, department, manager_id, birth_year, hire_date, location, active FROM employees ORDER BY employee_id"),
        dump(conn, "SELECT program_id, title, skill_area, format, provider, hours, validity_months FROM programs ORDER BY program_id"),
        dump(conn, "SELECT e.employee_id, p.program_id, c.completed_on, c.score, c.certificate_id FROM completions c JOIN employees e ON e.id = c.employee_ref JOIN programs p ON p.id = c.program_ref ORDER BY 1, 2, 3"),
    ]
}

fn round_trip(db: &Db, dir: &Path, delimiter: Delimiter) -> Db {
    let mut copy = Db::open(&dir.join("copy.db")).unwrap();
    for (table, kind) in [
        (ExportTable::Employees, ImportKind::Employees),
        (ExportTable::Programs, ImportKind::Programs),
        (ExportTable::Completions, ImportKind::Completions),
    ] {
        let file = dir.join(format!("{kind:?}.csv"));
        export_table(db.conn(), table, &file, delimiter).unwrap();
        let report = import_file(
            &mut copy,
            kind,
            &file,
            &ImportOptions::default(),
            today(),
            &mut |_| {},
            &upskill_core::import::Cancel::default(),
        )
        .unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
    copy
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn export_then_import_gives_the_same_records(
        people in prop::collection::vec((text(), text(), text(), prop::option::of(text()), prop::option::of(1940..2008i32)), 1..6),
        titles in prop::collection::vec((text(), text(), prop::option::of(text())), 1..4),
        score in prop::option::of(0u8..=100),
        delimiter in proptest::sample::select(Delimiter::ALL.to_vec()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("source.db")).unwrap();
        for (i, (name, role, department, location, birth_year)) in people.iter().enumerate() {
            let input = EmployeeInput {
                employee_id: format!("{}{i}", &name.chars().take(3).collect::<String>()),
                full_name: name.clone(),
                email: None,
                role: role.clone(),
                department: department.clone(),
                manager_id: (i > 0).then(|| format!("{}0", &people[0].0.chars().take(3).collect::<String>())),
                birth_year: *birth_year,
                hire_date: Some("2020-02-29".into()),
                location: location.clone(),
                active: i % 2 == 0,
                left_on: None,
            };
            upskill_core::employees::create(&mut db, &input, today()).unwrap();
        }
        for (i, (title, area, provider)) in titles.iter().enumerate() {
            let input = ProgramInput {
                program_id: format!("-P{i}{}", &title.chars().take(2).collect::<String>()),
                title: title.clone(),
                skill_area: area.clone(),
                format: "hands_on_lab".into(),
                provider: provider.clone(),
                hours: Some(1.5),
                validity_months: Some(12),
            };
            upskill_core::programs::create(&mut db, &input).unwrap();
            let employee = upskill_core::employees::list(db.conn(), &Default::default()).unwrap().rows[0].employee_id.clone();
            let completion = CompletionInput {
                employee_id: employee,
                program_id: input.program_id.clone(),
                completed_on: "2025-06-30".into(),
                score: score.map(f64::from),
                certificate_id: Some(format!("=CERT{i}")),
            };
            upskill_core::completions::log(&mut db, &completion, today()).unwrap();
        }
        let copy = round_trip(&db, dir.path(), delimiter);
        prop_assert_eq!(record(db.conn()), record(copy.conn()));
    }
}

/// The payloads OWASP lists come back as data, and the file neutralises them.
#[test]
fn formula_payloads_survive_a_round_trip_and_are_neutralised_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("source.db")).unwrap();
    for (i, payload) in [
        "=HYPERLINK(\"http://x\")",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "'quoted",
    ]
    .iter()
    .enumerate()
    {
        let input = EmployeeInput {
            employee_id: format!("E{i}"),
            full_name: payload.to_string(),
            role: "r".into(),
            department: "d".into(),
            active: true,
            left_on: None,
            ..Default::default()
        };
        upskill_core::employees::create(&mut db, &input, today()).unwrap();
    }
    let file = dir.path().join("e.csv");
    export_table(db.conn(), ExportTable::Employees, &file, Delimiter::Comma).unwrap();
    let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
    for cell in [
        "\"'=HYPERLINK(\"\"http://x\"\")\"",
        ",'+1+1,",
        ",'-1+1,",
        ",'@SUM(A1),",
        ",''quoted,",
    ] {
        assert!(text.contains(cell), "{cell} not in {text}");
    }
    let copy = round_trip(&db, dir.path(), Delimiter::Comma);
    assert_eq!(record(db.conn()), record(copy.conn()));
}

/// The "download template" files import as they are, in order: employees, programs, completions.
#[test]
fn templates_import_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("t.db")).unwrap();
    for kind in [
        ImportKind::Employees,
        ImportKind::Programs,
        ImportKind::Completions,
    ] {
        let file = dir.path().join(format!("{kind:?}.csv"));
        upskill_core::import::write_template(kind, &file).unwrap();
        assert!(std::fs::read(&file).unwrap().starts_with(b"\xEF\xBB\xBF"));
        let report = import_file(
            &mut db,
            kind,
            &file,
            &ImportOptions::default(),
            today(),
            &mut |_| {},
            &upskill_core::import::Cancel::default(),
        )
        .unwrap();
        assert!(
            report.problems.is_empty(),
            "{kind:?}: {:?}",
            report.problems
        );
        assert_eq!(report.inserted, 1, "{kind:?}");
    }
}
