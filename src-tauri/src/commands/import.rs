use std::path::Path;

use tauri::ipc::Channel;
use tauri::State;
use upskill_core::import::{
    self, DateFormat, ImportKind, ImportOptions, ImportProgress, ImportReport,
};
use upskill_core::ApiError;

use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub async fn import_preview(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    date_format: DateFormat,
) -> Result<ImportReport, ApiError> {
    let cancel = state.new_import();
    state.with(|db| import::preview(db, kind, Path::new(&path), date_format, today(), &cancel))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_file(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    skip_invalid: bool,
    date_format: DateFormat,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, ApiError> {
    let options = ImportOptions {
        dry_run: false,
        skip_invalid,
        date_format,
    };
    let cancel = state.new_import();
    let mut progress = |p| drop(on_progress.send(p));
    state.with(|db| {
        import::import_file(
            db,
            kind,
            Path::new(&path),
            &options,
            today(),
            &mut progress,
            &cancel,
        )
    })
}

/// The window's Cancel during a check or an import: that run stops and changes nothing.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.cancel_import();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_import_template(kind: ImportKind, path: String) -> Result<(), ApiError> {
    import::write_template(kind, Path::new(&path)).map_err(ApiError::from)
}
