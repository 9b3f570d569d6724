//! The harness of the end-to-end tests: the real Upskill window through tauri-driver →
//! WebKitWebDriver → the built app binary (with the embedded UI), each test on its own fresh
//! temporary database.
//!
//! Run through `make e2e` (part of `make test`), which builds the app, starts Xvfb and
//! tauri-driver on port 4444. Without them these tests fail; they never skip.

/// The in-page WCAG contrast checker (see the script's header), for `execute`.
pub const CONTRAST_SCRIPT: &str = include_str!("contrast.js");

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use upskill_core::db::Db;

/// The tauri-driver port: 4444 unless `UPSKILL_E2E_PORT` says otherwise (scripts/e2e.sh).
pub fn driver_port() -> u16 {
    std::env::var("UPSKILL_E2E_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(4444)
}
pub const WAIT: Duration = Duration::from_secs(15);

/// The custom-protocol app binary: `UPSKILL_E2E_APP` when set (`make dist-check` points it at
/// the installed package's), else the one in the same target dir as this test executable
/// (target/debug/deps/app-HASH → target/debug/upskill-desktop).
pub fn app_binary() -> PathBuf {
    built_binary("UPSKILL_E2E_APP", "upskill-desktop")
}

/// The `upskill` CLI of the same build as [`app_binary`]: `UPSKILL_E2E_CLI` when set, else the
/// one beside the app in the target dir.
pub fn cli_binary() -> PathBuf {
    built_binary("UPSKILL_E2E_CLI", "upskill")
}

fn built_binary(env: &str, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env) {
        let path = PathBuf::from(path);
        assert!(path.exists(), "{env}={} does not exist", path.display());
        return path;
    }
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let binary = profile_dir.join(name);
    assert!(
        binary.exists(),
        "{} is missing: build it with `make app`",
        binary.display()
    );
    binary
}

pub struct App {
    pub client: Client,
    /// The WebDriver session, ended by `close` or, if the test panicked first, by `drop`.
    session: Option<String>,
    pub db: PathBuf,
    /// When the session, and so the app, was asked for (`footprint` times the start from it).
    pub launched: std::time::Instant,
    /// When the WebDriver session was up (the window open, its page not necessarily loaded).
    pub session_up: std::time::Instant,
    _dir: tempfile::TempDir,
}

impl Drop for App {
    /// A failed test must not leave its window open: the driver holds one session at a time,
    /// and every later test would fail to start. Drop cannot await, so it sends the WebDriver
    /// "delete session" request itself.
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            use std::io::{Read, Write};
            if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", driver_port())) {
                let _ = stream.set_read_timeout(Some(WAIT));
                let request = format!(
                    "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                if stream.write_all(request.as_bytes()).is_ok() {
                    let _ = stream.read_to_end(&mut Vec::new());
                }
            }
        }
    }
}

/// Redraws one transparent pixel on every frame for about a second, then removes it.
const REDRAW_FOR_A_MOMENT: &str = "\
    const dot = document.createElement('div');\
    dot.setAttribute('aria-hidden', 'true');\
    dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;opacity:0.001';\
    document.body.appendChild(dot);\
    let frames = 0;\
    const tick = () => {\
      dot.style.opacity = frames % 2 ? '0.001' : '0.002';\
      if (++frames < 60) requestAnimationFrame(tick); else dot.remove();\
    };\
    requestAnimationFrame(tick);";

impl App {
    /// Starts the app on a new database, after `seed` has written to it.
    pub async fn start(seed: impl FnOnce(&mut Db)) -> App {
        let app = App::launch(|db| {
            let mut opened = Db::open(db).expect("create the test database");
            seed(&mut opened);
        })
        .await;
        app.wait(&testid("nav-dashboard")).await;
        app
    }

    /// Starts the app on a database file that `prepare` writes however it likes (a damaged
    /// one, say), without waiting for any page.
    pub async fn launch(prepare: impl FnOnce(&Path)) -> App {
        App::launch_at("e2e.db", prepare).await
    }

    /// [`App::launch`] with the database at `relative` (folders created) inside the test's
    /// temporary folder: `Dropbox/e2e.db` puts it where a sync client would copy it.
    pub async fn launch_at(relative: &str, prepare: impl FnOnce(&Path)) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join(relative);
        if let Some(folder) = db.parent() {
            std::fs::create_dir_all(folder).expect("the database's folder");
        }
        prepare(&db);
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary(), "args": ["--db", db] }),
        );
        let launched = std::time::Instant::now();
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver_port()))
            .await
            .expect("tauri-driver must listen on 127.0.0.1:$UPSKILL_E2E_PORT (run `make e2e`)");
        let session = client
            .session_id()
            .await
            .expect("session id")
            .map(|id| id.to_string());
        let session_up = std::time::Instant::now();
        App {
            client,
            session,
            db,
            launched,
            session_up,
            _dir: dir,
        }
    }

    pub async fn wait(&self, css: &str) -> Element {
        self.wait_at_most(css, WAIT).await
    }

    /// [`App::wait`] for work known to take long in a debug build (checking a file of
    /// hundreds of thousands of rows).
    pub async fn wait_at_most(&self, css: &str, limit: Duration) -> Element {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self
                .client
                .wait()
                .at_most(left.max(Duration::from_millis(100)))
                .for_element(Locator::Css(css))
                .await
            {
                Ok(element) => return element,
                // The page reloaded during the search (after a restore or a switch of
                // database file): look again in the new page.
                Err(e)
                    if e.to_string().contains("unload") && std::time::Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => {
                    let shot = self.screenshot("wait-failed").await;
                    panic!("{css} did not appear: {e} (screenshot: {shot})")
                }
            }
        }
    }

    /// Clicks the element as a user would: if something passing lies over it (a toast
    /// rising, a scroll settling), waits for it to go, as a user would, up to [`WAIT`].
    pub async fn click(&self, css: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let result = self.wait(css).await.click().await;
            match result {
                Ok(()) => return,
                Err(CmdError::Standard(ref e))
                    if e.error == ErrorStatus::ElementClickIntercepted
                        && std::time::Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => {
                    let shot = self.screenshot("click-failed").await;
                    panic!("click {css}: {e:?} (screenshot: {shot})");
                }
            }
        }
    }

    /// Saves what the window shows to .build/e2e-NAME.png, for a failure message.
    pub async fn screenshot(&self, name: &str) -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.build");
        let path = dir.join(format!("e2e-{name}.png"));
        // WebKitGTK without compositing (the app's default, src-tauri/src/web_engine.rs) answers
        // WebDriver's screenshot with the next frame it draws, and a page at rest draws none:
        // the command would wait until something on the page changed. So the page is kept
        // drawing for a moment, through a pixel whose colour does not change.
        if let Err(e) = self.client.execute(REDRAW_FOR_A_MOMENT, vec![]).await {
            return format!("not taken: {e}");
        }
        match self.client.screenshot().await {
            Ok(png) => match std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, png))
            {
                Ok(()) => path.display().to_string(),
                Err(e) => format!("not saved: {e}"),
            },
            Err(e) => format!("not taken: {e}"),
        }
    }

    /// Types into the input named `name` inside the open form, replacing what was there.
    pub async fn fill(&self, name: &str, value: &str) {
        let field = self.wait(&format!("[name='{name}']")).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear {name}: {e}"));
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("type into {name}: {e}"));
    }

    /// Picks the option whose value is `value` in the select matched by `css`.
    pub async fn select(&self, css: &str, value: &str) {
        // Options often arrive after the select (loaded from the database): wait for this one.
        self.wait(&format!("{css} option[value='{value}']")).await;
        let select = self.wait(css).await;
        if let Err(e) = select.select_by_value(value).await {
            let shot = self.screenshot("select-failed").await;
            panic!("select {value} in {css}: {e:?} (screenshot: {shot})");
        }
    }

    /// Waits until nothing matches `css` (a list has been filtered).
    pub async fn wait_until_gone(&self, css: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            match self.client.find_all(Locator::Css(css)).await {
                Ok(found) if found.is_empty() => return,
                _ if std::time::Instant::now() > deadline => panic!("{css} is still there"),
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// The `attribute` of every element `css` matches now, in page order (the ids of a list's
    /// rows, say); an element without it is a failure.
    pub async fn attributes(&self, css: &str, attribute: &str) -> Vec<String> {
        let mut out = Vec::new();
        for element in self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
        {
            out.push(
                element
                    .attr(attribute)
                    .await
                    .unwrap_or_else(|e| panic!("{attribute} of {css}: {e}"))
                    .unwrap_or_else(|| panic!("{css} has no {attribute}")),
            );
        }
        out
    }

    /// Waits until the text of `css` contains `needle`, and returns it.
    pub async fn text_containing(&self, css: &str, needle: &str) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    if std::time::Instant::now() > deadline {
                        let shot = self.screenshot("text-failed").await;
                        panic!("{css} says {text:?}, not {needle:?} (screenshot: {shot})");
                    }
                }
            }
            if std::time::Instant::now() > deadline {
                let shot = self.screenshot("text-failed").await;
                panic!("{css} never appeared (waiting for {needle:?}; screenshot: {shot})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Quits the way a user does, through the app's own exit (which runs its exit hooks, such
    /// as saving the window's size), instead of the driver ending the process; then ends the
    /// session and hands back the database.
    pub async fn quit(mut self) -> Stored {
        // The app may be gone before it can answer: the result says nothing either way.
        let _ = self
            .client
            .execute(
                "window.__TAURI_INTERNALS__.invoke('quit_app'); return null;",
                vec![],
            )
            .await;
        let deadline = std::time::Instant::now() + WAIT;
        while app_running(&self.db) {
            assert!(std::time::Instant::now() < deadline, "the app did not quit");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The browser is gone; the driver still has the session until told.
        self.session = None;
        let _ = tokio::time::timeout(WAIT, self.client.clone().close()).await;
        let db = std::mem::take(&mut self.db);
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temp dir"));
        Stored { db, _dir: dir }
    }

    /// Ends the session (the app exits) and hands back the database for checks.
    pub async fn close(mut self) -> Stored {
        self.session = None;
        self.client
            .clone()
            .close()
            .await
            .expect("close the session");
        // Wait for the app to be gone: the next test's app must not find this one still
        // holding the single-instance name (it would hand over and exit).
        let deadline = std::time::Instant::now() + WAIT;
        while app_running(&self.db) {
            assert!(std::time::Instant::now() < deadline, "the app did not exit");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let db = std::mem::take(&mut self.db);
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temp dir"));
        Stored { db, _dir: dir }
    }
}

/// The database a finished test wrote, still on disk for the test's checks.
pub struct Stored {
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Stored {
    pub fn open(&self) -> Db {
        Db::open(&self.db).expect("reopen the test database")
    }
}

/// Whether an app process started on this database is still running.
pub fn app_running(db: &Path) -> bool {
    std::process::Command::new("pgrep")
        .args(["-f", &db.display().to_string()])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

/// Every process whose command line names `db` (the app: tauri-driver passes `--db DB`) and
/// all of their descendants.
pub fn app_processes(db: &Path) -> Vec<u32> {
    let needle = db.display().to_string();
    let mut parent_of = std::collections::HashMap::new();
    let mut roots = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return roots;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(&needle) {
            roots.push(pid);
        }
        if let Some((_, ppid)) = process_stat(pid) {
            parent_of.insert(pid, ppid);
        }
    }
    let mut all = roots.clone();
    let mut grew = true;
    while grew {
        grew = false;
        for (&pid, ppid) in &parent_of {
            if all.contains(ppid) && !all.contains(&pid) {
                all.push(pid);
                grew = true;
            }
        }
    }
    all
}

/// A process's state letter and its parent's pid, from /proc/PID/stat; none once it is gone.
fn process_stat(pid: u32) -> Option<(String, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
    let state = fields.next()?.to_string();
    let ppid = fields.next()?.parse().ok()?;
    Some((state, ppid))
}

/// Whether `pid` is a process that has not exited (a zombie has).
pub fn process_alive(pid: u32) -> bool {
    process_stat(pid).is_some_and(|(state, _)| state != "Z" && state != "X")
}

/// A process's command name as the kernel keeps it (at most 15 bytes: "WebKitWebProces").
pub fn process_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim().to_string())
        .unwrap_or_default()
}

pub fn testid(id: &str) -> String {
    format!("[data-testid='{id}']")
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Fills a test database with the 500-person demo organisation, as of [`today`].
pub fn fill_demo(db: &mut Db) {
    upskill_core::demo::fill(
        db,
        upskill_core::demo::DEFAULT_EMPLOYEES,
        upskill_core::demo::DEFAULT_SEED,
        today(),
    )
    .expect("demo organisation");
}

/// An active analyst in Data, written through the core.
pub fn seed_analyst(db: &mut Db, id: &str, name: &str, email: Option<&str>) {
    let input = upskill_core::domain::EmployeeInput {
        employee_id: id.into(),
        full_name: name.into(),
        email: email.map(str::to_string),
        role: "Analyst".into(),
        department: "Data".into(),
        active: true,
        ..Default::default()
    };
    upskill_core::employees::create(db, &input, today()).expect("seed employee");
}

/// Program P1, "AI literacy".
pub fn seed_program(db: &mut Db) {
    let program = upskill_core::domain::ProgramInput {
        program_id: "P1".into(),
        title: "AI literacy".into(),
        skill_area: "AI literacy".into(),
        format: "workshop".into(),
        ..Default::default()
    };
    upskill_core::programs::create(db, &program).expect("seed program");
}
