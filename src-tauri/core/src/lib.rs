//! upskill-core: the whole of Upskill's domain, without Tauri, UI or clap.
//!
//! The desktop shell and the `upskill` CLI are thin front ends over these modules:
//! - [`audit`] owns the audit trail: an entry per change, in the change's transaction, hash-chained.
//! - [`db`] owns the database file: opening, per-connection pragmas, migrations, transactions.
//! - [`domain`] owns the records (employees, programs, completions) and their validation.
//! - [`employees`], [`programs`], [`completions`] are the query modules, one per table.
//! - [`stats`] answers the record's counts and the integrity check.
//! - [`health`] checks a database file before it is opened (damaged, locked, too new, risky
//!   place); [`backup`] makes verified backups, the automatic ones before upgrades, and restores.
//! - [`import`] reads CSV files of employees, programs and completions into the record, as
//!   Upskill writes them or as HR systems and LMSs export them; [`mappings`] keeps the
//!   mapping files saved by name.
//! - [`report`] answers coverage, gaps and the dashboard; [`reach`] is the aggregate it reads.
//! - [`requirements`], [`exemptions`] keep required training; [`compliance`] answers who
//!   stands where on it (one status computation for every face).
//! - [`targets`] keeps coverage and divide targets; [`report::targets_report`] says where each
//!   stands (run rate, forecast, status); [`report::trend`] is coverage at every period's end.
//!
//! Functions that depend on the date take `today` as an argument; nothing here reads the clock.

pub mod audit;
pub mod backup;
pub mod completions;
pub mod compliance;
pub mod db;
pub mod demo;
pub mod domain;
pub mod employees;
pub mod error;
pub mod exemptions;
pub mod export;
pub mod health;
pub mod import;
pub mod mappings;
pub mod programs;
pub mod reach;
pub mod report;
pub mod requirements;
pub mod rng;
pub mod stats;
pub mod targets;
#[cfg(test)]
pub(crate) mod testing;

pub use error::{ApiError, Error, ErrorKind, FieldProblem, Result};
