//! Coverage over time: the coverage report at the end of each calendar period.
//!
//! Definition: the points are the last day of each calendar month, quarter or year between
//! `from` and `to` (a partial period at either end is included; the last one ends at `to`),
//! and each point is exactly the coverage report by the same dimensions and filters as of
//! that day ([`super::coverage`], so that day's population, leavers included, and its own
//! suppression). The "All employees" row of each point is the report's total.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coverage, CoverageRow, Dimension, Filters, ReportNotes, ReportQuery};
use crate::domain::{format_date, parse_iso_date};
use crate::error::{Error, FieldProblem, Result};

/// The most points a trend has (33 years of months).
pub const MAX_TREND_POINTS: usize = 400;

/// How often a trend has a point: at the end of each calendar month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        let key = text.trim().to_lowercase();
        Period::ALL.into_iter().find(|p| p.as_str() == key)
    }

    /// The last day of the period that holds `date`.
    pub fn end_of(self, date: NaiveDate) -> NaiveDate {
        let last_month = match self {
            Period::Month => date.month(),
            Period::Quarter => (date.month() - 1) / 3 * 3 + 3,
            Period::Year => 12,
        };
        let (year, month) = if last_month == 12 {
            (date.year() + 1, 1)
        } else {
            (date.year(), last_month + 1)
        };
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|first| first.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A trend: coverage by one or two dimensions at the end of every period from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrendQuery {
    pub dims: Vec<Dimension>,
    /// The coverage filters; `as_of` is ignored (each point is its own as-of date).
    pub filters: Filters,
    pub min_group: u32,
    /// YYYY-MM-DD: the first period is the one holding this day.
    pub from: String,
    /// YYYY-MM-DD: the last point (the end of a partial last period).
    pub to: String,
    pub every: Period,
}

/// One point of a trend: the coverage report as of `period_end`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    /// YYYY-MM-DD.
    pub period_end: String,
    /// The report's rows, in report order, suppressed as of this point.
    pub rows: Vec<CoverageRow>,
    /// The population's total as of this point ("All employees").
    pub total: CoverageRow,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrendReport {
    pub dims: Vec<Dimension>,
    pub every: Period,
    pub points: Vec<TrendPoint>,
    /// The notes of the last point's report, and how the points are chosen.
    pub notes: ReportNotes,
}

/// The points of a trend: the end of every period from the one holding `from` to `to`, the
/// last one `to` itself. Errors: `from` after `to`, more than [`MAX_TREND_POINTS`].
pub fn period_ends(from: NaiveDate, to: NaiveDate, every: Period) -> Result<Vec<NaiveDate>> {
    if from > to {
        return Err(Error::invalid(
            "from",
            format!("{from} is after the to date {to}"),
        ));
    }
    let mut points = Vec::new();
    let mut end = every.end_of(from);
    loop {
        if points.len() == MAX_TREND_POINTS {
            return Err(Error::invalid(
                "every",
                format!(
                    "from {from} to {to} by {every} is more than {MAX_TREND_POINTS} points; \
                     choose a longer period or a shorter range"
                ),
            ));
        }
        points.push(end.min(to));
        if end >= to {
            return Ok(points);
        }
        end = every.end_of(end + Days::new(1));
    }
}

fn date_field(problems: &mut Vec<FieldProblem>, field: &str, text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date = parse_iso_date(text);
    if date.is_none() {
        problems.push(FieldProblem::new(
            field,
            if text.is_empty() {
                "is required".to_string()
            } else {
                format!("'{text}' is not a real date in the form YYYY-MM-DD")
            },
        ));
    }
    date
}

/// The trend's points, checked: both dates real, `from` not after `to`, at most
/// [`MAX_TREND_POINTS`].
pub fn trend_points(query: &TrendQuery) -> Result<Vec<NaiveDate>> {
    let mut problems = Vec::new();
    let from = date_field(&mut problems, "from", &query.from);
    let to = date_field(&mut problems, "to", &query.to);
    match (from, to) {
        (Some(from), Some(to)) => period_ends(from, to, query.every),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Coverage at the end of every period: each point is [`super::coverage`] as of that day.
pub fn trend(conn: &Connection, query: &TrendQuery, today: NaiveDate) -> Result<TrendReport> {
    let points = trend_points(query)?;
    let mut out = Vec::with_capacity(points.len());
    let mut notes = None;
    for point in points {
        let report = coverage(
            conn,
            &ReportQuery {
                dims: query.dims.clone(),
                filters: Filters {
                    as_of: Some(format_date(point)),
                    ..query.filters.clone()
                },
                min_group: query.min_group,
            },
            today,
        )?;
        out.push(TrendPoint {
            period_end: format_date(point),
            rows: report.rows,
            total: report.total,
        });
        notes = Some(report.notes);
    }
    let mut notes = notes.ok_or_else(|| Error::Internal("a trend without points".into()))?;
    notes.lines.insert(
        0,
        format!(
            "Points: the last day of each {} from {} to {} (a partial period at either end \
             included, the last ending on {}); each point is the coverage report as of that \
             day, suppressed on its own.",
            query.every,
            query.from.trim(),
            query.to.trim(),
            query.to.trim()
        ),
    );
    Ok(TrendReport {
        dims: query.dims.clone(),
        every: query.every,
        points: out,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse_iso_date(text).unwrap()
    }

    fn ends(from: &str, to: &str, every: Period) -> Vec<String> {
        period_ends(d(from), d(to), every)
            .unwrap()
            .into_iter()
            .map(format_date)
            .collect()
    }

    #[test]
    fn points_are_period_ends_with_partial_periods_at_both_ends() {
        assert_eq!(
            ends("2025-01-15", "2025-04-10", Period::Month),
            ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-10"]
        );
        // A range that ends on a period end has no extra point; one day is one point.
        assert_eq!(
            ends("2024-01-01", "2024-03-31", Period::Month),
            ["2024-01-31", "2024-02-29", "2024-03-31"]
        );
        assert_eq!(
            ends("2025-05-05", "2025-05-05", Period::Year),
            ["2025-05-05"]
        );
        assert_eq!(
            ends("2024-11-30", "2025-08-01", Period::Quarter),
            ["2024-12-31", "2025-03-31", "2025-06-30", "2025-08-01"]
        );
        assert_eq!(
            ends("2023-12-31", "2025-02-01", Period::Year),
            ["2023-12-31", "2024-12-31", "2025-02-01"]
        );
        assert_eq!(ends("2022-01-01", "2024-12-31", Period::Quarter).len(), 12);
    }

    #[test]
    fn backwards_ranges_and_too_many_points_are_refused() {
        let err = period_ends(d("2025-02-01"), d("2025-01-01"), Period::Month).unwrap_err();
        assert_eq!(err.fields()[0].field, "from");
        // 400 months is the most; 401 is refused.
        assert_eq!(
            period_ends(d("2000-01-01"), d("2033-04-30"), Period::Month)
                .unwrap()
                .len(),
            400
        );
        let err = period_ends(d("2000-01-01"), d("2033-05-01"), Period::Month).unwrap_err();
        assert_eq!(err.fields()[0].field, "every");
        let err = trend_points(&TrendQuery {
            dims: vec![Dimension::Generation],
            filters: Filters::default(),
            min_group: 5,
            from: "2025-02-30".into(),
            to: "".into(),
            every: Period::Month,
        })
        .unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["from", "to"]);
    }
}
