//! End-to-end tests of the record: employees, programs, completions, cohorts, single instance.

use fantoccini::Locator;
use upskill_core::db::Db;
use upskill_core::domain::{EmployeeInput, ProgramInput};
use upskill_e2e::{app_binary, app_processes, fill_demo, process_name, testid, today, App, WAIT};

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
    // The banner asks to correct the field, since the core's problem has an input to go under.
    app.text_containing(
        &testid("form-error"),
        "Please correct the highlighted fields.",
    )
    .await;
    app.screenshot("form-core-error").await;

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

/// Where tauri-plugin-window-state keeps the window's size: the app's config folder.
fn window_state_file() -> std::path::PathBuf {
    dirs::config_dir()
        .expect("a config folder")
        .join(upskill_core::db::APP_IDENTIFIER)
        .join(".window-state.json")
}

/// Puts the window-state file back as it was when dropped, so a failure here cannot leave
/// the next tests' windows at another size.
struct KeepWindowState(Option<Vec<u8>>);

impl Drop for KeepWindowState {
    fn drop(&mut self) {
        let file = window_state_file();
        match &self.0 {
            Some(bytes) => drop(std::fs::write(&file, bytes)),
            None => drop(std::fs::remove_file(&file)),
        }
    }
}

async fn window_size_becomes(app: &App, wanted: (u64, u64)) -> (u64, u64) {
    let deadline = std::time::Instant::now() + upskill_e2e::WAIT;
    loop {
        let size = app.client.get_window_size().await.expect("window size");
        if size == wanted || std::time::Instant::now() > deadline {
            return size;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_window_reopens_at_the_size_it_was_left() {
    let file = window_state_file();
    let _keep = KeepWindowState(std::fs::read(&file).ok());
    let _ = std::fs::remove_file(&file);

    let app = App::start(|_| {}).await;
    let (width, height) = app.client.get_window_size().await.expect("window size");
    let wanted = (width - 240, height - 130);
    app.client
        .set_window_size(wanted.0 as u32, wanted.1 as u32)
        .await
        .expect("resize the window");
    assert_eq!(window_size_becomes(&app, wanted).await, wanted);
    app.quit().await;
    assert!(file.exists(), "quitting saved the window's size");

    let again = App::start(|_| {}).await;
    assert_eq!(window_size_becomes(&again, wanted).await, wanted);
    again.screenshot("window-remembered").await;
    again.close().await;
}

/// The app runs WebKit's JavaScript without a JIT (src-tauri/src/web_engine.rs), so no WebKit
/// process of it maps memory that is both writable and executable: JavaScriptCore's JIT maps a
/// region like that at start, in the web and network processes alike.
#[tokio::test]
async fn webkit_processes_map_no_writable_and_executable_memory() {
    let app = App::start(fill_demo).await;
    app.text_containing(&testid("dash-overall"), "%").await;
    let webkit: Vec<(u32, String)> = app_processes(&app.db)
        .into_iter()
        .map(|pid| (pid, process_name(pid)))
        .filter(|(_, name)| name.starts_with("WebKit"))
        .collect();
    assert!(
        webkit.iter().any(|(_, name)| name == "WebKitWebProces"),
        "the window's web process was not found among {webkit:?}"
    );
    for (pid, name) in &webkit {
        let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).expect("read maps");
        let writable_and_executable: Vec<&str> = maps
            .lines()
            .filter(|line| {
                line.split_whitespace()
                    .nth(1)
                    .is_some_and(|perms| perms.starts_with("rwx"))
            })
            .collect();
        assert!(
            writable_and_executable.is_empty(),
            "{name} ({pid}) maps writable and executable memory: {writable_and_executable:?}"
        );
    }
    app.close().await;
}
