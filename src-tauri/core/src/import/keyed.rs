//! The loader every small record kind shares: one row, one record, found by its key. Checks
//! each row (its own rules, then the references it makes, against the database), refuses a
//! key on two rows (or keeps the last, as a mapping may say), and upserts the rows that
//! passed. The kinds themselves are [`super::requirements`], [`super::exemptions`] and
//! [`super::targets`]: each says how a row is read, what its key is and how it is written.

use std::collections::HashMap;

use rusqlite::Connection;

use super::load::{Change, Seen, Sink, Table};
use super::records::Record;
use super::rows::RowContext;
use crate::error::{Error, FieldProblem, Result};

/// One small record kind.
pub(super) trait Kind {
    type Valid;
    /// The column (of the kind's) that holds the key, for messages.
    const KEY_FIELD: &'static str;
    fn read(
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> std::result::Result<Self::Valid, Vec<FieldProblem>>;
    fn key(valid: &Self::Valid) -> String;
    /// The checks that need the database (an unknown program, employee, requirement...).
    fn check_refs(conn: &Connection, valid: &Self::Valid) -> Result<()>;
    fn upsert(tx: &Connection, valid: &Self::Valid) -> Result<crate::db::Change>;
}

/// The loader of kind `K`.
pub(super) struct Keyed<K: Kind> {
    seen: HashMap<String, Seen>,
    kind: std::marker::PhantomData<K>,
}

impl<K: Kind> Keyed<K> {
    pub(super) fn new() -> Self {
        Keyed {
            seen: HashMap::new(),
            kind: std::marker::PhantomData,
        }
    }
}

impl<K: Kind> Table for Keyed<K> {
    fn check(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let line = record.line;
        match K::read(ctx, record) {
            Ok(valid) => {
                let key = K::key(&valid);
                let unique =
                    self.seen
                        .entry(key.clone())
                        .or_default()
                        .claim(line, K::KEY_FIELD, &key, sink);
                match K::check_refs(tx, &valid) {
                    Ok(()) => {}
                    Err(Error::Invalid(problems)) => sink.row(line, problems),
                    Err(other) => return Err(other),
                }
                let _ = unique;
            }
            Err(problems) => sink.row(line, problems),
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
        let Ok(valid) = K::read(ctx, record) else {
            return Ok(None);
        };
        Ok(Some(match K::upsert(tx, &valid)? {
            crate::db::Change::Inserted => Change::Inserted,
            crate::db::Change::Updated => Change::Updated,
            crate::db::Change::Unchanged => Change::Unchanged,
        }))
    }
}
