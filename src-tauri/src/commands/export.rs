use std::path::Path;

use tauri::State;
use upskill_core::export::{self, Delimiter, ExportSummary, ExportTable};
use upskill_core::ApiError;

use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn export_table(
    state: State<'_, AppState>,
    table: ExportTable,
    path: String,
    delimiter: Delimiter,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_table", move |db| {
            export::export_table(db.conn(), table, Path::new(&path), delimiter)
        })
        .await
}
