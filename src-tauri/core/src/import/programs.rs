//! Programs files: the catalog, with duplicate program ids found across rows.

use std::collections::HashMap;

use rusqlite::Connection;

use super::columns::Header;
use super::load::{key_cell, Change, RowState, Seen, Sink, Table};
use super::records::Record;
use super::rows::{col, RowContext};
use crate::error::Result;
use crate::programs::{self, ProgramColumns};

#[derive(Debug, Clone, Copy)]
struct ProgramNode {
    in_db: bool,
    seen: Seen,
    state: RowState,
}

/// Programs: the catalog's ids, to tell inserts from updates and find duplicates.
pub(super) struct Catalog {
    ids: HashMap<Box<str>, ProgramNode>,
    columns: ProgramColumns,
}

impl Catalog {
    pub(super) fn load(conn: &Connection, header: &Header) -> Result<Catalog> {
        use col::program::*;
        let mut ids = HashMap::new();
        programs::for_each_ref(conn, |_, program_id| {
            ids.insert(
                Box::from(program_id),
                ProgramNode {
                    in_db: true,
                    seen: Seen::default(),
                    state: RowState::Absent,
                },
            );
        })?;
        Ok(Catalog {
            ids,
            columns: ProgramColumns {
                provider: header.has(PROVIDER),
                hours: header.has(HOURS),
                validity_months: header.has(VALIDITY_MONTHS),
            },
        })
    }
}

impl Table for Catalog {
    fn check(
        &mut self,
        _tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let line = record.line;
        let result = ctx.program(record);
        let mut unique = true;
        let mut node = None;
        if let Some(id) = key_cell(ctx, record, col::program::PROGRAM_ID) {
            let entry = self
                .ids
                .entry(Box::from(id.as_str()))
                .or_insert(ProgramNode {
                    in_db: false,
                    seen: Seen::default(),
                    state: RowState::Absent,
                });
            unique = entry.seen.claim(line, "program_id", &id, sink);
            node = Some(entry);
        }
        let valid = match result {
            Ok(_) => unique,
            Err(problems) => {
                sink.row(line, problems);
                false
            }
        };
        if let Some(node) = node {
            node.state = if valid {
                RowState::Valid
            } else {
                RowState::Rejected
            };
        }
        Ok(())
    }

    fn check_across(&mut self, _sink: &mut Sink<'_>) -> Result<()> {
        Ok(())
    }

    fn write(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> Result<Option<Change>> {
        let Ok(valid) = ctx.program(record) else {
            return Ok(None);
        };
        let Some(node) = self.ids.get(valid.program_id.as_str()) else {
            return Ok(None);
        };
        if node.state != RowState::Valid || node.seen.line != record.line {
            return Ok(None);
        }
        if !node.in_db {
            programs::insert(tx, &valid)?;
            Ok(Some(Change::Inserted))
        } else if programs::update_changed(tx, &valid, &self.columns)? {
            Ok(Some(Change::Updated))
        } else {
            Ok(Some(Change::Unchanged))
        }
    }
}
