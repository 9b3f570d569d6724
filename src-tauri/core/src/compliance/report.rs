//! The compliance report: obligations by status, grouped by one or two dimensions (the
//! coverage report's employee dimensions, and `requirement`), with the coverage report's
//! small-group suppression (k on the group's people, and the complementary rule).
//!
//! compliance % = (compliant + expiring) / (obligations − exempt), one decimal, half up; a
//! group's people are the distinct employees with at least one obligation in it.
//!
//! `--pool-small` pools an employee dimension's groups of fewer than k people (two or more of
//! them) into one "Other (N roles, M people)" group before suppression, as the coverage
//! report does; requirement groups are never pooled (each is a duty of its own). A group is
//! small by its people along that dimension (over every requirement), and since the employee
//! dimensions partition the people, the pooled group's people are the sum of its groups'.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ComplianceQuery, Engine, Status};
use crate::error::{Error, Result};
use crate::report::groups::{key_sql, Key};
use crate::report::suppression::{from_tenths, suppress, tenths, too_small, Cell};
use crate::report::{pool, Dimension, ReportOptions};

/// What a compliance report groups obligations by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ComplianceDim {
    Generation,
    AgeBand,
    Role,
    Department,
    Location,
    /// One row per requirement (its requirement_id).
    Requirement,
}

impl ComplianceDim {
    pub const ALL: [ComplianceDim; 6] = [
        ComplianceDim::Generation,
        ComplianceDim::AgeBand,
        ComplianceDim::Role,
        ComplianceDim::Department,
        ComplianceDim::Location,
        ComplianceDim::Requirement,
    ];

    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ComplianceDim::Requirement => "requirement",
            other => other.employee_dim().map_or("", Dimension::as_str),
        }
    }

    /// The column's name in the CSV (`requirement_id` for requirement).
    pub fn column(self) -> &'static str {
        match self {
            ComplianceDim::Requirement => "requirement_id",
            other => other.as_str(),
        }
    }

    fn employee_dim(self) -> Option<Dimension> {
        Some(match self {
            ComplianceDim::Generation => Dimension::Generation,
            ComplianceDim::AgeBand => Dimension::AgeBand,
            ComplianceDim::Role => Dimension::Role,
            ComplianceDim::Department => Dimension::Department,
            ComplianceDim::Location => Dimension::Location,
            ComplianceDim::Requirement => return None,
        })
    }

    /// Accepts the names ignoring case, with `-` or a space for `_`; `requirement_id` too.
    pub fn parse(text: &str) -> Option<ComplianceDim> {
        let key = text.trim().to_lowercase().replace(['-', ' '], "_");
        if key == "requirement_id" {
            return Some(ComplianceDim::Requirement);
        }
        ComplianceDim::ALL.into_iter().find(|d| d.as_str() == key)
    }

    /// One or two different dimensions, comma-separated; errors name the field `by`.
    pub fn parse_list(text: &str) -> Result<Vec<ComplianceDim>> {
        let names = ComplianceDim::ALL.map(ComplianceDim::as_str).join(", ");
        let dims: Vec<ComplianceDim> = text
            .split(',')
            .map(|part| {
                ComplianceDim::parse(part).ok_or_else(|| {
                    Error::invalid(
                        "by",
                        format!("'{}' is not a dimension; choose from {names}", part.trim()),
                    )
                })
            })
            .collect::<Result<_>>()?;
        check_dims(&dims)?;
        Ok(dims)
    }
}

impl std::fmt::Display for ComplianceDim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn check_dims(dims: &[ComplianceDim]) -> Result<()> {
    match dims {
        [_] => Ok(()),
        [a, b] if a != b => Ok(()),
        [a, _] => Err(Error::invalid(
            "by",
            format!("'{a}' is named twice; name two different dimensions"),
        )),
        _ => Err(Error::invalid(
            "by",
            format!(
                "name one or two dimensions (e.g. department,requirement); {} given",
                dims.len()
            ),
        )),
    }
}

/// One group's obligations by status. A suppressed row has its people only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplianceRow {
    /// One label per dimension; empty for the total.
    pub groups: Vec<String>,
    pub people: u32,
    pub obligations: Option<u32>,
    pub compliant: Option<u32>,
    pub expiring: Option<u32>,
    pub expired: Option<u32>,
    pub overdue: Option<u32>,
    pub due: Option<u32>,
    pub exempt: Option<u32>,
    /// (compliant + expiring) / (obligations − exempt), one decimal; None when suppressed or
    /// every obligation is exempt.
    pub compliance_pct: Option<f64>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplianceNotes {
    pub as_of: String,
    pub expiring_days: u32,
    pub min_group: u32,
    pub filters: ComplianceQuery,
    /// The definitions, filters, as-of, W and k as sentences.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplianceReport {
    pub dims: Vec<ComplianceDim>,
    /// In report order: the first dimension's groups (generations by age, the others
    /// alphabetically, Unknown last), then the second's.
    pub rows: Vec<ComplianceRow>,
    /// Every obligation under the query (`groups` empty).
    pub total: ComplianceRow,
    pub notes: ComplianceNotes,
}

/// Counts of one group.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    people: u32,
    /// The last person counted (row id), so a person counts once per group.
    last_person: i64,
    by_status: [u32; 6],
}

impl Counts {
    /// Adds the counts of a group with none of this one's people.
    fn merge(&mut self, other: &Counts) {
        self.people += other.people;
        for (sum, n) in self.by_status.iter_mut().zip(other.by_status) {
            *sum += n;
        }
    }

    fn add(&mut self, person: i64, status: Status) {
        if self.people == 0 || self.last_person != person {
            self.people += 1;
            self.last_person = person;
        }
        self.by_status[status as usize] += 1;
    }

    fn obligations(&self) -> u32 {
        self.by_status.iter().sum()
    }
}

/// One dimension's values as they come, numbered.
#[derive(Default)]
struct Interner {
    texts: HashMap<String, u32>,
    ranks: HashMap<i64, u32>,
    missing: Option<u32>,
    keys: Vec<Key>,
}

impl Interner {
    fn id(&mut self, value: ValueRef<'_>, ranked: bool) -> rusqlite::Result<u32> {
        let next = self.keys.len() as u32;
        Ok(match value {
            ValueRef::Null => *self.missing.get_or_insert_with(|| {
                self.keys.push(Key::Missing);
                next
            }),
            ValueRef::Integer(rank) if ranked => *self.ranks.entry(rank).or_insert_with(|| {
                self.keys
                    .push(Key::Rank(u8::try_from(rank).unwrap_or(u8::MAX)));
                next
            }),
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

/// Compliance by one or two dimensions, with the total, under the query; groups with fewer
/// than `min_group` people show their people only (0: off).
pub fn report(
    conn: &Connection,
    q: &ComplianceQuery,
    by: &[ComplianceDim],
    min_group: u32,
) -> Result<ComplianceReport> {
    report_with(conn, q, by, min_group, ReportOptions::default())
}

/// [`report`], laid out as `options` say (`--pool-small`).
pub fn report_with(
    conn: &Connection,
    q: &ComplianceQuery,
    by: &[ComplianceDim],
    min_group: u32,
    options: ReportOptions,
) -> Result<ComplianceReport> {
    check_dims(by)?;
    let pool = options.pool_small && min_group > 0;
    let engine = Engine::new(conn, q)?;
    let year = chrono::Datelike::year(&engine.as_of);
    let extra: Vec<String> = by
        .iter()
        .filter_map(|d| d.employee_dim())
        .map(|d| key_sql(d, year))
        .collect();
    let mut interners: Vec<Interner> = by.iter().map(|_| Interner::default()).collect();
    let mut sums: HashMap<[u32; 2], Counts> = HashMap::new();
    // Each employee dimension's groups with their people over every requirement (pooling only).
    let mut margins: Vec<HashMap<u32, Counts>> = by.iter().map(|_| HashMap::new()).collect();
    let mut total = Counts::default();
    engine.run(conn, &extra, None, |row, evals| {
        let person: i64 = row.get(0)?;
        let mut key = [0u32; 2];
        let mut column = 5;
        for (i, dim) in by.iter().enumerate() {
            if let Some(d) = dim.employee_dim() {
                let ranked = matches!(d, Dimension::Generation | Dimension::AgeBand);
                key[i] = interners[i].id(row.get_ref(column)?, ranked)?;
                column += 1;
            }
        }
        for eval in evals {
            for (i, dim) in by.iter().enumerate() {
                if *dim == ComplianceDim::Requirement {
                    key[i] = eval.req;
                }
            }
            sums.entry(key).or_default().add(person, eval.status);
            total.add(person, eval.status);
            if pool {
                for (i, dim) in by.iter().enumerate() {
                    if dim.employee_dim().is_some() {
                        margins[i]
                            .entry(key[i])
                            .or_default()
                            .add(person, eval.status);
                    }
                }
            }
        }
        Ok(())
    })?;
    // Requirement groups are labelled by id.
    for (i, dim) in by.iter().enumerate() {
        if *dim == ComplianceDim::Requirement {
            interners[i].keys = (0..engine.requirement_count() as u32)
                .map(|r| Key::Text(engine.requirement_id(r).to_string()))
                .collect();
        }
    }
    let pooled: Vec<HashMap<u32, Key>> = if pool {
        margins
            .iter()
            .zip(by)
            .map(|(margin, dim)| pooled_groups(margin, *dim, min_group))
            .collect()
    } else {
        by.iter().map(|_| HashMap::new()).collect()
    };
    let mut groups: BTreeMap<Vec<Key>, Counts> = BTreeMap::new();
    for (key, counts) in sums {
        let keys: Vec<Key> = (0..by.len())
            .map(|i| {
                pooled[i]
                    .get(&key[i])
                    .unwrap_or(&interners[i].keys[key[i] as usize])
                    .clone()
            })
            .collect();
        groups.entry(keys).or_default().merge(&counts);
    }
    let mut cells: Vec<Cell> = groups
        .iter()
        .map(|(keys, counts)| Cell {
            keys: keys.clone(),
            headcount: counts.people,
            trained: 0,
            suppressed: false,
        })
        .collect();
    // Requirement groups add up to the total like the employee ones (every obligation is in
    // exactly one), so the complementary rule runs across them too.
    let suppression_dims: Vec<Dimension> = by
        .iter()
        .map(|d| d.employee_dim().unwrap_or(Dimension::Role))
        .collect();
    suppress(&mut cells, &suppression_dims, min_group);
    let label = |dim: ComplianceDim, key: &Key| match dim.employee_dim() {
        Some(d) => key.label(d),
        None => key.label(Dimension::Role),
    };
    let rows = cells
        .iter()
        .zip(groups.values())
        .map(|(cell, counts)| {
            let labels = cell
                .keys
                .iter()
                .zip(by)
                .map(|(k, d)| label(*d, k))
                .collect();
            row(labels, counts, cell.suppressed)
        })
        .collect();
    Ok(ComplianceReport {
        dims: by.to_vec(),
        rows,
        total: row(Vec::new(), &total, too_small(total.people, min_group)),
        notes: notes(&engine, min_group, pool),
    })
}

/// The groups of one employee dimension that `--pool-small` puts into its "Other" group,
/// each mapped to that group's key (pool.rs's rule, on the groups' people).
fn pooled_groups(
    margin: &HashMap<u32, Counts>,
    dim: ComplianceDim,
    min_group: u32,
) -> HashMap<u32, Key> {
    if !dim.employee_dim().is_some_and(Dimension::partitions) {
        return HashMap::new();
    }
    pool::pooled(
        margin.iter().map(|(id, counts)| (*id, counts.people)),
        min_group,
    )
    .into_iter()
    .collect()
}

fn row(groups: Vec<String>, c: &Counts, suppressed: bool) -> ComplianceRow {
    let shown = |s: Status| (!suppressed).then_some(c.by_status[s as usize]);
    let ok = c.by_status[Status::Compliant as usize] + c.by_status[Status::Expiring as usize];
    let counted = c.obligations() - c.by_status[Status::Exempt as usize];
    ComplianceRow {
        groups,
        people: c.people,
        obligations: (!suppressed).then_some(c.obligations()),
        compliant: shown(Status::Compliant),
        expiring: shown(Status::Expiring),
        expired: shown(Status::Expired),
        overdue: shown(Status::Overdue),
        due: shown(Status::Due),
        exempt: shown(Status::Exempt),
        compliance_pct: if suppressed {
            None
        } else {
            tenths(ok, counted).map(from_tenths)
        },
        suppressed,
    }
}

fn notes(engine: &Engine, min_group: u32, pooled: bool) -> ComplianceNotes {
    let f = &engine.filters;
    let mut lines = vec![
        format!(
            "As of {}: a requirement applies from its effective_from to employees hired on or \
             before that day and not left by it (active, unless they have a left_on date) who match its role, department and location (ignoring case).",
            f.as_of
        ),
        format!(
            "A completion is valid until its program's validity (calendar months) runs out; \
             expiring = every valid completion expires within {} days.",
            engine.expiring_days
        ),
        "Compliance = (compliant + expiring) / (obligations - exempt), to one decimal; people = \
         employees with at least one obligation in the group."
            .to_string(),
    ];
    let mut filters = Vec::new();
    if let Some(r) = &f.requirement_id {
        filters.push(format!("requirement {r}"));
    }
    if let Some(d) = &f.department {
        filters.push(format!("department {d}"));
    }
    if let Some(m) = &f.manager_id {
        filters.push(format!("below manager {m} (at any depth)"));
    }
    lines.push(if filters.is_empty() {
        "Filters: none.".to_string()
    } else {
        format!("Filters: {}.", filters.join(", "))
    });
    lines.push(if min_group == 0 {
        "Small-group suppression: off (k = 0).".to_string()
    } else {
        format!(
            "Groups of fewer than {min_group} people (k = {min_group}) show their people only; \
             where exactly one group of a dimension is hidden, the next-smallest is hidden too."
        )
    });
    if pooled {
        lines.push(format!(
            "Small groups pooled: where two or more groups of a dimension (not requirements) \
             have fewer than {min_group} people each, they are one \"Other\" group, shown when it \
             reaches {min_group}."
        ));
    }
    ComplianceNotes {
        as_of: f.as_of.clone(),
        expiring_days: engine.expiring_days,
        min_group,
        filters: f.clone(),
        lines,
    }
}

/// The report's CSV columns after the dimensions.
pub const REPORT_COLUMNS: [&str; 10] = [
    "people",
    "obligations",
    "compliant",
    "expiring",
    "expired",
    "overdue",
    "due",
    "exempt",
    "compliance_pct",
    "suppressed",
];

/// Writes the report as CSV: `DIM…,people,obligations,compliant,expiring,expired,overdue,due,
/// exempt,compliance_pct,suppressed`, one row per group (suppressed rows keep `people` only);
/// with `with_notes`, the notes after a blank line.
pub fn write_report_csv<W: std::io::Write>(
    out: &mut crate::export::CsvOut<W>,
    report: &ComplianceReport,
    with_notes: bool,
) -> Result<()> {
    use crate::export::Cell;
    let mut header: Vec<&str> = report.dims.iter().map(|d| d.column()).collect();
    header.extend(REPORT_COLUMNS);
    out.header(&header)?;
    let count = |v: Option<u32>| v.map_or(Cell::Empty, |n| Cell::Int(i64::from(n)));
    for row in &report.rows {
        let mut cells: Vec<Cell<'_>> = row.groups.iter().map(|g| Cell::text(g)).collect();
        cells.push(Cell::Int(i64::from(row.people)));
        for value in [
            row.obligations,
            row.compliant,
            row.expiring,
            row.expired,
            row.overdue,
            row.due,
            row.exempt,
        ] {
            cells.push(count(value));
        }
        cells.push(row.compliance_pct.map_or(Cell::Empty, Cell::Tenths));
        cells.push(Cell::Bool(row.suppressed));
        out.row(&cells)?;
    }
    if with_notes {
        out.blank_line()?;
        for line in &report.notes.lines {
            out.row(&[Cell::text(line)])?;
        }
    }
    Ok(())
}
