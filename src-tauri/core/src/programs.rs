//! Queries over the `programs` table: the catalog, create, update, retire. Programs are never
//! deleted: a retired program keeps its completions and leaves the list of offered programs.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::audit::{self, Entity, Lookup};
use crate::db::Db;
use crate::domain::{Program, ProgramFormat, ProgramInput, ValidProgram};
use crate::error::{Error, Result};

const COLUMNS: &str = "p.program_id, p.title, p.skill_area, p.format, p.provider, p.hours, \
     p.validity_months, p.retired, (SELECT count(*) FROM completions c WHERE c.program_ref = p.id)";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Program> {
    let format: String = row.get(3)?;
    Ok(Program {
        program_id: row.get(0)?,
        title: row.get(1)?,
        skill_area: row.get(2)?,
        // The schema's CHECK admits only canonical names, so this cannot fail on our files.
        format: ProgramFormat::parse(&format).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("unknown program format '{format}'").into(),
            )
        })?,
        provider: row.get(4)?,
        hours: row.get(5)?,
        validity_months: row.get(6)?,
        retired: row.get(7)?,
        completions: row.get(8)?,
    })
}

/// The catalog, ordered by title.
pub fn list(conn: &Connection, include_retired: bool) -> Result<Vec<Program>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM programs p WHERE (?1 OR p.retired = 0) \
         ORDER BY p.title COLLATE NOCASE, p.program_id"
    ))?;
    let rows = stmt
        .query_map(params![include_retired], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn find(conn: &Connection, program_id: &str) -> Result<Option<Program>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM programs p WHERE p.program_id = ?"),
            params![program_id.trim()],
            from_row,
        )
        .optional()?)
}

pub fn get(conn: &Connection, program_id: &str) -> Result<Program> {
    find(conn, program_id)?
        .ok_or_else(|| Error::NotFound(format!("there is no program with id '{program_id}'")))
}

/// Inserts a validated program. The caller owns the transaction.
pub(crate) fn insert(conn: &Connection, p: &ValidProgram) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO programs (program_id, title, skill_area, format, provider, hours, validity_months) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        p.program_id,
        p.title,
        p.skill_area,
        p.format.as_str(),
        p.provider,
        p.hours,
        p.validity_months
    ])?;
    Ok(())
}

/// Updates every field of an existing program but its id. Returns the rows changed.
pub(crate) fn update_row(conn: &Connection, p: &ValidProgram) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE programs SET title = ?, skill_area = ?, format = ?, provider = ?, hours = ?, \
                 validity_months = ? WHERE program_id = ?",
        )?
        .execute(params![
            p.title,
            p.skill_area,
            p.format.as_str(),
            p.provider,
            p.hours,
            p.validity_months,
            p.program_id
        ])?)
}

/// Which optional columns an import file carries; an update leaves the others as they are.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ProgramColumns {
    pub provider: bool,
    pub hours: bool,
    pub validity_months: bool,
}

/// Every program's row id and catalog id, in one scan.
pub(crate) fn for_each_ref(conn: &Connection, mut f: impl FnMut(i64, &str)) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, program_id FROM programs")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id = row.get(0)?;
        f(id, row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
    }
    Ok(())
}

/// Every program's HR id and title, in one scan: what an import matches a course given by
/// its title against.
pub(crate) fn for_each_title(conn: &Connection, mut f: impl FnMut(&str, &str)) -> Result<()> {
    let mut stmt = conn.prepare("SELECT program_id, title FROM programs")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        f(id, row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
    }
    Ok(())
}

/// Updates an existing program's required columns and those `columns` names if any value
/// differs. `retired` is not the file's to change. Returns whether the row changed.
pub(crate) fn update_changed(
    conn: &Connection,
    p: &ValidProgram,
    columns: &ProgramColumns,
) -> Result<bool> {
    let format = p.format.as_str();
    let mut values: Vec<(&str, &dyn rusqlite::ToSql)> = vec![
        ("title", &p.title),
        ("skill_area", &p.skill_area),
        ("format", &format),
    ];
    if columns.provider {
        values.push(("provider", &p.provider));
    }
    if columns.hours {
        values.push(("hours", &p.hours));
    }
    if columns.validity_months {
        values.push(("validity_months", &p.validity_months));
    }
    let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
    let sql = crate::db::update_if_changed_sql("programs", "program_id", &names);
    let mut params: Vec<&dyn rusqlite::ToSql> = values.iter().map(|(_, value)| *value).collect();
    params.push(&p.program_id);
    Ok(conn.prepare_cached(&sql)?.execute(params.as_slice())? > 0)
}

pub fn create(db: &mut Db, input: &ProgramInput) -> Result<Program> {
    let valid = input.validate()?;
    db.with_trail(|tx, trail| {
        if find(tx, &valid.program_id)?.is_some() {
            return Err(Error::invalid(
                "program_id",
                format!("a program with id '{}' already exists", valid.program_id),
            ));
        }
        insert(tx, &valid)?;
        trail.changed(tx, Entity::Programs, Lookup::Id(&valid.program_id), None)?;
        get(tx, &valid.program_id)
    })
}

pub fn update(db: &mut Db, input: &ProgramInput) -> Result<Program> {
    let valid = input.validate()?;
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(&valid.program_id);
        let before = audit::snapshot(tx, Entity::Programs, lookup)?;
        if update_row(tx, &valid)? == 0 {
            return Err(Error::NotFound(format!(
                "there is no program with id '{}'",
                valid.program_id
            )));
        }
        trail.changed(tx, Entity::Programs, lookup, before)?;
        get(tx, &valid.program_id)
    })
}

/// Retires (or brings back) a program.
pub fn set_retired(db: &mut Db, program_id: &str, retired: bool) -> Result<Program> {
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(program_id);
        let before = audit::snapshot(tx, Entity::Programs, lookup)?;
        let changed = tx.execute(
            "UPDATE programs SET retired = ? WHERE program_id = ?",
            params![retired, program_id],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!(
                "there is no program with id '{program_id}'"
            )));
        }
        trail.changed(tx, Entity::Programs, lookup, before)?;
        get(tx, program_id)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn input(id: &str, title: &str, area: &str) -> ProgramInput {
        ProgramInput {
            program_id: id.into(),
            title: title.into(),
            skill_area: area.into(),
            format: "Hands-on lab".into(),
            provider: Some("Acme".into()),
            hours: Some(7.5),
            validity_months: None,
        }
    }

    #[test]
    fn create_update_retire() {
        let mut db = Db::open_in_memory().unwrap();
        let p = create(&mut db, &input("P2", "Prompting", "Prompt engineering")).unwrap();
        assert_eq!(p.format, ProgramFormat::HandsOnLab);
        create(&mut db, &input("P1", "AI basics", "AI literacy")).unwrap();
        let err = create(&mut db, &input("P1", "Again", "AI literacy")).unwrap_err();
        assert_eq!(err.fields()[0].field, "program_id");

        let mut changed = input("P1", "AI basics 2", "AI literacy");
        changed.validity_months = Some(24);
        assert_eq!(update(&mut db, &changed).unwrap().validity_months, Some(24));
        let titles: Vec<String> = list(db.conn(), false)
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect();
        assert_eq!(titles, vec!["AI basics 2", "Prompting"]);

        set_retired(&mut db, "P1", true).unwrap();
        assert_eq!(list(db.conn(), false).unwrap().len(), 1);
        assert_eq!(list(db.conn(), true).unwrap().len(), 2);
        assert_eq!(
            set_retired(&mut db, "nope", true).unwrap_err().kind(),
            crate::ErrorKind::NotFound
        );
    }
}
