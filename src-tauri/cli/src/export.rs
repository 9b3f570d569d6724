//! `upskill export`: a whole table as a CSV file that opens cleanly in Excel and LibreOffice
//! and re-imports as the same records.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use upskill_core::export::{self, Delimiter, ExportTable};
use upskill_core::Error;

pub const LONG_ABOUT: &str = "Writes a whole table to FILE as CSV, with the same columns as the \
import format, so an export is a valid import file.\n\n\
Files are UTF-8 with a byte-order mark, CRLF line ends and RFC 4180 quoting. A text starting \
with = + - @ (or a tab, line break or ') gets a leading ' so spreadsheets never run it as a \
formula; `upskill import` removes that ' again, so a re-import gives back the same records.\n\n\
The employees file includes birth_year because it is the record itself (so it can be \
re-imported); reports never show individual birth years.\n\n\
FILE is written to a temporary file beside it and renamed when complete: an existing FILE is \
only ever replaced by a whole new one.";

#[derive(Clone, Copy, ValueEnum)]
pub enum Table {
    Employees,
    Programs,
    Completions,
    Requirements,
    Exemptions,
    Targets,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Which table to write.
    #[arg(value_enum)]
    table: Table,
    /// The CSV file to write (replaced atomically if it exists).
    file: PathBuf,
    /// Field separator: ',' (default), ';' (Excel in many European locales), 'tab' or '|'.
    #[arg(long, default_value = ",", value_name = "CHAR")]
    delimiter: String,
}

pub fn run(db_path: &Path, args: ExportArgs) -> Result<ExitCode, Error> {
    let delimiter = Delimiter::parse(&args.delimiter)?;
    let db = crate::backup::open_db(db_path)?;
    let table = match args.table {
        Table::Employees => ExportTable::Employees,
        Table::Programs => ExportTable::Programs,
        Table::Completions => ExportTable::Completions,
        Table::Requirements => ExportTable::Requirements,
        Table::Exemptions => ExportTable::Exemptions,
        Table::Targets => ExportTable::Targets,
    };
    let summary = export::export_table(db.conn(), table, &args.file, delimiter)?;
    println!("{}: {} rows", summary.path, summary.rows);
    Ok(ExitCode::SUCCESS)
}
