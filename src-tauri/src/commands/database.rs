//! Which database file the window works on: open another, create a new one, the recent files,
//! and the demo in its own file. The rules are the core's (`documents`); the switch closes
//! every connection and opens the new file (`AppState::switch_to`). The window reloads after a
//! switch, so every page reads the new file.

use std::path::{Path, PathBuf};

use tauri::State;
use upskill_core::documents;
use upskill_core::ApiError;

use crate::state::{today, AppState};

/// Puts `opened` first in the recent list. The list is a convenience: failing to write it
/// never fails the switch (it is logged).
pub fn remember(opened: &Path) {
    let saved =
        documents::recent_list_file().and_then(|file| documents::remember_opened(&file, opened));
    if let Err(err) = saved {
        tracing::warn!(cause = %err.trace_chain(), "the recent databases list was not saved");
    }
}

/// A switch made, remembered, and the path now open, as the window shows it.
fn opened(path: PathBuf) -> String {
    remember(&path);
    path.display().to_string()
}

/// Opens the existing database at `path` in this window.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_database(state: State<'_, AppState>, path: String) -> Result<String, ApiError> {
    let path = PathBuf::from(path);
    state
        .switch_to("open_database", move |_| documents::existing(path))
        .await
        .map(opened)
}

/// Creates a new, empty database at `path` (never over a file) and opens it in this window.
#[tauri::command(rename_all = "snake_case")]
pub async fn new_database(state: State<'_, AppState>, path: String) -> Result<String, ApiError> {
    let path = PathBuf::from(path);
    state
        .switch_to("new_database", move |_| documents::new_file(path))
        .await
        .map(opened)
}

/// The database files opened lately that still exist, most recent first, without the open one.
#[tauri::command(rename_all = "snake_case")]
pub async fn recent_databases(state: State<'_, AppState>) -> Result<Vec<String>, ApiError> {
    let current = state.current_path();
    state
        .run("recent_databases", move || {
            let list =
                documents::recent_others(&documents::recent_list_file()?, current.as_deref());
            Ok(list.iter().map(|p| p.display().to_string()).collect())
        })
        .await
}

/// Opens the demo organisation in its own file beside the open database (made on first use).
#[tauri::command(rename_all = "snake_case")]
pub async fn open_demo(state: State<'_, AppState>) -> Result<String, ApiError> {
    state
        .switch_to("open_demo", move |current| {
            documents::demo_for(current, today())
        })
        .await
        .map(opened)
}

/// Leaves the demo for the last database opened that is not a demo's file.
#[tauri::command(rename_all = "snake_case")]
pub async fn leave_demo(state: State<'_, AppState>) -> Result<String, ApiError> {
    state
        .switch_to("leave_demo", move |_| {
            documents::after_demo(&documents::recent_list_file()?)
        })
        .await
        .map(opened)
}
