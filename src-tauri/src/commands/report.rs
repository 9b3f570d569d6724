use std::path::Path;

use tauri::State;
use upskill_core::export::{self, Delimiter, ExportSummary};
use upskill_core::report::{
    self, CoverageReport, Dashboard, DashboardQuery, GapQuery, GapReport, PeoplePage, PeopleQuery,
    ReportOptions, ReportQuery,
};
use upskill_core::ApiError;

use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard(
    state: State<'_, AppState>,
    query: DashboardQuery,
) -> Result<Dashboard, ApiError> {
    state
        .read("dashboard", move |db| {
            report::dashboard(db.conn(), &query, today())
        })
        .await
}

/// The people behind a figure (a bar, a row): one page, and how many match in all.
#[tauri::command(rename_all = "snake_case")]
pub async fn people_page(
    state: State<'_, AppState>,
    query: PeopleQuery,
    offset: u32,
    limit: u32,
) -> Result<PeoplePage, ApiError> {
    state
        .read("people_page", move |db| {
            report::people_page(db.conn(), &query, offset, limit, today())
        })
        .await
}

/// Every id of the people behind a figure ("Log a cohort for these N").
#[tauri::command(rename_all = "snake_case")]
pub async fn people_ids(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> Result<Vec<String>, ApiError> {
    state
        .read("people_ids", move |db| {
            report::people_ids(db.conn(), &query, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn coverage_report(
    state: State<'_, AppState>,
    query: ReportQuery,
) -> Result<CoverageReport, ApiError> {
    state
        .read("coverage_report", move |db| {
            report::coverage(db.conn(), &query, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn gap_report(
    state: State<'_, AppState>,
    query: GapQuery,
) -> Result<GapReport, ApiError> {
    state
        .read("gap_report", move |db| {
            report::gaps(db.conn(), &query, today())
        })
        .await
}

/// Writes the report as CSV, laid out as `options` say (the Dashboard's pooling), so a panel
/// exports the rows it shows.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_coverage(
    state: State<'_, AppState>,
    query: ReportQuery,
    options: ReportOptions,
    path: String,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_coverage", move |db| {
            export::export_coverage(
                db.conn(),
                &query,
                options,
                today(),
                Path::new(&path),
                delimiter,
                with_notes,
            )
        })
        .await
}

/// Writes the report as CSV, laid out as `options` say (the Dashboard's pooling), so a panel
/// exports the rows it shows.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_gaps(
    state: State<'_, AppState>,
    query: GapQuery,
    options: ReportOptions,
    path: String,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_gaps", move |db| {
            export::export_gaps(
                db.conn(),
                &query,
                options,
                today(),
                Path::new(&path),
                delimiter,
                with_notes,
            )
        })
        .await
}
