//! Team-lead packs: for a manager with at least k active people below them (at any depth),
//! a folder `<employee_id>-<name>` holding `team-report.pdf` (the leadership report scoped to
//! the team, with the whole organisation beside it) and `actions.csv` (the team's compliance
//! action list: overdue, expired and expiring obligations, in `upskill compliance list`'s
//! columns).
//!
//! Each folder is written atomically ([`export::write_dir_atomic`]): complete or absent. An
//! existing folder is never replaced, and every folder of a run is checked before the first
//! is written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compliance::{self, ComplianceQuery, Status};
use crate::domain::parse_iso_date;
use crate::employees;
use crate::error::{Error, Result};
use crate::export::{self, CsvOut, Delimiter};
use crate::leadership::{self, LeadershipQuery};
use crate::report::{self, Dimension, Filters, ReportQuery};

pub const TEAM_REPORT_FILE: &str = "team-report.pdf";
pub const ACTIONS_FILE: &str = "actions.csv";
/// The statuses of a pack's action list.
pub const ACTION_STATUSES: [Status; 3] = [Status::Overdue, Status::Expired, Status::Expiring];

/// Which date and k the packs are made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackQuery {
    /// YYYY-MM-DD; None = today.
    pub as_of: Option<String>,
    /// k: a manager needs at least this many people below them (at least one).
    pub min_group: u32,
}

/// One pack written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackSummary {
    pub manager_id: String,
    /// The pack's folder.
    pub path: String,
    /// Active people below the manager on the as-of date.
    pub people: u32,
    /// Rows of actions.csv.
    #[ts(type = "number")]
    pub actions: u64,
}

/// The folder name of a manager's pack: `<employee_id>-<name>`, every character other than
/// a letter, a digit, `-`, `_` or `.` replaced by `_` (runs of them by one), so the name is
/// safe on every file system and in a shell.
pub fn folder_name(employee_id: &str, full_name: &str) -> String {
    let clean = |text: &str| {
        let mut out = String::new();
        for c in text.trim().chars() {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                out.push(c);
            } else if !out.ends_with('_') {
                out.push('_');
            }
        }
        out.trim_matches(|c| c == '_' || c == '.').to_string()
    };
    format!("{}-{}", clean(employee_id), clean(full_name))
}

/// The as-of date of a pack: the given YYYY-MM-DD, else today.
pub(crate) fn resolve_as_of(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today),
        Some(text) => parse_iso_date(text)
            .ok_or_else(|| Error::invalid("as_of", format!("'{text}' is not a date (YYYY-MM-DD)"))),
    }
}

fn as_of(query: &PackQuery, today: NaiveDate) -> Result<NaiveDate> {
    resolve_as_of(query.as_of.as_deref(), today)
}

/// The people below `manager_id` at any depth, as the coverage report counts them with
/// `--manager` on the as-of date (active, hired, not left).
pub fn team_size(conn: &Connection, manager_id: &str, as_of: NaiveDate) -> Result<u32> {
    let report = report::coverage(
        conn,
        &ReportQuery {
            dims: vec![Dimension::Generation],
            filters: team_filters(manager_id, as_of),
            min_group: 0,
        },
        as_of,
    )?;
    Ok(report.total.headcount)
}

fn team_filters(manager_id: &str, as_of: NaiveDate) -> Filters {
    Filters {
        manager_id: Some(manager_id.to_string()),
        as_of: Some(crate::domain::format_date(as_of)),
        ..Filters::default()
    }
}

/// A manager's pack, before it is written.
struct Plan {
    manager_id: String,
    people: u32,
    dest: PathBuf,
}

fn plan(conn: &Connection, manager_id: &str, as_of: NaiveDate, k: u32, out: &Path) -> Result<Plan> {
    let manager = employees::find(conn, manager_id)?.ok_or_else(|| {
        Error::invalid(
            "manager_id",
            format!("no employee has the id '{manager_id}'"),
        )
    })?;
    let people = team_size(conn, &manager.employee_id, as_of)?;
    let needed = k.max(1);
    if people < needed {
        return Err(Error::invalid(
            "manager_id",
            format!(
                "{} has {people} active people below them on {}; a team pack needs at least \
                 {needed} (k), so nothing was written",
                manager.employee_id,
                crate::domain::format_date(as_of)
            ),
        ));
    }
    Ok(Plan {
        dest: out.join(folder_name(&manager.employee_id, &manager.full_name)),
        manager_id: manager.employee_id,
        people,
    })
}

fn refuse_existing(plans: &[Plan]) -> Result<()> {
    let existing: Vec<String> = plans
        .iter()
        .filter(|p| p.dest.exists())
        .map(|p| p.dest.display().to_string())
        .collect();
    if existing.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(
            "output",
            format!(
                "the pack folder already exists, nothing was written: {}",
                existing.join(", ")
            ),
        ))
    }
}

fn create_out(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))
}

/// Writes the pack of one manager into `out` (created if missing).
pub fn write_pack(
    conn: &Connection,
    manager_id: &str,
    query: &PackQuery,
    today: NaiveDate,
    out: &Path,
) -> Result<PackSummary> {
    let as_of = as_of(query, today)?;
    let plan = plan(conn, manager_id.trim(), as_of, query.min_group, out)?;
    refuse_existing(std::slice::from_ref(&plan))?;
    create_out(out)?;
    write(conn, &plan, as_of, query.min_group, today)
}

/// The managers with at least k people below them on the as-of date, by employee_id.
pub fn eligible_managers(
    conn: &Connection,
    query: &PackQuery,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let as_of = as_of(query, today)?;
    let mut stmt = conn.prepare(
        "SELECT DISTINCT manager_id FROM employees WHERE manager_id IS NOT NULL ORDER BY manager_id",
    )?;
    let ids: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let needed = query.min_group.max(1);
    let mut out = Vec::new();
    for id in ids {
        if team_size(conn, &id, as_of)? >= needed {
            out.push(id);
        }
    }
    Ok(out)
}

/// Writes a pack for every manager with at least k people below them. Refuses before
/// writing anything when any of their folders exists.
pub fn write_all_packs(
    conn: &Connection,
    query: &PackQuery,
    today: NaiveDate,
    out: &Path,
) -> Result<Vec<PackSummary>> {
    let as_of = as_of(query, today)?;
    let plans = eligible_managers(conn, query, today)?
        .iter()
        .map(|id| plan(conn, id, as_of, query.min_group, out))
        .collect::<Result<Vec<_>>>()?;
    refuse_existing(&plans)?;
    create_out(out)?;
    plans
        .iter()
        .map(|p| write(conn, p, as_of, query.min_group, today))
        .collect()
}

fn write(
    conn: &Connection,
    plan: &Plan,
    as_of: NaiveDate,
    k: u32,
    today: NaiveDate,
) -> Result<PackSummary> {
    let actions = export::write_dir_atomic(&plan.dest, |dir| {
        leadership::write_pdf(
            conn,
            &LeadershipQuery {
                filters: team_filters(&plan.manager_id, as_of),
                min_group: k,
                title: Some(format!("AI training: the team of {}", plan.manager_id)),
                beside_organisation: true,
            },
            today,
            &dir.join(TEAM_REPORT_FILE),
        )?;
        let list = compliance::action_list(
            conn,
            &ComplianceQuery {
                manager_id: Some(plan.manager_id.clone()),
                ..ComplianceQuery::new(as_of)
            },
            &ACTION_STATUSES,
        )?;
        export::write_atomic(&dir.join(ACTIONS_FILE), |file| {
            let mut csv = CsvOut::new(file, Delimiter::Comma)?;
            list.write_csv(&mut csv)?;
            let rows = csv.rows();
            csv.finish()?;
            Ok(rows)
        })
    })?;
    Ok(PackSummary {
        manager_id: plan.manager_id.clone(),
        path: plan.dest.display().to_string(),
        people: plan.people,
        actions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_safe() {
        assert_eq!(folder_name("E1", "Ada Lovelace"), "E1-Ada_Lovelace");
        assert_eq!(folder_name("E/2", " ../Bob  O'Neil "), "E_2-Bob_O_Neil");
        assert_eq!(folder_name("E3", "Zoë Ångström"), "E3-Zoë_Ångström");
    }
}
