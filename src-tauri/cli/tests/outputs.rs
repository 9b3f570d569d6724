//! Runs the real `upskill report pdf`, `upskill pack` and `upskill evidence` against a
//! hand-built organisation with small groups, reading the PDFs back with `pdftotext`
//! (poppler-utils, installed by scripts/setup.sh) and checking the manifest with `sha256sum`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use upskill_core::db::Db;
use upskill_core::domain::{CompletionInput, EmployeeInput, ProgramInput};
use upskill_core::report::{self, DashboardQuery, Filters};

const AS_OF: &str = "2026-06-30";

fn upskill(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_upskill"))
        .args(args)
        .env_remove("UPSKILL_DB")
        .output()
        .expect("run upskill");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = upskill(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
}

/// The text of a PDF, as `pdftotext` extracts it.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs: scripts/setup.sh installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// 77 people. C (Data) manages M (Data), S and T (Ops). M manages D1-D38 (Data, Engineer);
/// T manages O1-O28 (Ops, Analyst) and N1-N4 (Mini, Clerk); S manages Y1-Y3 (Tiny, Clerk).
/// Trained: D1-D17, O1-O11, Y1-Y2 (Tiny 2 of 3: 66.7%), N1-N3 (Mini 3 of 4: 75.0%); the
/// Clerk role is 5 of 7 (71.4%). Birth years cycle 1960, 1975, 1990, 2000. P1 is valid 12
/// months and required of everyone (R1, due 30 days from 2024-01-01), so untrained people are
/// overdue and the completions are expired, expiring or compliant on 2026-06-30.
fn org(dir: &Path) -> String {
    let path = dir.join("org.db");
    {
        let mut db = Db::open(&path).unwrap();
        let program = ProgramInput {
            program_id: "P1".into(),
            title: "AI literacy".into(),
            skill_area: "AI literacy".into(),
            format: "workshop".into(),
            validity_months: Some(12),
            ..Default::default()
        };
        upskill_core::programs::create(&mut db, &program).unwrap();
        let mut people: Vec<(String, &str, &str, Option<&str>)> = vec![
            ("C".into(), "Lead", "Data", None),
            ("M".into(), "Lead", "Data", Some("C")),
            ("S".into(), "Lead", "Ops", Some("C")),
            ("T".into(), "Lead", "Ops", Some("C")),
        ];
        people.extend((1..=38).map(|i| (format!("D{i}"), "Engineer", "Data", Some("M"))));
        people.extend((1..=28).map(|i| (format!("O{i}"), "Analyst", "Ops", Some("T"))));
        people.extend((1..=3).map(|i| (format!("Y{i}"), "Clerk", "Tiny", Some("S"))));
        people.extend((1..=4).map(|i| (format!("N{i}"), "Clerk", "Mini", Some("T"))));
        for (i, (id, role, department, manager)) in people.iter().enumerate() {
            let input = EmployeeInput {
                employee_id: id.clone(),
                full_name: format!("Person {id}"),
                role: role.to_string(),
                department: department.to_string(),
                manager_id: manager.map(String::from),
                birth_year: Some([1960, 1975, 1990, 2000][i % 4]),
                hire_date: Some("2020-01-01".into()),
                active: true,
                ..Default::default()
            };
            upskill_core::employees::create(&mut db, &input, today()).unwrap();
        }
        let trained = (1..=17)
            .map(|i| format!("D{i}"))
            .chain((1..=11).map(|i| format!("O{i}")))
            .chain((1..=2).map(|i| format!("Y{i}")))
            .chain((1..=3).map(|i| format!("N{i}")));
        for (j, id) in trained.enumerate() {
            let completion = CompletionInput {
                employee_id: id,
                program_id: "P1".into(),
                completed_on: ["2025-03-01", "2025-08-01", "2026-01-15"][j % 3].into(),
                ..Default::default()
            };
            upskill_core::completions::log(&mut db, &completion, today()).unwrap();
        }
    }
    let db = path.to_str().unwrap().to_string();
    ok(&[
        "--db",
        &db,
        "requirements",
        "add",
        "--id",
        "R1",
        "--title",
        "AI basics",
        "--program",
        "P1",
        "--due-days",
        "30",
        "--effective-from",
        "2024-01-01",
    ]);
    db
}

fn dashboard(db: &str, manager: Option<&str>) -> report::Dashboard {
    let db = Db::open(Path::new(db)).unwrap();
    report::dashboard(
        db.conn(),
        &DashboardQuery {
            filters: Filters {
                as_of: Some(AS_OF.into()),
                manager_id: manager.map(String::from),
                ..Filters::default()
            },
            min_group: 5,
            threshold: 10.0,
            pool_small: false,
        },
        today(),
    )
    .unwrap()
}

fn pct(v: f64) -> String {
    format!("{v:.1}%")
}

/// Every figure a coverage row shows: its headcount, and its trained count and percentage
/// unless suppressed.
fn shown_figures(row: &report::CoverageRow) -> Vec<String> {
    let mut out = vec![row.headcount.to_string()];
    if let (Some(t), Some(p)) = (row.trained, row.coverage_pct) {
        out.push(t.to_string());
        out.push(pct(p));
    }
    out
}

/// The percentages of groups below k in the organisation (worked out from its construction).
const HIDDEN: [&str; 3] = ["66.7%", "75.0%", "71.4%"];

#[test]
fn the_pdf_holds_the_reports_figures_and_never_a_suppressed_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(dir.path());
    let pdf = dir.path().join("report.pdf");
    let pdf_s = pdf.to_str().unwrap();
    ok(&[
        "--db",
        &db,
        "report",
        "pdf",
        "--output",
        pdf_s,
        "--as-of",
        AS_OF,
        "--title",
        "Board pack",
    ]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes.windows(9).any(|w| w == b"/FontFile"),
        "the font is embedded"
    );
    let text = pdf_text(&pdf);
    let d = dashboard(&db, None);
    let mut expected: Vec<String> = vec!["Board pack".into(), AS_OF.into()];
    expected.extend(shown_figures(&d.total));
    for row in &d.by_generation.rows {
        expected.push(row.groups[0].clone());
        expected.extend(shown_figures(row));
    }
    for row in d.by_department.rows.iter().chain(&d.by_role.rows) {
        if !row.suppressed {
            expected.push(row.groups[0].clone());
            expected.extend(shown_figures(row));
        }
    }
    for row in &d.role_by_generation.rows {
        if let Some(p) = row.coverage_pct {
            expected.push(pct(p));
        }
    }
    let divide = d.gaps_by_generation.divide.as_ref().expect("a divide");
    expected.push(format!("{:.1} points", divide.gap_pts));
    // Compliance, from the core's report with the same date and k.
    let conn = Db::open(Path::new(&db)).unwrap();
    let q = upskill_core::compliance::ComplianceQuery::new(
        NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap(),
    );
    let by_req = upskill_core::compliance::report(
        conn.conn(),
        &q,
        &[upskill_core::compliance::ComplianceDim::Requirement],
        5,
    )
    .unwrap();
    let total = &by_req.total;
    for v in [
        total.obligations,
        total.compliant,
        total.expiring,
        total.expired,
        total.overdue,
    ] {
        expected.push(v.unwrap().to_string());
    }
    expected.push(pct(total.compliance_pct.unwrap()));
    expected.push(upskill_core::export::content_sha256(conn.conn()).unwrap());
    expected.push(env!("CARGO_PKG_VERSION").to_string());
    for figure in &expected {
        assert!(
            text.contains(figure.as_str()),
            "{figure:?} is missing from the PDF:\n{text}"
        );
    }
    // The suppressed groups: listed nowhere with their numbers, and no person, no birth year.
    let shown: BTreeSet<String> = expected.iter().cloned().collect();
    for hidden in HIDDEN {
        assert!(
            !shown.contains(hidden),
            "the test's org shows {hidden} somewhere"
        );
        assert!(
            !text.contains(hidden),
            "suppressed figure {hidden} in the PDF:\n{text}"
        );
    }
    assert!(d.by_department.rows.iter().any(|r| r.suppressed));
    for name in ["Person", "1960", "1975", "1990", "2000"] {
        assert!(!text.contains(name), "{name} in the PDF");
    }
    // A4, within six pages.
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("595.28 x 841.89"), "{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((2..=6).contains(&pages), "{pages} pages");
}

#[test]
fn a_pdf_to_an_unwritable_place_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(dir.path());
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let dest = blocker.join("report.pdf");
    let (code, _, err) = upskill(&[
        "--db",
        &db,
        "report",
        "pdf",
        "--output",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("report.pdf"), "{err}");
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
}

fn folders(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_team_pack_has_the_team_report_and_its_action_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(dir.path());
    let out = dir.path().join("packs");
    let out_s = out.to_str().unwrap();
    ok(&[
        "--db",
        &db,
        "pack",
        "--manager",
        "M",
        "--output",
        out_s,
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(folders(&out), BTreeSet::from(["M-Person_M".to_string()]));
    let pack = out.join("M-Person_M");
    assert_eq!(
        folders(&pack),
        BTreeSet::from(["actions.csv".to_string(), "team-report.pdf".to_string()])
    );
    // actions.csv is the team's action list exactly as `compliance list` writes it.
    let list = Command::new(env!("CARGO_BIN_EXE_upskill"))
        .args([
            "--db",
            &db,
            "compliance",
            "list",
            "--manager",
            "M",
            "--as-of",
            AS_OF,
            "--status",
            "overdue,expired,expiring",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(list.status.success());
    let actions = std::fs::read(pack.join("actions.csv")).unwrap();
    assert_eq!(actions, list.stdout);
    let actions = String::from_utf8(actions).unwrap();
    for status in ["overdue", "expired", "expiring"] {
        assert!(
            actions.contains(&format!(",{status},")),
            "{status}: {actions}"
        );
    }
    assert!(!actions.contains(",compliant,"));
    // The team's figures beside the organisation's.
    let text = pdf_text(&pack.join("team-report.pdf"));
    let team = dashboard(&db, Some("M"));
    let org = dashboard(&db, None);
    assert_eq!(team.total.headcount, 38);
    let org_figures = [
        org.total.headcount.to_string(),
        pct(org.total.coverage_pct.unwrap()),
    ];
    for figure in shown_figures(&team.total).into_iter().chain(org_figures) {
        assert!(text.contains(&figure), "{figure} missing:\n{text}");
    }
    for row in team
        .by_generation
        .rows
        .iter()
        .chain(&org.by_generation.rows)
    {
        if let Some(p) = row.coverage_pct {
            assert!(text.contains(&pct(p)), "{} missing:\n{text}", pct(p));
        }
    }
    assert!(text.contains("The team beside the whole organisation"));
    assert!(!text.contains("Person"), "no name in the team report");

    // The same pack again: the folder exists, an error, nothing changed.
    let before = std::fs::read(pack.join("team-report.pdf")).unwrap();
    let (code, _, err) = upskill(&["--db", &db, "pack", "--manager", "M", "--output", out_s]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(pack.join("team-report.pdf")).unwrap(), before);
    assert_eq!(folders(&out).len(), 1);
}

#[test]
fn a_manager_below_k_gets_an_error_and_all_managers_skips_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(dir.path());
    let out = dir.path().join("packs");
    let out_s = out.to_str().unwrap();
    // S has three people below.
    let (code, _, err) = upskill(&[
        "--db",
        &db,
        "pack",
        "--manager",
        "S",
        "--output",
        out_s,
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("at least 5"), "{err}");
    assert!(!out.exists() || folders(&out).is_empty(), "nothing written");
    let (code, _, err) = upskill(&[
        "--db",
        &db,
        "pack",
        "--manager",
        "NOBODY",
        "--output",
        out_s,
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("NOBODY"), "{err}");

    ok(&[
        "--db",
        &db,
        "pack",
        "--all-managers",
        "--output",
        out_s,
        "--as-of",
        AS_OF,
    ]);
    // C (76 below), M (38), T (32); not S (3).
    assert_eq!(
        folders(&out),
        BTreeSet::from(["C-Person_C", "M-Person_M", "T-Person_T"].map(String::from))
    );
    for f in folders(&out) {
        assert_eq!(
            folders(&out.join(&f)),
            BTreeSet::from(["actions.csv".to_string(), "team-report.pdf".to_string()])
        );
    }
    // Again: every folder exists, so nothing is written and the run fails.
    let (code, _, err) = upskill(&["--db", &db, "pack", "--all-managers", "--output", out_s]);
    assert_eq!(code, 1, "{err}");
    // Neither or both of --manager and --all-managers: a usage error.
    let (code, _, _) = upskill(&["--db", &db, "pack", "--output", out_s]);
    assert_eq!(code, 2);
}

#[test]
fn the_evidence_pack_is_complete_and_its_manifest_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = org(dir.path());
    let ev = dir.path().join("evidence");
    let ev_s = ev.to_str().unwrap();
    ok(&["--db", &db, "evidence", "--output", ev_s, "--as-of", AS_OF]);
    let expected: BTreeSet<String> = [
        "report.pdf",
        "programs.csv",
        "requirements.csv",
        "exemptions.csv",
        "compliance-by-department.csv",
        "compliance-by-role.csv",
        "coverage-by-generation.csv",
        "register.csv",
        "changes.csv",
        "README.txt",
        "MANIFEST.sha256",
    ]
    .map(String::from)
    .into();
    assert_eq!(folders(&ev), expected);
    assert_eq!(
        folders(dir.path())
            .iter()
            .filter(|f| f.starts_with('.'))
            .count(),
        0,
        "no temporary folder left"
    );
    let check = Command::new("sha256sum")
        .args(["-c", "MANIFEST.sha256"])
        .current_dir(&ev)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let manifest = std::fs::read_to_string(ev.join("MANIFEST.sha256")).unwrap();
    assert_eq!(manifest.lines().count(), expected.len() - 1);

    // Each CSV is what the matching command writes.
    let same = |file: &str, args: &[&str]| {
        let mut full = vec!["--db", db.as_str()];
        full.extend_from_slice(args);
        let out = Command::new(env!("CARGO_BIN_EXE_upskill"))
            .args(&full)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(std::fs::read(ev.join(file)).unwrap(), out.stdout, "{file}");
    };
    same(
        "coverage-by-generation.csv",
        &[
            "report",
            "coverage",
            "--by",
            "generation",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        ],
    );
    same(
        "compliance-by-department.csv",
        &[
            "report",
            "compliance",
            "--by",
            "department",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        ],
    );
    same(
        "compliance-by-role.csv",
        &[
            "report",
            "compliance",
            "--by",
            "role",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        ],
    );
    same(
        "register.csv",
        &["compliance", "list", "--as-of", AS_OF, "--format", "csv"],
    );
    let programs = dir.path().join("programs.csv");
    ok(&[
        "--db",
        &db,
        "export",
        "programs",
        programs.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read(&programs).unwrap(),
        std::fs::read(ev.join("programs.csv")).unwrap()
    );

    let coverage = std::fs::read_to_string(ev.join("coverage-by-generation.csv")).unwrap();
    assert!(!coverage.contains("1960"));
    let register = std::fs::read_to_string(ev.join("register.csv")).unwrap();
    assert!(!register.contains("birth"));
    assert_eq!(
        register.lines().count(),
        1 + 77,
        "one row per person and obligation"
    );
    let readme = std::fs::read_to_string(ev.join("README.txt")).unwrap();
    let trail = upskill_core::audit::verify(
        upskill_core::db::Db::open(std::path::Path::new(&db))
            .unwrap()
            .conn(),
    )
    .unwrap();
    assert!(
        readme.contains(&format!("Audit trail head: {}", trail.head)) && !trail.head.is_empty(),
        "{readme}"
    );
    for needle in [
        "personal data",
        AS_OF,
        "register.csv",
        "MANIFEST.sha256",
        env!("CARGO_PKG_VERSION"),
    ] {
        assert!(
            readme.to_lowercase().contains(&needle.to_lowercase()),
            "{needle}: {readme}"
        );
    }

    // A changed file no longer verifies.
    std::fs::write(ev.join("register.csv"), "changed").unwrap();
    let check = Command::new("sha256sum")
        .args(["-c", "MANIFEST.sha256"])
        .current_dir(&ev)
        .output()
        .unwrap();
    assert!(!check.status.success());

    // A non-empty folder is refused and left as it was.
    let (code, _, err) = upskill(&["--db", &db, "evidence", "--output", ev_s]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not an empty folder"), "{err}");
    assert_eq!(
        std::fs::read_to_string(ev.join("register.csv")).unwrap(),
        "changed"
    );

    // An empty folder is filled.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    ok(&[
        "--db",
        &db,
        "evidence",
        "--output",
        empty.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(folders(&empty), expected);

    // An unwritable place: an error, nothing written.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let (code, _, err) = upskill(&[
        "--db",
        &db,
        "evidence",
        "--output",
        blocker.join("ev").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("a-file"), "{err}");
}
