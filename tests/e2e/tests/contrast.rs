//! Contrast of every page in the light and the dark theme: the checker in src/contrast.js runs
//! in the real window and every visible text must reach WCAG AA against what lies behind it.

use serde_json::{json, Value};
use upskill_core::db::Db;
use upskill_core::employees::{self, EmployeeQuery};
use upskill_e2e::{fill_demo, testid, App, CONTRAST_SCRIPT};

const PAGES: [&str; 6] = [
    "#/",
    "#/employees",
    "#/programs",
    "#/completions",
    "#/import",
    "#/settings",
];

async fn set_theme(app: &App, theme: &str) {
    let answer = app
        .client
        .execute_async(
            "const [theme, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke('plugin:window|set_theme', {label: 'main', value: theme}) \
               .then(() => done(null), e => done({error: String(e)}))",
            vec![json!(theme)],
        )
        .await
        .expect("set the window's theme");
    assert_eq!(answer, Value::Null, "set_theme failed: {answer}");
    // The page must really be in that theme, or the check below proves nothing.
    let mut dark = Value::Null;
    for _ in 0..50 {
        dark = app
            .client
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches",
                vec![],
            )
            .await
            .expect("read the colour scheme");
        if dark == json!(theme == "dark") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the page did not switch to the {theme} theme (dark = {dark})");
}

async fn check(app: &App, label: &str) -> Vec<String> {
    let result = app
        .client
        .execute(CONTRAST_SCRIPT, vec![])
        .await
        .expect("run the contrast checker");
    let checked = result["checked"].as_u64().unwrap_or(0);
    assert!(
        checked > 5,
        "{label}: only {checked} texts checked: {result}"
    );
    let mut problems: Vec<String> = result["failures"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{label}: {f}"))
        .collect();
    problems.sort();
    problems
}

#[tokio::test]
async fn the_checker_computes_wcag_ratios() {
    let app = App::start(|_| {}).await;
    let ratios = app
        .client
        .execute(
            CONTRAST_SCRIPT,
            vec![json!([
                ["rgb(0, 0, 0)", "rgb(255, 255, 255)"],
                ["rgb(119, 119, 119)", "rgb(255, 255, 255)"],
                ["rgb(255, 255, 255)", "rgb(255, 255, 255)"],
                ["rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)"],
            ])],
        )
        .await
        .expect("run the checker's math");
    let ratios: Vec<f64> = ratios
        .as_array()
        .expect("a list of ratios")
        .iter()
        .map(|r| r.as_f64().expect("a number"))
        .collect();
    // Known pairs: black on white 21:1, #777 on white 4.48:1 (just under AA), white on white
    // 1:1, and half-transparent black over white is grey 127.5 (3.98:1).
    let expected = [21.0, 4.48, 1.0, 3.98];
    for (got, want) in ratios.iter().zip(expected) {
        assert!(
            (got - want).abs() < 0.01,
            "ratios {ratios:?}, expected {expected:?}"
        );
    }
    app.close().await;
}

#[tokio::test]
async fn every_page_reaches_aa_contrast_in_both_themes() {
    let app = App::start(fill_demo).await;
    let someone = employees::list(
        Db::open(&app.db).expect("the test database").conn(),
        &EmployeeQuery::default(),
    )
    .expect("employees")
    .rows[0]
        .employee_id
        .clone();
    let mut pages: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    pages.push(format!("#/employees/{someone}"));

    let mut problems = Vec::new();
    for theme in ["light", "dark"] {
        set_theme(&app, theme).await;
        for page in &pages {
            app.client
                .execute("window.location.hash = arguments[0]", vec![json!(page)])
                .await
                .expect("go to the page");
            app.wait(&testid("page-title")).await;
            // Let the page's data arrive (the dashboard's reports, the lists).
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            let name = format!(
                "contrast-{theme}-{}",
                page.trim_start_matches("#/").replace('/', "-")
            );
            app.screenshot(if name.ends_with('-') {
                "contrast-dashboard"
            } else {
                &name
            })
            .await;
            problems.extend(check(&app, &format!("{theme} {page}")).await);
        }
    }
    app.close().await;
    assert!(
        problems.is_empty(),
        "{} texts under WCAG AA contrast:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
