//! Real HR and LMS exports, as the vendors write them: each file imported with no mapping
//! where recognition should handle it, and with a mapping file in the contract's format
//! (/work/shared/import-mapping.md). Every test checks the stored records, the skipped count
//! and the messages that matter.

use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use upskill_core::db::Db;
use upskill_core::error::Error;
use upskill_core::import::{
    self, DateFormat, ImportKind, ImportOptions, ImportOutcome, ImportReport, Mapping,
};
use upskill_testkit::today;

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

    /// Imports `path` with the mapping text (parsed as `MAP.toml`), if any.
    fn try_run(
        &mut self,
        kind: ImportKind,
        path: &Path,
        mapping: Option<&str>,
        date_format: DateFormat,
    ) -> Result<ImportReport, Error> {
        let mapping = match mapping {
            Some(text) => Some(Mapping::parse(text, "MAP.toml", kind)?),
            None => None,
        };
        let options = ImportOptions {
            dry_run: false,
            skip_invalid: false,
            date_format,
        };
        import::import_with(
            &mut self.db,
            kind,
            path,
            &options,
            mapping.as_ref(),
            today(),
            &mut |_| {},
            &import::Cancel::default(),
        )
    }

    fn run(&mut self, kind: ImportKind, path: &Path, mapping: Option<&str>) -> ImportReport {
        self.try_run(kind, path, mapping, DateFormat::Iso).unwrap()
    }

    /// Writes and imports a file; it must be imported.
    fn ok(
        &mut self,
        kind: ImportKind,
        name: &str,
        bytes: impl AsRef<[u8]>,
        mapping: Option<&str>,
    ) -> ImportReport {
        let path = self.file(name, bytes);
        let r = self.run(kind, &path, mapping);
        assert_eq!(
            r.outcome,
            ImportOutcome::Imported,
            "{name} (mapping: {}): problems {:#?}\nwarnings {:#?}\nnotes {:#?}",
            mapping.is_some(),
            problems(&r),
            r.warnings,
            r.notes
        );
        r
    }

    fn query(&self, sql: &str) -> Vec<String> {
        let mut stmt = self.db.conn().prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |row| {
            let cells: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(_) => "BLOB".into(),
                })
                .collect();
            Ok(cells.join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    /// id|name|email|role|department|manager|birth_year|hire_date|location|active
    fn employees(&self) -> Vec<String> {
        self.query(
            "SELECT employee_id, full_name, email, role, department, manager_id, birth_year, \
             hire_date, location, active FROM employees ORDER BY employee_id",
        )
    }

    /// employee|program|date
    fn completions(&self) -> Vec<String> {
        self.query(
            "SELECT e.employee_id, p.program_id, c.completed_on FROM completions c \
             JOIN employees e ON e.id = c.employee_ref JOIN programs p ON p.id = c.program_ref \
             ORDER BY 1, 2, 3",
        )
    }

    /// id|title|skill_area|format|provider|hours
    fn programs(&self) -> Vec<String> {
        self.query(
            "SELECT program_id, title, skill_area, format, provider, hours FROM programs \
             ORDER BY program_id",
        )
    }

    fn dump(&self) -> Vec<String> {
        let mut all = self.employees();
        all.extend(self.programs());
        all.extend(self.completions());
        all
    }

    /// The learners and courses the LMS files name.
    fn seeded() -> Fixture {
        let mut f = Fixture::new();
        f.ok(
            ImportKind::Employees,
            "seed-e.csv",
            "employee_id,full_name,email,role,department\n\
             E1001,Ada Lovelace,ada@acme.com,Engineer,Data\n\
             E1002,Grace Hopper,grace@acme.com,Lead,Data\n\
             E1003,Linus Torvalds,linus@acme.com,Engineer,Platform\n",
            None,
        );
        f.ok(
            ImportKind::Programs,
            "seed-p.csv",
            "program_id,title,skill_area,format\n\
             P-PROMPT,Prompt Engineering Basics,Prompt engineering,e-learning\n\
             P-RAG,Retrieval-Augmented Generation,Retrieval,workshop\n\
             P-ML101,Machine Learning Foundations,ML,e-learning\n",
            None,
        );
        f
    }
}

fn problems(r: &ImportReport) -> Vec<String> {
    r.problems.iter().map(ToString::to_string).collect()
}

/// Every message of a report, one per line.
fn messages(r: &ImportReport) -> String {
    let mut all = r.warnings.clone();
    all.extend(r.notes.iter().cloned());
    all.extend(problems(r));
    all.join("\n")
}

#[track_caller]
fn says(r: &ImportReport, text: &str) {
    let all = messages(r);
    assert!(all.contains(text), "no message contains {text:?}:\n{all}");
}

#[track_caller]
fn mapping_error(result: Result<ImportReport, Error>, texts: &[&str]) {
    match result {
        Err(Error::Mapping(list)) => {
            let all = list.join("\n");
            for text in texts {
                assert!(all.contains(text), "{text:?} not in:\n{all}");
            }
        }
        Err(other) => panic!("not a mapping error: {other:?}"),
        Ok(r) => panic!("imported: {:?} {:?}", r.outcome, problems(&r)),
    }
}

/// Windows-1252 bytes of `text` (its letters are all Latin-1).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 letter"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The vendor files

const BAMBOO: &str = "\
Employee #,First Name,Last Name,Job Title,Department,Location,Supervisor,Hire Date,Birth Date,Work Email,Status
1001,Mateo,Nguyen,CEO,Executive,Austin,,03/15/2012,07/04/1975,mateo.nguyen@acme.com,Active
1002,Ada,Lovelace,Data Engineer,Engineering,Austin,\"Nguyen, Mateo\",10/19/2013,12/10/1985,ada@acme.com,Active
1003,Grace,Hopper,Engineer,Engineering,Remote,\"Lovelace, Ada\",01/31/2020,12/25/1990,grace@acme.com,On Leave
1004,Linus,Torvalds,Engineer,Engineering,Remote,\"Lovelace, Ada\",06/01/2018,,linus@acme.com,Terminated
";

const BAMBOO_MAP: &str = r#"version = 1
kind = "employees"
name = "BambooHR people report"

[columns]
employee_id = "Employee #"
full_name   = ["First Name", "Last Name"]
email       = "Work Email"
role        = "Job Title"
department  = "Department"
location    = "Location"
manager_id  = { column = "Supervisor", match = "name" }
birth_year  = { column = "Birth Date", format = "%m/%d/%Y" }
hire_date   = { column = "Hire Date", format = "%m/%d/%Y" }
active      = { column = "Status", values = { "Active" = "true", "On Leave" = "true", "Terminated" = "false" } }
"#;

fn bamboo_rows() -> Vec<&'static str> {
    vec![
        "1001|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Executive|NULL|1975|2012-03-15|Austin|1",
        "1002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|1001|1985|2013-10-19|Austin|1",
        "1003|Grace Hopper|grace@acme.com|Engineer|Engineering|1002|1990|2020-01-31|Remote|1",
        "1004|Linus Torvalds|linus@acme.com|Engineer|Engineering|1002|NULL|2018-06-01|Remote|0",
    ]
}

#[test]
fn bamboohr_people_report() {
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "bamboo.csv", BAMBOO, None);
    assert_eq!(f.employees(), bamboo_rows());
    assert_eq!((r.rows, r.skipped, r.inserted), (4, 0, 4));
    says(&r, "column 'Employee #' (A) looks like employee_id");
    says(&r, "full_name is 'First Name' (B) + 'Last Name' (C) joined");

    let mut f = Fixture::new();
    let r = f.ok(
        ImportKind::Employees,
        "bamboo.csv",
        BAMBOO,
        Some(BAMBOO_MAP),
    );
    assert_eq!(f.employees(), bamboo_rows());
    assert_eq!((r.rows, r.skipped), (4, 0));
    assert_eq!(r.mapping_name.as_deref(), Some("BambooHR people report"));
    let manager = r.mapping.iter().find(|m| m.field == "manager_id").unwrap();
    assert_eq!(manager.columns, ["Supervisor"]);
    assert_eq!(manager.chosen, "mapping line 12");
}

const WORKDAY: &str = "\
Workers by Organization,,,,,,,,
Organization: Acme Corp (Top Level),,,,,,,,
Effective Date: 11/29/2026,,,,,,,,
Run By: Jane Admin,,,,,,,,
Confidential,,,,,,,,
Employee ID,Worker,Business Title,Supervisory Organization,Location,Manager,Hire Date,Email - Primary Work,Active Status
21001,Mateo Nguyen,Chief Executive Officer,Executive,Austin,,40984,mateo.nguyen@acme.com,Yes
21002,Ada Lovelace,Data Engineer,Engineering,Austin,Mateo Nguyen,41566,ada@acme.com,Yes
21003,Grace Hopper,Staff Engineer,Engineering,London,Ada Lovelace,43466,grace@acme.com,Yes
21004,Linus Torvalds,Engineer,Engineering,Helsinki,Ada Lovelace,44805,linus@acme.com,No
Total: 4 workers,,,,,,,,
";

const WORKDAY_MAP: &str = r#"version = 1
kind = "employees"
name = "Workday workers"

[file]
header_row = 6

[columns]
employee_id = "Employee ID"
full_name = "Worker"
email = "Email - Primary Work"
role = "Business Title"
department = "Supervisory Organization"
manager_id = { column = "Manager", match = "name" }
hire_date = { column = "Hire Date", format = "excel" }
active = "Active Status"

[rows]
skip = [ { column = "Employee ID", matches = "^Total" } ]
"#;

fn workday_rows() -> Vec<&'static str> {
    vec![
        "21001|Mateo Nguyen|mateo.nguyen@acme.com|Chief Executive Officer|Executive|NULL|NULL|2012-03-16|Austin|1",
        "21002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|21001|NULL|2013-10-19|Austin|1",
        "21003|Grace Hopper|grace@acme.com|Staff Engineer|Engineering|21002|NULL|2019-01-01|London|1",
        "21004|Linus Torvalds|linus@acme.com|Engineer|Engineering|21002|NULL|2022-09-01|Helsinki|0",
    ]
}

#[test]
fn workday_report_with_a_banner_excel_serials_and_a_totals_row() {
    // With no mapping: the banner and the totals row are found; the serials are not dates
    // until a mapping says so, and each problem names its physical line.
    let mut f = Fixture::new();
    let path = f.file("workday.csv", WORKDAY);
    let r = f.run(ImportKind::Employees, &path, None);
    assert_eq!(r.header_line, 6);
    says(
        &r,
        "line 1 looks like a title; the header seems to be on line 6",
    );
    says(&r, "column 'Email - Primary Work' (H) looks like email");
    says(&r, "column 'Business Title' (C) looks like role");
    assert_eq!(r.outcome, ImportOutcome::Imported, "{:?}", problems(&r));
    assert_eq!(f.employees(), workday_rows());
    assert_eq!(r.skipped, 1, "the totals row");
    says(&r, "a totals row");

    let mut f = Fixture::new();
    let r = f.ok(
        ImportKind::Employees,
        "workday.csv",
        WORKDAY,
        Some(WORKDAY_MAP),
    );
    assert_eq!(f.employees(), workday_rows());
    assert_eq!((r.header_line, r.rows, r.skipped), (6, 4, 1));
    says(&r, "left out by the mapping's keep/skip rules");

    // A mapping that names another format: each serial says what it looks like.
    let map = WORKDAY_MAP.replace("format = \"excel\"", "format = \"%m/%d/%Y\"");
    let mut f = Fixture::new();
    let path = f.file("workday.csv", WORKDAY);
    let r = f.run(ImportKind::Employees, &path, Some(&map));
    assert!(r.is_rejected());
    says(&r, "workday.csv:8: Hire Date:");
    says(
        &r,
        "'41566' looks like an Excel date serial: read it with format = \"excel\"",
    );
    assert_eq!(r.rejected, 4);
    assert!(f.employees().is_empty());
}

const HIBOB: &str = "\
Employee ID,First name,Last name,Display name,Email,Department,Job title,Site,Reports to,Start date,Date of birth,Lifecycle status
HB-01,Mateo,Nguyen,Mateo Nguyen,mateo.nguyen@acme.com,Executive,CEO,London,,19/10/2013,1975-07-04,Employed
HB-02,Ada,Lovelace,Ada Lovelace,ada@acme.com,Engineering,Data Engineer,London,Mateo Nguyen,25/02/2019,1985-12-10,Employed
HB-03,Grace,Hopper,Grace Hopper,grace@acme.com,Engineering,Engineer,Remote,Ada Lovelace,01/03/2021,1990-12-25,Garden leave
HB-04,Linus,Torvalds,Linus Torvalds,linus@acme.com,Engineering,Engineer,Remote,Ada Lovelace,15/06/2018,,Terminated
";

const HIBOB_MAP: &str = r#"version = 1
kind = "employees"
name = "HiBob people data"

[columns]
employee_id = "Employee ID"
full_name = "Display name"
email = "Email"
role = "Job title"
department = "Department"
location = "Site"
manager_id = { column = "Reports to", match = "name" }
hire_date = { column = "Start date", format = "%d/%m/%Y" }
birth_year = { column = "Date of birth", format = "%Y-%m-%d" }
active = { column = "Lifecycle status", values = { "Employed" = "yes", "Garden leave" = "yes", "Terminated" = "no" } }
"#;

fn hibob_rows() -> Vec<&'static str> {
    vec![
        "HB-01|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Executive|NULL|1975|2013-10-19|London|1",
        "HB-02|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|HB-01|1985|2019-02-25|London|1",
        "HB-03|Grace Hopper|grace@acme.com|Engineer|Engineering|HB-02|1990|2021-03-01|Remote|1",
        "HB-04|Linus Torvalds|linus@acme.com|Engineer|Engineering|HB-02|NULL|2018-06-15|Remote|0",
    ]
}

#[test]
fn hibob_people_data() {
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "hibob.csv", HIBOB, None);
    assert_eq!(f.employees(), hibob_rows());
    assert_eq!((r.rows, r.skipped), (4, 0));

    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "hibob.csv", HIBOB, Some(HIBOB_MAP));
    assert_eq!(f.employees(), hibob_rows());
    assert_eq!((r.rows, r.skipped), (4, 0));
}

const PERSONIO: &str = "\
Personalnummer;Vorname;Nachname;E-Mail;Abteilung;Position;Vorgesetzte/r;Eintrittsdatum;Geburtsdatum;Standort;Status
P-17;Mateo;Nguyen;mateo.nguyen@acme.de;Geschäftsführung;Geschäftsführer;;01.04.2012;04.07.1975;München;Aktiv
P-18;Jürgen;Müller;juergen.mueller@acme.de;Forschung & Entwicklung;Ingenieur;mateo.nguyen@acme.de;19.10.2013;10.12.1985;Düsseldorf;Aktiv
P-19;Zoë;Weiß;zoe.weiss@acme.de;Forschung & Entwicklung;Ingenieurin;juergen.mueller@acme.de;01.03.2021;25.12.1990;München;Beurlaubt
P-20;Björn;Schäfer;bjoern.schaefer@acme.de;Vertrieb;Vertriebsleiter;mateo.nguyen@acme.de;15.06.2018;;Köln;Inaktiv
";

const PERSONIO_MAP: &str = r#"version = 1
kind = "employees"
name = "Personio Mitarbeiter"

[file]
delimiter = ";"
encoding = "windows-1252"

[columns]
employee_id = "Personalnummer"
full_name = ["Vorname", "Nachname"]
email = "E-Mail"
role = "Position"
department = "Abteilung"
location = "Standort"
manager_id = { column = "Vorgesetzte/r", match = "email" }
hire_date = { column = "Eintrittsdatum", format = "%d.%m.%Y" }
birth_year = { column = "Geburtsdatum", format = "%d.%m.%Y" }
active = { column = "Status", values = { "Aktiv" = "true", "Beurlaubt" = "true", "Inaktiv" = "false" } }
"#;

fn personio_rows() -> Vec<&'static str> {
    vec![
        "P-17|Mateo Nguyen|mateo.nguyen@acme.de|Geschäftsführer|Geschäftsführung|NULL|1975|2012-04-01|München|1",
        "P-18|Jürgen Müller|juergen.mueller@acme.de|Ingenieur|Forschung & Entwicklung|P-17|1985|2013-10-19|Düsseldorf|1",
        "P-19|Zoë Weiß|zoe.weiss@acme.de|Ingenieurin|Forschung & Entwicklung|P-18|1990|2021-03-01|München|1",
        "P-20|Björn Schäfer|bjoern.schaefer@acme.de|Vertriebsleiter|Vertrieb|P-17|NULL|2018-06-15|Köln|0",
    ]
}

#[test]
fn personio_german_semicolons_in_windows_1252() {
    let bytes = cp1252(PERSONIO);
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "personio.csv", &bytes, None);
    assert_eq!(r.encoding, import::Encoding::Windows1252);
    assert_eq!(r.delimiter, import::Delimiter::Semicolon);
    assert_eq!(f.employees(), personio_rows());
    says(&r, "column 'Vorgesetzte/r' (G) looks like manager_id");

    let mut f = Fixture::new();
    let r = f.ok(
        ImportKind::Employees,
        "personio.csv",
        &bytes,
        Some(PERSONIO_MAP),
    );
    assert_eq!(f.employees(), personio_rows());
    assert_eq!((r.rows, r.skipped), (4, 0));
}

const SUCCESSFACTORS: &str = "\
STATUS,USERID,USERNAME,FIRSTNAME,LASTNAME,EMAIL,MANAGER,HR,DEPARTMENT,TITLE,LOCATION,HIREDATE
Status,User ID,Username,First Name,Last Name,Email,Manager,Human Resource,Department,Title,Location,Hire Date
active,sf1001,mnguyen,Mateo,Nguyen,mateo.nguyen@acme.com,NO_MANAGER,NO_HR,Executive,CEO,Walldorf,03/15/2012
active,sf1002,alovelace,Ada,Lovelace,ada@acme.com,sf1001,NO_HR,Engineering,Data Engineer,Walldorf,10/19/2013
inactive,sf1003,ghopper,Grace,Hopper,grace@acme.com,sf1002,NO_HR,Engineering,Engineer,Berlin,01/31/2020
";

const SUCCESSFACTORS_MAP: &str = r#"version = 1
kind = "employees"
name = "SuccessFactors user data file"

[file]
header_row = 1

[columns]
employee_id = "USERID"
full_name = ["FIRSTNAME", "LASTNAME"]
email = "EMAIL"
role = "TITLE"
department = "DEPARTMENT"
location = "LOCATION"
manager_id = { column = "MANAGER", values = { "NO_MANAGER" = "" } }
hire_date = { column = "HIREDATE", format = "%m/%d/%Y" }
active = "STATUS"
"#;

fn successfactors_rows() -> Vec<&'static str> {
    vec![
        "sf1001|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Executive|NULL|NULL|2012-03-15|Walldorf|1",
        "sf1002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|sf1001|NULL|2013-10-19|Walldorf|1",
        "sf1003|Grace Hopper|grace@acme.com|Engineer|Engineering|sf1002|NULL|2020-01-31|Berlin|0",
    ]
}

#[test]
fn successfactors_user_data_file_with_two_header_rows_and_no_manager() {
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "sf.csv", SUCCESSFACTORS, None);
    assert_eq!(f.employees(), successfactors_rows());
    says(&r, "line 2 looks like a second header row");
    assert_eq!((r.rows, r.skipped), (3, 0));

    let mut f = Fixture::new();
    let r = f.ok(
        ImportKind::Employees,
        "sf.csv",
        SUCCESSFACTORS,
        Some(SUCCESSFACTORS_MAP),
    );
    assert_eq!(f.employees(), successfactors_rows());
    assert_eq!((r.rows, r.skipped), (3, 0));
    says(&r, "line 2 looks like a second header row");
}

const ADP: &str = "\
Associate ID,Position ID,Legal First Name,Legal Last Name,Job Title Description,Home Department Description,Location Description,Reports To Position ID,Hire Date,Position Status,Work Contact: Work Email
A1X001,POS-900,Mateo,Nguyen,Chief Executive,Executive,Roseland,,03/15/2012,Active,mateo.nguyen@acme.com
A1X002,POS-910,Ada,Lovelace,Data Engineer,Engineering,Roseland,POS-900,10/19/2013,Active,ada@acme.com
A1X003,POS-911,Grace,Hopper,Engineer,Engineering,Remote,POS-910,01/31/2020,Leave,grace@acme.com
A1X004,POS-912,Linus,Torvalds,Engineer,Engineering,Remote,POS-910,06/01/2018,Terminated,linus@acme.com
";

const ADP_MAP: &str = r#"version = 1
kind = "employees"
name = "ADP Workforce Now"

[columns]
employee_id = "Associate ID"
full_name = ["Legal First Name", "Legal Last Name"]
role = "Job Title Description"
department = "Home Department Description"
manager_id = { column = "Reports To Position ID", match = { column = "Position ID" } }
hire_date = { column = "Hire Date", format = "%m/%d/%Y" }
active = "Position Status"
"#;

fn adp_rows() -> Vec<&'static str> {
    vec![
        "A1X001|Mateo Nguyen|mateo.nguyen@acme.com|Chief Executive|Executive|NULL|NULL|2012-03-15|Roseland|1",
        "A1X002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|A1X001|NULL|2013-10-19|Roseland|1",
        "A1X003|Grace Hopper|grace@acme.com|Engineer|Engineering|A1X002|NULL|2020-01-31|Remote|1",
        "A1X004|Linus Torvalds|linus@acme.com|Engineer|Engineering|A1X002|NULL|2018-06-01|Remote|0",
    ]
}

#[test]
fn adp_managers_by_position_id_need_a_mapping() {
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "adp.csv", ADP, Some(ADP_MAP));
    assert_eq!(f.employees(), adp_rows());
    assert_eq!((r.rows, r.skipped), (4, 0));
    let manager = r.mapping.iter().find(|m| m.field == "manager_id").unwrap();
    assert_eq!(
        manager.reads.as_deref(),
        Some("managers looked up in column 'Position ID'")
    );

    // A position nobody holds: one problem on that row, not on the rows under it.
    let broken = ADP.replace(",POS-900,10/19/2013", ",POS-999,10/19/2013");
    let mut f = Fixture::new();
    let path = f.file("adp.csv", &broken);
    let r = f.run(ImportKind::Employees, &path, Some(ADP_MAP));
    assert_eq!(
        problems(&r),
        [format!(
            "{}:3: 2 people below this row (lines 4, 5) cannot be imported without it",
            path.display()
        ), format!(
            "{}:3: Reports To Position ID: no row has 'POS-999' in column 'Position ID', so the manager cannot be found",
            path.display()
        )]
    );
    // The two people under the row are held back with it, named on its line, not on theirs.
    assert_eq!(r.rejected, 3);
    assert!(f.employees().is_empty());

    // unknown_manager = "empty": imported without that manager, with a warning.
    let mut f = Fixture::new();
    let map = format!("{ADP_MAP}\n[rows]\nunknown_manager = \"empty\"\n");
    let r = f.ok(ImportKind::Employees, "adp.csv", &broken, Some(&map));
    let mut rows = adp_rows();
    rows[1] = "A1X002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|NULL|NULL|2013-10-19|Roseland|1";
    assert_eq!(f.employees(), rows);
    says(
        &r,
        "line 3: no row has 'POS-999' in column 'Position ID'; the manager was left empty",
    );
}

const RIPPLING: &str = "\
Employee ID,Full name,Work email,Title,Department,Manager,Start date,Employment status,Work location,Date of birth
R-1,Mateo Nguyen,mateo.nguyen@acme.com,CEO,Executive,,2012-03-15,Active,San Francisco,1975-07-04
R-2,Ada Lovelace,ada@acme.com,Data Engineer,Engineering,Mateo Nguyen,2013-10-19,Active,San Francisco,1985-12-10
R-3,Grace Hopper,grace@acme.com,Engineer,Engineering,Ada Lovelace,2026-12-01,Accepted,Remote,1990-12-25
R-4,Alan Turing,alan@acme.com,Engineer,Engineering,Ada Lovelace,2026-12-15,Hired,Remote,
R-5,Linus Torvalds,linus@acme.com,Engineer,Engineering,Ada Lovelace,2018-06-01,Terminated,Remote,
";

const RIPPLING_MAP: &str = r#"version = 1
kind = "employees"
name = "Rippling employees"

[columns]
employee_id = "Employee ID"
full_name = "Full name"
email = "Work email"
role = "Title"
department = "Department"
manager_id = { column = "Manager", match = "name" }
hire_date = { column = "Start date", format = "%Y-%m-%d" }
active = { column = "Employment status", values = { "Hired" = "true", "Accepted" = "true" } }
location = "Work location"
"#;

fn rippling_rows() -> Vec<&'static str> {
    vec![
        "R-1|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Executive|NULL|1975|2012-03-15|San Francisco|1",
        "R-2|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|R-1|1985|2013-10-19|San Francisco|1",
        "R-3|Grace Hopper|grace@acme.com|Engineer|Engineering|R-2|1990|2026-12-01|Remote|1",
        "R-4|Alan Turing|alan@acme.com|Engineer|Engineering|R-2|NULL|2026-12-15|Remote|1",
        "R-5|Linus Torvalds|linus@acme.com|Engineer|Engineering|R-2|NULL|2018-06-01|Remote|0",
    ]
}

#[test]
fn rippling_with_hired_and_accepted_people() {
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "rippling.csv", RIPPLING, None);
    assert_eq!(f.employees(), rippling_rows());
    assert_eq!((r.rows, r.skipped), (5, 0));

    let mut f = Fixture::new();
    let r = f.ok(
        ImportKind::Employees,
        "rippling.csv",
        RIPPLING,
        Some(RIPPLING_MAP),
    );
    assert_eq!(f.employees(), rippling_rows());
    assert_eq!((r.rows, r.skipped), (5, 0));
}

/// Gusto's export opened in Excel and saved as "CSV": Windows-1252, the letters it could not
/// store already turned into '?', 2-digit years, and the empty columns Excel keeps.
const GUSTO: &str = "\
Employee ID,First name,Last name,Work email,Job title,Department,Manager,Employment status,Start date,Work address,,
G1,Mateo,Nguyen,mateo.nguyen@acme.com,CEO,Executive,,Full-Time,03/15/12,Denver,,
G2,Ana,Dvo?ák,ana@acme.com,Engineer,Engineering,mateo.nguyen@acme.com,Full-Time,10/19/13,Denver,,
G3,Renée,Dubois,renee@acme.com,Designer,Design,mateo.nguyen@acme.com,Part-Time,01/31/20,Remote,,
G4,Linus,Torvalds,linus@acme.com,Engineer,Engineering,ana@acme.com,Terminated,06/01/18,Remote,,
";

const GUSTO_MAP: &str = r#"version = 1
kind = "employees"
name = "Gusto via Excel"

[file]
encoding = "windows-1252"

[columns]
employee_id = "Employee ID"
full_name = ["First name", "Last name"]
email = "Work email"
role = "Job title"
department = "Department"
location = "Work address"
manager_id = { column = "Manager", match = "email" }
hire_date = { column = "Start date", format = "%m/%d/%y" }
active = { column = "Employment status", values = { "Full-Time" = "true", "Part-Time" = "true", "Terminated" = "false" } }
"#;

fn gusto_rows() -> Vec<&'static str> {
    vec![
        "G1|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Executive|NULL|NULL|2012-03-15|Denver|1",
        "G2|Ana Dvo?ák|ana@acme.com|Engineer|Engineering|G1|NULL|2013-10-19|Denver|1",
        "G3|Renée Dubois|renee@acme.com|Designer|Design|G1|NULL|2020-01-31|Remote|1",
        "G4|Linus Torvalds|linus@acme.com|Engineer|Engineering|G2|NULL|2018-06-01|Remote|0",
    ]
}

#[test]
fn gusto_saved_by_excel_warns_about_question_marks() {
    let bytes = cp1252(GUSTO);
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "gusto.csv", &bytes, None);
    assert_eq!(f.employees(), gusto_rows());
    assert_eq!(r.encoding, import::Encoding::Windows1252);
    says(
        &r,
        "line 3: 'Dvo?ák' has a '?' where a letter should be (1 cell(s) like it)",
    );
    says(&r, "Save the file as \"CSV UTF-8\"");

    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "gusto.csv", &bytes, Some(GUSTO_MAP));
    assert_eq!(f.employees(), gusto_rows());
    says(&r, "has a '?' where a letter should be");
    assert_eq!((r.rows, r.skipped), (4, 0));
}

/// Frappe HRMS's Data Import export: a child table (education) continues each person on the
/// next lines with the parent's cells empty.
const FRAPPE: &str = "\
ID,First Name,Last Name,Employee Name,Status,Date of Joining,Date of Birth,Department,Designation,Reports To,Company Email,Branch,School/University (Education),Qualification (Education)
HR-EMP-00001,Mateo,Nguyen,Mateo Nguyen,Active,2012-03-15,1975-07-04,Management - ACME,CEO,,mateo.nguyen@acme.com,Pune,IIT Bombay,B.Tech
,,,,,,,,,,,,IIM Ahmedabad,MBA
HR-EMP-00002,Ada,Lovelace,Ada Lovelace,Active,2013-10-19,1985-12-10,Engineering - ACME,Data Engineer,HR-EMP-00001,ada@acme.com,Pune,University of London,BSc
HR-EMP-00003,Grace,Hopper,Grace Hopper,Suspended,2020-01-31,1990-12-25,Engineering - ACME,Engineer,HR-EMP-00002,grace@acme.com,Remote,Yale,PhD
,,,,,,,,,,,,Vassar,BA
HR-EMP-00004,Linus,Torvalds,Linus Torvalds,Left,2018-06-01,,Engineering - ACME,Engineer,HR-EMP-00002,linus@acme.com,Remote,University of Helsinki,MSc
";

const FRAPPE_MAP: &str = r#"version = 1
kind = "employees"
name = "Frappe HRMS employees"

[columns]
employee_id = "ID"
full_name = "Employee Name"
email = "Company Email"
role = "Designation"
department = { column = "Department", values = { "Management - ACME" = "Management", "Engineering - ACME" = "Engineering" } }
location = "Branch"
manager_id = "Reports To"
hire_date = "Date of Joining"
birth_year = "Date of Birth"
active = { column = "Status", values = { "Active" = "true", "Suspended" = "true", "Left" = "false", "Inactive" = "false" } }

[rows]
skip = [ { column = "ID", blank = true } ]
"#;

#[test]
fn frappe_child_rows_are_continuations() {
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "frappe.csv", FRAPPE, None);
    assert_eq!(
        f.employees(),
        [
            "HR-EMP-00001|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Management - ACME|NULL|1975|2012-03-15|Pune|1",
            "HR-EMP-00002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering - ACME|HR-EMP-00001|1985|2013-10-19|Pune|1",
            "HR-EMP-00003|Grace Hopper|grace@acme.com|Engineer|Engineering - ACME|HR-EMP-00002|1990|2020-01-31|Remote|1",
            "HR-EMP-00004|Linus Torvalds|linus@acme.com|Engineer|Engineering - ACME|HR-EMP-00002|NULL|2018-06-01|Remote|0",
        ]
    );
    assert_eq!((r.rows, r.skipped), (4, 2));
    says(&r, "2 row(s) skipped: continuation rows");

    let mut f = Fixture::new();
    let r = f.ok(
        ImportKind::Employees,
        "frappe.csv",
        FRAPPE,
        Some(FRAPPE_MAP),
    );
    assert_eq!(
        f.employees(),
        [
            "HR-EMP-00001|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Management|NULL|1975|2012-03-15|Pune|1",
            "HR-EMP-00002|Ada Lovelace|ada@acme.com|Data Engineer|Engineering|HR-EMP-00001|1985|2013-10-19|Pune|1",
            "HR-EMP-00003|Grace Hopper|grace@acme.com|Engineer|Engineering|HR-EMP-00002|1990|2020-01-31|Remote|1",
            "HR-EMP-00004|Linus Torvalds|linus@acme.com|Engineer|Engineering|HR-EMP-00002|NULL|2018-06-01|Remote|0",
        ]
    );
    assert_eq!((r.rows, r.skipped), (4, 2));
    says(&r, "left out by the mapping's keep/skip rules");
}

const ODOO: &str = "\
Registration Number of the Employee,Employee Name,Work Email,Job Position,Department,Manager,Work Location,Date of Birth,Active
OD-001,Mateo Nguyen,mateo.nguyen@acme.com,CEO,Management,,Brussels,1975-07-04,True
OD-002,Ada Lovelace,ada@acme.com,Data Engineer,Management / Engineering,Mateo Nguyen,Brussels,1985-12-10,True
OD-003,Grace Hopper,grace@acme.com,Engineer,Management / Engineering,Ada Lovelace,Home,1990-12-25,True
OD-004,Linus Torvalds,linus@acme.com,Engineer,Management / Engineering,Ada Lovelace,Home,,False
";

const ODOO_MAP: &str = r#"version = 1
kind = "employees"
name = "Odoo hr.employee"

[columns]
employee_id = "Registration Number of the Employee"
full_name = "Employee Name"
email = "Work Email"
role = "Job Position"
department = { column = "Department", values = { "Management / Engineering" = "Engineering" } }
manager_id = { column = "Manager", match = "name" }
location = "Work Location"
birth_year = "Date of Birth"
active = "Active"
"#;

#[test]
fn odoo_employee_export() {
    let rows = |engineering: &str| -> Vec<String> {
        vec![
            "OD-001|Mateo Nguyen|mateo.nguyen@acme.com|CEO|Management|NULL|1975|NULL|Brussels|1".into(),
            format!("OD-002|Ada Lovelace|ada@acme.com|Data Engineer|{engineering}|OD-001|1985|NULL|Brussels|1"),
            format!("OD-003|Grace Hopper|grace@acme.com|Engineer|{engineering}|OD-002|1990|NULL|Home|1"),
            format!("OD-004|Linus Torvalds|linus@acme.com|Engineer|{engineering}|OD-002|NULL|NULL|Home|0"),
        ]
    };
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "odoo.csv", ODOO, None);
    assert_eq!(f.employees(), rows("Management / Engineering"));
    says(
        &r,
        "column 'Registration Number of the Employee' (A) looks like employee_id",
    );

    let mut f = Fixture::new();
    f.ok(ImportKind::Employees, "odoo.csv", ODOO, Some(ODOO_MAP));
    assert_eq!(f.employees(), rows("Engineering"));
}

const MOODLE: &str = "\
Full name,Email address,Course full name,Time completed,Completion status
Ada Lovelace,ada@acme.com,Prompt Engineering Basics,\"Friday, 13 September 2024, 5:52 PM\",Completed
Grace Hopper,grace@acme.com,Prompt Engineering Basics,,Not completed
Linus Torvalds,linus@acme.com,Machine Learning Foundations,\"Monday, 3 March 2025, 9:05 AM\",Completed
Grace Hopper,grace@acme.com,Machine Learning Foundations,\"Tuesday, 4 March 2025, 11:30 AM\",Completed
";

const MOODLE_MAP: &str = r#"version = 1
kind = "completions"
name = "Moodle course completion"

[columns]
employee_id = { column = "Email address", match = "email" }
program_id = { column = "Course full name", match = "title" }
completed_on = { column = "Time completed", format = "%A, %d %B %Y, %I:%M %p" }

[rows]
keep = [ { column = "Completion status", in = ["Completed"] } ]
"#;

#[test]
fn moodle_completion_report() {
    let expected = [
        "E1001|P-PROMPT|2024-09-13",
        "E1002|P-ML101|2025-03-04",
        "E1003|P-ML101|2025-03-03",
    ];
    let mut f = Fixture::seeded();
    let r = f.ok(ImportKind::Completions, "moodle.csv", MOODLE, None);
    assert_eq!(f.completions(), expected);
    assert_eq!(r.skipped, 1, "the not completed row");
    says(&r, "not completed");

    let mut f = Fixture::seeded();
    let r = f.ok(
        ImportKind::Completions,
        "moodle.csv",
        MOODLE,
        Some(MOODLE_MAP),
    );
    assert_eq!(f.completions(), expected);
    assert_eq!(r.skipped, 1);
    says(
        &r,
        "1 row(s) skipped: left out by the mapping's keep/skip rules",
    );
}

const DOCEBO: &str = "\
Username,First Name,Last Name,Email,Course Code,Course Name,Course Type,Status,Enrollment Date,Completion Date,Score
alovelace,Ada,Lovelace,ada@acme.com,P-PROMPT,Prompt Engineering Basics,E-Learning,Completed,2025-01-02 09:00:00,2025-01-15 10:22:03,92
ghopper,Grace,Hopper,grace@acme.com,P-PROMPT,Prompt Engineering Basics,E-Learning,In Progress,2025-01-02 09:00:00,,
ltorvalds,Linus,Torvalds,linus@acme.com,P-RAG,Retrieval-Augmented Generation,ILT,Subscribed,2025-02-01 09:00:00,,
ghopper,Grace,Hopper,grace@acme.com,P-RAG,Retrieval-Augmented Generation,ILT,Completed,2025-02-01 09:00:00,2025-02-20 16:45:00,88
";

const DOCEBO_MAP: &str = r#"version = 1
kind = "completions"
name = "Docebo users - courses"

[columns]
employee_id = { column = "Email", match = "email" }
program_id = "Course Code"
completed_on = { column = "Completion Date", format = "%Y-%m-%d %H:%M:%S" }
score = "Score"

[rows]
keep = [ { column = "Status", in = ["Completed"] } ]
"#;

#[test]
fn docebo_course_report_with_enrolled_and_in_progress_rows() {
    let expected = ["E1001|P-PROMPT|2025-01-15", "E1002|P-RAG|2025-02-20"];
    let mut f = Fixture::seeded();
    let r = f.ok(ImportKind::Completions, "docebo.csv", DOCEBO, None);
    assert_eq!(f.completions(), expected);
    assert_eq!(r.skipped, 2);

    let mut f = Fixture::seeded();
    let r = f.ok(
        ImportKind::Completions,
        "docebo.csv",
        DOCEBO,
        Some(DOCEBO_MAP),
    );
    assert_eq!(f.completions(), expected);
    assert_eq!(r.skipped, 2);
    assert_eq!(
        f.query("SELECT score FROM completions ORDER BY score"),
        ["88", "92"]
    );
}

const LINKEDIN: &str = "\
First Name,Last Name,Email,Content Title,Content Type,Percent Completed,Completion Date,Last Viewed Date
Ada,Lovelace,ada@acme.com,Prompt Engineering Basics,Course,100,2025-03-03 14:15:00 UTC,2025-03-03 14:15:00 UTC
Grace,Hopper,grace@acme.com,Prompt Engineering Basics,Course,45,,2025-03-05 08:00:00 UTC
Linus,Torvalds,linus@acme.com,Retrieval-Augmented Generation,Course,100,2025-04-30 23:59:59 UTC,2025-04-30 23:59:59 UTC
";

const LINKEDIN_MAP: &str = r#"version = 1
kind = "completions"
name = "LinkedIn Learning learner detail"

[columns]
employee_id = { column = "Email", match = "email" }
program_id = { column = "Content Title", match = "title" }
completed_on = { column = "Completion Date", format = "%Y-%m-%d %H:%M:%S UTC" }

[rows]
keep = [ { column = "Completion Date", blank = false } ]
"#;

#[test]
fn linkedin_learning_with_utc_times_and_partial_progress() {
    let expected = ["E1001|P-PROMPT|2025-03-03", "E1003|P-RAG|2025-04-30"];
    let mut f = Fixture::seeded();
    let r = f.ok(ImportKind::Completions, "linkedin.csv", LINKEDIN, None);
    assert_eq!(f.completions(), expected);
    assert_eq!(r.skipped, 1);

    let mut f = Fixture::seeded();
    let r = f.ok(
        ImportKind::Completions,
        "linkedin.csv",
        LINKEDIN,
        Some(LINKEDIN_MAP),
    );
    assert_eq!(f.completions(), expected);
    assert_eq!(r.skipped, 1);
}

const UDEMY: &str = "\
User Name,User Surname,User Email,Course ID,Course Title,Course Category,Course Enrollment Date,Course Completion Date,Course Progress
Ada,Lovelace,ada@acme.com,4471234,Prompt Engineering Basics,AI,2025-01-02T09:00:00Z,2025-01-20T17:03:11Z,100
Grace,Hopper,grace@acme.com,4471234,Prompt Engineering Basics,AI,2025-01-05T09:00:00Z,,30
Kim,Contractor,kim@agency.example,5512345,Machine Learning Foundations,AI,2025-02-01T09:00:00Z,2025-02-11T08:00:00Z,100
Linus,Torvalds,linus@acme.com,5512345,Machine Learning Foundations,AI,2025-02-01T09:00:00Z,2025-02-12T12:00:00Z,100
";

const UDEMY_MAP: &str = r#"version = 1
kind = "completions"
name = "Udemy Business user activity"

[columns]
employee_id = { column = "User Email", match = "email" }
program_id = { column = "Course Title", match = "title" }
completed_on = "Course Completion Date"

[rows]
keep = [ { column = "Course Progress", in = ["100"] } ]
"#;

#[test]
fn udemy_business_contractors_are_errors_unless_skipped() {
    let mut f = Fixture::seeded();
    let path = f.file("udemy.csv", UDEMY);
    let r = f.run(ImportKind::Completions, &path, Some(UDEMY_MAP));
    assert!(r.is_rejected());
    assert_eq!(
        problems(&r),
        [format!(
            "{}:4: User Email: there is no employee with the e-mail 'kim@agency.example'",
            path.display()
        )]
    );
    assert!(f.completions().is_empty());

    let map = UDEMY_MAP.replace("[rows]\n", "[rows]\nunknown_employee = \"skip\"\n");
    let r = f.ok(ImportKind::Completions, "udemy.csv", UDEMY, Some(&map));
    assert_eq!(
        f.completions(),
        ["E1001|P-PROMPT|2025-01-20", "E1003|P-ML101|2025-02-12"]
    );
    assert_eq!(r.skipped, 2, "the one in progress and the contractor");
    says(&r, "line 4:");
    says(&r, "kim@agency.example");
}

const DOCEBO_CATALOG: &str = "\
Course Code,Course Name,Category,Course Type,Duration (hours),Provider
P-PROMPT,Prompt Engineering Basics,Prompt engineering,E-Learning,4,Docebo
P-RAG,Retrieval-Augmented Generation,Retrieval,ILT,16,Acme Academy
P-AGENTS,Building Agents,Agents,Webinar,2,Acme Academy
";

const DOCEBO_CATALOG_MAP: &str = r#"version = 1
kind = "programs"
name = "Docebo course catalog"

[columns]
program_id = "Course Code"
title = "Course Name"
skill_area = "Category"
format = { column = "Course Type", values = { "ILT" = "workshop", "Webinar" = "other" } }
hours = "Duration (hours)"
"#;

#[test]
fn docebo_course_catalog_with_its_own_course_types() {
    let mut f = Fixture::new();
    let path = f.file("docebo-catalog.csv", DOCEBO_CATALOG);
    let r = f.run(ImportKind::Programs, &path, None);
    assert!(r.is_rejected());
    says(&r, "'ILT'");
    assert!(f.programs().is_empty());

    let r = f.ok(
        ImportKind::Programs,
        "docebo-catalog.csv",
        DOCEBO_CATALOG,
        Some(DOCEBO_CATALOG_MAP),
    );
    assert_eq!(r.inserted, 3);
    assert_eq!(
        f.programs(),
        [
            "P-AGENTS|Building Agents|Agents|other|Acme Academy|2",
            "P-PROMPT|Prompt Engineering Basics|Prompt engineering|e_learning|Docebo|4",
            "P-RAG|Retrieval-Augmented Generation|Retrieval|workshop|Acme Academy|16",
        ]
    );
}

const MOODLE_COURSES: &str = "\
shortname,fullname,category,format,startdate,visible
P-PROMPT,Prompt Engineering Basics,Prompt engineering,topics,1704067200,1
P-ML101,Machine Learning Foundations,ML,weeks,1704067200,1
";

const MOODLE_COURSES_MAP: &str = r#"version = 1
kind = "programs"
name = "Moodle courses"

[columns]
program_id = "shortname"
title = "fullname"
skill_area = "category"
format = { value = "e-learning" }
provider = { value = "Moodle" }
"#;

#[test]
fn moodle_course_list_names_its_format_in_the_mapping() {
    let mut f = Fixture::new();
    let path = f.file("moodle-courses.csv", MOODLE_COURSES);
    let r = f.run(ImportKind::Programs, &path, None);
    assert!(r.is_rejected());
    assert!(f.programs().is_empty());

    f.ok(
        ImportKind::Programs,
        "moodle-courses.csv",
        MOODLE_COURSES,
        Some(MOODLE_COURSES_MAP),
    );
    assert_eq!(
        f.programs(),
        [
            "P-ML101|Machine Learning Foundations|ML|e_learning|Moodle|NULL",
            "P-PROMPT|Prompt Engineering Basics|Prompt engineering|e_learning|Moodle|NULL",
        ]
    );
}

/// What a vendor file must give with or without a mapping.
fn key(f: &Fixture, kind: ImportKind) -> Vec<String> {
    match kind {
        ImportKind::Employees => f.query(
            "SELECT employee_id, full_name, email, manager_id, birth_year, hire_date, active \
             FROM employees ORDER BY employee_id",
        ),
        ImportKind::Programs => f.programs(),
        ImportKind::Completions => f.completions(),
        other => panic!("no vendor files of {other}"),
    }
}

/// The 16 vendor files: every one imports with its mapping, and at least half with none.
#[test]
fn at_least_half_of_the_vendor_files_import_with_no_mapping() {
    type Case = (&'static str, ImportKind, Vec<u8>, &'static str);
    let cases: Vec<Case> = vec![
        ("BambooHR", ImportKind::Employees, BAMBOO.into(), BAMBOO_MAP),
        (
            "Workday",
            ImportKind::Employees,
            WORKDAY.into(),
            WORKDAY_MAP,
        ),
        ("HiBob", ImportKind::Employees, HIBOB.into(), HIBOB_MAP),
        (
            "Personio",
            ImportKind::Employees,
            cp1252(PERSONIO),
            PERSONIO_MAP,
        ),
        (
            "SuccessFactors",
            ImportKind::Employees,
            SUCCESSFACTORS.into(),
            SUCCESSFACTORS_MAP,
        ),
        ("ADP", ImportKind::Employees, ADP.into(), ADP_MAP),
        (
            "Rippling",
            ImportKind::Employees,
            RIPPLING.into(),
            RIPPLING_MAP,
        ),
        ("Gusto", ImportKind::Employees, cp1252(GUSTO), GUSTO_MAP),
        ("Frappe", ImportKind::Employees, FRAPPE.into(), FRAPPE_MAP),
        ("Odoo", ImportKind::Employees, ODOO.into(), ODOO_MAP),
        ("Moodle", ImportKind::Completions, MOODLE.into(), MOODLE_MAP),
        ("Docebo", ImportKind::Completions, DOCEBO.into(), DOCEBO_MAP),
        (
            "LinkedIn",
            ImportKind::Completions,
            LINKEDIN.into(),
            LINKEDIN_MAP,
        ),
        ("Udemy", ImportKind::Completions, UDEMY.into(), UDEMY_MAP),
        (
            "Docebo catalog",
            ImportKind::Programs,
            DOCEBO_CATALOG.into(),
            DOCEBO_CATALOG_MAP,
        ),
        (
            "Moodle courses",
            ImportKind::Programs,
            MOODLE_COURSES.into(),
            MOODLE_COURSES_MAP,
        ),
    ];
    assert_eq!(cases.len(), 16);
    let mut no_mapping = Vec::new();
    for (name, kind, bytes, map) in &cases {
        // Udemy's contractor is an error unless the mapping says to skip it.
        let map = if *kind == ImportKind::Completions {
            map.replace("[rows]\n", "[rows]\nunknown_employee = \"skip\"\n")
        } else {
            map.to_string()
        };
        let mut f = if *kind == ImportKind::Completions {
            Fixture::seeded()
        } else {
            Fixture::new()
        };
        let path = f.file("with.csv", bytes);
        let r = f.run(*kind, &path, Some(&map));
        assert_eq!(
            r.outcome,
            ImportOutcome::Imported,
            "{name} with its mapping: {:?}",
            problems(&r)
        );
        let wanted = key(&f, *kind);
        let mut f = if *kind == ImportKind::Completions {
            Fixture::seeded()
        } else {
            Fixture::new()
        };
        let path = f.file("without.csv", bytes);
        let r = f.run(*kind, &path, None);
        // Imported, and to the same people, managers, dates and completions (a mapping may
        // still tidy a department's spelling).
        if r.outcome == ImportOutcome::Imported && key(&f, *kind) == wanted {
            no_mapping.push(*name);
        }
    }
    assert_eq!(
        no_mapping,
        [
            "BambooHR",
            "Workday",
            "HiBob",
            "Personio",
            "SuccessFactors",
            "Rippling",
            "Gusto",
            "Frappe",
            "Odoo",
            "Moodle",
            "Docebo",
            "LinkedIn",
        ]
    );
    assert!(no_mapping.len() >= 8);
}

// ---------------------------------------------------------------------------------------
// Shapes across vendors

const TWO_LOCATIONS: &str = "\
Employee #,First Name,Last Name,Job Title,Department,Location,Location
1,Ada,Lovelace,Engineer,Data,Austin,Building 7
2,Grace,Hopper,Lead,Data,Remote,Home office
";

#[test]
fn two_columns_with_one_header_name_their_letters_and_occurrence_picks_one() {
    let mut f = Fixture::new();
    let path = f.file("dup.csv", TWO_LOCATIONS);
    let r = f.run(ImportKind::Employees, &path, None);
    assert!(r.is_rejected());
    says(
        &r,
        "dup.csv:1: location: the file has 2 columns named 'Location' (F, G); choose one in a mapping: location = { column = \"Location\", occurrence = N }",
    );
    let map = r#"version = 1
kind = "employees"

[columns]
location = { column = "Location", occurrence = 2 }
"#;
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "dup.csv", TWO_LOCATIONS, Some(map));
    assert_eq!(
        f.employees(),
        [
            "1|Ada Lovelace|NULL|Engineer|Data|NULL|NULL|NULL|Building 7|1",
            "2|Grace Hopper|NULL|Lead|Data|NULL|NULL|NULL|Home office|1",
        ]
    );
    let location = r.mapping.iter().find(|m| m.field == "location").unwrap();
    assert_eq!(location.letters, ["G"]);

    let map = map.replace("occurrence = 2", "occurrence = 3");
    let mut f = Fixture::new();
    let path = f.file("dup.csv", TWO_LOCATIONS);
    mapping_error(
        f.try_run(ImportKind::Employees, &path, Some(&map), DateFormat::Iso),
        &["MAP.toml:5: the file has 2 column(s) named 'Location', not 3"],
    );
}

#[test]
fn duplicates_last_keeps_the_last_row_with_a_warning() {
    let text = "\
Employee #,Full Name,Job Title,Department
7,Ada Lovelace,Engineer,Data
7,Ada Lovelace,Staff Engineer,Data
8,Grace Hopper,Lead,Data
";
    let mut f = Fixture::new();
    let path = f.file("dups.csv", text);
    let r = f.run(ImportKind::Employees, &path, None);
    assert!(r.is_rejected());
    says(&r, "dups.csv:2: Employee #: '7' also appears on line 3");
    says(&r, "dups.csv:3: Employee #: '7' also appears on line 2");
    assert!(f.employees().is_empty());

    let map = "version = 1\nkind = \"employees\"\n[rows]\nduplicates = \"last\"\n";
    let r = f.ok(ImportKind::Employees, "dups.csv", text, Some(map));
    assert_eq!(
        f.employees(),
        [
            "7|Ada Lovelace|NULL|Staff Engineer|Data|NULL|NULL|NULL|NULL|1",
            "8|Grace Hopper|NULL|Lead|Data|NULL|NULL|NULL|NULL|1",
        ]
    );
    says(&r, "line 2:");
}

#[test]
fn an_ambiguous_date_column_stops_until_a_format_is_named() {
    let text = "\
Employee #,Full Name,Job Title,Department,Hire Date
1,Ada Lovelace,Engineer,Data,03/04/2019
2,Grace Hopper,Lead,Data,05/06/2020
";
    let mut f = Fixture::new();
    let path = f.file("amb.csv", text);
    let r = f.run(ImportKind::Employees, &path, None);
    assert!(r.is_rejected(), "{:?}", f.employees());
    says(&r, "MM/DD/YYYY");
    says(&r, "DD/MM/YYYY");
    assert!(f.employees().is_empty());

    let r = f
        .try_run(ImportKind::Employees, &path, None, DateFormat::DayFirst)
        .unwrap();
    assert_eq!(r.outcome, ImportOutcome::Imported, "{:?}", problems(&r));
    assert_eq!(
        f.query("SELECT employee_id, hire_date FROM employees ORDER BY 1"),
        ["1|2019-04-03", "2|2020-06-05"]
    );

    let map = "version = 1\nkind = \"employees\"\n[columns]\nhire_date = { column = \"Hire Date\", format = \"%m/%d/%Y\" }\n";
    let mut f = Fixture::new();
    f.ok(ImportKind::Employees, "amb.csv", text, Some(map));
    assert_eq!(
        f.query("SELECT employee_id, hire_date FROM employees ORDER BY 1"),
        ["1|2019-03-04", "2|2020-05-06"]
    );
}

#[test]
fn a_manager_name_two_people_share_names_both() {
    let text = "\
Employee #,Full Name,Job Title,Department,Manager
1,Alex Kim,Lead,Data,
2,Alex Kim,Lead,Platform,
3,Ada Lovelace,Engineer,Data,Alex Kim
";
    for map in [
        None,
        Some("version = 1\nkind = \"employees\"\n[columns]\nmanager_id = { column = \"Manager\", match = \"name\" }\n"),
    ] {
        let mut f = Fixture::new();
        let path = f.file("twins.csv", text);
        let r = f.run(ImportKind::Employees, &path, map);
        assert!(r.is_rejected());
        let p = problems(&r);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("twins.csv:4: Manager: 'Alex Kim' matches 2 employees"), "{p:?}");
        assert!(p[0].contains("1 (line 2) and 2 (line 3)"), "{p:?}");
        assert!(f.employees().is_empty());
    }
}

#[test]
fn a_bad_manager_is_one_problem_not_a_cascade() {
    let text = BAMBOO.replace("\"Nguyen, Mateo\"", "\"Nobody, Mister\"");
    let mut f = Fixture::new();
    let path = f.file("bamboo.csv", &text);
    let r = f.run(ImportKind::Employees, &path, None);
    assert_eq!(
        problems(&r),
        [format!(
            "{}:3: 2 people below this row (lines 4, 5) cannot be imported without it",
            path.display()
        ), format!(
            "{}:3: Supervisor: there is no employee with the id, e-mail or name 'Nobody, Mister' in the database or in this file",
            path.display()
        )]
    );
    assert_eq!(r.rejected, 3);
    assert!(f.employees().is_empty());
}

#[test]
fn managers_by_name_under_an_id_mapping_are_grouped_into_one_hint() {
    let map = "version = 1\nkind = \"employees\"\n[columns]\nmanager_id = \"Supervisor\"\n";
    let mut f = Fixture::new();
    let path = f.file("bamboo.csv", BAMBOO);
    let r = f.run(ImportKind::Employees, &path, Some(map));
    assert!(r.is_rejected());
    says(
        &r,
        "3 rows name a manager by name (e.g. 'Nguyen, Mateo' on line 3): match managers by name? manager_id = { column = \"Supervisor\", match = \"name\" }",
    );
    assert!(f.employees().is_empty());
}

#[test]
fn problems_count_lines_of_the_original_file_with_its_title_rows() {
    // Workday's banner is 5 lines; a bad e-mail on the third worker is on line 9.
    let text = WORKDAY.replace("grace@acme.com", "grace-at-acme");
    let mut f = Fixture::new();
    let path = f.file("workday.csv", &text);
    let r = f.run(ImportKind::Employees, &path, Some(WORKDAY_MAP));
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with(&format!(
            "{}:9: Email - Primary Work: 'grace-at-acme'",
            path.display()
        )),
        "{p:?}"
    );
    assert!(f.employees().is_empty());
}

#[test]
fn keep_and_skip_rules_constant_values_and_joined_columns() {
    let text = "\
Emp No,Given Name,Middle,Family Name,Role,Team,Type,Hired,Status
E1,Ada,,Lovelace,Engineer,Data,Employee,41566,A
E2,Grace,Brewster,Hopper,Lead,Data,Employee,2019-01-01,L
C9,Kim,,Contractor,Engineer,Data,Contractor,45292,A
E3,Linus,,Torvalds,Engineer,,Employee,44805,T
TEST-1,Test,,User,QA,Data,Employee,45292,A
";
    let map = r#"version = 1
kind = "employees"

[columns]
employee_id = "Emp No"
full_name = ["Given Name", "Middle", "Family Name"]
role = "Role"
department = { column = "Team", values = { "" = "Unassigned" } }
location = { value = "HQ" }
hire_date = { column = "Hired", format = "excel" }
active = { column = "Status", values = { "A" = "true", "L" = "true", "T" = "false" } }

[rows]
keep = [ { column = "Type", in = ["employee"] } ]
skip = [ { column = "Emp No", matches = "^TEST-" }, { column = "Given Name", blank = true } ]
"#;
    let mut f = Fixture::new();
    let r = f.ok(ImportKind::Employees, "rules.csv", text, Some(map));
    assert_eq!(
        f.employees(),
        [
            "E1|Ada Lovelace|NULL|Engineer|Data|NULL|NULL|2013-10-19|HQ|1",
            "E2|Grace Brewster Hopper|NULL|Lead|Data|NULL|NULL|2019-01-01|HQ|1",
            "E3|Linus Torvalds|NULL|Engineer|Unassigned|NULL|NULL|2022-09-01|HQ|0",
        ]
    );
    assert_eq!((r.rows, r.skipped), (3, 2));
    says(
        &r,
        "2 row(s) skipped: left out by the mapping's keep/skip rules",
    );
}

#[test]
fn completions_matched_by_title_and_email_with_a_named_date_pattern() {
    let text = "\
Learner,Course,Finished
ADA@acme.com,prompt engineering basics,15 Jan 2025
grace@acme.com,Retrieval-Augmented Generation,03 Feb 2025
";
    let map = r#"version = 1
kind = "completions"

[columns]
employee_id = { column = "Learner", match = "email" }
program_id = { column = "Course", match = "title" }
completed_on = { column = "Finished", format = "%d %b %Y" }
"#;
    let mut f = Fixture::seeded();
    f.ok(ImportKind::Completions, "c.csv", text, Some(map));
    assert_eq!(
        f.completions(),
        ["E1001|P-PROMPT|2025-01-15", "E1002|P-RAG|2025-02-03"]
    );

    // The program named by a constant: a file per course.
    let text = "Email,Completed On\nlinus@acme.com,2025-05-01\n";
    let map = "version = 1\nkind = \"completions\"\n[columns]\nemployee_id = { column = \"Email\", match = \"email\" }\nprogram_id = { value = \"P-ML101\" }\n";
    f.ok(ImportKind::Completions, "one-course.csv", text, Some(map));
    assert_eq!(
        f.completions(),
        [
            "E1001|P-PROMPT|2025-01-15",
            "E1002|P-RAG|2025-02-03",
            "E1003|P-ML101|2025-05-01"
        ]
    );
}

#[test]
fn bad_mappings_name_their_line_and_change_nothing() {
    let mut f = Fixture::seeded();
    let before = f.dump();
    let path = f.file("bamboo.csv", BAMBOO);
    let cases: [(&str, &str); 5] = [
        (
            "version = 1\nkind = \"employees\"\n[columns]\nrole = \"Job Title\"\nemail = \"E-mail Address\"\n",
            "MAP.toml:5: the file has no column 'E-mail Address'",
        ),
        (
            "version = 1\nkind = \"employees\"\n[columns]\nshoe_size = \"Job Title\"\n",
            "MAP.toml:4:",
        ),
        (
            "version = 1\nkind = \"employees\"\n[rows]\nskip = [ { column = \"Status\", matches = \"(Terminated\" } ]\n",
            "MAP.toml:4: skip: matches: \"(Terminated\" is not a valid regex",
        ),
        (
            "version = 1\nkind = \"employees\"\n[columns]\nrole = \n",
            "MAP.toml:4:",
        ),
        (
            "version = 1\nkind = \"completions\"\n",
            "MAP.toml:2:",
        ),
    ];
    for (map, text) in cases {
        mapping_error(
            f.try_run(ImportKind::Employees, &path, Some(map), DateFormat::Iso),
            &[text],
        );
        assert_eq!(f.dump(), before, "{map}");
    }
}

#[test]
fn a_suggested_mapping_parses_back_and_imports_the_same_records() {
    for (name, bytes) in [
        ("bamboo.csv", BAMBOO.as_bytes().to_vec()),
        ("personio.csv", cp1252(PERSONIO)),
        ("frappe.csv", FRAPPE.as_bytes().to_vec()),
    ] {
        let mut f = Fixture::new();
        let path = f.file(name, &bytes);
        f.run(ImportKind::Employees, &path, None);
        let plain = f.employees();
        assert!(!plain.is_empty(), "{name}");

        let suggestion = import::suggest_mapping(
            ImportKind::Employees,
            &path,
            DateFormat::Iso,
            None,
            today(),
            &import::Cancel::default(),
        )
        .unwrap();
        Mapping::parse(&suggestion.toml, "MAP.toml", ImportKind::Employees)
            .unwrap_or_else(|e| panic!("{name}: {e:?}\n{}", suggestion.toml));
        let mut g = Fixture::new();
        let path = g.file(name, &bytes);
        let r = g.run(ImportKind::Employees, &path, Some(&suggestion.toml));
        assert_eq!(
            r.outcome,
            ImportOutcome::Imported,
            "{name}: {:?}\n{}",
            problems(&r),
            suggestion.toml
        );
        assert_eq!(g.employees(), plain, "{name}\n{}", suggestion.toml);
    }
}

#[test]
fn an_lms_file_with_the_hr_number_as_external_id() {
    let text = "\
External ID,Email,Course Code,Completion Date
E1001,ada.personal@gmail.example,P-RAG,2025-06-01T10:00:00Z
E1003,,P-PROMPT,2025-06-02T10:00:00Z
";
    let mut f = Fixture::seeded();
    let r = f.ok(ImportKind::Completions, "external.csv", text, None);
    says(&r, "column 'External ID' (A) looks like employee_id");
    assert_eq!(
        f.completions(),
        ["E1001|P-RAG|2025-06-01", "E1003|P-PROMPT|2025-06-02"]
    );
    let map = "version = 1\nkind = \"completions\"\n[columns]\nemployee_id = \"External ID\"\nprogram_id = \"Course Code\"\ncompleted_on = { column = \"Completion Date\", format = \"%Y-%m-%dT%H:%M:%SZ\" }\n";
    let mut f = Fixture::seeded();
    f.ok(ImportKind::Completions, "external.csv", text, Some(map));
    assert_eq!(
        f.completions(),
        ["E1001|P-RAG|2025-06-01", "E1003|P-PROMPT|2025-06-02"]
    );
}
