//! Tauri commands: each one line that hands its arguments to upskill-core.
//! Arguments use snake_case keys on the JS side (docs/ipc.md).

pub mod backup;
pub mod completions;
pub mod compliance;
pub mod database;
pub mod employees;
pub mod export;
pub mod history;
pub mod import;
pub mod outputs;
pub mod programs;
pub mod record;
pub mod report;
pub mod targets;
