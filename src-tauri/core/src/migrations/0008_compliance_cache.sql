-- Migration 8 (the number may change at merge; the file depends on 0001 only): each
-- employee's latest completion of every program, kept current on write, so the compliance
-- engine reads one small row per employee instead of grouping every completion.
-- Append-only: never edit after release; add a new file.

-- One row per employee with at least one completion, derived entirely from `completions` by
-- the triggers below (and reach::bulk_insert, which does the insert trigger's work
-- set-based); never written by application code. Invariants:
--   last_on = (SELECT max(completed_on) FROM completions WHERE employee_ref = ...)
--   latest  = a JSON object: for each program the employee completed, its row id (as text)
--             -> the latest completed_on of that program, e.g. {"12":"2025-03-01","40":"..."}
--             (key order is not significant).
-- Exact for an as-of date D on or after last_on; for an earlier D the compliance engine
-- reads that employee's completions instead (compliance/mod.rs).
-- Writers must not use INSERT OR REPLACE on completions (see migration 2).
CREATE TABLE compliance_latest (
    employee_ref INTEGER PRIMARY KEY,
    last_on      TEXT    NOT NULL,
    latest       TEXT    NOT NULL
) STRICT;

-- A database that already holds completions gets its rows now.
INSERT INTO compliance_latest (employee_ref, last_on, latest)
SELECT employee_ref, max(last_on), json_group_object(CAST(program_ref AS TEXT), last_on)
FROM (SELECT employee_ref, program_ref, max(completed_on) AS last_on
      FROM completions GROUP BY employee_ref, program_ref)
GROUP BY employee_ref;

-- A new completion: its program's date moves forward if it is later. Writes only on a change.
CREATE TRIGGER completions_compliance_insert
AFTER INSERT ON completions
BEGIN
    INSERT INTO compliance_latest (employee_ref, last_on, latest)
    VALUES (NEW.employee_ref, NEW.completed_on,
            json_object(CAST(NEW.program_ref AS TEXT), NEW.completed_on))
    ON CONFLICT (employee_ref) DO UPDATE SET
        last_on = max(last_on, excluded.last_on),
        latest  = json_set(latest, '$."' || NEW.program_ref || '"', NEW.completed_on)
    WHERE ifnull(json_extract(latest, '$."' || NEW.program_ref || '"'), '') < NEW.completed_on;
END;

-- A deleted completion: recompute its employee from their remaining completions (read
-- through the UNIQUE (employee_ref, program_ref, completed_on) index).
CREATE TRIGGER completions_compliance_delete
AFTER DELETE ON completions
BEGIN
    DELETE FROM compliance_latest WHERE employee_ref = OLD.employee_ref;
    INSERT INTO compliance_latest (employee_ref, last_on, latest)
    SELECT employee_ref, max(last_on), json_group_object(CAST(program_ref AS TEXT), last_on)
    FROM (SELECT employee_ref, program_ref, max(completed_on) AS last_on
          FROM completions WHERE employee_ref = OLD.employee_ref
          GROUP BY employee_ref, program_ref)
    GROUP BY employee_ref;
END;

-- A changed completion: recompute the employee it left and the one it went to.
CREATE TRIGGER completions_compliance_update
AFTER UPDATE OF employee_ref, program_ref, completed_on ON completions
BEGIN
    DELETE FROM compliance_latest WHERE employee_ref IN (OLD.employee_ref, NEW.employee_ref);
    INSERT INTO compliance_latest (employee_ref, last_on, latest)
    SELECT employee_ref, max(last_on), json_group_object(CAST(program_ref AS TEXT), last_on)
    FROM (SELECT employee_ref, program_ref, max(completed_on) AS last_on
          FROM completions WHERE employee_ref IN (OLD.employee_ref, NEW.employee_ref)
          GROUP BY employee_ref, program_ref)
    GROUP BY employee_ref;
END;
