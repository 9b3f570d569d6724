//! `upskill import`: a CSV file of employees, programs or completions into the record, all or
//! nothing. Counts go to stdout; warnings and problems (`FILE:LINE: column: reason`) to
//! stderr. Exit 0 when the file was imported (or a dry run found it importable), 1 when it
//! was rejected and nothing was written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use upskill_core::db::Db;
use upskill_core::import::{
    self, DateFormat, ImportKind, ImportOptions, ImportOutcome, ImportReport,
};
use upskill_core::mappings;
use upskill_core::Error;

/// `upskill import --help`.
pub const LONG_ABOUT: &str = "\
Imports a CSV file of employees, programs or completions.

Files are imported as HR systems and LMSs export them. The header row is found below any \
title rows; columns may come in any order; their names are matched ignoring case, accents, \
spaces and punctuation, and the headers vendors use are recognised in English, German, French \
and Spanish (\"Employee #\", \"Associate ID\" and \"Personalnummer\" are employee_id; \
\"First Name\" + \"Last Name\" make full_name; \"Status\" words such as Active, Terminated or \
On Leave make active). Managers are matched by id, else e-mail, else full name; a completion's \
learner by id or e-mail and its course by program id or title; LMS rows whose status says the \
course was not completed are skipped and counted. The mapping used is printed to stderr. \
Other columns are ignored with a warning.

Mapping files: where recognition is not enough, --mapping MAP.toml says where each field \
comes from (a column, columns joined, a constant), how its values read (value replacements, \
a date format, how references match) and which rows to keep. --suggest-mapping prints the \
mapping the import would use, as a file to edit; --save-mapping NAME keeps one in the \
database (`upskill mappings list`). The format is in the README, \"Importing from your HR \
system or LMS\".

  employees    employee_id, full_name, role, department (required);
               email, manager_id, birth_year, hire_date, location, active
  programs     program_id, title, skill_area, format (required);
               provider, hours, validity_months
  completions  employee_id, program_id, completed_on (required);
               score, certificate_id

Rows are matched on employee_id, program_id, or employee_id + program_id + completed_on: a \
new key is inserted, an existing one updated, an identical row counted as unchanged. \
Columns the file does not have are left as they are, and records not in the file are never \
deleted. A manager must be in the database or in the file; reporting loops are refused. A \
completion's employee and program must be in the database.

Read as UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252; comma, \
semicolon, tab or pipe delimited (detected); blank lines are skipped. Dates may be \
YYYY-MM-DD, DD.MM.YYYY, slash or dash dates, dates with a month's name, or Excel serial \
numbers; whether slash dates are day or month first is read from the column's values (one \
15/04/2019 settles it), and where no value settles it --date-format chooses. birth_year may \
be a full date of birth: only its year is kept. active is true/false, yes/no, y/n, 1/0 or a \
status word (empty: true); employees' left_on is the day they left. \
format is a program format such as \"Workshop\", \"Hands-on lab\" or \"E-learning\". \
Decimals take a point (7.5).

The whole file is checked before anything is written. If any row has a problem, nothing is \
written, every problem is printed to stderr as FILE:LINE: column: reason, and the exit code \
is 1; --skip-invalid imports the valid rows instead and lists the rejected ones. The write is \
one transaction: an interrupted import leaves the database as it was.

`upskill import --template KIND` prints a file to start from.";

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Employees,
    Programs,
    Completions,
    Requirements,
    Exemptions,
    Targets,
}

impl From<Kind> for ImportKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Employees => ImportKind::Employees,
            Kind::Programs => ImportKind::Programs,
            Kind::Completions => ImportKind::Completions,
            Kind::Requirements => ImportKind::Requirements,
            Kind::Exemptions => ImportKind::Exemptions,
            Kind::Targets => ImportKind::Targets,
        }
    }
}

#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum, value_name = "KIND")]
    kind: Kind,

    /// The CSV file.
    #[arg(
        value_name = "FILE",
        required_unless_present = "template",
        conflicts_with = "template"
    )]
    file: Option<PathBuf>,

    /// Check the file and print the counts an import would have; write nothing.
    #[arg(long)]
    dry_run: bool,

    /// Import the valid rows and list the rejected ones, instead of rejecting the file.
    #[arg(long)]
    skip_invalid: bool,

    /// How to read dates written with slashes: MM/DD/YYYY or DD/MM/YYYY (YYYY-MM-DD and
    /// DD.MM.YYYY are always understood). Applies to birth_year, hire_date and completed_on.
    #[arg(long, value_name = "FMT", value_parser = parse_date_format)]
    date_format: Option<DateFormat>,

    /// Print a template for KIND (the header and an example row) instead of importing.
    #[arg(long)]
    template: bool,

    /// A mapping file (see "Mapping files" in --help), or the name of a saved mapping: how
    /// the export's columns become Upskill's fields. Fields it leaves out are recognised.
    #[arg(long, value_name = "MAP")]
    mapping: Option<String>,

    /// Print the mapping the import would use, as a complete mapping file with a comment on
    /// every choice it could not make, and import nothing.
    #[arg(long, conflicts_with_all = ["dry_run", "skip_invalid"])]
    suggest_mapping: bool,

    /// Save the mapping used (the --mapping given, else the one recognised) in the database
    /// under NAME, for --mapping NAME and for the app to offer for files like this one.
    #[arg(long, value_name = "NAME")]
    save_mapping: Option<String>,
}

fn parse_date_format(text: &str) -> Result<DateFormat, String> {
    DateFormat::parse(text).map_err(|e| match e.fields().first() {
        Some(problem) => problem.message.clone(),
        None => e.to_string(),
    })
}

pub fn run(db_path: &Path, args: ImportArgs) -> Result<ExitCode, Error> {
    let kind = ImportKind::from(args.kind);
    if args.template {
        print!("{}", import::template(kind).csv());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(file) = args.file else {
        return Err(Error::Internal("FILE is required".into()));
    };
    let options = ImportOptions {
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        date_format: args.date_format.unwrap_or_default(),
    };
    let mut db = Db::open(db_path)?;
    crate::backup::identify(&mut db);
    let today = chrono::Local::now().date_naive();
    let mapping = match &args.mapping {
        Some(arg) => Some(mappings::load(db.conn(), arg, kind)?),
        None => None,
    };
    let cancel = import::Cancel::default();
    if args.suggest_mapping || args.save_mapping.is_some() {
        let suggestion = import::suggest_mapping(
            kind,
            &file,
            options.date_format,
            mapping.as_ref(),
            today,
            &cancel,
        )?;
        if let Some(name) = &args.save_mapping {
            let text = mapping.as_ref().map_or(&suggestion.toml, |m| &m.text);
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            mappings::save(&mut db, name, kind, text, &suggestion.headers, &now)?;
            eprintln!(
                "saved the mapping as '{name}' (upskill import {kind} FILE --mapping '{name}')"
            );
        }
        if args.suggest_mapping {
            print!("{}", suggestion.toml);
            return Ok(ExitCode::SUCCESS);
        }
    }
    let report = import::import_with(
        &mut db,
        kind,
        &file,
        &options,
        mapping.as_ref(),
        today,
        &mut |_| {},
        &cancel,
    )?;

    print_mapping(&report);

    for warning in &report.warnings {
        eprintln!("{}: warning: {warning}", report.file);
    }
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    if report.problems_omitted > 0 {
        eprintln!("... and {} more problems", report.problems_omitted);
    }
    if report.outcome == ImportOutcome::Rejected {
        if report.dry_run && report.rows > report.rejected {
            print_counts(&report);
        }
        eprintln!("upskill: {}", rejection(&report));
        return Ok(ExitCode::from(1));
    }
    print_counts(&report);
    Ok(ExitCode::SUCCESS)
}

/// The mapping used, to stderr: where each field came from and how it is read.
fn print_mapping(report: &ImportReport) {
    if report.mapping.is_empty() {
        return;
    }
    // A file in Upskill's own format needs no explanation.
    let own = report.mapping.iter().all(|f| f.chosen == "own name");
    if own {
        return;
    }
    let name = report
        .mapping_name
        .as_deref()
        .map(|n| format!(" ('{n}')"))
        .unwrap_or_default();
    eprintln!("{}: mapping used{name}:", report.file);
    for f in &report.mapping {
        let from = match &f.value {
            Some(v) => format!("the value '{v}'"),
            None => f
                .columns
                .iter()
                .zip(&f.letters)
                .map(|(c, l)| format!("'{c}' ({l})"))
                .collect::<Vec<_>>()
                .join(" + "),
        };
        let reads = f
            .reads
            .as_deref()
            .map(|r| format!("; {r}"))
            .unwrap_or_default();
        eprintln!("  {:<15} <- {from} [{}{reads}]", f.field, f.chosen);
    }
}

fn print_counts(report: &ImportReport) {
    println!(
        "{}: {} {} rows ({}{}, {}-separated)",
        report.file,
        report.rows,
        report.kind,
        report.encoding,
        if report.bom { " with BOM" } else { "" },
        report.delimiter
    );
    println!("inserted   {}", report.inserted);
    println!("updated    {}", report.updated);
    println!("unchanged  {}", report.unchanged);
    println!("rejected   {}", report.rejected);
    if report.skipped > 0 {
        println!("skipped    {}", report.skipped);
    }
    if report.dry_run {
        println!(
            "dry run: nothing was written; the counts are what importing the valid rows would do"
        );
    }
}

fn rejection(report: &ImportReport) -> String {
    let verb = if report.dry_run {
        "would be rejected"
    } else {
        "was rejected"
    };
    let valid = report.rows.saturating_sub(report.rejected);
    if report.rejected > 0 && valid > 0 && report.rows > 0 {
        format!(
            "{} {verb}: {} of {} rows have problems; nothing was imported (--skip-invalid imports the other {valid})",
            report.file, report.rejected, report.rows
        )
    } else {
        format!("{} {verb}; nothing was imported", report.file)
    }
}
