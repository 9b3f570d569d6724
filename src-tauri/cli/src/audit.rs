//! `upskill audit`: the audit trail, listed or verified (the rules are in upskill_core::audit).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use upskill_core::audit::{self, Entity, Filter};
use upskill_core::Error;

#[derive(Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: Option<AuditCommand>,
    /// First UTC day to list (YYYY-MM-DD, included).
    #[arg(long, value_name = "D")]
    from: Option<NaiveDate>,
    /// Last UTC day to list (YYYY-MM-DD, included).
    #[arg(long, value_name = "D")]
    to: Option<NaiveDate>,
    /// Only entries about this: employees, programs, completions, requirements, exemptions,
    /// targets (or record: restores and demo loads).
    #[arg(long, value_parser = parse_entity)]
    entity: Option<Entity>,
    /// table (default), csv (columns id,at,actor,source,entity,key,action,before,after,prev_hash,hash) or json.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Checks the hash chain: prints "ok" (exit 0), or each broken link with its entry id (exit 1).
    Verify,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

fn parse_entity(s: &str) -> Result<Entity, String> {
    Entity::parse(s).ok_or_else(|| {
        format!("'{s}' is not one of employees, programs, completions, requirements, exemptions, targets, record")
    })
}

pub fn run(db_path: &Path, args: AuditArgs) -> Result<ExitCode, Error> {
    let db = crate::backup::open_db(db_path)?;
    if let Some(AuditCommand::Verify) = args.command {
        let v = audit::verify(db.conn())?;
        if v.is_intact() {
            println!("ok");
            // On stderr, so that stdout stays the one word scripts test for.
            eprintln!("head {} ({} entries)", v.head, v.entries);
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{}: the audit trail was changed outside Upskill: {} broken link(s)",
            db_path.display(),
            v.breaks.len()
        );
        for b in &v.breaks {
            println!("{b}");
        }
        return Ok(ExitCode::from(1));
    }
    let filter = Filter {
        from: args.from,
        to: args.to,
        entity: args.entity,
    };
    let entries = audit::entries(db.conn(), &filter)?;
    let mut out: Vec<u8> = Vec::new();
    match args.format {
        Format::Csv => audit::write_csv(&entries, &mut out)?,
        Format::Json => {
            out = serde_json::to_vec_pretty(&audit::to_json(&entries))
                .map_err(|e| Error::Internal(e.to_string()))?;
            out.push(b'\n');
        }
        Format::Table => {
            for e in &entries {
                out.extend(
                    format!(
                        "{:>6}  {}  {:<12} {:<6} {:<12} {:<7} {}\n",
                        e.id,
                        e.at,
                        e.actor,
                        e.source.as_str(),
                        e.entity.as_str(),
                        e.action.as_str(),
                        e.key
                    )
                    .as_bytes(),
                );
            }
        }
    }
    match &args.output {
        Some(file) => std::fs::write(file, &out).map_err(|e| Error::io(file, e))?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&out)
                .map_err(|e| Error::io(Path::new("<stdout>"), e))?
        }
    }
    Ok(ExitCode::SUCCESS)
}
