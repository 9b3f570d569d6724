//! End-to-end tests of the real Upskill window: tauri-driver → WebKitWebDriver → the built
//! app binary (with the embedded UI), each test on its own fresh temporary database.
//!
//! Run through `make e2e` (part of `make test`), which builds the app, starts Xvfb and
//! tauri-driver on port 4444. Without them these tests fail; they never skip.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use upskill_core::db::Db;
use upskill_core::domain::{EmployeeInput, ProgramInput};

const DRIVER: &str = "http://127.0.0.1:4444";
const WAIT: Duration = Duration::from_secs(15);

/// The custom-protocol app binary in the same target dir as this test executable
/// (target/debug/deps/app-HASH → target/debug/upskill-desktop).
fn app_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let app = profile_dir.join("upskill-desktop");
    assert!(
        app.exists(),
        "{} is missing: build it with `make app`",
        app.display()
    );
    app
}

struct App {
    client: Client,
    /// The WebDriver session, ended by `close` or, if the test panicked first, by `drop`.
    session: Option<String>,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for App {
    /// A failed test must not leave its window open: the driver holds one session at a time,
    /// and every later test would fail to start. Drop cannot await, so it sends the WebDriver
    /// "delete session" request itself.
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            use std::io::{Read, Write};
            if let Ok(mut stream) = std::net::TcpStream::connect("127.0.0.1:4444") {
                let _ = stream.set_read_timeout(Some(WAIT));
                let request = format!(
                    "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:4444\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                if stream.write_all(request.as_bytes()).is_ok() {
                    let _ = stream.read_to_end(&mut Vec::new());
                }
            }
        }
    }
}

impl App {
    /// Starts the app on a new database, after `seed` has written to it.
    async fn start(seed: impl FnOnce(&mut Db)) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("e2e.db");
        {
            let mut opened = Db::open(&db).expect("create the test database");
            seed(&mut opened);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary(), "args": ["--db", db] }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(DRIVER)
            .await
            .expect("tauri-driver must listen on 127.0.0.1:4444 (run `make e2e`)");
        let session = client
            .session_id()
            .await
            .expect("session id")
            .map(|id| id.to_string());
        let app = App {
            client,
            session,
            db,
            _dir: dir,
        };
        app.wait(&testid("nav-dashboard")).await;
        app
    }

    async fn wait(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    async fn click(&self, css: &str) {
        if let Err(e) = self.wait(css).await.click().await {
            let shot = self.screenshot("click-failed").await;
            panic!("click {css}: {e:?} (screenshot: {shot})");
        }
    }

    /// Saves what the window shows to .build/e2e-NAME.png, for a failure message.
    async fn screenshot(&self, name: &str) -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.build");
        let path = dir.join(format!("e2e-{name}.png"));
        match self.client.screenshot().await {
            Ok(png) => match std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, png))
            {
                Ok(()) => path.display().to_string(),
                Err(e) => format!("not saved: {e}"),
            },
            Err(e) => format!("not taken: {e}"),
        }
    }

    /// Types into the input named `name` inside the open form, replacing what was there.
    async fn fill(&self, name: &str, value: &str) {
        let field = self.wait(&format!("[name='{name}']")).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear {name}: {e}"));
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("type into {name}: {e}"));
    }

    /// Picks the option whose value is `value` in the select matched by `css`.
    async fn select(&self, css: &str, value: &str) {
        // Options often arrive after the select (loaded from the database): wait for this one.
        self.wait(&format!("{css} option[value='{value}']")).await;
        let select = self.wait(css).await;
        if let Err(e) = select.select_by_value(value).await {
            let shot = self.screenshot("select-failed").await;
            panic!("select {value} in {css}: {e:?} (screenshot: {shot})");
        }
    }

    /// Waits until nothing matches `css` (a list has been filtered).
    async fn wait_until_gone(&self, css: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            match self.client.find_all(Locator::Css(css)).await {
                Ok(found) if found.is_empty() => return,
                _ if std::time::Instant::now() > deadline => panic!("{css} is still there"),
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits until the text of `css` contains `needle`, and returns it.
    async fn text_containing(&self, css: &str, needle: &str) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    if std::time::Instant::now() > deadline {
                        panic!("{css} says {text:?}, not {needle:?}");
                    }
                }
            }
            if std::time::Instant::now() > deadline {
                panic!("{css} never appeared (waiting for {needle:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Ends the session (the app exits) and hands back the database for checks.
    async fn close(mut self) -> Stored {
        self.session = None;
        self.client
            .clone()
            .close()
            .await
            .expect("close the session");
        // Wait for the app to be gone: the next test's app must not find this one still
        // holding the single-instance name (it would hand over and exit).
        let deadline = std::time::Instant::now() + WAIT;
        while app_running(&self.db) {
            assert!(std::time::Instant::now() < deadline, "the app did not exit");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let db = std::mem::take(&mut self.db);
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temp dir"));
        Stored { db, _dir: dir }
    }
}

/// The database a finished test wrote, still on disk for the test's checks.
struct Stored {
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Stored {
    fn open(&self) -> Db {
        Db::open(&self.db).expect("reopen the test database")
    }
}

/// Whether an app process started on this database is still running.
fn app_running(db: &Path) -> bool {
    std::process::Command::new("pgrep")
        .args(["-f", &db.display().to_string()])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

fn testid(id: &str) -> String {
    format!("[data-testid='{id}']")
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn add_employee(db: &mut Db, id: &str, name: &str, department: &str) {
    let input = EmployeeInput {
        employee_id: id.into(),
        full_name: name.into(),
        role: "Data engineer".into(),
        department: department.into(),
        birth_year: Some(1988),
        active: true,
        ..Default::default()
    };
    upskill_core::employees::create(db, &input, today()).expect("seed employee");
}

fn add_program(db: &mut Db, id: &str, title: &str) {
    let input = ProgramInput {
        program_id: id.into(),
        title: title.into(),
        skill_area: "Prompt engineering".into(),
        format: "workshop".into(),
        ..Default::default()
    };
    upskill_core::programs::create(db, &input).expect("seed program");
}

#[tokio::test]
async fn add_an_employee_through_the_form() {
    let app = App::start(|_| {}).await;
    app.click(&testid("nav-employees")).await;
    app.click(&testid("add-employee")).await;
    app.fill("employee_id", "E-100").await;
    app.fill("full_name", "Ada Lovelace").await;
    app.fill("role", "Data engineer").await;
    app.fill("department", "Data").await;
    app.fill("birth_year", "1990").await;
    app.click(&testid("save")).await;
    let row = app
        .text_containing(
            "[data-testid='employee-row'][data-employee-id='E-100']",
            "Ada Lovelace",
        )
        .await;
    assert!(row.contains("Data engineer"), "{row}");

    let stored = app.close().await;
    let e = upskill_core::employees::get(stored.open().conn(), "E-100").expect("saved");
    assert_eq!(
        (e.full_name.as_str(), e.birth_year),
        ("Ada Lovelace", Some(1990))
    );
}

#[tokio::test]
async fn add_a_program_to_the_catalog() {
    let app = App::start(|_| {}).await;
    app.click(&testid("nav-programs")).await;
    app.click(&testid("add-program")).await;
    app.fill("program_id", "P-LAB").await;
    app.fill("title", "GPU cluster hands-on lab").await;
    app.fill("skill_area", "GPU & high-density infrastructure")
        .await;
    app.select("select[name='format']", "hands_on_lab").await;
    app.fill("hours", "16").await;
    app.click(&testid("save")).await;
    app.text_containing(
        "[data-testid='program-row'][data-program-id='P-LAB']",
        "GPU cluster hands-on lab",
    )
    .await;

    let stored = app.close().await;
    let p = upskill_core::programs::get(stored.open().conn(), "P-LAB").expect("saved");
    assert_eq!(p.format, upskill_core::domain::ProgramFormat::HandsOnLab);
    assert_eq!(p.hours, Some(16.0));
}

#[tokio::test]
async fn log_a_cohort_of_three_and_see_one_history() {
    let app = App::start(|db| {
        add_employee(db, "E1", "Bea Becker", "Data");
        add_employee(db, "E2", "Cal Cruz", "Data");
        add_employee(db, "E3", "Dee Diaz", "Data");
        add_employee(db, "S1", "Sam Sales", "Sales");
        add_program(db, "P1", "Prompt engineering bootcamp");
    })
    .await;
    app.click(&testid("nav-completions")).await;
    app.click(&testid("log-cohort")).await;
    app.select(&testid("cohort-program"), "P1").await;
    app.select(&testid("cohort-department"), "Data").await;
    // The department filter leaves exactly the three Data employees to pick.
    app.wait_until_gone("[data-testid='cohort-pick'][data-employee-id='S1']")
        .await;
    for id in ["E1", "E2", "E3"] {
        app.click(&format!(
            "[data-testid='cohort-pick'][data-employee-id='{id}']"
        ))
        .await;
    }
    app.text_containing(&testid("cohort-selected-count"), "3 selected")
        .await;
    app.click(&testid("cohort-submit")).await;
    let result = app
        .text_containing(&testid("cohort-result"), "Logged 3")
        .await;
    assert!(result.contains("0 already logged"), "{result}");
    app.click(&testid("cohort-done")).await;

    app.click(&testid("nav-employees")).await;
    // The name is the row's link, as a user clicks it.
    app.click("[data-testid='employee-row'][data-employee-id='E2'] a")
        .await;
    app.text_containing(&testid("history-table"), "Prompt engineering bootcamp")
        .await;
    let rows = app
        .client
        .find_all(Locator::Css("[data-testid='history-row']"))
        .await
        .expect("history rows");
    assert_eq!(rows.len(), 1);

    let stored = app.close().await;
    let db = stored.open();
    for (id, expected) in [("E1", 1), ("E2", 1), ("E3", 1), ("S1", 0)] {
        let history = upskill_core::completions::history(db.conn(), id).unwrap();
        assert_eq!(history.len(), expected, "{id}");
    }
}

#[tokio::test]
async fn an_invalid_form_shows_the_cores_error_and_saves_nothing() {
    let app = App::start(|db| add_employee(db, "E1", "Bea Becker", "Data")).await;
    app.click(&testid("nav-employees")).await;
    app.click(&testid("add-employee")).await;
    // The id is taken: only the core knows, so the message must come back from it.
    app.fill("employee_id", "E1").await;
    app.fill("full_name", "Somebody Else").await;
    app.fill("role", "Sales").await;
    app.fill("department", "Sales").await;
    app.click(&testid("save")).await;
    app.text_containing(
        "[data-testid='field-error'][data-field='employee_id']",
        "an employee with id 'E1' already exists",
    )
    .await;

    let stored = app.close().await;
    let e = upskill_core::employees::get(stored.open().conn(), "E1").unwrap();
    assert_eq!(
        e.full_name, "Bea Becker",
        "the existing record is untouched"
    );
}

/// Every section opens on the demo organisation and names itself; the screenshots in
/// .build/screens/ are how a person checks what the window looks like.
#[tokio::test]
async fn every_section_renders_on_the_demo_organisation() {
    let mut active = 0;
    let app = App::start(|db| {
        upskill_core::demo::fill(db, 500, upskill_core::demo::DEFAULT_SEED, today()).expect("demo");
        active = upskill_core::stats::stats(db.conn())
            .unwrap()
            .employees_active;
    })
    .await;
    for (nav, title) in [
        ("dashboard", "Dashboard"),
        ("employees", "Employees"),
        ("programs", "Programs"),
        ("completions", "Completions"),
        ("import", "Import"),
        ("settings", "Settings"),
    ] {
        app.click(&testid(&format!("nav-{nav}"))).await;
        app.text_containing(&testid("page-title"), title).await;
        app.screenshot(&format!("screens-{nav}")).await;
    }
    app.click(&testid("nav-employees")).await;
    app.text_containing(&testid("pager-range"), &format!("1–50 of {active}"))
        .await;
    app.click("[data-testid='employee-row'] a").await;
    app.wait(&testid("history-table")).await;
    app.screenshot("screens-employee-detail").await;
    app.click(&testid("nav-completions")).await;
    app.click(&testid("log-cohort")).await;
    app.select(&testid("cohort-department"), "Data").await;
    app.wait(&testid("cohort-pick")).await;
    app.screenshot("screens-cohort").await;
    app.close().await;
}

/// A second launch does not open a second window on the database: it hands over to the
/// running one, which comes forward and says so.
#[tokio::test]
async fn a_second_launch_focuses_the_running_window() {
    let app = App::start(|_| {}).await;
    app.click(&testid("nav-programs")).await;
    let mut second = tokio::process::Command::new(app_binary())
        .arg("--db")
        .arg(&app.db)
        .spawn()
        .expect("launch a second instance");
    let status = tokio::time::timeout(WAIT, second.wait())
        .await
        .expect("the second instance should hand over and exit at once")
        .expect("wait for the second instance");
    assert!(status.success(), "{status}");
    app.text_containing(&testid("toast"), "Upskill is already open")
        .await;
    // The first window is still the one in use, on the page it was on.
    app.text_containing(&testid("page-title"), "Programs").await;
    app.close().await;
}
