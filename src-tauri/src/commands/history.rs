//! The audit trail, read: history_page (the History page and "History of this record"),
//! verify_history (`upskill audit verify`'s check and head hash). Both are reads.

use tauri::State;
use upskill_core::audit::{self, HistoryPage, HistoryQuery, Verification};
use upskill_core::ApiError;

use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn history_page(
    state: State<'_, AppState>,
    query: HistoryQuery,
) -> Result<HistoryPage, ApiError> {
    state
        .read("history_page", move |db| audit::history(db.conn(), &query))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn verify_history(state: State<'_, AppState>) -> Result<Verification, ApiError> {
    state
        .read("verify_history", move |db| audit::verify(db.conn()))
        .await
}
