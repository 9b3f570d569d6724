//! The audit trail: every change to the record, kept in `audit_log` in the same transaction
//! as the change, chained by SHA-256 so that an edit made outside Upskill is found.
//!
//! **Who and from where.** A [`Db`] carries an [`Actor`] (the OS user and the front end:
//! `app` or `cli`) set once by the front end after opening ([`Db::set_actor`]); core never
//! reads the environment. The write functions keep their signatures: they run in
//! [`Db::with_trail`], which hands them the transaction and a [`Trail`] that writes the
//! entries with that actor and one timestamp for the transaction. A database opened without
//! [`Db::set_actor`] writes its entries as user `unknown` from `app`.
//!
//! **Every write leaves an entry.** The connection counts, through SQLite's update hook, the
//! rows a transaction changes in the record's tables (employees, programs, completions,
//! requirements, exemptions, targets) and whether it wrote an audit entry; its commit hook
//! turns the commit of a transaction that changed the record without an entry into a
//! rollback ([`Error::Internal`], nothing written) once the front end has set the actor. So a
//! new write path that forgets its entry fails the first time it runs with an actor (the
//! audit tests set one; unit tests that set up data with raw SQL do not). Derived tables (coverage data, the
//! compliance cache) and saved import mappings are not the record and need no entry.
//!
//! **What an entry holds.** [`Entry`]: `at` (UTC, `YYYY-MM-DDTHH:MM:SSZ`, from the front
//! end's [`Clock`]), `actor`, `source` (`app`, `cli`, or `import` for an import's entry),
//! `entity` (the table, or `record` for the whole record: restore, demo), `key` (the
//! record's id; a completion's is `employee_id/program_id/completed_on`, an exemption's
//! `employee_id/requirement_id`, an import's the file name), `action`, and `before` / `after`:
//! the single record as a JSON object (its stored columns but internal row ids and derived
//! counts), NULL where there is none. An import is one entry (`after`: file, SHA-256, mapping,
//! counts), never one per row; a restore and a demo load are one entry each on `record`.
//! A write that changes nothing (a save of the same values) leaves no entry.
//!
//! **The hash chain.** `prev_hash` is the previous entry's `hash` (`""` for entry 1); `hash`
//! is the lower-case hex SHA-256 of the entry's canonical form, the bytes
//! `upskill-audit-v1,` followed by these fields in this order:
//! `prev_hash, id, at, actor, source, entity, key, action, before, after`,
//! each written as `<n>:<bytes>,` where `<bytes>` is the field's UTF-8 text (the id in decimal)
//! and `<n>` its length in bytes in decimal, or as `~,` when the field is NULL. Ids run 1, 2,
//! 3... without gaps. [`verify`] recomputes every hash and link: an entry edited outside
//! Upskill no longer matches its hash, a removed one leaves a gap, an inserted one matches
//! neither. Someone who rewrites an entry *and* every later hash is not caught by the chain
//! alone; the head hash [`verify`] returns, kept elsewhere (the evidence pack), catches that.
//! Triggers refuse UPDATE and DELETE of `audit_log` inside SQL; the chain does not rely on them.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, Result};

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Source {
    App,
    Cli,
    Import,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::App => "app",
            Source::Cli => "cli",
            Source::Import => "import",
        }
    }

    fn parse(s: &str) -> Option<Source> {
        [Source::App, Source::Cli, Source::Import]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Who makes the changes on a connection, and from where. The front end reads the OS user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub source: Source,
}

impl Actor {
    /// The OS user running this process (`USER`, `LOGNAME`, or Windows' `USERNAME`; on Unix
    /// without those — cron, a service, a container — the name /etc/passwd gives the process's
    /// uid), for the front ends: the core's write functions never read it.
    pub fn os_user(source: Source) -> Actor {
        let user = ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
            .or_else(user_of_process)
            .unwrap_or_default();
        Actor::new(user, source)
    }

    pub fn new(user: impl Into<String>, source: Source) -> Actor {
        let user = user.into();
        let user = if user.trim().is_empty() {
            UNKNOWN_USER.to_string()
        } else {
            user
        };
        Actor { user, source }
    }
}

/// The login name of this process's uid, from /etc/passwd (the uid read as the owner of
/// /proc/self, so no libc call is needed); None where either is missing.
#[cfg(unix)]
fn user_of_process() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    user_of_uid(&std::fs::read_to_string("/etc/passwd").ok()?, uid)
}

#[cfg(not(unix))]
fn user_of_process() -> Option<String> {
    None
}

/// The name of `uid` in a passwd file's text (`name:x:uid:gid:…` lines).
pub fn user_of_uid(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?.trim();
        let id: u32 = fields.nth(1)?.trim().parse().ok()?;
        (id == uid && !name.is_empty() && !name.starts_with('#')).then(|| name.to_string())
    })
}

impl Default for Actor {
    fn default() -> Self {
        Actor::new(UNKNOWN_USER, Source::App)
    }
}

/// The user of entries written by a connection whose front end did not say.
pub const UNKNOWN_USER: &str = "unknown";

/// The time an entry is stamped with. Front ends pass `chrono::Utc::now`; tests a fixed time.
pub type Clock = fn() -> DateTime<Utc>;

/// What the changed thing is: a table of the record, or the whole record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Entity {
    Employees,
    Programs,
    Completions,
    Requirements,
    Exemptions,
    Targets,
    Record,
}

impl Entity {
    pub const ALL: [Entity; 7] = [
        Entity::Employees,
        Entity::Programs,
        Entity::Completions,
        Entity::Requirements,
        Entity::Exemptions,
        Entity::Targets,
        Entity::Record,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Employees => "employees",
            Entity::Programs => "programs",
            Entity::Completions => "completions",
            Entity::Requirements => "requirements",
            Entity::Exemptions => "exemptions",
            Entity::Targets => "targets",
            Entity::Record => "record",
        }
    }

    pub fn parse(s: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

impl From<crate::import::ImportKind> for Entity {
    fn from(kind: crate::import::ImportKind) -> Entity {
        use crate::import::ImportKind as K;
        match kind {
            K::Employees => Entity::Employees,
            K::Programs => Entity::Programs,
            K::Completions => Entity::Completions,
            K::Requirements => Entity::Requirements,
            K::Exemptions => Entity::Exemptions,
            K::Targets => Entity::Targets,
        }
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    Insert,
    Update,
    Delete,
    Restore,
    Import,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
            Action::Import => "import",
        }
    }

    fn parse(s: &str) -> Option<Action> {
        [
            Action::Insert,
            Action::Update,
            Action::Delete,
            Action::Restore,
            Action::Import,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One entry of the trail, as stored. `before` and `after` are JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Entry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub source: Source,
    pub entity: Entity,
    pub key: String,
    pub action: Action,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The record tables whose changes need an entry (the update hook's table names).
const RECORD_TABLES: [&str; 6] = [
    "employees",
    "programs",
    "completions",
    "requirements",
    "exemptions",
    "targets",
];
const AUDIT_TABLE: &str = "audit_log";
/// Bits of [`Watch`]: the transaction changed the record / accounted for its changes.
const CHANGED: u8 = 1;
const ACCOUNTED: u8 = 2;
/// Set once a front end has said who it is ([`Db::set_actor`]): from then on a commit that
/// changed the record without an entry is refused. (Tests that set up data with raw SQL
/// leave it unset.)
const STRICT: u8 = 4;

/// What the current transaction on a connection did, as the hooks saw it.
#[derive(Clone, Default)]
pub(crate) struct Watch(Arc<AtomicU8>);

impl Watch {
    /// Installs the hooks that refuse a commit that changed the record without an entry.
    pub(crate) fn install(conn: &Connection) -> Result<Watch> {
        let watch = Watch::default();
        let seen = watch.0.clone();
        conn.update_hook(Some(
            move |_: rusqlite::hooks::Action, db: &str, table: &str, _: i64| {
                if db == "main" {
                    if table == AUDIT_TABLE {
                        seen.fetch_or(ACCOUNTED, Ordering::Relaxed);
                    } else if RECORD_TABLES.contains(&table) {
                        seen.fetch_or(CHANGED, Ordering::Relaxed);
                    }
                }
            },
        ))?;
        let seen = watch.0.clone();
        conn.commit_hook(Some(move || {
            // true turns the commit into a rollback.
            seen.fetch_and(STRICT, Ordering::Relaxed) == STRICT | CHANGED
        }))?;
        let seen = watch.0.clone();
        conn.rollback_hook(Some(move || {
            seen.fetch_and(STRICT, Ordering::Relaxed);
        }))?;
        Ok(watch)
    }

    /// A write that turned out to change nothing (same values saved) needs no entry.
    fn account(&self) {
        self.0.fetch_or(ACCOUNTED, Ordering::Relaxed);
    }
}

/// The error for a commit the hooks refused.
pub(crate) fn unaccounted_write() -> Error {
    Error::Internal(
        "a change to the record without an audit entry was refused; nothing was written".into(),
    )
}

/// Writes the entries of one transaction: one actor, one time.
pub struct Trail<'a> {
    actor: &'a Actor,
    at: String,
    watch: &'a Watch,
}

/// How a single record is found for its before/after snapshot.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lookup<'a> {
    /// By its id (employee_id, program_id, requirement_id, target_id).
    Id(&'a str),
    /// An exemption: employee_id, requirement_id.
    Exemption(&'a str, &'a str),
    /// A completion by its row id.
    Completion(i64),
}

/// A single record as the trail shows it: its key and its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    key: String,
    json: String,
}

/// The record named by `lookup`, or None when there is none.
pub(crate) fn snapshot(
    conn: &Connection,
    entity: Entity,
    lookup: Lookup<'_>,
) -> Result<Option<Snapshot>> {
    let sql = snapshot_sql(conn, entity)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let row = |r: &rusqlite::Row<'_>| {
        Ok(Snapshot {
            key: r.get(0)?,
            json: r.get(1)?,
        })
    };
    Ok(match lookup {
        Lookup::Id(id) => stmt.query_row(params![id.trim()], row),
        Lookup::Exemption(e, r) => stmt.query_row(params![e.trim(), r.trim()], row),
        Lookup::Completion(id) => stmt.query_row(params![id], row),
    }
    .optional()?)
}

/// `SELECT key, json_object(...)` of one record: every stored column but the internal row id
/// and derived counts, so a column a later migration adds is in the trail without a change
/// here. Table and column names come from the schema, never from input.
fn snapshot_sql(conn: &Connection, entity: Entity) -> Result<String> {
    let (table, key, filter) = match entity {
        Entity::Employees => ("employees", "employee_id", "employee_id = ?1"),
        Entity::Programs => ("programs", "program_id", "program_id = ?1"),
        Entity::Requirements => ("requirements", "requirement_id", "requirement_id = ?1"),
        Entity::Targets => ("targets", "target_id", "target_id = ?1"),
        Entity::Exemptions => (
            "exemptions",
            "employee_id || '/' || requirement_id",
            "employee_id = ?1 AND requirement_id = ?2",
        ),
        Entity::Completions => {
            return Ok(
                "SELECT e.employee_id || '/' || p.program_id || '/' || c.completed_on, \
                 json_object('employee_id', e.employee_id, 'program_id', p.program_id, \
                 'completed_on', c.completed_on, 'score', c.score, \
                 'certificate_id', c.certificate_id) \
                 FROM completions c JOIN employees e ON e.id = c.employee_ref \
                 JOIN programs p ON p.id = c.program_ref WHERE c.id = ?1"
                    .into(),
            )
        }
        Entity::Record => {
            return Err(Error::Internal(
                "the whole record has no single-record snapshot".into(),
            ))
        }
    };
    let columns: Vec<String> = conn
        .prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get::<_, String>(0))?
        .filter(|c| !matches!(c.as_deref(), Ok("id" | "completion_count")))
        .collect::<rusqlite::Result<_>>()?;
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {c}")).collect();
    Ok(format!(
        "SELECT {key}, json_object({}) FROM {table} WHERE {filter}",
        pairs.join(", ")
    ))
}

impl Db {
    /// Says who makes this connection's changes (the front end reads the OS user).
    pub fn set_actor(&mut self, actor: Actor) {
        self.audit_actor = actor;
        self.audit_watch.0.fetch_or(STRICT, Ordering::Relaxed);
    }

    /// The clock entries are stamped with (the front end's; `chrono::Utc::now` in the app
    /// and CLI, a fixed time in tests).
    pub fn set_clock(&mut self, clock: Clock) {
        self.audit_clock = clock;
    }

    /// A transaction that only recomputes derived data kept in the record tables (the
    /// completion counts, `upskill check --repair`): no change to the record itself, so no
    /// entry, and the hooks let it commit.
    pub(crate) fn with_derived_tx<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let watch = self.audit_watch.clone();
        self.with_tx(|tx| {
            let out = f(tx)?;
            watch.account();
            Ok(out)
        })
    }

    pub fn actor(&self) -> &Actor {
        &self.audit_actor
    }

    /// [`Db::with_tx`] for a change to the record: `f` gets the transaction and the
    /// [`Trail`] that writes its entries in it.
    pub fn with_trail<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &Trail<'_>) -> Result<T>,
    ) -> Result<T> {
        let at = format_at((self.audit_clock)());
        let actor = self.audit_actor.clone();
        let watch = self.audit_watch.clone();
        self.with_tx(|tx| {
            let trail = Trail {
                actor: &actor,
                at,
                watch: &watch,
            };
            f(tx, &trail)
        })
    }
}

/// `at` as stored: UTC to the second.
pub fn format_at(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Trail<'_> {
    /// Records the change of one record from `before` to what it is now (insert, update or
    /// delete); nothing when it did not change.
    pub(crate) fn changed(
        &self,
        conn: &Connection,
        entity: Entity,
        lookup: Lookup<'_>,
        before: Option<Snapshot>,
    ) -> Result<()> {
        let after = snapshot(conn, entity, lookup)?;
        let (key, action) = match (&before, &after) {
            (None, None) => return Ok(()),
            (Some(b), Some(a)) if b == a => {
                self.watch.account();
                return Ok(());
            }
            (None, Some(a)) => (&a.key, Action::Insert),
            (Some(b), None) => (&b.key, Action::Delete),
            (Some(_), Some(a)) => (&a.key, Action::Update),
        };
        self.record(
            conn,
            entity,
            key,
            action,
            before.as_ref().map(|s| s.json.as_str()),
            after.as_ref().map(|s| s.json.as_str()),
        )
    }

    /// Appends one entry with this transaction's actor and time.
    pub(crate) fn record(
        &self,
        conn: &Connection,
        entity: Entity,
        key: &str,
        action: Action,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        self.record_from(conn, self.actor.source, entity, key, action, before, after)
    }

    /// [`Trail::record`] with another source (an import's entry says `import`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn record_from(
        &self,
        conn: &Connection,
        source: Source,
        entity: Entity,
        key: &str,
        action: Action,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        append(
            conn,
            &self.at,
            &self.actor.user,
            source,
            entity,
            key,
            action,
            before,
            after,
        )
    }
}

/// Appends an entry: the next id, linked to the last entry's hash.
#[allow(clippy::too_many_arguments)]
fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    source: Source,
    entity: Entity,
    key: &str,
    action: Action,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    // AUTOINCREMENT's counter: the id after the highest ever used, even if that row is gone.
    let issued: i64 = conn
        .prepare_cached(
            "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'audit_log'",
        )?
        .query_row([], |r| r.get(0))?;
    let (last_id, prev_hash) = last.unwrap_or((0, String::new()));
    let id = last_id.max(issued) + 1;
    let hash = entry_hash(&Fields {
        prev_hash: &prev_hash,
        id,
        at,
        actor,
        source: source.as_str(),
        entity: entity.as_str(),
        key,
        action: action.as_str(),
        before,
        after,
    });
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, source, entity, key, action, before, after, \
         prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        id,
        at,
        actor,
        source.as_str(),
        entity.as_str(),
        key,
        action.as_str(),
        before,
        after,
        prev_hash,
        hash
    ])?;
    Ok(())
}

/// An entry's hashed fields, as text (what is stored, whatever it says).
struct Fields<'a> {
    prev_hash: &'a str,
    id: i64,
    at: &'a str,
    actor: &'a str,
    source: &'a str,
    entity: &'a str,
    key: &'a str,
    action: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

/// The canonical form's SHA-256, lower-case hex (see the module documentation).
fn entry_hash(f: &Fields<'_>) -> String {
    let mut h = Sha256::new();
    h.update(b"upskill-audit-v1,");
    let id = f.id.to_string();
    for field in [
        Some(f.prev_hash),
        Some(id.as_str()),
        Some(f.at),
        Some(f.actor),
        Some(f.source),
        Some(f.entity),
        Some(f.key),
        Some(f.action),
        f.before,
        f.after,
    ] {
        match field {
            Some(text) => {
                h.update(format!("{}:", text.len()).as_bytes());
                h.update(text.as_bytes());
                h.update(b",");
            }
            None => h.update(b"~,"),
        }
    }
    hex(&h.finalize())
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The SHA-256 of a file's bytes, lower-case hex (an import's entry names its file by it).
pub fn file_sha256(path: &std::path::Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = Sha256::new();
    std::io::copy(&mut file, &mut h).map_err(|e| Error::io(path, e))?;
    Ok(hex(&h.finalize()))
}

/// Which entries [`entries`] returns. Dates are whole UTC days, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub entity: Option<Entity>,
}

/// The entries that pass `filter`, oldest first. Entries are read as stored: a value that is
/// not one Upskill writes (the table edited outside it) is an error naming the entry;
/// [`verify`] says which entries were changed.
pub fn entries(conn: &Connection, filter: &Filter) -> Result<Vec<Entry>> {
    let from = filter.from.map(|d| format!("{d}T00:00:00Z"));
    // The day after `to`, so every time on `to` is in.
    let to = filter
        .to
        .map(|d| d.succ_opt().unwrap_or(d))
        .map(|d| format!("{d}T00:00:00Z"));
    let entity = filter.entity.map(Entity::as_str);
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE (?1 IS NULL OR at >= ?1) \
         AND (?2 IS NULL OR at < ?2) AND (?3 IS NULL OR entity = ?3) ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![from, to, entity], entry_from_row)?;
    rows.map(|row| row.map_err(Error::from).and_then(entry_of))
        .collect()
}

/// The stored columns of one entry, in [`ENTRY_COLUMNS`] order, before their words are checked.
type RawEntry = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// The columns every read of entries selects, in the order [`entry_from_row`] reads them.
const ENTRY_COLUMNS: &str =
    "id, at, actor, source, entity, key, action, before, after, prev_hash, hash";

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawEntry> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
    ))
}

/// An entry as stored, its source, entity and action checked against the words Upskill
/// writes: anything else was written outside Upskill.
fn entry_of(raw: RawEntry) -> Result<Entry> {
    let (id, at, actor, source, entity, key, action, before, after, prev_hash, hash) = raw;
    let bad = |what: &str, value: &str| {
        Error::Internal(format!(
            "audit entry {id} has {what} '{value}', which Upskill never writes: the trail was edited outside Upskill (`upskill audit verify`)"
        ))
    };
    Ok(Entry {
        id,
        source: Source::parse(&source).ok_or_else(|| bad("the source", &source))?,
        entity: Entity::parse(&entity).ok_or_else(|| bad("the entity", &entity))?,
        action: Action::parse(&action).ok_or_else(|| bad("the action", &action))?,
        at,
        actor,
        key,
        before,
        after,
        prev_hash,
        hash,
    })
}

/// What the History page asks for: entries of one entity (and one record of it, by key),
/// of whole UTC days `from`..=`to`, newest first, `limit` from `offset`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct HistoryQuery {
    #[ts(optional)]
    pub entity: Option<Entity>,
    /// Exact key (an employee id, a program id, a completion's `employee/program/date`).
    #[ts(optional)]
    pub key: Option<String>,
    /// `YYYY-MM-DD`, UTC.
    #[ts(optional)]
    pub from: Option<String>,
    /// `YYYY-MM-DD`, UTC, included.
    #[ts(optional)]
    pub to: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the trail, newest first, and how many entries pass the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HistoryPage {
    pub entries: Vec<Entry>,
    #[ts(type = "number")]
    pub total: i64,
}

/// The largest page [`history`] returns.
pub const HISTORY_PAGE_MAX: u32 = 500;

/// One page of the trail for the History page, paged in SQL (newest first).
pub fn history(conn: &Connection, q: &HistoryQuery) -> Result<HistoryPage> {
    let day = |field: &str, text: &Option<String>| -> Result<Option<NaiveDate>> {
        match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => crate::domain::parse_iso_date(t)
                .map(Some)
                .ok_or_else(|| Error::invalid(field, format!("'{t}' is not a date (YYYY-MM-DD)"))),
        }
    };
    let from = day("from", &q.from)?.map(|d| format!("{d}T00:00:00Z"));
    let to = day("to", &q.to)?
        .map(|d| d.succ_opt().unwrap_or(d))
        .map(|d| format!("{d}T00:00:00Z"));
    let entity = q.entity.map(Entity::as_str);
    let key = q.key.as_deref().map(str::trim).filter(|k| !k.is_empty());
    let filter = "(?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) \
                  AND (?3 IS NULL OR entity = ?3) AND (?4 IS NULL OR key = ?4)";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM audit_log WHERE {filter}"),
        params![from, to, entity, key],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE {filter} ORDER BY id DESC LIMIT ?5 OFFSET ?6"
    ))?;
    let limit = q.limit.clamp(1, HISTORY_PAGE_MAX);
    let rows = stmt.query_map(
        params![from, to, entity, key, limit, q.offset],
        entry_from_row,
    )?;
    let entries = rows
        .map(|row| row.map_err(Error::from).and_then(entry_of))
        .collect::<Result<Vec<_>>>()?;
    Ok(HistoryPage { entries, total })
}

/// The entries of the UTC days `from` to `to`, both included, oldest first: what the
/// evidence pack's `changes.csv` holds ([`write_csv`]).
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Entry>> {
    entries(
        conn,
        &Filter {
            from: Some(from),
            to: Some(to),
            entity: None,
        },
    )
}

/// The columns of [`write_csv`], in order. Stable: tools read `changes.csv` by them.
pub const CSV_COLUMNS: [&str; 11] = [
    "id",
    "at",
    "actor",
    "source",
    "entity",
    "key",
    "action",
    "before",
    "after",
    "prev_hash",
    "hash",
];

/// Writes `entries` as CSV: a header of [`CSV_COLUMNS`], then one row per entry; `before`
/// and `after` are the JSON text (empty when NULL).
pub fn write_csv<W: Write>(entries: &[Entry], out: W) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Error::Internal(format!("could not write the audit CSV: {e}"));
    w.write_record(CSV_COLUMNS).map_err(io)?;
    for e in entries {
        let id = e.id.to_string();
        w.write_record([
            id.as_str(),
            &e.at,
            &e.actor,
            e.source.as_str(),
            e.entity.as_str(),
            &e.key,
            e.action.as_str(),
            e.before.as_deref().unwrap_or(""),
            e.after.as_deref().unwrap_or(""),
            &e.prev_hash,
            &e.hash,
        ])
        .map_err(io)?;
    }
    w.flush()
        .map_err(|e| Error::Internal(format!("could not write the audit CSV: {e}")))?;
    Ok(())
}

/// `entries` as a JSON array of objects with [`CSV_COLUMNS`] as keys; `before` and `after`
/// are JSON objects (or null), not text.
pub fn to_json(entries: &[Entry]) -> serde_json::Value {
    let json = |text: &Option<String>| {
        text.as_deref()
            .map(|t| serde_json::from_str(t).unwrap_or(serde_json::Value::String(t.into())))
            .unwrap_or(serde_json::Value::Null)
    };
    serde_json::Value::Array(
        entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "at": e.at,
                    "actor": e.actor,
                    "source": e.source.as_str(),
                    "entity": e.entity.as_str(),
                    "key": e.key,
                    "action": e.action.as_str(),
                    "before": json(&e.before),
                    "after": json(&e.after),
                    "prev_hash": e.prev_hash,
                    "hash": e.hash,
                })
            })
            .collect(),
    )
}

/// One broken link of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Break {
    /// The entry's content no longer gives its hash: it was edited.
    Altered {
        #[ts(type = "number")]
        id: i64,
    },
    /// Neither the content nor the link matches: the entry was put in (or rewritten whole)
    /// outside Upskill.
    Foreign {
        #[ts(type = "number")]
        id: i64,
    },
    /// The entry is intact but its link is not the hash of the entry before it: that entry
    /// was rewritten with a new hash, or this one was put in outside Upskill.
    Relinked {
        #[ts(type = "number")]
        id: i64,
    },
    /// Entries `first` to `last` are gone.
    Removed {
        #[ts(type = "number")]
        first: i64,
        #[ts(type = "number")]
        last: i64,
    },
}

impl Break {
    /// The entry id the break is reported at.
    pub fn id(&self) -> i64 {
        match *self {
            Break::Altered { id } | Break::Foreign { id } | Break::Relinked { id } => id,
            Break::Removed { first, .. } => first,
        }
    }
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Break::Altered { id } => write!(
                f,
                "entry {id}: altered (its content does not match its hash)"
            ),
            Break::Foreign { id } => write!(
                f,
                "entry {id}: not written by Upskill (neither its content nor its link matches)"
            ),
            Break::Relinked { id } => write!(
                f,
                "entry {id}: its link does not match entry {}'s hash (entry {} was rewritten, or this one inserted)",
                id - 1,
                id - 1
            ),
            Break::Removed { first, last } if first == last => {
                write!(f, "entry {first}: removed")
            }
            Break::Removed { first, last } => write!(f, "entries {first} to {last}: removed"),
        }
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Verification {
    #[ts(type = "number")]
    pub entries: i64,
    /// The last entry's hash ("" for an empty trail): kept elsewhere, it shows later that the
    /// trail up to it was not rewritten.
    pub head: String,
    /// Every broken link, in id order; empty when the trail is intact.
    pub breaks: Vec<Break>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// Recomputes every entry's hash and link (see the module documentation).
pub fn verify(conn: &Connection) -> Result<Verification> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, source, entity, key, action, before, after, prev_hash, hash \
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut breaks = Vec::new();
    let mut entries = 0;
    let mut expected_id = 1;
    let mut previous_hash = String::new();
    // Text reads of every column: a value of the wrong type (edited outside) still hashes.
    let text = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<String>> {
        Ok(match r.get_ref(i)? {
            rusqlite::types::ValueRef::Null => None,
            rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
            rusqlite::types::ValueRef::Real(x) => Some(x.to_string()),
            rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                Some(String::from_utf8_lossy(t).into_owned())
            }
        })
    };
    while let Some(r) = rows.next()? {
        entries += 1;
        let id: i64 = r.get(0)?;
        let f: Vec<Option<String>> = (1..=10)
            .map(|i| text(r, i))
            .collect::<rusqlite::Result<_>>()?;
        let s = |i: usize| f[i].as_deref().unwrap_or("");
        let stored_prev = s(8);
        let stored_hash = s(9);
        let content_ok = entry_hash(&Fields {
            prev_hash: stored_prev,
            id,
            at: s(0),
            actor: s(1),
            source: s(2),
            entity: s(3),
            key: s(4),
            action: s(5),
            before: f[6].as_deref(),
            after: f[7].as_deref(),
        }) == stored_hash;
        let gap = id > expected_id;
        if gap {
            breaks.push(Break::Removed {
                first: expected_id,
                last: id - 1,
            });
        }
        // Across a gap the link cannot be checked: the gap is the break.
        let link_ok = gap || stored_prev == previous_hash;
        match (content_ok, link_ok) {
            (true, true) => {}
            (false, true) => breaks.push(Break::Altered { id }),
            (false, false) => breaks.push(Break::Foreign { id }),
            (true, false) => breaks.push(Break::Relinked { id }),
        }
        expected_id = id + 1;
        previous_hash = stored_hash.to_string();
    }
    // The newest entries removed: AUTOINCREMENT's counter remembers the highest id issued.
    let issued: i64 = conn.query_row(
        "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'audit_log'",
        [],
        |r| r.get(0),
    )?;
    if issued >= expected_id {
        breaks.push(Break::Removed {
            first: expected_id,
            last: issued,
        });
    }
    Ok(Verification {
        entries,
        head: previous_hash,
        breaks,
    })
}

/// Appends one entry outside any record write, with the actor's source: a restore's.
pub(crate) fn record_whole(
    db: &mut Db,
    action: Action,
    key: &str,
    after: &serde_json::Value,
) -> Result<()> {
    let after = after.to_string();
    db.with_trail(|tx, trail| trail.record(tx, Entity::Record, key, action, None, Some(&after)))
}
