//! End-to-end tests of the bad states at start-up and of backups: the recovery screen on a
//! damaged, too-new or locked database (whose bytes stay as they were), restoring the latest good
//! backup from it, Settings → Backups, "Back up now" and the warning about sync folders.
//!
//! Every test is in `mod recovery`, so `scripts/e2e.sh recovery` runs exactly these.

mod recovery {
    use std::path::{Path, PathBuf};

    use chrono::NaiveDateTime;
    use fantoccini::Locator;
    use serde_json::{json, Value};
    use upskill_core::backup;
    use upskill_core::db::Db;
    use upskill_core::domain::EmployeeInput;
    use upskill_e2e::{testid, today, App};

    fn add_employee(db: &mut Db, id: &str, name: &str) {
        let input = EmployeeInput {
            employee_id: id.into(),
            full_name: name.into(),
            role: "Data engineer".into(),
            department: "Data".into(),
            active: true,
            left_on: None,
            ..Default::default()
        };
        upskill_core::employees::create(db, &input, today()).expect("seed employee");
    }

    fn at(stamp: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").expect("a backup time")
    }

    /// A verified backup of `db`, named as the core names an automatic one taken before a
    /// restore, so `list` and `latest_good` see it.
    fn automatic_backup(db: &Db, stamp: &str) -> PathBuf {
        let dir = backup::backups_dir(db.path());
        std::fs::create_dir_all(&dir).expect("backups/");
        let stem = db
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let path = dir.join(format!("{stem}.{stamp}.before-restore.db"));
        backup::create(db, &path, at(stamp)).expect("a good backup");
        path
    }

    /// Overwrites every page after the first with garbage: the header still says SQLite, but
    /// the tables are gone (the quick check fails).
    fn overwrite_pages_after_the_first(path: &Path) {
        let mut bytes = std::fs::read(path).expect("read the database");
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        assert!(bytes.len() > page, "more than one page to damage");
        for (i, byte) in bytes[page..].iter_mut().enumerate() {
            *byte = (i as u8).wrapping_mul(31).wrapping_add(7);
        }
        std::fs::write(path, bytes).expect("write the damage");
    }

    fn assert_closed(path: &Path) {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "{} still has a WAL: the damage would not be all there is",
            path.display()
        );
    }

    /// Nothing was written beside a refused file: no backups/, no new database, and no WAL
    /// content that SQLite could ever apply to it. (SQLite's read-only check of a WAL-mode file
    /// may leave an empty `-wal` and its `-shm` index; they hold no data.)
    fn assert_nothing_beside(db: &Path) {
        let mut names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
            .expect("the folder")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names.retain(|name| name != "e2e.db-shm");
        let wal = db.with_file_name("e2e.db-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() == 0) {
            names.retain(|name| name != "e2e.db-wal");
        }
        assert_eq!(names, ["e2e.db"], "written beside the refused file");
    }

    async fn text_of(app: &App, css: &str) -> String {
        app.wait(css).await.text().await.expect("element text")
    }

    async fn count(app: &App, css: &str) -> usize {
        app.client
            .find_all(Locator::Css(css))
            .await
            .map_or(0, |found| found.len())
    }

    async fn wait_for_count(app: &App, css: &str, wanted: usize) {
        let deadline = std::time::Instant::now() + upskill_e2e::WAIT;
        loop {
            let found = count(app, css).await;
            if found == wanted {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{css}: {found} found, not {wanted}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// What "Back up now" does after the save dialog: the same `backup_now` call.
    async fn backup_now_through_the_page(app: &App, path: &Path) -> Value {
        app.client
            .execute_async(
                "const [path, done] = arguments; \
                 window.__TAURI_INTERNALS__.invoke('backup_now', {path}).then(done, (e) => done({error: e}));",
                vec![json!(path)],
            )
            .await
            .expect("run the backup in the page")
    }

    #[tokio::test]
    async fn a_damaged_database_gets_the_recovery_screen_and_keeps_its_bytes() {
        let mut before = Vec::new();
        let app = App::launch(|path| {
            let mut db = Db::open(path).expect("create the database");
            add_employee(&mut db, "E1", "Ada Lovelace");
            add_employee(&mut db, "E2", "Grace Hopper");
            drop(db);
            assert_closed(path);
            overwrite_pages_after_the_first(path);
            before = std::fs::read(path).expect("the damaged bytes");
        })
        .await;

        app.wait(&testid("recovery")).await;
        let title = text_of(&app, "#recovery-title").await;
        assert_eq!(title, "This database file is damaged");
        let message = text_of(&app, &testid("recovery-message")).await;
        let db_path = app.db.display().to_string();
        assert!(
            message.contains(&format!("{db_path} is damaged")),
            "{message}"
        );
        assert_eq!(text_of(&app, &testid("recovery-path")).await, db_path);
        let screen = text_of(&app, &testid("recovery")).await;
        assert!(screen.contains("has not changed"), "{screen}");
        // No backup to offer, but the other ways out; and no app behind the screen.
        assert_eq!(count(&app, &testid("restore-latest")).await, 0);
        app.wait(&testid("restore-file")).await;
        app.wait(&testid("quit")).await;
        assert_eq!(count(&app, &testid("nav-dashboard")).await, 0);
        app.screenshot("recovery-damaged").await;

        let stored = app.close().await;
        let after = std::fs::read(&stored.db).expect("the file is still there");
        assert!(after == before, "the damaged file's bytes changed");
        assert_nothing_beside(&stored.db);
    }

    #[tokio::test]
    async fn a_too_new_database_is_refused_on_the_recovery_screen_unchanged() {
        let mut before = Vec::new();
        let app = App::launch(|path| {
            let db = Db::open(path).expect("create the database");
            db.conn()
                .pragma_update(None, "user_version", 999)
                .expect("a newer schema");
            drop(db);
            before = std::fs::read(path).expect("the bytes");
        })
        .await;
        app.text_containing(&testid("recovery"), "made by a newer version of Upskill")
            .await;
        app.text_containing(&testid("recovery-message"), "schema 999")
            .await;
        let stored = app.close().await;
        assert!(
            std::fs::read(&stored.db).expect("still there") == before,
            "the newer database's bytes changed"
        );
        assert_nothing_beside(&stored.db);
    }

    #[tokio::test]
    async fn restore_the_latest_good_backup_from_the_recovery_screen() {
        let mut backup_path = PathBuf::new();
        let mut damaged = Vec::new();
        let app = App::launch(|path| {
            let mut db = Db::open(path).expect("create the database");
            add_employee(&mut db, "E1", "Ada Lovelace");
            add_employee(&mut db, "E2", "Grace Hopper");
            backup_path = automatic_backup(&db, "20260102-030405");
            // After the backup: not in it, so not there after the restore.
            add_employee(&mut db, "E3", "Late Addition");
            drop(db);
            assert_closed(path);
            // Truncated: shorter than its header says.
            let bytes = std::fs::read(path).expect("read");
            std::fs::write(path, &bytes[..bytes.len() / 2]).expect("truncate");
            damaged = std::fs::read(path).expect("the damaged bytes");
        })
        .await;
        let backup_name = backup_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();

        app.text_containing(&testid("recovery-message"), "truncated")
            .await;
        let offer = app
            .text_containing(&testid("restore-latest"), &backup_name)
            .await;
        assert!(
            offer.starts_with("Restore the latest good backup ("),
            "{offer}"
        );
        app.screenshot("recovery-with-backup").await;
        app.click(&testid("restore-latest")).await;
        app.text_containing("dialog[open]", "kept as it is in the backups folder")
            .await;
        app.screenshot("recovery-confirm").await;
        app.click(&testid("confirm")).await;

        // The window reloads onto the restored database.
        app.wait(&testid("nav-dashboard")).await;
        app.text_containing(&testid("toast"), &format!("Restored from {backup_name}"))
            .await;
        app.click(&testid("nav-employees")).await;
        app.text_containing(
            "[data-testid='employee-row'][data-employee-id='E1']",
            "Ada Lovelace",
        )
        .await;
        app.text_containing(
            "[data-testid='employee-row'][data-employee-id='E2']",
            "Grace Hopper",
        )
        .await;
        assert_eq!(
            count(&app, "[data-testid='employee-row'][data-employee-id='E3']").await,
            0,
            "the restored database is the backup's"
        );
        assert_eq!(count(&app, &testid("recovery")).await, 0);
        app.screenshot("recovery-restored").await;

        let stored = app.close().await;
        let db = stored.open();
        let page = upskill_core::employees::list(db.conn(), &Default::default()).expect("list");
        let mut ids: Vec<&str> = page.rows.iter().map(|e| e.employee_id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["E1", "E2"]);
        // The damaged file was kept in backups/, byte for byte; the backup itself is untouched.
        let kept: Vec<_> = backup::list(&stored.db)
            .expect("list backups")
            .into_iter()
            .filter(|entry| entry.path != backup_path.display().to_string())
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].reason, "before restore");
        assert!(
            std::fs::read(&kept[0].path).expect("the kept file") == damaged,
            "the damaged database was not kept as it was"
        );
        assert!(
            backup::verify(&backup_path).is_ok(),
            "the backup is unchanged"
        );
    }

    #[tokio::test]
    async fn settings_lists_the_automatic_backups_and_restores_one() {
        let app = App::start(|db| {
            add_employee(db, "E1", "Ada Lovelace");
            automatic_backup(db, "20260101-090000");
            add_employee(db, "E2", "Grace Hopper");
            automatic_backup(db, "20260103-170500");
            add_employee(db, "E3", "Katherine Johnson");
        })
        .await;
        app.click(&testid("nav-settings")).await;
        app.wait(&testid("backup-now")).await;
        app.text_containing(&testid("backups"), "newest 10 automatic backups are kept")
            .await;
        app.text_containing(
            "[data-testid='backup-row'][data-file-name='e2e.20260103-170500.before-restore.db']",
            "Before restore",
        )
        .await;
        assert_eq!(count(&app, &testid("backup-row")).await, 2);
        // Newest first.
        let first = text_of(&app, &testid("backup-row")).await;
        assert!(first.contains("e2e.20260103-170500"), "{first}");
        app.screenshot("settings-backups").await;

        // Restore the older one: only E1 was there then.
        app.click(
            "[data-testid='backup-row'][data-file-name='e2e.20260101-090000.before-restore.db'] [data-testid='backup-restore']",
        )
        .await;
        app.text_containing("dialog[open]", "current database is first kept")
            .await;
        app.click(&testid("confirm")).await;
        app.text_containing(&testid("toast"), "The previous database was kept at")
            .await;
        app.click(&testid("nav-employees")).await;
        app.text_containing(
            "[data-testid='employee-row'][data-employee-id='E1']",
            "Ada Lovelace",
        )
        .await;
        wait_for_count(&app, "[data-testid='employee-row']", 1).await;
        // The database before the restore is now the newest automatic backup.
        app.click(&testid("nav-settings")).await;
        app.wait(&testid("backup-now")).await;
        wait_for_count(&app, &testid("backup-row"), 3).await;
        let newest = text_of(&app, &testid("backup-row")).await;
        assert!(
            newest.contains("Before restore") && !newest.contains("e2e.2026010"),
            "{newest}"
        );

        let stored = app.close().await;
        let kept = backup::list(&stored.db).expect("list backups");
        assert_eq!(kept.len(), 3, "{kept:?}");
        let previous = Db::open(Path::new(&kept[0].path)).expect("open the kept database");
        for id in ["E1", "E2", "E3"] {
            upskill_core::employees::get(previous.conn(), id).expect("kept before the restore");
        }
        let db = stored.open();
        assert!(upskill_core::employees::get(db.conn(), "E2").is_err());
    }

    #[tokio::test]
    async fn back_up_now_writes_a_checked_copy_with_the_records() {
        let app = App::start(|db| {
            add_employee(db, "E1", "Ada Lovelace");
            add_employee(db, "E2", "Grace Hopper");
        })
        .await;
        app.click(&testid("nav-settings")).await;
        app.text_containing(&testid("backup-now"), "Back up now")
            .await;
        app.wait(&testid("no-backups")).await;

        let files = tempfile::tempdir().expect("temp dir");
        let path = files.path().join(format!("upskill-backup-{}.db", today()));
        let info = backup_now_through_the_page(&app, &path).await;
        assert_eq!(info["path"], json!(path.display().to_string()), "{info}");
        assert_eq!(
            info["schema_version"],
            json!(upskill_core::db::schema_version()),
            "{info}"
        );
        let bytes = info["bytes"].as_u64().expect("a size");
        assert_eq!(bytes, std::fs::metadata(&path).expect("on disk").len());
        // The database itself is refused; so is a folder that is not there.
        let itself = backup_now_through_the_page(&app, &app.db).await;
        assert_eq!(itself["error"]["kind"], json!("invalid"), "{itself}");
        let nowhere = backup_now_through_the_page(&app, &files.path().join("no/such/b.db")).await;
        assert_eq!(nowhere["error"]["kind"], json!("io"), "{nowhere}");
        app.close().await;

        assert_eq!(
            backup::verify(&path).expect("a sound Upskill database"),
            upskill_core::db::schema_version()
        );
        let copy = Db::open(&path).expect("open the backup");
        for (id, name) in [("E1", "Ada Lovelace"), ("E2", "Grace Hopper")] {
            let e = upskill_core::employees::get(copy.conn(), id).expect("in the backup");
            assert_eq!(e.full_name, name);
        }
    }

    #[tokio::test]
    async fn a_database_in_a_sync_folder_opens_with_a_dismissible_warning_recovery_not_needed() {
        let app = App::launch_at("Dropbox/e2e.db", |path| {
            let mut db = Db::open(path).expect("create the database");
            add_employee(&mut db, "E1", "Ada Lovelace");
        })
        .await;
        app.wait(&testid("nav-dashboard")).await;
        let warning = app
            .text_containing(&testid("location-warning"), "Dropbox")
            .await;
        assert!(warning.contains("locking"), "{warning}");
        assert_eq!(count(&app, &testid("recovery")).await, 0);
        app.screenshot("recovery-location-warning").await;
        app.click(&testid("location-warning-dismiss")).await;
        app.wait_until_gone(&testid("location-warning")).await;
        app.close().await;
    }

    /// Another program holds the database (exclusive locking mode keeps even readers out of a
    /// WAL database): the app waits its busy timeout, says so, creates nothing, and opens the
    /// database on "Try again" once the other program has let go.
    #[tokio::test]
    async fn a_locked_database_says_so_and_opens_on_try_again_once_free() {
        let mut holder = None;
        let mut before = Vec::new();
        let app = App::launch(|path| {
            let mut db = Db::open(path).expect("create the database");
            add_employee(&mut db, "E1", "Ada Lovelace");
            drop(db);
            // Read first: closing any descriptor of the file would drop this process's POSIX
            // locks on it, the other program's included.
            before = std::fs::read(path).expect("the bytes");
            // A fresh connection: the locking mode must be set before its first read.
            let other = rusqlite::Connection::open(path).expect("the other program");
            other
                .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
                .expect("lock the database");
            holder = Some(other);
        })
        .await;

        app.text_containing("#recovery-title", "Another program is using this database")
            .await;
        app.text_containing(&testid("recovery-message"), "in use by another program")
            .await;
        assert_eq!(count(&app, &testid("restore-latest")).await, 0);
        assert_eq!(count(&app, &testid("nav-dashboard")).await, 0);
        app.screenshot("recovery-locked").await;

        // The other program lets go; "Try again" opens the database as it was.
        let holder = holder.take().expect("the lock holder");
        holder.execute_batch("COMMIT").expect("unlock");
        drop(holder);
        assert!(
            std::fs::read(&app.db).expect("the file") == before,
            "the locked file's bytes changed"
        );
        app.click(&testid("retry")).await;
        app.wait(&testid("nav-dashboard")).await;
        app.click(&testid("nav-employees")).await;
        app.text_containing(&testid("page-title"), "Employees")
            .await;
        app.text_containing("main", "Ada Lovelace").await;
        app.close().await;
    }
}
