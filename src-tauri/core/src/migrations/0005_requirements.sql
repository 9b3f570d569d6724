-- Migration 5: required training (requirements) and who is excused from it (exemptions).
-- Append-only: never edit after release; add a new file.
-- Every rule Rust validates (domain.rs: RequirementInput, ExemptionInput) is repeated here.

-- A requirement: who it applies to (role, department, location, each optional and matched
-- ignoring case; none = everyone), what satisfies it (exactly one of a program or a skill
-- area), how many days a person has (due_days, from the later of hire date and
-- effective_from) and from when it is in effect. Never deleted: retired instead.
CREATE TABLE requirements (
    id             INTEGER PRIMARY KEY,
    requirement_id TEXT    NOT NULL UNIQUE
                   CHECK (length(trim(requirement_id)) > 0 AND length(requirement_id) <= 64
                          AND requirement_id = trim(requirement_id)),
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
    role           TEXT    CHECK (role IS NULL OR (length(trim(role)) > 0 AND length(role) <= 200)),
    department     TEXT    CHECK (department IS NULL
                                  OR (length(trim(department)) > 0 AND length(department) <= 200)),
    location       TEXT    CHECK (location IS NULL
                                  OR (length(trim(location)) > 0 AND length(location) <= 200)),
    program_id     TEXT    REFERENCES programs (program_id),
    skill_area     TEXT    CHECK (skill_area IS NULL
                                  OR (length(trim(skill_area)) > 0 AND length(skill_area) <= 200)),
    due_days       INTEGER NOT NULL DEFAULT 90 CHECK (due_days BETWEEN 0 AND 36500),
    effective_from TEXT    NOT NULL CHECK (date(effective_from) IS effective_from
                                           AND effective_from >= '1900-01-01'),
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    -- Exactly one of the two says what satisfies the requirement.
    CHECK ((program_id IS NULL) <> (skill_area IS NULL))
) STRICT;

CREATE INDEX requirements_program ON requirements (program_id);

CREATE TRIGGER requirements_id_is_permanent
BEFORE UPDATE OF requirement_id ON requirements
WHEN NEW.requirement_id IS NOT OLD.requirement_id
BEGIN
    SELECT RAISE(ABORT, 'requirement_id cannot change');
END;

-- An exemption excuses one employee from one requirement, for a reason, until a date
-- (inclusive) or for good. One per (employee, requirement).
CREATE TABLE exemptions (
    id             INTEGER PRIMARY KEY,
    employee_id    TEXT    NOT NULL REFERENCES employees (employee_id),
    requirement_id TEXT    NOT NULL REFERENCES requirements (requirement_id),
    reason         TEXT    NOT NULL CHECK (length(trim(reason)) > 0 AND length(reason) <= 200),
    until          TEXT    CHECK (until IS NULL OR (date(until) IS until AND until >= '1900-01-01')),
    UNIQUE (employee_id, requirement_id)
) STRICT;

CREATE INDEX exemptions_requirement ON exemptions (requirement_id);
