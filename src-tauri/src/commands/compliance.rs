//! Required training: requirements, exemptions and where everyone stands. Reads are named
//! list_/…_report/…_matrix/employee_obligations/export_; writes create_/update_/set_/delete_.

use std::path::Path;

use tauri::State;
use upskill_core::compliance::{
    self, ComplianceDim, ComplianceQuery, ComplianceReport, MatrixPage, MatrixQuery, Obligation,
    Status,
};
use upskill_core::domain::{Exemption, ExemptionInput, Requirement, RequirementInput};
use upskill_core::export::{Delimiter, ExportSummary};
use upskill_core::{exemptions, requirements, ApiError};

use crate::state::{today, AppState};

// Reads.

#[tauri::command(rename_all = "snake_case")]
pub async fn list_requirements(
    state: State<'_, AppState>,
    include_retired: bool,
) -> Result<Vec<Requirement>, ApiError> {
    state
        .read("list_requirements", move |db| {
            requirements::list(db.conn(), include_retired)
        })
        .await
}

/// The requirements in force that name this program (asked before the program is retired).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_requirements_naming_program(
    state: State<'_, AppState>,
    program_id: String,
) -> Result<Vec<Requirement>, ApiError> {
    state
        .read("list_requirements_naming_program", move |db| {
            requirements::naming_program(db.conn(), &program_id)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_exemptions(
    state: State<'_, AppState>,
    employee_id: Option<String>,
    requirement_id: Option<String>,
) -> Result<Vec<Exemption>, ApiError> {
    state
        .read("list_exemptions", move |db| {
            exemptions::list(db.conn(), employee_id.as_deref(), requirement_id.as_deref())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn compliance_report(
    state: State<'_, AppState>,
    query: ComplianceQuery,
    by: Vec<ComplianceDim>,
    min_group: u32,
) -> Result<ComplianceReport, ApiError> {
    state
        .read("compliance_report", move |db| {
            compliance::report(db.conn(), &query, &by, min_group)
        })
        .await
}

/// The action list: the obligations of the given statuses (none = all).
#[tauri::command(rename_all = "snake_case")]
pub async fn compliance_list(
    state: State<'_, AppState>,
    query: ComplianceQuery,
    statuses: Vec<Status>,
) -> Result<Vec<Obligation>, ApiError> {
    state
        .read("compliance_list", move |db| {
            compliance::list(db.conn(), &query, &statuses)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn compliance_matrix(
    state: State<'_, AppState>,
    query: MatrixQuery,
) -> Result<MatrixPage, ApiError> {
    state
        .read("compliance_matrix", move |db| {
            compliance::matrix(db.conn(), &query)
        })
        .await
}

/// One person's obligations today (W = the default 90 days).
#[tauri::command(rename_all = "snake_case")]
pub async fn employee_obligations(
    state: State<'_, AppState>,
    employee_id: String,
) -> Result<Vec<Obligation>, ApiError> {
    state
        .read("employee_obligations", move |db| {
            compliance::obligations_of(
                db.conn(),
                &employee_id,
                today(),
                compliance::DEFAULT_EXPIRING_DAYS,
            )
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_compliance_list(
    state: State<'_, AppState>,
    query: ComplianceQuery,
    statuses: Vec<Status>,
    path: String,
    delimiter: Delimiter,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_compliance_list", move |db| {
            compliance::export_list(db.conn(), &query, &statuses, Path::new(&path), delimiter)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_compliance_matrix(
    state: State<'_, AppState>,
    query: MatrixQuery,
    path: String,
    delimiter: Delimiter,
) -> Result<ExportSummary, ApiError> {
    state
        .read("export_compliance_matrix", move |db| {
            compliance::export_matrix(db.conn(), &query, Path::new(&path), delimiter)
        })
        .await
}

// Writes.

#[tauri::command(rename_all = "snake_case")]
pub async fn create_requirement(
    state: State<'_, AppState>,
    input: RequirementInput,
) -> Result<Requirement, ApiError> {
    state
        .write("create_requirement", move |db| {
            requirements::create(db, &input, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_requirement(
    state: State<'_, AppState>,
    input: RequirementInput,
) -> Result<Requirement, ApiError> {
    state
        .write("update_requirement", move |db| {
            requirements::update(db, &input, today())
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_requirement_retired(
    state: State<'_, AppState>,
    requirement_id: String,
    retired: bool,
) -> Result<Requirement, ApiError> {
    state
        .write("set_requirement_retired", move |db| {
            requirements::set_retired(db, &requirement_id, retired)
        })
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_exemption(
    state: State<'_, AppState>,
    input: ExemptionInput,
) -> Result<Exemption, ApiError> {
    state
        .write("create_exemption", move |db| exemptions::create(db, &input))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_exemption(
    state: State<'_, AppState>,
    input: ExemptionInput,
) -> Result<Exemption, ApiError> {
    state
        .write("update_exemption", move |db| exemptions::update(db, &input))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_exemption(
    state: State<'_, AppState>,
    employee_id: String,
    requirement_id: String,
) -> Result<(), ApiError> {
    state
        .write("delete_exemption", move |db| {
            exemptions::delete(db, &employee_id, &requirement_id)
        })
        .await
}
