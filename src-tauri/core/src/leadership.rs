//! The leadership report: the PDF that leaves the app for people who never open it.
//!
//! It owns which numbers the report shows and how they are laid out on A4 pages, and nothing
//! else: every figure comes from the reports that already exist ([`report::dashboard`],
//! [`report::trend`], [`compliance::report`], [`report::targets_report`]) under the same
//! filters and k, so the PDF shows what the CLI and the desktop show, suppressed the same way
//! (a group below k shows its headcount only, never its trained count or coverage; no person
//! and no birth year appears). [`pdf`](crate::pdf) draws it.
//!
//! Pages: the headline and coverage by generation; departments and roles (top and bottom
//! groups); the role × generation heat map and the trend; required training and targets when
//! any exist; the definitions, with the Upskill version and the SHA-256 of the record's
//! content ([`export::content_sha256`]).

use std::path::Path;

use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compliance::{self, ComplianceDim, ComplianceQuery, ComplianceReport, ComplianceRow};
use crate::domain::{format_date, parse_iso_date};
use crate::error::{Error, Result};
use crate::export;
use crate::pdf::{self, Align, Bar, Column, Layout, Rgb, BODY_W, INK, MARGIN, MUTED};
use crate::report::{
    self, CoverageReport, CoverageRow, Dashboard, DashboardQuery, Filters, Period, TargetsQuery,
    TargetsReport, TrendQuery, TrendReport, ALL_EMPLOYEES, DEFAULT_THRESHOLD,
};
use crate::{requirements, targets};

/// The trend covers this many months up to the as-of date, one point per quarter.
pub const TREND_MONTHS: u32 = 24;
/// Department and role tables list every shown group up to this many; beyond, the top and
/// bottom halves of it.
pub const MAX_LISTED_GROUPS: usize = 12;
/// The heat map shows at most this many roles (the largest), so the report stays within
/// six pages.
pub const MAX_HEATMAP_ROLES: usize = 26;

/// What the leadership report covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LeadershipQuery {
    /// The coverage filters (as-of, department, manager, completion filters).
    pub filters: Filters,
    /// k: groups of fewer employees show their headcount only.
    pub min_group: u32,
    /// The title on the first page; None: "AI training coverage".
    pub title: Option<String>,
    /// Print the whole organisation beside the scope (a team pack's report).
    pub beside_organisation: bool,
}

/// The numbers of a leadership report, each from its core report.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadershipReport {
    pub title: String,
    pub as_of: NaiveDate,
    pub dashboard: Dashboard,
    /// The organisation under the same completion filters, without department or manager.
    pub organisation: Option<Dashboard>,
    /// When requirements exist.
    pub compliance_by_requirement: Option<ComplianceReport>,
    pub compliance_by_department: Option<ComplianceReport>,
    /// When targets exist and the report is not narrowed to a department or team (targets
    /// carry their own scope).
    pub targets: Option<TargetsReport>,
    pub trend: TrendReport,
    pub content_sha256: String,
    pub version: String,
}

/// What writing a PDF produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PdfSummary {
    pub path: String,
    pub pages: u32,
}

/// The default title.
pub const DEFAULT_TITLE: &str = "AI training coverage";

/// Computes every number of the report, and the content hash, as of one snapshot of the
/// database ([`with_content_hash`]).
pub fn leadership_report(
    conn: &Connection,
    query: &LeadershipQuery,
    today: NaiveDate,
) -> Result<LeadershipReport> {
    let (mut report, content_sha256) = with_content_hash(conn, |conn| figures(conn, query, today))?;
    report.content_sha256 = content_sha256;
    Ok(report)
}

/// Runs `work` on `conn`, then computes [`export::content_sha256`] on it, both in one read
/// transaction (the caller's, if it has one), so the figures and the hash are of the same
/// state of the record even if a write commits meanwhile.
fn with_content_hash<T>(
    conn: &Connection,
    work: impl FnOnce(&Connection) -> Result<T>,
) -> Result<(T, String)> {
    if !conn.is_autocommit() {
        let value = work(conn)?;
        return Ok((value, export::content_sha256(conn)?));
    }
    let tx = conn.unchecked_transaction()?;
    begin_reading(&tx)?;
    let value = work(&tx)?;
    Ok((value, export::content_sha256(&tx)?))
}

/// A first read, which fixes the snapshot of the read transaction just begun on `conn` (a
/// `BEGIN` alone takes none).
fn begin_reading(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

/// Every number of the report but the content hash.
fn figures(
    conn: &Connection,
    query: &LeadershipQuery,
    today: NaiveDate,
) -> Result<LeadershipReport> {
    let k = query.min_group;
    let dashboard = report::dashboard(
        conn,
        &DashboardQuery {
            filters: query.filters.clone(),
            min_group: k,
            threshold: DEFAULT_THRESHOLD,
            pool_small: false,
        },
        today,
    )?;
    let as_of = parse_iso_date(&dashboard.notes.as_of)
        .ok_or_else(|| Error::Internal("the dashboard's as-of date is not a date".into()))?;
    let filters = &dashboard.notes.filters;
    let organisation = if query.beside_organisation {
        Some(report::dashboard(
            conn,
            &DashboardQuery {
                filters: Filters {
                    department: None,
                    manager_id: None,
                    ..filters.clone()
                },
                min_group: k,
                threshold: DEFAULT_THRESHOLD,
                pool_small: false,
            },
            today,
        )?)
    } else {
        None
    };
    let (compliance_by_requirement, compliance_by_department) =
        if requirements::list(conn, false)?.is_empty() {
            (None, None)
        } else {
            let q = ComplianceQuery {
                department: filters.department.clone(),
                manager_id: filters.manager_id.clone(),
                ..ComplianceQuery::new(as_of)
            };
            (
                Some(compliance::report(
                    conn,
                    &q,
                    &[ComplianceDim::Requirement],
                    k,
                )?),
                Some(compliance::report(
                    conn,
                    &q,
                    &[ComplianceDim::Department],
                    k,
                )?),
            )
        };
    let scoped = filters.department.is_some() || filters.manager_id.is_some();
    let targets = if scoped || targets::list_all(conn)?.is_empty() {
        None
    } else {
        Some(report::targets_report(
            conn,
            &TargetsQuery {
                as_of: Some(format_date(as_of)),
                min_group: k,
            },
            today,
        )?)
    };
    let from = as_of
        .checked_sub_months(Months::new(TREND_MONTHS))
        .unwrap_or(as_of);
    let trend = report::trend(
        conn,
        &TrendQuery {
            dims: vec![report::Dimension::Generation],
            filters: filters.clone(),
            min_group: k,
            from: format_date(from),
            to: format_date(as_of),
            every: Period::Quarter,
        },
        today,
    )?;
    Ok(LeadershipReport {
        title: query
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(DEFAULT_TITLE)
            .to_string(),
        as_of,
        dashboard,
        organisation,
        compliance_by_requirement,
        compliance_by_department,
        targets,
        trend,
        content_sha256: String::new(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// Computes the report and writes it to `dest` atomically.
pub fn write_pdf(
    conn: &Connection,
    query: &LeadershipQuery,
    today: NaiveDate,
    dest: &Path,
) -> Result<PdfSummary> {
    let report = leadership_report(conn, query, today)?;
    let (bytes, pages) = render(&report)?;
    export::write_atomic(dest, |out| {
        std::io::Write::write_all(out, &bytes).map_err(|e| Error::io(dest, e))
    })?;
    Ok(PdfSummary {
        path: dest.display().to_string(),
        pages,
    })
}

/// A coverage percentage as printed: one decimal and a percent sign.
pub fn pct(value: f64) -> String {
    format!("{value:.1}%")
}

/// A row's coverage as printed: the percentage, "fewer than k" when suppressed, "–" when
/// the group is empty.
fn shown(row: &CoverageRow, k: u32) -> String {
    match row.coverage_pct {
        _ if row.suppressed => format!("fewer than {k}"),
        Some(v) => pct(v),
        None => "–".into(),
    }
}

fn trained(row: &CoverageRow) -> String {
    row.trained.map_or("–".into(), |t| t.to_string())
}

/// Lays the report out and writes the PDF; returns it and its page count.
pub fn render(r: &LeadershipReport) -> Result<(Vec<u8>, u32)> {
    let k = r.dashboard.notes.min_group;
    let footer = format!(
        "{} · as of {} · Upskill {}",
        r.title,
        format_date(r.as_of),
        r.version
    );
    let mut l = Layout::new(footer)?;
    headline(&mut l, r, k);
    if let Some(org) = &r.organisation {
        beside_organisation(&mut l, &r.dashboard, org, k);
    }
    by_generation(&mut l, r, k);
    l.new_page();
    top_and_bottom(
        &mut l,
        "Coverage by department",
        "Department",
        &r.dashboard.by_department,
        k,
    );
    top_and_bottom(&mut l, "Coverage by role", "Role", &r.dashboard.by_role, k);
    l.new_page();
    heatmap(&mut l, &r.dashboard.role_by_generation, k);
    l.new_page();
    trend(&mut l, &r.trend, k);
    {
        if let (Some(by_req), Some(by_dept)) =
            (&r.compliance_by_requirement, &r.compliance_by_department)
        {
            compliance_section(&mut l, by_req, by_dept, k);
        }
        if let Some(t) = &r.targets {
            targets_section(&mut l, t);
        }
    }
    l.new_page();
    definitions(&mut l, r, k);
    let pages = l.page_count() as u32;
    Ok((l.finish(&r.title)?, pages))
}

fn headline(l: &mut Layout, r: &LeadershipReport, k: u32) {
    let total = &r.dashboard.total;
    l.gap(20.0);
    l.text(MARGIN, l.y(), 22.0, true, INK, &r.title);
    l.gap(18.0);
    let mut scope = format!("As of {}", format_date(r.as_of));
    let f = &r.dashboard.notes.filters;
    if let Some(m) = &f.manager_id {
        scope.push_str(&format!(" · the team below manager {m}"));
    }
    if let Some(d) = &f.department {
        scope.push_str(&format!(" · department {d}"));
    }
    scope.push_str(&format!(" · {} employees · k = {k}", total.headcount));
    l.text(MARGIN, l.y(), 10.0, false, MUTED, &scope);
    l.gap(16.0);
    let box_top = l.y();
    let box_h = 84.0;
    l.rect(MARGIN, box_top, BODY_W, box_h, pdf::SHADE);
    l.rect(MARGIN, box_top, 4.0, box_h, pdf::ACCENT);
    let big = match total.coverage_pct {
        Some(v) if !total.suppressed => pct(v),
        _ => "–".into(),
    };
    l.text(MARGIN + 18.0, box_top + 46.0, 30.0, true, pdf::ACCENT, &big);
    l.text(
        MARGIN + 18.0,
        box_top + 66.0,
        8.5,
        false,
        MUTED,
        "trained in AI",
    );
    let text_x = MARGIN + 150.0;
    let text_w = BODY_W - 165.0;
    let mut sentences = Vec::new();
    if total.suppressed {
        sentences.push(format!(
            "The population has fewer than {k} employees ({}), so no coverage is shown.",
            total.headcount
        ));
    } else if let (Some(t), Some(v)) = (total.trained, total.coverage_pct) {
        sentences.push(format!(
            "{t} of {} employees ({}) have completed at least one AI training.",
            total.headcount,
            pct(v)
        ));
    }
    sentences.push(match &r.dashboard.gaps_by_generation.divide {
        Some(d) => format!(
            "The generational divide is {:.1} points: {} {} against {} {}.",
            d.gap_pts,
            d.highest,
            pct(d.highest_pct),
            d.lowest,
            pct(d.lowest_pct)
        ),
        None => "Fewer than two generations are large enough to show, so no divide is measured."
            .to_string(),
    });
    let flagged: Vec<String> = r
        .dashboard
        .gaps_by_generation
        .rows
        .iter()
        .filter(|g| g.flagged)
        .map(|g| g.group.clone())
        .collect();
    if !flagged.is_empty() {
        sentences.push(format!(
            "Left behind (at least {:.0} points below everyone): {}.",
            r.dashboard.gaps_by_generation.threshold,
            flagged.join(", ")
        ));
    }
    let saved = l.y();
    l.gap(8.0);
    for s in &sentences {
        l.paragraph_at(text_x, text_w, s, 9.5, INK);
        l.gap(2.0);
    }
    let end = l.y().max(saved + box_h);
    l.gap(end - l.y() + 4.0);
}

fn beside_organisation(l: &mut Layout, team: &Dashboard, org: &Dashboard, k: u32) {
    l.heading("The team beside the whole organisation", 80.0);
    let columns = [
        col("Group", 170.0, Align::Left),
        col("Team headcount", 80.0, Align::Right),
        col("Team coverage", 80.0, Align::Right),
        col("Organisation headcount", 80.0, Align::Right),
        col("Organisation coverage", 85.0, Align::Right),
    ];
    let mut rows = Vec::new();
    for t in &team.by_generation.rows {
        let label = t.groups.first().cloned().unwrap_or_default();
        let o = org
            .by_generation
            .rows
            .iter()
            .find(|o| o.groups.first() == Some(&label));
        rows.push(vec![
            label,
            t.headcount.to_string(),
            shown(t, k),
            o.map_or("–".into(), |o| o.headcount.to_string()),
            o.map_or("–".into(), |o| shown(o, k)),
        ]);
    }
    rows.push(vec![
        ALL_EMPLOYEES.into(),
        team.total.headcount.to_string(),
        shown(&team.total, k),
        org.total.headcount.to_string(),
        shown(&org.total, k),
    ]);
    let last = rows.len() - 1;
    l.table(&columns, &rows, &[last]);
}

fn col(title: &str, width: f32, align: Align) -> Column<'_> {
    Column {
        title,
        width,
        align,
    }
}

fn by_generation(l: &mut Layout, r: &LeadershipReport, k: u32) {
    let report = &r.dashboard.by_generation;
    l.heading("Coverage by generation", 160.0);
    let bars: Vec<Bar> = report
        .rows
        .iter()
        .map(|row| Bar {
            label: row.groups.first().cloned().unwrap_or_default(),
            value: if row.suppressed {
                None
            } else {
                row.coverage_pct
            },
            text: shown(row, k),
        })
        .collect();
    let org = (!report.total.suppressed)
        .then_some(report.total.coverage_pct)
        .flatten();
    l.bar_chart(&bars, org);
    if org.is_some() {
        l.paragraph(
            "The vertical line marks the coverage of all employees.",
            7.5,
            MUTED,
        );
        l.gap(8.0);
    }
    let columns = [
        col("Generation", 120.0, Align::Left),
        col("Born", 85.0, Align::Left),
        col("Headcount", 65.0, Align::Right),
        col("Trained", 65.0, Align::Right),
        col("Coverage", 80.0, Align::Right),
        col("Gap (points)", 80.0, Align::Right),
    ];
    let bands = &report.notes.generations;
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .zip(&r.dashboard.gaps_by_generation.rows)
        .map(|(row, gap)| {
            let label = row.groups.first().cloned().unwrap_or_default();
            let born = bands
                .iter()
                .find(|b| b.label == label)
                .map_or(String::new(), |b| match (b.first_year, b.last_year) {
                    (Some(a), Some(z)) => format!("{a}–{z}"),
                    (None, Some(z)) => format!("{z} or earlier"),
                    (Some(a), None) => format!("{a} or later"),
                    (None, None) => String::new(),
                });
            vec![
                label,
                born,
                row.headcount.to_string(),
                trained(row),
                shown(row, k),
                gap.gap_pts.map_or("–".into(), |g| format!("{g:+.1}")),
            ]
        })
        .collect();
    rows.push(vec![
        ALL_EMPLOYEES.into(),
        String::new(),
        report.total.headcount.to_string(),
        trained(&report.total),
        shown(&report.total, k),
        String::new(),
    ]);
    let last = rows.len() - 1;
    l.table(&columns, &rows, &[last]);
}

/// The shown groups, highest coverage first; all of them up to [`MAX_LISTED_GROUPS`], else
/// the top and bottom halves with a row saying how many are between.
fn top_and_bottom(l: &mut Layout, title: &str, noun: &str, report: &CoverageReport, k: u32) {
    let mut shown_rows: Vec<&CoverageRow> = report
        .rows
        .iter()
        .filter(|r| !r.suppressed && r.coverage_pct.is_some())
        .collect();
    shown_rows.sort_by(|a, b| {
        b.coverage_pct
            .partial_cmp(&a.coverage_pct)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.groups.cmp(&b.groups))
    });
    let hidden = report.rows.len() - shown_rows.len();
    l.heading(title, 60.0);
    let columns = [
        col(noun, 250.0, Align::Left),
        col("Headcount", 80.0, Align::Right),
        col("Trained", 80.0, Align::Right),
        col("Coverage", 85.0, Align::Right),
    ];
    let line = |r: &CoverageRow| {
        vec![
            r.groups.first().cloned().unwrap_or_default(),
            r.headcount.to_string(),
            trained(r),
            shown(r, k),
        ]
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut bold = Vec::new();
    if shown_rows.len() <= MAX_LISTED_GROUPS {
        rows.extend(shown_rows.iter().map(|r| line(r)));
    } else {
        let half = MAX_LISTED_GROUPS / 2;
        rows.extend(shown_rows[..half].iter().map(|r| line(r)));
        rows.push(vec![
            format!("… {} more between", shown_rows.len() - 2 * half),
            String::new(),
            String::new(),
            String::new(),
        ]);
        rows.extend(
            shown_rows[shown_rows.len() - half..]
                .iter()
                .map(|r| line(r)),
        );
    }
    rows.push(vec![
        ALL_EMPLOYEES.into(),
        report.total.headcount.to_string(),
        trained(&report.total),
        shown(&report.total, k),
    ]);
    bold.push(rows.len() - 1);
    l.table(&columns, &rows, &bold);
    if hidden > 0 {
        l.gap(4.0);
        l.paragraph(
            &format!(
                "{hidden} {} of fewer than {k} employees not listed (small-group suppression).",
                if hidden == 1 { "group" } else { "groups" }
            ),
            8.0,
            MUTED,
        );
    }
}

fn heatmap(l: &mut Layout, report: &CoverageReport, k: u32) {
    l.heading("Coverage by role and generation", 120.0);
    let generations: Vec<String> = report.axes.get(1).cloned().unwrap_or_default();
    let mut roles: Vec<(String, u32)> = Vec::new();
    for row in &report.rows {
        let role = row.groups.first().cloned().unwrap_or_default();
        match roles.iter_mut().find(|(r, _)| *r == role) {
            Some((_, h)) => *h += row.headcount,
            None => roles.push((role, row.headcount)),
        }
    }
    let all_roles = roles.len();
    if roles.len() > MAX_HEATMAP_ROLES {
        roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        roles.truncate(MAX_HEATMAP_ROLES);
        roles.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let labels: Vec<String> = roles.iter().map(|(r, _)| r.clone()).collect();
    let cell = |r: usize, c: usize| -> Option<Option<f64>> {
        let found = report.rows.iter().find(|row| {
            row.groups.first() == labels.get(r) && row.groups.get(1) == generations.get(c)
        })?;
        Some(if found.suppressed {
            None
        } else {
            found.coverage_pct
        })
    };
    l.heatmap(&labels, &generations, &cell, &format!("<{k}"));
    let mut note = format!(
        "Each cell: the share of that role's employees of that generation with at least one \
         AI training. \"<{k}\": fewer than {k} employees, or hidden so a small cell cannot be \
         worked out; blank: nobody."
    );
    if all_roles > labels.len() {
        note.push_str(&format!(
            " The {} largest of {all_roles} roles are shown.",
            labels.len()
        ));
    }
    l.paragraph(&note, 7.5, MUTED);
}

const SERIES: [Rgb; 7] = [
    Rgb(0x1D, 0x29, 0x39),
    Rgb(0x1F, 0x5C, 0x99),
    Rgb(0xD9, 0x7B, 0x29),
    Rgb(0x3C, 0x9D, 0x6B),
    Rgb(0xB0, 0x3A, 0x48),
    Rgb(0x7A, 0x5C, 0xB8),
    Rgb(0x8A, 0x93, 0x9E),
];

fn trend(l: &mut Layout, t: &TrendReport, k: u32) {
    l.heading("Trend: coverage at the end of each quarter", 200.0);
    let labels: Vec<String> = t.points.iter().map(|p| p.period_end.clone()).collect();
    let value = |row: &CoverageRow| (!row.suppressed).then_some(row.coverage_pct).flatten();
    let mut series = vec![(
        ALL_EMPLOYEES.to_string(),
        SERIES[0],
        t.points.iter().map(|p| value(&p.total)).collect::<Vec<_>>(),
    )];
    let mut generations: Vec<String> = Vec::new();
    for p in &t.points {
        for row in &p.rows {
            if let Some(g) = row.groups.first() {
                if !generations.contains(g) && value(row).is_some() {
                    generations.push(g.clone());
                }
            }
        }
    }
    let order: Vec<&str> = report::GENERATIONS.iter().map(|g| g.0).collect();
    generations.sort_by_key(|g| order.iter().position(|o| o == g).unwrap_or(usize::MAX));
    for (i, g) in generations.iter().enumerate() {
        let values = t
            .points
            .iter()
            .map(|p| {
                p.rows
                    .iter()
                    .find(|r| r.groups.first() == Some(g))
                    .and_then(value)
            })
            .collect();
        series.push((g.clone(), SERIES[(i + 1) % SERIES.len()], values));
    }
    l.line_chart(&labels, &series, 150.0);
    let columns = [
        col("Quarter ending", 130.0, Align::Left),
        col("Headcount", 90.0, Align::Right),
        col("Trained", 90.0, Align::Right),
        col("Coverage", 90.0, Align::Right),
    ];
    let rows: Vec<Vec<String>> = t
        .points
        .iter()
        .map(|p| {
            vec![
                p.period_end.clone(),
                p.total.headcount.to_string(),
                trained(&p.total),
                shown(&p.total, k),
            ]
        })
        .collect();
    l.table(&columns, &rows, &[]);
}

/// "<k" where suppressed: the tables are narrow; the section says what it means.
fn compliance_pct(row: &ComplianceRow, k: u32) -> String {
    match row.compliance_pct {
        _ if row.suppressed => format!("<{k}"),
        Some(v) => pct(v),
        None => "–".into(),
    }
}

fn compliance_rows(report: &ComplianceReport, k: u32, limit: usize) -> (Vec<Vec<String>>, usize) {
    let n = |v: Option<u32>| v.map_or("–".into(), |v| v.to_string());
    let line = |r: &ComplianceRow, label: String| {
        vec![
            label,
            r.people.to_string(),
            n(r.obligations),
            n(r.compliant),
            n(r.expiring),
            n(r.expired),
            n(r.overdue),
            n(r.due),
            n(r.exempt),
            compliance_pct(r, k),
        ]
    };
    let mut rows: Vec<&ComplianceRow> = report.rows.iter().collect();
    let mut cut = 0;
    if rows.len() > limit {
        // The least compliant groups first: the ones that need action.
        rows.sort_by(|a, b| {
            a.suppressed
                .cmp(&b.suppressed)
                .then(
                    a.compliance_pct
                        .partial_cmp(&b.compliance_pct)
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
                .then_with(|| a.groups.cmp(&b.groups))
        });
        cut = rows.len() - limit;
        rows.truncate(limit);
    }
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| line(r, r.groups.first().cloned().unwrap_or_default()))
        .collect();
    out.push(line(&report.total, "All obligations".into()));
    (out, cut)
}

fn compliance_section(
    l: &mut Layout,
    by_req: &ComplianceReport,
    by_dept: &ComplianceReport,
    k: u32,
) {
    l.heading("Required training", 90.0);
    l.paragraph(
        &format!(
            "Compliance = (compliant + expiring) / (obligations − exempt), as of {} with \
             expiring meaning valid but running out within {} days. \"<{k}\": a group of \
             fewer than {k} people, whose figures are not shown.",
            by_req.notes.as_of, by_req.notes.expiring_days
        ),
        8.5,
        MUTED,
    );
    // Each count column as wide as its title; the group's name gets the rest.
    const COUNTS: [&str; 9] = [
        "People",
        "Obligations",
        "Compliant",
        "Expiring",
        "Expired",
        "Overdue",
        "Due",
        "Exempt",
        "Compliance",
    ];
    let widths: Vec<f32> = COUNTS
        .iter()
        .map(|t| (l.width(t, pdf::HEADER_SIZE, true) + 9.0).max(28.0))
        .collect();
    let first_w = BODY_W - widths.iter().sum::<f32>();
    let columns = |first: &'static str| {
        let mut columns = vec![col(first, first_w, Align::Left)];
        for (title, width) in COUNTS.iter().zip(&widths) {
            columns.push(col(title, *width, Align::Right));
        }
        columns
    };
    for (caption, first, plural, report) in [
        ("By requirement", "Requirement", "requirements", by_req),
        ("By department", "Department", "departments", by_dept),
    ] {
        l.caption(caption, 40.0);
        // Never empty: the last row is the "All obligations" total, drawn as one.
        let (rows, cut) = compliance_rows(report, k, 14);
        let last = rows.len() - 1;
        l.table(&columns(first), &rows, &[last]);
        if cut > 0 {
            l.paragraph(
                &format!("The {cut} most compliant {plural} are not listed."),
                7.5,
                MUTED,
            );
        }
    }
}

fn targets_section(l: &mut Layout, t: &TargetsReport) {
    l.heading("Targets", 60.0);
    let columns = [
        col("Target", 150.0, Align::Left),
        col("Metric", 50.0, Align::Left),
        col("Value", 40.0, Align::Right),
        col("Due", 62.0, Align::Left),
        col("Now", 40.0, Align::Right),
        col("Forecast at due", 78.0, Align::Right),
        col("Status", 70.0, Align::Left),
    ];
    let v = |x: Option<f64>| x.map_or("–".into(), |x| format!("{x:.1}"));
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                r.metric.as_str().to_string(),
                format!("{:.1}", r.value),
                r.due.clone(),
                v(r.current),
                v(r.forecast_at_due),
                r.status.as_str().replace('_', " "),
            ]
        })
        .collect();
    l.table(&columns, &rows, &[]);
    l.gap(4.0);
    l.paragraph(
        "Coverage targets in percent (met at or above), divide targets in points between the \
         highest and lowest generation (met at or below).",
        7.5,
        MUTED,
    );
}

fn definitions(l: &mut Layout, r: &LeadershipReport, k: u32) {
    l.heading("Definitions and provenance", 200.0);
    let notes = &r.dashboard.notes;
    let f = &notes.filters;
    let mut filters = Vec::new();
    for (name, value) in [
        ("department", &f.department),
        ("manager", &f.manager_id),
        ("skill area", &f.skill_area),
        ("program format", &f.program_format),
        ("program", &f.program_id),
        ("completed from", &f.from),
        ("completed to", &f.to),
    ] {
        if let Some(v) = value {
            filters.push(format!("{name} {v}"));
        }
    }
    if f.include_inactive {
        filters.push("inactive employees included".into());
    }
    if f.current == Some(true) {
        filters.push("only completions still valid".into());
    }
    let entries = [
        ("As of", format_date(r.as_of)),
        (
            "Population",
            format!(
                "{} employees: active, hired on or before the as-of date and not left by it{}.",
                r.dashboard.total.headcount,
                if f.include_inactive {
                    ", inactive ones included"
                } else {
                    ""
                }
            ),
        ),
        (
            "Filters",
            if filters.is_empty() {
                "none".into()
            } else {
                filters.join("; ")
            },
        ),
        (
            "Generations",
            notes
                .generations
                .iter()
                .map(|g| match (g.first_year, g.last_year) {
                    (Some(a), Some(z)) => format!("{} {a}–{z}", g.label),
                    (None, Some(z)) => format!("{} {z} or earlier", g.label),
                    (Some(a), None) => format!("{} {a} or later", g.label),
                    (None, None) => g.label.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
                + " (birth years, Pew Research Center); no birth year: Unknown.",
        ),
        (
            "k",
            format!(
                "{k}: a group of fewer than {k} employees shows its headcount only; no \
                 individual and no birth year appears in this report."
            ),
        ),
        ("Upskill version", r.version.clone()),
        ("Content SHA-256", r.content_sha256.clone()),
        (
            "How the hash is made",
            "SHA-256 of the six record tables exactly as `upskill export TABLE FILE` writes \
             them (employees, programs, completions, requirements, exemptions, targets, in \
             that order), concatenated. The same record gives the same hash."
                .into(),
        ),
    ];
    let key_w = 130.0;
    for (key, value) in entries {
        l.ensure(26.0);
        let top = l.y();
        // On the baseline of the value's first line (see Layout::paragraph_at).
        l.text(MARGIN, top + 8.5 * 1.4 * 0.72, 8.5, true, INK, key);
        l.paragraph_at(MARGIN + key_w, BODY_W - key_w, &value, 8.5, INK);
        l.gap(5.0);
    }
    l.caption("How the numbers are counted", 40.0);
    for line in notes.lines.iter().chain(
        r.compliance_by_requirement
            .iter()
            .flat_map(|c| c.notes.lines.iter()),
    ) {
        l.paragraph(line, 8.0, MUTED);
        l.gap(2.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::domain::EmployeeInput;
    use crate::testing::today;

    fn hire(db: &mut Db, id: &str) {
        let input = EmployeeInput {
            employee_id: id.into(),
            full_name: format!("Person {id}"),
            role: "Engineer".into(),
            department: "Data".into(),
            active: true,
            ..Default::default()
        };
        crate::employees::create(db, &input, today()).unwrap();
    }

    fn organisation(path: &Path) -> Db {
        let mut db = Db::open(path).unwrap();
        hire(&mut db, "E1");
        db
    }

    fn employees(conn: &Connection) -> Result<i64> {
        Ok(conn.query_row("SELECT count(*) FROM employees", [], |r| r.get(0))?)
    }

    #[test]
    fn the_figures_and_the_hash_see_one_snapshot_while_a_write_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upskill.db");
        let mut writer = organisation(&path);
        let before = export::content_sha256(writer.conn()).unwrap();
        let reader = Db::open_read_only(&path, crate::db::BUSY_TIMEOUT).unwrap();
        let (seen, hash) = with_content_hash(reader.conn(), |conn| {
            // Committed after the read transaction began: neither the figures nor the hash
            // may see it.
            hire(&mut writer, "E2");
            employees(conn)
        })
        .unwrap();
        assert_eq!((seen, hash.as_str()), (1, before.as_str()));
        // The write is there for the next read.
        assert_eq!(employees(reader.conn()).unwrap(), 2);
        assert_ne!(export::content_sha256(reader.conn()).unwrap(), before);
    }
}
