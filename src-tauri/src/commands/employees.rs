use tauri::State;
use upskill_core::domain::{Employee, EmployeeInput};
use upskill_core::employees::{self, EmployeePage, EmployeeQuery};
use upskill_core::people_search::{self, PersonMatch};
use upskill_core::ApiError;

use crate::state::{today, AppState};

/// Every id the list's filter matches ("Select all N matching").
#[tauri::command(rename_all = "snake_case")]
pub async fn employee_ids(
    state: State<'_, AppState>,
    query: EmployeeQuery,
) -> Result<Vec<String>, ApiError> {
    state
        .read("employee_ids", move |db| employees::ids(db.conn(), &query))
        .await
}

/// The person picker's typeahead: the first `limit` employees whose id, name or e-mail
/// contains `text`, best matches first.
#[tauri::command(rename_all = "snake_case")]
pub async fn search_people(
    state: State<'_, AppState>,
    text: String,
    limit: u32,
) -> Result<Vec<PersonMatch>, ApiError> {
    state
        .read("search_people", move |db| {
            people_search::search(db.conn(), &text, limit)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_employees(
    state: State<'_, AppState>,
    query: EmployeeQuery,
) -> Result<EmployeePage, ApiError> {
    state
        .read("list_employees", move |db| {
            employees::list(db.conn(), &query)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_employee(
    state: State<'_, AppState>,
    employee_id: String,
) -> Result<Employee, ApiError> {
    state
        .read("get_employee", move |db| {
            employees::get(db.conn(), &employee_id)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_employee(
    state: State<'_, AppState>,
    input: EmployeeInput,
) -> Result<Employee, ApiError> {
    state
        .write("create_employee", move |db| {
            employees::create(db, &input, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_employee(
    state: State<'_, AppState>,
    input: EmployeeInput,
) -> Result<Employee, ApiError> {
    state
        .write("update_employee", move |db| {
            employees::update(db, &input, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_employee_active(
    state: State<'_, AppState>,
    employee_id: String,
    active: bool,
) -> Result<Employee, ApiError> {
    state
        .write("set_employee_active", move |db| {
            employees::set_active(db, &employee_id, active)
        })
        .await
}
