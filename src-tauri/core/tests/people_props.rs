//! On random organisations, for random filters and every group of a random report: the people
//! list counts exactly the coverage report's headcount, and its trained people exactly the
//! report's trained (issue 16: `upskill people --trained yes` agrees with `report coverage`).

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rusqlite::params;
use upskill_core::db::Db;
use upskill_core::domain::format_date;
use upskill_core::report::{
    coverage, people, people_count, people_ids, Dimension, Filters, PeopleQuery, ReportQuery,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + Days::new(offset)
}

/// (birth year, role, department, location, manager (an earlier person), hire day, days
/// until leaving, active, completions (program, day)).
type Person = (
    Option<i32>,
    usize,
    usize,
    Option<usize>,
    Option<usize>,
    Option<u64>,
    Option<u64>,
    bool,
    Vec<(usize, u64)>,
);

fn person() -> impl Strategy<Value = Person> {
    (
        prop::option::of(prop::sample::select(vec![
            1940, 1950, 1970, 1990, 2000, 2015,
        ])),
        0..3usize,
        0..2usize,
        prop::option::of(0..2usize),
        prop::option::of(0..40usize),
        prop::option::of(0..1400u64),
        prop::option::of(0..900u64),
        prop::bool::weighted(0.8),
        prop::collection::vec((0..3usize, 0..1428u64), 0..3),
    )
}

/// (program_id, skill area, format, validity in months).
const PROGRAMS: [(&str, &str, &str, Option<i64>); 3] = [
    ("P0", "A", "workshop", None),
    ("P1", "A", "bootcamp", Some(12)),
    ("P2", "B", "workshop", Some(6)),
];

const ROLES: [&str; 3] = ["Analyst", "Engineer", "CEO"];
const LOCATIONS: [&str; 2] = ["Oslo", "Rome"];

/// The report's dimensions a people query can narrow to (department is a filter).
fn dims() -> impl Strategy<Value = Vec<Dimension>> {
    prop::sample::select(vec![
        vec![Dimension::Generation],
        vec![Dimension::AgeBand],
        vec![Dimension::Role],
        vec![Dimension::Location],
        vec![Dimension::SkillArea],
        vec![Dimension::Role, Dimension::Generation],
        vec![Dimension::Location, Dimension::AgeBand],
        vec![Dimension::Generation, Dimension::SkillArea],
    ])
}

/// The people query for one row of a report over `dims`.
fn narrowed(filters: &Filters, dims: &[Dimension], labels: &[String]) -> PeopleQuery {
    let mut query = PeopleQuery {
        filters: filters.clone(),
        ..PeopleQuery::default()
    };
    for (dim, label) in dims.iter().zip(labels) {
        let label = Some(label.clone());
        match dim {
            Dimension::Generation => query.generation = label,
            Dimension::AgeBand => query.age_band = label,
            Dimension::Role => query.role = label,
            Dimension::Location => query.location = label,
            Dimension::SkillArea => query.filters.skill_area = label,
            Dimension::Department => query.filters.department = label,
        }
    }
    query
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn people_count_the_report_s_headcount_and_trained(
        staff in prop::collection::vec(person(), 1..40),
        dims in dims(),
        department in prop::option::of(0..2usize),
        manager in prop::option::of(0..40usize),
        program in prop::option::of(0..3usize),
        area in prop::option::of(prop::sample::select(vec!["A", "B"])),
        format in prop::option::of(prop::sample::select(vec!["workshop", "bootcamp"])),
        from in prop::option::of(0..1428u64),
        to in prop::option::of(0..1428u64),
        as_of in prop::option::of(0..1428u64),
        current in any::<bool>(),
        include_inactive in any::<bool>(),
    ) {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        for (id, area, format, validity) in PROGRAMS {
            conn.execute(
                "INSERT INTO programs (program_id, title, skill_area, format, validity_months) \
                 VALUES (?1, ?1, ?2, ?3, ?4)",
                params![id, area, format, validity],
            ).unwrap();
        }
        for (i, (year, role, dept, location, manager, hire, stay, active, done)) in
            staff.iter().enumerate()
        {
            let hire_date = hire.map(day);
            let left_on = stay.map(|s| hire_date.unwrap_or(day(0)) + Days::new(s));
            let active = *active && left_on.is_none_or(|l| l > today());
            let manager = manager.filter(|m| *m < i).map(|m| format!("E{m:02}"));
            conn.execute(
                "INSERT INTO employees (employee_id, full_name, role, department, location, \
                 manager_id, birth_year, hire_date, left_on, active) \
                 VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![format!("E{i:02}"), ROLES[*role], format!("D{dept}"),
                        location.map(|l| LOCATIONS[l]), manager, year,
                        hire_date.map(format_date), left_on.map(format_date), active],
            ).unwrap();
            for (program, on) in done {
                conn.execute(
                    "INSERT INTO completions (employee_ref, program_ref, completed_on) \
                     VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    params![i as i64 + 1, *program as i64 + 1,
                            format_date(day(*on).min(today()))],
                ).unwrap();
            }
        }
        let (from, to) = match (from, to) {
            (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
            other => other,
        };
        let filters = Filters {
            skill_area: area.map(str::to_string),
            program_format: format.map(str::to_string),
            program_id: program.map(|p| PROGRAMS[p].0.to_string()),
            from: from.map(|d| format_date(day(d))),
            to: to.map(|d| format_date(day(d))),
            as_of: as_of.map(|d| format_date(day(d))),
            department: department
                .filter(|d| staff.iter().any(|p| p.2 == *d))
                .map(|d| format!("D{d}")),
            manager_id: manager.filter(|m| *m < staff.len()).map(|m| format!("E{m:02}")),
            include_inactive,
            current: current.then_some(true),
        };
        let report = coverage(conn, &ReportQuery {
            dims: dims.clone(),
            filters: filters.clone(),
            min_group: 0,
        }, today()).unwrap();
        // The whole population.
        let everyone = PeopleQuery { filters: filters.clone(), ..PeopleQuery::default() };
        let count = people_count(conn, &everyone, today()).unwrap();
        prop_assert_eq!(count.people, report.total.headcount);
        prop_assert_eq!(Some(count.trained), report.total.trained);
        // Every group of the report.
        for row in &report.rows {
            let query = narrowed(&filters, &dims, &row.groups);
            let all = people(conn, &query, today()).unwrap();
            prop_assert_eq!(all.len() as u32, row.headcount, "{:?}", row.groups);
            let trained = PeopleQuery { trained: Some(true), ..query.clone() };
            let trained_ids = people_ids(conn, &trained, today()).unwrap();
            prop_assert_eq!(Some(trained_ids.len() as u32), row.trained, "{:?}", row.groups);
            let untrained = PeopleQuery { trained: Some(false), ..query.clone() };
            let untrained_n = people_ids(conn, &untrained, today()).unwrap().len() as u32;
            prop_assert_eq!(untrained_n + trained_ids.len() as u32, row.headcount);
            // The rows agree with the trained list, are sorted, and date only the trained.
            let mut sorted = all.clone();
            sorted.sort_by(|a, b| a.employee_id.cmp(&b.employee_id));
            prop_assert_eq!(&sorted, &all);
            let flagged: Vec<String> = all
                .iter()
                .filter(|p| p.trained)
                .map(|p| p.employee_id.clone())
                .collect();
            prop_assert_eq!(&flagged, &trained_ids);
            for p in &all {
                prop_assert_eq!(p.trained, p.last_completed_on.is_some());
            }
        }
    }
}
