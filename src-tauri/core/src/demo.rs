//! A realistic, deterministic demo organisation, so a newcomer sees the AI-training divide at
//! once: coverage by generation follows the survey Upskill exists for (Millennials ≈47%,
//! Gen Z ≈40%, Gen X in between, Baby Boomers ≈22%).
//!
//! The people, the catalog and the completions come from the organisation generator
//! ([`crate::generator`]) with the demo's shape: its named catalog, nine departments, two years of
//! completions, and each generation's trained share kept to within one person
//! ([`Training::Even`]). What only the demo has is here: the leavers of the last two years, the
//! two targets, and the writing, through the record's own inserts, in one transaction with one
//! audit entry.
//!
//! Deterministic: the same seed, size and `today` give the same organisation, byte for byte.
//! It only fills an empty database; it never overwrites a record.

use chrono::{Days, NaiveDate};
use rusqlite::{params, CachedStatement};
use serde::Serialize;

use crate::db::Db;
use crate::domain::{format_date, ProgramFormat, ValidEmployee, ValidProgram};
use crate::error::{Error, Result};
use crate::generator::{
    self, Area, Band, Completion, Department, Person, Place, Program, Shape, Training,
};

pub const DEFAULT_EMPLOYEES: u32 = 500;
pub const DEFAULT_SEED: u64 = 2026;
pub const MAX_EMPLOYEES: u32 = 2_000_000;

/// Departments, their head's role, their other roles and the skill areas (indexes into
/// `CATALOG`) they train in besides the general ones.
const DEPARTMENTS: [Department; 9] = [
    Department::new(
        "Engineering",
        "Engineering manager",
        &[
            "Software engineer",
            "AI infrastructure engineer",
            "ML engineer",
            "Site reliability engineer",
        ],
        &[2, 3, 4],
    ),
    Department::new(
        "Data",
        "Head of data",
        &["Data engineer", "Data scientist", "Analytics engineer"],
        &[2, 3],
    ),
    Department::new(
        "Security",
        "Security lead",
        &["Security analyst", "Compliance officer"],
        &[5],
    ),
    Department::new(
        "Sales",
        "Sales director",
        &[
            "Account executive",
            "Sales engineer",
            "Sales development rep",
        ],
        &[],
    ),
    Department::new(
        "Customer Support",
        "Support lead",
        &["Support specialist", "Technical support engineer"],
        &[],
    ),
    Department::new(
        "Marketing",
        "Marketing lead",
        &["Marketing specialist", "Content strategist"],
        &[],
    ),
    Department::new("People", "HR director", &["HR partner", "Recruiter"], &[]),
    Department::new(
        "Finance",
        "Finance director",
        &["Financial analyst", "Accountant"],
        &[],
    ),
    Department::new(
        "Operations",
        "Operations director",
        &["Operations specialist", "Facilities coordinator"],
        &[],
    ),
];

/// The demo catalog, area by area (the first two are everyone's): id, title, format,
/// provider, hours, validity in months.
type CatalogEntry = (
    &'static str,
    &'static str,
    ProgramFormat,
    &'static str,
    u32,
    Option<u32>,
);
const CATALOG: [(&str, &[CatalogEntry]); 6] = [
    (
        "AI literacy",
        &[
            (
                "AI-101",
                "AI literacy for everyone",
                ProgramFormat::ELearning,
                "Upskill Academy",
                4,
                None,
            ),
            (
                "AI-110",
                "Generative AI at work",
                ProgramFormat::Workshop,
                "Upskill Academy",
                3,
                None,
            ),
        ],
    ),
    (
        "Prompt engineering",
        &[
            (
                "PE-200",
                "Prompt engineering bootcamp",
                ProgramFormat::Bootcamp,
                "Northwind Learning",
                24,
                None,
            ),
            (
                "PE-210",
                "Prompt patterns hands-on lab",
                ProgramFormat::HandsOnLab,
                "Northwind Learning",
                6,
                None,
            ),
        ],
    ),
    (
        "Data science & engineering",
        &[
            (
                "DS-300",
                "Data engineering for AI",
                ProgramFormat::Bootcamp,
                "DataForge",
                40,
                None,
            ),
            (
                "DS-310",
                "Cloud data analytics certification",
                ProgramFormat::VendorCertification,
                "CloudCo",
                30,
                Some(24),
            ),
        ],
    ),
    (
        "ML engineering",
        &[
            (
                "ML-400",
                "Machine learning engineering",
                ProgramFormat::Bootcamp,
                "DataForge",
                60,
                None,
            ),
            (
                "ML-410",
                "MLOps certified practitioner",
                ProgramFormat::VendorCertification,
                "CloudCo",
                35,
                Some(36),
            ),
        ],
    ),
    (
        "GPU & high-density infrastructure",
        &[
            (
                "GPU-500",
                "GPU cluster operations lab",
                ProgramFormat::HandsOnLab,
                "ChipWorks",
                16,
                None,
            ),
            (
                "GPU-510",
                "High-density datacenter design",
                ProgramFormat::VendorCertification,
                "ChipWorks",
                28,
                Some(24),
            ),
        ],
    ),
    (
        "AI security & compliance",
        &[
            (
                "SEC-600",
                "AI security fundamentals",
                ProgramFormat::ELearning,
                "Upskill Academy",
                5,
                Some(12),
            ),
            (
                "SEC-610",
                "AI governance and the EU AI Act",
                ProgramFormat::Workshop,
                "Lex & Co",
                8,
                Some(24),
            ),
        ],
    ),
];

/// Birth-year bands with their share of the workforce and the share of each that has been
/// reached by AI training (per mille), after the survey. Everyone has a birth year.
const COHORTS: [Band; 4] = [
    Band::new(1946, 1964, 120, 220), // Baby Boomers
    Band::new(1965, 1980, 300, 330), // Gen X
    Band::new(1981, 1996, 400, 470), // Millennials
    Band::new(1997, 2006, 180, 400), // Gen Z (of working age)
];

// The start of the shared lists, as the demo has always used them.
const FIRST_NAMES: &[&str] = crate::names::FIRST_NAMES.as_slice().split_at(40).0;
const LAST_NAMES: &[&str] = crate::names::LAST_NAMES.as_slice().split_at(30).0;
const LOCATIONS: &[&str] = crate::names::LOCATIONS.as_slice().split_at(6).0;

/// The demo's completions and leavers reach back this far.
const HISTORY_DAYS: u64 = 730;

/// The demo organisation as of `today`: everyone with an e-mail, a birth year, a hire date and
/// a location; one to three completions a trained person; 3% inactive.
fn shape(today: NaiveDate) -> Shape {
    Shape {
        departments: &DEPARTMENTS,
        span: 7,
        id_width: 5,
        first_names: FIRST_NAMES,
        last_names: LAST_NAMES,
        locations: LOCATIONS,
        bands: &COHORTS,
        no_birth_year_trained: 0,
        training: Training::Even,
        no_email: 0,
        no_hire_date: 0,
        no_location: 0,
        inactive: 30,
        areas: CATALOG
            .iter()
            .map(|&(name, programs)| Area {
                name,
                programs: programs
                    .iter()
                    .map(|&(id, title, format, provider, hours, validity)| Program {
                        program_id: id.into(),
                        title: title.into(),
                        format,
                        provider,
                        hours,
                        validity_months: validity,
                    })
                    .collect(),
            })
            .collect(),
        general_areas: 2,
        completions: (1, 3),
        completions_from: history_start(today),
        as_of: today,
    }
}

fn history_start(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(HISTORY_DAYS))
        .unwrap_or(today)
}

/// What the demo wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DemoSummary {
    pub employees: u32,
    pub programs: u32,
    pub completions: u32,
}

/// Fills an empty database with `employees` people (at least 20) from `seed`, as of `today`.
pub fn fill(db: &mut Db, employees: u32, seed: u64, today: NaiveDate) -> Result<DemoSummary> {
    if !(20..=MAX_EMPLOYEES).contains(&employees) {
        return Err(Error::invalid(
            "employees",
            format!("the demo holds 20 to {MAX_EMPLOYEES} employees"),
        ));
    }
    let shape = shape(today);
    db.with_trail(|tx, trail| {
        let existing: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM employees) + (SELECT count(*) FROM programs) + (SELECT count(*) FROM completions)",
            [],
            |r| r.get(0),
        )?;
        if existing > 0 {
            return Err(Error::Conflict(format!(
                "the database already holds {existing} records; the demo only fills an empty database, so nothing was changed"
            )));
        }
        let mut programs = 0u32;
        for (area, program) in shape.programs() {
            crate::programs::insert(
                tx,
                &ValidProgram {
                    program_id: program.program_id.clone(),
                    title: program.title.clone(),
                    skill_area: area.into(),
                    format: program.format,
                    provider: Some(program.provider.into()),
                    hours: Some(f64::from(program.hours)),
                    validity_months: program.validity_months.map(|m| m as i32),
                },
            )?;
            programs += 1;
        }

        let mut insert = tx.prepare_cached(
            "INSERT INTO completions (employee_ref, program_ref, completed_on, score, certificate_id) \
             SELECT e.id, p.id, ?3, ?4, ?5 FROM employees e, programs p \
             WHERE e.employee_id = ?1 AND p.program_id = ?2 \
             ON CONFLICT DO NOTHING",
        )?;
        let mut completions = 0u32;
        for person in shape.people(seed, u64::from(employees)) {
            let record = as_record(&shape, &person, shape.employee_id(person.index));
            crate::employees::insert(tx, &record)?;
            let done = &person.completions;
            completions += insert_completions(&mut insert, &shape, &record.employee_id, done)?;
        }
        for j in 0..leavers(employees) {
            let (record, done) = leaver(&shape, seed, j, today);
            crate::employees::insert(tx, &record)?;
            completions += insert_completions(&mut insert, &shape, &record.employee_id, &done)?;
        }
        add_targets(tx, today)?;
        let summary = DemoSummary { employees, programs, completions };
        // One entry for the whole demo, as for an import: what was generated, from what.
        let after = serde_json::json!({
            "demo": true,
            "seed": seed,
            "as_of": today.to_string(),
            "employees": summary.employees,
            "programs": summary.programs,
            "completions": summary.completions,
        });
        trail.record(
            tx,
            crate::audit::Entity::Record,
            "demo",
            crate::audit::Action::Import,
            None,
            Some(&after.to_string()),
        )?;
        Ok(summary)
    })
}

/// A generated person as the record stores them, under `employee_id`.
fn as_record(shape: &Shape, person: &Person, employee_id: String) -> ValidEmployee {
    ValidEmployee {
        employee_id,
        full_name: person.full_name(),
        email: person.email.clone(),
        role: person.role.into(),
        department: person.department_name.into(),
        manager_id: person.manager.map(|m| shape.employee_id(m)),
        birth_year: person.birth_year,
        hire_date: person.hire_date,
        location: person.location.map(str::to_string),
        active: person.active,
        left_on: None,
    }
}

/// Inserts `employee_id`'s completions; returns how many were new.
fn insert_completions(
    insert: &mut CachedStatement,
    shape: &Shape,
    employee_id: &str,
    completions: &[Completion],
) -> Result<u32> {
    let mut added = 0;
    for c in completions {
        added += insert.execute(params![
            employee_id,
            shape.program(c).program_id,
            format_date(c.completed_on),
            c.score.map(f64::from),
            c.certificate.map(|n| n.to_string()),
        ])? as u32;
    }
    Ok(added)
}

/// The stream of the leavers (besides the generator's people and completions).
const LEAVERS_STREAM: u64 = 3;

/// One leaver for every ten employees (at least two), ids L00001...
fn leavers(employees: u32) -> u32 {
    (employees / 10).max(2)
}

/// Leaver `j`: drawn like everyone (their own stream), in a department under its head,
/// inactive, with a left_on between two years ago and yesterday and, if trained, what they
/// completed before leaving.
fn leaver(shape: &Shape, seed: u64, j: u32, today: NaiveDate) -> (ValidEmployee, Vec<Completion>) {
    let mut rng = generator::stream(seed, LEAVERS_STREAM, u64::from(j));
    let department = rng.below(shape.departments.len() as u64) as usize;
    let yesterday = today.pred_opt().unwrap_or(today);
    let left_on =
        (history_start(today) + Days::new(1 + rng.below(HISTORY_DAYS - 2))).min(yesterday);
    let place = Place {
        department: Some(department),
        manager: Some(shape.head(department)),
        head: false,
        has_reports: false,
    };
    let person = shape.person(&mut rng, u64::from(j), place, left_on);
    let done = if person.trained {
        shape.completions(&mut rng, &person, left_on.pred_opt().unwrap_or(left_on))
    } else {
        Vec::new()
    };
    let mut record = as_record(shape, &person, format!("L{:05}", j + 1));
    // A leaver's work address is closed.
    record.email = None;
    record.active = false;
    record.left_on = Some(left_on);
    (record, done)
}

/// The demo's two targets, set from where the record stands so the app shows both kinds:
/// everyone's coverage a year from now, halfway to the forecast (on track), and Baby Boomers'
/// coverage, halfway from the forecast to 100% (off track).
fn add_targets(tx: &rusqlite::Connection, today: NaiveDate) -> Result<()> {
    let due = today.checked_add_days(Days::new(365)).unwrap_or(today);
    let k = crate::report::DEFAULT_MIN_GROUP;
    let targets = [
        ("T-ALL-AI", "Everyone reached by AI training", None, true),
        (
            "T-BOOMERS",
            "Baby Boomers catch up",
            Some("Baby Boomers"),
            false,
        ),
    ];
    for (id, title, generation, on_track) in targets {
        let mut target = crate::domain::ValidTarget {
            target_id: id.into(),
            title: title.into(),
            department: None,
            role: None,
            location: None,
            generation: generation.map(str::to_string),
            skill_area: None,
            manager_id: None,
            metric: crate::domain::TargetMetric::Coverage,
            value: 100.0,
            due,
            checked_on: today,
        };
        let probe = crate::domain::Target {
            target_id: id.into(),
            title: title.into(),
            department: None,
            role: None,
            location: None,
            generation: target.generation.clone(),
            skill_area: None,
            manager_id: None,
            metric: target.metric,
            value: 100.0,
            due: format_date(due),
        };
        let row = crate::report::evaluate_target(tx, &probe, today, k, today)?;
        if let (Some(now), Some(at_due)) = (row.current, row.forecast_at_due) {
            let goal = if on_track {
                (now + at_due) / 2.0
            } else {
                (at_due + 100.0) / 2.0
            };
            target.value = (goal * 10.0).round() / 10.0;
        }
        crate::targets::upsert(tx, &target)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::today;

    /// Share of active employees of a birth-year range with at least one completion.
    fn coverage(db: &Db, from: i32, to: i32) -> f64 {
        db.conn()
            .query_row(
                "SELECT 100.0 * avg(EXISTS (SELECT 1 FROM completions c WHERE c.employee_ref = e.id)) \
                 FROM employees e WHERE e.active = 1 AND e.birth_year BETWEEN ?1 AND ?2",
                params![from, to],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn demo_shows_the_generational_divide() {
        let mut db = Db::open_in_memory().unwrap();
        let summary = fill(&mut db, 500, DEFAULT_SEED, today()).unwrap();
        assert_eq!(summary.employees, 500);
        let boomers = coverage(&db, 1946, 1964);
        let gen_x = coverage(&db, 1965, 1980);
        let millennials = coverage(&db, 1981, 1996);
        let gen_z = coverage(&db, 1997, 2012);
        assert!(
            (millennials - 47.0).abs() < 4.0,
            "millennials {millennials}"
        );
        assert!((gen_z - 40.0).abs() < 4.0, "gen z {gen_z}");
        assert!((boomers - 22.0).abs() < 5.0, "boomers {boomers}");
        assert!(boomers < gen_x && gen_x < gen_z, "gen x {gen_x}");
        // Everyone has what the pages and their filters show; only a leaver has no e-mail.
        let incomplete: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM employees WHERE birth_year IS NULL OR hire_date IS NULL \
                 OR location IS NULL OR (email IS NULL) <> (left_on IS NOT NULL)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(incomplete, 0);
        assert!(crate::stats::integrity_problems(db.conn())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn demo_is_deterministic_and_refuses_a_used_database() {
        let dump = |seed| {
            let mut db = Db::open_in_memory().unwrap();
            fill(&mut db, 120, seed, today()).unwrap();
            let mut stmt = db
                .conn()
                .prepare("SELECT employee_id, full_name, manager_id, birth_year, hire_date FROM employees ORDER BY id")
                .unwrap();
            let rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok(format!(
                        "{:?}",
                        (
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, i32>(3)?,
                            r.get::<_, String>(4)?
                        )
                    ))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows
        };
        assert_eq!(dump(7), dump(7));
        assert_ne!(dump(7), dump(8));

        let mut db = Db::open_in_memory().unwrap();
        fill(&mut db, 50, 1, today()).unwrap();
        let before = crate::stats::stats(db.conn()).unwrap();
        let err = fill(&mut db, 50, 1, today()).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Conflict);
        assert!(
            err.to_string().contains("only fills an empty database"),
            "{err}"
        );
        assert_eq!(crate::stats::stats(db.conn()).unwrap(), before);
    }

    #[test]
    fn history_has_leavers_and_one_target_on_track_and_one_off() {
        let mut db = Db::open_in_memory().unwrap();
        fill(&mut db, 500, DEFAULT_SEED, today()).unwrap();
        let (leavers, bad): (i64, i64) = db
            .conn()
            .query_row(
                "SELECT count(*), sum(active = 1 OR left_on >= '2026-11-29' OR left_on < '2024-11-29' \
                     OR left_on < hire_date) FROM employees WHERE left_on IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((leavers, bad), (50, 0));
        let report = crate::report::targets_report(
            db.conn(),
            &crate::report::TargetsQuery {
                as_of: None,
                min_group: crate::report::DEFAULT_MIN_GROUP,
            },
            today(),
        )
        .unwrap();
        let statuses: Vec<_> = report
            .rows
            .iter()
            .map(|r| (r.target_id.as_str(), r.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("T-ALL-AI", crate::report::TargetStatus::OnTrack),
                ("T-BOOMERS", crate::report::TargetStatus::OffTrack)
            ]
        );
    }

    #[test]
    fn no_completion_is_before_hire_or_after_today() {
        let mut db = Db::open_in_memory().unwrap();
        fill(&mut db, 300, 3, today()).unwrap();
        let bad: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM completions c JOIN employees e ON e.id = c.employee_ref \
                 WHERE c.completed_on < e.hire_date OR c.completed_on > '2026-11-29' \
                    OR c.completed_on >= e.left_on",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(bad, 0);
    }
}
