-- Migration 7: targets (a coverage or divide goal for a scope, by a due date).
-- Append-only: never edit after release; add a new file.
-- Every rule Rust validates (domain.rs: TargetInput) is repeated here, except "due not in the
-- past at creation", which depends on the day (targets.rs checks it when a target is added).

-- The scope: each column optional (none = everyone); manager_id = everyone below that
-- manager, at any depth. metric 'coverage': the coverage percentage of the scope;
-- 'divide': the highest minus the lowest shown generation's coverage, in points.
CREATE TABLE targets (
    id         INTEGER PRIMARY KEY,
    target_id  TEXT    NOT NULL UNIQUE
               CHECK (length(trim(target_id)) > 0 AND length(target_id) <= 64
                      AND target_id = trim(target_id)),
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
    department TEXT    CHECK (department IS NULL
                              OR (length(trim(department)) > 0 AND length(department) <= 200)),
    role       TEXT    CHECK (role IS NULL OR (length(trim(role)) > 0 AND length(role) <= 200)),
    location   TEXT    CHECK (location IS NULL
                              OR (length(trim(location)) > 0 AND length(location) <= 200)),
    generation TEXT    CHECK (generation IS NULL OR generation IN ('Silent Generation',
                              'Baby Boomers', 'Gen X', 'Millennials', 'Gen Z', 'Gen Alpha')),
    skill_area TEXT    CHECK (skill_area IS NULL
                              OR (length(trim(skill_area)) > 0 AND length(skill_area) <= 200)),
    manager_id TEXT    REFERENCES employees (employee_id),
    metric     TEXT    NOT NULL CHECK (metric IN ('coverage', 'divide')),
    value      REAL    NOT NULL CHECK (value >= 0 AND value <= 100),
    due        TEXT    NOT NULL CHECK (date(due) IS due AND due >= '1900-01-01')
) STRICT;

CREATE TRIGGER targets_id_is_permanent
BEFORE UPDATE OF target_id ON targets
WHEN NEW.target_id IS NOT OLD.target_id
BEGIN
    SELECT RAISE(ABORT, 'target_id cannot change');
END;
