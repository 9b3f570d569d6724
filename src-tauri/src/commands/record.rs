use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;
use upskill_core::stats::{self, AppInfo, Facets, Stats};
use upskill_core::{ApiError, Error};

use crate::state::{AppState, RunningWork};

#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ApiError> {
    state
        .read("app_info", move |db| Ok(stats::app_info(db)))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn stats(state: State<'_, AppState>) -> Result<Stats, ApiError> {
    state.read("stats", move |db| stats::stats(db.conn())).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn facets(state: State<'_, AppState>) -> Result<Facets, ApiError> {
    state
        .read("facets", move |db| stats::facets(db.conn()))
        .await
}

/// The long write that is running, if any: a page that was left during an import finds it here.
#[tauri::command(rename_all = "snake_case")]
pub async fn running_work(state: State<'_, AppState>) -> Result<Option<RunningWork>, ApiError> {
    Ok(state.running_work())
}

/// Settings' "Open log folder": the folder of the log files, in the system's file manager.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_log_folder(app: AppHandle) -> Result<String, ApiError> {
    let dir = crate::logging::dir(app.path().app_log_dir().ok())
        .ok_or_else(|| Error::Internal("this system has no log folder".into()))?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let shown = dir.display().to_string();
    app.opener()
        .open_path(shown.clone(), None::<&str>)
        .map_err(|e| Error::Internal(format!("could not open {shown}: {e}")))?;
    Ok(shown)
}
