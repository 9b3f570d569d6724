//! Coverage reports, the gap finder and the dashboard: who has been reached by AI training,
//! by generation, age band, role, department, location and skill area.
//!
//! Definitions (the CLI and the desktop show exactly these numbers):
//! - **Population on D** (the as-of date): employees hired on or before D (no hire date counts
//!   as hired) whose `left_on` is empty or after D; an inactive employee with no `left_on` is
//!   left out at every date (counted with `include_inactive`). Narrowed by department and
//!   manager subtree.
//! - **Trained**: at least one completion that passes the completion filters (skill area,
//!   format, program, from/to inclusive, on or before as-of). `coverage_pct` = 100 × trained /
//!   headcount, rounded half up to one decimal.
//! - **Skill area** rows: headcount is the whole population; trained = a completion in that area.
//! - **Suppression**: groups below k show their headcount only; where exactly one group of a
//!   dimension is hidden, the next-smallest is hidden too (two-dimension reports: see
//!   suppression.rs).
//! - **Gaps**: group coverage − population coverage (both as shown, to one decimal), flagged
//!   at or below −threshold; the **divide** is the highest minus the lowest unsuppressed group.
//!
//! Speed: each report (the whole dashboard too) is one SQL query over `employees` joined by
//! rowid to `reach`, the per-employee summary that triggers keep current (migration 0002; see
//! scope.rs for how the filters use it), summed into groups in a hash map ([`grouped`]). The
//! unfiltered report reads no completion, and per employee only the group keys and the
//! `reach` bits reach Rust.

pub(crate) mod groups;
mod people;
pub(crate) mod pool;
mod scope;
pub(crate) mod suppression;
mod targets;
#[cfg(test)]
mod tests;
mod trend;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use groups::{AgeBand, Dimension, GenerationBand, AGE_BANDS, GENERATIONS, UNKNOWN};
pub use people::{
    people, people_count, people_ids, people_page, PeopleCount, PeoplePage, PeopleQuery, PersonRow,
    PEOPLE_COLUMNS,
};
pub use scope::Filters;
pub use targets::{
    evaluate_target, targets_report, TargetRow, TargetStatus, TargetsQuery, TargetsReport,
    RUN_RATE_DAYS,
};
pub use trend::{
    period_ends, trend, trend_points, Period, TrendPoint, TrendQuery, TrendReport, MAX_TREND_POINTS,
};

use crate::error::{Error, Result};
use crate::reach::AreaBit;
use groups::{key_sql, Key};
use scope::{Scope, Sql};
use suppression::{from_tenths, suppress, tenths, too_small, Cell, Hidden};

/// The default k: groups of fewer employees are suppressed.
pub const DEFAULT_MIN_GROUP: u32 = 5;
/// The label of the whole population's row where a report prints one.
pub const ALL_EMPLOYEES: &str = "All employees";
/// The default gap threshold, in percentage points.
pub const DEFAULT_THRESHOLD: f64 = 10.0;

/// A coverage report: grouped by one or two dimensions, under the filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportQuery {
    pub dims: Vec<Dimension>,
    pub filters: Filters,
    /// k: groups with fewer employees show their headcount only. 0 turns suppression off.
    pub min_group: u32,
}

/// A gap report: one dimension, under the filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GapQuery {
    pub dim: Dimension,
    pub filters: Filters,
    pub min_group: u32,
    /// Groups whose coverage is this many points or more below the population's are flagged.
    pub threshold: f64,
}

/// Everything the dashboard shows, under one set of filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DashboardQuery {
    pub filters: Filters,
    pub min_group: u32,
    pub threshold: f64,
    /// Pool each dimension's groups below k into one "Other" group (see pool.rs). The app's
    /// Dashboard asks for it unless the user turns it off; off when not given, as in the
    /// reports, so a query that does not name it keeps its rows.
    #[serde(default)]
    pub pool_small: bool,
}

impl Default for DashboardQuery {
    fn default() -> Self {
        DashboardQuery {
            filters: Filters::default(),
            min_group: DEFAULT_MIN_GROUP,
            threshold: DEFAULT_THRESHOLD,
            pool_small: false,
        }
    }
}

impl DashboardQuery {
    /// The layout the query asks for.
    pub fn options(&self) -> ReportOptions {
        ReportOptions {
            pool_small: self.pool_small,
        }
    }
}

/// One row of a coverage report: a group (one label per dimension) and its numbers.
/// A suppressed row has its headcount only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoverageRow {
    /// One label per dimension of the report, in the report's order; empty for the total.
    pub groups: Vec<String>,
    pub headcount: u32,
    pub trained: Option<u32>,
    /// 100 × trained / headcount to one decimal; None when suppressed or the group is empty.
    pub coverage_pct: Option<f64>,
    pub suppressed: bool,
    /// Why a suppressed row is hidden, as a sentence to show beside it ("hidden so that
    /// Executive (1 person) cannot be worked out"); absent on shown rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hidden_reason: Option<String>,
}

/// How a report is laid out, beyond what it counts (kept apart from the queries so that
/// existing callers and scheduled jobs keep their rows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReportOptions {
    /// Pool each dimension's groups below k into one "Other (N roles, M people)" group,
    /// shown when it reaches k (see pool.rs). Off by default.
    pub pool_small: bool,
}

/// What every report states alongside its numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportNotes {
    /// YYYY-MM-DD.
    pub as_of: String,
    /// k (0: suppression off).
    pub min_group: u32,
    /// The filters as applied: trimmed, the format canonical, as_of filled in.
    pub filters: Filters,
    /// The generations and their birth years (Pew Research Center), oldest first.
    pub generations: Vec<GenerationBand>,
    /// The age bands, youngest first; age = as-of year − birth year.
    pub age_bands: Vec<AgeBand>,
    /// The same, as sentences: definitions, filters, as-of and k, ready to print.
    pub lines: Vec<String>,
}

/// Coverage by one or two dimensions, with the population's total and the notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoverageReport {
    pub dims: Vec<Dimension>,
    /// Each dimension's groups present in `rows`, in report order (a heatmap's axes).
    pub axes: Vec<Vec<String>>,
    /// Ordered by the first dimension (generations and age bands by age, the others
    /// alphabetically, Unknown last), then the second.
    pub rows: Vec<CoverageRow>,
    /// The whole population under the filters (`groups` empty).
    pub total: CoverageRow,
    pub notes: ReportNotes,
}

/// One group of a gap report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GapRow {
    pub group: String,
    pub headcount: u32,
    pub trained: Option<u32>,
    pub coverage_pct: Option<f64>,
    pub suppressed: bool,
    /// Why a suppressed group is hidden (as [`CoverageRow::hidden_reason`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hidden_reason: Option<String>,
    /// coverage_pct − the population's coverage_pct, one decimal; None when either is hidden.
    pub gap_pts: Option<f64>,
    /// gap_pts at or below −threshold.
    pub flagged: bool,
}

/// The highest minus the lowest unsuppressed group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Divide {
    pub highest: String,
    pub highest_pct: f64,
    pub lowest: String,
    pub lowest_pct: f64,
    pub gap_pts: f64,
    /// "Millennials 47.0% vs Baby Boomers 22.0%: 25.0 points".
    pub text: String,
}

/// Each group's coverage against the population's, the flagged gaps and the divide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GapReport {
    pub dim: Dimension,
    pub threshold: f64,
    /// The population: its coverage_pct is the org coverage each gap is measured from.
    pub total: CoverageRow,
    pub rows: Vec<GapRow>,
    /// None when fewer than two groups are shown.
    pub divide: Option<Divide>,
    pub notes: ReportNotes,
}

/// The dashboard in one call: every part summed from the same grouped query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub total: CoverageRow,
    pub by_generation: CoverageReport,
    pub by_role: CoverageReport,
    pub by_department: CoverageReport,
    /// Role × generation, for the heatmap.
    pub role_by_generation: CoverageReport,
    pub by_skill_area: CoverageReport,
    pub gaps_by_generation: GapReport,
    pub notes: ReportNotes,
}

/// Coverage by one or two dimensions.
pub fn coverage(
    conn: &Connection,
    query: &ReportQuery,
    today: NaiveDate,
) -> Result<CoverageReport> {
    coverage_with(conn, query, ReportOptions::default(), today)
}

/// [`coverage`], laid out as `options` say (`--pool-small`).
pub fn coverage_with(
    conn: &Connection,
    query: &ReportQuery,
    options: ReportOptions,
    today: NaiveDate,
) -> Result<CoverageReport> {
    groups::check_dims(&query.dims)?;
    let scope = Scope::new(conn, &query.filters, today)?;
    let counts = Counts::fetch(conn, &scope, &query.dims)?;
    counts.report(&scope, &query.dims, query.min_group, options)
}

/// Each group's coverage against the population's, flagged gaps and the divide.
pub fn gaps(conn: &Connection, query: &GapQuery, today: NaiveDate) -> Result<GapReport> {
    gaps_with(conn, query, ReportOptions::default(), today)
}

/// [`gaps`], laid out as `options` say (`--pool-small`).
pub fn gaps_with(
    conn: &Connection,
    query: &GapQuery,
    options: ReportOptions,
    today: NaiveDate,
) -> Result<GapReport> {
    let threshold = threshold_tenths(query.threshold)?;
    let scope = Scope::new(conn, &query.filters, today)?;
    let counts = Counts::fetch(conn, &scope, &[query.dim])?;
    let report = counts.report(&scope, &[query.dim], query.min_group, options)?;
    Ok(gap_report(report, query.threshold, threshold))
}

/// Everything the dashboard shows: overall coverage; by generation, role, department and skill
/// area; role × generation; gaps by generation. One grouped query in all.
/// Small groups are pooled when the query asks (`pool_small`).
pub fn dashboard(conn: &Connection, query: &DashboardQuery, today: NaiveDate) -> Result<Dashboard> {
    let options = query.options();
    let threshold = threshold_tenths(query.threshold)?;
    let scope = Scope::new(conn, &query.filters, today)?;
    let counts = Counts::fetch(
        conn,
        &scope,
        &[
            Dimension::Generation,
            Dimension::Role,
            Dimension::Department,
            Dimension::SkillArea,
        ],
    )?;
    let k = query.min_group;
    let report = |dims: &[Dimension]| counts.report(&scope, dims, k, options);
    let by_generation = report(&[Dimension::Generation])?;
    let gaps_by_generation = gap_report(by_generation.clone(), query.threshold, threshold);
    Ok(Dashboard {
        total: by_generation.total.clone(),
        notes: notes(
            &scope,
            k,
            &[Dimension::Generation, Dimension::SkillArea],
            options,
        ),
        by_role: report(&[Dimension::Role])?,
        by_department: report(&[Dimension::Department])?,
        role_by_generation: report(&[Dimension::Role, Dimension::Generation])?,
        by_skill_area: report(&[Dimension::SkillArea])?,
        by_generation,
        gaps_by_generation,
    })
}

fn threshold_tenths(threshold: f64) -> Result<i64> {
    if !(threshold.is_finite() && (0.0..=100.0).contains(&threshold)) {
        return Err(Error::invalid(
            "threshold",
            format!("{threshold} is not a number of points from 0 to 100"),
        ));
    }
    Ok((threshold * 10.0).round() as i64)
}

/// Grouped counts from the database, from which any report over their dimensions is summed.
struct Counts {
    /// Employee dimensions of `cube`.
    dims: Vec<Dimension>,
    /// Skill areas counted, when a report needs them.
    areas: Vec<AreaBit>,
    /// Per combination of `dims` present: headcount, trained, trained in each of `areas`.
    cube: Vec<Group>,
}

#[derive(Debug, Clone, Default)]
struct Group {
    keys: Vec<Key>,
    headcount: u32,
    trained: u32,
    by_area: Vec<u32>,
}

impl Group {
    fn add(&mut self, other: &Group) {
        self.headcount += other.headcount;
        self.trained += other.trained;
        if self.by_area.len() < other.by_area.len() {
            self.by_area.resize(other.by_area.len(), 0);
        }
        for (mine, theirs) in self.by_area.iter_mut().zip(&other.by_area) {
            *mine += theirs;
        }
    }
}

fn employee_dims(dims: &[Dimension]) -> Vec<Dimension> {
    dims.iter()
        .copied()
        .filter(|d| *d != Dimension::SkillArea)
        .collect()
}

/// The one query of a report: headcount, trained, and trained in each of `areas`, per group
/// of `dims`, over the population.
///
/// SQLite filters the population and decides who is trained (scope.rs); the groups are
/// summed here, in a hash map, because a `GROUP BY` makes SQLite sort every employee first
/// (a large share of the dashboard's time on a large organisation; `make bench` measures it).
/// Only a few small columns per employee
/// cross over: the group keys and, when the `reach` row decides everything
/// ([`Scope::bits_decide`]: no completion filter but the dates, and none after them), just its
/// `area_bits`; otherwise trained and trained in each area, as 0 or 1.
fn grouped(
    conn: &Connection,
    scope: &Scope,
    dims: &[Dimension],
    areas: &[AreaBit],
) -> Result<Vec<Group>> {
    if dims.len() > MAX_DIMS {
        return Err(Error::Internal(format!(
            "a report groups by at most {MAX_DIMS} employee dimensions"
        )));
    }
    let year = scope.as_of_year();
    let bits = scope.bits_decide(areas);
    let mut sql = Sql::new("SELECT ");
    for dim in dims {
        sql.push(&key_sql(*dim, year)).push(", ");
    }
    if bits {
        sql.push("r.area_bits");
    } else {
        scope.trained(&mut sql, None);
        for area in areas {
            sql.push(", ");
            scope.trained(&mut sql, Some(area));
        }
    }
    scope.population(&mut sql);
    let n = dims.len();
    let trained_mask = scope.trained_mask();
    let mut values: Vec<Values> = dims.iter().map(|_| Values::default()).collect();
    let mut sums: HashMap<[u32; MAX_DIMS], Group> = HashMap::new();
    let mut stmt = conn.prepare(&sql.text)?;
    let mut rows = stmt.query(params_from_iter(sql.args.iter()))?;
    while let Some(row) = rows.next()? {
        let mut key = [0u32; MAX_DIMS];
        for (i, (dim, values)) in dims.iter().zip(values.iter_mut()).enumerate() {
            key[i] = values.id(row.get_ref(i)?, *dim)?;
        }
        let group = sums.entry(key).or_insert_with(|| Group {
            by_area: vec![0; areas.len()],
            ..Group::default()
        });
        group.headcount += 1;
        if bits {
            if let Some(area_bits) = row.get::<_, Option<i64>>(n)? {
                group.trained += u32::from(area_bits & trained_mask != 0);
                for (count, area) in group.by_area.iter_mut().zip(areas) {
                    *count += u32::from(area_bits & area.mask != 0);
                }
            }
        } else {
            group.trained += row.get::<_, u32>(n)?;
            for (i, count) in group.by_area.iter_mut().enumerate() {
                *count += row.get::<_, u32>(n + 1 + i)?;
            }
        }
    }
    Ok(sums
        .into_iter()
        .map(|(key, mut group)| {
            group.keys = values
                .iter()
                .zip(key)
                .map(|(values, id)| values.keys[id as usize].clone())
                .collect();
            group
        })
        .collect())
}

/// The most employee dimensions a query groups by (the dashboard's generation, role and
/// department).
const MAX_DIMS: usize = 3;

/// One dimension's group keys as they come, numbered so a row's groups are a few integers.
#[derive(Default)]
struct Values {
    texts: HashMap<String, u32>,
    ranks: HashMap<i64, u32>,
    missing: Option<u32>,
    keys: Vec<Key>,
}

impl Values {
    fn id(&mut self, value: ValueRef<'_>, dim: Dimension) -> rusqlite::Result<u32> {
        let next = self.keys.len() as u32;
        Ok(match value {
            ValueRef::Null => *self.missing.get_or_insert_with(|| {
                self.keys.push(Key::Missing);
                next
            }),
            ValueRef::Integer(rank)
                if matches!(dim, Dimension::Generation | Dimension::AgeBand) =>
            {
                *self.ranks.entry(rank).or_insert_with(|| {
                    self.keys
                        .push(Key::Rank(u8::try_from(rank).unwrap_or(u8::MAX)));
                    next
                })
            }
            other => {
                let text = other.as_str()?;
                match self.texts.get(text) {
                    Some(&id) => id,
                    None => {
                        self.texts.insert(text.to_string(), next);
                        self.keys.push(Key::Text(text.to_string()));
                        next
                    }
                }
            }
        })
    }
}

/// `groups` (over `dims`) summed to the groups of `of`, in report order.
fn rollup(
    groups: &[Group],
    dims: &[Dimension],
    of: &[Dimension],
) -> Result<BTreeMap<Vec<Key>, Group>> {
    let at: Vec<usize> = of
        .iter()
        .map(|d| {
            dims.iter()
                .position(|c| c == d)
                .ok_or_else(|| Error::Internal(format!("the report's counts have no {d} groups")))
        })
        .collect::<Result<_>>()?;
    let mut out: BTreeMap<Vec<Key>, Group> = BTreeMap::new();
    for group in groups {
        let keys: Vec<Key> = at.iter().map(|&i| group.keys[i].clone()).collect();
        out.entry(keys).or_default().add(group);
    }
    Ok(out)
}

impl Counts {
    /// The grouped counts for every report over (a subset of) `wanted`: one query.
    fn fetch(conn: &Connection, scope: &Scope, wanted: &[Dimension]) -> Result<Counts> {
        let dims = employee_dims(wanted);
        let areas = if wanted.contains(&Dimension::SkillArea) {
            scope.areas(conn)?
        } else {
            Vec::new()
        };
        Ok(Counts {
            cube: grouped(conn, scope, &dims, &areas)?,
            dims,
            areas,
        })
    }

    /// The cube summed to the groups of `of` (employee dimensions), in report order.
    fn rollup(&self, of: &[Dimension]) -> Result<BTreeMap<Vec<Key>, Group>> {
        rollup(&self.cube, &self.dims, of)
    }

    /// The report's cells, in report order, not yet suppressed.
    fn cells(&self, dims: &[Dimension]) -> Result<Vec<Cell>> {
        let cell = |keys: Vec<Key>, headcount: u32, trained: u32| Cell {
            keys,
            headcount,
            trained,
            suppressed: false,
        };
        let Some(area_at) = dims.iter().position(|d| *d == Dimension::SkillArea) else {
            return Ok(self
                .rollup(dims)?
                .into_iter()
                .map(|(keys, g)| cell(keys, g.headcount, g.trained))
                .collect());
        };
        // Skill area: every group of the other dimension (or the whole population) × every
        // area, each with the group's whole headcount.
        let others = employee_dims(dims);
        let mut cells = Vec::new();
        for (group, counts) in self.rollup(&others)? {
            for (i, area) in self.areas.iter().enumerate() {
                let mut keys = group.clone();
                keys.insert(area_at, Key::Text(area.skill_area.clone()));
                let trained = counts.by_area.get(i).copied().unwrap_or(0);
                cells.push(cell(keys, counts.headcount, trained));
            }
        }
        cells.sort_by(|a, b| a.keys.cmp(&b.keys));
        Ok(cells)
    }

    fn total(&self) -> (u32, u32) {
        self.cube
            .iter()
            .fold((0, 0), |(h, t), g| (h + g.headcount, t + g.trained))
    }

    fn report(
        &self,
        scope: &Scope,
        dims: &[Dimension],
        min_group: u32,
        options: ReportOptions,
    ) -> Result<CoverageReport> {
        groups::check_dims(dims)?;
        let mut cells = self.cells(dims)?;
        if options.pool_small {
            cells = pool::pool_small(cells, dims, min_group);
        }
        let why = suppress(&mut cells, dims, min_group);
        let mut axes: Vec<Vec<Key>> = vec![Vec::new(); dims.len()];
        for cell in &cells {
            for (axis, key) in axes.iter_mut().zip(&cell.keys) {
                axis.push(key.clone());
            }
        }
        let axes = axes
            .into_iter()
            .zip(dims)
            .map(|(mut keys, dim)| {
                keys.sort();
                keys.dedup();
                keys.iter().map(|k| k.label(*dim)).collect()
            })
            .collect();
        let labels: Vec<Vec<String>> = cells
            .iter()
            .map(|cell| {
                cell.keys
                    .iter()
                    .zip(dims)
                    .map(|(k, d)| k.label(*d))
                    .collect()
            })
            .collect();
        let rows = cells
            .iter()
            .zip(&why)
            .zip(&labels)
            .map(|((cell, why), own)| {
                let mut r = row(own.clone(), cell.headcount, cell.trained, cell.suppressed);
                r.hidden_reason = why.map(|why| hidden_reason(why, &cells, &labels, min_group));
                r
            })
            .collect();
        let (headcount, trained) = self.total();
        let mut total = row(
            Vec::new(),
            headcount,
            trained,
            too_small(headcount, min_group),
        );
        if total.suppressed {
            total.hidden_reason = Some(small_reason(min_group));
        }
        Ok(CoverageReport {
            dims: dims.to_vec(),
            axes,
            rows,
            total,
            notes: notes(scope, min_group, dims, options),
        })
    }
}

/// The sentence shown beside a hidden group (one of `cells`, labelled `labels`).
pub(crate) fn hidden_reason(
    why: Hidden,
    cells: &[Cell],
    labels: &[Vec<String>],
    min_group: u32,
) -> String {
    match why {
        Hidden::Small => small_reason(min_group),
        Hidden::Protects(other) => format!(
            "hidden so that {} ({}) cannot be worked out",
            labels.get(other).map(|l| l.join(" / ")).unwrap_or_default(),
            groups::people_count(cells.get(other).map_or(0, |c| c.headcount))
        ),
    }
}

fn small_reason(min_group: u32) -> String {
    format!("hidden because it has fewer than {min_group} people")
}

fn row(groups: Vec<String>, headcount: u32, trained: u32, suppressed: bool) -> CoverageRow {
    CoverageRow {
        groups,
        headcount,
        trained: (!suppressed).then_some(trained),
        coverage_pct: if suppressed {
            None
        } else {
            tenths(trained, headcount).map(from_tenths)
        },
        suppressed,
        hidden_reason: None,
    }
}

/// Shown coverage in tenths (None when hidden or empty), from the row as displayed.
fn shown_tenths(row: &CoverageRow) -> Option<i64> {
    match (row.suppressed, row.trained) {
        (false, Some(trained)) => tenths(trained, row.headcount),
        _ => None,
    }
}

fn gap_report(report: CoverageReport, threshold: f64, threshold_tenths: i64) -> GapReport {
    let org = shown_tenths(&report.total);
    let mut highest: Option<(usize, i64)> = None;
    let mut lowest: Option<(usize, i64)> = None;
    let mut shown = 0;
    let rows: Vec<GapRow> = report
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let own = shown_tenths(r);
            if let Some(value) = own {
                shown += 1;
                if highest.is_none_or(|(_, best)| value > best) {
                    highest = Some((i, value));
                }
                // The last of equal lows, so two equal groups still name two groups.
                if lowest.is_none_or(|(_, worst)| value <= worst) {
                    lowest = Some((i, value));
                }
            }
            let gap = own.zip(org).map(|(own, org)| own - org);
            GapRow {
                group: r.groups.first().cloned().unwrap_or_default(),
                headcount: r.headcount,
                trained: r.trained,
                coverage_pct: r.coverage_pct,
                suppressed: r.suppressed,
                hidden_reason: r.hidden_reason.clone(),
                gap_pts: gap.map(from_tenths),
                flagged: gap.is_some_and(|g| g <= -threshold_tenths),
            }
        })
        .collect();
    let divide = match (highest, lowest) {
        (Some((hi, high)), Some((lo, low))) if shown >= 2 && hi != lo => {
            let (highest, lowest) = (rows[hi].group.clone(), rows[lo].group.clone());
            let (highest_pct, lowest_pct, gap_pts) =
                (from_tenths(high), from_tenths(low), from_tenths(high - low));
            Some(Divide {
                text: format!(
                    "{highest} {highest_pct:.1}% vs {lowest} {lowest_pct:.1}%: {gap_pts:.1} points"
                ),
                highest,
                highest_pct,
                lowest,
                lowest_pct,
                gap_pts,
            })
        }
        _ => None,
    };
    GapReport {
        dim: report
            .dims
            .first()
            .copied()
            .unwrap_or(Dimension::Generation),
        threshold,
        total: report.total,
        rows,
        divide,
        notes: report.notes,
    }
}

/// The notes every report carries: definitions, filters, as-of, k, and whether small groups
/// were pooled.
fn notes(scope: &Scope, min_group: u32, dims: &[Dimension], options: ReportOptions) -> ReportNotes {
    let f = &scope.filters;
    let as_of = f.as_of.clone().unwrap_or_default();
    let mut lines = Vec::new();
    lines.push(format!(
        "As of {as_of}: employees hired after it, employees who left on or before it and \
         completions after it are not counted."
    ));
    lines.push(format!(
        "Population: {} employees{}{}. Trained: at least one completion that passes the filters; \
         coverage = trained / headcount, to one decimal.",
        if f.include_inactive {
            "active and inactive"
        } else {
            "active"
        },
        f.department
            .as_ref()
            .map(|d| format!(" of {d}"))
            .unwrap_or_default(),
        f.manager_id
            .as_ref()
            .map(|m| format!(" below manager {m} (at any depth, not the manager)"))
            .unwrap_or_default(),
    ));
    let mut completion = Vec::new();
    if let Some(area) = &f.skill_area {
        completion.push(format!("skill area {area}"));
    }
    if let Some(format) = &f.program_format {
        completion.push(format!("format {format}"));
    }
    if let Some(program) = &f.program_id {
        completion.push(format!("program {program}"));
    }
    if let Some(from) = &f.from {
        completion.push(format!("completed on or after {from}"));
    }
    if let Some(to) = &f.to {
        completion.push(format!("completed on or before {to}"));
    }
    if f.current == Some(true) {
        completion.push(
            "still valid on the as-of date (the program's validity in calendar months not run out)"
                .to_string(),
        );
    }
    lines.push(if completion.is_empty() {
        "Completion filters: none.".to_string()
    } else {
        format!("Completion filters: {}.", completion.join(", "))
    });
    lines.push(if min_group == 0 {
        "Small-group suppression: off (k = 0).".to_string()
    } else {
        format!(
            "Groups of fewer than {min_group} employees (k = {min_group}) show their headcount only; \
             where exactly one group of a dimension is hidden, the next-smallest is hidden too."
        )
    });
    if options.pool_small && min_group > 0 {
        lines.push(format!(
            "Small groups pooled: where two or more groups of a dimension have fewer than \
             {min_group} employees each, they are one \"Other\" group, shown when it reaches {min_group}."
        ));
    }
    lines.push(format!(
        "Generations by birth year (Pew Research Center): {}; no birth year: {UNKNOWN}.",
        groups::describe_generations()
    ));
    if dims.contains(&Dimension::AgeBand) {
        lines.push(format!(
            "Age bands: age = {} − birth year: {}; no birth year: {UNKNOWN}.",
            scope.as_of_year(),
            AGE_BANDS.map(|(label, _, _)| label).join(", ")
        ));
    }
    if dims.contains(&Dimension::SkillArea) {
        lines.push(
            "Skill area rows: headcount is the whole population; trained = a completion in that area."
                .to_string(),
        );
    }
    ReportNotes {
        as_of,
        min_group,
        filters: f.clone(),
        generations: groups::generation_bands(),
        age_bands: groups::age_bands(),
        lines,
    }
}
