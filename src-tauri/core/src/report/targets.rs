//! Where each target stands: its value now and 180 days ago, the run rate, the forecast at its
//! due date and its status.
//!
//! Definitions (every face shows exactly these):
//! - The **value** of a target's metric on a date is computed as the coverage report computes
//!   it on that date (that date's population, leavers included, and suppression), unrounded:
//!   `coverage` = 100 × trained / headcount of the scope; `divide` = the highest minus the
//!   lowest coverage among the scope's generations that are shown (not Unknown, not
//!   suppressed, primary or complementary, as in the report by generation).
//! - The **run rate** on D = (value on D − value on D − 180 days) / 180, per day; the
//!   **forecast** at T = value on D + rate × (T − D) days, clamped to 0–100 (rounded to one
//!   decimal only when shown).
//! - **Status**, the first that holds: insufficient_data (the scope's headcount on D − 180 or
//!   on D is below k, or for `divide` fewer than two generations are shown on either date);
//!   met (the value on D reaches the target: coverage ≥ value, divide ≤ value); missed (due
//!   before D); on_track (the forecast at due reaches it); off_track.
//! - **reach_date**: the first day the forecast reaches the target; none when it never does
//!   or is already met.

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::groups::{Key, GENERATIONS};
use super::scope::Scope;
use super::suppression::{suppress, too_small, Cell};
use super::{Counts, Dimension, Filters};
use crate::domain::{format_date, parse_iso_date, Target, TargetMetric};
use crate::error::{Error, Result};

/// The run rate looks back this many days.
pub const RUN_RATE_DAYS: u64 = 180;

/// Where targets stand on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetsQuery {
    /// YYYY-MM-DD; None = today.
    pub as_of: Option<String>,
    /// k: a scope (or, for a divide, a generation) of fewer employees is not shown.
    pub min_group: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TargetStatus {
    InsufficientData,
    Met,
    Missed,
    OnTrack,
    OffTrack,
}

impl TargetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::InsufficientData => "insufficient_data",
            TargetStatus::Met => "met",
            TargetStatus::Missed => "missed",
            TargetStatus::OnTrack => "on_track",
            TargetStatus::OffTrack => "off_track",
        }
    }
}

impl std::fmt::Display for TargetStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One target on the report's date. Values are rounded to one decimal; the status and the
/// reach date come from the unrounded ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetRow {
    pub target_id: String,
    pub title: String,
    pub metric: TargetMetric,
    pub value: f64,
    pub due: String,
    /// None when the scope is too small on the date (or a divide has fewer than two
    /// generations shown).
    pub current: Option<f64>,
    pub value_180_days_ago: Option<f64>,
    /// None when the status is insufficient_data.
    pub forecast_at_due: Option<f64>,
    pub status: TargetStatus,
    /// YYYY-MM-DD: the first day the forecast reaches the target; None if never or already met.
    pub reach_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetsReport {
    /// YYYY-MM-DD.
    pub as_of: String,
    pub min_group: u32,
    pub rows: Vec<TargetRow>,
    /// The definitions, as sentences ready to print.
    pub lines: Vec<String>,
}

/// The metric on one date, unrounded; None when too small to show.
fn metric_on(
    conn: &Connection,
    target: &Target,
    on: NaiveDate,
    k: u32,
    today: NaiveDate,
) -> Result<Option<f64>> {
    let filters = Filters {
        department: target.department.clone(),
        manager_id: target.manager_id.clone(),
        skill_area: target.skill_area.clone(),
        as_of: Some(format_date(on)),
        ..Filters::default()
    };
    let scope = Scope::new(conn, &filters, today)?;
    let dims = [Dimension::Generation, Dimension::Role, Dimension::Location];
    let counts = Counts::fetch(conn, &scope, &dims)?;
    let generation = match &target.generation {
        Some(label) => Some(
            GENERATIONS
                .iter()
                .position(|(l, _, _)| l == label)
                .ok_or_else(|| Error::Internal(format!("stored generation '{label}'")))?,
        ),
        None => None,
    };
    let text = |key: &Key, want: &Option<String>| match want {
        None => true,
        Some(want) => matches!(key, Key::Text(t) if t == want),
    };
    let in_scope: Vec<_> = counts
        .cube
        .iter()
        .filter(|g| {
            generation.is_none_or(|rank| g.keys[0] == Key::Rank(rank as u8))
                && text(&g.keys[1], &target.role)
                && text(&g.keys[2], &target.location)
        })
        .cloned()
        .collect();
    let (headcount, trained) = in_scope
        .iter()
        .fold((0u32, 0u32), |(h, t), g| (h + g.headcount, t + g.trained));
    if headcount == 0 || too_small(headcount, k) {
        return Ok(None);
    }
    match target.metric {
        TargetMetric::Coverage => Ok(Some(pct(trained, headcount))),
        TargetMetric::Divide => {
            let by_generation = super::rollup(&in_scope, &dims, &[Dimension::Generation])?;
            let mut cells: Vec<Cell> = by_generation
                .into_iter()
                .map(|(keys, g)| Cell {
                    keys,
                    headcount: g.headcount,
                    trained: g.trained,
                    suppressed: false,
                })
                .collect();
            suppress(&mut cells, &[Dimension::Generation], k);
            let shown: Vec<f64> = cells
                .iter()
                .filter(|c| {
                    !c.suppressed
                        && c.headcount > 0
                        && matches!(c.keys[0], Key::Rank(r) if usize::from(r) < GENERATIONS.len())
                })
                .map(|c| pct(c.trained, c.headcount))
                .collect();
            if shown.len() < 2 {
                return Ok(None);
            }
            let high = shown.iter().copied().fold(f64::MIN, f64::max);
            let low = shown.iter().copied().fold(f64::MAX, f64::min);
            Ok(Some(high - low))
        }
    }
}

fn pct(trained: u32, headcount: u32) -> f64 {
    100.0 * f64::from(trained) / f64::from(headcount)
}

/// One decimal, as shown.
fn shown(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The latest day a forecast is worked out to.
const LAST_DAY: (i32, u32, u32) = (9999, 12, 31);

/// Where one target stands on `as_of`.
pub fn evaluate_target(
    conn: &Connection,
    target: &Target,
    as_of: NaiveDate,
    min_group: u32,
    today: NaiveDate,
) -> Result<TargetRow> {
    let due = parse_iso_date(&target.due)
        .ok_or_else(|| Error::Internal(format!("stored due date '{}'", target.due)))?;
    let then_day = as_of
        .checked_sub_days(Days::new(RUN_RATE_DAYS))
        .unwrap_or(as_of);
    let now = metric_on(conn, target, as_of, min_group, today)?;
    let then = metric_on(conn, target, then_day, min_group, today)?;
    let mut row = TargetRow {
        target_id: target.target_id.clone(),
        title: target.title.clone(),
        metric: target.metric,
        value: target.value,
        due: target.due.clone(),
        current: now.map(shown),
        value_180_days_ago: then.map(shown),
        forecast_at_due: None,
        status: TargetStatus::InsufficientData,
        reach_date: None,
    };
    let (Some(now), Some(then)) = (now, then) else {
        return Ok(row);
    };
    let rate = (now - then) / RUN_RATE_DAYS as f64;
    let forecast =
        |day: NaiveDate| (now + rate * (day - as_of).num_days() as f64).clamp(0.0, 100.0);
    let reaches = |v: f64| match target.metric {
        TargetMetric::Coverage => v >= target.value,
        TargetMetric::Divide => v <= target.value,
    };
    let at_due = forecast(due);
    row.forecast_at_due = Some(shown(at_due));
    row.status = if reaches(now) {
        TargetStatus::Met
    } else if due < as_of {
        TargetStatus::Missed
    } else if reaches(at_due) {
        TargetStatus::OnTrack
    } else {
        TargetStatus::OffTrack
    };
    if row.status != TargetStatus::Met {
        let toward = match target.metric {
            TargetMetric::Coverage => rate > 0.0,
            TargetMetric::Divide => rate < 0.0,
        };
        let last = NaiveDate::from_ymd_opt(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2).unwrap_or(as_of);
        let horizon = (last - as_of).num_days();
        if toward {
            let estimate = ((target.value - now) / rate).ceil();
            if estimate.is_finite() && estimate <= horizon as f64 {
                let day = |n: i64| as_of + chrono::Duration::days(n);
                // The estimate, then a step either way for the floating point's sake.
                let mut n = (estimate as i64).clamp(1, horizon);
                while n > 1 && reaches(forecast(day(n - 1))) {
                    n -= 1;
                }
                while n < horizon && !reaches(forecast(day(n))) {
                    n += 1;
                }
                if reaches(forecast(day(n))) {
                    row.reach_date = Some(format_date(day(n)));
                }
            }
        }
    }
    Ok(row)
}

/// Every target on `as_of` (default today), by target_id.
pub fn targets_report(
    conn: &Connection,
    query: &TargetsQuery,
    today: NaiveDate,
) -> Result<TargetsReport> {
    let as_of = match query
        .as_of
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => today,
        Some(text) => parse_iso_date(text).ok_or_else(|| {
            Error::invalid(
                "as_of",
                format!("'{text}' is not a real date in the form YYYY-MM-DD"),
            )
        })?,
    };
    let k = query.min_group;
    let rows = crate::targets::list_all(conn)?
        .iter()
        .map(|t| evaluate_target(conn, t, as_of, k, today))
        .collect::<Result<Vec<_>>>()?;
    let lines = vec![
        format!(
            "As of {}: each value is the metric as the coverage report computes it on the day \
             (that day's population, leavers gone from the day they left), unrounded.",
            format_date(as_of)
        ),
        "coverage: trained / headcount of the scope; divide: the highest minus the lowest \
         coverage among the scope's generations shown (not Unknown, not suppressed)."
            .to_string(),
        format!(
            "Run rate = (value now - value {RUN_RATE_DAYS} days ago) / {RUN_RATE_DAYS} per day; \
             forecast = value now + rate x days ahead, clamped to 0-100."
        ),
        format!(
            "Status, first that holds: insufficient_data (scope below k = {k} now or {RUN_RATE_DAYS} \
             days ago, or fewer than two generations shown), met, missed (due passed), on_track \
             (the forecast at due reaches the target), off_track."
        ),
    ];
    Ok(TargetsReport {
        as_of: format_date(as_of),
        min_group: k,
        rows,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use rusqlite::params;

    use super::*;
    use crate::db::{Change, Db};
    use crate::domain::TargetInput;

    fn d(text: &str) -> NaiveDate {
        parse_iso_date(text).unwrap()
    }

    /// D = 2026-06-30, D − 180 = 2026-01-01. k = 2.
    ///   Eng  4 Millennials hired 2020: E1 trained 2025-06-01, E2 2026-03-01 → 25% then 50%.
    ///   Ops  O1 hired 2020; O2, O3 hired 2026-02-01 (inside the window): 1 then 3 people.
    ///   Mix  2 Gen X, 2 Millennials: X 0/2 both days; M 1/2 then 2/2 → divide 50 then 100.
    ///   Fix  2 Gen X, 2 Millennials: X 0/2 then 1/2; M 2/2 → divide 100 then 50.
    fn org() -> Db {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        conn.execute(
            "INSERT INTO programs (program_id, title, skill_area, format) VALUES ('P', 'P', 'A', 'workshop')",
            [],
        )
        .unwrap();
        let people = [
            ("E1", "Eng", 1990, "2020-01-01", Some("2025-06-01")),
            ("E2", "Eng", 1990, "2020-01-01", Some("2026-03-01")),
            ("E3", "Eng", 1990, "2020-01-01", None),
            ("E4", "Eng", 1990, "2020-01-01", None),
            ("O1", "Ops", 1990, "2020-01-01", None),
            ("O2", "Ops", 1990, "2026-02-01", Some("2026-03-01")),
            ("O3", "Ops", 1990, "2026-02-01", None),
            ("MX1", "Mix", 1970, "2020-01-01", None),
            ("MX2", "Mix", 1970, "2020-01-01", None),
            ("MM1", "Mix", 1990, "2020-01-01", Some("2025-01-01")),
            ("MM2", "Mix", 1990, "2020-01-01", Some("2026-05-01")),
            ("FX1", "Fix", 1970, "2020-01-01", Some("2026-04-01")),
            ("FX2", "Fix", 1970, "2020-01-01", None),
            ("FM1", "Fix", 1990, "2020-01-01", Some("2025-01-01")),
            ("FM2", "Fix", 1990, "2020-01-01", Some("2025-01-01")),
        ];
        for (id, dept, year, hire, done) in people {
            conn.execute(
                "INSERT INTO employees (employee_id, full_name, role, department, birth_year, hire_date) \
                 VALUES (?1, ?1, 'R', ?2, ?3, ?4)",
                params![id, dept, year, hire],
            )
            .unwrap();
            if let Some(on) = done {
                conn.execute(
                    "INSERT INTO completions (employee_ref, program_ref, completed_on) \
                     SELECT id, 1, ?2 FROM employees WHERE employee_id = ?1",
                    params![id, on],
                )
                .unwrap();
            }
        }
        db
    }

    fn target(id: &str, dept: &str, metric: &str, value: f64, due: &str) -> TargetInput {
        TargetInput {
            target_id: id.into(),
            title: format!("{id} title"),
            department: Some(dept.into()),
            metric: metric.into(),
            value: Some(value),
            due: due.into(),
            ..TargetInput::default()
        }
    }

    type Got = (
        String,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        TargetStatus,
        Option<String>,
    );

    fn statuses(db: &Db) -> Vec<Got> {
        let query = TargetsQuery {
            as_of: Some("2026-06-30".into()),
            min_group: 2,
        };
        targets_report(db.conn(), &query, d("2026-11-29"))
            .unwrap()
            .rows
            .into_iter()
            .map(|r| {
                (
                    r.target_id,
                    r.current,
                    r.value_180_days_ago,
                    r.forecast_at_due,
                    r.status,
                    r.reach_date,
                )
            })
            .collect()
    }

    #[test]
    fn every_status_worked_by_hand() {
        use TargetStatus::*;
        let mut db = org();
        let on = d("2026-06-30");
        for input in [
            // 50 ≥ 50.
            target("T1-met", "Eng", "coverage", 50.0, "2027-01-01"),
            // Rate 25/180 a day; at due (184 days) 50 + 25.56 = 75.6 ≥ 59; 59 first reached
            // after 9 / (25/180) = 64.8 → 65 days: 2026-09-03.
            target("T2-on", "Eng", "coverage", 59.0, "2026-12-31"),
            // At due (92 days) 62.8 < 90; reached after 40 / (25/180) = 288 days: 2027-04-14.
            target("T3-off", "Eng", "coverage", 90.0, "2026-09-30"),
            // Clamped: 50 + 25/180 × 549 days is above 100; 99 reached after 352.8 days.
            target("T4-clamp", "Eng", "coverage", 99.0, "2027-12-31"),
            // 1 person on 2026-01-01 (< k = 2): the window crosses O2's and O3's hire.
            target("T5-hire", "Ops", "coverage", 50.0, "2027-01-01"),
            // Divide 50 → 100, growing: off track, never reached; forecast clamped to 100.
            target("T6-divide-off", "Mix", "divide", 20.0, "2027-01-01"),
            // Divide 100 → 50, shrinking 50/180 a day: at due (184 days) 50 − 51.1 → 0.0;
            // 10 reached after 40 / (50/180) = 144 days: 2026-11-21.
            target("T7-divide-on", "Fix", "divide", 10.0, "2026-12-31"),
        ] {
            crate::targets::add(&mut db, &input, on).unwrap();
        }
        // One generation only: no divide.
        let mut one_generation = target("T8-one-gen", "Mix", "divide", 10.0, "2027-01-01");
        one_generation.generation = Some("millennials".into());
        let t = crate::targets::add(&mut db, &one_generation, on).unwrap();
        assert_eq!(t.generation.as_deref(), Some("Millennials"));
        // Missed: due before D and not met (written directly: a past due date is refused).
        db.conn()
            .execute(
                "INSERT INTO targets (target_id, title, department, metric, value, due) \
                 VALUES ('T9-missed', 'Missed', 'Eng', 'coverage', 90, '2026-06-01')",
                [],
            )
            .unwrap();
        let s = |id: &str, now, then, at_due, status, reach: Option<&str>| -> Got {
            (
                id.to_string(),
                now,
                then,
                at_due,
                status,
                reach.map(str::to_string),
            )
        };
        assert_eq!(
            statuses(&db),
            vec![
                s("T1-met", Some(50.0), Some(25.0), Some(75.7), Met, None),
                s(
                    "T2-on",
                    Some(50.0),
                    Some(25.0),
                    Some(75.6),
                    OnTrack,
                    Some("2026-09-03")
                ),
                s(
                    "T3-off",
                    Some(50.0),
                    Some(25.0),
                    Some(62.8),
                    OffTrack,
                    Some("2027-04-14")
                ),
                s(
                    "T4-clamp",
                    Some(50.0),
                    Some(25.0),
                    Some(100.0),
                    OnTrack,
                    Some("2027-06-18")
                ),
                s("T5-hire", Some(33.3), None, None, InsufficientData, None),
                s(
                    "T6-divide-off",
                    Some(100.0),
                    Some(50.0),
                    Some(100.0),
                    OffTrack,
                    None
                ),
                s(
                    "T7-divide-on",
                    Some(50.0),
                    Some(100.0),
                    Some(0.0),
                    OnTrack,
                    Some("2026-11-21")
                ),
                s("T8-one-gen", None, None, None, InsufficientData, None),
                s(
                    "T9-missed",
                    Some(50.0),
                    Some(25.0),
                    Some(46.0),
                    Missed,
                    Some("2027-04-14")
                ),
            ]
        );
        // With k = 0 the hire window is no longer too small: 1 person, untrained, then 1/3.
        let rows = targets_report(
            db.conn(),
            &TargetsQuery {
                as_of: Some("2026-06-30".into()),
                min_group: 0,
            },
            d("2026-11-29"),
        )
        .unwrap()
        .rows;
        let hire = rows.iter().find(|r| r.target_id == "T5-hire").unwrap();
        assert_eq!(
            (hire.value_180_days_ago, hire.status),
            (Some(0.0), TargetStatus::OnTrack)
        );
    }

    #[test]
    fn bad_targets_are_the_fields_errors() {
        let mut db = org();
        let on = d("2026-06-30");
        let field = |db: &mut Db, input: TargetInput| -> Vec<String> {
            crate::targets::add(db, &input, on)
                .unwrap_err()
                .fields()
                .iter()
                .map(|p| p.field.clone())
                .collect()
        };
        assert_eq!(
            field(
                &mut db,
                target("T", "Nobody", "coverage", 50.0, "2027-01-01")
            ),
            ["department"]
        );
        let mut nobody = target("T", "Eng", "coverage", 50.0, "2027-01-01");
        nobody.generation = Some("Gen X".into());
        assert_eq!(field(&mut db, nobody), ["department"]);
        assert_eq!(
            field(&mut db, target("T", "Eng", "coverage", 50.0, "2026-06-29")),
            ["due"]
        );
        assert_eq!(
            field(&mut db, target("T", "Eng", "coverage", 100.5, "2027-01-01")),
            ["value"]
        );
        assert_eq!(
            field(&mut db, target("T", "Eng", "growth", -1.0, "2027-02-30")),
            ["metric", "value", "due"]
        );
        // Upsert: insert, unchanged, updated; a past due date is kept if unchanged.
        let valid = target("T", "Eng", "coverage", 50.0, "2026-07-01")
            .validate(on)
            .unwrap();
        let later = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        let mut again = valid.clone();
        again.checked_on = later;
        db.with_tx(|tx| {
            assert_eq!(crate::targets::upsert(tx, &valid)?, Change::Inserted);
            assert_eq!(crate::targets::upsert(tx, &again)?, Change::Unchanged);
            let mut changed = again.clone();
            changed.value = 60.0;
            assert_eq!(crate::targets::upsert(tx, &changed)?, Change::Updated);
            changed.due = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
            assert_eq!(
                crate::targets::upsert(tx, &changed).unwrap_err().fields()[0].field,
                "due"
            );
            Ok(())
        })
        .unwrap();
        // The schema: ids are permanent, values in range, metrics known.
        let conn = db.conn();
        for bad in [
            "UPDATE targets SET target_id = 'U'",
            "UPDATE targets SET value = 101",
            "UPDATE targets SET metric = 'growth'",
            "UPDATE targets SET due = '2026-02-30'",
            "UPDATE targets SET generation = 'Zoomers'",
        ] {
            assert!(conn.execute(bad, []).is_err(), "{bad}");
        }
    }
}
