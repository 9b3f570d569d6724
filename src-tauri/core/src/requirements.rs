//! Queries over the `requirements` table: list, one requirement, create, update, retire, and
//! the upsert an import makes. Requirements are never deleted: a retired one no longer applies
//! to anyone, and its id stays taken.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::audit::{self, Entity, Lookup};
use crate::db::{Change, Db};
use crate::domain::{format_date, Requirement, RequirementInput, ValidRequirement};
use crate::error::{Error, FieldProblem, Result};

/// The column list every requirement query selects, in [`from_row`]'s order.
const COLUMNS: &str = "r.requirement_id, r.title, r.role, r.department, r.location, \
     r.program_id, r.skill_area, r.due_days, r.effective_from, r.retired";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Requirement> {
    Ok(Requirement {
        requirement_id: row.get(0)?,
        title: row.get(1)?,
        role: row.get(2)?,
        department: row.get(3)?,
        location: row.get(4)?,
        program_id: row.get(5)?,
        skill_area: row.get(6)?,
        due_days: row.get(7)?,
        effective_from: row.get(8)?,
        retired: row.get(9)?,
    })
}

/// The requirements, ordered by id; retired ones too when asked.
pub fn list(conn: &Connection, include_retired: bool) -> Result<Vec<Requirement>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM requirements r WHERE (?1 OR r.retired = 0) \
         ORDER BY r.requirement_id"
    ))?;
    let rows = stmt
        .query_map(params![include_retired], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The requirements in force (not retired) that name this program: retiring the program
/// leaves them with nothing new to satisfy them, so the window asks first.
pub fn naming_program(conn: &Connection, program_id: &str) -> Result<Vec<Requirement>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM requirements r WHERE r.program_id = ?1 AND r.retired = 0 \
         ORDER BY r.requirement_id"
    ))?;
    let rows = stmt
        .query_map(params![program_id.trim()], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every requirement, retired ones included, ordered by id: what an export writes.
pub fn list_all(conn: &Connection) -> Result<Vec<Requirement>> {
    list(conn, true)
}

pub fn find(conn: &Connection, requirement_id: &str) -> Result<Option<Requirement>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM requirements r WHERE r.requirement_id = ?"),
            params![requirement_id.trim()],
            from_row,
        )
        .optional()?)
}

pub fn get(conn: &Connection, requirement_id: &str) -> Result<Requirement> {
    find(conn, requirement_id)?.ok_or_else(|| {
        Error::NotFound(format!(
            "there is no requirement with id '{requirement_id}'"
        ))
    })
}

/// Whether a requirement with this id exists (retired or not).
pub fn exists(conn: &Connection, requirement_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM requirements WHERE requirement_id = ?",
            params![requirement_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The checks that need the database: the program exists, or some program has the skill area.
pub fn check_refs(conn: &Connection, r: &ValidRequirement) -> Result<()> {
    let mut problems = Vec::new();
    if let Some(program) = &r.program_id {
        if crate::programs::find(conn, program)?.is_none() {
            problems.push(FieldProblem::new(
                "program_id",
                format!("there is no program with id '{program}'"),
            ));
        }
    }
    if let Some(area) = &r.skill_area {
        let known = conn
            .query_row(
                "SELECT 1 FROM programs WHERE skill_area = ? LIMIT 1",
                params![area],
                |_| Ok(()),
            )
            .optional()?;
        if known.is_none() {
            problems.push(FieldProblem::new(
                "skill_area",
                format!("no program has the skill area '{area}'"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Inserts a validated requirement whose references were checked. The caller owns the
/// transaction.
pub(crate) fn insert(conn: &Connection, r: &ValidRequirement) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO requirements (requirement_id, title, role, department, location, \
             program_id, skill_area, due_days, effective_from) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        r.requirement_id,
        r.title,
        r.role,
        r.department,
        r.location,
        r.program_id,
        r.skill_area,
        r.due_days,
        format_date(r.effective_from),
    ])?;
    Ok(())
}

/// Updates every field but the id (and `retired`) where a value differs; with
/// `effective_from_defaulted` the stored effective_from is kept. Returns whether it changed.
fn update_changed(conn: &Connection, r: &ValidRequirement) -> Result<bool> {
    let effective_from = format_date(r.effective_from);
    let mut values: Vec<(&str, &dyn rusqlite::ToSql)> = vec![
        ("title", &r.title),
        ("role", &r.role),
        ("department", &r.department),
        ("location", &r.location),
        ("program_id", &r.program_id),
        ("skill_area", &r.skill_area),
        ("due_days", &r.due_days),
    ];
    if !r.effective_from_defaulted {
        values.push(("effective_from", &effective_from));
    }
    let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
    let sql = crate::db::update_if_changed_sql("requirements", "requirement_id", &names);
    let mut params: Vec<&dyn rusqlite::ToSql> = values.iter().map(|(_, value)| *value).collect();
    params.push(&r.requirement_id);
    Ok(conn.prepare_cached(&sql)?.execute(params.as_slice())? > 0)
}

/// Inserts the requirement, or updates the one with its id (an import's row). Checks the
/// program / skill area first (the field's error, nothing written). A requirement given
/// without effective_from keeps the one it has; a new one starts on the day validated.
/// The caller owns the transaction.
pub fn upsert(tx: &Connection, r: &ValidRequirement) -> Result<Change> {
    check_refs(tx, r)?;
    if exists(tx, &r.requirement_id)? {
        Ok(if update_changed(tx, r)? {
            Change::Updated
        } else {
            Change::Unchanged
        })
    } else {
        insert(tx, r)?;
        Ok(Change::Inserted)
    }
}

/// Creates a requirement; `today` is its effective_from when none is given.
pub fn create(db: &mut Db, input: &RequirementInput, today: NaiveDate) -> Result<Requirement> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        if exists(tx, &valid.requirement_id)? {
            return Err(Error::invalid(
                "requirement_id",
                format!(
                    "a requirement with id '{}' already exists",
                    valid.requirement_id
                ),
            ));
        }
        check_refs(tx, &valid)?;
        insert(tx, &valid)?;
        let lookup = Lookup::Id(&valid.requirement_id);
        trail.changed(tx, Entity::Requirements, lookup, None)?;
        get(tx, &valid.requirement_id)
    })
}

/// Updates every field of an existing requirement but its id; without effective_from the
/// stored one is kept.
pub fn update(db: &mut Db, input: &RequirementInput, today: NaiveDate) -> Result<Requirement> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(&valid.requirement_id);
        let Some(before) = audit::snapshot(tx, Entity::Requirements, lookup)? else {
            return Err(Error::NotFound(format!(
                "there is no requirement with id '{}'",
                valid.requirement_id
            )));
        };
        check_refs(tx, &valid)?;
        update_changed(tx, &valid)?;
        trail.changed(tx, Entity::Requirements, lookup, Some(before))?;
        get(tx, &valid.requirement_id)
    })
}

/// Retires (or brings back) a requirement. A retired requirement applies to no one.
pub fn set_retired(db: &mut Db, requirement_id: &str, retired: bool) -> Result<Requirement> {
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(requirement_id);
        let before = audit::snapshot(tx, Entity::Requirements, lookup)?;
        let changed = tx.execute(
            "UPDATE requirements SET retired = ? WHERE requirement_id = ?",
            params![retired, requirement_id.trim()],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!(
                "there is no requirement with id '{requirement_id}'"
            )));
        }
        trail.changed(tx, Entity::Requirements, lookup, before)?;
        get(tx, requirement_id)
    })
}

/// Retires a requirement.
pub fn retire(db: &mut Db, requirement_id: &str) -> Result<Requirement> {
    set_retired(db, requirement_id, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programs::tests::input as program;

    use crate::testing::today;

    pub fn input(id: &str, program_id: Option<&str>, area: Option<&str>) -> RequirementInput {
        RequirementInput {
            requirement_id: id.into(),
            title: format!("Requirement {id}"),
            program_id: program_id.map(String::from),
            skill_area: area.map(String::from),
            ..RequirementInput::default()
        }
    }

    fn count(db: &Db) -> i64 {
        db.conn()
            .query_row("SELECT count(*) FROM requirements", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn create_update_retire_list() {
        let mut db = Db::open_in_memory().unwrap();
        crate::programs::create(&mut db, &program("P1", "Basics", "AI literacy")).unwrap();
        let r = create(&mut db, &input("R2", Some("P1"), None), today()).unwrap();
        assert_eq!((r.due_days, r.effective_from.as_str()), (90, "2026-11-29"));
        create(&mut db, &input("R1", None, Some("AI literacy")), today()).unwrap();
        let err = create(&mut db, &input("R1", Some("P1"), None), today()).unwrap_err();
        assert_eq!(err.fields()[0].field, "requirement_id");

        let mut changed = input("R1", None, Some("AI literacy"));
        changed.role = Some("Engineer".into());
        let later = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let r = update(&mut db, &changed, later).unwrap();
        // No effective_from given: the stored one stays.
        assert_eq!(
            (r.role.as_deref(), r.effective_from.as_str()),
            (Some("Engineer"), "2026-11-29")
        );
        retire(&mut db, "R1").unwrap();
        assert_eq!(list(db.conn(), false).unwrap().len(), 1);
        assert_eq!(list_all(db.conn()).unwrap().len(), 2);
        assert_eq!(
            retire(&mut db, "nope").unwrap_err().kind(),
            crate::ErrorKind::NotFound
        );
    }

    #[test]
    fn naming_program_lists_the_requirements_in_force_that_name_it() {
        let mut db = Db::open_in_memory().unwrap();
        crate::programs::create(&mut db, &program("P1", "Basics", "AI literacy")).unwrap();
        crate::programs::create(&mut db, &program("P2", "Other", "AI literacy")).unwrap();
        create(&mut db, &input("R2", Some("P1"), None), today()).unwrap();
        create(&mut db, &input("R1", Some("P1"), None), today()).unwrap();
        create(&mut db, &input("R3", Some("P2"), None), today()).unwrap();
        create(&mut db, &input("R4", None, Some("AI literacy")), today()).unwrap();
        let ids = |db: &Db, p: &str| -> Vec<String> {
            naming_program(db.conn(), p)
                .unwrap()
                .into_iter()
                .map(|r| r.requirement_id)
                .collect()
        };
        assert_eq!(ids(&db, "P1"), ["R1", "R2"]);
        retire(&mut db, "R1").unwrap();
        assert_eq!(ids(&db, "P1"), ["R2"]);
        assert!(ids(&db, "P9").is_empty());
    }

    #[test]
    fn unknown_program_or_skill_area_is_the_fields_error_and_nothing_is_written() {
        let mut db = Db::open_in_memory().unwrap();
        crate::programs::create(&mut db, &program("P1", "Basics", "AI literacy")).unwrap();
        let err = create(&mut db, &input("R1", Some("P9"), None), today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "program_id: there is no program with id 'P9'"
        );
        let err = create(&mut db, &input("R1", None, Some("Quantum")), today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "skill_area: no program has the skill area 'Quantum'"
        );
        assert_eq!(count(&db), 0);
    }

    #[test]
    fn the_schema_repeats_the_rules() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        conn.execute_batch(
            "INSERT INTO programs (program_id, title, skill_area, format) VALUES ('P1', 'T', 'A', 'other');",
        )
        .unwrap();
        let bad = [
            // neither / both of program and skill area
            "INSERT INTO requirements (requirement_id, title, effective_from) VALUES ('R', 'T', '2024-01-01')",
            "INSERT INTO requirements (requirement_id, title, program_id, skill_area, effective_from) VALUES ('R', 'T', 'P1', 'A', '2024-01-01')",
            // unknown program (FK)
            "INSERT INTO requirements (requirement_id, title, program_id, effective_from) VALUES ('R', 'T', 'P9', '2024-01-01')",
            "INSERT INTO requirements (requirement_id, title, program_id, due_days, effective_from) VALUES ('R', 'T', 'P1', -1, '2024-01-01')",
            "INSERT INTO requirements (requirement_id, title, program_id, effective_from) VALUES ('R', 'T', 'P1', '2024-02-30')",
            "INSERT INTO requirements (requirement_id, title, program_id, effective_from) VALUES (' ', 'T', 'P1', '2024-01-01')",
            "INSERT INTO requirements (requirement_id, title, program_id, role, effective_from) VALUES ('R', 'T', 'P1', '', '2024-01-01')",
        ];
        for sql in bad {
            assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
        }
        conn.execute(
            "INSERT INTO requirements (requirement_id, title, program_id, effective_from) VALUES ('R', 'T', 'P1', '2024-01-01')",
            [],
        )
        .unwrap();
        let err = conn
            .execute(
                "UPDATE requirements SET requirement_id = 'R2' WHERE requirement_id = 'R'",
                [],
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("requirement_id cannot change"),
            "{err}"
        );
        let bad = [
            "INSERT INTO exemptions (employee_id, requirement_id, reason) VALUES ('E9', 'R', 'x')",
            "INSERT INTO exemptions (employee_id, requirement_id, reason, until) VALUES ('E9', 'R', 'x', '2024-1-1')",
        ];
        for sql in bad {
            assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
        }
    }

    #[test]
    fn upsert_counts_inserted_updated_unchanged() {
        let mut db = Db::open_in_memory().unwrap();
        crate::programs::create(&mut db, &program("P1", "Basics", "AI literacy")).unwrap();
        let mut r = input("R1", Some("P1"), None);
        r.effective_from = Some("2024-01-01".into());
        let v = r.validate(today()).unwrap();
        let changes = db
            .with_tx(|tx| Ok((upsert(tx, &v)?, upsert(tx, &v)?)))
            .unwrap();
        assert_eq!(changes, (Change::Inserted, Change::Unchanged));
        r.due_days = Some(30);
        r.effective_from = None;
        let v = r.validate(today()).unwrap();
        assert_eq!(db.with_tx(|tx| upsert(tx, &v)).unwrap(), Change::Updated);
        let stored = get(db.conn(), "R1").unwrap();
        assert_eq!(
            (stored.due_days, stored.effective_from.as_str()),
            (30, "2024-01-01")
        );
        let bad = input("R2", None, Some("Nope")).validate(today()).unwrap();
        assert_eq!(
            db.with_tx(|tx| upsert(tx, &bad)).unwrap_err().fields()[0].field,
            "skill_area"
        );
    }
}
