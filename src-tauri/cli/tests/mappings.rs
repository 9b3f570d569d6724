//! `upskill import --mapping / --suggest-mapping / --save-mapping` and `upskill mappings`, as
//! a user runs them: the real binary, files written by hand, the database after.

use std::path::Path;

use upskill_core::db::Db;
use upskill_testkit::cli;
use upskill_testkit::scratch::Scratch;

fn upskill(db: &Path, args: &[&str]) -> (i32, String, String) {
    let db = db.to_str().expect("a UTF-8 path");
    cli::run(
        env!("CARGO_BIN_EXE_upskill"),
        &[&["--db", db], args].concat(),
    )
}

/// A scratch folder and what these tests do with it.
struct Setup(Scratch);

impl std::ops::Deref for Setup {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Setup {
    fn new() -> Setup {
        Setup(Scratch::new())
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        upskill(&self.db, args)
    }

    fn employees(&self) -> Vec<String> {
        let db = Db::open(&self.db).unwrap();
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT employee_id || '|' || full_name || '|' || role || '|' || ifnull(manager_id, '') \
                 || '|' || ifnull(hire_date, '') || '|' || active FROM employees ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

/// A people report as one HR system exports it: a title above the header, ids under
/// "Staff No", the role under "Function", managers by name, day-first dates.
const PEOPLE: &str = "People report\n\
Staff No,Given,Family,Function,Dept,Boss,Joined,State\n\
S1,Mateo,Nguyen,CTO,Engineering,,15/03/2015,Current\n\
S2,Ana,Silva,Engineer,Engineering,\"Nguyen, Mateo\",13/04/2019,Current\n\
S3,Jo,Park,Engineer,Engineering,Mateo Nguyen,01/11/2020,Gone\n";

const MAP: &str = r#"version = 1
kind = "employees"
name = "Acme people"

[file]
header_row = 2

[columns]
employee_id = "Staff No"
full_name   = ["Given", "Family"]
role        = "Function"
department  = "Dept"
manager_id  = { column = "Boss", match = "name" }
hire_date   = { column = "Joined", format = "%d/%m/%Y" }
active      = { column = "State", values = { "Current" = "true", "Gone" = "false" } }
"#;

#[test]
fn a_mapping_file_imports_what_recognition_cannot() {
    let s = Setup::new();
    let file = s.file("people.csv", PEOPLE);
    // Without the mapping: "Staff No" and "Function" are not headers Upskill knows.
    let (code, _, err) = s.run(&["import", "employees", &file]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("required column is missing"), "{err}");
    assert!(s.employees().is_empty());

    let map = s.file("acme.toml", MAP);
    let (code, out, err) = s.run(&["import", "employees", &file, "--mapping", &map]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("inserted   3"), "{out}");
    assert!(err.contains("mapping used ('Acme people')"), "{err}");
    assert_eq!(
        s.employees(),
        vec![
            "S1|Mateo Nguyen|CTO||2015-03-15|1",
            "S2|Ana Silva|Engineer|S1|2019-04-13|1",
            "S3|Jo Park|Engineer|S1|2020-11-01|0",
        ]
    );
}

#[test]
fn a_bad_mapping_names_its_line_and_nothing_is_read_or_written() {
    let s = Setup::new();
    let file = s.file("people.csv", PEOPLE);
    let cases = [
        (
            MAP.replace("role        = \"Function\"", "role        = \"Job\""),
            "bad.toml:11: the file has no column 'Job'",
        ),
        (
            MAP.replace("role        =", "rank        ="),
            "bad.toml:11: 'rank' is not a employees field",
        ),
        (
            MAP.replace(
                "[columns]",
                "[columns]\nemail = { column = \"Dept\", colour = 1 }",
            ),
            "bad.toml:9: email: unknown key 'colour'",
        ),
        (
            format!("{MAP}[rows]\nskip = [ {{ column = \"Dept\", matches = \"[\" }} ]\n"),
            "bad.toml:17: skip: matches: \"[\" is not a valid regex",
        ),
        (
            MAP.replace("name = \"Acme people\"", "name = \"Acme"),
            "bad.toml:3: ",
        ),
    ];
    for (text, want) in cases {
        let map = s.file("bad.toml", &text);
        let (code, out, err) = s.run(&["import", "employees", &file, "--mapping", &map]);
        assert_eq!(code, 1, "{text}\n{err}");
        assert!(err.contains(want), "want {want:?} in:\n{err}");
        assert!(out.is_empty(), "{out}");
        assert!(s.employees().is_empty());
    }
}

#[test]
fn suggest_save_use_list_show_delete() {
    let s = Setup::new();
    let file = s.file(
        "bamboo.csv",
        "Employee #,First Name,Last Name,Job Title,Department,Supervisor,Hire Date,Status\n\
         1001,Mateo,Nguyen,CTO,Engineering,,03/15/2015,Active\n\
         1002,Ana,Silva,Engineer,Engineering,\"Nguyen, Mateo\",04/01/2019,Terminated\n",
    );
    let (code, suggested, err) = s.run(&["import", "employees", &file, "--suggest-mapping"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        suggested.contains("employee_id = \"Employee #\""),
        "{suggested}"
    );
    assert!(
        suggested.contains("full_name = [\"First Name\", \"Last Name\"]"),
        "{suggested}"
    );
    assert!(
        suggested.contains("\"Terminated\" = \"false\""),
        "{suggested}"
    );
    assert!(s.employees().is_empty(), "a suggestion imports nothing");

    // The suggestion is a mapping file as it is.
    let map = s.file("suggested.toml", &suggested);
    let (code, _, err) = s.run(&[
        "import",
        "employees",
        &file,
        "--mapping",
        &map,
        "--save-mapping",
        "Bamboo",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        s.employees(),
        vec![
            "1001|Mateo Nguyen|CTO||2015-03-15|1",
            "1002|Ana Silva|Engineer|1001|2019-04-01|0"
        ]
    );

    let (code, out, _) = s.run(&["mappings", "list"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Bamboo\temployees\t"), "{out}");
    let (code, out, _) = s.run(&["mappings", "show", "Bamboo"]);
    assert_eq!((code, out.as_str()), (0, suggested.as_str()));

    // A saved mapping is used by its name.
    let again = s.file(
        "bamboo2.csv",
        &std::fs::read_to_string(&file)
            .unwrap()
            .replace("CTO", "Chief"),
    );
    let (code, out, err) = s.run(&["import", "employees", &again, "--mapping", "Bamboo"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("updated    1"), "{out}");

    let (code, _, _) = s.run(&["mappings", "delete", "Bamboo"]);
    assert_eq!(code, 0);
    let (code, _, err) = s.run(&["import", "employees", &again, "--mapping", "Bamboo"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("'Bamboo' is neither a mapping file nor a saved mapping"),
        "{err}"
    );
}
