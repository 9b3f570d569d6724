//! The man pages and the shell completions of `upskill`, written from its clap definition so
//! they never drift from the commands. The packages carry what `upskill generate-docs DIR`
//! writes (scripts/dist.sh); the subcommand is hidden because only packaging needs it.

use std::fs;
use std::path::{Path, PathBuf};

use clap_complete::Shell;
use upskill_core::Error;

/// The completion scripts [`write`] puts in DIR/completions, under the names bash-completion,
/// zsh and fish look for (the packages install each where its shell looks).
pub const COMPLETIONS: [(Shell, &str); 3] = [
    (Shell::Bash, "upskill"),
    (Shell::Zsh, "_upskill"),
    (Shell::Fish, "upskill.fish"),
];

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes DIR/man/upskill.1 (and upskill-SUBCOMMAND.1 for each command) and the completion
/// scripts of [`COMPLETIONS`] into DIR/completions; returns the files written.
pub fn write(dir: &Path, mut cmd: clap::Command) -> Result<Vec<PathBuf>, Error> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    for folder in [&man, &completions] {
        fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    clap_mangen::generate_to(cmd.clone(), &man).map_err(io_error(&man))?;
    let mut written = Vec::new();
    for entry in fs::read_dir(&man).map_err(io_error(&man))? {
        written.push(entry.map_err(io_error(&man))?.path());
    }
    for (shell, file) in COMPLETIONS {
        let path = completions.join(file);
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd, "upskill", &mut script);
        fs::write(&path, script).map_err(io_error(&path))?;
        written.push(path);
    }
    written.sort();
    Ok(written)
}
