//! The person picker in the real window: part of a name finds the person, the keyboard alone
//! takes them, and a full name typed into the Dashboard's manager field narrows it to the team.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;
use upskill_core::people_search;
use upskill_core::report::{self, DashboardQuery, Filters};
use upskill_e2e::{fill_demo, seed_analyst, seed_program, testid, today, App};

fn key(k: Key) -> String {
    char::from(k).to_string()
}

/// Whether the combobox says its list is open.
async fn expanded(field: &Element) -> bool {
    field
        .attr("aria-expanded")
        .await
        .expect("aria-expanded")
        .as_deref()
        == Some("true")
}

#[tokio::test]
async fn log_completion_finds_a_person_by_part_of_the_name_and_the_keyboard_picks_them() {
    let app = App::start(|db| {
        seed_analyst(db, "E1", "Maya Haddad", None);
        seed_analyst(db, "E2", "Omar Haddad", None);
        seed_analyst(db, "E3", "Bea Becker", None);
        seed_program(db);
    })
    .await;
    app.click(&testid("nav-completions")).await;
    app.click(&testid("log-completion")).await;

    let field = app.wait("[name='employee_id']").await;
    assert_eq!(
        field.attr("role").await.expect("role").as_deref(),
        Some("combobox")
    );
    field.send_keys("hadd").await.expect("type");
    // Both Haddads are offered, in the core's order; Omar is the one to take.
    app.text_containing("[role='listbox'] [role='option']", "Haddad")
        .await;
    let options = app
        .client
        .find_all(Locator::Css("[role='listbox'] [role='option']"))
        .await
        .expect("options");
    let mut labels = Vec::new();
    for option in &options {
        labels.push(option.text().await.expect("option text"));
    }
    assert_eq!(labels.len(), 2, "{labels:?}");
    let omar = labels
        .iter()
        .position(|l| l.starts_with("Omar Haddad"))
        .unwrap_or_else(|| panic!("Omar Haddad is offered: {labels:?}"));

    // Escape closes the list and leaves the dialog open; an arrow opens the list again.
    field.send_keys(&key(Key::Escape)).await.expect("escape");
    app.wait("[role='listbox'][hidden]").await;
    app.wait(&testid("completion-form")).await;
    assert!(!expanded(&field).await, "the list is closed");
    field.send_keys(&key(Key::Down)).await.expect("arrow down");
    app.wait("[role='listbox']:not([hidden])").await;
    assert!(expanded(&field).await, "an arrow opens the list");
    field.send_keys(&key(Key::Up)).await.expect("arrow up");

    for _ in 0..=omar {
        field.send_keys(&key(Key::Down)).await.expect("arrow down");
    }
    let active = field
        .attr("aria-activedescendant")
        .await
        .expect("attribute")
        .expect("an option is highlighted");
    let omar_option = options[omar].attr("id").await.expect("id").expect("an id");
    assert_eq!(active, omar_option);
    app.screenshot("picker-open").await;
    field.send_keys(&key(Key::Enter)).await.expect("enter");
    assert_eq!(
        field.prop("value").await.expect("value").as_deref(),
        Some("Omar Haddad"),
        "the field shows the name, not the id"
    );
    assert!(!expanded(&field).await, "the list is closed");

    app.select("select[name='program_id']", "P1").await;
    app.screenshot("picker-picked").await;
    app.click(&testid("save")).await;
    app.wait_until_gone(&testid("completion-form")).await;

    let stored = app.close().await;
    let db = stored.open();
    let omar_id = people_search::resolve(db.conn(), "employee_id", "Omar Haddad").expect("Omar");
    let history = upskill_core::completions::history(db.conn(), &omar_id).expect("history");
    assert_eq!(history.len(), 1, "Omar's completion is stored under his id");
    assert_eq!(history[0].program_id, "P1");
    let maya_id = people_search::resolve(db.conn(), "employee_id", "Maya Haddad").expect("Maya");
    assert!(upskill_core::completions::history(db.conn(), &maya_id)
        .expect("history")
        .is_empty());
}

#[tokio::test]
async fn the_dashboard_takes_a_managers_full_name() {
    // A department head (reports to the chief) with a name nobody else has, and their team's
    // headcount as the core counts it.
    let mut lead: Option<(String, String, u32)> = None;
    let app = App::start(|db| {
        fill_demo(db);
        for n in 2..=30 {
            let id = format!("E{n:05}");
            let Ok(person) = upskill_core::employees::get(db.conn(), &id) else {
                continue;
            };
            let unique = people_search::find_id(db.conn(), "manager_id", &person.full_name)
                .ok()
                .flatten()
                == Some(id.clone());
            if person.manager_id.as_deref() != Some("E00001") || !unique {
                continue;
            }
            let query = DashboardQuery {
                filters: Filters {
                    manager_id: Some(id.clone()),
                    ..Filters::default()
                },
                ..DashboardQuery::default()
            };
            let team = report::dashboard(db.conn(), &query, today()).expect("the team");
            if team.total.headcount > 5 {
                lead = Some((id, person.full_name, team.total.headcount));
                break;
            }
        }
    })
    .await;
    let (id, name, headcount) = lead.expect("the demo has a department head with a unique name");

    app.wait(&testid("dash-overall")).await;
    app.click(&testid("filters-toggle")).await;
    let field = app.wait("[name='filter_manager_id']").await;
    field.send_keys(&name).await.expect("type the name");
    field
        .send_keys(&key(Key::Tab))
        .await
        .expect("leave the field");
    app.text_containing(&testid("dash-overall"), &format!("in the team of {name}"))
        .await;
    let shown = app
        .wait(&testid("dash-headcount"))
        .await
        .text()
        .await
        .expect("headcount");
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits, headcount.to_string(), "{shown:?}");
    assert_eq!(
        field.prop("value").await.expect("value").as_deref(),
        Some(name.as_str())
    );
    // The hint says which employee the name is.
    app.text_containing(".field:has([name='filter_manager_id']) .hint", &id)
        .await;
    app.screenshot("picker-dashboard-team").await;
}
