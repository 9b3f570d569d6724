//! Queries over the `exemptions` table: list, create, update, delete, and the upsert an
//! import makes. One exemption per (employee, requirement).

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::audit::{self, Entity, Lookup};
use crate::db::{Change, Db};
use crate::domain::{format_date, Exemption, ExemptionInput, ValidExemption};
use crate::error::{Error, FieldProblem, Result};

/// The column list every exemption query selects, in [`from_row`]'s order.
const COLUMNS: &str = "x.employee_id, e.full_name, x.requirement_id, x.reason, x.until";

const FROM: &str = "exemptions x JOIN employees e ON e.employee_id = x.employee_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Exemption> {
    Ok(Exemption {
        employee_id: row.get(0)?,
        employee_name: row.get(1)?,
        requirement_id: row.get(2)?,
        reason: row.get(3)?,
        until: row.get(4)?,
    })
}

/// The exemptions, of one employee and/or one requirement when given, ordered by
/// requirement then employee.
pub fn list(
    conn: &Connection,
    employee_id: Option<&str>,
    requirement_id: Option<&str>,
) -> Result<Vec<Exemption>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} \
         WHERE (?1 IS NULL OR x.employee_id = ?1) AND (?2 IS NULL OR x.requirement_id = ?2) \
         ORDER BY x.requirement_id, x.employee_id"
    ))?;
    let rows = stmt
        .query_map(
            params![employee_id.map(str::trim), requirement_id.map(str::trim)],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every exemption, ordered by requirement then employee: what an export writes.
pub fn list_all(conn: &Connection) -> Result<Vec<Exemption>> {
    list(conn, None, None)
}

pub fn find(
    conn: &Connection,
    employee_id: &str,
    requirement_id: &str,
) -> Result<Option<Exemption>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM {FROM} WHERE x.employee_id = ? AND x.requirement_id = ?"
            ),
            params![employee_id.trim(), requirement_id.trim()],
            from_row,
        )
        .optional()?)
}

fn not_found(employee_id: &str, requirement_id: &str) -> Error {
    Error::NotFound(format!(
        "there is no exemption of '{employee_id}' from '{requirement_id}'"
    ))
}

/// The checks that need the database: the employee and the requirement exist.
pub fn check_refs(conn: &Connection, x: &ValidExemption) -> Result<()> {
    let mut problems = Vec::new();
    if !crate::employees::exists(conn, &x.employee_id)? {
        problems.push(FieldProblem::new(
            "employee_id",
            format!("there is no employee with id '{}'", x.employee_id),
        ));
    }
    if !crate::requirements::exists(conn, &x.requirement_id)? {
        problems.push(FieldProblem::new(
            "requirement_id",
            format!("there is no requirement with id '{}'", x.requirement_id),
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

fn insert(conn: &Connection, x: &ValidExemption) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO exemptions (employee_id, requirement_id, reason, until) VALUES (?, ?, ?, ?)",
    )?
    .execute(params![
        x.employee_id,
        x.requirement_id,
        x.reason,
        x.until.map(format_date)
    ])?;
    Ok(())
}

/// Writes reason and until where they differ; returns the rows changed (0 or 1).
fn update_changed(conn: &Connection, x: &ValidExemption) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE exemptions SET reason = ?1, until = ?2 \
             WHERE employee_id = ?3 AND requirement_id = ?4 AND (reason, until) IS NOT (?1, ?2)",
        )?
        .execute(params![
            x.reason,
            x.until.map(format_date),
            x.employee_id,
            x.requirement_id
        ])?)
}

fn exists(conn: &Connection, x: &ValidExemption) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM exemptions WHERE employee_id = ? AND requirement_id = ?",
            params![x.employee_id, x.requirement_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Inserts the exemption, or updates reason and until of the one for its employee and
/// requirement (an import's row). Unknown employee or requirement: the field's error, nothing
/// written. The caller owns the transaction.
pub fn upsert(tx: &Connection, x: &ValidExemption) -> Result<Change> {
    check_refs(tx, x)?;
    if exists(tx, x)? {
        Ok(if update_changed(tx, x)? > 0 {
            Change::Updated
        } else {
            Change::Unchanged
        })
    } else {
        insert(tx, x)?;
        Ok(Change::Inserted)
    }
}

pub fn create(db: &mut Db, input: &ExemptionInput) -> Result<Exemption> {
    let valid = input.validate()?;
    db.with_trail(|tx, trail| {
        check_refs(tx, &valid)?;
        if exists(tx, &valid)? {
            return Err(Error::invalid(
                "requirement_id",
                format!(
                    "'{}' already has an exemption from '{}'",
                    valid.employee_id, valid.requirement_id
                ),
            ));
        }
        insert(tx, &valid)?;
        let lookup = Lookup::Exemption(&valid.employee_id, &valid.requirement_id);
        trail.changed(tx, Entity::Exemptions, lookup, None)?;
        find(tx, &valid.employee_id, &valid.requirement_id)?
            .ok_or_else(|| Error::Internal("the exemption just written is missing".into()))
    })
}

/// Changes the reason and until of an existing exemption.
pub fn update(db: &mut Db, input: &ExemptionInput) -> Result<Exemption> {
    let valid = input.validate()?;
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Exemption(&valid.employee_id, &valid.requirement_id);
        let Some(before) = audit::snapshot(tx, Entity::Exemptions, lookup)? else {
            return Err(not_found(&valid.employee_id, &valid.requirement_id));
        };
        update_changed(tx, &valid)?;
        trail.changed(tx, Entity::Exemptions, lookup, Some(before))?;
        find(tx, &valid.employee_id, &valid.requirement_id)?
            .ok_or_else(|| Error::Internal("the exemption just written is missing".into()))
    })
}

pub fn delete(db: &mut Db, employee_id: &str, requirement_id: &str) -> Result<()> {
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Exemption(employee_id, requirement_id);
        let before = audit::snapshot(tx, Entity::Exemptions, lookup)?;
        let deleted = tx.execute(
            "DELETE FROM exemptions WHERE employee_id = ? AND requirement_id = ?",
            params![employee_id.trim(), requirement_id.trim()],
        )?;
        if deleted == 0 {
            return Err(not_found(employee_id, requirement_id));
        }
        trail.changed(tx, Entity::Exemptions, lookup, before)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EmployeeInput, RequirementInput};

    use crate::testing::today;

    fn setup() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        crate::programs::create(
            &mut db,
            &crate::programs::tests::input("P1", "Basics", "AI literacy"),
        )
        .unwrap();
        crate::employees::create(
            &mut db,
            &EmployeeInput {
                employee_id: "E1".into(),
                full_name: "Ada".into(),
                role: "Engineer".into(),
                department: "Data".into(),
                active: true,
                left_on: None,
                ..EmployeeInput::default()
            },
            today(),
        )
        .unwrap();
        crate::requirements::create(
            &mut db,
            &RequirementInput {
                requirement_id: "R1".into(),
                title: "Basics".into(),
                program_id: Some("P1".into()),
                ..RequirementInput::default()
            },
            today(),
        )
        .unwrap();
        db
    }

    fn input(employee: &str, requirement: &str) -> ExemptionInput {
        ExemptionInput {
            employee_id: employee.into(),
            requirement_id: requirement.into(),
            reason: "On leave".into(),
            until: Some("2027-01-31".into()),
        }
    }

    #[test]
    fn create_update_delete() {
        let mut db = setup();
        let x = create(&mut db, &input("E1", "R1")).unwrap();
        assert_eq!(
            (x.employee_name.as_str(), x.until.as_deref()),
            ("Ada", Some("2027-01-31"))
        );
        assert_eq!(
            create(&mut db, &input("E1", "R1")).unwrap_err().kind(),
            crate::ErrorKind::Invalid
        );
        let mut changed = input("E1", "R1");
        changed.until = None;
        assert_eq!(update(&mut db, &changed).unwrap().until, None);
        assert_eq!(list(db.conn(), Some("E1"), None).unwrap().len(), 1);
        assert_eq!(list(db.conn(), None, Some("R2")).unwrap().len(), 0);
        delete(&mut db, "E1", "R1").unwrap();
        assert_eq!(
            delete(&mut db, "E1", "R1").unwrap_err().kind(),
            crate::ErrorKind::NotFound
        );
        assert!(list_all(db.conn()).unwrap().is_empty());
    }

    #[test]
    fn unknown_employee_and_requirement_are_field_errors_and_nothing_is_written() {
        let mut db = setup();
        let err = create(&mut db, &input("E9", "R9")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "employee_id: there is no employee with id 'E9'; requirement_id: there is no requirement with id 'R9'"
        );
        assert!(list_all(db.conn()).unwrap().is_empty());
    }

    #[test]
    fn upsert_counts_inserted_updated_unchanged() {
        let mut db = setup();
        let v = input("E1", "R1").validate().unwrap();
        let changes = db
            .with_tx(|tx| Ok((upsert(tx, &v)?, upsert(tx, &v)?)))
            .unwrap();
        assert_eq!(changes, (Change::Inserted, Change::Unchanged));
        let mut other = input("E1", "R1");
        other.reason = "Exempt by law".into();
        let v = other.validate().unwrap();
        assert_eq!(db.with_tx(|tx| upsert(tx, &v)).unwrap(), Change::Updated);
    }
}
