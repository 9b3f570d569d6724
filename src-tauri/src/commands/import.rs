use std::path::Path;

use tauri::ipc::Channel;
use tauri::State;
use upskill_core::import::{
    self, DateFormat, ImportColumns, ImportKind, ImportOptions, ImportProgress, ImportReport,
    Mapping, MappingDraft,
};
use upskill_core::mappings::{self, SavedMapping};
use upskill_core::ApiError;

use crate::state::{today, AppState};

/// `mapping` (a mapping file's text) parsed for `kind`, if given.
fn parse(kind: ImportKind, mapping: Option<&str>) -> Result<Option<Mapping>, ApiError> {
    mapping
        .map(|text| Mapping::parse(text, "the mapping", kind))
        .transpose()
        .map_err(ApiError::from)
}

/// The Match columns step: the file's columns, samples and what each field is read from.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_columns(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    date_format: DateFormat,
    mapping: Option<String>,
) -> Result<ImportColumns, ApiError> {
    let cancel = state.new_import();
    let mapping = mapping.as_deref();
    import::import_columns(
        kind,
        Path::new(&path),
        date_format,
        mapping,
        today(),
        &cancel,
    )
    .map_err(ApiError::from)
}

/// The step's draft as a mapping file's text (checked by the core's parser).
#[tauri::command(rename_all = "snake_case")]
pub async fn mapping_toml(kind: ImportKind, draft: MappingDraft) -> Result<String, ApiError> {
    draft.to_toml(kind).map_err(ApiError::from)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_preview(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    date_format: DateFormat,
    mapping: Option<String>,
) -> Result<ImportReport, ApiError> {
    let mapping = parse(kind, mapping.as_deref())?;
    let cancel = state.new_import();
    state.with(|db| {
        import::preview_with(
            db,
            kind,
            Path::new(&path),
            date_format,
            mapping.as_ref(),
            today(),
            &cancel,
        )
    })
}

#[allow(clippy::too_many_arguments)]
#[tauri::command(rename_all = "snake_case")]
pub async fn import_file(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    skip_invalid: bool,
    date_format: DateFormat,
    mapping: Option<String>,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, ApiError> {
    let mapping = parse(kind, mapping.as_deref())?;
    let options = ImportOptions {
        dry_run: false,
        skip_invalid,
        date_format,
    };
    let cancel = state.new_import();
    let mut progress = |p| drop(on_progress.send(p));
    state.with(|db| {
        import::import_with(
            db,
            kind,
            Path::new(&path),
            &options,
            mapping.as_ref(),
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

#[tauri::command]
pub async fn list_mappings(state: State<'_, AppState>) -> Result<Vec<SavedMapping>, ApiError> {
    state.with(|db| mappings::list(db.conn()))
}

/// The saved mappings of `kind` made for a file with this header row.
#[tauri::command(rename_all = "snake_case")]
pub async fn matching_mappings(
    state: State<'_, AppState>,
    kind: ImportKind,
    headers: Vec<String>,
) -> Result<Vec<SavedMapping>, ApiError> {
    state.with(|db| mappings::matching(db.conn(), kind, &headers))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_mapping(
    state: State<'_, AppState>,
    name: String,
    kind: ImportKind,
    toml: String,
    headers: Vec<String>,
) -> Result<SavedMapping, ApiError> {
    let now = utc_now();
    state.with(|db| mappings::save(db, &name, kind, &toml, &headers, &now))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_mapping(state: State<'_, AppState>, name: String) -> Result<(), ApiError> {
    state.with(|db| mappings::delete(db, &name))
}

/// The time a saved mapping records: UTC, ISO 8601 to the second.
fn utc_now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_now_is_iso_8601() {
        let now = utc_now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
    }

    #[test]
    fn a_bad_mapping_is_refused_before_the_file_is_read() {
        assert!(parse(
            ImportKind::Employees,
            Some("version = 1\n[columns]\nnope = 3\n")
        )
        .is_err());
        assert!(parse(ImportKind::Employees, None).unwrap().is_none());
    }
}
