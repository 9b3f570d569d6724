//! Coverage over time and targets. Reads: list_targets, trend_report, targets_report,
//! export_*; writes: add_target, update_target, delete_target.

use std::path::Path;

use tauri::State;
use upskill_core::domain::{Target, TargetInput};
use upskill_core::export::{self, Delimiter, ExportSummary};
use upskill_core::report::{self, TargetsQuery, TargetsReport, TrendQuery, TrendReport};
use upskill_core::{targets, ApiError};

use crate::state::{today, AppState};

// Reads.

#[tauri::command(rename_all = "snake_case")]
pub async fn list_targets(state: State<'_, AppState>) -> Result<Vec<Target>, ApiError> {
    state
        .read("list_targets", move |db| targets::list_all(db.conn()))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn trend_report(
    state: State<'_, AppState>,
    query: TrendQuery,
) -> Result<TrendReport, ApiError> {
    state
        .read("trend_report", move |db| {
            report::trend(db.conn(), &query, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn targets_report(
    state: State<'_, AppState>,
    query: TargetsQuery,
) -> Result<TargetsReport, ApiError> {
    state
        .read("targets_report", move |db| {
            report::targets_report(db.conn(), &query, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_trend(
    state: State<'_, AppState>,
    query: TrendQuery,
    path: String,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_trend", move |db| {
            export::export_trend(
                db.conn(),
                &query,
                today(),
                Path::new(&path),
                delimiter,
                with_notes,
            )
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_targets_report(
    state: State<'_, AppState>,
    query: TargetsQuery,
    path: String,
    delimiter: Delimiter,
    with_notes: bool,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_targets_report", move |db| {
            export::export_targets_report(
                db.conn(),
                &query,
                today(),
                Path::new(&path),
                delimiter,
                with_notes,
            )
        })
        .await
}

// Writes.

#[tauri::command(rename_all = "snake_case")]
pub async fn add_target(
    state: State<'_, AppState>,
    input: TargetInput,
) -> Result<Target, ApiError> {
    state
        .write("add_target", move |db| targets::add(db, &input, today()))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_target(
    state: State<'_, AppState>,
    input: TargetInput,
) -> Result<Target, ApiError> {
    state
        .write("update_target", move |db| {
            targets::update(db, &input, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_target(state: State<'_, AppState>, target_id: String) -> Result<(), ApiError> {
    state
        .write("delete_target", move |db| targets::delete(db, &target_id))
        .await
}
