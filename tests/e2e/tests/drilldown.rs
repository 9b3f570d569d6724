//! From a figure to the people behind it: the Baby Boomers row of the generation table opens
//! exactly the untrained Boomers the core counts, and removing a chip widens the list.

use fantoccini::Locator;
use upskill_core::report::{self, PeopleQuery};
use upskill_e2e::{fill_demo, seed_analyst, seed_program, testid, today, App};

async fn ids_on_page(app: &App) -> Vec<String> {
    app.attributes("[data-testid='people-row']", "data-employee-id")
        .await
}

#[tokio::test]
async fn the_baby_boomers_row_opens_exactly_the_untrained_boomers() {
    let app = App::start(fill_demo).await;
    app.click("[data-testid='gen-row'][data-group='Baby Boomers'] [data-testid='gen-untrained']")
        .await;
    let total = app
        .wait("[data-testid='people-total']")
        .await
        .attr("data-total")
        .await
        .expect("attribute")
        .expect("a total");
    app.text_containing(&testid("people-chips"), "Generation: Baby Boomers")
        .await;
    app.text_containing(&testid("people-chips"), "Trained: not yet")
        .await;
    app.wait("[data-testid='people-row']").await;
    app.screenshot("drilldown-boomers").await;
    let shown = ids_on_page(&app).await;

    // The untrained Boomers, as the core (and `upskill people`) lists them.
    let db = upskill_core::db::Db::open(&app.db).expect("open the demo");
    let boomers = PeopleQuery {
        generation: Some("Baby Boomers".into()),
        trained: Some(false),
        ..Default::default()
    };
    let expected = report::people_ids(db.conn(), &boomers, today()).expect("people ids");
    assert!(!expected.is_empty(), "the demo has untrained Boomers");
    assert_eq!(total, expected.len().to_string());
    assert_eq!(shown, expected[..shown.len()].to_vec());
    assert_eq!(shown.len(), expected.len().min(50));

    // Without the generation chip: every untrained person of the report.
    app.click("[data-testid='people-chip'][data-key='generation'] [data-testid='remove-chip']")
        .await;
    let everyone = PeopleQuery {
        trained: Some(false),
        ..Default::default()
    };
    let all = report::people_count(db.conn(), &everyone, today()).expect("count");
    app.wait(&format!(
        "[data-testid='people-total'][data-total='{}']",
        all.people
    ))
    .await;
    drop(db);
    app.close().await;
}

/// The loop the app exists for: see the gap, open its people, log them as a cohort, and the
/// figure on the Dashboard moves to what the core now says.
#[tokio::test]
async fn a_cohort_for_the_untrained_boomers_moves_their_figure() {
    let app = App::start(fill_demo).await;
    let boomers_untrained = PeopleQuery {
        generation: Some("Baby Boomers".into()),
        trained: Some(false),
        ..Default::default()
    };
    let (expected, program) = {
        let db = upskill_core::db::Db::open(&app.db).expect("open the demo");
        let ids = report::people_ids(db.conn(), &boomers_untrained, today()).expect("ids");
        let program = upskill_core::programs::list(db.conn(), false)
            .expect("programs")
            .into_iter()
            .next()
            .expect("a program")
            .program_id;
        (ids, program)
    };
    let before = app
        .text_containing(
            "[data-testid='gen-row'][data-group='Baby Boomers'] [data-testid='gen-pct']",
            "%",
        )
        .await;

    app.click("[data-testid='gen-row'][data-group='Baby Boomers'] [data-testid='gen-untrained']")
        .await;
    app.click(&testid("log-cohort-these")).await;
    app.select(&testid("cohort-program"), &program).await;
    app.text_containing(
        &testid("cohort-selected-count"),
        &format!("{} selected", expected.len()),
    )
    .await;
    app.click(&testid("cohort-submit")).await;
    app.text_containing(
        &testid("cohort-result"),
        &format!("Logged {}", expected.len()),
    )
    .await;
    app.click(&testid("cohort-done")).await;
    // Nobody is left untrained in the list.
    app.wait(&testid("people-empty")).await;

    app.click(&testid("nav-dashboard")).await;
    let db = upskill_core::db::Db::open(&app.db).expect("open the demo");
    let all_boomers = PeopleQuery {
        generation: Some("Baby Boomers".into()),
        ..Default::default()
    };
    let count = report::people_count(db.conn(), &all_boomers, today()).expect("count");
    assert_eq!(count.trained, count.people, "every Boomer is trained now");
    let pct = format!(
        "{:.1}%",
        f64::from(count.trained) * 100.0 / f64::from(count.people)
    );
    let after = app
        .text_containing(
            "[data-testid='gen-row'][data-group='Baby Boomers'] [data-testid='gen-pct']",
            &pct,
        )
        .await;
    assert_ne!(before, after);
    drop(db);
    app.close().await;
}

/// A list pasted from a spreadsheet or an e-mail ticks the people it names; an entry that
/// names no one is listed and nothing is logged for it.
#[tokio::test]
async fn a_pasted_list_of_ids_and_emails_ticks_exactly_those_people() {
    let app = App::start(|db| {
        for (id, name, email) in [
            ("E1", "Bea Becker", "bea@example.org"),
            ("E2", "Cal Cruz", "cal@example.org"),
            ("E3", "Dee Diaz", "dee@example.org"),
        ] {
            seed_analyst(db, id, name, Some(email));
        }
        seed_program(db);
    })
    .await;
    app.click(&testid("nav-completions")).await;
    app.click(&testid("log-cohort")).await;
    app.select(&testid("cohort-program"), "P1").await;
    app.click("[data-testid='cohort-paste'] summary").await;
    app.fill("pasted", "E1, DEE@example.org; E9").await;
    app.click(&testid("cohort-paste-add")).await;
    app.text_containing(&testid("cohort-paste-result"), "Ticked 2")
        .await;
    app.text_containing(&testid("cohort-paste-unknown"), "E9")
        .await;
    app.text_containing(&testid("cohort-selected-count"), "2 selected")
        .await;
    app.click(&testid("cohort-submit")).await;
    app.text_containing(&testid("cohort-result"), "Logged 2")
        .await;

    let stored = app.close().await;
    let db = stored.open();
    for (id, expected) in [("E1", 1), ("E2", 0), ("E3", 1)] {
        let history = upskill_core::completions::history(db.conn(), id).expect("history");
        assert_eq!(history.len(), expected, "{id}");
    }
}

/// A cell of the role × generation heat map opens that role's and generation's untrained
/// people, as the core counts them.
#[tokio::test]
async fn a_heatmap_cell_opens_its_untrained_people() {
    let app = App::start(fill_demo).await;
    app.wait("[data-testid='heat-cell'] [data-testid='heat-untrained']")
        .await;
    let mut found = None;
    for td in app
        .client
        .find_all(Locator::Css("[data-testid='heat-cell']"))
        .await
        .expect("cells")
    {
        if let Ok(link) = td
            .find(Locator::Css("[data-testid='heat-untrained']"))
            .await
        {
            found = Some((td, link));
            break;
        }
    }
    let (td, cell) = found.expect("a cell with untrained people");
    let role = td.attr("data-role").await.expect("attr").expect("a role");
    let generation = td
        .attr("data-generation")
        .await
        .expect("attr")
        .expect("a generation");
    cell.click().await.expect("click the cell");
    app.text_containing(&testid("people-chips"), &format!("Role: {role}"))
        .await;
    let total = app
        .wait("[data-testid='people-total']")
        .await
        .attr("data-total")
        .await
        .expect("attribute")
        .expect("a total");
    let db = upskill_core::db::Db::open(&app.db).expect("open the demo");
    let query = PeopleQuery {
        role: Some(role.clone()),
        generation: Some(generation.clone()),
        trained: Some(false),
        ..Default::default()
    };
    let expected = report::people_ids(db.conn(), &query, today()).expect("ids");
    assert!(!expected.is_empty(), "{role} / {generation}");
    assert_eq!(total, expected.len().to_string(), "{role} / {generation}");
    drop(db);
    app.close().await;
}

/// "Select all N matching" ticks every employee the cohort's filters match, beyond the 500
/// the dialog loads at a time.
#[tokio::test]
async fn select_all_matching_takes_more_than_one_loaded_batch() {
    const PEOPLE: usize = 620;
    let app = App::start(|db| {
        for i in 0..PEOPLE {
            seed_analyst(db, &format!("E{i:04}"), &format!("Person {i}"), None);
        }
        seed_program(db);
    })
    .await;
    app.click(&testid("nav-completions")).await;
    app.click(&testid("log-cohort")).await;
    app.select(&testid("cohort-program"), "P1").await;
    app.text_containing(
        &testid("cohort-select-all-matching"),
        "Select all 620 matching",
    )
    .await;
    app.click(&testid("cohort-select-all-matching")).await;
    app.text_containing(&testid("cohort-selected-count"), "620 selected")
        .await;
    app.click(&testid("cohort-submit")).await;
    app.text_containing(&testid("cohort-result"), "Logged 620")
        .await;
    let stored = app.close().await;
    let db = stored.open();
    let logged: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM completions", [], |r| r.get(0))
        .expect("count");
    assert_eq!(logged, PEOPLE as i64);
}
