//! Reports on hand-built organisations whose answers are worked out here by hand, and the
//! `reach` triggers checked against a plain scan of the completions on random records.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::*;
use crate::db::Db;

use crate::testing::today;

/// One employee: (id, birth year, role, department, location, manager, hire date, active).
type Person<'a> = (
    &'a str,
    Option<i32>,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    bool,
);

fn add_employee(conn: &Connection, p: Person<'_>) {
    let (id, birth_year, role, department, location, manager, hire, active) = p;
    conn.execute(
        "INSERT INTO employees (employee_id, full_name, role, department, location, manager_id, \
         birth_year, hire_date, active) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, role, department, location, manager, birth_year, hire, active],
    )
    .unwrap();
}

/// `n` plain employees born in `year`, ids `{prefix}1..`, role R, department D, Berlin.
fn add_many(conn: &Connection, prefix: &str, n: usize, year: Option<i32>) -> Vec<String> {
    (1..=n)
        .map(|i| {
            let id = format!("{prefix}{i}");
            add_employee(
                conn,
                (
                    &id,
                    year,
                    "R",
                    "D",
                    Some("Berlin"),
                    None,
                    Some("2020-01-01"),
                    true,
                ),
            );
            id
        })
        .collect()
}

fn add_program(conn: &Connection, id: &str, area: &str, format: &str) {
    conn.execute(
        "INSERT INTO programs (program_id, title, skill_area, format) VALUES (?1, ?1, ?2, ?3)",
        params![id, area, format],
    )
    .unwrap();
}

fn complete(conn: &Connection, employee: &str, program: &str, on: &str) {
    let n = conn
        .execute(
            "INSERT INTO completions (employee_ref, program_ref, completed_on) \
             SELECT e.id, p.id, ?3 FROM employees e, programs p \
             WHERE e.employee_id = ?1 AND p.program_id = ?2",
            params![employee, program, on],
        )
        .unwrap();
    assert_eq!(n, 1, "{employee} {program}");
}

fn query(dims: &[Dimension], filters: Filters, k: u32) -> ReportQuery {
    ReportQuery {
        dims: dims.to_vec(),
        filters,
        min_group: k,
    }
}

fn by(conn: &Connection, dims: &[Dimension], filters: Filters, k: u32) -> CoverageReport {
    coverage(conn, &query(dims, filters, k), today()).unwrap()
}

/// (labels joined by "/", headcount, trained, coverage, suppressed) for easy comparison.
type Shape = (String, u32, Option<u32>, Option<f64>, bool);

fn shape(report: &CoverageReport) -> Vec<Shape> {
    report
        .rows
        .iter()
        .map(|r| {
            (
                r.groups.join("/"),
                r.headcount,
                r.trained,
                r.coverage_pct,
                r.suppressed,
            )
        })
        .collect()
}

fn row(label: &str, headcount: u32, trained: u32, pct: f64) -> Shape {
    (label.into(), headcount, Some(trained), Some(pct), false)
}

fn hidden(label: &str, headcount: u32) -> Shape {
    (label.into(), headcount, None, None, true)
}

/// The generations organisation:
///   Baby Boomers (1950)  6 employees, 1 trained  → 16.7%  (1/6 = 16.67)
///   Gen X (1970)         8 employees, 3 trained  → 37.5%
///   Millennials (1990)  10 employees, 5 trained  → 50.0%
///   Gen Z (2000)         3 employees, 2 trained  → 66.7%  (2/3 = 66.67)
///   Unknown (no year)    1 employee,  0 trained  →  0.0%
///   Total               28 employees, 11 trained → 39.3%  (11/28 = 39.29)
fn generations_org() -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "AI literacy", "e_learning");
    for (prefix, n, year, trained) in [
        ("B", 6, Some(1950), 1),
        ("X", 8, Some(1970), 3),
        ("M", 10, Some(1990), 5),
        ("Z", 3, Some(2000), 2),
        ("U", 1, None, 0),
    ] {
        let ids = add_many(conn, prefix, n, year);
        for id in ids.iter().take(trained) {
            complete(conn, id, "P1", "2026-03-01");
        }
    }
    db
}

#[test]
fn coverage_by_generation_worked_by_hand() {
    let db = generations_org();
    let report = by(db.conn(), &[Dimension::Generation], Filters::default(), 0);
    assert_eq!(
        shape(&report),
        vec![
            row("Baby Boomers", 6, 1, 16.7),
            row("Gen X", 8, 3, 37.5),
            row("Millennials", 10, 5, 50.0),
            row("Gen Z", 3, 2, 66.7),
            row("Unknown", 1, 0, 0.0),
        ]
    );
    assert_eq!(
        (
            report.total.headcount,
            report.total.trained,
            report.total.coverage_pct
        ),
        (28, Some(11), Some(39.3))
    );
    assert_eq!(
        report.axes,
        vec![vec![
            "Baby Boomers",
            "Gen X",
            "Millennials",
            "Gen Z",
            "Unknown"
        ]]
    );
    assert_eq!(report.notes.generations.len(), 6);
    assert_eq!(
        report.notes.generations[1],
        GenerationBand {
            label: "Baby Boomers".into(),
            first_year: Some(1946),
            last_year: Some(1964)
        }
    );
}

#[test]
fn small_groups_are_suppressed_and_a_lone_one_takes_the_next_smallest() {
    let db = generations_org();
    let conn = db.conn();
    // k = 5: Gen Z (3) and Unknown (1) are below; two hidden protect each other.
    assert_eq!(
        shape(&by(conn, &[Dimension::Generation], Filters::default(), 5)),
        vec![
            row("Baby Boomers", 6, 1, 16.7),
            row("Gen X", 8, 3, 37.5),
            row("Millennials", 10, 5, 50.0),
            hidden("Gen Z", 3),
            hidden("Unknown", 1),
        ]
    );
    // k = 2: only Unknown (1) is below; 28 − the others would give it away, so the next
    // smallest, Gen Z (3), goes too.
    assert_eq!(
        shape(&by(conn, &[Dimension::Generation], Filters::default(), 2)),
        vec![
            row("Baby Boomers", 6, 1, 16.7),
            row("Gen X", 8, 3, 37.5),
            row("Millennials", 10, 5, 50.0),
            hidden("Gen Z", 3),
            hidden("Unknown", 1),
        ]
    );
    // k = 7: Baby Boomers (6), Gen Z, Unknown below: three hidden, nothing more.
    let report = by(conn, &[Dimension::Generation], Filters::default(), 7);
    assert_eq!(
        shape(&report),
        vec![
            hidden("Baby Boomers", 6),
            row("Gen X", 8, 3, 37.5),
            row("Millennials", 10, 5, 50.0),
            hidden("Gen Z", 3),
            hidden("Unknown", 1),
        ]
    );
    assert!(!report.total.suppressed);
    // k = 29: the whole population (28) is below: the total too.
    let report = by(conn, &[Dimension::Generation], Filters::default(), 29);
    assert!(report.rows.iter().all(|r| r.suppressed));
    assert_eq!(
        (
            report.total.headcount,
            report.total.trained,
            report.total.suppressed
        ),
        (28, None, true)
    );
}

#[test]
fn gaps_flag_at_the_threshold_and_name_the_divide() {
    let db = generations_org();
    let gap = |k: u32, threshold: f64| {
        gaps(
            db.conn(),
            &GapQuery {
                dim: Dimension::Generation,
                filters: Filters::default(),
                min_group: k,
                threshold,
            },
            today(),
        )
        .unwrap()
    };
    // Org 39.3: Boomers 16.7 − 39.3 = −22.6; Gen X −1.8; Millennials +10.7; Gen Z +27.4;
    // Unknown −39.3.
    let report = gap(0, 22.6);
    let gaps: Vec<(String, Option<f64>, bool)> = report
        .rows
        .iter()
        .map(|r| (r.group.clone(), r.gap_pts, r.flagged))
        .collect();
    assert_eq!(
        gaps,
        vec![
            ("Baby Boomers".to_string(), Some(-22.6), true),
            ("Gen X".to_string(), Some(-1.8), false),
            ("Millennials".to_string(), Some(10.7), false),
            ("Gen Z".to_string(), Some(27.4), false),
            ("Unknown".to_string(), Some(-39.3), true),
        ]
    );
    assert_eq!(
        report.divide.as_ref().unwrap().text,
        "Gen Z 66.7% vs Unknown 0.0%: 66.7 points"
    );
    // Just past the threshold: not flagged.
    assert!(!gap(0, 22.7).rows[0].flagged);
    // k = 5 hides Gen Z and Unknown: no gap for them, and the divide is between the shown.
    let report = gap(5, 10.0);
    assert_eq!(
        (report.rows[3].gap_pts, report.rows[3].flagged),
        (None, false)
    );
    let divide = report.divide.unwrap();
    assert_eq!(
        divide.text,
        "Millennials 50.0% vs Baby Boomers 16.7%: 33.3 points"
    );
    assert_eq!(
        (
            divide.highest.as_str(),
            divide.lowest.as_str(),
            divide.gap_pts
        ),
        ("Millennials", "Baby Boomers", 33.3)
    );
    assert_eq!(report.total.coverage_pct, Some(39.3));
}

#[test]
fn divide_needs_two_shown_groups() {
    let db = Db::open_in_memory().unwrap();
    add_many(db.conn(), "M", 6, Some(1990));
    let report = gaps(
        db.conn(),
        &GapQuery {
            dim: Dimension::Generation,
            filters: Filters::default(),
            min_group: 5,
            threshold: 10.0,
        },
        today(),
    )
    .unwrap();
    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.divide, None);
}

#[test]
fn as_of_drops_later_hires_and_later_completions_and_moves_age_bands() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "AI literacy", "workshop");
    // A: born 2001, hired 2024-01-01, trained 2025-06-01 and 2026-02-01.
    // B: born 2002, hired 2025-07-01 (after the as-of), trained 2025-08-01.
    // C: born 1992, no hire date, trained 2025-07-01 (after the as-of).
    // D: born 1992, hired 2020, trained 2025-06-30 (on the as-of: counts).
    for (id, year, hire) in [
        ("A", 2001, Some("2024-01-01")),
        ("B", 2002, Some("2025-07-01")),
        ("C", 1992, None),
        ("D", 1992, Some("2020-01-01")),
    ] {
        add_employee(conn, (id, Some(year), "R", "D", None, None, hire, true));
    }
    complete(conn, "A", "P1", "2025-06-01");
    complete(conn, "A", "P1", "2026-02-01");
    complete(conn, "B", "P1", "2025-08-01");
    complete(conn, "C", "P1", "2025-07-01");
    complete(conn, "D", "P1", "2025-06-30");
    let as_of = |date: &str| Filters {
        as_of: Some(date.into()),
        ..Default::default()
    };
    // As of 2025-06-30: B not yet hired; C untrained; A, D trained. Ages as of 2025:
    // A 24 (<25), C and D 33 (25-34).
    let report = by(conn, &[Dimension::AgeBand], as_of("2025-06-30"), 0);
    assert_eq!(
        shape(&report),
        vec![row("<25", 1, 1, 100.0), row("25-34", 2, 1, 50.0)]
    );
    assert_eq!(report.notes.as_of, "2025-06-30");
    assert!(
        report.notes.lines.iter().any(|l| l.contains("age = 2025")),
        "{:?}",
        report.notes.lines
    );
    // As of 2025-05-31: nobody trained yet.
    let report = by(conn, &[Dimension::AgeBand], as_of("2025-05-31"), 0);
    assert_eq!(report.total.trained, Some(0));
    // As of 2026-01-01: A is 25 now, B (24) hired and trained, C trained.
    let report = by(conn, &[Dimension::AgeBand], as_of("2026-01-01"), 0);
    assert_eq!(
        shape(&report),
        vec![row("<25", 1, 1, 100.0), row("25-34", 3, 3, 100.0)]
    );
    // Default as-of is today (passed in).
    let report = by(conn, &[Dimension::AgeBand], Filters::default(), 0);
    assert_eq!(report.notes.as_of, "2026-11-29");
    assert_eq!(report.total.headcount, 4);
}

#[test]
fn inactive_employees_count_only_when_asked() {
    let db = generations_org();
    let conn = db.conn();
    // Deactivate one trained Millennial (M1) and one untrained one (M10).
    conn.execute(
        "UPDATE employees SET active = 0 WHERE employee_id IN ('M1', 'M10')",
        [],
    )
    .unwrap();
    let report = by(conn, &[Dimension::Generation], Filters::default(), 0);
    assert_eq!(shape(&report)[2], row("Millennials", 8, 4, 50.0));
    assert_eq!(report.total.headcount, 26);
    let all = by(
        conn,
        &[Dimension::Generation],
        Filters {
            include_inactive: true,
            ..Default::default()
        },
        0,
    );
    assert_eq!(shape(&all)[2], row("Millennials", 10, 5, 50.0));
    assert_eq!(all.total.headcount, 28);
}

/// Leavers at the boundaries: counted up to the day before `left_on`, whether or not the
/// flag says inactive; an inactive employee without `left_on` is counted at no date.
///   A  hired 2025-01-31, left 2025-03-31, inactive, trained 2025-02-15
///   B  hired 2020, left 2025-03-01 but still marked active, untrained
///   C  hired 2020, inactive, no left_on, trained 2024-01-01
///   D  hired 2020, left 2027-01-01 (after today), active, untrained
///   E  no hire date, never left, trained 2025-03-31
#[test]
fn leavers_count_until_the_day_they_left_at_every_as_of() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "AI literacy", "workshop");
    for (id, hire, left, active) in [
        ("A", Some("2025-01-31"), Some("2025-03-31"), false),
        ("B", Some("2020-01-01"), Some("2025-03-01"), true),
        ("C", Some("2020-01-01"), None, false),
        ("D", Some("2020-01-01"), Some("2027-01-01"), true),
        ("E", None, None, true),
    ] {
        add_employee(conn, (id, Some(1990), "R", "D", None, None, hire, active));
        conn.execute(
            "UPDATE employees SET left_on = ?2 WHERE employee_id = ?1",
            params![id, left],
        )
        .unwrap();
    }
    complete(conn, "A", "P1", "2025-02-15");
    complete(conn, "C", "P1", "2024-01-01");
    complete(conn, "E", "P1", "2025-03-31");
    let at = |date: &str, include_inactive: bool| {
        let r = by(
            conn,
            &[Dimension::Generation],
            Filters {
                as_of: Some(date.into()),
                include_inactive,
                ..Default::default()
            },
            0,
        );
        (r.total.headcount, r.total.trained.unwrap())
    };
    // The day before A's hire: B, D, E.
    assert_eq!(at("2025-01-30", false), (3, 0));
    // A's hire date counts.
    assert_eq!(at("2025-01-31", false), (4, 0));
    // B's last day is 2025-02-28; on 2025-03-01 B has left.
    assert_eq!(at("2025-02-28", false), (4, 1));
    assert_eq!(at("2025-03-01", false), (3, 1));
    // A's last day, then A's leaving day (E trained that day).
    assert_eq!(at("2025-03-30", false), (3, 1));
    assert_eq!(at("2025-03-31", false), (2, 1));
    // Today: D (leaving next year) and E.
    assert_eq!(at("2026-11-29", false), (2, 1));
    assert_eq!(at("2027-01-01", false), (1, 1));
    // With inactive employees: C (no left_on) comes in; the leavers still go on their day.
    assert_eq!(at("2025-03-30", true), (4, 2));
    assert_eq!(at("2025-03-31", true), (3, 2));
    // The gap report and the dashboard use the same population.
    let gaps = super::gaps(
        conn,
        &GapQuery {
            dim: Dimension::Generation,
            filters: Filters {
                as_of: Some("2025-03-30".into()),
                ..Default::default()
            },
            min_group: 0,
            threshold: 10.0,
        },
        today(),
    )
    .unwrap();
    assert_eq!(gaps.total.headcount, 3);
    let dash = dashboard(
        conn,
        &DashboardQuery {
            filters: Filters {
                as_of: Some("2025-02-28".into()),
                ..Default::default()
            },
            min_group: 0,
            threshold: 10.0,
            pool_small: false,
        },
        today(),
    )
    .unwrap();
    assert_eq!((dash.total.headcount, dash.total.trained), (4, Some(1)));
}

#[test]
fn left_on_is_checked_like_hire_date_and_makes_a_leaver_inactive() {
    use crate::domain::EmployeeInput;
    let mut db = Db::open_in_memory().unwrap();
    let mut input = crate::employees::tests::input("E1", "Ada", None);
    input.left_on = Some("2019-12-31".into());
    let err = crate::employees::create(&mut db, &input, today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "left_on: 2019-12-31 is before the hire date 2020-01-15"
    );
    input.left_on = Some("2026-02-30".into());
    assert_eq!(
        crate::employees::create(&mut db, &input, today())
            .unwrap_err()
            .fields()[0]
            .field,
        "left_on"
    );
    // Leaving after today: still active; on or before today: inactive.
    input.left_on = Some("2026-11-30".into());
    let e = crate::employees::create(&mut db, &input, today()).unwrap();
    assert!(e.active);
    assert_eq!(e.left_on.as_deref(), Some("2026-11-30"));
    input.left_on = Some("2026-11-29".into());
    let e = crate::employees::update(&mut db, &input, today()).unwrap();
    assert!(!e.active);
    // Clearing left_on does not make them active by itself.
    let cleared = EmployeeInput {
        left_on: None,
        active: e.active,
        ..input.clone()
    };
    let e = crate::employees::update(&mut db, &cleared, today()).unwrap();
    assert_eq!((e.active, e.left_on), (false, None));
    // The schema refuses what the domain refuses.
    let conn = db.conn();
    for bad in ["2026-02-30", "2019-01-01", "1899-12-31"] {
        let err = conn
            .execute(
                "UPDATE employees SET left_on = ? WHERE employee_id = 'E1'",
                params![bad],
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{bad}: {err}");
    }
}

/// A manager tree:  CEO → L1, L2;  L1 → A, B;  A → C;  C → D (inactive);  L2 → E.
fn tree_org() -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "AI literacy", "workshop");
    for (id, manager, active) in [
        ("CEO", None, true),
        ("L1", Some("CEO"), true),
        ("L2", Some("CEO"), true),
        ("A", Some("L1"), true),
        ("B", Some("L1"), true),
        ("C", Some("A"), true),
        ("D", Some("C"), false),
        ("E", Some("L2"), true),
    ] {
        add_employee(
            conn,
            (
                id,
                Some(1985),
                "R",
                "D",
                None,
                manager,
                Some("2020-01-01"),
                active,
            ),
        );
    }
    for id in ["L1", "A", "C", "D", "E"] {
        complete(conn, id, "P1", "2026-01-01");
    }
    db
}

#[test]
fn manager_means_everyone_below_at_any_depth_not_the_manager() {
    let db = tree_org();
    let team = |manager: &str, include_inactive: bool| {
        let report = by(
            db.conn(),
            &[Dimension::Generation],
            Filters {
                manager_id: Some(manager.into()),
                include_inactive,
                ..Default::default()
            },
            0,
        );
        (report.total.headcount, report.total.trained.unwrap())
    };
    // Below L1: A, B, C (D inactive): trained A, C.
    assert_eq!(team("L1", false), (3, 2));
    assert_eq!(team("L1", true), (4, 3));
    // Below A: C (and D).
    assert_eq!(team("A", false), (1, 1));
    // Below the CEO: everyone but the CEO and inactive D.
    assert_eq!(team("CEO", false), (6, 4));
    // Nobody below E.
    assert_eq!(team("E", false), (0, 0));
    let report = by(
        db.conn(),
        &[Dimension::Generation],
        Filters {
            manager_id: Some("L1".into()),
            ..Default::default()
        },
        0,
    );
    assert!(report
        .notes
        .lines
        .iter()
        .any(|l| l.contains("below manager L1")));
}

/// Skill areas and filters:
///   Programs: AI1 (AI literacy, e_learning), AI2 (AI literacy, workshop),
///             PE1 (Prompt engineering, bootcamp), SEC (Security, e_learning, nobody took it).
///   E1: AI1 2026-01-10, PE1 2026-06-30
///   E2: AI2 2025-12-31
///   E3: PE1 2026-07-01
///   E4: AI1 2025-01-01, AI1 2026-09-01 (the same program twice)
///   E5: nothing
fn areas_org() -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "AI1", "AI literacy", "e_learning");
    add_program(conn, "AI2", "AI literacy", "workshop");
    add_program(conn, "PE1", "Prompt engineering", "bootcamp");
    add_program(conn, "SEC", "Security", "e_learning");
    add_many(conn, "E", 5, Some(1990));
    complete(conn, "E1", "AI1", "2026-01-10");
    complete(conn, "E1", "PE1", "2026-06-30");
    complete(conn, "E2", "AI2", "2025-12-31");
    complete(conn, "E3", "PE1", "2026-07-01");
    complete(conn, "E4", "AI1", "2025-01-01");
    complete(conn, "E4", "AI1", "2026-09-01");
    db
}

fn trained(conn: &Connection, filters: Filters) -> u32 {
    by(conn, &[Dimension::Generation], filters, 0)
        .total
        .trained
        .unwrap()
}

#[test]
fn skill_area_rows_have_the_whole_population_as_headcount() {
    let db = areas_org();
    let report = by(db.conn(), &[Dimension::SkillArea], Filters::default(), 0);
    assert_eq!(
        shape(&report),
        vec![
            row("AI literacy", 5, 3, 60.0),
            row("Prompt engineering", 5, 2, 40.0),
            row("Security", 5, 0, 0.0),
        ]
    );
    // Trained in any area: E1..E4.
    assert_eq!(report.total.trained, Some(4));
    // Completions in 2026 only: AI literacy E1, E4; Prompt engineering E1, E3.
    let report = by(
        db.conn(),
        &[Dimension::SkillArea],
        Filters {
            from: Some("2026-01-01".into()),
            ..Default::default()
        },
        0,
    );
    assert_eq!(
        shape(&report),
        vec![
            row("AI literacy", 5, 2, 40.0),
            row("Prompt engineering", 5, 2, 40.0),
            row("Security", 5, 0, 0.0),
        ]
    );
    // A skill-area filter lists that area only.
    let report = by(
        db.conn(),
        &[Dimension::SkillArea],
        Filters {
            skill_area: Some("Prompt engineering".into()),
            ..Default::default()
        },
        0,
    );
    assert_eq!(shape(&report), vec![row("Prompt engineering", 5, 2, 40.0)]);
    assert_eq!(report.total.trained, Some(2));
}

#[test]
fn completion_filters_and_inclusive_dates() {
    let db = areas_org();
    let conn = db.conn();
    let f = |area: Option<&str>,
             format: Option<&str>,
             program: Option<&str>,
             from: Option<&str>,
             to: Option<&str>| Filters {
        skill_area: area.map(str::to_string),
        program_format: format.map(str::to_string),
        program_id: program.map(str::to_string),
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        ..Default::default()
    };
    assert_eq!(trained(conn, f(None, None, None, None, None)), 4);
    assert_eq!(
        trained(conn, f(Some("AI literacy"), None, None, None, None)),
        3
    );
    assert_eq!(
        trained(conn, f(None, Some("e_learning"), None, None, None)),
        2
    ); // E1, E4
    assert_eq!(
        trained(conn, f(None, Some("Bootcamp"), None, None, None)),
        2
    ); // E1, E3
    assert_eq!(
        trained(
            conn,
            f(Some("AI literacy"), Some("workshop"), None, None, None)
        ),
        1
    ); // E2
    assert_eq!(
        trained(
            conn,
            f(
                Some("Prompt engineering"),
                Some("e_learning"),
                None,
                None,
                None
            )
        ),
        0
    );
    assert_eq!(trained(conn, f(None, None, Some("PE1"), None, None)), 2);
    assert_eq!(trained(conn, f(None, None, Some("SEC"), None, None)), 0);
    // A program outside the filtered area: nobody.
    assert_eq!(
        trained(conn, f(Some("AI literacy"), None, Some("PE1"), None, None)),
        0
    );
    // Dates are inclusive at both ends.
    assert_eq!(
        trained(
            conn,
            f(None, None, None, Some("2026-06-30"), Some("2026-07-01"))
        ),
        2
    ); // E1 on from, E3 on to
    assert_eq!(
        trained(conn, f(None, None, None, Some("2026-07-02"), None)),
        1
    ); // E4 (2026-09-01)
    assert_eq!(
        trained(conn, f(None, None, None, None, Some("2025-12-31"))),
        2
    ); // E2 on the day, E4 2025-01-01
       // E4 straddles the range (2025-01-01 and 2026-09-01) with nothing inside it.
    assert_eq!(
        trained(
            conn,
            f(None, None, None, Some("2025-02-01"), Some("2025-12-30"))
        ),
        0
    );
    assert_eq!(
        trained(
            conn,
            f(
                Some("AI literacy"),
                None,
                None,
                Some("2025-02-01"),
                Some("2025-12-31")
            )
        ),
        1
    ); // E2
    assert_eq!(
        trained(conn, f(None, None, Some("PE1"), Some("2026-07-01"), None)),
        1
    ); // E3
       // `to` after the as-of: the as-of wins.
    let mut late = f(None, None, None, None, Some("2026-12-31"));
    late.as_of = Some("2026-01-01".into());
    assert_eq!(trained(conn, late), 2); // E2, E4
}

#[test]
fn department_location_and_role_groups_sort_alphabetically_unknown_last() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "AI literacy", "workshop");
    for (id, role, dept, location) in [
        ("1", "data engineer", "Data", Some("London")),
        ("2", "Analyst", "Data", None),
        ("3", "Zoologist", "Ops", Some("berlin")),
        ("4", "Analyst", "Ops", Some("Austin")),
    ] {
        add_employee(
            conn,
            (
                id,
                Some(1980),
                role,
                dept,
                location,
                None,
                Some("2020-01-01"),
                true,
            ),
        );
    }
    complete(conn, "2", "P1", "2026-01-01");
    complete(conn, "3", "P1", "2026-01-01");
    let labels = |dims: &[Dimension], filters: Filters| -> Vec<String> {
        by(conn, dims, filters, 0)
            .rows
            .iter()
            .map(|r| r.groups.join("/"))
            .collect()
    };
    assert_eq!(
        labels(&[Dimension::Role], Filters::default()),
        vec!["Analyst", "data engineer", "Zoologist"]
    );
    assert_eq!(
        labels(&[Dimension::Location], Filters::default()),
        vec!["Austin", "berlin", "London", "Unknown"]
    );
    assert_eq!(
        labels(
            &[Dimension::Department, Dimension::Role],
            Filters::default()
        ),
        vec![
            "Data/Analyst",
            "Data/data engineer",
            "Ops/Analyst",
            "Ops/Zoologist"
        ]
    );
    let ops = by(
        conn,
        &[Dimension::Role],
        Filters {
            department: Some("Ops".into()),
            ..Default::default()
        },
        0,
    );
    assert_eq!(
        shape(&ops),
        vec![row("Analyst", 1, 0, 0.0), row("Zoologist", 1, 1, 100.0)]
    );
}

#[test]
fn two_dimensions_suppress_across_rows_and_columns() {
    // Role × generation, k = 5:
    //                 Gen X   Millennials
    //   Analyst        2          9
    //   Engineer       8          6
    // Analyst/Gen X is small. Its column (Gen X) hides Engineer/Gen X too; its row
    // (Analyst) hides Analyst/Millennials; then the Millennials column has one hidden
    // and hides Engineer/Millennials. Everything is hidden: any shown cell would give the
    // hidden ones away through `--by role` or `--by generation`.
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    let mut n = 0;
    for (role, year, count) in [
        ("Analyst", 1970, 2),
        ("Analyst", 1990, 9),
        ("Engineer", 1970, 8),
        ("Engineer", 1990, 6),
    ] {
        for _ in 0..count {
            n += 1;
            add_employee(
                conn,
                (
                    &format!("E{n}"),
                    Some(year),
                    role,
                    "D",
                    None,
                    None,
                    None,
                    true,
                ),
            );
        }
    }
    let report = by(
        conn,
        &[Dimension::Role, Dimension::Generation],
        Filters::default(),
        5,
    );
    assert_eq!(
        shape(&report),
        vec![
            hidden("Analyst/Gen X", 2),
            hidden("Analyst/Millennials", 9),
            hidden("Engineer/Gen X", 8),
            hidden("Engineer/Millennials", 6),
        ]
    );
    assert_eq!(
        report.axes,
        vec![
            vec!["Analyst".to_string(), "Engineer".to_string()],
            vec!["Gen X".to_string(), "Millennials".to_string()]
        ]
    );
    assert_eq!(report.total.headcount, 25);
    assert!(!report.total.suppressed);
    // k = 0: all shown.
    let report = by(
        conn,
        &[Dimension::Role, Dimension::Generation],
        Filters::default(),
        0,
    );
    assert!(report.rows.iter().all(|r| !r.suppressed));
}

#[test]
fn generation_by_skill_area_hides_along_generations_only() {
    // Gen X 3 people (one trained in AI), Millennials 6 (two in AI, one in PE), Gen Z 10
    // (five in AI). k = 5: Gen X rows hidden (3 < 5); in each area's column the next-smallest
    // generation (Millennials, 6) is hidden too. Gen Z stays.
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "AI", "AI literacy", "workshop");
    add_program(conn, "PE", "Prompt engineering", "workshop");
    let x = add_many(conn, "X", 3, Some(1970));
    let m = add_many(conn, "M", 6, Some(1990));
    let z = add_many(conn, "Z", 10, Some(2000));
    complete(conn, &x[0], "AI", "2026-01-01");
    complete(conn, &m[0], "AI", "2026-01-01");
    complete(conn, &m[1], "AI", "2026-01-01");
    complete(conn, &m[2], "PE", "2026-01-01");
    for id in z.iter().take(5) {
        complete(conn, id, "AI", "2026-01-01");
    }
    let report = by(
        conn,
        &[Dimension::Generation, Dimension::SkillArea],
        Filters::default(),
        5,
    );
    assert_eq!(
        shape(&report),
        vec![
            hidden("Gen X/AI literacy", 3),
            hidden("Gen X/Prompt engineering", 3),
            hidden("Millennials/AI literacy", 6),
            hidden("Millennials/Prompt engineering", 6),
            row("Gen Z/AI literacy", 10, 5, 50.0),
            row("Gen Z/Prompt engineering", 10, 0, 0.0),
        ]
    );
    // Skill area first: the same cells, ordered by area.
    let report = by(
        conn,
        &[Dimension::SkillArea, Dimension::Generation],
        Filters::default(),
        0,
    );
    assert_eq!(
        shape(&report)[..3],
        [
            row("AI literacy/Gen X", 3, 1, 33.3),
            row("AI literacy/Millennials", 6, 2, 33.3),
            row("AI literacy/Gen Z", 10, 5, 50.0),
        ]
    );
}

#[test]
fn dashboard_agrees_with_the_single_reports() {
    let db = areas_org();
    let conn = db.conn();
    add_employee(
        conn,
        ("O1", Some(1960), "Other", "Ops", None, None, None, true),
    );
    let filters = Filters {
        from: Some("2025-06-01".into()),
        ..Default::default()
    };
    let d = dashboard(
        conn,
        &DashboardQuery {
            filters: filters.clone(),
            min_group: 2,
            threshold: 5.0,
            pool_small: false,
        },
        today(),
    )
    .unwrap();
    let single = |dims: &[Dimension]| by(conn, dims, filters.clone(), 2);
    assert_eq!(d.by_generation, single(&[Dimension::Generation]));
    assert_eq!(d.by_role, single(&[Dimension::Role]));
    assert_eq!(d.by_department, single(&[Dimension::Department]));
    assert_eq!(
        d.role_by_generation,
        single(&[Dimension::Role, Dimension::Generation])
    );
    assert_eq!(d.by_skill_area, single(&[Dimension::SkillArea]));
    assert_eq!(d.total, d.by_generation.total);
    let g = gaps(
        conn,
        &GapQuery {
            dim: Dimension::Generation,
            filters,
            min_group: 2,
            threshold: 5.0,
        },
        today(),
    )
    .unwrap();
    assert_eq!(d.gaps_by_generation, g);
}

#[test]
fn notes_state_boundaries_filters_as_of_and_k() {
    let db = areas_org();
    let report = by(
        db.conn(),
        &[Dimension::Generation],
        Filters {
            program_format: Some("Hands-on lab".into()),
            department: Some(" D ".into()),
            ..Default::default()
        },
        5,
    );
    let notes = &report.notes;
    assert_eq!(notes.min_group, 5);
    assert_eq!(
        notes.filters.program_format.as_deref(),
        Some("hands_on_lab")
    );
    assert_eq!(notes.filters.department.as_deref(), Some("D"));
    let text = notes.lines.join("\n");
    for needle in [
        "As of 2026-11-29",
        "Silent Generation 1945 or earlier",
        "Baby Boomers 1946-1964",
        "Gen X 1965-1980",
        "Millennials 1981-1996",
        "Gen Z 1997-2012",
        "Gen Alpha 2013 or later",
        "fewer than 5 employees (k = 5)",
        "format hands_on_lab",
        "active employees of D",
    ] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
    let off = by(db.conn(), &[Dimension::Generation], Filters::default(), 0);
    assert!(off.notes.lines.iter().any(|l| l.contains("off (k = 0)")));
}

#[test]
fn bad_arguments_are_field_errors() {
    let db = areas_org();
    let conn = db.conn();
    let fields = |q: ReportQuery| -> Vec<String> {
        coverage(conn, &q, today())
            .unwrap_err()
            .fields()
            .iter()
            .map(|p| p.field.clone())
            .collect()
    };
    assert_eq!(fields(query(&[], Filters::default(), 5)), vec!["by"]);
    assert_eq!(
        fields(query(
            &[Dimension::Role, Dimension::Role],
            Filters::default(),
            5
        )),
        vec!["by"]
    );
    assert_eq!(
        fields(query(
            &[Dimension::Role, Dimension::Location, Dimension::Generation],
            Filters::default(),
            5
        )),
        vec!["by"]
    );
    let bad = Filters {
        skill_area: Some("Knitting".into()),
        program_format: Some("webinar".into()),
        program_id: Some("NOPE".into()),
        from: Some("2026-02-30".into()),
        to: Some("yesterday".into()),
        as_of: Some("2026/01/01".into()),
        department: Some("Nowhere".into()),
        manager_id: Some("GHOST".into()),
        include_inactive: false,
        current: None,
    };
    assert_eq!(
        fields(query(&[Dimension::Role], bad, 5)),
        vec![
            "from",
            "to",
            "as_of",
            "program_format",
            "skill_area",
            "program_id",
            "department",
            "manager_id"
        ]
    );
    let backwards = Filters {
        from: Some("2026-02-01".into()),
        to: Some("2026-01-01".into()),
        ..Default::default()
    };
    let err = coverage(conn, &query(&[Dimension::Role], backwards, 5), today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "to: 2026-01-01 is before the from date 2026-02-01"
    );
    let err = gaps(
        conn,
        &GapQuery {
            dim: Dimension::Role,
            filters: Filters::default(),
            min_group: 5,
            threshold: -1.0,
        },
        today(),
    )
    .unwrap_err();
    assert_eq!(err.fields()[0].field, "threshold");
    assert_eq!(
        Dimension::parse_list("generation, Age-Band").unwrap(),
        vec![Dimension::Generation, Dimension::AgeBand]
    );
    let err = Dimension::parse_list("generation,team").unwrap_err();
    assert_eq!(
        err.to_string(),
        "by: 'team' is not a dimension; choose from generation, age_band, role, department, location, skill_area"
    );
}

#[test]
fn an_empty_record_reports_zero_without_failing() {
    let db = Db::open_in_memory().unwrap();
    let d = dashboard(db.conn(), &DashboardQuery::default(), today()).unwrap();
    assert_eq!(d.total.headcount, 0);
    assert!(d.total.suppressed);
    assert!(d.by_generation.rows.is_empty());
    assert_eq!(d.gaps_by_generation.divide, None);
    let open = by(db.conn(), &[Dimension::Role], Filters::default(), 0);
    assert_eq!(
        (open.total.trained, open.total.coverage_pct),
        (Some(0), None)
    );
}

#[test]
fn skill_areas_beyond_the_bits_are_still_exact() {
    // 70 areas: from the 62nd on they share one bit, which only says "maybe".
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    for i in 1..=70 {
        add_program(conn, &format!("P{i}"), &format!("Area {i:02}"), "workshop");
    }
    add_many(conn, "E", 3, Some(1990));
    complete(conn, "E1", "P68", "2026-01-01");
    complete(conn, "E2", "P5", "2026-01-01");
    let in_area = |area: &str| {
        trained(
            conn,
            Filters {
                skill_area: Some(area.into()),
                ..Default::default()
            },
        )
    };
    assert_eq!(in_area("Area 68"), 1);
    assert_eq!(in_area("Area 67"), 0);
    assert_eq!(in_area("Area 05"), 1);
    assert_eq!(in_area("Area 06"), 0);
    let report = by(conn, &[Dimension::SkillArea], Filters::default(), 0);
    let trained_areas: Vec<&str> = report
        .rows
        .iter()
        .filter(|r| r.trained == Some(1))
        .map(|r| r.groups[0].as_str())
        .collect();
    assert_eq!(trained_areas, vec!["Area 05", "Area 68"]);
    assert_eq!(crate::reach::stale_rows(conn).unwrap(), 0);
}

/// The property tests' seeded numbers: the crate's SplitMix64 with the draws they need.
struct Rng(crate::rng::SplitMix64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0.below(n)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let item: &&'a str = self.0.pick(items);
        item
    }

    fn date(&mut self) -> String {
        let day =
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(self.below(1060));
        crate::domain::format_date(day)
    }

    fn maybe<T>(&mut self, make: impl FnOnce(&mut Rng) -> T) -> Option<T> {
        (self.below(3) == 0).then(|| make(self))
    }
}

const AREAS: [&str; 4] = [
    "AI literacy",
    "Prompt engineering",
    "ML engineering",
    "Security",
];
const FORMATS: [&str; 4] = ["bootcamp", "workshop", "e_learning", "hands_on_lab"];
const DEPARTMENTS: [&str; 3] = ["Data", "Sales", "Ops"];

/// Who is trained, the slow and obvious way: a scan of the completions per employee.
fn naive(conn: &Connection, f: &Filters, area: Option<&str>) -> (u32, u32) {
    let as_of = f.as_of.clone().unwrap_or_else(|| "2026-11-29".into());
    let upper = match &f.to {
        Some(to) if *to < as_of => to.clone(),
        _ => as_of.clone(),
    };
    let team: Option<Vec<String>> = f.manager_id.as_ref().map(|m| {
        let mut found = vec![];
        let mut frontier = vec![m.clone()];
        while let Some(boss) = frontier.pop() {
            let mut stmt = conn
                .prepare("SELECT employee_id FROM employees WHERE manager_id = ?")
                .unwrap();
            for id in stmt
                .query_map(params![boss], |r| r.get::<_, String>(0))
                .unwrap()
            {
                let id = id.unwrap();
                found.push(id.clone());
                frontier.push(id);
            }
        }
        found
    });
    let mut stmt = conn
        .prepare(
            "SELECT e.employee_id, EXISTS (SELECT 1 FROM completions c JOIN programs p ON p.id = c.program_ref \
               WHERE c.employee_ref = e.id AND c.completed_on <= ?1 \
               AND (?2 IS NULL OR c.completed_on >= ?2) AND (?3 IS NULL OR p.skill_area = ?3) \
               AND (?4 IS NULL OR p.format = ?4) AND (?5 IS NULL OR p.program_id = ?5)) \
             FROM employees e \
             WHERE (e.hire_date IS NULL OR e.hire_date <= ?6) AND (?7 OR e.active = 1) \
               AND (?8 IS NULL OR e.department = ?8)",
        )
        .unwrap();
    let rows = stmt
        .query_map(
            params![
                upper,
                f.from,
                area.map(str::to_string).or(f.skill_area.clone()),
                f.program_format,
                f.program_id,
                as_of,
                f.include_inactive,
                f.department
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)),
        )
        .unwrap();
    let (mut headcount, mut trained) = (0, 0);
    for row in rows {
        let (id, is_trained) = row.unwrap();
        if team.as_ref().is_some_and(|t| !t.contains(&id)) {
            continue;
        }
        headcount += 1;
        trained += u32::from(is_trained);
    }
    (headcount, trained)
}

fn random_filters(rng: &mut Rng, conn: &Connection) -> Filters {
    let mut from = rng.maybe(|r| r.date());
    let mut to = rng.maybe(|r| r.date());
    if let (Some(a), Some(b)) = (&from, &to) {
        if a > b {
            std::mem::swap(&mut from, &mut to);
        }
    }
    let programs: Vec<String> = conn
        .prepare("SELECT program_id FROM programs")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let used_areas: Vec<String> = conn
        .prepare("SELECT DISTINCT skill_area FROM programs")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    Filters {
        skill_area: rng.maybe(|r| used_areas[r.below(used_areas.len() as u64) as usize].clone()),
        program_format: rng.maybe(|r| r.pick(&FORMATS).to_string()),
        program_id: if rng.below(5) == 0 {
            Some(programs[rng.below(programs.len() as u64) as usize].clone())
        } else {
            None
        },
        from,
        to,
        as_of: rng.maybe(|r| r.date()),
        department: rng.maybe(|r| r.pick(&DEPARTMENTS).to_string()),
        manager_id: if rng.below(4) == 0 {
            Some(format!("E{}", rng.below(10) + 1))
        } else {
            None
        },
        include_inactive: rng.below(2) == 0,
        current: None,
    }
}

#[test]
fn reach_follows_every_write_and_reports_match_a_plain_scan() {
    for seed in 1..=6u64 {
        let mut rng = Rng(crate::rng::SplitMix64::new(seed));
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        for i in 1..=8 {
            add_program(conn, &format!("P{i}"), rng.pick(&AREAS), rng.pick(&FORMATS));
        }
        for i in 1..=40u64 {
            let manager = (i > 1).then(|| format!("E{}", rng.below(i - 1) + 1));
            add_employee(
                conn,
                (
                    &format!("E{i}"),
                    Some(1950 + rng.below(60) as i32),
                    "R",
                    rng.pick(&DEPARTMENTS),
                    None,
                    manager.as_deref(),
                    rng.maybe(|r| r.date()).as_deref(),
                    rng.below(8) != 0,
                ),
            );
        }
        let mut next_check = 0;
        for step in 0..300 {
            match rng.below(10) {
                0..=5 => {
                    conn.execute(
                        "INSERT INTO completions (employee_ref, program_ref, completed_on) \
                         VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        params![
                            rng.below(40) as i64 + 1,
                            rng.below(8) as i64 + 1,
                            rng.date()
                        ],
                    )
                    .unwrap();
                }
                6 => {
                    conn.execute(
                        "DELETE FROM completions WHERE id = (SELECT id FROM completions ORDER BY id LIMIT 1 OFFSET ?)",
                        params![rng.below(20) as i64],
                    )
                    .unwrap();
                }
                7 => {
                    let (column, value): (&str, rusqlite::types::Value) = match rng.below(3) {
                        0 => ("completed_on", rng.date().into()),
                        1 => ("program_ref", (rng.below(8) as i64 + 1).into()),
                        _ => ("employee_ref", (rng.below(40) as i64 + 1).into()),
                    };
                    // A clash with an existing (employee, program, date) is refused; skip it.
                    // Any other failure (a trigger's) is a bug.
                    if let Err(err) = conn.execute(
                        &format!(
                            "UPDATE completions SET {column} = ? WHERE id = (SELECT id FROM completions ORDER BY id DESC LIMIT 1 OFFSET ?)"
                        ),
                        params![value, rng.below(20) as i64],
                    ) {
                        assert!(
                            err.to_string().contains(
                                "completions.employee_ref, completions.program_ref, completions.completed_on"
                            ),
                            "{err}"
                        );
                    }
                }
                8 => {
                    let area = if rng.below(4) == 0 {
                        format!("New area {step}")
                    } else {
                        rng.pick(&AREAS).to_string()
                    };
                    conn.execute(
                        "UPDATE programs SET skill_area = ?, format = ? WHERE id = ?",
                        params![area, rng.pick(&FORMATS), rng.below(8) as i64 + 1],
                    )
                    .unwrap();
                }
                _ => {
                    conn.execute(
                        "UPDATE employees SET active = 1 - active WHERE id = ?",
                        params![rng.below(40) as i64 + 1],
                    )
                    .unwrap();
                }
            }
            if step == next_check {
                next_check += 25;
                assert_eq!(
                    crate::reach::stale_rows(conn).unwrap(),
                    0,
                    "seed {seed} step {step}"
                );
                for _ in 0..6 {
                    let filters = random_filters(&mut rng, conn);
                    let dims = [Dimension::SkillArea, Dimension::Department];
                    let report = coverage(conn, &query(&dims, filters.clone(), 0), today())
                        .unwrap_or_else(|e| panic!("{e}: {filters:?}"));
                    let (headcount, trained) = naive(conn, &filters, None);
                    assert_eq!(
                        (report.total.headcount, report.total.trained),
                        (headcount, Some(trained)),
                        "seed {seed} step {step}: {filters:?}"
                    );
                    // Each area's trained, summed over departments, is the plain scan's.
                    for area in &report.axes[0] {
                        let sum: u32 = report
                            .rows
                            .iter()
                            .filter(|r| &r.groups[0] == area)
                            .map(|r| r.trained.unwrap())
                            .sum();
                        assert_eq!(
                            sum,
                            naive(conn, &filters, Some(area)).1,
                            "seed {seed} step {step} area {area}: {filters:?}"
                        );
                    }
                }
            }
        }
        assert_eq!(crate::reach::stale_rows(conn).unwrap(), 0);
    }
}

#[test]
fn migration_fills_reach_for_records_made_before_it() {
    // A database at schema 1 with completions, then migrated: the backfill must match.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_record.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        add_program(&conn, "P1", "AI literacy", "bootcamp");
        add_program(&conn, "P2", "Security", "workshop");
        add_many(&conn, "E", 3, Some(1990));
        complete(&conn, "E1", "P1", "2025-01-01");
        complete(&conn, "E1", "P2", "2026-01-01");
        complete(&conn, "E2", "P2", "2025-05-05");
    }
    let db = Db::open(&path).unwrap();
    let conn = db.conn();
    assert_eq!(crate::reach::stale_rows(conn).unwrap(), 0);
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM reach", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 2);
    let report = by(conn, &[Dimension::SkillArea], Filters::default(), 0);
    assert_eq!(
        shape(&report),
        vec![row("AI literacy", 3, 1, 33.3), row("Security", 3, 2, 66.7)]
    );
}

/// A trend by generation, monthly, worked by hand; k = 3.
///   X1..X4 Gen X hired 2020; X1 trained 2025-01-10.
///   M1..M4 Millennials hired 2020; M4 leaves 2025-02-28 (a period end); M1 trained 2025-01-31.
///   Z1, Z2 Gen Z hired 2020, Z3 hired 2025-03-01; Z1 trained 2025-02-01, Z3 2025-03-15.
/// Points 2025-01-15 (partial first month) .. 2025-04-10 (partial last month):
///   2025-01-31: X 4/1, M 4/1, Z 2 (< 3: hidden; the lone hidden one takes the next-smallest,
///               X and M tie at 4, X first): X hidden, M 25.0%, Z hidden; total 10/2.
///   2025-02-28: M4 gone on the day: X 4/1, M 3/1, Z 2/1 hidden → M hidden; total 9/3.
///   2025-03-31: Z3 hired and trained: X 25.0%, M 33.3%, Z 3/2 66.7%; total 10/4.
///   2025-04-10: the same.
#[test]
fn trend_points_are_the_report_at_each_period_end() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "AI literacy", "workshop");
    let mut people = Vec::new();
    for i in 1..=4 {
        people.push((format!("X{i}"), 1970, "2020-01-01"));
        people.push((format!("M{i}"), 1990, "2020-01-01"));
    }
    people.push(("Z1".into(), 2000, "2020-01-01"));
    people.push(("Z2".into(), 2000, "2020-01-01"));
    people.push(("Z3".into(), 2000, "2025-03-01"));
    for (id, year, hire) in &people {
        add_employee(
            conn,
            (id, Some(*year), "R", "D", None, None, Some(hire), true),
        );
    }
    conn.execute(
        "UPDATE employees SET left_on = '2025-02-28', active = 0 WHERE employee_id = 'M4'",
        [],
    )
    .unwrap();
    complete(conn, "X1", "P1", "2025-01-10");
    complete(conn, "M1", "P1", "2025-01-31");
    complete(conn, "Z1", "P1", "2025-02-01");
    complete(conn, "Z3", "P1", "2025-03-15");
    let query = TrendQuery {
        dims: vec![Dimension::Generation],
        filters: Filters::default(),
        min_group: 3,
        from: "2025-01-15".into(),
        to: "2025-04-10".into(),
        every: Period::Month,
    };
    let t = trend(conn, &query, today()).unwrap();
    type PointShape = (String, Vec<Shape>, u32, Option<u32>);
    let got: Vec<PointShape> = t
        .points
        .iter()
        .map(|p| {
            let shapes = p
                .rows
                .iter()
                .map(|r| {
                    (
                        r.groups.join("/"),
                        r.headcount,
                        r.trained,
                        r.coverage_pct,
                        r.suppressed,
                    )
                })
                .collect();
            (
                p.period_end.clone(),
                shapes,
                p.total.headcount,
                p.total.trained,
            )
        })
        .collect();
    let shown = vec![
        row("Gen X", 4, 1, 25.0),
        row("Millennials", 3, 1, 33.3),
        row("Gen Z", 3, 2, 66.7),
    ];
    assert_eq!(
        got,
        vec![
            (
                "2025-01-31".to_string(),
                vec![
                    hidden("Gen X", 4),
                    row("Millennials", 4, 1, 25.0),
                    hidden("Gen Z", 2)
                ],
                10,
                Some(2)
            ),
            (
                "2025-02-28".to_string(),
                vec![
                    row("Gen X", 4, 1, 25.0),
                    hidden("Millennials", 3),
                    hidden("Gen Z", 2)
                ],
                9,
                Some(3)
            ),
            ("2025-03-31".to_string(), shown.clone(), 10, Some(4)),
            ("2025-04-10".to_string(), shown, 10, Some(4)),
        ]
    );
    // Each point is the coverage report as of that day.
    for point in &t.points {
        let report = by(
            conn,
            &[Dimension::Generation],
            Filters {
                as_of: Some(point.period_end.clone()),
                ..Default::default()
            },
            3,
        );
        assert_eq!((&report.rows, &report.total), (&point.rows, &point.total));
    }
    assert!(t.notes.lines[0].starts_with("Points: the last day of each month"));
}

/// Roles: Analyst 10, Engineer 6, Executive 1, Pilot 2, Driver 3 (k = 5).
fn role_tail() -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "GenAI", "workshop");
    let mut n = 0;
    for (role, size, trained) in [
        ("Analyst", 10, 4),
        ("Engineer", 6, 3),
        ("Executive", 1, 1),
        ("Pilot", 2, 0),
        ("Driver", 3, 1),
    ] {
        for i in 0..size {
            n += 1;
            let id = format!("E{n}");
            add_employee(conn, (&id, Some(1980), role, "D", None, None, None, true));
            if i < trained {
                complete(conn, &id, "P1", "2025-01-01");
            }
        }
    }
    db
}

#[test]
fn a_hidden_group_says_why() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    add_program(conn, "P1", "GenAI", "workshop");
    for (i, role) in ["Analyst"; 10]
        .into_iter()
        .chain(["Engineer"; 6])
        .chain(["Executive"])
        .enumerate()
    {
        add_employee(
            conn,
            (
                &format!("E{i}"),
                Some(1980),
                role,
                "D",
                None,
                None,
                None,
                true,
            ),
        );
    }
    let report = by(conn, &[Dimension::Role], Filters::default(), 5);
    let reasons: Vec<Option<&str>> = report
        .rows
        .iter()
        .map(|r| r.hidden_reason.as_deref())
        .collect();
    assert_eq!(
        reasons,
        vec![
            None,
            Some("hidden so that Executive (1 person) cannot be worked out"),
            Some("hidden because it has fewer than 5 people"),
        ]
    );
    // Only hidden rows carry a reason, and the JSON leaves it out elsewhere.
    let json = serde_json::to_value(&report.rows[0]).unwrap();
    assert!(json.get("hidden_reason").is_none(), "{json}");
    let json = serde_json::to_value(&report.rows[2]).unwrap();
    assert_eq!(
        json["hidden_reason"],
        "hidden because it has fewer than 5 people"
    );
}

#[test]
fn pool_small_turns_the_tail_into_one_other_row() {
    let db = role_tail();
    let conn = db.conn();
    let q = query(&[Dimension::Role], Filters::default(), 5);
    // Off by default: the three tiny roles are each hidden.
    let plain = coverage(conn, &q, today()).unwrap();
    assert_eq!(
        shape(&plain),
        vec![
            row("Analyst", 10, 4, 40.0),
            hidden("Driver", 3),
            row("Engineer", 6, 3, 50.0),
            hidden("Executive", 1),
            hidden("Pilot", 2),
        ]
    );
    let pooled = coverage_with(conn, &q, ReportOptions { pool_small: true }, today()).unwrap();
    // Driver, Executive and Pilot: 6 people, 2 trained: shown, as it reaches k.
    assert_eq!(
        shape(&pooled),
        vec![
            row("Analyst", 10, 4, 40.0),
            row("Engineer", 6, 3, 50.0),
            row("Other (3 roles, 6 people)", 6, 2, 33.3),
        ]
    );
    assert_eq!(pooled.total, plain.total);
    assert!(pooled
        .notes
        .lines
        .iter()
        .any(|l| l.starts_with("Small groups pooled")));
    // A larger k makes Engineer tiny too (a pool below k: see pool.rs's tests).
    let k7 = query(&[Dimension::Role], Filters::default(), 7);
    let pooled = coverage_with(conn, &k7, ReportOptions { pool_small: true }, today()).unwrap();
    assert_eq!(
        shape(&pooled),
        vec![
            row("Analyst", 10, 4, 40.0),
            row("Other (4 roles, 12 people)", 12, 5, 41.7),
        ]
    );
    let gaps = gaps_with(
        conn,
        &GapQuery {
            dim: Dimension::Role,
            filters: Filters::default(),
            min_group: 5,
            threshold: DEFAULT_THRESHOLD,
        },
        ReportOptions { pool_small: true },
        today(),
    )
    .unwrap();
    assert_eq!(gaps.rows[2].group, "Other (3 roles, 6 people)");
}

#[test]
fn the_dashboard_pools_small_groups_when_its_query_asks() {
    let db = role_tail();
    let conn = db.conn();
    let q = query(&[Dimension::Role], Filters::default(), 5);
    let asked = |pool_small: bool| {
        dashboard(
            conn,
            &DashboardQuery {
                pool_small,
                ..DashboardQuery::default()
            },
            today(),
        )
        .unwrap()
    };
    // The same rows as the role report laid out the same way; not asked, nothing pooled.
    let pooled = asked(true);
    let report = coverage_with(conn, &q, ReportOptions { pool_small: true }, today()).unwrap();
    assert_eq!(pooled.by_role.rows, report.rows);
    assert!(pooled
        .by_role
        .rows
        .iter()
        .any(|r| r.groups[0] == "Other (3 roles, 6 people)"));
    assert_eq!(
        asked(false).by_role.rows,
        coverage(conn, &q, today()).unwrap().rows
    );
    // A query written before the field existed reads as "not asked".
    let old: DashboardQuery =
        serde_json::from_str(r#"{"filters": {}, "min_group": 5, "threshold": 10}"#).unwrap();
    assert!(!old.pool_small);
}
