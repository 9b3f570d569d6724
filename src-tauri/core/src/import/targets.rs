//! Targets files: coverage goals and their due dates (`target_id,title,department,role,
//! location,generation,skill_area,manager_id,metric,value,due`).

use rusqlite::Connection;

use super::keyed::Kind;
use super::records::Record;
use super::rows::RowContext;
use crate::domain::ValidTarget;
use crate::error::{FieldProblem, Result};

pub(super) struct Targets;

impl Kind for Targets {
    type Valid = ValidTarget;
    const KEY_FIELD: &'static str = "target_id";

    fn read(
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> std::result::Result<ValidTarget, Vec<FieldProblem>> {
        ctx.target(record)
    }

    fn key(valid: &ValidTarget) -> String {
        valid.target_id.clone()
    }

    fn check_refs(conn: &Connection, valid: &ValidTarget) -> Result<()> {
        crate::targets::check_scope(conn, valid)
    }

    fn upsert(tx: &Connection, valid: &ValidTarget) -> Result<crate::db::Change> {
        crate::targets::upsert(tx, valid)
    }
}
