//! End-to-end tests of the dashboard: the demo loaded from the page shows the generational
//! divide with the core's numbers, a team lead's filter narrows the population, and an export
//! writes the numbers the page shows. Expected numbers are computed by upskill-core on the same
//! database, never written down here.

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::json;
use upskill_core::db::Db;
use upskill_core::employees::{self, EmployeeQuery};
use upskill_core::report::{
    self, CoverageRow, Dashboard, DashboardQuery, Dimension, Filters, ReportQuery,
};
use upskill_e2e::{fill_demo, testid, today, App, WAIT};

/// What a coverage cell reads on the page (coverageView.ts: `coverageText`).
fn shown(row: &CoverageRow, k: u32) -> String {
    match (row.suppressed, row.coverage_pct) {
        (true, _) if row.headcount < k => format!("fewer than {k}"),
        (true, _) => "hidden".to_string(),
        (false, Some(pct)) => format!("{pct:.1}%"),
        (false, None) => "–".to_string(),
    }
}

/// The core's dashboard as the app asks for it: small groups pooled unless turned off.
fn core_dashboard(db: &Db, filters: Filters) -> Dashboard {
    let query = DashboardQuery {
        filters,
        pool_small: true,
        ..DashboardQuery::default()
    };
    report::dashboard(db.conn(), &query, today()).expect("the core's dashboard")
}

/// One generation's row of the page's table.
#[derive(Debug, Clone, PartialEq)]
struct GenRow {
    group: String,
    pct: String,
    headcount: u32,
}

async fn child_text(row: &Element, id: &str) -> String {
    row.find(Locator::Css(&testid(id)))
        .await
        .unwrap_or_else(|e| panic!("{id} in a generation row: {e}"))
        .text()
        .await
        .expect("text")
        .trim()
        .to_string()
}

fn count(text: &str) -> u32 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} is not a count"))
}

async fn generation_rows(app: &App) -> Vec<GenRow> {
    app.wait(&testid("gen-row")).await;
    let rows = app
        .client
        .find_all(Locator::Css(&testid("gen-row")))
        .await
        .expect("generation rows");
    let mut out = Vec::new();
    for row in rows {
        out.push(GenRow {
            group: row
                .attr("data-group")
                .await
                .expect("data-group")
                .unwrap_or_default(),
            pct: child_text(&row, "gen-pct").await,
            headcount: count(&child_text(&row, "gen-headcount").await),
        });
    }
    out
}

fn expected_rows(dashboard: &Dashboard) -> Vec<GenRow> {
    let k = dashboard.notes.min_group;
    dashboard
        .by_generation
        .rows
        .iter()
        .map(|row| GenRow {
            group: row.groups[0].clone(),
            pct: shown(row, k),
            headcount: row.headcount,
        })
        .collect()
}

/// Waits until the population headcount on the page is exactly `expected`.
async fn wait_for_headcount(app: &App, expected: u32) {
    let deadline = std::time::Instant::now() + WAIT;
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        if let Ok(el) = app
            .client
            .find(Locator::Css(&testid("dash-headcount")))
            .await
        {
            if let Ok(text) = el.text().await {
                if text.chars().any(|c| c.is_ascii_digit()) && count(&text) == expected {
                    return;
                }
                last = text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let shot = app.screenshot("headcount-failed").await;
    panic!("dash-headcount says {last:?}, not {expected} (screenshot: {shot})");
}

/// Scrolls the page so `css` is at the top of the window, lets the chart finish its animation,
/// and saves a screenshot: without a passing toast, and with the pointer off the chart (where
/// the last click left it, scrolling could put a tooltip under it).
async fn screenshot_at(app: &App, css: &str, name: &str) -> String {
    app.client
        .execute(
            "const [css] = arguments; \
             document.querySelectorAll(\"[data-testid='toast'] button\").forEach((b) => b.click()); \
             document.querySelector(css)?.scrollIntoView({ block: 'start' });",
            vec![json!(css)],
        )
        .await
        .expect("scroll");
    // Rest the pointer on the sidebar, away from the chart.
    let rest = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
        duration: None,
        x: 100.0,
        y: 500.0,
    });
    app.client
        .perform_actions(rest)
        .await
        .expect("move the pointer");
    tokio::time::sleep(Duration::from_millis(900)).await;
    app.screenshot(name).await
}

fn pct_of(rows: &[GenRow], group: &str) -> f64 {
    let row = rows
        .iter()
        .find(|r| r.group == group)
        .unwrap_or_else(|| panic!("no {group} row in {rows:?}"));
    row.pct
        .trim_end_matches('%')
        .parse()
        .unwrap_or_else(|_| panic!("{group} shows {:?}, not a percentage", row.pct))
}

#[tokio::test]
async fn dashboard_loads_the_demo_and_shows_the_cores_divide() {
    let app = App::start(|_| {}).await;
    let empty = app
        .text_containing(&testid("dashboard-empty"), "Import your data")
        .await;
    assert!(empty.contains("Try the demo organisation"), "{empty}");
    app.screenshot("dashboard-empty").await;
    app.click(&testid("open-demo")).await;
    // The window reloads onto the demo's own file and says so on every page.
    app.text_containing(&testid("demo-badge"), "Demo data")
        .await;

    let page_rows = generation_rows(&app).await;
    let divide = app
        .wait(&testid("divide"))
        .await
        .text()
        .await
        .expect("divide text");
    let overall = app
        .wait(&testid("dash-overall"))
        .await
        .text()
        .await
        .expect("overall text");
    let headcount = count(
        &app.wait(&testid("dash-headcount"))
            .await
            .text()
            .await
            .expect("headcount"),
    );
    // Every report panel can be exported.
    for report in [
        "by_generation",
        "by_role",
        "by_department",
        "by_skill_area",
        "role_by_generation",
        "gaps_by_generation",
    ] {
        let button = app
            .wait(&format!(
                "[data-testid='export-report'][data-report='{report}']"
            ))
            .await;
        assert!(button.is_enabled().await.expect("enabled?"), "{report}");
    }
    app.wait(&testid("gen-chart")).await;
    app.wait(&testid("heatmap")).await;
    screenshot_at(&app, "[data-testid='page-title']", "dashboard-top").await;
    let shot = screenshot_at(&app, "[data-testid='dash-overall']", "dashboard").await;
    screenshot_at(&app, "[data-testid='panel-gaps']", "dashboard-gaps").await;
    screenshot_at(&app, "[data-testid='panel-by-role']", "dashboard-tables").await;
    screenshot_at(&app, "[data-testid='panel-heatmap']", "dashboard-heatmap").await;
    screenshot_at(&app, "[data-testid='about-numbers']", "dashboard-about").await;

    let stored = app.close().await;
    // The demo never entered the database the window was opened on.
    let own: i64 = stored
        .open()
        .conn()
        .query_row("SELECT count(*) FROM employees", [], |r| r.get(0))
        .expect("count");
    assert_eq!(own, 0);
    let db = Db::open(
        &stored
            .db
            .with_file_name(upskill_core::documents::DEMO_FILE_NAME),
    )
    .expect("the demo's own file");
    assert!(upskill_core::documents::is_demo(db.conn()).expect("demo?"));
    let core = core_dashboard(&db, Filters::default());
    assert_eq!(page_rows, expected_rows(&core), "screenshot: {shot}");

    let total_pct = core
        .total
        .coverage_pct
        .expect("the demo's coverage is shown");
    assert!(
        overall.contains(&format!("{total_pct:.1}%")),
        "{overall:?} should show {total_pct:.1}%"
    );
    assert_eq!(headcount, core.total.headcount);
    let core_divide = core
        .gaps_by_generation
        .divide
        .expect("the demo has a divide");
    assert_eq!(divide.trim(), core_divide.text);

    // The survey's pattern, as the page shows it.
    let (millennials, gen_x, boomers) = (
        pct_of(&page_rows, "Millennials"),
        pct_of(&page_rows, "Gen X"),
        pct_of(&page_rows, "Baby Boomers"),
    );
    assert!(
        millennials > gen_x && gen_x > boomers,
        "Millennials {millennials} > Gen X {gen_x} > Baby Boomers {boomers}"
    );
    assert_eq!(
        (core_divide.highest.as_str(), core_divide.lowest.as_str()),
        ("Millennials", "Baby Boomers")
    );
}

#[tokio::test]
async fn dashboard_team_lead_picks_themselves_and_sees_their_team() {
    // The department heads report to the chief executive; the lead is the head with the
    // largest team, as the core counts it.
    let mut lead: Option<(String, Dashboard, u32)> = None;
    let mut everyone = 0;
    let app = App::start(|db| {
        fill_demo(db);
        everyone = core_dashboard(db, Filters::default()).total.headcount;
        let chief = "E00001";
        for n in 2..=30 {
            let id = format!("E{n:05}");
            let Ok(person) = employees::get(db.conn(), &id) else {
                continue;
            };
            if person.manager_id.as_deref() != Some(chief) {
                continue;
            }
            let team = core_dashboard(
                db,
                Filters {
                    manager_id: Some(id.clone()),
                    ..Filters::default()
                },
            );
            let listed = employees::list(
                db.conn(),
                &EmployeeQuery {
                    manager_id: Some(id.clone()),
                    ..EmployeeQuery::default()
                },
            )
            .expect("the lead's reports")
            .total as u32;
            if lead
                .as_ref()
                .is_none_or(|(_, best, _)| team.total.headcount > best.total.headcount)
            {
                lead = Some((id, team, listed));
            }
        }
    })
    .await;
    let (lead, team, listed) = lead.expect("the demo has department heads");
    // The headline names the manager (not the id) once the page has looked them up.
    let lead_name = employees::get(Db::open(&app.db).expect("the test database").conn(), &lead)
        .expect("the lead")
        .full_name;
    assert_eq!(
        team.total.headcount, listed,
        "the report and the employee list agree on {lead}'s team"
    );
    assert!(
        team.total.headcount > 5 && team.total.headcount < everyone,
        "{lead} leads {} of {everyone}",
        team.total.headcount
    );

    wait_for_headcount(&app, everyone).await;
    // The filters sit in a compact bar; the full form opens below it.
    app.click(&testid("filters-toggle")).await;
    app.fill("filter_manager_id", &lead).await;
    wait_for_headcount(&app, team.total.headcount).await;
    // The applied filter shows as a chip, by the manager's name.
    app.text_containing(&testid("dashboard-chips"), &format!("Team of {lead_name}"))
        .await;
    let page_rows = generation_rows(&app).await;
    assert_eq!(page_rows, expected_rows(&team));
    let overall = app
        .wait(&testid("dash-overall"))
        .await
        .text()
        .await
        .expect("overall");
    assert!(
        overall.contains(&format!("in the team of {lead_name}")),
        "{overall:?}"
    );
    if let Some(divide) = &team.gaps_by_generation.divide {
        app.text_containing(&testid("divide"), &divide.text).await;
    }
    // The form folds back into the bar: the chip says whose numbers these are.
    app.click(&testid("filters-toggle")).await;
    app.wait_until_gone("[role='search']").await;
    screenshot_at(&app, "[data-testid='page-title']", "dashboard-team").await;

    // A larger k hides the team's smallest generation: it reads "fewer than k", and the core
    // hides the next-smallest too, so neither can be worked out from the total.
    let k = team
        .by_generation
        .rows
        .iter()
        .map(|r| r.headcount)
        .min()
        .expect("generations")
        + 1;
    app.click(&testid("filters-toggle")).await;
    // Each group on its own (the Dashboard pools small groups unless told not to), so the
    // smallest is hidden and another with it.
    app.click("[name='filter_pool_small']").await;
    app.text_containing(&testid("dashboard-chips"), "Small groups apart")
        .await;
    app.fill("filter_min_group", &k.to_string()).await;
    app.text_containing(&testid("gen-table"), &format!("fewer than {k}"))
        .await;
    let hidden_rows = generation_rows(&app).await;
    screenshot_at(
        &app,
        "[data-testid='panel-by-generation']",
        "dashboard-hidden",
    )
    .await;

    let stored = app.close().await;
    let db = stored.open();
    let query = DashboardQuery {
        filters: Filters {
            manager_id: Some(lead.clone()),
            ..Filters::default()
        },
        min_group: k,
        ..DashboardQuery::default()
    };
    let with_k = report::dashboard(db.conn(), &query, today()).expect("the core's dashboard");
    assert_eq!(hidden_rows, expected_rows(&with_k));
    assert!(
        with_k
            .by_generation
            .rows
            .iter()
            .filter(|r| r.suppressed)
            .count()
            >= 2,
        "complementary suppression hides a second group: {hidden_rows:?}"
    );
}

#[tokio::test]
async fn dashboard_export_has_the_numbers_the_page_shows() {
    let mut engineering = 0;
    let app = App::start(|db| {
        fill_demo(db);
        engineering = core_dashboard(
            db,
            Filters {
                department: Some("Engineering".into()),
                ..Filters::default()
            },
        )
        .total
        .headcount;
    })
    .await;
    app.wait(&testid("gen-row")).await;
    app.click(&testid("filters-toggle")).await;
    app.select(&testid("filter-department"), "Engineering")
        .await;
    wait_for_headcount(&app, engineering).await;
    app.text_containing(&testid("dashboard-chips"), "Department: Engineering")
        .await;
    let page_rows = generation_rows(&app).await;
    app.wait("[data-testid='export-report'][data-report='by_generation']")
        .await;

    // What the Export button sends once the save dialog returns a path (the dialog itself
    // cannot be driven over WebDriver): the same command, the same filters, through the page.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("coverage-by-generation-engineering.csv");
    let query = ReportQuery {
        dims: vec![Dimension::Generation],
        filters: Filters {
            department: Some("Engineering".into()),
            ..Filters::default()
        },
        min_group: report::DEFAULT_MIN_GROUP,
    };
    let summary = app
        .client
        .execute_async(
            "const [q, path, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke('export_coverage', \
               {query: q, options: {pool_small: true}, path, delimiter: 'comma', with_notes: false}) \
               .then(done, e => done({error: e}))",
            vec![
                serde_json::to_value(&query).expect("query"),
                json!(path.display().to_string()),
            ],
        )
        .await
        .expect("export through the page");
    assert!(summary.get("error").is_none(), "export failed: {summary}");
    // The groups, then the "All employees" row the page shows beneath them.
    assert_eq!(summary["rows"], json!(page_rows.len() + 1), "{summary}");
    app.close().await;

    let file = read_csv(&path);
    assert_eq!(
        file[0],
        [
            "generation",
            "headcount",
            "trained",
            "coverage_pct",
            "suppressed"
        ]
    );
    let k = report::DEFAULT_MIN_GROUP;
    let (total, groups) = file[1..].split_last().expect("an All employees row");
    assert_eq!(total[0], report::ALL_EMPLOYEES);
    assert_eq!(total[1], engineering.to_string(), "{total:?}");
    let from_file: Vec<GenRow> = groups
        .iter()
        .map(|cells| {
            let headcount: u32 = cells[1].parse().expect("headcount");
            let pct = match (cells[4].as_str(), cells[3].as_str()) {
                ("true", _) if headcount < k => format!("fewer than {k}"),
                ("true", _) => "hidden".to_string(),
                (_, pct) => format!("{}%", pct),
            };
            GenRow {
                group: cells[0].clone(),
                pct,
                headcount,
            }
        })
        .collect();
    assert_eq!(from_file, page_rows);
}

/// The export's rows: UTF-8 with a byte-order mark, CRLF line ends, no quoting needed here.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, for Excel");
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    text.split("\r\n")
        .filter(|line| !line.is_empty())
        .map(|line| line.split(',').map(str::to_string).collect())
        .collect()
}

/// The bottom of the headline and of the divide, and the window's height, in CSS pixels.
async fn answer_bottoms(app: &App) -> (f64, f64, f64) {
    let v = app
        .client
        .execute(
            "const bottom = (id) => document.querySelector(`[data-testid='${id}']`) \
               .closest('section').getBoundingClientRect().bottom; \
             return [bottom('dash-overall'), bottom('divide'), window.innerHeight];",
            vec![],
        )
        .await
        .expect("measure the headline");
    let n = |i: usize| v[i].as_f64().expect("a number");
    (n(0), n(1), n(2))
}

#[tokio::test]
async fn the_answer_shows_without_scrolling_at_1280x800_and_at_the_minimum_size() {
    let app = App::start(fill_demo).await;
    app.wait(&testid("divide")).await;
    app.wait(&testid("filters-toggle")).await;
    // tauri.conf.json's minimum window size, and the common laptop screen.
    for (width, height) in [(1280u32, 800u32), (880, 560)] {
        app.client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
        let deadline = std::time::Instant::now() + WAIT;
        let (overall, divide, viewport) = loop {
            let (overall, divide, viewport) = answer_bottoms(&app).await;
            // The resize lands asynchronously; wait until the page has the new height.
            if (viewport - f64::from(height)).abs() < 60.0 || std::time::Instant::now() > deadline {
                break (overall, divide, viewport);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        app.screenshot(&format!("dashboard-{width}x{height}")).await;
        assert!(
            (viewport - f64::from(height)).abs() < 60.0,
            "the window did not take {width}x{height}: the page is {viewport} px high"
        );
        assert!(
            overall <= viewport && divide <= viewport,
            "at {width}x{height} the headline ends at {overall} px and the divide at {divide} px, \
             below the {viewport} px the window shows"
        );
    }
}
