use tauri::State;
use upskill_core::domain::{Program, ProgramInput};
use upskill_core::programs;
use upskill_core::ApiError;

use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_programs(
    state: State<'_, AppState>,
    include_retired: bool,
) -> Result<Vec<Program>, ApiError> {
    state
        .read("list_programs", move |db| {
            programs::list(db.conn(), include_retired)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_program(
    state: State<'_, AppState>,
    input: ProgramInput,
) -> Result<Program, ApiError> {
    state
        .write("create_program", move |db| programs::create(db, &input))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_program(
    state: State<'_, AppState>,
    input: ProgramInput,
) -> Result<Program, ApiError> {
    state
        .write("update_program", move |db| programs::update(db, &input))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_program_retired(
    state: State<'_, AppState>,
    program_id: String,
    retired: bool,
) -> Result<Program, ApiError> {
    state
        .write("set_program_retired", move |db| {
            programs::set_retired(db, &program_id, retired)
        })
        .await
}
