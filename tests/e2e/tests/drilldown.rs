//! From a figure to the people behind it: the Baby Boomers row of the generation table opens
//! exactly the untrained Boomers the core counts, and removing a chip widens the list.

use fantoccini::Locator;
use upskill_core::report::{self, PeopleQuery};
use upskill_e2e::{fill_demo, testid, today, App};

async fn ids_on_page(app: &App) -> Vec<String> {
    let mut ids = Vec::new();
    for row in app
        .client
        .find_all(Locator::Css("[data-testid='people-row']"))
        .await
        .expect("rows")
    {
        ids.push(
            row.attr("data-employee-id")
                .await
                .expect("attribute")
                .expect("an id"),
        );
    }
    ids
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
    app.text_containing(&testid("people-total"), &format_thousands(all.people))
        .await;
    drop(db);
    app.close().await;
}

fn format_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
