use tauri::State;
use upskill_core::completions::{self, CohortInput, CohortResult, CompletionPage, CompletionQuery};
use upskill_core::domain::{Completion, CompletionInput};
use upskill_core::people_search::{self, PastedPeople};
use upskill_core::ApiError;

use crate::state::{today, AppState, RunningWork, WorkKind};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_completions(
    state: State<'_, AppState>,
    query: CompletionQuery,
) -> Result<CompletionPage, ApiError> {
    state
        .read("list_completions", move |db| {
            completions::list(db.conn(), &query)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn employee_history(
    state: State<'_, AppState>,
    employee_id: String,
) -> Result<Vec<Completion>, ApiError> {
    state
        .read("employee_history", move |db| {
            completions::history(db.conn(), &employee_id)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn log_completion(
    state: State<'_, AppState>,
    input: CompletionInput,
) -> Result<Completion, ApiError> {
    state
        .write("log_completion", move |db| {
            completions::log(db, &input, today())
        })
        .await
}

/// A pasted list of ids, e-mails or names, resolved for the cohort dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn resolve_pasted_people(
    state: State<'_, AppState>,
    text: String,
) -> Result<PastedPeople, ApiError> {
    state
        .read("resolve_pasted_people", move |db| {
            people_search::resolve_pasted(db.conn(), &text)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn log_cohort(
    state: State<'_, AppState>,
    input: CohortInput,
) -> Result<CohortResult, ApiError> {
    let work = RunningWork::new(WorkKind::Cohort, None, None);
    state
        .long_write("log_cohort", work, move |db, _| {
            completions::log_cohort(db, &input, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_completion(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .write("delete_completion", move |db| completions::delete(db, id))
        .await
}
