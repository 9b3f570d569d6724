-- Migration 4: import mappings saved by name (`upskill import ... --save-mapping NAME`, the
-- Import page's "Save this mapping as"). Append-only: never edit after release; add a new file.

-- `toml` is the mapping file exactly as `import-mapping.md` specifies it, so a saved mapping
-- is shown, exported and edited as the same text a user writes by hand. `headers` is the
-- normalised header row of the file it was saved from (a JSON array of strings), which is how
-- a new file with the same columns is offered the mapping.
CREATE TABLE import_mappings (
    name       TEXT NOT NULL PRIMARY KEY
               CHECK (length(trim(name)) > 0 AND length(name) <= 100 AND name = trim(name)),
    kind       TEXT NOT NULL CHECK (kind IN ('employees', 'programs', 'completions',
                                             'requirements', 'exemptions', 'targets')),
    toml       TEXT NOT NULL CHECK (length(toml) > 0),
    headers    TEXT NOT NULL CHECK (json_valid(headers) AND json_type(headers) = 'array'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
