//! Stamps the build with the git commit it was made from (`UPSKILL_GIT_COMMIT`), for
//! `upskill --version` and the desktop's About box. Outside a git checkout (a source tarball)
//! the commit is "unknown"; the build never fails for want of git.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn main() {
    let commit = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=UPSKILL_GIT_COMMIT={commit}");
    // Re-stamp when HEAD moves: HEAD itself (branch switch), the branch's ref (a commit) and
    // packed-refs (a ref that git packed). Paths come from git, so worktrees work too. Only
    // files that exist: cargo reruns a build script on every build for a missing one.
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    if let Some(branch) = git(&["rev-parse", "--symbolic-full-name", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    for path in watched.into_iter().flatten() {
        if std::path::Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
