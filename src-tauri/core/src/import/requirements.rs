//! Requirements files: who must hold which training (`requirement_id,title,role,department,
//! location,program_id,skill_area,due_days,effective_from`).

use rusqlite::Connection;

use super::keyed::Kind;
use super::records::Record;
use super::rows::RowContext;
use crate::domain::ValidRequirement;
use crate::error::{FieldProblem, Result};

pub(super) struct Requirements;

impl Kind for Requirements {
    type Valid = ValidRequirement;
    const KEY_FIELD: &'static str = "requirement_id";

    fn read(
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> std::result::Result<ValidRequirement, Vec<FieldProblem>> {
        ctx.requirement(record)
    }

    fn key(valid: &ValidRequirement) -> String {
        valid.requirement_id.clone()
    }

    fn check_refs(conn: &Connection, valid: &ValidRequirement) -> Result<()> {
        crate::requirements::check_refs(conn, valid)
    }

    fn upsert(tx: &Connection, valid: &ValidRequirement) -> Result<crate::db::Change> {
        crate::requirements::upsert(tx, valid)
    }
}
