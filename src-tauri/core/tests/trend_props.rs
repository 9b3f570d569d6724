//! On random organisations with hires, leavers and inactive employees: every point of a
//! trend is the coverage report as of that day, and its total is the population on that day
//! (hired by it, not left by it, active unless a leaver) counted here by hand.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rusqlite::params;
use upskill_core::db::Db;
use upskill_core::domain::format_date;
use upskill_core::report::{coverage, trend, Dimension, Filters, Period, ReportQuery, TrendQuery};
use upskill_testkit::today;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + Days::new(offset)
}

/// (birth year, department, hire day, days until leaving, active, completions (program, day)).
type Person = (
    Option<i32>,
    usize,
    Option<u64>,
    Option<u64>,
    bool,
    Vec<(usize, u64)>,
);

fn person() -> impl Strategy<Value = Person> {
    (
        prop::option::of(prop::sample::select(vec![1950, 1970, 1990, 2000])),
        0..3usize,
        prop::option::of(0..1400u64),
        prop::option::of(0..900u64),
        prop::bool::weighted(0.8),
        prop::collection::vec((0..3usize, 0..1428u64), 0..3),
    )
}

const AREAS: [&str; 3] = ["A", "A", "B"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_trend_point_is_the_coverage_report_on_that_day(
        people in prop::collection::vec(person(), 1..40),
        dims in prop::sample::select(vec![
            vec![Dimension::Generation],
            vec![Dimension::Department],
            vec![Dimension::Generation, Dimension::Department],
        ]),
        k in 0..4u32,
        every in prop::sample::select(Period::ALL.to_vec()),
        from in 0..1428u64,
        span in 0..700u64,
        area in prop::option::of(prop::sample::select(vec!["A", "B"])),
        department in any::<bool>(),
        include_inactive in any::<bool>(),
    ) {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        for (i, area) in AREAS.iter().enumerate() {
            conn.execute(
                "INSERT INTO programs (program_id, title, skill_area, format) VALUES (?1, ?1, ?2, 'workshop')",
                params![format!("P{i}"), area],
            ).unwrap();
        }
        for (i, (year, dept, hire, stay, active, done)) in people.iter().enumerate() {
            let hire_date = hire.map(day);
            let left_on = stay.map(|s| hire_date.unwrap_or(day(0)) + Days::new(s));
            // A leaver whose day has come is inactive, as the domain makes them.
            let active = *active && left_on.is_none_or(|l| l > today());
            conn.execute(
                "INSERT INTO employees (employee_id, full_name, role, department, birth_year, \
                 hire_date, left_on, active) VALUES (?1, ?1, 'R', ?2, ?3, ?4, ?5, ?6)",
                params![format!("E{i}"), format!("D{dept}"), year, hire_date.map(format_date),
                        left_on.map(format_date), active],
            ).unwrap();
            for (program, on) in done {
                conn.execute(
                    "INSERT INTO completions (employee_ref, program_ref, completed_on) \
                     VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    params![i as i64 + 1, *program as i64 + 1, format_date(day(*on).min(today()))],
                ).unwrap();
            }
        }
        let dept_filter = (department && people.iter().any(|p| p.1 == 0)).then(|| "D0".to_string());
        let filters = Filters {
            skill_area: area.map(str::to_string),
            department: dept_filter.clone(),
            include_inactive,
            ..Filters::default()
        };
        let query = TrendQuery {
            dims: dims.clone(),
            filters: filters.clone(),
            min_group: k,
            from: format_date(day(from)),
            to: format_date(day(from + span).min(today())),
            every,
        };
        let Ok(t) = trend(conn, &query, today()) else {
            // Only a range of more than 400 points may be refused; these have at most 24.
            panic!("trend refused {query:?}");
        };
        prop_assert!(!t.points.is_empty());
        prop_assert_eq!(t.points.last().unwrap().period_end.clone(), query.to.clone());
        for point in &t.points {
            let report = coverage(conn, &ReportQuery {
                dims: dims.clone(),
                filters: Filters { as_of: Some(point.period_end.clone()), ..filters.clone() },
                min_group: k,
            }, today()).unwrap();
            prop_assert_eq!(&report.rows, &point.rows);
            prop_assert_eq!(&report.total, &point.total);
            // The total by hand.
            let on = upskill_core::domain::parse_iso_date(&point.period_end).unwrap();
            let (mut headcount, mut trained) = (0u32, 0u32);
            for (year, dept, hire, stay, active, done) in &people {
                let _ = year;
                let hire_date = hire.map(day);
                let left_on = stay.map(|s| hire_date.unwrap_or(day(0)) + Days::new(s));
                let active = *active && left_on.is_none_or(|l| l > today());
                let present = hire_date.is_none_or(|h| h <= on)
                    && match left_on {
                        Some(left) => left > on,
                        None => active || include_inactive,
                    }
                    && (dept_filter.is_none() || *dept == 0);
                if present {
                    headcount += 1;
                    if done.iter().any(|(p, d)| {
                        day(*d).min(today()) <= on && area.is_none_or(|a| AREAS[*p] == a)
                    }) {
                        trained += 1;
                    }
                }
            }
            prop_assert_eq!(point.total.headcount, headcount);
            if !point.total.suppressed {
                prop_assert_eq!(point.total.trained, Some(trained));
            }
        }
    }
}
