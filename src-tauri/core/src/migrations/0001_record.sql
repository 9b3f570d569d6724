-- Migration 1: the training record. Append-only: never edit after release; add a new file.
-- Every rule Rust validates is repeated here, so no code path can store what the domain forbids.

CREATE TABLE employees (
    id          INTEGER PRIMARY KEY,
    employee_id TEXT    NOT NULL UNIQUE
                CHECK (length(trim(employee_id)) > 0 AND length(employee_id) <= 64),
    full_name   TEXT    NOT NULL CHECK (length(trim(full_name)) > 0),
    email       TEXT    CHECK (email IS NULL OR email LIKE '%_@_%'),
    role        TEXT    NOT NULL CHECK (length(trim(role)) > 0),
    department  TEXT    NOT NULL CHECK (length(trim(department)) > 0),
    -- Deferred so a file may name a manager on a later line; cycles are refused by triggers.
    manager_id  TEXT    REFERENCES employees (employee_id) DEFERRABLE INITIALLY DEFERRED
                CHECK (manager_id IS NULL OR manager_id <> employee_id),
    -- Year only: a full date of birth is never stored.
    birth_year  INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
    hire_date   TEXT    CHECK (hire_date IS NULL OR date(hire_date) IS hire_date),
    location    TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE INDEX employees_manager    ON employees (manager_id);
CREATE INDEX employees_name       ON employees (full_name COLLATE NOCASE);
CREATE INDEX employees_role       ON employees (role);
CREATE INDEX employees_department ON employees (department);
CREATE INDEX employees_location   ON employees (location);
CREATE INDEX employees_hire_date  ON employees (hire_date);

-- A manager chain may not loop back to the employee. Walks up from the new manager.
CREATE TRIGGER employees_no_cycle_insert
BEFORE INSERT ON employees
WHEN NEW.manager_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'manager cycle')
    WHERE EXISTS (
        WITH RECURSIVE chain (eid) AS (
            SELECT NEW.manager_id
            UNION
            SELECT e.manager_id FROM employees e JOIN chain ON e.employee_id = chain.eid
            WHERE e.manager_id IS NOT NULL
        )
        SELECT 1 FROM chain WHERE eid = NEW.employee_id
    );
END;

CREATE TRIGGER employees_no_cycle_update
BEFORE UPDATE OF manager_id ON employees
WHEN NEW.manager_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'manager cycle')
    WHERE EXISTS (
        WITH RECURSIVE chain (eid) AS (
            SELECT NEW.manager_id
            UNION
            SELECT e.manager_id FROM employees e JOIN chain ON e.employee_id = chain.eid
            WHERE e.manager_id IS NOT NULL
        )
        SELECT 1 FROM chain WHERE eid = NEW.employee_id
    );
END;

-- The HR key is permanent: other records and files refer to it.
CREATE TRIGGER employees_id_is_permanent
BEFORE UPDATE OF employee_id ON employees
WHEN NEW.employee_id IS NOT OLD.employee_id
BEGIN
    SELECT RAISE(ABORT, 'employee_id cannot change');
END;

CREATE TABLE programs (
    id              INTEGER PRIMARY KEY,
    program_id      TEXT    NOT NULL UNIQUE
                    CHECK (length(trim(program_id)) > 0 AND length(program_id) <= 64),
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    skill_area      TEXT    NOT NULL CHECK (length(trim(skill_area)) > 0),
    format          TEXT    NOT NULL CHECK (format IN ('bootcamp', 'vendor_certification',
                        'hands_on_lab', 'e_learning', 'workshop', 'other')),
    provider        TEXT,
    hours           REAL    CHECK (hours IS NULL OR (hours > 0 AND hours <= 10000)),
    -- NULL = the completion never expires.
    validity_months INTEGER CHECK (validity_months IS NULL OR validity_months BETWEEN 1 AND 1200),
    retired         INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;

CREATE TRIGGER programs_id_is_permanent
BEFORE UPDATE OF program_id ON programs
WHEN NEW.program_id IS NOT OLD.program_id
BEGIN
    SELECT RAISE(ABORT, 'program_id cannot change');
END;

CREATE TABLE completions (
    id             INTEGER PRIMARY KEY,
    employee_ref   INTEGER NOT NULL REFERENCES employees (id),
    program_ref    INTEGER NOT NULL REFERENCES programs (id),
    completed_on   TEXT    NOT NULL CHECK (date(completed_on) IS completed_on),
    score          REAL    CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    certificate_id TEXT,
    -- The same employee, program and date is one completion, not two.
    UNIQUE (employee_ref, program_ref, completed_on)
) STRICT;

CREATE INDEX completions_program ON completions (program_ref);
CREATE INDEX completions_date    ON completions (completed_on);
