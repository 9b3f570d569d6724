//! What the Rust tests share, so that a test says only what is particular to it:
//!
//! - [`today`]: the one fixed day the tests run on (core logic never reads the clock);
//! - [`org`]: employees, programs and completions with sensible defaults, and an [`org::Org`]
//!   that writes them through the core, as the app does;
//! - [`cli`]: runs the real `upskill` binary and hands back exit code, stdout and stderr;
//! - [`scratch::Scratch`]: a temporary folder with a database path and hand-written files;
//! - [`Rng`]: the seeded random numbers (the core's SplitMix64) for randomised tests.
//!
//! A dev-dependency of the core's integration tests (`src-tauri/core/tests`), the CLI's tests
//! and the bench. The core's own unit tests (inside `src-tauri/core/src`) cannot use it: this
//! crate depends on the core, so that would be a cycle. They share the few helpers they need
//! in the core's `pub(crate)` module `testing` (`src-tauri/core/src/testing.rs`), whose
//! [`today`] is the same day as this one's.

pub mod cli;
pub mod org;
pub mod scratch;

use chrono::NaiveDate;

pub use upskill_core::rng::SplitMix64 as Rng;

/// The day every test runs on, unless it is about another day.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a valid date")
}
