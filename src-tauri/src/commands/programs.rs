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
    state.with(|db| programs::list(db.conn(), include_retired))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_program(
    state: State<'_, AppState>,
    input: ProgramInput,
) -> Result<Program, ApiError> {
    state.with(|db| programs::create(db, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_program(
    state: State<'_, AppState>,
    input: ProgramInput,
) -> Result<Program, ApiError> {
    state.with(|db| programs::update(db, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_program_retired(
    state: State<'_, AppState>,
    program_id: String,
    retired: bool,
) -> Result<Program, ApiError> {
    state.with(|db| programs::set_retired(db, &program_id, retired))
}
