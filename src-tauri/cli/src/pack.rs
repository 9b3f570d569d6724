//! `upskill pack` (team-lead packs) and `upskill evidence` (the AI-literacy evidence pack):
//! folders of reports that leave the app, written by the core's pack and evidence modules.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Args};
use upskill_core::evidence::{self, EvidenceQuery};
use upskill_core::pack::{self, PackQuery};
use upskill_core::report::DEFAULT_MIN_GROUP;
use upskill_core::Error;

use crate::report::{open, with_flags};

pub const PACK_ABOUT: &str = "Team-lead packs: for a manager, a folder \
`<employee_id>-<name>` in DIR (the name with every character other than letters, digits, \
'-', '_' and '.' replaced by '_') holding team-report.pdf (the leadership report for the \
people below the manager at any depth, with the whole organisation beside it) and \
actions.csv (the team's overdue, expired and expiring obligations, in the columns of \
`upskill compliance list`).\n\n\
--all-managers writes one folder for every manager with at least --min-group active people \
below them on the as-of date (counted as `--manager` counts them); a manager with fewer is an \
error with --manager. An existing pack folder is an error and nothing is written; each folder \
is written to a temporary folder and renamed, so it is complete or absent.";

#[derive(Args)]
#[command(group(ArgGroup::new("who").required(true).args(["manager", "all_managers"])))]
pub struct PackArgs {
    /// The manager's employee_id.
    #[arg(long, value_name = "EMPLOYEE_ID")]
    manager: Option<String>,
    /// A pack for every manager with at least --min-group people below them.
    #[arg(long)]
    all_managers: bool,
    /// The folder the pack folders are written into (created if missing).
    #[arg(long, value_name = "DIR")]
    output: PathBuf,
    /// The date the packs are as of (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// k: groups with fewer people show their headcount only; a manager needs at least k.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_GROUP)]
    min_group: u32,
}

pub fn pack(db_path: &Path, args: PackArgs) -> Result<ExitCode, Error> {
    let today = chrono::Local::now().date_naive();
    let db = open(db_path)?;
    let query = PackQuery {
        as_of: args.as_of,
        min_group: args.min_group,
    };
    let packs = match &args.manager {
        Some(id) => {
            vec![pack::write_pack(db.conn(), id, &query, today, &args.output).map_err(with_flags)?]
        }
        None => {
            pack::write_all_packs(db.conn(), &query, today, &args.output).map_err(with_flags)?
        }
    };
    for p in &packs {
        println!("{}\t{} people\t{} actions", p.path, p.people, p.actions);
    }
    eprintln!("wrote {} pack(s) in {}", packs.len(), args.output.display());
    Ok(ExitCode::SUCCESS)
}

pub const EVIDENCE_ABOUT: &str = "The AI-literacy evidence pack, as of a date: report.pdf \
(the leadership report), programs.csv, requirements.csv, exemptions.csv, \
compliance-by-department.csv, compliance-by-role.csv, coverage-by-generation.csv (suppressed \
like the reports), register.csv (one row per person and obligation, as `upskill compliance \
list`: personal data, no birth years), changes.csv (the audit trail for the 12 months up to \
the as-of date), README.txt (what each file is, the definitions, as-of, k, version) and \
MANIFEST.sha256 (`sha256sum -c MANIFEST.sha256` in DIR verifies every file).\n\n\
DIR must not exist or be empty. The pack is written to a temporary folder beside DIR and \
renamed, so DIR is complete or absent.";

#[derive(Args)]
pub struct EvidenceArgs {
    /// The folder to create (absent or empty).
    #[arg(long, value_name = "DIR")]
    output: PathBuf,
    /// The date the evidence is as of (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// k: groups with fewer people show their headcount only.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_GROUP)]
    min_group: u32,
}

pub fn evidence(db_path: &Path, args: EvidenceArgs) -> Result<ExitCode, Error> {
    let today = chrono::Local::now().date_naive();
    let db = open(db_path)?;
    let summary = evidence::write_evidence(
        db.conn(),
        &EvidenceQuery {
            as_of: args.as_of,
            min_group: args.min_group,
        },
        today,
        &args.output,
    )
    .map_err(with_flags)?;
    eprintln!(
        "wrote the evidence pack as of {} to {} ({} files)",
        summary.as_of,
        summary.path,
        summary.files.len()
    );
    Ok(ExitCode::SUCCESS)
}
