//! The baselines: sqlite3 shell scripts that import the same files and compute the same
//! reports in plain SQL. Written to files in the work dir, so they can be read and rerun.

use std::path::Path;

use upskill_core::report::GENERATIONS;

/// The connection settings upskill uses (db.rs, and import/mod.rs's page cache for imports):
/// the same-schema baseline gets them too, so only the loaders differ.
pub const UPSKILL_PRAGMAS: &str = "PRAGMA journal_mode = WAL;\n\
     PRAGMA synchronous = NORMAL;\n\
     PRAGMA foreign_keys = ON;\n\
     PRAGMA cache_size = -65536;\n";

fn quote_path(path: &Path) -> String {
    format!("\"{}\"", path.display().to_string().replace('"', "\\\""))
}

/// One file through a staging table into the migrations' schema, in one transaction:
/// `.import` the CSV as text into a TEMP table, then one `INSERT ... SELECT` turns empty
/// cells into NULLs, casts the numbers and resolves the ids. Every CHECK, index, foreign key
/// and trigger of the schema applies, as it does to upskill. Unlike upskill it checks nothing
/// else: no duplicate or loop is reported, an unknown id silently drops the row, and the
/// first constraint failure aborts without saying which line.
pub fn same_schema_import(kind: &str, csv: &Path, schema: Option<&Path>) -> String {
    let (columns, insert) = match kind {
        "employees" => (
            "employee_id, full_name, email, role, department, manager_id, birth_year, hire_date, location, active",
            "INSERT INTO employees (employee_id, full_name, email, role, department, manager_id, \
                 birth_year, hire_date, location, active)\n\
             SELECT employee_id, full_name, nullif(email, ''), role, department, nullif(manager_id, ''),\n\
                 CAST(nullif(birth_year, '') AS INTEGER), nullif(hire_date, ''), nullif(location, ''),\n\
                 CAST(active AS INTEGER)\n\
             FROM temp.stage;",
        ),
        "programs" => (
            "program_id, title, skill_area, format, provider, hours, validity_months",
            "INSERT INTO programs (program_id, title, skill_area, format, provider, hours, validity_months)\n\
             SELECT program_id, title, skill_area, format, nullif(provider, ''),\n\
                 CAST(nullif(hours, '') AS REAL), CAST(nullif(validity_months, '') AS INTEGER)\n\
             FROM temp.stage;",
        ),
        _ => (
            "employee_id, program_id, completed_on, score, certificate_id",
            "INSERT INTO completions (employee_ref, program_ref, completed_on, score, certificate_id)\n\
             SELECT e.id, p.id, s.completed_on, CAST(nullif(s.score, '') AS REAL), nullif(s.certificate_id, '')\n\
             FROM temp.stage s\n\
             JOIN employees e ON e.employee_id = s.employee_id\n\
             JOIN programs p ON p.program_id = s.program_id;",
        ),
    };
    let stage: Vec<String> = columns.split(", ").map(|c| format!("{c} TEXT")).collect();
    let mut script = String::from(".bail on\n");
    script.push_str(UPSKILL_PRAGMAS);
    if let Some(schema) = schema {
        script.push_str(&format!(".read {}\n", quote_path(schema)));
    }
    script.push_str(&format!(
        "BEGIN IMMEDIATE;\n\
         CREATE TEMP TABLE stage ({});\n\
         .import --csv --skip 1 --schema temp {} stage\n\
         {insert}\n\
         COMMIT;\n",
        stage.join(", "),
        quote_path(csv)
    ));
    script
}

/// The shell's plainest import: `.import` into a table it creates from the header (every
/// column TEXT; no key, index, constraint or trigger), with the shell's default settings.
pub fn bare_import(kind: &str, csv: &Path) -> String {
    format!(".bail on\n.import --csv {} {kind}\n", quote_path(csv))
}

/// The as-of date of a report: today, as upskill takes it by default.
const TODAY: &str = "date('now', 'localtime')";

/// The generation of `e.birth_year`, with the labels and boundaries upskill prints.
pub fn generation_sql() -> String {
    let mut sql = String::from("CASE WHEN e.birth_year IS NULL THEN 'Unknown'");
    for (label, _, last) in GENERATIONS {
        match last {
            Some(last) => sql.push_str(&format!(" WHEN e.birth_year <= {last} THEN '{label}'")),
            None => sql.push_str(&format!(" ELSE '{label}'")),
        }
    }
    sql.push_str(" END");
    sql
}

/// Who is counted: active employees hired by the as-of date (or with no hire date).
fn population(extra: &str) -> String {
    format!("e.active = 1 AND (e.hire_date IS NULL OR e.hire_date <= {TODAY}){extra}")
}

/// Coverage by employee columns `group` (SQL expressions, comma-separated, `count` of them)
/// in plain SQL: employees left-joined to their completions that pass `completion`, grouped,
/// counting distinct employees and distinct trained employees.
pub fn coverage(group: &str, count: usize, completion: &str, employees: &str) -> String {
    let by: Vec<String> = (1..=count).map(|i| i.to_string()).collect();
    format!(
        "SELECT {group}, count(DISTINCT e.id) AS headcount, count(DISTINCT c.employee_ref) AS trained,\n\
         \x20      round(100.0 * count(DISTINCT c.employee_ref) / count(DISTINCT e.id), 1) AS coverage_pct\n\
         FROM employees e\n\
         LEFT JOIN completions c ON c.employee_ref = e.id AND c.completed_on <= {TODAY}{completion}\n\
         WHERE {}\n\
         GROUP BY {by} ORDER BY {by};\n",
        population(employees),
        by = by.join(", ")
    )
}

/// Coverage by skill area: the population's headcount, and per area the distinct employees
/// of the population with a completion in it.
pub fn coverage_by_skill_area() -> String {
    format!(
        "WITH pop AS (SELECT e.id FROM employees e WHERE {})\n\
         SELECT p.skill_area, (SELECT count(*) FROM pop) AS headcount,\n\
         \x20      count(DISTINCT c.employee_ref) AS trained,\n\
         \x20      round(100.0 * count(DISTINCT c.employee_ref) / (SELECT count(*) FROM pop), 1) AS coverage_pct\n\
         FROM completions c\n\
         JOIN pop ON pop.id = c.employee_ref\n\
         JOIN programs p ON p.id = c.program_ref\n\
         WHERE c.completed_on <= {TODAY}\n\
         GROUP BY 1 ORDER BY 1;\n",
        population("")
    )
}

/// Gaps by generation: each generation's coverage minus the population's, flagged at or
/// below −10 points.
pub fn gaps_by_generation() -> String {
    format!(
        "WITH g AS (\n\
         \x20 SELECT {} AS generation, count(DISTINCT e.id) AS headcount,\n\
         \x20        count(DISTINCT c.employee_ref) AS trained\n\
         \x20 FROM employees e\n\
         \x20 LEFT JOIN completions c ON c.employee_ref = e.id AND c.completed_on <= {TODAY}\n\
         \x20 WHERE {}\n\
         \x20 GROUP BY 1),\n\
         org AS (SELECT round(100.0 * sum(trained) / sum(headcount), 1) AS pct FROM g)\n\
         SELECT generation, headcount, trained, round(100.0 * trained / headcount, 1) AS coverage_pct,\n\
         \x20      org.pct AS org_coverage_pct,\n\
         \x20      round(round(100.0 * trained / headcount, 1) - org.pct, 1) AS gap_pts,\n\
         \x20      round(100.0 * trained / headcount, 1) - org.pct <= -10 AS flagged\n\
         FROM g, org ORDER BY 1;\n",
        generation_sql(),
        population("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_match_the_reports() {
        let sql = generation_sql();
        assert!(
            sql.contains("WHEN e.birth_year <= 1964 THEN 'Baby Boomers'"),
            "{sql}"
        );
        assert!(sql.ends_with("ELSE 'Gen Alpha' END"), "{sql}");
    }
}
