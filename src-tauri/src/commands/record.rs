use tauri::State;
use upskill_core::demo::{self, DemoSummary};
use upskill_core::stats::{self, AppInfo, Facets, Stats};
use upskill_core::ApiError;

use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ApiError> {
    state.with(|db| Ok(stats::app_info(db)))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn stats(state: State<'_, AppState>) -> Result<Stats, ApiError> {
    state.with(|db| stats::stats(db.conn()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn facets(state: State<'_, AppState>) -> Result<Facets, ApiError> {
    state.with(|db| stats::facets(db.conn()))
}

/// Fills an empty database with the 500-person demo organisation (refused when not empty).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_demo(state: State<'_, AppState>) -> Result<DemoSummary, ApiError> {
    state.with(|db| demo::fill(db, demo::DEFAULT_EMPLOYEES, demo::DEFAULT_SEED, today()))
}
