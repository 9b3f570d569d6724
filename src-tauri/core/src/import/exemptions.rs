//! Exemptions files: who need not hold a requirement, why, and until when
//! (`employee_id,requirement_id,reason,until`). The key is the employee and the requirement.

use rusqlite::Connection;

use super::keyed::Kind;
use super::records::Record;
use super::rows::RowContext;
use crate::domain::ValidExemption;
use crate::error::{FieldProblem, Result};

pub(super) struct Exemptions;

impl Kind for Exemptions {
    type Valid = ValidExemption;
    const KEY_FIELD: &'static str = "employee_id";

    fn read(
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> std::result::Result<ValidExemption, Vec<FieldProblem>> {
        ctx.exemption(record)
    }

    fn key(valid: &ValidExemption) -> String {
        format!("{} / {}", valid.employee_id, valid.requirement_id)
    }

    fn check_refs(conn: &Connection, valid: &ValidExemption) -> Result<()> {
        crate::exemptions::check_refs(conn, valid)
    }

    fn upsert(tx: &Connection, valid: &ValidExemption) -> Result<crate::db::Change> {
        crate::exemptions::upsert(tx, valid)
    }
}
