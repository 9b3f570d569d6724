//! Runs the real `upskill` binary the way a user does. Cargo names the binary only to the CLI
//! crate's own tests (`env!("CARGO_BIN_EXE_upskill")`), so callers pass its path in.

use std::path::Path;
use std::process::{Command, Output};

/// What a run gave back: exit code (-1 when killed by a signal), stdout, stderr.
pub type Ran = (i32, String, String);

/// Runs `bin` with `args`, ignoring any `UPSKILL_DB` of the caller's environment.
pub fn run(bin: impl AsRef<Path>, args: &[&str]) -> Ran {
    ran(command(bin).args(args).output().expect("run upskill"))
}

/// Runs `bin` with `args` under a file-size limit of `limit_kib` KiB (bash's `ulimit -f` unit),
/// with SIGXFSZ ignored, so that writes past it fail with EFBIG as they would with ENOSPC on
/// a full disk.
pub fn run_limited(bin: impl AsRef<Path>, limit_kib: u64, args: &[&str]) -> Ran {
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {limit_kib} && exec \"$0\" \"$@\""
        ))
        .arg(bin.as_ref())
        .args(args)
        .env_remove("UPSKILL_DB")
        .output()
        .expect("run bash");
    ran(out)
}

/// The command for `bin`, without the caller's `UPSKILL_DB`, for tests that need to add
/// more (stdin, a kill) before running it.
pub fn command(bin: impl AsRef<Path>) -> Command {
    let mut cmd = Command::new(bin.as_ref());
    cmd.env_remove("UPSKILL_DB");
    cmd
}

/// Exit code, stdout and stderr of a finished process.
pub fn ran(out: Output) -> Ran {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// CSV output is Excel-ready (a byte-order mark, CRLF line ends); tests that are not about
/// that compare it as plain lines.
pub fn csv_text(out: &str) -> String {
    out.strip_prefix('\u{feff}')
        .unwrap_or(out)
        .replace("\r\n", "\n")
}
