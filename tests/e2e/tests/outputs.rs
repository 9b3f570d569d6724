//! End-to-end test of the Dashboard's reports that leave the app: "Export PDF" writes the
//! leadership report for the filters on screen, and with a manager chosen "Export team pack"
//! writes their pack. The native save / folder dialogs cannot be driven over WebDriver, so the
//! test checks the buttons are there and sends what they send once a dialog returns a path.
//! What the files must hold is computed by upskill-core on the same database.

use std::process::Command;

use serde_json::{json, Value};
use upskill_core::pack::{self, PackQuery};
use upskill_core::report::{self, DashboardQuery, Filters};
use upskill_e2e::{fill_demo, testid, today, App};

async fn invoke(app: &App, command: &str, args: Value) -> Value {
    app.client
        .execute_async(
            "const [command, args, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke(command, args).then(done, e => done({error: e}))",
            vec![json!(command), args],
        )
        .await
        .expect("invoke through the page")
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", &path.display().to_string(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn dashboard_exports_the_pdf_and_a_team_pack() {
    let mut overall = String::new();
    let mut lead = String::new();
    let mut lead_folder = String::new();
    let mut team_people = 0;
    let app = App::start(|db| {
        fill_demo(db);
        let d = report::dashboard(
            db.conn(),
            &DashboardQuery {
                filters: Filters::default(),
                min_group: report::DEFAULT_MIN_GROUP,
                threshold: report::DEFAULT_THRESHOLD,
                pool_small: false,
            },
            today(),
        )
        .expect("core dashboard");
        overall = format!(
            "{:.1}%",
            d.total.coverage_pct.expect("the demo's coverage is shown")
        );
        let query = PackQuery {
            as_of: None,
            min_group: report::DEFAULT_MIN_GROUP,
        };
        let managers = pack::eligible_managers(db.conn(), &query, today()).expect("managers");
        lead = managers.last().expect("the demo has team leads").clone();
        let person = upskill_core::employees::get(db.conn(), &lead).expect("lead");
        lead_folder = pack::folder_name(&lead, &person.full_name);
        team_people = pack::team_size(db.conn(), &lead, today()).expect("team size");
    })
    .await;

    app.wait(&testid("export-pdf")).await;
    assert!(
        app.client
            .find(fantoccini::Locator::Css(&testid("export-team-pack")))
            .await
            .is_err(),
        "no team pack without a manager"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("report.pdf");
    let query = json!({
        "filters": Filters::default(),
        "min_group": report::DEFAULT_MIN_GROUP,
        "title": null,
        "beside_organisation": false,
    });
    let summary = invoke(
        &app,
        "export_pdf",
        json!({"query": query, "path": pdf.display().to_string()}),
    )
    .await;
    assert!(
        summary.get("error").is_none(),
        "export_pdf failed: {summary}"
    );
    assert!(
        summary["pages"]
            .as_u64()
            .is_some_and(|p| (2..=6).contains(&p)),
        "{summary}"
    );

    app.click(&testid("filters-toggle")).await;
    app.fill("filter_manager_id", &lead).await;
    app.wait(&testid("export-team-pack")).await;
    let folder = dir.path().join("packs");
    std::fs::create_dir(&folder).expect("packs folder");
    let pack_query = json!({"as_of": null, "min_group": report::DEFAULT_MIN_GROUP});
    let summary = invoke(
        &app,
        "export_team_pack",
        json!({"manager_id": lead, "query": pack_query, "folder": folder.display().to_string()}),
    )
    .await;
    assert!(
        summary.get("error").is_none(),
        "export_team_pack failed: {summary}"
    );
    assert_eq!(summary["people"], json!(team_people), "{summary}");
    app.close().await;

    let text = pdf_text(&pdf);
    assert!(
        text.contains(&overall),
        "the PDF shows the overall coverage {overall}"
    );
    let pack = folder.join(&lead_folder);
    assert!(pack.join("actions.csv").is_file(), "{}", pack.display());
    let team_text = pdf_text(&pack.join("team-report.pdf"));
    assert!(
        team_text.contains(&lead),
        "the team report names the team's manager id"
    );
}
