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

/// The bench's 20 requirements (`REQ-01`..`REQ-20`): a skill area for everyone, eleven skill
/// areas for a department each (some also by role or location), and eight vendor
/// certifications (12-36 months valid) for a department or everyone; effective from 2020 to
/// 2026, 30 to 365 days to complete. Skill areas and programs are named by a program's id so
/// the generator's names are not repeated here.
pub fn requirements() -> String {
    // (skill area of this program | this program, department, role, location, due_days, from)
    type Req = (
        &'static str,
        bool,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        u32,
        &'static str,
    );
    const REQS: [Req; 20] = [
        ("P01-01", true, None, None, None, 90, "2024-01-01"),
        (
            "P02-01",
            true,
            Some("Engineering"),
            None,
            None,
            60,
            "2024-06-01",
        ),
        (
            "P03-01",
            true,
            Some("Security"),
            None,
            None,
            30,
            "2023-01-01",
        ),
        ("P04-01", true, Some("Data"), None, None, 120, "2022-03-01"),
        (
            "P05-01",
            true,
            Some("Engineering"),
            Some("ML engineer"),
            None,
            90,
            "2023-09-01",
        ),
        ("P06-01", true, Some("IT"), None, None, 180, "2025-01-01"),
        (
            "P07-01",
            true,
            Some("Engineering"),
            None,
            Some("Berlin"),
            90,
            "2024-01-01",
        ),
        (
            "P08-01",
            true,
            Some("Product"),
            None,
            None,
            90,
            "2025-06-01",
        ),
        (
            "P09-01",
            true,
            Some("Marketing"),
            None,
            None,
            365,
            "2021-01-01",
        ),
        (
            "P10-01",
            true,
            Some("Customer Support"),
            None,
            None,
            60,
            "2024-04-01",
        ),
        (
            "P11-01",
            true,
            Some("Operations"),
            None,
            None,
            90,
            "2026-01-01",
        ),
        ("P12-01", true, Some("Legal"), None, None, 45, "2020-01-01"),
        ("P01-02", false, None, None, None, 180, "2025-01-01"),
        ("P02-01", false, Some("Sales"), None, None, 90, "2024-01-01"),
        (
            "P03-06",
            false,
            Some("Security"),
            None,
            None,
            90,
            "2023-01-01",
        ),
        (
            "P04-05",
            false,
            Some("Data"),
            Some("Data engineer"),
            None,
            90,
            "2024-01-01",
        ),
        (
            "P05-04",
            false,
            Some("Engineering"),
            None,
            None,
            120,
            "2025-03-01",
        ),
        (
            "P06-03",
            false,
            Some("Facilities"),
            None,
            None,
            90,
            "2022-01-01",
        ),
        (
            "P07-02",
            false,
            Some("Engineering"),
            None,
            Some("London"),
            60,
            "2024-07-01",
        ),
        (
            "P08-01",
            false,
            Some("Finance"),
            None,
            None,
            90,
            "2025-09-01",
        ),
    ];
    let quoted = |v: Option<&str>| v.map_or("NULL".to_string(), |v| format!("'{v}'"));
    let mut sql = String::from(
        ".bail on\nBEGIN IMMEDIATE;\nDELETE FROM exemptions;\nDELETE FROM requirements;\n",
    );
    for (i, (program, by_area, department, role, location, due_days, from)) in
        REQS.iter().enumerate()
    {
        let (program_id, skill_area) = if *by_area {
            ("NULL", "skill_area")
        } else {
            ("program_id", "NULL")
        };
        sql.push_str(&format!(
            "INSERT INTO requirements (requirement_id, title, role, department, location, program_id, \
             skill_area, due_days, effective_from) SELECT 'REQ-{:02}', 'Requirement {}', {}, {}, {}, \
             {program_id}, {skill_area}, {due_days}, '{from}' FROM programs WHERE program_id = '{program}';\n",
            i + 1,
            i + 1,
            quoted(*role),
            quoted(*department),
            quoted(*location),
        ));
    }
    // A few exemptions: every 50th employee of Security from REQ-03, for good or until 2026.
    sql.push_str(
        "INSERT INTO exemptions (employee_id, requirement_id, reason, until) \
         SELECT employee_id, 'REQ-03', 'bench', CASE WHEN id % 100 = 0 THEN NULL ELSE '2026-12-31' END \
         FROM employees WHERE department = 'Security' AND id % 50 = 0;\n\
         COMMIT;\n",
    );
    sql
}
/// A program's expiry in plain SQL: `completed_on` plus `validity_months` calendar months, a
/// day the target month lacks becoming its last day (SQLite's '+N months' overflows into the
/// next month instead: the earlier of the two is the clamped date). NULL: never expires.
fn expiry_sql(on: &str, months: &str) -> String {
    format!(
        "CASE WHEN {months} IS NULL THEN NULL ELSE min(date({on}, '+' || {months} || ' months'), \
         date({on}, 'start of month', '+' || ({months} + 1) || ' months', '-1 day')) END"
    )
}

/// The compliance statuses of every applying (employee, requirement) pair on `as_of`, with
/// W = `w` days, in plain SQL (compliance/mod.rs's definitions); `status_filter` narrows to
/// one status when given. One row per requirement: requirement_id, then the counts of
/// obligations, compliant, expiring, expired, overdue, due, exempt.
pub fn compliance(as_of: &str, w: u32) -> String {
    format!(
        "WITH req AS (SELECT * FROM requirements WHERE retired = 0 AND effective_from <= '{as_of}'),\n\
         ob AS (\n\
         \x20 SELECT e.id AS emp, e.employee_id, r.id AS req, r.requirement_id, r.program_id, r.skill_area,\n\
         \x20        date(max(coalesce(e.hire_date, r.effective_from), r.effective_from), '+' || r.due_days || ' days') AS due_on\n\
         \x20 FROM employees e JOIN req r\n\
         \x20   ON (r.role IS NULL OR lower(r.role) = lower(e.role))\n\
         \x20  AND (r.department IS NULL OR lower(r.department) = lower(e.department))\n\
         \x20  AND (r.location IS NULL OR lower(r.location) = lower(e.location))\n\
         \x20 WHERE e.active = 1 AND (e.hire_date IS NULL OR e.hire_date <= '{as_of}')),\n\
         done AS (\n\
         \x20 SELECT ob.emp, ob.req, c.completed_on, {expiry} AS expires_on\n\
         \x20 FROM ob JOIN completions c ON c.employee_ref = ob.emp\n\
         \x20 JOIN programs p ON p.id = c.program_ref\n\
         \x20 WHERE c.completed_on <= '{as_of}' AND (p.program_id = ob.program_id OR p.skill_area = ob.skill_area)),\n\
         per AS (\n\
         \x20 SELECT emp, req, count(*) AS n,\n\
         \x20        max(expires_on IS NULL OR expires_on > '{as_of}') AS valid,\n\
         \x20        max(expires_on IS NULL OR expires_on > date('{as_of}', '+{w} days')) AS compliant\n\
         \x20 FROM done GROUP BY emp, req),\n\
         st AS (\n\
         \x20 SELECT ob.requirement_id,\n\
         \x20   CASE WHEN x.id IS NOT NULL THEN 'exempt'\n\
         \x20        WHEN per.compliant THEN 'compliant'\n\
         \x20        WHEN per.valid THEN 'expiring'\n\
         \x20        WHEN per.n > 0 THEN 'expired'\n\
         \x20        WHEN '{as_of}' > ob.due_on THEN 'overdue'\n\
         \x20        ELSE 'due' END AS status\n\
         \x20 FROM ob\n\
         \x20 LEFT JOIN per ON per.emp = ob.emp AND per.req = ob.req\n\
         \x20 LEFT JOIN exemptions x ON x.employee_id = ob.employee_id AND x.requirement_id = ob.requirement_id\n\
         \x20      AND (x.until IS NULL OR x.until >= '{as_of}'))\n\
         SELECT requirement_id, count(*),\n\
         \x20      sum(status = 'compliant'), sum(status = 'expiring'), sum(status = 'expired'),\n\
         \x20      sum(status = 'overdue'), sum(status = 'due'), sum(status = 'exempt')\n\
         FROM st GROUP BY 1 ORDER BY 1;\n",
        expiry = expiry_sql("c.completed_on", "p.validity_months"),
    )
}

/// The overdue obligations on `as_of` in plain SQL, as the action list prints them (without
/// last_completed_on and expires_on, which overdue rows leave blank), in its order.
pub fn overdue_list(as_of: &str) -> String {
    format!(
        "WITH req AS (SELECT * FROM requirements WHERE retired = 0 AND effective_from <= '{as_of}'),\n\
         ob AS (\n\
         \x20 SELECT e.id AS emp, e.employee_id, e.full_name, e.role, e.department, e.manager_id,\n\
         \x20        r.requirement_id, r.program_id, r.skill_area,\n\
         \x20        date(max(coalesce(e.hire_date, r.effective_from), r.effective_from), '+' || r.due_days || ' days') AS due_on\n\
         \x20 FROM employees e JOIN req r\n\
         \x20   ON (r.role IS NULL OR lower(r.role) = lower(e.role))\n\
         \x20  AND (r.department IS NULL OR lower(r.department) = lower(e.department))\n\
         \x20  AND (r.location IS NULL OR lower(r.location) = lower(e.location))\n\
         \x20 WHERE e.active = 1 AND (e.hire_date IS NULL OR e.hire_date <= '{as_of}'))\n\
         SELECT ob.employee_id, ob.full_name, ob.role, ob.department, ob.manager_id, ob.requirement_id,\n\
         \x20      'overdue', ob.due_on, '', ''\n\
         FROM ob\n\
         WHERE '{as_of}' > ob.due_on\n\
         \x20 AND NOT EXISTS (SELECT 1 FROM exemptions x WHERE x.employee_id = ob.employee_id\n\
         \x20                 AND x.requirement_id = ob.requirement_id AND (x.until IS NULL OR x.until >= '{as_of}'))\n\
         \x20 AND NOT EXISTS (SELECT 1 FROM completions c JOIN programs p ON p.id = c.program_ref\n\
         \x20                 WHERE c.employee_ref = ob.emp AND c.completed_on <= '{as_of}'\n\
         \x20                   AND (p.program_id = ob.program_id OR p.skill_area = ob.skill_area))\n\
         ORDER BY ob.due_on, ob.employee_id, ob.requirement_id;\n"
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
