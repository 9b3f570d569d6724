use std::path::Path;

use tauri::ipc::Channel;
use tauri::State;
use upskill_core::import::{
    self, DateFormat, ImportColumns, ImportKind, ImportOptions, ImportProgress, ImportReport,
    Mapping, MappingDraft,
};
use upskill_core::mappings::{self, SavedMapping};
use upskill_core::{ApiError, Error};

use crate::state::{today, AppState, RunningWork, WorkKind};

/// `mapping` (a mapping file's text) parsed for `kind`, if given.
fn parse(kind: ImportKind, mapping: Option<&str>) -> Result<Option<Mapping>, Error> {
    mapping
        .map(|text| Mapping::parse(text, "the mapping", kind))
        .transpose()
}

/// The Match columns step: the file's columns, samples and what each field is read from.
/// It reads the file only, so it runs beside any write.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_columns(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    date_format: DateFormat,
    mapping: Option<String>,
) -> Result<ImportColumns, ApiError> {
    let cancel = state.new_column_read();
    state
        .run("import_columns", move || {
            let mapping = mapping.as_deref();
            import::import_columns(
                kind,
                Path::new(&path),
                date_format,
                mapping,
                today(),
                &cancel,
            )
        })
        .await
}

/// The step's draft as a mapping file's text (checked by the core's parser).
#[tauri::command(rename_all = "snake_case")]
pub async fn mapping_toml(
    state: State<'_, AppState>,
    kind: ImportKind,
    draft: MappingDraft,
) -> Result<String, ApiError> {
    state.run("mapping_toml", move || draft.to_toml(kind)).await
}

/// "Check file": a dry run on the writer connection (it stages the rows and rolls back), so it
/// is a long write the window shows, with a Cancel.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_preview(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    date_format: DateFormat,
    mapping: Option<String>,
) -> Result<ImportReport, ApiError> {
    let work = RunningWork::new(WorkKind::Check, Some(Path::new(&path)), Some(kind));
    state
        .long_write("import_preview", work, move |db, job| {
            let mapping = parse(kind, mapping.as_deref())?;
            import::preview_with(
                db,
                kind,
                Path::new(&path),
                date_format,
                mapping.as_ref(),
                today(),
                job.cancel(),
            )
        })
        .await
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
    let options = ImportOptions {
        dry_run: false,
        skip_invalid,
        date_format,
    };
    let work = RunningWork::new(WorkKind::Import, Some(Path::new(&path)), Some(kind));
    state
        .long_write("import_file", work, move |db, job| {
            let mapping = parse(kind, mapping.as_deref())?;
            let mut progress = |p| {
                job.progress(p);
                drop(on_progress.send(p));
            };
            import::import_with(
                db,
                kind,
                Path::new(&path),
                &options,
                mapping.as_ref(),
                today(),
                &mut progress,
                job.cancel(),
            )
        })
        .await
}

/// Cancel, from the Import page or the running-work strip: the running import or check (and
/// the latest column read) stops and changes nothing.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.cancel();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_import_template(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
) -> Result<(), ApiError> {
    state
        .run("save_import_template", move || {
            import::write_template(kind, Path::new(&path))
        })
        .await
}

#[tauri::command]
pub async fn list_mappings(state: State<'_, AppState>) -> Result<Vec<SavedMapping>, ApiError> {
    state
        .read("list_mappings", move |db| mappings::list(db.conn()))
        .await
}

/// The saved mappings of `kind` made for a file with this header row.
#[tauri::command(rename_all = "snake_case")]
pub async fn matching_mappings(
    state: State<'_, AppState>,
    kind: ImportKind,
    headers: Vec<String>,
) -> Result<Vec<SavedMapping>, ApiError> {
    state
        .read("matching_mappings", move |db| {
            mappings::matching(db.conn(), kind, &headers)
        })
        .await
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
    state
        .write("save_mapping", move |db| {
            mappings::save(db, &name, kind, &toml, &headers, &now)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_mapping(state: State<'_, AppState>, name: String) -> Result<(), ApiError> {
    state
        .write("delete_mapping", move |db| mappings::delete(db, &name))
        .await
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
