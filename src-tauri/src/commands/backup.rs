use std::path::Path;

use tauri::{AppHandle, State};
use upskill_core::audit::{Actor, Source};
use upskill_core::backup::{self, BackupEntry, BackupInfo, RestoreInfo};
use upskill_core::health::StartupReport;
use upskill_core::ApiError;

use crate::state::{now, AppState, RunningWork, WorkKind};

#[tauri::command(rename_all = "snake_case")]
pub async fn startup_status(state: State<'_, AppState>) -> Result<StartupReport, ApiError> {
    state.startup().await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now(state: State<'_, AppState>, path: String) -> Result<BackupInfo, ApiError> {
    state
        .read("backup_now", move |db| {
            backup::create(db, Path::new(&path), now())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupEntry>, ApiError> {
    state.with_path("list_backups", backup::list).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<RestoreInfo, ApiError> {
    let work = RunningWork::new(WorkKind::Restore, Some(Path::new(&path)), None);
    state
        .replace_file("restore_backup", work, move |db_path| {
            backup::restore_as(
                db_path,
                Path::new(&path),
                now(),
                &Actor::os_user(Source::App),
            )
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_latest_backup(state: State<'_, AppState>) -> Result<RestoreInfo, ApiError> {
    let work = RunningWork::new(WorkKind::Restore, None, None);
    state
        .replace_file("restore_latest_backup", work, |db_path| {
            backup::restore_latest_as(db_path, now(), &Actor::os_user(Source::App))
        })
        .await
}

/// The recovery screen's "Quit": the damaged file stays as it is.
#[tauri::command(rename_all = "snake_case")]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
}
