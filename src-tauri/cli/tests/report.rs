//! Runs the real `upskill report` against the demo organisation and a hand-built one.

use std::path::Path;

use upskill_core::domain::EmployeeInput;
use upskill_testkit::cli;
use upskill_testkit::org::{completion, employee, program, Org};

fn upskill(args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = cli::run(env!("CARGO_BIN_EXE_upskill"), args);
    (code, cli::csv_text(&out), err)
}

fn demo_db(dir: &Path) -> String {
    let path = dir.join("demo.db");
    let db = path.to_str().unwrap().to_string();
    let (code, _, err) = upskill(&["--db", &db, "demo"]);
    assert_eq!(code, 0, "{err}");
    db
}

/// (group, coverage_pct) from `report coverage --by generation --format csv`.
fn coverage_by_generation(csv: &str) -> Vec<(String, f64)> {
    csv.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[0].to_string(), cells[3].parse().unwrap())
        })
        .collect()
}

#[test]
fn the_demo_shows_the_generational_divide() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = upskill(&[
        "--db",
        &db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().next(),
        Some("generation,headcount,trained,coverage_pct,suppressed")
    );
    let rows = coverage_by_generation(&out);
    let groups: Vec<&str> = rows.iter().map(|(g, _)| g.as_str()).collect();
    assert_eq!(
        groups,
        vec!["Baby Boomers", "Gen X", "Millennials", "Gen Z"]
    );
    let (boomers, gen_x, millennials, gen_z) = (rows[0].1, rows[1].1, rows[2].1, rows[3].1);
    assert!((millennials - 47.0).abs() < 4.0, "{out}");
    assert!((gen_z - 40.0).abs() < 4.0, "{out}");
    assert!((boomers - 22.0).abs() < 5.0, "{out}");
    assert!(boomers < gen_x && gen_x < gen_z, "{out}");
    assert!(out.lines().skip(1).all(|l| l.ends_with(",false")), "{out}");
}

#[test]
fn the_table_states_definitions_and_gaps_name_the_divide() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = upskill(&["--db", &db, "report", "coverage", "--by", "generation"]);
    assert_eq!(code, 0, "{err}");
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("generation") && header.ends_with("headcount  trained  coverage"),
        "{out}"
    );
    for needle in [
        "All employees",
        "As of ",
        "Baby Boomers 1946-1964",
        "Gen Z 1997-2012",
        "(k = 5)",
        "Completion filters: none.",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }

    let (code, out, err) = upskill(&["--db", &db, "report", "gaps", "--by", "generation"]);
    assert_eq!(code, 0, "{err}");
    let divide = out
        .lines()
        .find(|l| l.starts_with("Divide: "))
        .unwrap_or_else(|| panic!("no divide line:\n{out}"));
    assert!(
        divide.starts_with("Divide: Millennials 4") && divide.contains("% vs Baby Boomers "),
        "{divide}"
    );
    assert!(divide.ends_with(" points"), "{divide}");
    let boomers = out.lines().find(|l| l.starts_with("Baby Boomers")).unwrap();
    assert!(boomers.ends_with("yes"), "Boomers are flagged: {out}");

    let (code, out, _) = upskill(&[
        "--db",
        &db,
        "report",
        "gaps",
        "--by",
        "generation",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().next(),
        Some("generation,headcount,trained,coverage_pct,org_coverage_pct,gap_pts,flagged")
    );
}

#[test]
fn json_parses_and_carries_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = upskill(&[
        "--db",
        &db,
        "report",
        "coverage",
        "--by",
        "role,generation",
        "--department",
        "Engineering",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["dims"], serde_json::json!(["role", "generation"]));
    assert_eq!(json["notes"]["filters"]["department"], "Engineering");
    assert_eq!(json["notes"]["min_group"], 5);
    assert_eq!(json["notes"]["generations"][3]["label"], "Millennials");
    assert_eq!(json["notes"]["generations"][3]["first_year"], 1981);
    let rows = json["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let sum: u64 = rows.iter().map(|r| r["headcount"].as_u64().unwrap()).sum();
    assert_eq!(json["total"]["headcount"].as_u64(), Some(sum));

    let (code, out, _) = upskill(&[
        "--db",
        &db,
        "report",
        "gaps",
        "--by",
        "generation",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["divide"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Millennials"));
}

/// Gen X: 6 people, none trained; Millennials: 7, three trained; Gen Z: 2, one trained.
fn small_org(path: &Path) {
    let mut org = Org::open(path);
    org.program(program("P1", "Prompting"));
    let mut n = 0;
    for (year, count, trained) in [(1970, 6, 0), (1990, 7, 3), (2000, 2, 1)] {
        for i in 0..count {
            n += 1;
            let id = format!("E{n}");
            org.employee(EmployeeInput {
                birth_year: Some(year),
                hire_date: Some("2020-01-01".into()),
                ..employee(&id)
            });
            if i < trained {
                org.completion(completion(&id, "P1", "2025-05-05"));
            }
        }
    }
}

#[test]
fn csv_suppresses_small_groups_and_their_complement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.db");
    small_org(&path);
    let db = path.to_str().unwrap();
    let (code, out, err) = upskill(&[
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    // Gen Z (2) is below k = 5; Gen X (6), the next smallest, goes with it. 3/7 = 42.86.
    assert_eq!(
        out,
        "generation,headcount,trained,coverage_pct,suppressed\n\
         Gen X,6,,,true\n\
         Millennials,7,3,42.9,false\n\
         Gen Z,2,,,true\n"
    );
    let (_, out, _) = upskill(&[
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--min-group",
        "0",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out,
        "generation,headcount,trained,coverage_pct,suppressed\n\
         Gen X,6,0,0.0,false\n\
         Millennials,7,3,42.9,false\n\
         Gen Z,2,1,50.0,false\n"
    );
    // The table says "fewer than k" instead of a number.
    let (_, out, _) = upskill(&["--db", db, "report", "coverage", "--by", "generation"]);
    let gen_z = out.lines().find(|l| l.starts_with("Gen Z")).unwrap();
    assert!(gen_z.ends_with("fewer than 5"), "{out}");
    // Completions before 2025-06-01 only count with --from before them.
    let (_, out, _) = upskill(&[
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--from",
        "2025-06-01",
        "--min-group",
        "0",
        "--format",
        "csv",
    ]);
    assert!(out.contains("Millennials,7,0,0.0,false"), "{out}");
}

#[test]
fn bad_arguments_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.db");
    small_org(&path);
    let db = path.to_str().unwrap();
    let (code, _, err) = upskill(&["--db", db, "report", "coverage", "--by", "team"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "upskill: --by: 'team' is not a dimension; choose from generation, age_band, role, department, location, skill_area"
    );
    let (code, _, err) = upskill(&[
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--as-of",
        "2026-02-30",
        "--manager",
        "NOPE",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "upskill: --as-of: '2026-02-30' is not a real date in the form YYYY-MM-DD; --manager: there is no employee with id 'NOPE'"
    );
    let (code, _, err) = upskill(&["--db", db, "report", "gaps", "--by", "generation,role"]);
    assert_eq!(code, 1);
    assert!(err.contains("one dimension"), "{err}");
    let (code, _, err) = upskill(&[
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--format",
        "xml",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values: table, csv, json"), "{err}");
    let (code, _, err) = upskill(&["--db", db, "report", "coverage"]);
    assert_eq!(code, 2);
    assert!(err.contains("--by"), "{err}");
    for args in [
        vec!["report", "--help"],
        vec!["report", "coverage", "--help"],
        vec!["report", "gaps", "--help"],
    ] {
        let (code, out, _) = upskill(&args);
        assert_eq!(code, 0);
        assert!(out.contains("Usage: upskill report"), "{out}");
    }
}

#[test]
fn csv_is_excel_ready_and_can_go_to_a_file_with_notes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = upskill(&["--db", db, "demo", "--employees", "200"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("gaps.csv");
    let (code, out, err) = upskill(&[
        "--db",
        db,
        "report",
        "gaps",
        "--by",
        "generation",
        "--format",
        "csv",
        "--delimiter",
        ";",
        "--with-notes",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "the report went to the file: {out}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with(
            "generation;headcount;trained;coverage_pct;org_coverage_pct;gap_pts;flagged\r\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\r\n\"\"\r\n"),
        "a blank row before the notes: {text}"
    );
    assert!(
        text.contains("Millennials") && text.contains("1981"),
        "notes state the generation boundaries: {text}"
    );
    assert!(text.contains(" vs "), "the divide is named: {text}");
    // Negative gaps are numbers, not text protected against formulas.
    assert!(text.contains(";-"), "{text}");
    assert!(!text.contains(";'-"), "{text}");

    let (code, _, err) = upskill(&[
        "--db",
        db,
        "report",
        "coverage",
        "--by",
        "generation",
        "--format",
        "csv",
        "--output",
        "/nonexistent-dir/r.csv",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent-dir/r.csv"), "{err}");
}

#[test]
fn trend_is_the_coverage_report_at_each_period_end_and_bad_ranges_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = upskill(&[
        "--db",
        &db,
        "report",
        "trend",
        "--by",
        "generation",
        "--from",
        "2025-11-15",
        "--to",
        "2026-02-10",
        "--every",
        "month",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().next(),
        Some("period_end,generation,headcount,trained,coverage_pct,suppressed")
    );
    let ends: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(",All employees,"))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        ends,
        ["2025-11-30", "2025-12-31", "2026-01-31", "2026-02-10"]
    );
    // Each point's rows are `report coverage --as-of POINT`.
    for end in ends {
        let (code, coverage, err) = upskill(&[
            "--db",
            &db,
            "report",
            "coverage",
            "--by",
            "generation",
            "--as-of",
            end,
            "--format",
            "csv",
        ]);
        assert_eq!(code, 0, "{err}");
        let mine: Vec<String> = out
            .lines()
            .filter(|l| l.starts_with(end) && !l.contains(",All employees,"))
            .map(|l| l[end.len() + 1..].to_string())
            .collect();
        let theirs: Vec<String> = coverage.lines().skip(1).map(str::to_string).collect();
        assert_eq!(mine, theirs, "{end}");
    }
    for args in [
        ["--from", "2026-02-01", "--to", "2026-01-01"],
        ["--from", "1980-01-01", "--to", "2026-01-01"],
    ] {
        let mut all = vec!["--db", &db, "report", "trend", "--by", "generation"];
        all.extend(args);
        let (code, _, err) = upskill(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
    }
}

#[test]
fn targets_are_added_listed_reported_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = upskill(&[
        "--db",
        &db,
        "targets",
        "add",
        "--id",
        "T-eng",
        "--title",
        "Engineering at 90%",
        "--department",
        "Engineering",
        "--metric",
        "coverage",
        "--value",
        "90",
        "--due",
        "2099-12-31",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = upskill(&[
        "--db",
        &db,
        "targets",
        "add",
        "--id",
        "T-bad",
        "--title",
        "Nobody",
        "--department",
        "Nowhere",
        "--metric",
        "coverage",
        "--value",
        "90",
        "--due",
        "2099-12-31",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--department"), "{err}");
    let (code, out, err) = upskill(&["--db", &db, "report", "targets", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("target_id,title,metric,value,due,current,value_180_days_ago,forecast_at_due,status,reach_date")
    );
    // The demo's own two targets and the one added.
    let ids: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert!(ids.contains(&"T-eng"), "{out}");
    let (code, _, err) = upskill(&["--db", &db, "targets", "delete", "T-eng"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = upskill(&["--db", &db, "targets", "list"]);
    assert!(!out.contains("T-eng"), "{out}");
}
