//! Runs the real `upskill requirements`, `exemptions`, `report compliance` and `compliance
//! list` against a hand-built organisation whose statuses are worked out here by hand.

use std::path::Path;

use upskill_core::domain::{EmployeeInput, ProgramInput};
use upskill_testkit::cli;
use upskill_testkit::org::{completion, employee, program, Org};

fn upskill(args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = cli::run(env!("CARGO_BIN_EXE_upskill"), args);
    (code, cli::csv_text(&out), err)
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = upskill(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// M (Boss, Ops) manages E1-E6 (Data engineers, hired 2020-01-01; E6 on 2024-06-01).
/// P1 (AI literacy) is valid 12 months, P2 (Prompting) never expires.
/// R1: P1, everyone, from 2024-01-01, 30 days. R2: skill area Prompting, department "data"
/// (any case), from 2024-01-01, 30 days. E4 is exempt from R1 until 2024-12-31.
fn org(path: &Path) -> String {
    {
        let mut org = Org::open(path);
        for (id, area, validity) in [("P1", "AI literacy", Some(12)), ("P2", "Prompting", None)] {
            org.program(ProgramInput {
                skill_area: area.into(),
                validity_months: validity,
                ..program(id, id)
            });
        }
        let person = |id: &str, role: &str, department: &str, manager: Option<&str>, hire: &str| {
            EmployeeInput {
                role: role.into(),
                department: department.into(),
                manager_id: manager.map(String::from),
                hire_date: Some(hire.into()),
                ..employee(id)
            }
        };
        org.employee(person("M", "Boss", "Ops", None, "2020-01-01"));
        for i in 1..=6 {
            let hire = if i == 6 { "2024-06-01" } else { "2020-01-01" };
            org.employee(person(
                &format!("E{i}"),
                "Data engineer",
                "Data",
                Some("M"),
                hire,
            ));
        }
        for (employee, program, on) in [
            ("E1", "P1", "2024-01-31"), // expires 2025-01-31: compliant
            ("E2", "P1", "2023-08-31"), // expires 2024-08-31, before D + 90: expiring
            ("E3", "P1", "2023-01-31"), // expired 2024-01-31
            ("E1", "P2", "2024-02-01"), // never expires
            ("E2", "P2", "2024-06-16"), // after D: not counted
        ] {
            org.completion(completion(employee, program, on));
        }
    }
    let db = path.to_str().unwrap().to_string();
    ok(&[
        "--db",
        &db,
        "requirements",
        "add",
        "--id",
        "R1",
        "--title",
        "AI basics",
        "--program",
        "P1",
        "--due-days",
        "30",
        "--effective-from",
        "2024-01-01",
    ]);
    ok(&[
        "--db",
        &db,
        "requirements",
        "add",
        "--id",
        "R2",
        "--title",
        "Prompting",
        "--skill-area",
        "Prompting",
        "--department",
        "data",
        "--due-days",
        "30",
        "--effective-from",
        "2024-01-01",
    ]);
    ok(&[
        "--db",
        &db,
        "exemptions",
        "add",
        "--employee",
        "E4",
        "--requirement",
        "R1",
        "--reason",
        "On leave",
        "--until",
        "2024-12-31",
    ]);
    db
}

#[test]
fn the_action_list_has_its_columns_rows_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(&dir.path().join("c.db"));
    let out = ok(&[
        "--db",
        &db,
        "compliance",
        "list",
        "--as-of",
        "2024-06-15",
        "--format",
        "csv",
    ]);
    let expected = "\
employee_id,full_name,role,department,manager_id,requirement_id,status,due_on,last_completed_on,expires_on
E2,Person E2,Data engineer,Data,M,R2,overdue,2024-01-31,,
E3,Person E3,Data engineer,Data,M,R2,overdue,2024-01-31,,
E4,Person E4,Data engineer,Data,M,R2,overdue,2024-01-31,,
E5,Person E5,Data engineer,Data,M,R1,overdue,2024-01-31,,
E5,Person E5,Data engineer,Data,M,R2,overdue,2024-01-31,,
M,Person M,Boss,Ops,,R1,overdue,2024-01-31,,
E3,Person E3,Data engineer,Data,M,R1,expired,2024-01-31,2023-01-31,2024-01-31
E2,Person E2,Data engineer,Data,M,R1,expiring,2024-01-31,2023-08-31,2024-08-31
E6,Person E6,Data engineer,Data,M,R1,due,2024-07-01,,
E6,Person E6,Data engineer,Data,M,R2,due,2024-07-01,,
E1,Person E1,Data engineer,Data,M,R1,compliant,2024-01-31,2024-01-31,2025-01-31
E1,Person E1,Data engineer,Data,M,R2,compliant,2024-01-31,2024-02-01,
E4,Person E4,Data engineer,Data,M,R1,exempt,2024-01-31,,
";
    assert_eq!(out, expected);

    // Filters: statuses, requirement, manager (all levels), department.
    let out = ok(&[
        "--db",
        &db,
        "compliance",
        "list",
        "--as-of",
        "2024-06-15",
        "--format",
        "csv",
        "--status",
        "overdue,expired",
        "--requirement",
        "R1",
    ]);
    let rows: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| &l[..l.find(',').unwrap()])
        .collect();
    assert_eq!(rows, vec!["E5", "M", "E3"]);
    let out = ok(&[
        "--db",
        &db,
        "compliance",
        "list",
        "--as-of",
        "2024-06-15",
        "--format",
        "csv",
        "--manager",
        "M",
        "--status",
        "overdue",
    ]);
    assert_eq!(out.lines().count(), 1 + 5, "{out}");
    let out = ok(&[
        "--db",
        &db,
        "compliance",
        "list",
        "--as-of",
        "2024-06-15",
        "--format",
        "csv",
        "--department",
        "Ops",
    ]);
    assert_eq!(out.lines().count(), 2, "{out}");
    // W = 30: E2's expiry (2024-08-31) is after D + 30, so compliant.
    let out = ok(&[
        "--db",
        &db,
        "compliance",
        "list",
        "--as-of",
        "2024-06-15",
        "--format",
        "csv",
        "--expiring-days",
        "30",
        "--status",
        "compliant",
    ]);
    assert!(
        out.contains("\nE2,Person E2,Data engineer,Data,M,R1,compliant,"),
        "{out}"
    );
}

#[test]
fn the_report_has_its_columns_counts_and_suppression() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(&dir.path().join("c.db"));
    let out = ok(&[
        "--db",
        &db,
        "report",
        "compliance",
        "--by",
        "requirement",
        "--as-of",
        "2024-06-15",
        "--min-group",
        "0",
        "--format",
        "csv",
    ]);
    // R1: 7 obligations, (1 + 1) / (7 - 1) = 33.3; R2: 6, 1 / 6 = 16.7.
    assert_eq!(
        out,
        "requirement_id,people,obligations,compliant,expiring,expired,overdue,due,exempt,compliance_pct,suppressed\n\
         R1,7,7,1,1,1,2,1,1,33.3,false\n\
         R2,6,6,1,0,0,4,1,0,16.7,false\n"
    );
    // By department with k = 5: Ops (1 person) is hidden, and Data (6), the next-smallest,
    // with it; suppressed rows keep people only.
    let out = ok(&[
        "--db",
        &db,
        "report",
        "compliance",
        "--by",
        "department",
        "--as-of",
        "2024-06-15",
        "--format",
        "csv",
    ]);
    let blanks = ",".repeat(9);
    assert_eq!(
        out,
        format!(
            "department,people,obligations,compliant,expiring,expired,overdue,due,exempt,compliance_pct,suppressed\n\
             Data,6{blanks}true\nOps,1{blanks}true\n"
        )
    );
    let out = ok(&[
        "--db",
        &db,
        "report",
        "compliance",
        "--by",
        "department,requirement",
        "--as-of",
        "2024-06-15",
        "--min-group",
        "0",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.lines()
            .next()
            .unwrap()
            .split(',')
            .take(3)
            .collect::<Vec<_>>(),
        vec!["department", "requirement_id", "people"]
    );
    assert!(
        out.contains("\nData,R1,6,6,1,1,1,1,1,1,40.0,false\n"),
        "{out}"
    );
    assert!(
        out.contains("\nOps,R1,1,1,0,0,0,1,0,0,0.0,false\n"),
        "{out}"
    );

    // The table has the total; JSON parses.
    let out = ok(&[
        "--db",
        &db,
        "report",
        "compliance",
        "--by",
        "requirement",
        "--as-of",
        "2024-06-15",
        "--min-group",
        "0",
    ]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("All employees") && l.ends_with("25.0%")),
        "{out}"
    );
    let out = ok(&[
        "--db",
        &db,
        "report",
        "compliance",
        "--by",
        "requirement",
        "--as-of",
        "2024-06-15",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["total"]["obligations"], 13);
}

#[test]
fn bad_input_is_exit_1_with_the_flag_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(&dir.path().join("c.db"));
    for (args, message) in [
        (
            vec![
                "report",
                "compliance",
                "--by",
                "requirement",
                "--requirement",
                "R9",
            ],
            "--requirement: there is no requirement with id 'R9'",
        ),
        (
            vec!["report", "compliance", "--by", "skill_area"],
            "--by: 'skill_area' is not a dimension",
        ),
        (
            vec!["compliance", "list", "--as-of", "2024-02-30"],
            "--as-of: '2024-02-30' is not a real date",
        ),
        (
            vec!["compliance", "list", "--status", "late"],
            "--status: 'late' is not a status",
        ),
        (
            vec![
                "requirements",
                "add",
                "--id",
                "R3",
                "--title",
                "T",
                "--skill-area",
                "Nope",
            ],
            "--skill-area: no program has the skill area 'Nope'",
        ),
        (
            vec![
                "requirements",
                "add",
                "--id",
                "R3",
                "--title",
                "T",
                "--program",
                "P9",
            ],
            "--program: there is no program with id 'P9'",
        ),
        (
            vec![
                "exemptions",
                "add",
                "--employee",
                "X",
                "--requirement",
                "R1",
                "--reason",
                "r",
            ],
            "--employee: there is no employee with id 'X'",
        ),
    ] {
        let mut full = vec!["--db", db.as_str()];
        full.extend(args.iter().copied());
        let (code, _, err) = upskill(&full);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    // Nothing was written by the refused forms.
    let out = ok(&["--db", &db, "requirements", "list", "--all"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    let (code, _, _) = upskill(&["--db", &db, "report", "compliance"]);
    assert_eq!(code, 2);
}

#[test]
fn pool_small_pools_the_tiny_roles_of_the_report_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let db = org(&path);
    // A second one-person role beside the Boss: an Intern in Ops, below M.
    Org::open(&path).employee(EmployeeInput {
        role: "Intern".into(),
        department: "Ops".into(),
        manager_id: Some("M".into()),
        hire_date: Some("2020-01-01".into()),
        ..employee("X1")
    });
    let by_role = |extra: &[&str]| {
        let mut args = vec![
            "--db",
            &db,
            "report",
            "compliance",
            "--by",
            "role",
            "--as-of",
            "2024-06-15",
            "--min-group",
            "2",
            "--format",
            "csv",
        ];
        args.extend_from_slice(extra);
        ok(&args)
    };
    let plain = by_role(&[]);
    let rows: Vec<&str> = plain
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows, vec!["Boss", "Data engineer", "Intern"]);
    // Boss and Intern (one person each, one obligation each: R1, overdue) become one group of
    // 2 people, shown at k = 2: 0 of 2 compliant.
    let pooled = by_role(&["--pool-small"]);
    let lines: Vec<&str> = pooled.lines().collect();
    assert_eq!(lines.len(), 3, "{pooled}");
    assert!(lines[1].starts_with("Data engineer,6,"), "{pooled}");
    assert_eq!(
        lines[2],
        "\"Other (2 roles, 2 people)\",2,2,0,0,0,2,0,0,0.0,false"
    );
}
