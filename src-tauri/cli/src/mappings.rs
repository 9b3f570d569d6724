//! `upskill mappings`: the import mappings saved in the database (`--save-mapping NAME`).

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use upskill_core::db::Db;
use upskill_core::mappings;
use upskill_core::Error;

#[derive(Subcommand)]
pub enum MappingsCommand {
    /// Lists the saved mappings: name, kind, when saved, the columns they were made for.
    List,
    /// Prints a saved mapping as a mapping file.
    Show {
        /// The mapping's name.
        name: String,
    },
    /// Deletes a saved mapping.
    Delete {
        /// The mapping's name.
        name: String,
    },
}

pub fn run(db_path: &Path, command: MappingsCommand) -> Result<ExitCode, Error> {
    match command {
        MappingsCommand::List => {
            let db = Db::open(db_path)?;
            let saved = mappings::list(db.conn())?;
            if saved.is_empty() {
                println!(
                    "no saved mappings (upskill import KIND FILE --save-mapping NAME saves one)"
                );
            }
            for m in saved {
                println!(
                    "{}\t{}\t{}\t{} columns",
                    m.name,
                    m.kind,
                    m.updated_at,
                    m.headers.len()
                );
            }
        }
        MappingsCommand::Show { name } => {
            let db = Db::open(db_path)?;
            print!("{}", mappings::get(db.conn(), &name)?.toml);
        }
        MappingsCommand::Delete { name } => {
            let mut db = Db::open(db_path)?;
            mappings::delete(&mut db, &name)?;
            println!("deleted the mapping '{name}'");
        }
    }
    Ok(ExitCode::SUCCESS)
}
