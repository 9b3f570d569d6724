//! Completions files: who completed which program when. References are resolved from
//! memory (ids, and e-mails and titles as an LMS exports them), duplicates found by sorting
//! compact keys, and the rows that pass are staged while they are checked and moved into
//! the record in one statement.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::columns::{Header, RefMatch};
use super::compact::{Interner, KeySorter};
use super::load::{Change, Counts, Sink, Table};
use super::mapping::{Duplicates, Unknown};
use super::records::Record;
use super::rows::{col, quoted, RowContext};
use crate::completions::{self, CompletionColumns, CompletionRow};
use crate::error::{Error, FieldProblem, Result};

/// Ids to row ids, loaded once so a million rows need no query to resolve them. The dense
/// index (a u32) is what the duplicate keys hold.
struct Refs {
    ids: Interner,
    refs: Vec<i64>,
}

impl Refs {
    fn new() -> Refs {
        Refs {
            ids: Interner::new(),
            refs: Vec::new(),
        }
    }

    fn add(&mut self, row_id: i64, id: &str) {
        // Ids are unique in the database: each is new here.
        if self.ids.intern(id) as usize == self.refs.len() {
            self.refs.push(row_id);
        }
    }

    fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    fn name(&self, n: u32) -> &str {
        self.ids.name(n)
    }
}

/// Completions: references resolved from memory, duplicates found by sorting compact keys.
pub(super) struct Log {
    employees: Refs,
    programs: Refs,
    /// Pass 1: employee index, program index, day, line: 16 bytes a row, sorted with
    /// bounded memory (taken by check_across).
    keys: Option<KeySorter>,
    columns: CompletionColumns,
    /// Rows with a larger id were inserted by this import.
    max_id_before: i64,
    /// Rows in the staging table (each under its line number).
    staged: i64,
    /// Lines check_across rejected (the same completion on several lines): staged, but
    /// not to be written.
    duplicates: Vec<u64>,
    /// How learner and course cells are matched.
    employee_match: RefMatch,
    program_match: RefMatch,
    /// E-mail (as [`super::mapping::value_key`] makes it) → employees, loaded at the first
    /// cell that is not an id.
    emails: Option<HashMap<String, Vec<u32>>>,
    /// Title (likewise) → programs, loaded at the first cell that is not an id.
    titles: Option<HashMap<String, Vec<u32>>>,
    unknown_employee: Unknown,
    unknown_program: Unknown,
    duplicates_mode: Duplicates,
    /// A recognised status column, whose words must all be known.
    status: Option<usize>,
}

/// What a learner or course cell matched.
enum Found {
    One(u32),
    Nothing,
    Several(Vec<u32>),
}

impl Log {
    pub(super) fn load(conn: &Connection, header: &Header) -> Result<Log> {
        use col::completion::*;
        let mut employees = Refs::new();
        crate::employees::for_each_ref(conn, |id, employee_id| employees.add(id, employee_id))?;
        let mut programs = Refs::new();
        crate::programs::for_each_ref(conn, |id, program_id| programs.add(id, program_id))?;
        let max_id_before = completions::max_id(conn)?;
        completions::stage_begin(conn)?;
        Ok(Log {
            employees,
            programs,
            keys: Some(KeySorter::new()),
            columns: CompletionColumns {
                score: header.has(SCORE),
                certificate_id: header.has(CERTIFICATE_ID),
            },
            max_id_before,
            staged: 0,
            duplicates: Vec::new(),
            employee_match: header
                .field(EMPLOYEE_ID)
                .map_or(RefMatch::Id, |f| f.matching.clone()),
            program_match: header
                .field(PROGRAM_ID)
                .map_or(RefMatch::Id, |f| f.matching.clone()),
            emails: None,
            titles: None,
            unknown_employee: header.rules.unknown_employee,
            unknown_program: header.rules.unknown_program,
            duplicates_mode: header.rules.duplicates,
            status: header.rules.status,
        })
    }

    /// The employee a learner cell names: by id, by e-mail, or (recognised columns) either.
    fn find_employee(&mut self, conn: &Connection, cell: &str) -> Result<Found> {
        if matches!(self.employee_match, RefMatch::Id | RefMatch::Auto) {
            if let Some(n) = self.employees.get(cell) {
                return Ok(Found::One(n));
            }
        }
        if !matches!(self.employee_match, RefMatch::Email | RefMatch::Auto) {
            return Ok(Found::Nothing);
        }
        if self.emails.is_none() {
            let mut map: HashMap<String, Vec<u32>> = HashMap::new();
            let refs = &self.employees;
            crate::employees::for_each_identity(conn, |id, email, _| {
                if let (Some(email), Some(n)) = (email, refs.get(id)) {
                    map.entry(super::mapping::value_key(email))
                        .or_default()
                        .push(n);
                }
            })?;
            self.emails = Some(map);
        }
        Ok(found(self.emails.as_ref(), cell))
    }

    /// The program a course cell names: by id, by title, or (recognised columns) either.
    fn find_program(&mut self, conn: &Connection, cell: &str) -> Result<Found> {
        if matches!(
            self.program_match,
            RefMatch::Id | RefMatch::Auto | RefMatch::Email
        ) {
            if let Some(n) = self.programs.get(cell) {
                return Ok(Found::One(n));
            }
        }
        if !matches!(self.program_match, RefMatch::Title | RefMatch::Auto) {
            return Ok(Found::Nothing);
        }
        if self.titles.is_none() {
            let mut map: HashMap<String, Vec<u32>> = HashMap::new();
            let refs = &self.programs;
            crate::programs::for_each_title(conn, |id, title| {
                if let Some(n) = refs.get(id) {
                    map.entry(super::mapping::value_key(title))
                        .or_default()
                        .push(n);
                }
            })?;
            self.titles = Some(map);
        }
        Ok(found(self.titles.as_ref(), cell))
    }

    fn employee_words(&self, cell: &str) -> String {
        match self.employee_match {
            RefMatch::Email => format!("there is no employee with the e-mail {}", quoted(cell)),
            RefMatch::Auto if cell.contains('@') => {
                format!("there is no employee with the e-mail {}", quoted(cell))
            }

            _ => format!("there is no employee with id {}", quoted(cell)),
        }
    }

    fn program_words(&self, cell: &str) -> String {
        match self.program_match {
            RefMatch::Title => format!("there is no program with the title {}", quoted(cell)),

            _ => format!("there is no program with id {}", quoted(cell)),
        }
    }

    /// Reports each line of `group` (keys equal but for the line, in line order) when
    /// there is more than one.
    fn report_duplicates(&mut self, group: &[u128], sink: &mut Sink<'_>) {
        let [first_key, second_key, ..] = group else {
            return;
        };
        let key = first_key >> 32;
        let employee = self.employees.name((key >> 64) as u32);
        let program = self.programs.name(((key >> 32) & 0xFFFF_FFFF) as u32);
        let day = NaiveDate::from_num_days_from_ce_opt((key & 0xFFFF_FFFF) as i32)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let what = format!(
            "{}'s completion of {} on {day}",
            quoted(employee),
            quoted(program)
        );
        let line = |k: u128| u64::from(k as u32);
        if self.duplicates_mode == Duplicates::Last {
            // The last line wins; the earlier ones are left out, with a warning each.
            let Some((last, earlier)) = group.split_last() else {
                return;
            };
            for &k in earlier {
                self.duplicates.push(line(k));
                sink.warn(
                    line(k),
                    format!(
                        "{what} appears again on line {}, which replaces this row",
                        line(*last)
                    ),
                );
            }
            return;
        }
        self.duplicates.extend(group.iter().map(|&k| line(k)));
        let first = line(*first_key);
        sink.add(
            first,
            "employee_id",
            format!("{what} also appears on line {}", line(*second_key)),
        );
        for &k in &group[1..] {
            sink.add(
                line(k),
                "employee_id",
                format!("{what} also appears on line {first}"),
            );
        }
    }

    fn key(employee: u32, program: u32, day: NaiveDate, line: u32) -> u128 {
        let day = day.num_days_from_ce() as u32;
        (u128::from(employee) << 96)
            | (u128::from(program) << 64)
            | (u128::from(day) << 32)
            | u128::from(line)
    }
}

impl Table for Log {
    fn check(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        use col::completion::{EMPLOYEE_ID, PROGRAM_ID};
        let line = record.line;
        if let Some(i) = self.status {
            let word = ctx.header.raw(record, i);
            let word = word.trim();
            if !word.is_empty() && super::vocab::completion_status(word).is_none() {
                sink.add(
                    line,
                    "",
                    format!(
                        "the status {} in column {} is not one Upskill knows as completed or not; say which rows to import in a mapping: keep = [ {{ column = {}, in = [\"Completed\"] }} ]",
                        quoted(word),
                        quoted(&ctx.header.names[i]),
                        super::mapping::toml_string(&ctx.header.names[i]),
                    ),
                );
                return Ok(());
            }
        }
        let cell = |c: usize| {
            ctx.header
                .cell(record, c)
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let (employee_cell, program_cell) = (cell(EMPLOYEE_ID), cell(PROGRAM_ID));
        let employee = if employee_cell.is_empty() {
            Found::Nothing
        } else {
            self.find_employee(tx, &employee_cell)?
        };
        let program = if program_cell.is_empty() {
            Found::Nothing
        } else {
            self.find_program(tx, &program_cell)?
        };
        let unknown_employee = !employee_cell.is_empty() && matches!(employee, Found::Nothing);
        let unknown_program = !program_cell.is_empty() && matches!(program, Found::Nothing);
        let skip_employee = unknown_employee && self.unknown_employee == Unknown::Skip;
        let skip_program = unknown_program && self.unknown_program == Unknown::Skip;
        if skip_employee || skip_program {
            let why = if skip_employee {
                self.employee_words(&employee_cell)
            } else {
                self.program_words(&program_cell)
            };
            sink.warn(line, format!("{why}; the row was skipped"));
            sink.skipped_unknown += 1;
            return Ok(());
        }
        let mut problems = Vec::new();
        let mut resolved =
            |found: &Found, refs: &Refs, field: &str, what: &str, cell: &str| match found {
                Found::One(n) => Some(refs.name(*n).to_string()),
                Found::Several(list) => {
                    let ids: Vec<String> = list.iter().map(|&n| quoted(refs.name(n))).collect();
                    problems.push(FieldProblem::new(
                        field,
                        format!(
                            "{} matches {} {what}s: {}; give the id instead",
                            quoted(cell),
                            list.len(),
                            ids.join(" and ")
                        ),
                    ));
                    None
                }
                Found::Nothing => None,
            };
        let employee_id = resolved(
            &employee,
            &self.employees,
            "employee_id",
            "employee",
            &employee_cell,
        );
        let program_id = resolved(
            &program,
            &self.programs,
            "program_id",
            "program",
            &program_cell,
        );
        let valid = match ctx.completion(record, employee_id, program_id) {
            Ok(valid) if problems.is_empty() => valid,
            Ok(_) => {
                sink.row(line, problems);
                return Ok(());
            }
            Err(mut found) => {
                found.retain(|p| !problems.iter().any(|q| q.field == p.field));
                found.extend(problems);
                sink.row(line, found);
                return Ok(());
            }
        };
        let employee = match employee {
            Found::One(n) => Some(n),
            _ => None,
        };
        let program = match program {
            Found::One(n) => Some(n),
            _ => None,
        };
        let mut problems = Vec::new();
        if employee.is_none() {
            problems.push(FieldProblem::new(
                "employee_id",
                self.employee_words(&employee_cell),
            ));
        }
        if program.is_none() {
            problems.push(FieldProblem::new(
                "program_id",
                self.program_words(&program_cell),
            ));
        }
        match (employee, program, u32::try_from(line)) {
            (Some(e), Some(p), Ok(l)) => {
                if let Some(keys) = &mut self.keys {
                    keys.push(Log::key(e, p, valid.completed_on, l))?;
                }
                let row = CompletionRow {
                    employee_ref: self.employees.refs[e as usize],
                    program_ref: self.programs.refs[p as usize],
                    completion: valid,
                };
                completions::stage(tx, line, &row)?;
                self.staged += 1;
            }
            (_, _, Err(_)) => sink.file_problem(line, "the file has too many lines".into()),
            _ => sink.row(line, problems),
        }
        Ok(())
    }

    fn check_across(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        let Some(keys) = self.keys.take() else {
            return Ok(());
        };
        // Equal keys but for the line are neighbours in the sorted keys: each such group is
        // one completion on several lines.
        let mut group: Vec<u128> = Vec::new();
        for key in keys.sorted()? {
            let key = key?;
            if group.last().is_some_and(|last| last >> 32 != key >> 32) {
                self.report_duplicates(&group, sink);
                group.clear();
            }
            group.push(key);
        }
        self.report_duplicates(&group, sink);
        Ok(())
    }

    fn write(
        &mut self,
        _tx: &Connection,
        _ctx: &RowContext<'_>,
        _record: &Record<'_>,
    ) -> Result<Option<Change>> {
        Err(Error::Internal(
            "completions are staged while they are checked; there is no second pass".into(),
        ))
    }

    fn writes_while_checking(&self) -> bool {
        true
    }

    fn end(&mut self, tx: &Connection) -> Result<()> {
        completions::stage_end(tx)
    }

    fn finish(&mut self, tx: &Connection, progress: &mut dyn FnMut(u64)) -> Result<Counts> {
        let max_id_before = self.max_id_before;
        for line in std::mem::take(&mut self.duplicates) {
            completions::unstage(tx, line)?;
            self.staged -= 1;
        }
        // One statement moves every staged row, in key order (SQLite's sorter spills to disk,
        // so memory stays bounded): each index then fills front to back, whatever the file's
        // order. The reach trigger is set aside and its work done in one statement after
        // (reach::bulk_insert: the move only inserts, or changes scores and certificates).
        // A load at least as big as the table also rebuilds its other indexes after, from
        // sorted rows, instead of updating them a row at a time all over.
        progress(0);
        let (staged, columns) = (self.staged, self.columns);
        let rebuild = staged >= max_id_before;
        let written = crate::reach::bulk_insert(tx, |conn| {
            if rebuild {
                completions::with_indexes_rebuilt(conn, || {
                    completions::upsert_staged(conn, &columns)
                })
            } else {
                completions::upsert_staged(conn, &columns)
            }
        })? as u64;
        progress(staged as u64);
        let inserted = completions::count_above(tx, max_id_before)? as u64;
        Ok(Counts {
            inserted,
            updated: written.saturating_sub(inserted),
            unchanged: (self.staged as u64).saturating_sub(written),
        })
    }
}

/// The one entry of `map` for `cell`, compared as [`super::mapping::value_key`] makes it.
fn found(map: Option<&HashMap<String, Vec<u32>>>, cell: &str) -> Found {
    match map.and_then(|m| m.get(&super::mapping::value_key(cell))) {
        Some(list) if list.len() == 1 => Found::One(list[0]),
        Some(list) if !list.is_empty() => Found::Several(list.clone()),
        _ => Found::Nothing,
    }
}
