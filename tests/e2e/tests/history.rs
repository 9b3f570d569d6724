//! The History page: a change made in the app is on it, with who made it and the field's
//! value before and after, and the chain's verdict is the core's.

use fantoccini::Locator;
use upskill_core::audit::{self, Action, Entity};
use upskill_core::domain::EmployeeInput;
use upskill_e2e::{testid, today, App};

#[tokio::test]
async fn a_change_made_in_the_app_is_on_the_history_page_with_before_and_after() {
    let app = App::start(|db| {
        let input = EmployeeInput {
            employee_id: "E-7".into(),
            full_name: "Grace Hopper".into(),
            role: "Analyst".into(),
            department: "Data".into(),
            birth_year: Some(1971),
            active: true,
            ..Default::default()
        };
        upskill_core::employees::create(db, &input, today()).expect("seed employee");
    })
    .await;

    app.client
        .execute(
            "window.location.hash = '#/employees/E-7'; return null;",
            vec![],
        )
        .await
        .expect("open the employee");
    app.click(&testid("edit-employee")).await;
    app.fill("role", "Data engineer").await;
    app.click(&testid("save")).await;
    app.wait_until_gone("dialog[open]").await;

    // "History of this record" opens the page filtered to this employee.
    app.click(&testid("record-history")).await;
    let change = app
        .text_containing(
            "[data-testid='trail-row'][data-action='update'] [data-testid='trail-change'][data-field='role']",
            "Data engineer",
        )
        .await;
    assert!(change.contains("Analyst"), "the value before: {change}");
    let row = app
        .text_containing("[data-testid='trail-row'][data-action='update']", "E-7")
        .await;
    let verdict = app
        .text_containing(&testid("history-verdict"), "trail")
        .await;

    // Every row on the page is this record's, and there are as many as the core keeps.
    let rows = app
        .client
        .find_all(Locator::Css("[data-testid='trail-row']"))
        .await
        .expect("rows");
    let stored = app.close().await;
    let db = stored.open();
    let kept: Vec<_> = audit::entries(db.conn(), &audit::Filter::default())
        .expect("the trail")
        .into_iter()
        .filter(|e| e.entity == Entity::Employees && e.key == "E-7")
        .collect();
    assert_eq!(rows.len(), kept.len());
    let update = kept
        .iter()
        .find(|e| e.action == Action::Update)
        .expect("the app's change is in the trail");
    assert!(
        row.contains(&update.actor),
        "who: {row} vs {}",
        update.actor
    );
    assert!(row.contains("app"), "from where: {row}");
    let verification = audit::verify(db.conn()).expect("verify");
    assert!(verification.is_intact());
    assert!(verdict.contains("intact"), "{verdict}");
}
