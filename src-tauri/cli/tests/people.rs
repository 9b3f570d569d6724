//! Runs the real `upskill people` against the demo organisation and a hand-built one: its
//! counts agree with `upskill report coverage` group by group, its columns are fixed, a
//! manager may be named, and `--pool-small` pools the report's tail.

use std::collections::BTreeSet;
use std::process::Command;

use chrono::NaiveDate;
use upskill_core::db::Db;
use upskill_core::domain::EmployeeInput;

fn upskill(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_upskill"))
        .args(args)
        .env_remove("UPSKILL_DB")
        .output()
        .expect("run upskill");
    let stdout = String::from_utf8_lossy(&out.stdout);
    (
        out.status.code().unwrap_or(-1),
        stdout
            .strip_prefix('\u{feff}')
            .unwrap_or(&stdout)
            .replace("\r\n", "\n"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = upskill(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// (group, headcount, trained) per row of `report coverage --by DIM --min-group 0`.
fn report_rows(db: &str, dim: &str, extra: &[&str]) -> Vec<(String, usize, usize)> {
    let mut args = vec![
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        dim,
        "--min-group",
        "0",
        "--format",
        "csv",
    ];
    args.extend_from_slice(extra);
    ok(&args)
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (
                cells[0].to_string(),
                cells[1].parse().unwrap(),
                cells[2].parse().unwrap(),
            )
        })
        .collect()
}

/// The employee ids `upskill people` lists as CSV.
fn people_ids(db: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--db", db, "people", "--format", "csv"];
    all.extend_from_slice(args);
    ok(&all)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

#[test]
fn people_agree_with_the_coverage_report_group_by_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let db = path.to_str().unwrap();
    ok(&["--db", db, "demo", "--employees", "300"]);
    let filters: [&[&str]; 2] = [
        &[],
        &[
            "--skill-area",
            "Prompt engineering",
            "--as-of",
            "2025-06-30",
        ],
    ];
    for extra in filters {
        for (dim, flag) in [
            ("generation", "--generation"),
            ("age_band", "--age-band"),
            ("department", "--department"),
            ("location", "--location"),
        ] {
            for (group, headcount, trained) in report_rows(db, dim, extra) {
                let mut args: Vec<&str> = extra.to_vec();
                args.extend([flag, group.as_str()]);
                let everyone = people_ids(db, &args);
                assert_eq!(everyone.len(), headcount, "{args:?}");
                args.extend(["--trained", "yes"]);
                let yes = people_ids(db, &args);
                assert_eq!(yes.len(), trained, "{args:?}");
                *args.last_mut().unwrap() = "no";
                let no = people_ids(db, &args);
                assert_eq!(no.len() + yes.len(), headcount, "{args:?}");
                let mut sorted = everyone.clone();
                sorted.sort();
                assert_eq!(sorted, everyone, "sorted by employee_id");
                let split: BTreeSet<&String> = yes.iter().chain(&no).collect();
                assert_eq!(split.len(), headcount, "{args:?}");
            }
        }
    }
}

#[test]
fn columns_are_fixed_and_never_carry_a_birth_year() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let db = path.to_str().unwrap();
    ok(&["--db", db, "demo", "--employees", "50"]);
    let csv = ok(&["--db", db, "people", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "employee_id,full_name,email,role,department,manager_id,trained,last_completed_on"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["--db", db, "people", "--format", "json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), csv.lines().count() - 1);
    for row in rows {
        let keys: BTreeSet<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "employee_id",
                "full_name",
                "email",
                "role",
                "department",
                "manager_id",
                "trained",
                "last_completed_on"
            ])
        );
        assert_eq!(
            row["trained"].as_bool().unwrap(),
            !row["last_completed_on"].is_null()
        );
    }
    let table = ok(&["--db", db, "people", "--trained", "yes"]);
    assert!(table.starts_with("employee_id"), "{table}");
    let file = dir.path().join("people.csv");
    let (code, _, err) = upskill(&[
        "--db",
        db,
        "people",
        "--format",
        "csv",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&file).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn a_manager_may_be_named_and_bad_input_is_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.db");
    {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let mut db = Db::open(&path).unwrap();
        for (id, name, manager) in [
            ("M1", "Maya Haddad", None),
            ("M2", "Sam Roe", None),
            ("M3", "Sam Roe", None),
            ("E1", "Ann Lee", Some("M1")),
            ("E2", "Bo Chan", Some("M2")),
        ] {
            let input = EmployeeInput {
                employee_id: id.into(),
                full_name: name.into(),
                role: "Engineer".into(),
                department: "Data".into(),
                manager_id: manager.map(str::to_string),
                active: true,
                ..Default::default()
            };
            upskill_core::employees::create(&mut db, &input, today).unwrap();
        }
    }
    let db = path.to_str().unwrap();
    assert_eq!(people_ids(db, &["--manager", "maya haddad"]), ["E1"]);
    assert_eq!(people_ids(db, &["--manager", "M2"]), ["E2"]);
    let (code, _, err) = upskill(&["--db", db, "people", "--manager", "Sam Roe"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--manager") && err.contains("M2 (Data) and M3 (Data)"),
        "{err}"
    );
    let (code, _, err) = upskill(&["--db", db, "people", "--manager", "Nobody"]);
    assert_eq!(code, 1);
    assert!(err.contains("'Nobody'"), "{err}");
    let (code, _, err) = upskill(&["--db", db, "people", "--generation", "Boomers"]);
    assert_eq!(code, 1);
    assert!(err.contains("Baby Boomers"), "{err}");
    let (code, _, err) = upskill(&["--db", db, "people", "--trained", "maybe"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn pool_small_pools_the_report_s_tail_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let db = path.to_str().unwrap();
    ok(&["--db", db, "demo", "--employees", "300"]);
    let by_role = |extra: &[&str]| {
        let mut args = vec![
            "--db",
            db,
            "report",
            "coverage",
            "--by",
            "role",
            "--min-group",
            "15",
            "--format",
            "csv",
        ];
        args.extend_from_slice(extra);
        ok(&args)
    };
    let plain = by_role(&[]);
    assert!(!plain.contains("Other ("), "{plain}");
    let pooled = by_role(&["--pool-small"]);
    let header = pooled.lines().next().unwrap();
    assert_eq!(header, plain.lines().next().unwrap(), "same columns");
    let other = pooled
        .lines()
        .find(|l| l.starts_with("\"Other ("))
        .unwrap_or_else(|| panic!("{pooled}"));
    // The label counts the pooled roles and people; the row's headcount is those people.
    let label_end = other[1..].find('"').unwrap() + 1;
    let label = &other[1..label_end];
    let cells: Vec<&str> = other[label_end + 2..].split(',').collect();
    assert!(
        label.ends_with(&format!(", {} people)", cells[0])),
        "{other}"
    );
    let small: Vec<&str> = plain
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(1).unwrap().parse::<u32>().unwrap() < 15)
        .collect();
    assert!(
        label.starts_with(&format!("Other ({} roles", small.len())),
        "{other}"
    );
    // Every person is still counted once.
    let total = |csv: &str| -> u32 {
        csv.lines()
            .skip(1)
            .map(|l| l.rsplit(',').nth(3).unwrap().parse::<u32>().unwrap())
            .sum()
    };
    assert_eq!(total(&pooled), total(&plain));
}
