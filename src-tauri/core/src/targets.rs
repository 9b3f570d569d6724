//! Queries over the `targets` table (migration 0007): list, one target, add, upsert (for the
//! import), delete. Where each target stands is [`crate::report::targets_report`].

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::audit::{self, Entity, Lookup};
use crate::db::{Change, Db};
use crate::domain::{format_date, Target, TargetInput, TargetMetric, ValidTarget};
use crate::employees::SUBTREE_SQL;
use crate::error::{Error, FieldProblem, Result};
use crate::report::GENERATIONS;

const COLUMNS: &str = "target_id, title, department, role, location, generation, skill_area, \
     manager_id, metric, value, due";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Target> {
    let metric: String = row.get(8)?;
    Ok(Target {
        target_id: row.get(0)?,
        title: row.get(1)?,
        department: row.get(2)?,
        role: row.get(3)?,
        location: row.get(4)?,
        generation: row.get(5)?,
        skill_area: row.get(6)?,
        manager_id: row.get(7)?,
        metric: TargetMetric::parse(&metric).unwrap_or(TargetMetric::Coverage),
        value: row.get(9)?,
        due: row.get(10)?,
    })
}

/// Every target, by target_id.
pub fn list_all(conn: &Connection) -> Result<Vec<Target>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM targets ORDER BY target_id"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One target, or None.
pub fn find(conn: &Connection, target_id: &str) -> Result<Option<Target>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM targets WHERE target_id = ?"),
            params![target_id.trim()],
            from_row,
        )
        .optional()?)
}

/// One target.
pub fn get(conn: &Connection, target_id: &str) -> Result<Target> {
    find(conn, target_id)?
        .ok_or_else(|| Error::NotFound(format!("there is no target with id '{target_id}'")))
}

/// The birth years of a generation label: (first, last), each None when open.
pub(crate) fn generation_years(label: &str) -> Option<(Option<i32>, Option<i32>)> {
    GENERATIONS
        .iter()
        .find(|(l, _, _)| *l == label)
        .map(|(_, first, last)| (*first, *last))
}

/// The checks that need the database: every scope value names something in the record, and
/// together they match at least one employee (active or not).
pub(crate) fn check_scope(conn: &Connection, t: &ValidTarget) -> Result<()> {
    let mut problems = Vec::new();
    let mut exists = |field: &str, sql: &str, value: &Option<String>, what: &str| -> Result<()> {
        if let Some(value) = value {
            let found = conn
                .query_row(sql, params![value], |_| Ok(()))
                .optional()?
                .is_some();
            if !found {
                problems.push(FieldProblem::new(field, format!("{what} '{value}'")));
            }
        }
        Ok(())
    };
    exists(
        "department",
        "SELECT 1 FROM employees WHERE department = ? LIMIT 1",
        &t.department,
        "no employee is in the department",
    )?;
    exists(
        "role",
        "SELECT 1 FROM employees WHERE role = ? LIMIT 1",
        &t.role,
        "no employee has the role",
    )?;
    exists(
        "location",
        "SELECT 1 FROM employees WHERE location = ? LIMIT 1",
        &t.location,
        "no employee is in the location",
    )?;
    exists(
        "skill_area",
        "SELECT 1 FROM programs WHERE skill_area = ? LIMIT 1",
        &t.skill_area,
        "no program has the skill area",
    )?;
    exists(
        "manager_id",
        "SELECT 1 FROM employees WHERE employee_id = ?",
        &t.manager_id,
        "there is no employee with id",
    )?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // Together: somebody in the record is in the scope.
    let mut sql = String::from("SELECT 1 FROM employees e WHERE 1");
    let mut args: Vec<String> = Vec::new();
    for (column, value) in [
        ("department", &t.department),
        ("role", &t.role),
        ("location", &t.location),
    ] {
        if let Some(value) = value {
            args.push(value.clone());
            sql.push_str(&format!(" AND e.{column} = ?{}", args.len()));
        }
    }
    if let Some((first, last)) = t.generation.as_deref().and_then(generation_years) {
        if let Some(first) = first {
            sql.push_str(&format!(" AND e.birth_year >= {first}"));
        }
        if let Some(last) = last {
            sql.push_str(&format!(" AND e.birth_year <= {last}"));
        }
    }
    if let Some(manager) = &t.manager_id {
        args.push(manager.clone());
        let subtree = SUBTREE_SQL.replace('?', &format!("?{}", args.len()));
        sql.push_str(&format!(" AND e.employee_id IN {subtree}"));
    }
    sql.push_str(" LIMIT 1");
    let found = conn
        .query_row(&sql, rusqlite::params_from_iter(args.iter()), |_| Ok(()))
        .optional()?
        .is_some();
    if !found {
        let field = [
            ("department", t.department.is_some()),
            ("role", t.role.is_some()),
            ("location", t.location.is_some()),
            ("generation", t.generation.is_some()),
            ("manager_id", t.manager_id.is_some()),
        ]
        .into_iter()
        .find(|(_, set)| *set)
        .map_or("target_id", |(field, _)| field);
        return Err(Error::invalid(
            field,
            "no employee matches the target's scope (department, role, location, generation \
             and manager together)",
        ));
    }
    Ok(())
}

/// Inserts a target or updates the one with its id (the caller owns the transaction; the
/// import calls this once per row). Refuses a scope that matches nobody, and a new target (or
/// a changed due date) before the day it was validated.
pub fn upsert(tx: &Connection, t: &ValidTarget) -> Result<Change> {
    check_scope(tx, t)?;
    let existing = find(tx, &t.target_id)?;
    let due = format_date(t.due);
    let past_due = t.due < t.checked_on;
    if past_due && existing.as_ref().is_none_or(|e| e.due != due) {
        return Err(Error::invalid(
            "due",
            format!("{due} is in the past (today is {})", t.checked_on),
        ));
    }
    let values: [&dyn rusqlite::ToSql; 10] = [
        &t.title,
        &t.department,
        &t.role,
        &t.location,
        &t.generation,
        &t.skill_area,
        &t.manager_id,
        &t.metric.as_str(),
        &t.value,
        &due,
    ];
    if existing.is_none() {
        let mut all: Vec<&dyn rusqlite::ToSql> = vec![&t.target_id];
        all.extend(values);
        tx.prepare_cached(&format!(
            "INSERT INTO targets ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ))?
        .execute(all.as_slice())?;
        return Ok(Change::Inserted);
    }
    let sql = crate::db::update_if_changed_sql(
        "targets",
        "target_id",
        &[
            "title",
            "department",
            "role",
            "location",
            "generation",
            "skill_area",
            "manager_id",
            "metric",
            "value",
            "due",
        ],
    );
    let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
    all.push(&t.target_id);
    let changed = tx.prepare_cached(&sql)?.execute(all.as_slice())?;
    Ok(if changed > 0 {
        Change::Updated
    } else {
        Change::Unchanged
    })
}

/// Adds a new target (an existing target_id is the field's error).
pub fn add(db: &mut Db, input: &TargetInput, today: NaiveDate) -> Result<Target> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        if find(tx, &valid.target_id)?.is_some() {
            return Err(Error::invalid(
                "target_id",
                format!("a target with id '{}' already exists", valid.target_id),
            ));
        }
        upsert(tx, &valid)?;
        trail.changed(tx, Entity::Targets, Lookup::Id(&valid.target_id), None)?;
        get(tx, &valid.target_id)
    })
}

/// Changes an existing target; `input.target_id` names it and cannot change.
pub fn update(db: &mut Db, input: &TargetInput, today: NaiveDate) -> Result<Target> {
    let valid = input.validate(today)?;
    db.with_trail(|tx, trail| {
        get(tx, &valid.target_id)?;
        let lookup = Lookup::Id(&valid.target_id);
        let before = audit::snapshot(tx, Entity::Targets, lookup)?;
        upsert(tx, &valid)?;
        trail.changed(tx, Entity::Targets, lookup, before)?;
        get(tx, &valid.target_id)
    })
}

/// Deletes a target (nothing else refers to one).
pub fn delete(db: &mut Db, target_id: &str) -> Result<()> {
    db.with_trail(|tx, trail| {
        let lookup = Lookup::Id(target_id);
        let before = audit::snapshot(tx, Entity::Targets, lookup)?;
        let n = tx.execute(
            "DELETE FROM targets WHERE target_id = ?",
            params![target_id.trim()],
        )?;
        if n == 0 {
            return Err(Error::NotFound(format!(
                "there is no target with id '{target_id}'"
            )));
        }
        trail.changed(tx, Entity::Targets, lookup, before)
    })
}
