//! `upskill people`: the people behind a coverage figure, one row per person of the report's
//! population, as an aligned table, CSV or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use upskill_core::export::{self, CsvOut, Delimiter};
use upskill_core::report::{self as core_report, PeopleQuery, PersonRow, PEOPLE_COLUMNS};
use upskill_core::{people_search, Error};

use crate::report::{
    open, print_json, print_table, with_flags, write_output, Format, PopulationArgs,
};

pub const LONG_ABOUT: &str = "Lists the people behind a coverage figure: one row per person \
of the population `upskill report coverage` counts with the same filters, sorted by employee_id, \
with whether that report counts them as trained.\n\n\
Columns: employee_id, full_name, email, role, department, manager_id, trained, \
last_completed_on (the latest completion that counts under the filters; empty when not \
trained). The counts agree with the report: `upskill people --trained yes` lists exactly its \
trained and `upskill people` exactly its headcount, for every filter. --role, --location, \
--generation and --age-band pick one group of the report (\"Unknown\": no location or no birth \
year). Birth years and generations are never columns.";

#[derive(Args)]
pub struct PeopleArgs {
    #[command(flatten)]
    filters: PopulationArgs,
    /// Only the people the report counts as trained (yes) or only those it does not (no).
    #[arg(long, value_enum, value_name = "yes|no")]
    trained: Option<YesNo>,
    /// Only this generation, as reports name it ("Baby Boomers", "Gen X", ..., "Unknown").
    #[arg(long, value_name = "G")]
    generation: Option<String>,
    /// Only this age band as of --as-of ("<25", "25-34", ..., "65+", "Unknown").
    #[arg(long, value_name = "B")]
    age_band: Option<String>,
    /// Only this role.
    #[arg(long)]
    role: Option<String>,
    /// Only this location ("Unknown": none recorded).
    #[arg(long)]
    location: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to FILE instead of standard output (atomically).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// CSV field separator: ',' (default), ';', 'tab' or '|'.
    #[arg(long, default_value = ",", value_name = "CHAR")]
    delimiter: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum YesNo {
    Yes,
    No,
}

pub fn run(db_path: &Path, args: PeopleArgs) -> Result<ExitCode, Error> {
    match list(db_path, args) {
        // `upskill people | head`: the reader has all it wants.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => Err(err),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn list(db_path: &Path, args: PeopleArgs) -> Result<(), Error> {
    let today = chrono::Local::now().date_naive();
    let delimiter = Delimiter::parse(&args.delimiter).map_err(with_flags)?;
    let db = open(db_path)?;
    let mut filters = args.filters.filters();
    // HR types a manager's name as often as an id: a unique full name is taken.
    if let Some(manager) = &filters.manager_id {
        if let Some(id) =
            people_search::find_id(db.conn(), "manager_id", manager).map_err(with_flags)?
        {
            filters.manager_id = Some(id);
        }
    }
    let query = PeopleQuery {
        filters,
        role: args.role,
        location: args.location,
        generation: args.generation,
        age_band: args.age_band,
        trained: args.trained.map(|t| t == YesNo::Yes),
    };
    let rows = core_report::people(db.conn(), &query, today).map_err(with_flags)?;
    write_output(args.output.as_deref(), |mut out| match args.format {
        Format::Csv => {
            let mut csv = CsvOut::new(out, delimiter)?;
            export::write_people(&mut csv, &rows)?;
            csv.finish()?;
            Ok(())
        }
        Format::Json => print_json(&mut out, &rows),
        Format::Table => print_people(&mut out, &rows),
    })
}

fn print_people(out: &mut impl Write, rows: &[PersonRow]) -> Result<(), Error> {
    let header: Vec<String> = PEOPLE_COLUMNS.map(String::from).to_vec();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            vec![
                p.employee_id.clone(),
                p.full_name.clone(),
                p.email.clone().unwrap_or_default(),
                p.role.clone(),
                p.department.clone(),
                p.manager_id.clone().unwrap_or_default(),
                if p.trained { "yes" } else { "no" }.to_string(),
                p.last_completed_on.clone().unwrap_or_default(),
            ]
        })
        .collect();
    print_table(out, &header, header.len(), &cells)?;
    let trained = rows.iter().filter(|p| p.trained).count();
    writeln!(
        out,
        "\n{} {} ({trained} trained)",
        rows.len(),
        if rows.len() == 1 { "person" } else { "people" }
    )
    .map_err(crate::report::io)
}
