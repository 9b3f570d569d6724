//! Timing: a child process's wall time and peak memory (wait4's rusage), an in-process
//! closure's wall time, and the median / min / max of a series.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde::Serialize;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// One measured process.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub ms: f64,
    /// User plus system CPU time of the process: steadier than the wall time on a busy
    /// machine (it leaves out waiting for a core).
    pub cpu_ms: f64,
    /// Peak resident set size of the process, in KiB (Linux reports ru_maxrss in KiB).
    pub max_rss_kb: u64,
}

fn timeval_ms(t: libc::timeval) -> f64 {
    t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0
}

/// Runs `cmd` to completion with stdin from `stdin` (else nothing), stdout to `stdout` (else
/// discarded) and stderr to `log`; fails unless it exits 0. The wall time runs from just
/// before the spawn to the reaping of the process.
pub fn process(
    mut cmd: Command,
    stdin: Option<&Path>,
    stdout: Option<&Path>,
    log: &Path,
) -> Result<Sample> {
    cmd.stdin(match stdin {
        Some(path) => Stdio::from(File::open(path)?),
        None => Stdio::null(),
    });
    cmd.stdout(match stdout {
        Some(path) => Stdio::from(File::create(path)?),
        None => Stdio::null(),
    });
    cmd.stderr(Stdio::from(File::create(log)?));
    // The bench never touches the user's database: every command names its own with --db
    // or as the shell's argument, and the variable that names a default is removed.
    cmd.env_remove(upskill_core::db::DB_ENV);
    let described = format!("{cmd:?}");
    let started = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data that wait4 fills in; zeroed is a valid value for it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, not reaped yet (std only reaps in wait/try_wait,
        // which are never called on it); status and usage are valid for writes.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 {described}: {err}").into());
        }
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    drop(child);
    let exited = libc::WIFEXITED(status);
    if !exited || libc::WEXITSTATUS(status) != 0 {
        let stderr = std::fs::read_to_string(log).unwrap_or_default();
        let tail: String = stderr
            .lines()
            .rev()
            .take(10)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        return Err(format!("{described} failed ({status:#x}):\n{tail}").into());
    }
    Ok(Sample {
        ms,
        cpu_ms: timeval_ms(usage.ru_utime) + timeval_ms(usage.ru_stime),
        max_rss_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

/// The wall time of one call, in milliseconds.
pub fn call<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let started = Instant::now();
    let value = std::hint::black_box(f());
    (started.elapsed().as_secs_f64() * 1000.0, value)
}

/// A series of timings: the median, 95th percentile, min and max, and every run.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub median_ms: f64,
    /// The nearest-rank 95th percentile: the smallest run that at least 95% of runs are at
    /// or below.
    pub p95_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub runs_ms: Vec<f64>,
}

impl Stats {
    pub fn of(runs: &[f64]) -> Stats {
        let mut sorted = runs.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        let p95 = match n {
            0 => f64::NAN,
            _ => sorted[(n * 95).div_ceil(100) - 1],
        };
        Stats {
            median_ms: median,
            p95_ms: p95,
            min_ms: sorted.first().copied().unwrap_or(f64::NAN),
            max_ms: sorted.last().copied().unwrap_or(f64::NAN),
            runs_ms: runs.to_vec(),
        }
    }

    /// "45.6 ms (p95 80.1 ms)": the median and the 95th percentile.
    pub fn show_p95(&self) -> String {
        if self.runs_ms.len() == 1 {
            return duration(self.median_ms);
        }
        format!(
            "{} (p95 {})",
            duration(self.median_ms),
            duration(self.p95_ms)
        )
    }

    /// "1.23 s (1.20–1.31)" or "45.6 ms (44.1–47.0)".
    pub fn show(&self) -> String {
        if self.runs_ms.len() == 1 {
            return duration(self.median_ms);
        }
        let (_, scale) = unit(self.median_ms);
        format!(
            "{} ({}–{})",
            duration(self.median_ms),
            number(self.min_ms / scale),
            number(self.max_ms / scale)
        )
    }
}

fn unit(ms: f64) -> (&'static str, f64) {
    if ms >= 1000.0 {
        ("s", 1000.0)
    } else {
        ("ms", 1.0)
    }
}

fn number(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// A duration in milliseconds as "1.23 s" or "45.6 ms".
pub fn duration(ms: f64) -> String {
    let (unit, scale) = unit(ms);
    format!("{} {unit}", number(ms / scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_and_formats() {
        let s = Stats::of(&[3.0, 1.0, 2.0, 10.0, 4.0]);
        assert_eq!((s.median_ms, s.min_ms, s.max_ms), (3.0, 1.0, 10.0));
        assert_eq!(s.show(), "3.00 ms (1.00–10.0)");
        // Nearest rank: of 5 runs, the 5th; of 20 runs, the 19th; of 40, the 38th.
        assert_eq!(s.p95_ms, 10.0);
        assert_eq!(s.show_p95(), "3.00 ms (p95 10.0 ms)");
        let twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(Stats::of(&twenty).p95_ms, 19.0);
        let forty: Vec<f64> = (1..=40).rev().map(f64::from).collect();
        assert_eq!(Stats::of(&forty).p95_ms, 38.0);
        assert_eq!(
            Stats::of(&[1500.0, 1400.0, 1600.0]).show(),
            "1.50 s (1.40–1.60)"
        );
        assert_eq!(duration(123.4), "123 ms");
    }

    #[test]
    fn a_process_is_timed_and_its_memory_read() {
        let dir = std::env::temp_dir();
        let log = dir.join(format!("upskill-bench-measure-{}.log", std::process::id()));
        let sample = process(Command::new("true"), None, None, &log).unwrap();
        assert!(sample.ms > 0.0 && sample.max_rss_kb > 0, "{sample:?}");
        assert!(process(Command::new("false"), None, None, &log).is_err());
        std::fs::remove_file(&log).unwrap();
    }
}
