//! Which database file the window works on: open another, create a new one, the recent files,
//! and the demo in its own file. The rules are the core's (`documents`); the switch closes
//! every connection and opens the new file (`AppState::switch_to`). The window reloads after a
//! switch, so every page reads the new file.

use std::path::{Path, PathBuf};

use tauri::State;
use upskill_core::documents;
use upskill_core::{db, ApiError, Error};

use crate::state::{today, AppState};

/// Puts `opened` first in the recent list. The list is a convenience: failing to write it
/// never fails the switch (it is logged).
pub fn remember(opened: &Path) {
    let saved = documents::recent_list_file().and_then(|file| {
        let list = documents::remember(&documents::load_recent(&file), opened);
        documents::save_recent(&file, &list)
    });
    if let Err(err) = saved {
        tracing::warn!(cause = %err.trace_chain(), "the recent databases list was not saved");
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Opens the database at `path` in this window. It must exist: a mistyped path does not
/// become a new, empty database.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_database(state: State<'_, AppState>, path: String) -> Result<String, ApiError> {
    let opened = state
        .switch_to("open_database", move |_| {
            let path = PathBuf::from(path);
            if !path.is_file() {
                return Err(Error::NotFound(format!(
                    "there is no database file at {}",
                    path.display()
                )));
            }
            Ok(path)
        })
        .await?;
    remember(&opened);
    Ok(shown(&opened))
}

/// Creates a new, empty database at `path` and opens it in this window. An existing file is
/// never replaced.
#[tauri::command(rename_all = "snake_case")]
pub async fn new_database(state: State<'_, AppState>, path: String) -> Result<String, ApiError> {
    let opened = state
        .switch_to("new_database", move |_| {
            let path = PathBuf::from(path);
            if path.exists() {
                return Err(Error::Conflict(format!(
                    "{} already exists; choose Open database… to open it, or another name",
                    path.display()
                )));
            }
            Ok(path)
        })
        .await?;
    remember(&opened);
    Ok(shown(&opened))
}

/// The database files opened lately that still exist, most recent first, without the open one.
#[tauri::command(rename_all = "snake_case")]
pub async fn recent_databases(state: State<'_, AppState>) -> Result<Vec<String>, ApiError> {
    let current = state.current_path();
    state
        .run("recent_databases", move || {
            let list = documents::load_recent(&documents::recent_list_file()?);
            Ok(list
                .iter()
                .filter(|p| p.is_file() && Some(p.as_path()) != current.as_deref())
                .map(|p| shown(p))
                .collect())
        })
        .await
}

/// Opens the demo organisation in its own file beside the open database (made on first use),
/// so the demo never enters the user's record.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_demo(state: State<'_, AppState>) -> Result<String, ApiError> {
    let opened = state
        .switch_to("open_demo", move |current| {
            let beside = match current {
                Some(path) => path.to_path_buf(),
                None => db::default_path()?,
            };
            let demo = documents::demo_file_beside(&beside);
            if !demo.exists() {
                documents::create_demo_file(&demo, today())?;
            }
            Ok(demo)
        })
        .await?;
    remember(&opened);
    Ok(shown(&opened))
}

/// Leaves the demo for the last database opened that is not a demo's file (the default
/// database when there is none).
#[tauri::command(rename_all = "snake_case")]
pub async fn leave_demo(state: State<'_, AppState>) -> Result<String, ApiError> {
    let opened = state
        .switch_to("leave_demo", move |_| {
            let recent = documents::load_recent(&documents::recent_list_file()?);
            let real = recent.into_iter().find(|p| {
                p.is_file()
                    && p.file_name()
                        .is_some_and(|n| n != documents::DEMO_FILE_NAME)
            });
            match real {
                Some(path) => Ok(path),
                None => db::default_path(),
            }
        })
        .await?;
    remember(&opened);
    Ok(shown(&opened))
}
