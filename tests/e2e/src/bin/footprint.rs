//! `footprint`: what the desktop app costs the user's machine, for `make footprint`
//! (scripts/footprint.sh runs it under Xvfb with tauri-driver, on the release build).
//!
//!     footprint LABEL=DB [LABEL=DB ...]
//!
//! For each database (copied fresh for every launch): the time from asking for the window to
//! the dashboard showing its numbers (the overall coverage figure), the median of
//! `FOOTPRINT_RUNS` launches (default 5); then, after opening every page of the sidebar once,
//! the resident memory of the app and all its descendants (the WebKit web and network
//! processes), RSS and PSS summed from /proc/PID/smaps_rollup, and the PSS of each. Prints a
//! Markdown table.
//!
//! For finding where memory goes: `FOOTPRINT_TRACE=1` prints the PSS after each page and how
//! long it took to settle, then every 5 s for 30 s after the tour (whether it falls back);
//! `FOOTPRINT_SMAPS_DIR=DIR` writes each process's /proc/PID/smaps there when memory is read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use upskill_e2e::{app_processes, process_alive, process_name, testid, App};

/// Long enough for the largest bench database on a loaded machine; a miss is reported.
const LIMIT: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(20);

struct Memory {
    rss_kib: u64,
    pss_kib: u64,
    /// PSS per process, by its command name (the app, WebKit's web and network processes).
    pss_by_process: Vec<(String, u64)>,
}

fn memory(db: &Path) -> Memory {
    let pids = app_processes(db);
    let mut total = Memory {
        rss_kib: 0,
        pss_kib: 0,
        pss_by_process: Vec::new(),
    };
    let dump = std::env::var_os("FOOTPRINT_SMAPS_DIR").map(PathBuf::from);
    for pid in pids {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        let comm = process_name(pid);
        // For a closer look at what is resident: every mapping of every process.
        if let Some(dir) = &dump {
            let _ = std::fs::create_dir_all(dir);
            if let Ok(smaps) = std::fs::read(format!("/proc/{pid}/smaps")) {
                let _ = std::fs::write(dir.join(format!("{comm}-{pid}.smaps")), smaps);
            }
        }
        let mut pss = 0;
        for line in rollup.lines() {
            let mut fields = line.split_whitespace();
            let (Some(key), Some(kib)) = (fields.next(), fields.next()) else {
                continue;
            };
            let kib: u64 = kib.parse().unwrap_or(0);
            match key {
                "Rss:" => total.rss_kib += kib,
                "Pss:" => pss += kib,
                _ => {}
            }
        }
        total.pss_kib += pss;
        total.pss_by_process.push((comm, pss));
    }
    total.pss_by_process.sort_by_key(|p| std::cmp::Reverse(p.1));
    total
}

/// Polls until `css`'s text contains `needle`; the time it first did, or None at [`LIMIT`].
async fn until_text(app: &App, css: &str, needle: &str) -> Option<Instant> {
    let deadline = Instant::now() + LIMIT;
    while Instant::now() < deadline {
        if let Ok(el) = app.client.find(Locator::Css(css)).await {
            if el.text().await.is_ok_and(|t| t.contains(needle)) {
                return Some(Instant::now());
            }
        }
        tokio::time::sleep(POLL).await;
    }
    None
}

/// Waits until nothing on the page says it is busy, twice in a row 100 ms apart.
async fn settle(app: &App) {
    let deadline = Instant::now() + LIMIT;
    let mut quiet = 0;
    while quiet < 2 && Instant::now() < deadline {
        let busy = app
            .client
            .find_all(Locator::Css("[aria-busy='true']"))
            .await
            .map(|v| !v.is_empty())
            .unwrap_or(true);
        quiet = if busy { 0 } else { quiet + 1 };
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One launch: seconds to the dashboard's numbers, and (if `visit`) the memory after every
/// page of the sidebar has been opened once.
async fn launch(db: &Path, visit: bool) -> Result<(f64, Option<Memory>), String> {
    let app = App::launch(|copy| {
        if let Err(err) = std::fs::copy(db, copy) {
            panic!("copy {} to {}: {err}", db.display(), copy.display());
        }
    })
    .await;
    let Some(shown) = until_text(&app, &testid("dash-overall"), "%").await else {
        let shot = app.screenshot("footprint-dashboard").await;
        close(app).await;
        return Err(format!(
            "the dashboard showed no numbers within {LIMIT:?} (screenshot: {shot})"
        ));
    };
    let seconds = shown.duration_since(app.launched).as_secs_f64();
    eprintln!(
        "footprint: window up after {:.2} s, numbers {:.2} s later",
        app.session_up.duration_since(app.launched).as_secs_f64(),
        shown.duration_since(app.session_up).as_secs_f64()
    );
    let mut mem = None;
    if visit {
        settle(&app).await;
        let links = app
            .client
            .find_all(Locator::Css("[data-testid^='nav-']"))
            .await
            .map_err(|e| format!("the sidebar's links: {e}"))?;
        let mut ids = Vec::new();
        for link in links {
            if let Ok(Some(id)) = link.attr("data-testid").await {
                ids.push(id);
            }
        }
        let trace = std::env::var_os("FOOTPRINT_TRACE").is_some();
        if trace {
            eprintln!(
                "footprint: PSS at the dashboard {:.0} MiB",
                mib(memory(&app.db).pss_kib)
            );
        }
        for id in ids {
            let asked = Instant::now();
            app.click(&testid(&id)).await;
            settle(&app).await;
            // Which page keeps what: the PSS after each one, by process, and how long the page
            // took to settle (the settling itself waits about 200 ms).
            if trace {
                let took = asked.elapsed().as_millis();
                let m = memory(&app.db);
                eprintln!(
                    "footprint: PSS after {id}: {:.0} MiB ({}); settled in {took} ms",
                    mib(m.pss_kib),
                    by_process(&m)
                );
            }
        }
        // Back to the dashboard, as a user ends a tour.
        app.click(&testid("nav-dashboard")).await;
        settle(&app).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        mem = Some(memory(&app.db));
        if trace {
            for _ in 0..6 {
                tokio::time::sleep(Duration::from_secs(5)).await;
                let m = memory(&app.db);
                eprintln!(
                    "footprint: PSS 5 s later: {:.0} MiB ({})",
                    mib(m.pss_kib),
                    by_process(&m)
                );
            }
        }
    }
    close(app).await;
    Ok((seconds, mem))
}

/// Closes the app and waits until every process of it has exited, WebKit's included, so the
/// next launch starts as a launch after a quit does: with nothing of the last one still
/// holding WebKit's caches and storage in the app's data directory.
async fn close(app: App) {
    let pids = app_processes(&app.db);
    app.close().await;
    let deadline = Instant::now() + LIMIT;
    while Instant::now() < deadline && pids.iter().any(|pid| process_alive(*pid)) {
        tokio::time::sleep(POLL).await;
    }
}

/// "WebKitWebProces 146, upskill-desktop 93, ...": PSS in MiB per process, largest first.
fn by_process(m: &Memory) -> String {
    m.pss_by_process
        .iter()
        .map(|(comm, kib)| format!("{comm} {:.0}", mib(*kib)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

#[tokio::main]
async fn main() -> ExitCode {
    let runs: usize = std::env::var("FOOTPRINT_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let mut targets = Vec::new();
    for arg in std::env::args().skip(1) {
        let Some((label, path)) = arg.split_once('=') else {
            eprintln!("footprint: expected LABEL=DB, got {arg:?}");
            return ExitCode::from(2);
        };
        targets.push((label.to_string(), PathBuf::from(path)));
    }
    if targets.is_empty() {
        eprintln!("usage: footprint LABEL=DB [LABEL=DB ...]");
        return ExitCode::from(2);
    }

    let mut rows = Vec::new();
    let mut failed = false;
    for (label, db) in &targets {
        let mut times = Vec::new();
        let mut mem = None;
        for run in 0..runs {
            // Memory once, on the last launch (the tour of every page would skew nothing
            // else, but costs time).
            match launch(db, run + 1 == runs).await {
                Ok((seconds, m)) => {
                    eprintln!(
                        "footprint: {label} run {}: dashboard in {seconds:.2} s",
                        run + 1
                    );
                    times.push(seconds);
                    if m.is_some() {
                        mem = m;
                    }
                }
                Err(err) => {
                    eprintln!("footprint: {label}: {err}");
                    failed = true;
                }
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied();
        rows.push((label.clone(), median, times, mem));
    }

    println!("| database | dashboard with numbers (median) | runs | RSS after every page | PSS after every page | PSS by process |");
    println!("|---|---|---|---|---|---|");
    for (label, median, times, mem) in rows {
        let runs = times
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(" / ");
        let median = median.map_or("–".to_string(), |m| format!("{m:.2} s"));
        let (rss, pss, procs) = mem.map_or(("–".into(), "–".into(), "–".into()), |m| {
            (
                format!("{:.0} MiB", mib(m.rss_kib)),
                format!("{:.0} MiB", mib(m.pss_kib)),
                by_process(&m),
            )
        });
        println!("| {label} | {median} | {runs} s | {rss} | {pss} | {procs} |");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
