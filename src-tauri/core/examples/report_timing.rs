//! Times the coverage reports on an organisation of 100,000 employees and about 1,000,000
//! completions, next to plain-SQL baselines that read the completions; optionally what the
//! `reach` triggers add to writing completions.
//!
//!     cargo run --release -p upskill-core --example report_timing -- [DB_PATH] [--trigger-cost]
//!
//! The database (default /tmp/upskill-timing.db) is generated on the first run and reused:
//! the demo organisation of 100,000 employees, then more completions for the people the demo
//! trained (so coverage by generation keeps the demo's shape) up to about 1,000,000.
//! Each report runs 7 times; the median, min and max are printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use upskill_core::db::Db;
use upskill_core::report::{self, DashboardQuery, Dimension, Filters, GapQuery, ReportQuery};
use upskill_core::rng::SplitMix64;

const RUNS: usize = 7;
const EMPLOYEES: u32 = 100_000;
const COMPLETIONS: u64 = 1_000_000;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date")
}

/// (employee_ref, program_ref, completed_on) for the extra completions, in employee order.
fn extra_completions(conn: &Connection) -> Result<Vec<(i64, i64, String)>> {
    let trained: Vec<(i64, NaiveDate)> = conn
        .prepare(
            "SELECT e.id, max(coalesce(e.hire_date, '2024-11-29'), '2024-11-29') FROM employees e \
             WHERE EXISTS (SELECT 1 FROM completions c WHERE c.employee_ref = e.id)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))?
        .map(|row| {
            let (id, start) = row?;
            Ok((id, NaiveDate::parse_from_str(&start, "%Y-%m-%d")?))
        })
        .collect::<Result<_>>()?;
    let programs: Vec<i64> = conn
        .prepare("SELECT id FROM programs")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let existing: i64 = conn.query_row("SELECT count(*) FROM completions", [], |r| r.get(0))?;
    let per_person = (COMPLETIONS.saturating_sub(existing as u64)) / trained.len().max(1) as u64;
    let mut rng = SplitMix64::new(11);
    let mut rows = Vec::new();
    for (id, start) in trained {
        let span = (today() - start).num_days().max(1) as u64;
        for _ in 0..per_person {
            let on = start + chrono::Days::new(rng.below(span));
            let program = programs[rng.below(programs.len() as u64) as usize];
            rows.push((id, program, on.format("%Y-%m-%d").to_string()));
        }
    }
    Ok(rows)
}

fn insert_completions(db: &mut Db, rows: &[(i64, i64, String)]) -> Result<usize> {
    Ok(db.with_tx(|tx| {
        let mut insert = tx.prepare(
            "INSERT INTO completions (employee_ref, program_ref, completed_on) VALUES (?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )?;
        let mut added = 0;
        for (employee, program, on) in rows {
            added += insert.execute(params![employee, program, on])?;
        }
        Ok(added)
    })?)
}

fn generate(path: &Path) -> Result<()> {
    let mut db = Db::open(path)?;
    let started = Instant::now();
    let summary = upskill_core::demo::fill(&mut db, EMPLOYEES, 7, today())?;
    println!("demo::fill: {summary:?} in {:.1?}", started.elapsed());
    let rows = extra_completions(db.conn())?;
    let started = Instant::now();
    let added = insert_completions(&mut db, &rows)?;
    println!("added {added} completions in {:.1?}", started.elapsed());
    Ok(())
}

/// What the triggers add to writing completions: the same 300,000 new rows (random
/// employees, programs and dates) into copies of the database, with the triggers, without
/// them, and through `reach::bulk_insert`; in employee order and in date order.
fn trigger_cost(path: &Path) -> Result<()> {
    let db = Db::open(path)?;
    let (employees, programs): (i64, i64) = db.conn().query_row(
        "SELECT (SELECT max(id) FROM employees), (SELECT max(id) FROM programs)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    drop(db);
    let mut rng = SplitMix64::new(5);
    let mut rows: Vec<(i64, i64, String)> = (0..300_000)
        .map(|_| {
            let on = today() - chrono::Days::new(rng.below(730));
            (
                1 + rng.below(employees as u64) as i64,
                1 + rng.below(programs as u64) as i64,
                on.format("%Y-%m-%d").to_string(),
            )
        })
        .collect();
    rows.sort();
    let copy = std::env::temp_dir().join("upskill-timing-copy.db");
    for order in ["employee order", "date order"] {
        if order == "date order" {
            rows.sort_by(|a, b| a.2.cmp(&b.2));
        }
        for how in ["with triggers", "no triggers", "reach::bulk_insert"] {
            let _ = std::fs::remove_file(&copy);
            std::fs::copy(path, &copy)?;
            let mut db = Db::open(&copy)?;
            if how == "no triggers" {
                db.conn().execute_batch(
                    "DROP TRIGGER completions_reach_insert; DROP TRIGGER completions_reach_delete; \
                     DROP TRIGGER completions_reach_update;",
                )?;
            }
            let started = Instant::now();
            let added = if how == "reach::bulk_insert" {
                db.with_tx(|tx| {
                    upskill_core::reach::bulk_insert(tx, |conn| {
                        let mut insert = conn.prepare(
                            "INSERT INTO completions (employee_ref, program_ref, completed_on) \
                             VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        )?;
                        let mut added = 0;
                        for (employee, program, on) in &rows {
                            added += insert.execute(params![employee, program, on])?;
                        }
                        Ok(added)
                    })
                })?
            } else {
                insert_completions(&mut db, &rows)?
            };
            let took = started.elapsed();
            println!(
                "insert {added} completions, {order}, {how}: {:.2?} ({:.2} µs/row)",
                took,
                took.as_secs_f64() * 1e6 / added.max(1) as f64
            );
            if how == "reach::bulk_insert" {
                assert_eq!(upskill_core::reach::stale_rows(db.conn())?, 0);
            }
            drop(db);
            let _ = std::fs::remove_file(&copy);
        }
    }
    Ok(())
}

fn time<T>(label: &str, mut f: impl FnMut() -> T) -> Duration {
    let mut runs: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect();
    runs.sort();
    let median = runs[RUNS / 2];
    println!(
        "{label:<52} median {:>6.1} ms  (min {:>6.1}, max {:>6.1})",
        ms(median),
        ms(runs[0]),
        ms(runs[RUNS - 1])
    );
    median
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "/tmp/upskill-timing.db".into()),
    );
    if !path.exists() {
        generate(&path)?;
    }
    if args.iter().any(|a| a == "--trigger-cost") {
        return trigger_cost(&path);
    }
    let db = Db::open(&path)?;
    let conn = db.conn();
    let counts: (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM employees), (SELECT count(*) FROM completions), \
         (SELECT count(*) FROM reach)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    println!(
        "{}: {} employees, {} completions, {} reach rows",
        path.display(),
        counts.0,
        counts.1,
        counts.2
    );

    // Baselines: coverage by generation × role in plain SQL over the completions, as of today.
    let generation = "CASE WHEN e.birth_year IS NULL THEN 6 WHEN e.birth_year <= 1945 THEN 0 \
         WHEN e.birth_year <= 1964 THEN 1 WHEN e.birth_year <= 1980 THEN 2 \
         WHEN e.birth_year <= 1996 THEN 3 WHEN e.birth_year <= 2012 THEN 4 ELSE 5 END";
    let population = "e.active = 1 AND (e.hire_date IS NULL OR e.hire_date <= ?1)";
    let scan = format!(
        "SELECT {generation}, e.role, count(*), count(t.employee_ref) FROM employees e \
         LEFT JOIN (SELECT DISTINCT employee_ref FROM completions WHERE completed_on <= ?1) t \
         ON t.employee_ref = e.id WHERE {population} GROUP BY 1, 2"
    );
    let exists = format!(
        "SELECT {generation}, e.role, count(*), sum(EXISTS (SELECT 1 FROM completions c \
         WHERE c.employee_ref = e.id AND c.completed_on <= ?1)) FROM employees e \
         WHERE {population} GROUP BY 1, 2"
    );
    let run_sql = |sql: &str| -> usize {
        let mut stmt = conn.prepare_cached(sql).expect("prepare");
        stmt.query_map(params!["2026-11-29"], |r| r.get::<_, i64>(2))
            .expect("query")
            .count()
    };
    let base_scan = time("baseline: DISTINCT over completions (gen x role)", || {
        run_sql(&scan)
    });
    let base_exists = time("baseline: EXISTS per employee (gen x role)", || {
        run_sql(&exists)
    });

    let q = |dims: &[Dimension], filters: Filters| ReportQuery {
        dims: dims.to_vec(),
        filters,
        min_group: report::DEFAULT_MIN_GROUP,
    };
    let coverage = |label: &str, query: ReportQuery| {
        time(label, || {
            report::coverage(conn, &query, today()).expect("report")
        })
    };
    let unfiltered = coverage(
        "coverage --by generation,role",
        q(
            &[Dimension::Generation, Dimension::Role],
            Filters::default(),
        ),
    );
    println!(
        "  ratio to the baselines: {:.2} (DISTINCT), {:.2} (EXISTS)",
        unfiltered.as_secs_f64() / base_scan.as_secs_f64(),
        unfiltered.as_secs_f64() / base_exists.as_secs_f64()
    );
    coverage(
        "coverage --by department",
        q(&[Dimension::Department], Filters::default()),
    );
    coverage(
        "coverage --by skill_area",
        q(&[Dimension::SkillArea], Filters::default()),
    );
    coverage(
        "coverage --by age_band,location",
        q(
            &[Dimension::AgeBand, Dimension::Location],
            Filters::default(),
        ),
    );
    coverage(
        "coverage --by generation,skill_area",
        q(
            &[Dimension::Generation, Dimension::SkillArea],
            Filters::default(),
        ),
    );
    time("gaps --by generation", || {
        report::gaps(
            conn,
            &GapQuery {
                dim: Dimension::Generation,
                filters: Filters::default(),
                min_group: report::DEFAULT_MIN_GROUP,
                threshold: report::DEFAULT_THRESHOLD,
            },
            today(),
        )
        .expect("gaps")
    });
    time("dashboard", || {
        report::dashboard(conn, &DashboardQuery::default(), today()).expect("dashboard")
    });

    let f = |from: Option<&str>, to: Option<&str>| Filters {
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        ..Default::default()
    };
    let gen_role = [Dimension::Generation, Dimension::Role];
    let range_scan = format!(
        "SELECT {generation}, e.role, count(*), sum(EXISTS (SELECT 1 FROM completions c \
         WHERE c.employee_ref = e.id AND c.completed_on BETWEEN '2025-06-01' AND '2025-08-31')) \
         FROM employees e WHERE {population} GROUP BY 1, 2"
    );
    time(
        "baseline: gen x role, completions 2025-06-01..08-31",
        || run_sql(&range_scan),
    );
    for (label, filters) in [
        ("gen,role --from 2026-01-01", f(Some("2026-01-01"), None)),
        (
            "gen,role --from 2025-06-01 --to 2025-08-31",
            f(Some("2025-06-01"), Some("2025-08-31")),
        ),
        (
            "gen,role --as-of 2025-06-30",
            Filters {
                as_of: Some("2025-06-30".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --program PE-200",
            Filters {
                program_id: Some("PE-200".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --program-format bootcamp",
            Filters {
                program_format: Some("bootcamp".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --skill-area 'AI literacy'",
            Filters {
                skill_area: Some("AI literacy".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --skill-area 'AI literacy' --program-format workshop",
            Filters {
                skill_area: Some("AI literacy".into()),
                program_format: Some("workshop".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --department Engineering",
            Filters {
                department: Some("Engineering".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --manager E00002 (a department head)",
            Filters {
                manager_id: Some("E00002".into()),
                ..Default::default()
            },
        ),
        (
            "gen,role --include-inactive",
            Filters {
                include_inactive: true,
                ..Default::default()
            },
        ),
    ] {
        coverage(label, q(&gen_role, filters));
    }
    let area_scan = format!(
        "SELECT p.skill_area, count(DISTINCT c.employee_ref) FROM completions c \
         JOIN programs p ON p.id = c.program_ref JOIN employees e ON e.id = c.employee_ref \
         WHERE {population} AND c.completed_on BETWEEN '2026-01-01' AND ?1 GROUP BY 1"
    );
    let base_area = time("baseline: skill areas since 2026-01-01", || {
        run_sql(&area_scan)
    });
    let since = coverage(
        "skill_area --from 2026-01-01",
        q(&[Dimension::SkillArea], f(Some("2026-01-01"), None)),
    );
    println!(
        "  ratio to the baseline: {:.2}",
        since.as_secs_f64() / base_area.as_secs_f64()
    );
    coverage(
        "skill_area --as-of 2025-06-30",
        q(
            &[Dimension::SkillArea],
            Filters {
                as_of: Some("2025-06-30".into()),
                ..Default::default()
            },
        ),
    );
    time("dashboard --from 2026-01-01", || {
        report::dashboard(
            conn,
            &DashboardQuery {
                filters: f(Some("2026-01-01"), None),
                ..Default::default()
            },
            today(),
        )
        .expect("dashboard")
    });
    Ok(())
}
