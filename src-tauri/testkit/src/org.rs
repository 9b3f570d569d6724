//! Organisations built for a test: inputs with sensible defaults (change what the test is
//! about with struct update syntax), and [`Org`], which writes them through the core's own
//! create/log functions so that they pass the same validation as the app's.

use std::path::Path;

use upskill_core::db::Db;
use upskill_core::domain::{CompletionInput, EmployeeInput, ProgramInput};

use crate::today;

/// An active engineer in Data named "Person {id}", with nothing else known.
pub fn employee(id: &str) -> EmployeeInput {
    EmployeeInput {
        employee_id: id.into(),
        full_name: format!("Person {id}"),
        role: "Engineer".into(),
        department: "Data".into(),
        active: true,
        left_on: None,
        ..Default::default()
    }
}

/// A prompting workshop that never expires, titled `title`.
pub fn program(id: &str, title: &str) -> ProgramInput {
    ProgramInput {
        program_id: id.into(),
        title: title.into(),
        skill_area: "Prompt engineering".into(),
        format: "workshop".into(),
        ..Default::default()
    }
}

/// `employee` completed `program` on `on` (YYYY-MM-DD), without score or certificate.
pub fn completion(employee: &str, program: &str, on: &str) -> CompletionInput {
    CompletionInput {
        employee_id: employee.into(),
        program_id: program.into(),
        completed_on: on.into(),
        ..Default::default()
    }
}

/// A database being filled for a test, on [`today`]. Each call panics on a rejected input:
/// a test's organisation is meant to be valid.
pub struct Org {
    pub db: Db,
}

impl Org {
    /// Opens (creating and migrating) the database at `path`.
    pub fn open(path: &Path) -> Org {
        Org {
            db: Db::open(path).expect("open the test database"),
        }
    }

    pub fn employee(&mut self, input: EmployeeInput) -> &mut Org {
        upskill_core::employees::create(&mut self.db, &input, today()).expect("create employee");
        self
    }

    pub fn program(&mut self, input: ProgramInput) -> &mut Org {
        upskill_core::programs::create(&mut self.db, &input).expect("create program");
        self
    }

    pub fn completion(&mut self, input: CompletionInput) -> &mut Org {
        upskill_core::completions::log(&mut self.db, &input, today()).expect("log completion");
        self
    }
}
