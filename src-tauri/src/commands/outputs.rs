//! Reports that leave the app (issue "Reports that leave the app"): the leadership PDF and a
//! team lead's pack, made by the same core functions as `upskill report pdf` and `upskill pack`.
//! Both only read the record.

use std::path::Path;

use tauri::State;
use upskill_core::leadership::{self, LeadershipQuery, PdfSummary};
use upskill_core::pack::{self, PackQuery, PackSummary};
use upskill_core::ApiError;

use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub async fn export_pdf(
    state: State<'_, AppState>,
    query: LeadershipQuery,
    path: String,
) -> Result<PdfSummary, ApiError> {
    state
        .read("export_pdf", move |db| {
            leadership::write_pdf(db.conn(), &query, today(), Path::new(&path))
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_team_pack(
    state: State<'_, AppState>,
    manager_id: String,
    query: PackQuery,
    folder: String,
) -> Result<PackSummary, ApiError> {
    state
        .read("export_team_pack", move |db| {
            pack::write_pack(db.conn(), &manager_id, &query, today(), Path::new(&folder))
        })
        .await
}
