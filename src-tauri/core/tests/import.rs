//! CSV import through the public API, on files the tests write: every encoding, delimiter
//! and quoting case, every rule, and the database state after each (not only the messages).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use upskill_core::db::Db;
use upskill_core::import::{
    self, DateFormat, Delimiter, Encoding, ImportKind, ImportOptions, ImportOutcome, ImportPhase,
    ImportReport,
};

struct Fixture {
    dir: tempfile::TempDir,
    db: Db,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        Fixture { dir, db }
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn run(&mut self, kind: ImportKind, path: &Path, options: ImportOptions) -> ImportReport {
        import::import_file(
            &mut self.db,
            kind,
            path,
            &options,
            today(),
            &mut |_| {},
            &import::Cancel::default(),
        )
        .unwrap()
    }

    fn import(&mut self, kind: ImportKind, name: &str, text: &str) -> ImportReport {
        let path = self.file(name, text);
        self.run(kind, &path, ImportOptions::default())
    }

    fn query(&self, sql: &str) -> Vec<String> {
        let mut stmt = self.db.conn().prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |row| {
            let cells: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).unwrap() {
                    rusqlite_value::Null => "NULL".to_string(),
                    rusqlite_value::Integer(v) => v.to_string(),
                    rusqlite_value::Real(v) => v.to_string(),
                    rusqlite_value::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite_value::Blob(_) => "BLOB".into(),
                })
                .collect();
            Ok(cells.join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    /// Every row of every table: "the database as it was".
    fn dump(&self) -> Vec<String> {
        let mut all = self.query(
            "SELECT employee_id, full_name, email, role, department, manager_id, birth_year, \
             hire_date, location, active FROM employees ORDER BY employee_id",
        );
        all.extend(self.query(
            "SELECT program_id, title, skill_area, format, provider, hours, validity_months, \
             retired FROM programs ORDER BY program_id",
        ));
        all.extend(self.query(
            "SELECT e.employee_id, p.program_id, c.completed_on, c.score, c.certificate_id \
             FROM completions c JOIN employees e ON e.id = c.employee_ref \
             JOIN programs p ON p.id = c.program_ref ORDER BY 1, 2, 3",
        ));
        all
    }

    fn employees(&self) -> Vec<String> {
        self.query(
            "SELECT employee_id, full_name, manager_id, birth_year, active FROM employees \
             ORDER BY employee_id",
        )
    }

    fn count(&self, table: &str) -> i64 {
        self.db
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// Two employees (M1 manages E1) and two programs.
    fn seeded() -> Fixture {
        let mut f = Fixture::new();
        let r = f.import(
            ImportKind::Employees,
            "seed-e.csv",
            "employee_id,full_name,role,department,manager_id\nM1,Grace Hopper,Lead,Data,\nE1,Ada Lovelace,Engineer,Data,M1\n",
        );
        assert_eq!(r.outcome, ImportOutcome::Imported, "{:?}", r.problems);
        let r = f.import(
            ImportKind::Programs,
            "seed-p.csv",
            "program_id,title,skill_area,format\nP1,Prompting,Prompt engineering,workshop\nP2,RAG,Retrieval,bootcamp\n",
        );
        assert_eq!(r.outcome, ImportOutcome::Imported, "{:?}", r.problems);
        f
    }
}

use rusqlite::types::ValueRef as rusqlite_value;
use upskill_testkit::today;

fn problems(report: &ImportReport) -> Vec<String> {
    report.problems.iter().map(ToString::to_string).collect()
}

fn opts(dry_run: bool, skip_invalid: bool) -> ImportOptions {
    ImportOptions {
        dry_run,
        skip_invalid,
        date_format: DateFormat::Iso,
    }
}

const EMPLOYEES: &str = "employee_id,full_name,role,department\n";

// ---------------------------------------------------------------------------------------
// Encodings, delimiters, line endings, quoting, headers

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for unit in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn every_encoding_imports_the_same_names() {
    let text = "employee_id,full_name,role,department\nE1,Jürgen Müller,Ingenieur,Forschung & Entwicklung\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let cp1252 = b"employee_id,full_name,role,department\nE1,J\xFCrgen M\xFCller,Ingenieur,Forschung & Entwicklung\n".to_vec();
    for (bytes, encoding, has_bom) in [
        (text.as_bytes().to_vec(), Encoding::Utf8, false),
        (bom, Encoding::Utf8, true),
        (utf16(text, false), Encoding::Utf16Le, true),
        (utf16(text, true), Encoding::Utf16Be, true),
        (cp1252, Encoding::Windows1252, false),
    ] {
        let mut f = Fixture::new();
        let path = f.file("e.csv", &bytes);
        let r = f.run(ImportKind::Employees, &path, ImportOptions::default());
        assert_eq!((r.encoding, r.bom), (encoding, has_bom));
        assert_eq!(
            r.columns[0], "employee_id",
            "BOM must not stick to the first column"
        );
        assert_eq!(
            (r.outcome, r.inserted),
            (ImportOutcome::Imported, 1),
            "{:?}",
            r.problems
        );
        assert_eq!(
            f.employees(),
            vec!["E1|Jürgen Müller|NULL|NULL|1"],
            "{encoding:?}"
        );
    }
}

#[test]
fn delimiters_and_line_endings_are_detected_and_lines_stay_right() {
    for (delimiter, sep) in [
        (Delimiter::Comma, ","),
        (Delimiter::Semicolon, ";"),
        (Delimiter::Tab, "\t"),
    ] {
        for eol in ["\n", "\r\n"] {
            let text = [
                "employee_id,full_name,role,department,birth_year",
                "E1,Ada,Engineer,Data,1990",
                "E2,Bob,Engineer,Data,18xx",
            ]
            .map(|l| l.replace(',', sep))
            .join(eol);
            let mut f = Fixture::new();
            let r = f.import(ImportKind::Employees, "d.csv", &text);
            assert_eq!(r.delimiter, delimiter);
            assert_eq!(
                problems(&r),
                vec![format!(
                    "{}:3: birth_year: '18xx' is not a year or a date; write it as YYYY or as YYYY-MM-DD or DD.MM.YYYY",
                    r.file
                )],
                "{delimiter:?} {eol:?}"
            );
            assert_eq!(f.count("employees"), 0, "a rejected file writes nothing");
        }
    }
}

#[test]
fn quoted_delimiters_quotes_and_newlines_and_the_lines_after_them() {
    let mut f = Fixture::new();
    let text = "employee_id;full_name;role;department;location\r\n\
        E1;\"Lovelace; Ada \"\"the Countess\"\"\";Engineer;Data;\"London\r\nMarylebone\"\r\n\
        \r\n\
        E2;\"Multi\nline\nname\";Engineer;Data;Paris\r\n\
        E3;Bad;;Data;Rome\r\n";
    let r = f.import(ImportKind::Employees, "q.csv", text);
    assert_eq!(r.delimiter, Delimiter::Semicolon);
    // E1 spans lines 2-3, a blank line 4, E2 lines 5-7: E3 starts on line 8.
    assert_eq!(
        problems(&r),
        vec![format!("{}:8: role: is required", r.file)]
    );
    assert_eq!(r.rows, 3);
    assert_eq!(
        r.preview.iter().map(|p| p.line).collect::<Vec<_>>(),
        vec![2, 5, 8]
    );
    let r = f.run(
        ImportKind::Employees,
        &f.dir.path().join("q.csv"),
        opts(false, true),
    );
    assert_eq!((r.inserted, r.rejected), (2, 1));
    assert_eq!(
        f.query("SELECT full_name, location FROM employees ORDER BY employee_id"),
        vec![
            "Lovelace; Ada \"the Countess\"|London Marylebone",
            "Multi line name|Paris"
        ]
    );
}

#[test]
fn header_names_are_matched_loosely_and_extra_columns_warn() {
    let mut f = Fixture::new();
    let r = f.import(
        ImportKind::Employees,
        "h.csv",
        " EMPLOYEE_ID ,Full Name,role,Department,Manager-ID,Notes,\nE1,Ada,Engineer,Data,,remember,\n",
    );
    assert_eq!(r.outcome, ImportOutcome::Imported, "{:?}", r.problems);
    assert_eq!(r.ignored_columns, vec!["Notes", ""]);
    assert_eq!(
        r.warnings,
        vec![
            "column 'Notes' is not one of the employees columns; it was ignored",
            "column 7 has no name; it was ignored"
        ]
    );
    assert_eq!(
        r.preview_columns,
        vec![
            "employee_id",
            "full_name",
            "role",
            "department",
            "manager_id"
        ]
    );
    for header in ["Employee ID", "employee-id", "employee_id"] {
        let mut f = Fixture::new();
        let r = f.import(
            ImportKind::Employees,
            "h.csv",
            &format!("{header},full_name,role,department\nE1,Ada,Eng,Data\n"),
        );
        assert_eq!(r.inserted, 1, "{header}");
    }
}

#[test]
fn a_missing_required_column_rejects_the_file_before_any_row_is_read() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    // The rows are bad too, but they are never read: only the header's problems are listed.
    let r = f.import(
        ImportKind::Employees,
        "m.csv",
        "Employee ID,Nickname,Shoe size\nE9,,\n\"unclosed\n",
    );
    assert_eq!(r.outcome, ImportOutcome::Rejected);
    assert_eq!(r.rows, 0);
    let found = "(columns found: 'Employee ID', 'Nickname', 'Shoe size')";
    // Each says what to do about it.
    assert_eq!(
        problems(&r),
        vec![
            format!(
                "{}:1: full_name: required column is missing {found}; a name in two columns can be joined: full_name = [\"First Name\", \"Last Name\"]",
                r.file
            ),
            format!(
                "{}:1: role: required column is missing {found}; map it in a mapping file: role = \"Your column\"",
                r.file
            ),
            format!(
                "{}:1: department: required column is missing {found}; map it in a mapping file: department = \"Your column\"",
                r.file
            ),
        ]
    );
    assert_eq!(f.dump(), before);
}

#[test]
fn blank_lines_are_skipped_and_empty_files_are_rejected() {
    let mut f = Fixture::new();
    let r = f.import(
        ImportKind::Employees,
        "b.csv",
        "\n\nemployee_id,full_name,role,department\n\n,,,\nE1,Ada,Eng,Data\n   \n\nE2,Bob,Eng,Data\n\n",
    );
    assert_eq!((r.rows, r.inserted), (2, 2));
    assert_eq!(
        r.preview.iter().map(|p| p.line).collect::<Vec<_>>(),
        vec![6, 9]
    );
    let r = f.import(ImportKind::Employees, "empty.csv", "");
    assert_eq!(r.outcome, ImportOutcome::Rejected);
    assert_eq!(
        problems(&r),
        vec![format!(
            "{}: the file is empty; it needs a header row naming its columns",
            r.file
        )]
    );
    let r = f.import(ImportKind::Employees, "header-only.csv", EMPLOYEES);
    assert_eq!(r.outcome, ImportOutcome::Imported);
    assert_eq!(r.warnings, vec!["the file has a header but no rows"]);
}

// ---------------------------------------------------------------------------------------
// Rules

#[test]
fn every_problem_is_reported_and_nothing_is_written() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let text = "employee_id,full_name,email,role,department,birth_year,hire_date,active\n\
        E2,Bob,bob@,Eng,Data,1990,2023-02-29,yes\n\
        E3,Cy,,Eng,Data,1985,2020-01-01,sometimes\n\
        E4,Di,,Eng,Data,2030,,\n\
        E5,Ed,,Eng,Data,1990,03/04/2020,no\n\
        E6,Fine,,Eng,Data,,,\n";
    let r = f.import(ImportKind::Employees, "bad.csv", text);
    assert_eq!(r.outcome, ImportOutcome::Rejected);
    let file = &r.file;
    assert_eq!(
        problems(&r),
        vec![
            format!("{file}:2: email: 'bob@' is not an email address"),
            format!("{file}:2: hire_date: '2023-02-29' is not a real date"),
            format!("{file}:3: active: 'sometimes' is not true/false, yes/no, y/n, 1/0 or a status word Upskill knows (Active, Terminated, On Leave, ...); say what it means in a mapping: active = {{ column = \"...\", values = {{ \"sometimes\" = \"true\" }} }}"),
            format!("{file}:4: birth_year: 2030 is not a birth year between 1900 and 2026"),
            format!(
                "{file}:5: hire_date: '03/04/2020' could be MM/DD/YYYY or DD/MM/YYYY; choose the date format"
            ),
        ]
    );
    assert_eq!((r.rows, r.rejected, r.inserted), (5, 4, 0));
    assert_eq!(f.dump(), before);

    // Naming the slash convention fixes line 5.
    let path = f.dir.path().join("bad.csv");
    let r = f.run(
        ImportKind::Employees,
        &path,
        ImportOptions {
            date_format: DateFormat::MonthFirst,
            skip_invalid: true,
            dry_run: false,
        },
    );
    assert_eq!((r.inserted, r.rejected), (2, 3));
    assert_eq!(
        f.query("SELECT hire_date, active FROM employees WHERE employee_id = 'E5'"),
        vec!["2020-03-04|0"]
    );
}

#[test]
fn a_full_date_of_birth_is_stored_as_its_year_only() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("private.db");
    let mut db = Db::open(&db_path).unwrap();
    let csv = dir.path().join("e.csv");
    std::fs::write(
        &csv,
        "employee_id,full_name,role,department,birth_year\n\
         E1,Ada,Eng,Data,1990-05-17\nE2,Bob,Eng,Data,17.05.1991\nE3,Cy,Eng,Data,05/17/1992\n",
    )
    .unwrap();
    let options = ImportOptions {
        date_format: DateFormat::MonthFirst,
        ..Default::default()
    };
    let r = import::import_file(
        &mut db,
        ImportKind::Employees,
        &csv,
        &options,
        today(),
        &mut |_| {},
        &import::Cancel::default(),
    )
    .unwrap();
    assert_eq!(r.inserted, 3, "{:?}", r.problems);
    // The preview shows what would be stored: the year.
    assert_eq!(r.preview[0].cells[4], "1990");
    let years: Vec<i64> = db
        .conn()
        .prepare("SELECT birth_year FROM employees ORDER BY employee_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(years, vec![1990, 1991, 1992]);
    drop(db);
    // Nowhere in the database's files: not the main file, not the WAL.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path == csv {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for needle in [
            "1990-05-17",
            "17.05.1991",
            "05/17/1992",
            "1992-05-17",
            "05-17",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} found in {}",
                path.display()
            );
        }
    }
}

#[test]
fn unknown_formats_and_bad_numbers_are_named() {
    let mut f = Fixture::new();
    let r = f.import(
        ImportKind::Programs,
        "p.csv",
        "program_id,title,skill_area,format,hours,validity_months\n\
         P1,Prompting,Prompt engineering,Hands-on lab,1.5,12\n\
         P2,Webinar,Prompt engineering,webinar,\"1,5\",twelve\n\
         P3,Cert,Cloud,Vendor certification,,\n",
    );
    assert_eq!(
        problems(&r),
        vec![
            format!("{}:3: format: 'webinar' is not a format; use one of bootcamp, vendor_certification, hands_on_lab, e_learning, workshop, other", r.file),
            format!("{}:3: hours: '1,5' is not a number; write decimals with a point (1.5)", r.file),
            format!("{}:3: validity_months: 'twelve' is not a whole number", r.file),
        ]
    );
    assert_eq!(f.count("programs"), 0);
    let r = f.run(
        ImportKind::Programs,
        &f.dir.path().join("p.csv"),
        opts(false, true),
    );
    assert_eq!((r.inserted, r.rejected), (2, 1));
    assert_eq!(
        f.query("SELECT program_id, format, hours FROM programs ORDER BY 1"),
        vec!["P1|hands_on_lab|1.5", "P3|vendor_certification|NULL"]
    );
}

#[test]
fn duplicate_keys_name_both_lines_for_every_kind() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let r = f.import(
        ImportKind::Employees,
        "dup.csv",
        "employee_id,full_name,role,department\nE7,A,Eng,Data\nE8,B,Eng,Data\nE7,C,Eng,Data\nE7,D,Eng,Data\n",
    );
    let file = &r.file;
    assert_eq!(
        problems(&r),
        vec![
            format!("{file}:2: employee_id: 'E7' also appears on line 4"),
            format!("{file}:4: employee_id: 'E7' also appears on line 2"),
            format!("{file}:5: employee_id: 'E7' also appears on line 2"),
        ]
    );
    let r = f.import(
        ImportKind::Programs,
        "dup-p.csv",
        "program_id,title,skill_area,format\nP9,A,S,workshop\nP9,B,S,workshop\n",
    );
    assert_eq!(
        problems(&r),
        vec![
            format!("{}:2: program_id: 'P9' also appears on line 3", r.file),
            format!("{}:3: program_id: 'P9' also appears on line 2", r.file),
        ]
    );
    let r = f.import(
        ImportKind::Completions,
        "dup-c.csv",
        "employee_id,program_id,completed_on\nE1,P1,2026-01-05\nM1,P1,2026-01-05\nE1,P1,05.01.2026\n",
    );
    assert_eq!(
        problems(&r),
        vec![
            format!(
                "{}:2: employee_id: 'E1''s completion of 'P1' on 2026-01-05 also appears on line 4",
                r.file
            ),
            format!(
                "{}:4: employee_id: 'E1''s completion of 'P1' on 2026-01-05 also appears on line 2",
                r.file
            ),
        ]
    );
    assert_eq!(f.dump(), before);
    // Skipping invalid rows skips both copies: which one is right is not the import's guess.
    let r = f.run(
        ImportKind::Completions,
        &f.dir.path().join("dup-c.csv"),
        opts(false, true),
    );
    assert_eq!((r.inserted, r.rejected), (1, 2));
    assert_eq!(f.count("completions"), 1);
}

#[test]
fn managers_may_come_later_in_the_file_and_must_exist_somewhere() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let r = f.import(
        ImportKind::Employees,
        "m.csv",
        "employee_id,full_name,role,department,manager_id\n\
         E2,B,Eng,Data,E3\nE3,C,Lead,Data,M1\nE4,D,Eng,Data,GHOST\nE5,E,Eng,Data,E4\nE6,F,,Data,NOBODY\n",
    );
    let file = &r.file;
    assert_eq!(
        problems(&r),
        vec![
            // The row below E4 is not a problem of its own: it is counted at E4's line.
            format!("{file}:4: 1 person below this row (line 5) cannot be imported without it"),
            format!("{file}:4: manager_id: there is no employee with id 'GHOST' in the database or in this file"),
            format!("{file}:6: role: is required"),
            format!("{file}:6: manager_id: there is no employee with id 'NOBODY' in the database or in this file"),
        ]
    );
    assert_eq!(f.dump(), before);
    let r = f.run(
        ImportKind::Employees,
        &f.dir.path().join("m.csv"),
        opts(false, true),
    );
    assert_eq!((r.inserted, r.rejected), (2, 3));
    assert_eq!(
        f.employees(),
        vec![
            "E1|Ada Lovelace|M1|NULL|1",
            "E2|B|E3|NULL|1",
            "E3|C|M1|NULL|1",
            "M1|Grace Hopper|NULL|NULL|1"
        ]
    );
}

#[test]
fn reporting_loops_in_the_file_and_across_file_and_database_are_refused() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    // In the file alone.
    let r = f.import(
        ImportKind::Employees,
        "loop.csv",
        "employee_id,full_name,role,department,manager_id\nA,A,Eng,Data,B\nB,B,Eng,Data,C\nC,C,Eng,Data,A\nD,D,Eng,Data,A\n",
    );
    let chain = "would make a reporting loop: A (line 2) → B (line 3) → C (line 4) → A";
    assert_eq!(
        problems(&r),
        vec![
            format!(
                "{}:2: 1 person below this row (line 5) cannot be imported without it",
                r.file
            ),
            format!("{}:2: manager_id: {chain}", r.file),
            format!("{}:3: manager_id: {chain}", r.file),
            format!("{}:4: manager_id: {chain}", r.file),
        ]
    );
    // Across the file and the database: E1 reports to M1 already.
    let r = f.import(
        ImportKind::Employees,
        "loop2.csv",
        "employee_id,full_name,role,department,manager_id\nM1,Grace Hopper,Lead,Data,E1\n",
    );
    assert_eq!(
        problems(&r),
        vec![format!(
            "{}:2: manager_id: would make a reporting loop: M1 (line 2) → E1 (in the database) → M1",
            r.file
        )]
    );
    assert_eq!(f.dump(), before);
}

#[test]
fn swapping_a_manager_and_a_report_in_one_file_is_no_loop() {
    // The database has E1 → M1. The file turns it around: M1 → E1, E1 → none. Written row by
    // row, M1 → E1 would meet E1 → M1 still in place; the import must end in the final state.
    let mut f = Fixture::seeded();
    let r = f.import(
        ImportKind::Employees,
        "swap.csv",
        "employee_id,full_name,role,department,manager_id\nM1,Grace Hopper,Lead,Data,E1\nE1,Ada Lovelace,Engineer,Data,\n",
    );
    assert_eq!(r.outcome, ImportOutcome::Imported, "{:?}", problems(&r));
    assert_eq!((r.updated, r.unchanged), (2, 0));
    assert_eq!(
        f.query("SELECT employee_id, manager_id FROM employees ORDER BY 1"),
        vec!["E1|NULL", "M1|E1"]
    );
}

#[test]
fn completions_need_an_existing_employee_and_program_and_a_past_date() {
    let mut f = Fixture::seeded();
    let r = f.import(
        ImportKind::Completions,
        "c.csv",
        "employee_id,program_id,completed_on,score,certificate_id\n\
         E1,P1,2026-03-01,88.5,C-1\n\
         GHOST,P1,2026-03-01,,\n\
         E1,NOPE,2026-03-01,,\n\
         E1,P2,2026-11-30,101,\n\
         M1,P2,31.02.2026,,\n\
         M1,P2,,,\n",
    );
    let file = &r.file;
    assert_eq!(
        problems(&r),
        vec![
            format!("{file}:3: employee_id: there is no employee with id 'GHOST'"),
            format!("{file}:4: program_id: there is no program with id 'NOPE'"),
            format!("{file}:5: completed_on: 2026-11-30 is in the future (today is 2026-11-29)"),
            format!("{file}:5: score: 101 is not a score from 0 to 100"),
            format!("{file}:6: completed_on: '31.02.2026' is not a real date"),
            format!("{file}:7: completed_on: is required"),
        ]
    );
    assert_eq!(f.count("completions"), 0);
    let r = f.run(
        ImportKind::Completions,
        &f.dir.path().join("c.csv"),
        opts(false, true),
    );
    assert_eq!((r.inserted, r.rejected), (1, 5));
    assert_eq!(
        f.query("SELECT completed_on, score, certificate_id FROM completions"),
        vec!["2026-03-01|88.5|C-1"]
    );
}

#[test]
fn reimport_counts_inserted_updated_unchanged_and_never_deletes() {
    let mut f = Fixture::seeded();
    let employees = "employee_id,full_name,email,role,department,manager_id,active\n\
        M1,Grace Hopper,grace@example.com,Lead,Data,,yes\nE1,Ada Lovelace,,Engineer,Data,M1,1\n";
    let r = f.import(ImportKind::Employees, "e.csv", employees);
    assert_eq!(
        (r.inserted, r.updated, r.unchanged),
        (0, 1, 1),
        "M1 got an email"
    );
    let r = f.import(ImportKind::Employees, "e.csv", employees);
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, 2));
    // A file with fewer columns and fewer rows: the others are left as they are.
    let r = f.import(
        ImportKind::Employees,
        "e2.csv",
        "employee_id,full_name,role,department\nM1,Grace Hopper,Lead,Data\nE9,New,Eng,Data\n",
    );
    assert_eq!((r.inserted, r.updated, r.unchanged), (1, 0, 1));
    assert_eq!(
        f.query("SELECT employee_id, email, manager_id FROM employees ORDER BY 1"),
        vec!["E1|NULL|M1", "E9|NULL|NULL", "M1|grace@example.com|NULL"]
    );

    let completions =
        "employee_id,program_id,completed_on,score\nE1,P1,2026-01-05,80\nM1,P1,2026-01-05,90\n";
    let r = f.import(ImportKind::Completions, "c.csv", completions);
    assert_eq!((r.inserted, r.updated, r.unchanged), (2, 0, 0));
    let r = f.import(ImportKind::Completions, "c.csv", completions);
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, 2));
    let r = f.import(
        ImportKind::Completions,
        "c2.csv",
        "employee_id,program_id,completed_on,score\nE1,P1,2026-01-05,85\nE1,P2,2026-01-06,\n",
    );
    assert_eq!((r.inserted, r.updated, r.unchanged), (1, 1, 0));
    assert_eq!(
        f.count("completions"),
        3,
        "M1's completion is not in the file and stays"
    );

    let programs =
        "program_id,title,skill_area,format,hours\nP1,Prompting,Prompt engineering,workshop,4\n";
    let r = f.import(ImportKind::Programs, "p.csv", programs);
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 1, 0));
    let r = f.import(ImportKind::Programs, "p.csv", programs);
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, 1));
    assert_eq!(f.count("programs"), 2);
}

#[test]
fn a_dry_run_writes_nothing_and_counts_what_the_import_does() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let path = f.file(
        "c.csv",
        "employee_id,program_id,completed_on,score\nE1,P1,2026-01-05,80\nM1,P1,2026-01-05,90\nGHOST,P1,2026-01-05,\n",
    );
    let dry = f.run(ImportKind::Completions, &path, opts(true, false));
    assert_eq!(
        dry.outcome,
        ImportOutcome::Rejected,
        "it has an invalid row"
    );
    assert_eq!((dry.inserted, dry.rejected), (2, 1));
    let dry = f.run(ImportKind::Completions, &path, opts(true, true));
    assert_eq!(dry.outcome, ImportOutcome::DryRun);
    assert_eq!(f.dump(), before);
    let real = f.run(ImportKind::Completions, &path, opts(false, true));
    assert_eq!(real.outcome, ImportOutcome::Imported);
    assert_eq!(
        (dry.inserted, dry.updated, dry.unchanged, dry.rejected),
        (real.inserted, real.updated, real.unchanged, real.rejected)
    );
    assert_ne!(f.dump(), before);
    // The same for employees, whose managers are set in a second step.
    let before = f.dump();
    let path = f.file(
        "e.csv",
        "employee_id,full_name,role,department,manager_id\nM1,Grace Hopper,Lead,Data,E1\nE1,Ada Lovelace,Engineer,Data,\nE5,New,Eng,Data,M1\n",
    );
    let dry = f.run(ImportKind::Employees, &path, opts(true, false));
    assert_eq!((dry.inserted, dry.updated, dry.unchanged), (1, 2, 0));
    assert_eq!(f.dump(), before);
}

#[test]
fn a_huge_value_is_a_clear_error_and_an_unclosed_quote_stops_the_file() {
    let mut f = Fixture::new();
    let name = "x".repeat(1024 * 1024);
    let r = f.import(
        ImportKind::Employees,
        "big.csv",
        &format!("{EMPLOYEES}E1,{name},Eng,Data\nE2,Fine,Eng,Data\n"),
    );
    assert_eq!(
        problems(&r),
        vec![format!(
            "{}:2: full_name: is longer than 200 characters",
            r.file
        )]
    );
    assert_eq!(
        r.preview[0].cells[1].chars().count(),
        101,
        "preview cells are cut"
    );
    let r = f.import(
        ImportKind::Programs,
        "fmt.csv",
        &format!("program_id,title,skill_area,format\nP1,T,S,{name}\n"),
    );
    assert!(
        r.problems[0].message.len() < 400,
        "messages quote values cut short"
    );

    let r = f.import(
        ImportKind::Employees,
        "open.csv",
        &format!(
            "{EMPLOYEES}E1,Ada,Eng,Data\nE2,\"never closed,Eng,Data\n{}",
            "y,".repeat(3_000_000)
        ),
    );
    assert_eq!(r.outcome, ImportOutcome::Rejected);
    assert_eq!(
        problems(&r),
        vec![format!(
            "{}:3: the row starting here is longer than 4 MiB; is a quote (\") left unclosed?",
            r.file
        )]
    );
    assert_eq!(f.count("employees"), 0);
}

#[test]
fn progress_covers_every_pass_and_ends_at_the_file_size() {
    let mut f = Fixture::seeded();
    let mut text = String::from("employee_id,program_id,completed_on\n");
    for day in 0..10_000 {
        let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(day);
        text.push_str(&format!("E1,P1,{date}\n"));
    }
    let path = f.file("c.csv", &text);
    let mut seen = Vec::new();
    let r = import::import_file(
        &mut f.db,
        ImportKind::Completions,
        &path,
        &ImportOptions::default(),
        today(),
        &mut |p| seen.push(p),
        &import::Cancel::default(),
    )
    .unwrap();
    assert_eq!(r.inserted, 10_000);
    let last = |phase| seen.iter().rfind(|p| p.phase == phase).copied().unwrap();
    for phase in [ImportPhase::Checking, ImportPhase::Writing] {
        let p = last(phase);
        assert_eq!(
            (p.rows, p.bytes_read, p.total_bytes),
            (10_000, text.len() as u64, text.len() as u64)
        );
    }
    assert_eq!(last(ImportPhase::Saving).rows, 10_000);
    assert!(
        seen.len() > 6,
        "reports along the way, not only at the ends"
    );
    assert!(seen
        .windows(2)
        .all(|w| w[0].phase != w[1].phase || w[0].rows <= w[1].rows));
}

#[test]
fn a_file_that_changes_between_the_passes_writes_nothing() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let path = f.file(
        "c.csv",
        "employee_id,program_id,completed_on\nE1,P1,2026-01-05\n",
    );
    let changed = path.clone();
    let result = import::import_file(
        &mut f.db,
        ImportKind::Completions,
        &path,
        &ImportOptions::default(),
        today(),
        &mut |p| {
            if p.phase == ImportPhase::Checking && p.rows == 1 {
                std::fs::write(
                    &changed,
                    "employee_id,program_id,completed_on\nE1,P1,2099-01-05\n",
                )
                .unwrap();
            }
        },
        &import::Cancel::default(),
    );
    let err = result.unwrap_err();
    assert!(
        err.to_string()
            .contains("changed while it was being imported"),
        "{err}"
    );
    assert_eq!(f.dump(), before);
}

#[test]
fn templates_import_as_they_are() {
    let mut f = Fixture::new();
    for template in import::templates() {
        assert_eq!(template.header, template.kind.columns().join(","));
        let r = f.import(template.kind, &template.file_name, &template.csv());
        assert_eq!(
            (r.outcome, r.inserted),
            (ImportOutcome::Imported, 1),
            "{}: {:?}",
            template.file_name,
            r.problems
        );
    }
}

#[test]
fn preview_is_a_dry_run_with_the_first_rows() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let mut text = String::from(EMPLOYEES);
    for i in 0..30 {
        text.push_str(&format!(
            "N{i},Person {i},Eng,{}\n",
            if i == 3 { "" } else { "Data" }
        ));
    }
    let path = f.file("e.csv", &text);
    let r = import::preview(
        &mut f.db,
        ImportKind::Employees,
        &path,
        DateFormat::Iso,
        today(),
        &import::Cancel::default(),
    )
    .unwrap();
    assert!(r.dry_run);
    assert_eq!(r.preview.len(), import::PREVIEW_ROWS);
    assert_eq!(r.preview[0].cells, vec!["N0", "Person 0", "Eng", "Data"]);
    assert_eq!(
        r.preview
            .iter()
            .filter(|p| p.rejected)
            .map(|p| p.line)
            .collect::<Vec<_>>(),
        vec![5]
    );
    assert_eq!(
        (r.inserted, r.rejected, r.outcome),
        (29, 1, ImportOutcome::Rejected)
    );
    assert_eq!(f.dump(), before);
    // The report crosses IPC as JSON.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["outcome"], "rejected");
    assert_eq!(json["problems"][0]["line"], 5);
    assert_eq!(json["encoding"], "utf8");
}

/// Everything an import could touch: the records, the derived data and the schema (a bulk
/// load sets triggers and indexes aside for a while).
fn whole_state(f: &Fixture) -> Vec<String> {
    let mut all = f.dump();
    all.extend(f.query(
        "SELECT employee_ref, first_on, last_on, area_bits, format_bits FROM reach ORDER BY 1",
    ));
    all.extend(f.query("SELECT employee_id, completion_count FROM employees ORDER BY 1"));
    all.extend(f.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name"));
    all
}

/// A file big enough to be read in several progress steps: 12,000 completions of E1, or
/// 12,000 new employees reporting to M1 (of the seeded fixture).
fn big_file(f: &Fixture, kind: ImportKind) -> PathBuf {
    let mut text = String::from(match kind {
        ImportKind::Completions => "employee_id,program_id,completed_on\n",
        _ => "employee_id,full_name,role,department,manager_id\n",
    });
    for day in 0..12_000 {
        let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(day);
        text.push_str(&match kind {
            ImportKind::Completions => format!("E1,P{},{date}\n", day % 2 + 1),
            _ => format!("N{day},Person {day},Engineer,Data,M1\n"),
        });
    }
    f.file(&format!("big-{}.csv", kind.as_str()), text)
}

/// Cancelled at each progress report of each pass (the checking pass, the writing pass, and
/// just before the staged completions are moved in one statement, where only SQLite's
/// progress handler can stop it), an import or a preview returns `Cancelled` and leaves
/// everything as it was; the same database then imports the file in full.
#[test]
fn cancelling_at_any_point_changes_nothing() {
    for dry_run in [false, true] {
        for kind in [ImportKind::Completions, ImportKind::Employees] {
            let mut reports = 0;
            {
                let mut f = Fixture::seeded();
                let path = big_file(&f, kind);
                let options = ImportOptions {
                    dry_run,
                    ..ImportOptions::default()
                };
                import::import_file(
                    &mut f.db,
                    kind,
                    &path,
                    &options,
                    today(),
                    &mut |_| reports += 1,
                    &import::Cancel::new(),
                )
                .unwrap();
            }
            assert!(reports >= 4, "{kind:?}: {reports} progress reports");
            // The last report comes after the last statement that could notice a cancel.
            for at in 0..reports - 1 {
                let mut f = Fixture::seeded();
                let path = big_file(&f, kind);
                let before = whole_state(&f);
                let cancel = import::Cancel::new();
                let mut seen = 0;
                let options = ImportOptions {
                    dry_run,
                    ..ImportOptions::default()
                };
                let result = import::import_file(
                    &mut f.db,
                    kind,
                    &path,
                    &options,
                    today(),
                    &mut |_| {
                        if seen == at {
                            cancel.cancel();
                        }
                        seen += 1;
                    },
                    &cancel,
                );
                let err = result.expect_err(&format!(
                    "{kind:?} dry_run={dry_run}: cancelled at report {at}"
                ));
                assert_eq!(err.kind(), upskill_core::ErrorKind::Cancelled, "{err}");
                assert!(err.to_string().contains("nothing was changed"), "{err}");
                assert_eq!(
                    whole_state(&f),
                    before,
                    "{kind:?} dry_run={dry_run}: cancelled at report {at}"
                );
                let r = f.run(kind, &path, options);
                assert_eq!(r.rows, 12_000);
                assert!(r.problems.is_empty(), "{:?}", r.problems);
            }
        }
    }
}

/// The desktop cancels from another thread while the import runs one long statement.
#[test]
fn a_cancel_from_another_thread_stops_the_statement_that_is_running() {
    let mut f = Fixture::seeded();
    let kind = ImportKind::Completions;
    let path = big_file(&f, kind);
    let before = whole_state(&f);
    let cancel = import::Cancel::new();
    let result = import::import_file(
        &mut f.db,
        kind,
        &path,
        &ImportOptions::default(),
        today(),
        &mut |p| {
            if p.phase == ImportPhase::Saving && p.rows == 0 {
                let other = cancel.clone();
                std::thread::spawn(move || other.cancel()).join().unwrap();
            }
        },
        &cancel,
    );
    assert_eq!(
        result.unwrap_err().kind(),
        upskill_core::ErrorKind::Cancelled
    );
    assert_eq!(whole_state(&f), before);
    // A Cancel already set stops the next import before it reads anything.
    let err =
        import::preview(&mut f.db, kind, &path, DateFormat::Iso, today(), &cancel).unwrap_err();
    assert_eq!(err.kind(), upskill_core::ErrorKind::Cancelled);
}
