-- Migration 9 (the number may change at merge; the file depends on 0001 only): the audit
-- trail. Append-only: never edit after release; add a new file.
--
-- One row per change to the record, written by Upskill in the same transaction as the change
-- (crate::audit owns the rules and the hash chain; nothing else writes here). Invariants:
--   id       = 1, 2, 3, ... with no gaps (AUTOINCREMENT never reuses an id; a rolled-back
--              entry takes none), so a missing id is a removed entry;
--   at       = UTC, 'YYYY-MM-DDTHH:MM:SSZ';
--   prev_hash = the hash of entry id - 1 ('' for entry 1);
--   hash     = lower-case hex SHA-256 of the entry's canonical form (crate::audit docs).
-- Rows already in the record when this migration runs have no history: the trail starts here.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    source    TEXT    NOT NULL CHECK (source IN ('app', 'cli', 'import')),
    entity    TEXT    NOT NULL CHECK (entity IN ('employees', 'programs', 'completions',
                          'requirements', 'exemptions', 'targets', 'record')),
    key       TEXT    NOT NULL,
    action    TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore',
                          'import')),
    before    TEXT    CHECK (before IS NULL OR json_valid(before)),
    after     TEXT    CHECK (after IS NULL OR json_valid(after)),
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity_key ON audit_log (entity, key);

-- Append-only inside Upskill. Someone who drops these triggers can still edit the table;
-- `upskill audit verify` finds that through the hash chain.
CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
