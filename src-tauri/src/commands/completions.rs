use tauri::State;
use upskill_core::completions::{self, CohortInput, CohortResult, CompletionPage, CompletionQuery};
use upskill_core::domain::{Completion, CompletionInput};
use upskill_core::ApiError;

use crate::state::{today, AppState};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_completions(
    state: State<'_, AppState>,
    query: CompletionQuery,
) -> Result<CompletionPage, ApiError> {
    state.with(|db| completions::list(db.conn(), &query))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn employee_history(
    state: State<'_, AppState>,
    employee_id: String,
) -> Result<Vec<Completion>, ApiError> {
    state.with(|db| completions::history(db.conn(), &employee_id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn log_completion(
    state: State<'_, AppState>,
    input: CompletionInput,
) -> Result<Completion, ApiError> {
    state.with(|db| completions::log(db, &input, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn log_cohort(
    state: State<'_, AppState>,
    input: CohortInput,
) -> Result<CohortResult, ApiError> {
    state.with(|db| completions::log_cohort(db, &input, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_completion(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|db| completions::delete(db, id))
}
