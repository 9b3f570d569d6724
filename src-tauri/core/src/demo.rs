//! A realistic, deterministic demo organisation, so a newcomer sees the AI-training divide at
//! once: coverage by generation follows the survey Upskill exists for (Millennials ≈47%,
//! Gen Z ≈40%, Gen X in between, Baby Boomers ≈22%).
//!
//! Deterministic: the same seed, size and `today` give the same organisation, byte for byte.
//! It only fills an empty database; it never overwrites a record.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use crate::db::Db;
use crate::domain::{format_date, ProgramFormat, ValidEmployee, ValidProgram};
use crate::error::{Error, Result};
use crate::rng::SplitMix64;

pub const DEFAULT_EMPLOYEES: u32 = 500;
pub const DEFAULT_SEED: u64 = 2026;
pub const MAX_EMPLOYEES: u32 = 2_000_000;

/// Departments and their roles; the first role of each is its head's.
const DEPARTMENTS: &[(&str, &[&str])] = &[
    (
        "Engineering",
        &[
            "Engineering manager",
            "Software engineer",
            "AI infrastructure engineer",
            "ML engineer",
            "Site reliability engineer",
        ],
    ),
    (
        "Data",
        &[
            "Head of data",
            "Data engineer",
            "Data scientist",
            "Analytics engineer",
        ],
    ),
    (
        "Security",
        &["Security lead", "Security analyst", "Compliance officer"],
    ),
    (
        "Sales",
        &[
            "Sales director",
            "Account executive",
            "Sales engineer",
            "Sales development rep",
        ],
    ),
    (
        "Customer Support",
        &[
            "Support lead",
            "Support specialist",
            "Technical support engineer",
        ],
    ),
    (
        "Marketing",
        &[
            "Marketing lead",
            "Marketing specialist",
            "Content strategist",
        ],
    ),
    ("People", &["HR director", "HR partner", "Recruiter"]),
    (
        "Finance",
        &["Finance director", "Financial analyst", "Accountant"],
    ),
    (
        "Operations",
        &[
            "Operations director",
            "Operations specialist",
            "Facilities coordinator",
        ],
    ),
];

// The start of the shared lists, as the demo has always used them.
const LOCATIONS: &[&str] = crate::names::LOCATIONS.as_slice().split_at(6).0;

const FIRST_NAMES: &[&str] = crate::names::FIRST_NAMES.as_slice().split_at(40).0;

const LAST_NAMES: &[&str] = crate::names::LAST_NAMES.as_slice().split_at(30).0;

/// The demo catalog: (id, title, skill area, format, provider, hours, validity months).
type CatalogEntry = (
    &'static str,
    &'static str,
    &'static str,
    ProgramFormat,
    &'static str,
    f64,
    Option<i32>,
);
const CATALOG: &[CatalogEntry] = &[
    (
        "AI-101",
        "AI literacy for everyone",
        "AI literacy",
        ProgramFormat::ELearning,
        "Upskill Academy",
        4.0,
        None,
    ),
    (
        "AI-110",
        "Generative AI at work",
        "AI literacy",
        ProgramFormat::Workshop,
        "Upskill Academy",
        3.0,
        None,
    ),
    (
        "PE-200",
        "Prompt engineering bootcamp",
        "Prompt engineering",
        ProgramFormat::Bootcamp,
        "Northwind Learning",
        24.0,
        None,
    ),
    (
        "PE-210",
        "Prompt patterns hands-on lab",
        "Prompt engineering",
        ProgramFormat::HandsOnLab,
        "Northwind Learning",
        6.0,
        None,
    ),
    (
        "DS-300",
        "Data engineering for AI",
        "Data science & engineering",
        ProgramFormat::Bootcamp,
        "DataForge",
        40.0,
        None,
    ),
    (
        "DS-310",
        "Cloud data analytics certification",
        "Data science & engineering",
        ProgramFormat::VendorCertification,
        "CloudCo",
        30.0,
        Some(24),
    ),
    (
        "ML-400",
        "Machine learning engineering",
        "ML engineering",
        ProgramFormat::Bootcamp,
        "DataForge",
        60.0,
        None,
    ),
    (
        "ML-410",
        "MLOps certified practitioner",
        "ML engineering",
        ProgramFormat::VendorCertification,
        "CloudCo",
        35.0,
        Some(36),
    ),
    (
        "GPU-500",
        "GPU cluster operations lab",
        "GPU & high-density infrastructure",
        ProgramFormat::HandsOnLab,
        "ChipWorks",
        16.0,
        None,
    ),
    (
        "GPU-510",
        "High-density datacenter design",
        "GPU & high-density infrastructure",
        ProgramFormat::VendorCertification,
        "ChipWorks",
        28.0,
        Some(24),
    ),
    (
        "SEC-600",
        "AI security fundamentals",
        "AI security & compliance",
        ProgramFormat::ELearning,
        "Upskill Academy",
        5.0,
        Some(12),
    ),
    (
        "SEC-610",
        "AI governance and the EU AI Act",
        "AI security & compliance",
        ProgramFormat::Workshop,
        "Lex & Co",
        8.0,
        Some(24),
    ),
];

/// Birth-year bands the demo draws from, with their share of the workforce (per mille) and the
/// share of each band that has been reached by AI training (per mille), after the survey.
const COHORTS: &[(i32, i32, u64, u64)] = &[
    (1946, 1964, 120, 220), // Baby Boomers
    (1965, 1980, 300, 330), // Gen X
    (1981, 1996, 400, 470), // Millennials
    (1997, 2006, 180, 400), // Gen Z (of working age)
];

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
    let mut rng = SplitMix64::new(seed);
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
        for &(id, title, area, format, provider, hours, validity) in CATALOG {
            crate::programs::insert(
                tx,
                &ValidProgram {
                    program_id: id.into(),
                    title: title.into(),
                    skill_area: area.into(),
                    format,
                    provider: Some(provider.into()),
                    hours: Some(hours),
                    validity_months: validity,
                },
            )?;
        }

        let people = people(&mut rng, employees, today);
        for person in &people {
            crate::employees::insert(tx, &person.record)?;
        }

        let mut insert = tx.prepare_cached(
            "INSERT INTO completions (employee_ref, program_ref, completed_on, score, certificate_id) \
             SELECT e.id, p.id, ?3, ?4, ?5 FROM employees e, programs p \
             WHERE e.employee_id = ?1 AND p.program_id = ?2 \
             ON CONFLICT DO NOTHING",
        )?;
        let window_start = today.checked_sub_days(Days::new(730)).unwrap_or(today);
        let mut completions = 0u32;
        for person in people.iter().filter(|p| p.trained) {
            let first_day = person.record.hire_date.map_or(window_start, |h| h.max(window_start));
            let span = (today - first_day).num_days().max(1) as u64;
            let count = 1 + rng.below(3);
            for _ in 0..count {
                let (id, _, _, format, _, _, _) = *rng.pick(relevant_programs(&person.record.department));
                let on = first_day + Days::new(rng.below(span));
                let score = (rng.below(4) > 0).then(|| 60.0 + rng.below(41) as f64);
                let certificate = (format == ProgramFormat::VendorCertification)
                    .then(|| format!("CERT-{:06}", rng.below(1_000_000)));
                completions += insert.execute(params![
                    person.record.employee_id,
                    id,
                    format_date(on.min(today)),
                    score,
                    certificate
                ])? as u32;
            }
        }
        // Two years of history, from a stream of its own so everyone above (and so today's
        // figures) stays exactly as it was: people who left, with what they completed before.
        let mut history = SplitMix64::new(seed ^ HISTORY_STREAM);
        for leaver in leavers(&mut history, employees, today) {
            crate::employees::insert(tx, &leaver.record)?;
            if let (true, Some(left)) = (leaver.trained, leaver.record.left_on) {
                let first_day = leaver.record.hire_date.map_or(window_start, |h| h.max(window_start));
                let span = (left - first_day).num_days().max(1) as u64;
                let (id, _, _, _, _, _, _) = *history.pick(relevant_programs(&leaver.record.department));
                let on = (first_day + Days::new(history.below(span))).min(left.pred_opt().unwrap_or(left));
                completions += insert.execute(params![
                    leaver.record.employee_id,
                    id,
                    format_date(on.max(first_day)),
                    Option::<f64>::None,
                    Option::<String>::None
                ])? as u32;
            }
        }
        add_targets(tx, today)?;
        let summary = DemoSummary { employees, programs: CATALOG.len() as u32, completions };
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

/// The seed of the history's own random stream (xor the demo's seed).
const HISTORY_STREAM: u64 = 0x001E_A7E1_250F_2026;

/// People who left within the last two years: one for every ten employees, ids L00001...,
/// inactive, with a left_on between two years ago and yesterday, each reached by training at
/// their generation's share.
fn leavers(rng: &mut SplitMix64, employees: u32, today: NaiveDate) -> Vec<Person> {
    let count = (employees / 10).max(2);
    let heads = DEPARTMENTS.len();
    let window_start = today.checked_sub_days(Days::new(730)).unwrap_or(today);
    let mut out = Vec::with_capacity(count as usize);
    for j in 0..count {
        let pick = rng.below(1000);
        let mut cumulative = 0;
        let mut band = COHORTS.len() - 1;
        for (i, &(_, _, share, _)) in COHORTS.iter().enumerate() {
            cumulative += share;
            if pick < cumulative {
                band = i;
                break;
            }
        }
        let (from, to, _, reach) = COHORTS[band];
        let birth_year = from + rng.below((to - from + 1) as u64) as i32;
        let d = rng.below(heads as u64) as usize;
        let (dept, roles) = DEPARTMENTS[d];
        let role = *rng.pick(&roles[1..]);
        let left_on = window_start + Days::new(rng.below(729));
        // Hired at 21 or later, not before 1990, at least 90 days before leaving.
        let earliest =
            NaiveDate::from_ymd_opt((birth_year + 21).max(1990), 1, 1).unwrap_or(window_start);
        let latest = left_on.checked_sub_days(Days::new(90)).unwrap_or(left_on);
        let hire_date = if earliest < latest {
            earliest + Days::new(rng.below((latest - earliest).num_days() as u64))
        } else {
            latest
        };
        let first = *rng.pick(FIRST_NAMES);
        let last = *rng.pick(LAST_NAMES);
        out.push(Person {
            record: ValidEmployee {
                employee_id: format!("L{:05}", j + 1),
                full_name: format!("{first} {last}"),
                email: None,
                role: role.into(),
                department: dept.into(),
                manager_id: Some(format!("E{:05}", d + 2)),
                birth_year: Some(birth_year),
                hire_date: Some(hire_date),
                location: Some(rng.pick(LOCATIONS).to_string()),
                active: false,
                left_on: Some(left_on.min(today.pred_opt().unwrap_or(today))),
            },
            trained: rng.below(1000) < reach,
        });
    }
    out
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

struct Person {
    record: ValidEmployee,
    trained: bool,
}

/// The programs a department's people take: everyone the general ones, plus their specialty.
fn relevant_programs(department: &str) -> &'static [CatalogEntry] {
    match department {
        "Engineering" => &CATALOG[2..10],
        "Data" => &CATALOG[2..8],
        "Security" => &CATALOG[10..12],
        _ => &CATALOG[0..4],
    }
}

fn people(rng: &mut SplitMix64, count: u32, today: NaiveDate) -> Vec<Person> {
    let count = count as usize;
    // Birth years: each band gets its share; within a band, uniform.
    let mut years: Vec<(i32, usize)> = Vec::with_capacity(count);
    let mut assigned = 0;
    for (i, &(from, to, share, _)) in COHORTS.iter().enumerate() {
        let n = if i + 1 == COHORTS.len() {
            count - assigned
        } else {
            count * share as usize / 1000
        };
        for _ in 0..n {
            years.push((from + rng.below((to - from + 1) as u64) as i32, i));
        }
        assigned += n;
    }
    rng.shuffle(&mut years);

    // Trained: exactly the band's share of its members, picked at random, so the pattern
    // holds at every size and seed.
    let mut trained = vec![false; count];
    for (band, &(_, _, _, reach)) in COHORTS.iter().enumerate() {
        let mut members: Vec<usize> = (0..count).filter(|&i| years[i].1 == band).collect();
        rng.shuffle(&mut members);
        let quota = (members.len() as u64 * reach + 500) / 1000;
        for &i in members.iter().take(quota as usize) {
            trained[i] = true;
        }
    }

    let heads = DEPARTMENTS.len();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let employee_id = format!("E{:05}", i + 1);
        // Person 0 is the CEO; 1..=heads head the departments; the rest report to a lead.
        let (department, role, manager_id) = if i == 0 {
            ("Executive", "Chief executive", None)
        } else if i <= heads {
            let (dept, roles) = DEPARTMENTS[i - 1];
            (dept, roles[0], Some("E00001".to_string()))
        } else {
            let d = rng.below(heads as u64) as usize;
            let (dept, roles) = DEPARTMENTS[d];
            // Leads: every 8th person reports to the head; others to an earlier colleague in the
            // same department, which makes a tree several levels deep.
            let head = format!("E{:05}", d + 2);
            let earlier: Vec<usize> = (heads + 1..i).rev().take(40).filter(|&j| {
                matches!(out.get(j), Some(p) if matches!(p, Person { record, .. } if record.department == dept))
            }).collect();
            let manager = if i % 8 == 0 || earlier.is_empty() {
                head
            } else {
                let j = earlier[rng.below(earlier.len() as u64) as usize];
                format!("E{:05}", j + 1)
            };
            (dept, *rng.pick(&roles[1..]), Some(manager))
        };
        let first = *rng.pick(FIRST_NAMES);
        let last = *rng.pick(LAST_NAMES);
        let (birth_year, _) = years[i];
        // Hired at 21 or later, not before 1990, at least a month ago.
        let earliest = NaiveDate::from_ymd_opt((birth_year + 21).max(1990), 1, 1).unwrap_or(today);
        let latest = today.checked_sub_days(Days::new(30)).unwrap_or(today);
        let span = (latest - earliest).num_days().max(1) as u64;
        let hire_date = earliest + Days::new(rng.below(span));
        let email_local: String = format!("{first}.{last}.{}", i + 1)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        out.push(Person {
            record: ValidEmployee {
                employee_id,
                full_name: format!("{first} {last}"),
                email: Some(format!("{email_local}@example.com")),
                role: role.into(),
                department: department.into(),
                manager_id,
                birth_year: Some(birth_year),
                hire_date: Some(hire_date.min(latest)),
                location: Some(rng.pick(LOCATIONS).to_string()),
                // A few leavers, never a manager at the top of the tree.
                active: i <= heads || rng.below(100) >= 3,
                left_on: None,
            },
            trained: trained[i],
        });
        debug_assert!(today.year() >= birth_year);
    }
    out
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
