use std::path::Path;

use tauri::{AppHandle, State};
use upskill_core::backup::{self, BackupEntry, BackupInfo, RestoreInfo};
use upskill_core::health::StartupReport;
use upskill_core::ApiError;

use crate::state::{now, AppState};

#[tauri::command(rename_all = "snake_case")]
pub async fn startup_status(state: State<'_, AppState>) -> Result<StartupReport, ApiError> {
    state.startup()
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now(state: State<'_, AppState>, path: String) -> Result<BackupInfo, ApiError> {
    state.with(|db| backup::create(db, Path::new(&path), now()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupEntry>, ApiError> {
    backup::list(state.path()?).map_err(ApiError::from)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<RestoreInfo, ApiError> {
    state.replace_file(|db_path| backup::restore(db_path, Path::new(&path), now()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_latest_backup(state: State<'_, AppState>) -> Result<RestoreInfo, ApiError> {
    state.replace_file(|db_path| backup::restore_latest(db_path, now()))
}

/// The recovery screen's "Quit": the damaged file stays as it is.
#[tauri::command(rename_all = "snake_case")]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
}
