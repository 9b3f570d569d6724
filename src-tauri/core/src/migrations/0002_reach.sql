-- Migration 2: who has been reached by AI training, kept current on write, so coverage
-- reports read one small row per employee instead of every completion.
-- Append-only: never edit after release; add a new file.

-- The bit each skill area has in reach.area_bits: bit min(id, 62). Areas are only ever added
-- (by the program triggers below); ids 62 and up share bit 62, which reports then treat as
-- "maybe" and confirm against the completions.
CREATE TABLE reach_areas (
    id         INTEGER PRIMARY KEY,
    skill_area TEXT    NOT NULL UNIQUE
) STRICT;

-- One row per employee with at least one completion, derived entirely from `completions`
-- and `programs` by the triggers below; never written by application code.
--   first_on, last_on: the earliest and latest completion date.
--   area_bits:   bit min(reach_areas.id, 62) set for each skill area with a completion.
--   format_bits: bit i set for each program format with a completion, in the order
--                bootcamp, vendor_certification, hands_on_lab, e_learning, workshop, other.
-- "Trained as of D" = first_on <= D. With a skill-area or format filter, the bit says whether
-- the employee ever trained there; when every completion is on or before D (last_on <= D)
-- that is the answer, otherwise report.rs confirms it against the completions.
-- Keyed by the employee's rowid, so a report joins it with one cheap lookup per employee.
-- Writers must not use INSERT OR REPLACE on completions: a REPLACE deletes the old row
-- without firing the delete trigger (recursive triggers are off). Use ON CONFLICT instead.
CREATE TABLE reach (
    employee_ref INTEGER PRIMARY KEY,
    first_on     TEXT    NOT NULL,
    last_on      TEXT    NOT NULL,
    area_bits    INTEGER NOT NULL,
    format_bits  INTEGER NOT NULL
) STRICT;

-- A database that already holds programs and completions gets its rows now.
INSERT INTO reach_areas (skill_area)
SELECT DISTINCT skill_area FROM programs ORDER BY skill_area;

INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits)
SELECT c.employee_ref, min(c.completed_on), max(c.completed_on),
       sum(DISTINCT 1 << min(coalesce(a.id, 62), 62)),
       sum(DISTINCT CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2
           WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END)
FROM completions c
JOIN programs p ON p.id = c.program_ref
LEFT JOIN reach_areas a ON a.skill_area = p.skill_area
GROUP BY c.employee_ref;

-- Every skill area a program names has a bit.
CREATE TRIGGER programs_reach_area_insert
AFTER INSERT ON programs
BEGIN
    INSERT OR IGNORE INTO reach_areas (skill_area) VALUES (NEW.skill_area);
END;

-- A new completion widens its employee's dates and sets its bits. Writes only on a change.
CREATE TRIGGER completions_reach_insert
AFTER INSERT ON completions
BEGIN
    INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits)
    SELECT NEW.employee_ref, NEW.completed_on, NEW.completed_on,
           1 << min(coalesce(a.id, 62), 62),
           CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2
               WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END
    FROM programs p LEFT JOIN reach_areas a ON a.skill_area = p.skill_area
    WHERE p.id = NEW.program_ref
    ON CONFLICT (employee_ref) DO UPDATE SET
        first_on    = min(first_on, excluded.first_on),
        last_on     = max(last_on, excluded.last_on),
        area_bits   = area_bits | excluded.area_bits,
        format_bits = format_bits | excluded.format_bits
    WHERE excluded.first_on < first_on OR excluded.last_on > last_on
       OR (area_bits | excluded.area_bits) <> area_bits
       OR (format_bits | excluded.format_bits) <> format_bits;
END;

-- A deleted completion: recompute its employee from their remaining completions (an
-- employee has few, read through the UNIQUE (employee_ref, ...) index). sum(DISTINCT) of
-- single bits is their bitwise OR.
CREATE TRIGGER completions_reach_delete
AFTER DELETE ON completions
BEGIN
    DELETE FROM reach WHERE employee_ref = OLD.employee_ref;
    INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits)
    SELECT c.employee_ref, min(c.completed_on), max(c.completed_on),
           sum(DISTINCT 1 << min(coalesce(a.id, 62), 62)),
           sum(DISTINCT CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2
               WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END)
    FROM completions c
    JOIN programs p ON p.id = c.program_ref
    LEFT JOIN reach_areas a ON a.skill_area = p.skill_area
    WHERE c.employee_ref = OLD.employee_ref
    GROUP BY c.employee_ref;
END;

-- A changed completion: recompute the employee it left and the one it went to.
CREATE TRIGGER completions_reach_update
AFTER UPDATE OF employee_ref, program_ref, completed_on ON completions
BEGIN
    DELETE FROM reach WHERE employee_ref IN (OLD.employee_ref, NEW.employee_ref);
    INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits)
    SELECT c.employee_ref, min(c.completed_on), max(c.completed_on),
           sum(DISTINCT 1 << min(coalesce(a.id, 62), 62)),
           sum(DISTINCT CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2
               WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END)
    FROM completions c
    JOIN programs p ON p.id = c.program_ref
    LEFT JOIN reach_areas a ON a.skill_area = p.skill_area
    WHERE c.employee_ref IN (OLD.employee_ref, NEW.employee_ref)
    GROUP BY c.employee_ref;
END;

-- A program moved to another skill area or format: give the area a bit, then recompute
-- everyone who completed it.
CREATE TRIGGER programs_reach_update
AFTER UPDATE OF skill_area, format ON programs
WHEN OLD.skill_area IS NOT NEW.skill_area OR OLD.format IS NOT NEW.format
BEGIN
    INSERT OR IGNORE INTO reach_areas (skill_area) VALUES (NEW.skill_area);
    DELETE FROM reach
    WHERE employee_ref IN (SELECT employee_ref FROM completions WHERE program_ref = NEW.id);
    INSERT INTO reach (employee_ref, first_on, last_on, area_bits, format_bits)
    SELECT c.employee_ref, min(c.completed_on), max(c.completed_on),
           sum(DISTINCT 1 << min(coalesce(a.id, 62), 62)),
           sum(DISTINCT CASE p.format WHEN 'bootcamp' THEN 1 WHEN 'vendor_certification' THEN 2
               WHEN 'hands_on_lab' THEN 4 WHEN 'e_learning' THEN 8 WHEN 'workshop' THEN 16 ELSE 32 END)
    FROM completions c
    JOIN programs p ON p.id = c.program_ref
    LEFT JOIN reach_areas a ON a.skill_area = p.skill_area
    WHERE c.employee_ref IN (SELECT employee_ref FROM completions WHERE program_ref = NEW.id)
    GROUP BY c.employee_ref;
END;
