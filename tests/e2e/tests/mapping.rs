//! End-to-end test of the Import page's Match columns step: a file as an HR system exports it
//! (headers recognition does not know, day-first slash dates, its own status words) is matched
//! by hand, saved as a mapping, imported; a second file with the same header row is then
//! offered that mapping and imports with it, with no further choices.

use std::path::Path;

use upskill_core::employees;
use upskill_e2e::{testid, App};

const HEADER: &str = "Staff No,Given,Family,Function,Dept,Joined,State\n";

async fn check(app: &App, path: &Path) {
    app.click(&testid("nav-import")).await;
    app.text_containing(&testid("page-title"), "Import").await;
    app.select(&testid("import-kind"), "employees").await;
    app.fill("import_path", path.to_str().expect("utf-8 temp path"))
        .await;
    app.click(&testid("import-check")).await;
    app.wait(&testid("import-match")).await;
}

/// Confirms the preview (every row valid) and waits for the summary.
async fn import(app: &App, rows: &str) {
    app.wait(&testid("import-preview")).await;
    app.text_containing(&testid("import-count-invalid"), "0")
        .await;
    app.text_containing(&testid("import-confirm"), &format!("Import {rows}"))
        .await;
    app.click(&testid("import-confirm")).await;
    app.wait(&testid("import-summary")).await;
}

#[tokio::test]
async fn match_columns_by_hand_save_the_mapping_and_reuse_it_for_the_next_file() {
    let files = tempfile::tempdir().expect("temp dir");
    let first = files.path().join("acme-march.csv");
    // Every date could be either way round: the step has to ask.
    std::fs::write(
        &first,
        format!(
            "{HEADER}A-001,Ada,Lovelace,Analyst,Data,04/03/2015,Current\n\
             A-002,Grace,Hopper,Engineer,Ops,01/02/2019,Current\n\
             A-003,Alan,Turing,Analyst,Data,11/10/2012,Gone\n"
        ),
    )
    .expect("write the first file");

    let app = App::start(|_| {}).await;
    check(&app, &first).await;
    app.text_containing(&testid("import-match-questions"), "employee_id")
        .await;

    // The columns of active and of a date decide what else is asked: each reads the file again.
    app.select(&testid("match-active"), "State").await;
    app.wait(&testid("match-word-Current")).await;
    app.select(&testid("match-hire_date"), "Joined").await;
    app.wait(&testid("match-hire_date-format")).await;
    app.select(&testid("match-employee_id"), "Staff No").await;
    app.select(&testid("match-full_name"), "Given").await;
    app.select(&testid("match-full_name-join"), "Family").await;
    app.select(&testid("match-role"), "Function").await;
    app.select(&testid("match-department"), "Dept").await;
    app.select(&testid("match-hire_date-format"), "%d/%m/%Y")
        .await;
    app.select(&testid("match-word-Current"), "true").await;
    app.select(&testid("match-word-Gone"), "false").await;
    app.text_containing("[data-word='Gone']", "Gone → inactive")
        .await;
    app.text_containing(
        &testid("match-full_name-samples"),
        "Ada, Grace, Alan + Lovelace",
    )
    .await;
    app.screenshot("match-columns").await;

    app.fill("match_save_name", "Acme").await;
    app.click(&testid("match-save")).await;
    app.wait(&testid("import-match-using")).await;
    app.click(&testid("match-continue")).await;
    import(&app, "3 rows").await;

    // A second export from the same system: the step offers the saved mapping.
    let second = files.path().join("acme-april.csv");
    std::fs::write(
        &second,
        format!(
            "{HEADER}A-004,Edsger,Dijkstra,Engineer,Ops,05/06/2020,Current\n\
             A-003,Alan,Turing,Analyst,Data,11/10/2012,Current\n"
        ),
    )
    .expect("write the second file");
    app.click(&testid("import-again")).await;
    check(&app, &second).await;
    app.text_containing(
        &testid("import-match-offer"),
        "This file matches the saved mapping 'Acme'.",
    )
    .await;
    app.click(&testid("import-match-use")).await;
    app.wait(&testid("import-match-using")).await;
    app.screenshot("match-columns-saved").await;
    app.click(&testid("match-continue")).await;
    import(&app, "2 rows").await;

    let stored = app.close().await;
    let db = stored.open();
    let conn = db.conn();
    let ada = employees::get(conn, "A-001").expect("A-001 imported");
    assert_eq!(ada.full_name, "Ada Lovelace");
    assert_eq!(ada.role, "Analyst");
    assert_eq!(ada.department, "Data");
    assert_eq!(ada.hire_date.as_deref(), Some("2015-03-04"));
    assert!(ada.active);
    let edsger = employees::get(conn, "A-004").expect("A-004 imported with the saved mapping");
    assert_eq!(edsger.full_name, "Edsger Dijkstra");
    assert_eq!(edsger.hire_date.as_deref(), Some("2020-06-05"));
    // Gone in the first file, Current in the second.
    assert!(employees::get(conn, "A-003").expect("A-003").active);
    let saved = upskill_core::mappings::get(conn, "Acme").expect("the mapping was saved");
    assert_eq!(saved.headers[0], "Staff No");
}
