//! End-to-end tests of CSV import (the Import page: check, preview, confirm, summary) and CSV
//! export (the command the list pages' Export button calls), on the real window and database.
//!
//! The native open/save dialogs cannot be driven over WebDriver: the import tests type the path
//! into the page's path field (what the dialog would hand over), and the export test calls the
//! command through the page's IPC exactly as the UI's api module does.

use std::path::Path;

use fantoccini::Locator;
use serde_json::{json, Value};
use upskill_core::db::Db;
use upskill_core::domain::EmployeeInput;
use upskill_e2e::{testid, today, App};

fn add_employee(db: &mut Db, id: &str, name: &str, department: &str) {
    let input = EmployeeInput {
        employee_id: id.into(),
        full_name: name.into(),
        role: "Data engineer".into(),
        department: department.into(),
        birth_year: Some(1988),
        active: true,
        left_on: None,
        ..Default::default()
    };
    upskill_core::employees::create(db, &input, today()).expect("seed employee");
}

/// `text` as Excel's Western European default writes it (the characters used here are the
/// ones Windows-1252 shares with Latin-1).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            let n = c as u32;
            assert!(
                n < 0x80 || (0xA0..=0xFF).contains(&n),
                "{c} is not in this test's 1252 subset"
            );
            n as u8
        })
        .collect()
}

/// The whole text of the element matched by `css`, once it is there.
async fn text_of(app: &App, css: &str) -> String {
    let element = app.wait(css).await;
    element
        .text()
        .await
        .unwrap_or_else(|e| panic!("text of {css}: {e}"))
        .trim()
        .to_string()
}

/// The four figures of the preview: new, updated, unchanged, invalid.
async fn preview_counts(app: &App) -> [String; 4] {
    [
        text_of(app, &testid("import-count-new")).await,
        text_of(app, &testid("import-count-updated")).await,
        text_of(app, &testid("import-count-unchanged")).await,
        text_of(app, &testid("import-count-invalid")).await,
    ]
}

/// Scrolls the page so `css` is in view, for a screenshot of it.
async fn scroll_to(app: &App, css: &str) {
    let element = app.wait(css).await;
    app.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&element).expect("element reference")],
        )
        .await
        .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
}

async fn check_file(app: &App, kind: &str, path: &Path) {
    app.click(&testid("nav-import")).await;
    app.text_containing(&testid("page-title"), "Import").await;
    app.select(&testid("import-kind"), kind).await;
    app.fill("import_path", path.to_str().expect("utf-8 temp path"))
        .await;
    app.click(&testid("import-check")).await;
    // The large file of the Cancel test takes well over the usual wait to check in a debug build.
    app.wait_at_most(
        &testid("import-preview"),
        std::time::Duration::from_secs(90),
    )
    .await;
}

#[tokio::test]
async fn import_employees_from_a_semicolon_windows_1252_file_and_see_them_listed() {
    let files = tempfile::tempdir().expect("temp dir");
    // Excel's "CSV" in a German locale: semicolons, Windows-1252, CRLF; plus a column Upskill
    // does not know, which is ignored with a warning.
    let path = files.path().join("HR export.csv");
    let csv = "employee_id;full_name;role;department;email;hire_date;shoe_size\r\n\
               E1;Bea Becker;Data lead;Data;;;42\r\n\
               E2;Zoë Müller;Analyst;Finance;zoe@example.com;2024-03-01;38\r\n\
               E3;Jürgen Groß;Engineer;Data;;;44\r\n\
               U1;Una Unchanged;Data engineer;Data;;;40\r\n";
    std::fs::write(&path, windows_1252(csv)).expect("write the file");

    let app = App::start(|db| {
        add_employee(db, "E1", "Bea Becker", "Data");
        add_employee(db, "U1", "Una Unchanged", "Data");
    })
    .await;
    check_file(&app, "employees", &path).await;

    assert_eq!(preview_counts(&app).await, ["2", "1", "1", "0"]);
    assert_eq!(
        text_of(&app, &testid("import-encoding")).await,
        "Windows-1252"
    );
    assert_eq!(
        text_of(&app, &testid("import-delimiter")).await,
        "Semicolon ( ; )"
    );
    app.text_containing(&testid("import-warnings"), "shoe_size")
        .await;
    // Decoded as the file meant it, not as mojibake.
    app.text_containing(
        "[data-testid='import-preview-row'][data-line='3']",
        "Zoë Müller",
    )
    .await;
    assert!(app
        .client
        .find_all(Locator::Css(&testid("import-problem")))
        .await
        .expect("problems")
        .is_empty());
    app.screenshot("import-preview").await;
    scroll_to(&app, &testid("import-preview-table")).await;
    app.screenshot("import-preview-rows").await;

    let confirm = text_of(&app, &testid("import-confirm")).await;
    assert_eq!(confirm, "Import 4 rows");
    app.click(&testid("import-confirm")).await;
    let summary = app
        .text_containing(&testid("import-summary"), "Import complete")
        .await;
    assert!(
        summary
            .contains("Imported 4 employees from HR export.csv: 2 added, 1 updated, 1 unchanged."),
        "{summary}"
    );
    assert_eq!(text_of(&app, &testid("import-summary-new")).await, "2");
    app.screenshot("import-summary").await;

    app.click(&testid("import-open-list")).await;
    app.text_containing(&testid("page-title"), "Employees")
        .await;
    app.text_containing(
        "[data-testid='employee-row'][data-employee-id='E2']",
        "Zoë Müller",
    )
    .await;
    app.text_containing(
        "[data-testid='employee-row'][data-employee-id='E3']",
        "Jürgen Groß",
    )
    .await;
    app.text_containing(
        "[data-testid='employee-row'][data-employee-id='E1']",
        "Data lead",
    )
    .await;

    let stored = app.close().await;
    let db = stored.open();
    let zoe = upskill_core::employees::get(db.conn(), "E2").expect("E2 imported");
    assert_eq!(
        (
            zoe.full_name.as_str(),
            zoe.department.as_str(),
            zoe.email.as_deref(),
            zoe.hire_date.as_deref()
        ),
        (
            "Zoë Müller",
            "Finance",
            Some("zoe@example.com"),
            Some("2024-03-01")
        )
    );
    let bea = upskill_core::employees::get(db.conn(), "E1").expect("E1 kept");
    assert_eq!(bea.role, "Data lead", "an existing key is updated");
    assert_eq!(
        bea.birth_year,
        Some(1988),
        "a column the file lacks is left as it was"
    );
    let stats = upskill_core::stats::stats(db.conn()).expect("stats");
    assert_eq!(stats.employees_active + stats.employees_inactive, 4);
}

#[tokio::test]
async fn a_bad_row_is_listed_by_line_cancel_writes_nothing_and_skip_imports_the_rest() {
    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join("new-hires.csv");
    std::fs::write(
        &path,
        "employee_id,full_name,role,department,birth_year\n\
         N1,Nora North,Analyst,Data,1990\n\
         N2,Ned Bad,Analyst,Data,nineteen\n\
         N3,Nia Third,Analyst,Data,1985\n",
    )
    .expect("write the file");

    let app = App::start(|_| {}).await;
    check_file(&app, "employees", &path).await;
    assert_eq!(preview_counts(&app).await, ["2", "0", "0", "1"]);
    let problem = text_of(&app, &testid("import-problem")).await;
    assert!(problem.contains("Line 3"), "{problem}");
    assert!(problem.contains("birth_year"), "{problem}");
    assert!(
        problem.contains("'nineteen' is not a year or a date"),
        "{problem}"
    );
    // The rejected row is marked in the preview, and only that one.
    let rejected = app
        .client
        .find_all(Locator::Css(
            "[data-testid='import-preview-row'][data-rejected='true']",
        ))
        .await
        .expect("rejected rows");
    assert_eq!(rejected.len(), 1);
    assert_eq!(
        rejected[0].attr("data-line").await.expect("line"),
        Some("3".into())
    );
    let marked = rejected[0].text().await.expect("row text");
    assert!(
        marked.contains("Ned Bad") && marked.contains("Invalid"),
        "{marked}"
    );
    assert_eq!(
        text_of(&app, &testid("import-confirm")).await,
        "Import the 2 valid rows, skip 1 invalid"
    );
    app.screenshot("import-bad-row").await;
    scroll_to(&app, &testid("import-problem")).await;
    app.screenshot("import-bad-row-problems").await;

    // Cancel: back to the start, and nothing was written.
    app.click(&testid("import-cancel")).await;
    app.wait_until_gone(&testid("import-preview")).await;
    app.click(&testid("nav-employees")).await;
    app.text_containing(&testid("empty-state"), "No employees yet")
        .await;

    // Again, this time importing the valid rows: a dialog asks first.
    check_file(&app, "employees", &path).await;
    app.click(&testid("import-confirm")).await;
    app.text_containing("dialog[open]", "Skip the invalid rows?")
        .await;
    // Let the modal paint before the picture.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot("import-skip-confirm").await;
    app.click(&testid("confirm")).await;
    let summary = app
        .text_containing(&testid("import-summary"), "Import complete")
        .await;
    assert!(
        summary.contains("Imported 2 employees from new-hires.csv: 2 added, 0 updated, 1 skipped."),
        "{summary}"
    );
    assert_eq!(text_of(&app, &testid("import-summary-invalid")).await, "1");
    app.text_containing(&testid("import-problem"), "Line 3")
        .await;
    app.screenshot("import-summary-skipped").await;

    let stored = app.close().await;
    let db = stored.open();
    for id in ["N1", "N3"] {
        upskill_core::employees::get(db.conn(), id).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    assert!(
        upskill_core::employees::get(db.conn(), "N2").is_err(),
        "the invalid row was skipped"
    );
}

/// 200 employees (E0000–E0199), 50 programs (P00–P49) and one completion: what the large
/// completions files of the Cancel tests refer to.
fn seed_people_and_programs(db: &mut Db) {
    db.with_tx(|tx| {
        tx.execute_batch(
            "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199) \
             INSERT INTO employees (employee_id, full_name, role, department) \
             SELECT printf('E%04d', i), 'Person ' || i, 'Engineer', 'Data' FROM n; \
             WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49) \
             INSERT INTO programs (program_id, title, skill_area, format) \
             SELECT printf('P%02d', i), 'Program ' || i, 'Area ' || (i % 5), 'workshop' FROM n; \
             INSERT INTO completions (employee_ref, program_ref, completed_on) VALUES (1, 1, '2019-06-01');",
        )?;
        Ok(())
    })
    .expect("seed");
}

/// A completions file of 10,000 × `days` new rows for [`seed_people_and_programs`]: several
/// seconds of writing in this debug build, so a Cancel lands mid-write.
fn large_completions_file(path: &Path, days: u64) {
    let mut csv = String::from("employee_id,program_id,completed_on\n");
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
    for e in 0..200 {
        for p in 0..50 {
            for d in 0..days {
                let day = start + chrono::Days::new(d);
                csv.push_str(&format!("E{e:04},P{p:02},{day}\n"));
            }
        }
    }
    std::fs::write(path, csv).expect("write the file");
}

/// Cancel while the rows are being written: the core stops, rolls back, and the page says
/// nothing was changed; the record, its derived data and its schema are as they were.
#[tokio::test]
async fn cancelling_an_import_while_it_writes_changes_nothing() {
    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join("all-completions.csv");
    large_completions_file(&path, 30);
    let app = App::start(seed_people_and_programs).await;
    let schema_of = |db: &Db| -> Vec<String> {
        let mut stmt = db
            .conn()
            .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
            .expect("schema");
        let rows = stmt.query_map([], |r| r.get(0)).expect("schema rows");
        rows.collect::<Result<_, _>>().expect("schema rows")
    };

    check_file(&app, "completions", &path).await;
    // Digits only: the grouping separator is the window's locale's.
    let counts = preview_counts(&app)
        .await
        .map(|c| c.replace(|c: char| !c.is_ascii_digit(), ""));
    assert_eq!(counts, ["300000", "0", "0", "0"]);
    app.click(&testid("import-confirm")).await;
    app.wait(&testid("import-progress")).await;
    app.screenshot("import-writing").await;
    app.click(&testid("import-stop")).await;
    let notice = text_of(&app, &testid("import-notice")).await;
    assert_eq!(notice, "Import cancelled. Nothing was changed.");
    app.wait_until_gone(&testid("import-progress")).await;
    app.screenshot("import-cancelled").await;

    let stored = app.close().await;
    let db = stored.open();
    let count = |sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("SELECT count(*) FROM completions"), 1);
    assert_eq!(count("SELECT count(*) FROM reach"), 1);
    assert_eq!(count("SELECT sum(completion_count) FROM employees"), 1);
    assert_eq!(
        upskill_core::reach::stale_rows(db.conn()).expect("stale"),
        0
    );
    let fresh = Db::open_in_memory().expect("fresh schema");
    assert_eq!(
        schema_of(&db),
        schema_of(&fresh),
        "triggers and indexes are all back"
    );
}

/// The window never waits for an import: while one writes, the Dashboard and the employee
/// list load (the running-work strip says what is running), and back on the Import page the
/// import is there again, with its progress and its Cancel, which changes nothing.
#[tokio::test]
async fn other_pages_load_during_an_import_and_the_import_page_finds_it_again() {
    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join("big-completions.csv");
    large_completions_file(&path, 60);
    let app = App::start(seed_people_and_programs).await;
    check_file(&app, "completions", &path).await;
    app.click(&testid("import-confirm")).await;
    app.wait(&testid("import-progress")).await;

    app.click(&testid("nav-dashboard")).await;
    app.wait(&testid("dash-headcount")).await;
    app.text_containing(&testid("running-work"), "big-completions.csv")
        .await;
    app.screenshot("dashboard-during-import").await;
    app.click(&testid("nav-employees")).await;
    app.wait("[data-testid='employee-row'][data-employee-id='E0000']")
        .await;
    // Still running: the pages above answered while the import wrote.
    app.wait(&testid("running-work")).await;

    app.click(&testid("nav-import")).await;
    app.wait(&testid("import-progress")).await;
    let field = app.wait("input[name='import_path']").await;
    assert_eq!(
        field.prop("value").await.expect("value"),
        Some(path.display().to_string())
    );
    app.screenshot("import-found-again").await;
    app.click(&testid("import-stop")).await;
    let notice = text_of(&app, &testid("import-notice")).await;
    assert_eq!(notice, "Import cancelled. Nothing was changed.");
    app.wait_until_gone(&testid("running-work")).await;

    let stored = app.close().await;
    let db = stored.open();
    let count = |sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("SELECT count(*) FROM completions"), 1);
    assert_eq!(count("SELECT count(*) FROM employees"), 200);
}

#[tokio::test]
async fn a_file_missing_a_required_column_is_refused_with_nothing_to_confirm() {
    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join("programs.csv");
    std::fs::write(&path, "program_id,title,format\nP1,Prompting,Workshop\n").expect("write");

    let app = App::start(|_| {}).await;
    // The Match columns step asks for skill_area first; continuing without it is refused.
    app.click(&testid("nav-import")).await;
    app.select(&testid("import-kind"), "programs").await;
    app.fill("import_path", path.to_str().expect("utf-8 temp path"))
        .await;
    app.click(&testid("import-check")).await;
    app.text_containing(&testid("import-match-status"), "Skill area")
        .await;
    app.click(&testid("match-continue")).await;
    app.wait(&testid("import-preview")).await;
    app.text_containing(&testid("import-refused"), "cannot be imported")
        .await;
    app.text_containing(&testid("import-problem"), "skill_area")
        .await;
    app.screenshot("import-refused").await;
    let confirm = app.wait(&testid("import-confirm")).await;
    assert_eq!(
        confirm.attr("disabled").await.expect("disabled attribute"),
        Some("true".into())
    );
    // A path that does not exist: the core's error, in a banner.
    app.fill(
        "import_path",
        files.path().join("missing.csv").to_str().expect("utf-8"),
    )
    .await;
    app.click(&testid("import-check")).await;
    app.text_containing(&testid("error-banner"), "missing.csv")
        .await;
    app.wait_until_gone(&testid("import-preview")).await;
    app.screenshot("import-unreadable").await;
    app.close().await;
}

/// What the Export button does after the save dialog: the same `export_table` call, with the
/// path the dialog would return and the delimiter from Settings.
async fn export_through_the_page(app: &App, table: &str, path: &Path, delimiter: &str) -> Value {
    app.client
        .execute_async(
            "const [table, path, delimiter, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke('export_table', {table, path, delimiter}) \
               .then(done, (e) => done({error: e}));",
            vec![json!(table), json!(path), json!(delimiter)],
        )
        .await
        .expect("run the export in the page")
}

#[tokio::test]
async fn export_employees_writes_excel_friendly_csv_equal_to_the_record() {
    let app = App::start(|db| {
        add_employee(db, "E1", "Bea Becker", "Data");
        add_employee(db, "E2", "Zoë Müller", "Finance; Controlling");
        add_employee(db, "E3", "=HYPERLINK(\"http://x\")", "Sales");
    })
    .await;
    for page in ["employees", "programs", "completions"] {
        app.click(&testid(&format!("nav-{page}"))).await;
        app.text_containing(&testid("export-csv"), "Export CSV")
            .await;
    }
    app.click(&testid("nav-employees")).await;
    app.screenshot("export-employees").await;

    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join(format!("employees-{}.csv", today()));
    let summary = export_through_the_page(&app, "employees", &path, "semicolon").await;
    assert_eq!(
        summary,
        json!({ "path": path.display().to_string(), "rows": 3 })
    );
    // An unwritable place is a clear error, in the shape every command rejects with.
    let failed = export_through_the_page(
        &app,
        "employees",
        &files.path().join("no/such/folder/e.csv"),
        "comma",
    )
    .await;
    assert_eq!(failed["error"]["kind"], json!("io"), "{failed}");
    assert!(
        failed["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no/such/folder")),
        "{failed}"
    );

    let stored = app.close().await;
    let bytes = std::fs::read(&path).expect("the export is on disk");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM for Excel"
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(
        lines[0],
        upskill_core::export::columns(upskill_core::export::ExportTable::Employees).join(";"),
        "semicolon-separated header"
    );

    let db = stored.open();
    let stats = upskill_core::stats::stats(db.conn()).expect("stats");
    assert_eq!(
        (lines.len() - 1) as i64,
        stats.employees_active + stats.employees_inactive,
        "one line per employee"
    );
    for id in ["E1", "E2", "E3"] {
        let e = upskill_core::employees::get(db.conn(), id).expect("employee");
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{id};")))
            .unwrap_or_else(|| panic!("{id} is not in the file: {lines:?}"));
        let expected_name = if e.full_name.starts_with('=') {
            // Formula injection is neutralised (and the quotes inside are doubled).
            format!("\"'{}\"", e.full_name.replace('"', "\"\""))
        } else {
            e.full_name.clone()
        };
        let expected_department = if e.department.contains(';') {
            format!("\"{}\"", e.department)
        } else {
            e.department.clone()
        };
        assert_eq!(
            *line,
            format!(
                "{id};{expected_name};;{};{expected_department};;1988;;;true;",
                e.role
            ),
            "{id}"
        );
    }
}

/// What "Download template" does after the save dialog: `save_import_template` with the chosen
/// path. The template then imports as it is, through the page.
#[tokio::test]
async fn a_saved_template_checks_clean_and_imports() {
    let app = App::start(|_| {}).await;
    app.click(&testid("nav-import")).await;
    app.text_containing(&testid("template-employees"), "Employees template")
        .await;
    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join("employees-template.csv");
    let saved = app
        .client
        .execute_async(
            "const [path, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke('save_import_template', {kind: 'employees', path}) \
               .then(done, (e) => done({error: e}));",
            vec![json!(path)],
        )
        .await
        .expect("save the template in the page");
    assert_eq!(saved, Value::Null, "{saved}");

    check_file(&app, "employees", &path).await;
    assert_eq!(preview_counts(&app).await, ["1", "0", "0", "0"]);
    app.text_containing(&testid("import-confirm"), "Import 1 row")
        .await;
    app.click(&testid("import-confirm")).await;
    app.text_containing(&testid("import-summary"), "1 added")
        .await;
    app.close().await;
}
