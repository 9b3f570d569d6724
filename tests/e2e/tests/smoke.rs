//! The smoke subset: the CLI and the desktop app of one build work together. `make e2e` runs it
//! on the binaries in the target dir; `make dist-check` runs it on the installed package's
//! (`UPSKILL_E2E_APP`, `UPSKILL_E2E_CLI`). Expected numbers come from upskill-core on the same
//! database, never written down here.

use std::path::Path;
use std::process::Command;

use upskill_core::report::{self, DashboardQuery};
use upskill_e2e::{cli_binary, testid, today, App};

fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(cli_binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run the upskill CLI");
    assert!(
        out.status.success(),
        "upskill {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn digits(text: &str) -> u32 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} is not a count"))
}

/// A demo database made by the CLI opens in the app on the dashboard with the core's numbers,
/// and the app's About box names the CLI's version and commit.
#[tokio::test]
async fn a_cli_demo_opens_on_the_dashboard_with_the_cores_numbers() {
    let app = App::launch(|db| {
        cli(db, &["demo"]);
    })
    .await;
    // The overall figure appears with the dashboard's numbers; the headcount is inside it.
    let overall = app.text_containing(&testid("dash-overall"), "%").await;
    let headcount = app
        .wait(&testid("dash-headcount"))
        .await
        .text()
        .await
        .expect("headcount");

    app.click(&testid("nav-settings")).await;
    let version = app.text_containing(&testid("app-version"), ".").await;
    let commit = app
        .wait(&testid("app-commit"))
        .await
        .text()
        .await
        .expect("commit");
    let stored = app.close().await;

    let db = stored.open();
    let core = report::dashboard(db.conn(), &DashboardQuery::default(), today())
        .expect("the core's dashboard");
    assert_eq!(digits(&headcount), core.total.headcount, "{headcount:?}");
    let pct = core
        .total
        .coverage_pct
        .expect("the demo's coverage is shown");
    assert!(
        overall.contains(&format!("{pct:.1}%")),
        "{overall:?} should show {pct:.1}%"
    );

    // `upskill --version` prints "upskill VERSION (commit HASH)".
    let line = Command::new(cli_binary())
        .arg("--version")
        .output()
        .expect("upskill --version")
        .stdout;
    let line = String::from_utf8(line).expect("UTF-8");
    assert_eq!(
        line.trim(),
        format!("upskill {} (commit {})", version.trim(), commit.trim()),
        "the CLI and the app must be one build"
    );
}
