-- Migration 6: leavers. Append-only: never edit after release; add a new file.
-- An employee who left keeps their history: `left_on` is the day they left. They are in the
-- population on D when hired on or before D (no hire date counts as hired) and left_on is
-- empty or after D (report/scope.rs). The rules domain.rs checks are repeated here.
ALTER TABLE employees ADD COLUMN left_on TEXT
    CHECK (left_on IS NULL OR (date(left_on) IS left_on AND left_on >= '1900-01-01'
                               AND (hire_date IS NULL OR left_on >= hire_date)));
