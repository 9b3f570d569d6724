//! Databases as documents, in the real window: a new database opens empty, the file before is
//! one click away under Recent, and the demo opens in its own file and is left with Leave demo.
//! The native save and open dialogs cannot be driven over WebDriver, so the test checks the
//! buttons are there and sends what they send once a dialog returns a path.

use serde_json::{json, Value};
use upskill_core::db::Db;
use upskill_core::documents::{self, DEMO_FILE_NAME};
use upskill_e2e::{testid, App};

/// What "New database…" does after its save dialog: `new_database` with the chosen path, then
/// a reload onto it.
async fn create_through_the_page(app: &App, path: &str) -> Value {
    let answer = app
        .client
        .execute_async(
            "const [path, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke('new_database', {path}) \
               .then(done, (e) => done({error: e}));",
            vec![json!(path)],
        )
        .await
        .expect("run new_database in the page");
    app.client
        .execute(
            "window.location.hash = '#/'; window.location.reload();",
            vec![],
        )
        .await
        .expect("reload");
    answer
}

#[tokio::test]
async fn a_new_database_opens_empty_and_the_one_before_is_under_recent() {
    let app = App::start(|db| {
        db.with_tx(|tx| {
            tx.execute(
                "INSERT INTO employees (employee_id, full_name, role, department) \
                 VALUES ('E1', 'Ada Example', 'Analyst', 'Data')",
                [],
            )?;
            Ok(())
        })
        .expect("seed");
    })
    .await;
    let first = app.db.display().to_string();
    app.click(&testid("nav-settings")).await;
    app.text_containing(&testid("db-path"), &first).await;
    app.wait(&testid("new-database")).await;
    app.wait(&testid("open-database")).await;

    let fresh = app.db.with_file_name("second organisation.db");
    let fresh_path = fresh.display().to_string();
    let answer = create_through_the_page(&app, &fresh_path).await;
    assert_eq!(answer, json!(fresh_path));
    // The reloaded window works on the new, empty file.
    app.text_containing(&testid("dashboard-empty"), "Import your data")
        .await;
    app.click(&testid("nav-settings")).await;
    app.text_containing(&testid("db-path"), &fresh_path).await;
    app.screenshot("settings-database").await;

    // The same path again is refused and changes nothing.
    let again = create_through_the_page(&app, &fresh_path).await;
    assert_eq!(again["error"]["kind"], "conflict", "{again}");

    // The database before is one click away.
    app.click(&testid("nav-settings")).await;
    app.click(&format!(
        "[data-testid='recent-database'][data-path='{first}']"
    ))
    .await;
    app.wait(&testid("stat-employees-active")).await;
    app.click(&testid("nav-settings")).await;
    app.text_containing(&testid("db-path"), &first).await;
    let stored = app.close().await;
    assert!(fresh.is_file(), "the new database was created");
    let count: i64 = stored
        .open()
        .conn()
        .query_row("SELECT count(*) FROM employees", [], |r| r.get(0))
        .expect("count");
    assert_eq!(count, 1, "the first database kept its record");
}

#[tokio::test]
async fn the_demo_opens_in_its_own_file_and_leave_demo_goes_back() {
    let app = App::start(|_| {}).await;
    app.click(&testid("open-demo")).await;
    app.text_containing(&testid("demo-badge"), "Demo data")
        .await;
    app.wait(&testid("dash-overall")).await;
    app.screenshot("demo-badge").await;
    // The badge is on every page, not only the Dashboard.
    app.click(&testid("nav-employees")).await;
    app.wait(&testid("demo-badge")).await;
    app.click(&testid("leave-demo")).await;
    app.text_containing(&testid("dashboard-empty"), "Import your data")
        .await;
    app.wait_until_gone(&testid("demo-badge")).await;
    let stored = app.close().await;
    let demo = Db::open(&stored.db.with_file_name(DEMO_FILE_NAME)).expect("demo file");
    assert!(documents::is_demo(demo.conn()).expect("demo?"));
    assert!(!documents::is_demo(stored.open().conn()).expect("demo?"));
}
