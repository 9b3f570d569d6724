//! End-to-end tests of required training, targets and the trend: a requirement added in the
//! app shows in the matrix and a logged completion turns a cell compliant; a team lead's
//! action list holds only their team; the dashboard's targets and trend show the core's
//! numbers, and a target added from the app is stored. Expected values come from upskill-core
//! on the same database, or are worked out by hand from the seeded dates.

use upskill_core::compliance::{self, ComplianceQuery};
use upskill_core::db::Db;
use upskill_core::report::{self, Dimension, Filters, Period, TargetsQuery, TrendQuery};
use upskill_e2e::{testid, today, App};

/// M1 leads A1 and A2 (analysts hired in 2020); X1 is an analyst in another team; P1 is a
/// program valid for 24 months.
fn seed_team(db: &mut Db) {
    db.conn()
        .execute_batch(
            "INSERT INTO programs (program_id, title, skill_area, format, validity_months) \
                 VALUES ('P1', 'AI literacy basics', 'AI literacy', 'workshop', 24);
             INSERT INTO employees (employee_id, full_name, role, department, hire_date) VALUES
                 ('M1', 'Mia Manager', 'Lead', 'Data', '2019-01-01'),
                 ('A1', 'Ann Analyst', 'Analyst', 'Data', '2020-01-01'),
                 ('A2', 'Abe Analyst', 'Analyst', 'Data', '2020-01-01'),
                 ('X1', 'Xia Other', 'Analyst', 'Sales', '2020-01-01');
             UPDATE employees SET manager_id = 'M1' WHERE employee_id IN ('A1', 'A2');",
        )
        .expect("seed the team");
}

fn cell(employee: &str, requirement: &str) -> String {
    format!(
        "[data-testid='matrix-row'][data-employee-id='{employee}'] \
         [data-testid='matrix-cell'][data-requirement='{requirement}'] [data-testid='status']"
    )
}

/// The link a matrix cell is: it opens the person whose obligation it shows.
fn cell_link(employee: &str, requirement: &str) -> String {
    format!(
        "[data-testid='matrix-row'][data-employee-id='{employee}'] \
         [data-testid='matrix-cell'][data-requirement='{requirement}'] a"
    )
}

#[tokio::test]
async fn a_requirement_added_in_the_app_shows_in_the_matrix_and_a_completion_turns_it_compliant() {
    let app = App::start(seed_team).await;
    app.click(&testid("nav-requirements")).await;
    app.click(&testid("add-requirement")).await;
    app.fill("requirement_id", "R-LIT").await;
    app.fill("title", "AI literacy").await;
    app.select("select[name='program_id']", "P1").await;
    app.fill("due_days", "30").await;
    app.fill("effective_from", "2020-01-01").await;
    app.click(&testid("save")).await;
    app.wait("[data-testid='requirement-row'][data-requirement='R-LIT']")
        .await;

    app.click(&testid("nav-compliance")).await;
    // Hired 2020-01-01, in effect from 2020-01-01, 30 days: overdue since 2020-01-31.
    app.text_containing(&cell("A1", "R-LIT"), "Overdue").await;
    app.text_containing(&cell("A2", "R-LIT"), "Overdue").await;
    // A lead is not an analyst: the requirement applies to everyone, so M1 is overdue too.
    app.text_containing(&cell("M1", "R-LIT"), "Overdue").await;
    app.screenshot("compliance-page").await;

    // A1's cell opens A1's page; log a completion there today (the form's date defaults to today).
    app.click(&cell_link("A1", "R-LIT")).await;
    app.text_containing(&testid("obligations"), "Overdue").await;
    app.click(&testid("log-completion")).await;
    app.select(
        "[data-testid='completion-form'] select[name='program_id']",
        "P1",
    )
    .await;
    app.click(&testid("save")).await;
    app.text_containing(&testid("obligations"), "Compliant")
        .await;

    app.click(&testid("nav-compliance")).await;
    app.text_containing(&cell("A1", "R-LIT"), "Compliant").await;
    app.text_containing(&cell("A2", "R-LIT"), "Overdue").await;

    let stored = app.close().await;
    let db = stored.open();
    let statuses = compliance::statuses(db.conn(), &ComplianceQuery::new(today())).unwrap();
    let a1 = statuses
        .iter()
        .find(|o| o.employee_id == "A1")
        .expect("A1's obligation");
    assert_eq!(a1.status, compliance::Status::Compliant);
}

#[tokio::test]
async fn a_team_leads_action_list_shows_only_their_team() {
    let mut expected: Vec<String> = Vec::new();
    let app = App::start(|db| {
        seed_team(db);
        db.conn()
            .execute(
                "INSERT INTO requirements (requirement_id, title, program_id, due_days, effective_from) \
                 VALUES ('R1', 'AI literacy', 'P1', 30, '2020-01-01')",
                [],
            )
            .expect("a requirement");
        let mut q = ComplianceQuery::new(today());
        q.manager_id = Some("M1".into());
        expected = compliance::list(db.conn(), &q, &[])
            .unwrap()
            .into_iter()
            .map(|o| o.employee_id)
            .collect();
    })
    .await;
    assert_eq!(expected, ["A1", "A2"], "the core's list for M1's team");
    app.click(&testid("nav-compliance")).await;
    // Everyone first: X1 and M1 are on the list.
    app.wait("[data-testid='list-row'][data-employee-id='X1']")
        .await;
    app.select(&testid("matrix-scope"), "manager").await;
    app.fill("matrix_manager", "M1").await;
    // The list empties while no manager is chosen: wait for the team's list itself.
    app.wait("[data-testid='list-row'][data-employee-id='A1']")
        .await;
    app.wait_until_gone("[data-testid='list-row'][data-employee-id='X1']")
        .await;
    let shown = app
        .attributes("[data-testid='list-row']", "data-employee-id")
        .await;
    assert_eq!(shown, expected);
    app.close().await;
}

/// The Dashboard's "Who is overdue" opens the Compliance page's action list on that status,
/// holding exactly the core's overdue obligations.
#[tokio::test]
async fn who_is_overdue_on_the_dashboard_opens_the_cores_overdue_list() {
    let mut expected: Vec<String> = Vec::new();
    let app = App::start(|db| {
        seed_team(db);
        db.conn()
            .execute_batch(&format!(
                "INSERT INTO requirements (requirement_id, title, program_id, due_days, effective_from) \
                 VALUES ('R1', 'AI literacy', 'P1', 30, '2020-01-01');
                 INSERT INTO completions (employee_ref, program_ref, completed_on) \
                 SELECT e.id, p.id, '{}' FROM employees e, programs p \
                 WHERE e.employee_id = 'A1' AND p.program_id = 'P1';",
                today()
            ))
            .expect("a requirement and one completion");
        expected = compliance::list(
            db.conn(),
            &ComplianceQuery::new(today()),
            &[compliance::Status::Overdue],
        )
        .unwrap()
        .into_iter()
        .map(|o| o.employee_id)
        .collect();
        expected.sort();
    })
    .await;
    assert_eq!(expected, ["A2", "M1", "X1"], "the core's overdue list");
    app.click(&testid("compliance-overdue-link")).await;
    app.wait("[data-testid='list-row'][data-employee-id='A2']")
        .await;
    let mut shown = app
        .attributes("[data-testid='list-row']", "data-employee-id")
        .await;
    shown.sort();
    assert_eq!(shown, expected);
    app.close().await;
}

/// The dashboard's trend query (targetsView.ts: `trendQuery`, generation by quarter over two
/// years, k = 5).
fn dashboard_trend() -> TrendQuery {
    let to = today();
    let from = to
        .with_year(chrono::Datelike::year(&to) - 2)
        .unwrap_or(to - chrono::Days::new(730));
    TrendQuery {
        dims: vec![Dimension::Generation],
        filters: Filters::default(),
        min_group: 5,
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        every: Period::Quarter,
    }
}

use chrono::Datelike;

fn tenths(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |v| format!("{v:.1}"))
}

#[tokio::test]
async fn the_dashboards_targets_and_trend_show_the_cores_numbers_and_a_target_can_be_added() {
    let mut targets = None;
    let mut trend = None;
    let app = App::start(|db| {
        upskill_core::demo::fill(
            db,
            upskill_core::demo::DEFAULT_EMPLOYEES,
            upskill_core::demo::DEFAULT_SEED,
            today(),
        )
        .expect("demo organisation");
        targets = Some(
            report::targets_report(
                db.conn(),
                &TargetsQuery {
                    as_of: None,
                    min_group: 5,
                },
                today(),
            )
            .expect("targets"),
        );
        trend = Some(report::trend(db.conn(), &dashboard_trend(), today()).expect("trend"));
    })
    .await;
    let targets = targets.expect("targets");
    let trend = trend.expect("trend");
    assert!(!targets.rows.is_empty(), "the demo has targets");

    for row in &targets.rows {
        let base = format!(
            "[data-testid='target-row'][data-target-id='{}']",
            row.target_id
        );
        app.text_containing(
            &format!("{base} [data-testid='target-current']"),
            &tenths(row.current),
        )
        .await;
        app.text_containing(
            &format!("{base} [data-testid='target-forecast']"),
            &tenths(row.forecast_at_due),
        )
        .await;
        let status = app
            .wait(&format!("{base} [data-testid='target-status']"))
            .await
            .attr("data-status")
            .await
            .expect("attr");
        assert_eq!(
            status.as_deref(),
            Some(row.status.as_str()),
            "{}",
            row.target_id
        );
    }
    let last = trend.points.last().expect("a point");
    let all = format!(
        "[data-testid='trend-row'][data-period-end='{}'] td[data-group='All employees']",
        last.period_end
    );
    app.text_containing(&all, &tenths(last.total.coverage_pct))
        .await;
    app.screenshot("dashboard-targets").await;

    // A value outside 0–100 is the core's field error; then a good one is stored.
    app.click(&testid("add-target")).await;
    app.fill("target_id", "T-NEW").await;
    app.fill("title", "Everyone to 90%").await;
    app.fill("value", "150").await;
    app.fill("due", "2030-06-30").await;
    app.click(&testid("save")).await;
    app.text_containing("[data-testid='target-form']", "100")
        .await;
    app.fill("value", "90").await;
    app.click(&testid("save")).await;
    app.wait("[data-testid='target-row'][data-target-id='T-NEW']")
        .await;

    let stored = app.close().await;
    let db = stored.open();
    let added = upskill_core::targets::get(db.conn(), "T-NEW").expect("stored");
    assert_eq!(added.value, 90.0);
    assert_eq!(added.due, "2030-06-30");
}
