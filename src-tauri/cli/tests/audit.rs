//! `upskill audit` and `upskill audit verify` against a real database file.

use std::process::Command;

fn upskill(db: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_upskill"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "ada")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn cli_writes_are_by_the_os_user_and_verify_finds_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    let csv = dir.path().join("people.csv");
    std::fs::write(
        &csv,
        "employee_id,full_name,role,department\nE1,Ada,Eng,Data\n",
    )
    .unwrap();
    assert_eq!(
        upskill(&db, &["import", "employees", csv.to_str().unwrap()]).0,
        0
    );
    let (code, out) = upskill(&db, &["audit", "--format", "csv", "--entity", "employees"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "id,at,actor,source,entity,key,action,before,after,prev_hash,hash"
    );
    assert!(
        lines[1].starts_with("1,") && lines[1].contains(",ada,import,employees,people.csv,import,"),
        "{}",
        lines[1]
    );
    let (code, out) = upskill(&db, &["audit", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["after"]["inserted"], 1);
    assert_eq!(upskill(&db, &["audit", "verify"]), (0, "ok\n".into()));
    edit_outside_upskill(&db);
    let (code, out) = upskill(&db, &["audit", "verify"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "entry 1: altered (its content does not match its hash)\n"
    );
}

/// Edits the trail as someone outside Upskill would: drop the guard, change a field.
fn edit_outside_upskill(db: &std::path::Path) {
    let status = Command::new("sqlite3")
        .arg(db)
        .arg("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 1;")
        .status()
        .expect("the sqlite3 shell (the bench's baseline) is installed");
    assert!(status.success());
}
