//! Targets on the command line: `upskill targets list|add|delete` and
//! `upskill report targets`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use upskill_core::domain::TargetInput;
use upskill_core::export::CsvOut;
use upskill_core::report::{self as core_report, TargetsQuery, TargetsReport};
use upskill_core::{targets, Error, FieldProblem};

use crate::report::{io, open, print_json, print_table, Format, OutputArgs};

pub const REPORT_ABOUT: &str = "Where each target stands: its value now and 180 days ago, the \
forecast at its due date, its status and the day the forecast reaches it.\n\n\
Each value is the metric as the coverage report computes it on that day (that day's \
population and suppression), unrounded: coverage = the scope's coverage percentage; divide = \
the highest minus the lowest coverage among the scope's generations that are shown (not \
Unknown, not suppressed). Run rate = (value on D - value on D - 180 days) / 180 per day; \
forecast at T = value on D + rate x (T - D), clamped to 0-100, shown to one decimal.\n\n\
Status, the first that holds: insufficient_data (the scope's headcount on D - 180 or on D is \
below --min-group, or for divide fewer than two generations are shown), met (coverage >= value; \
divide <= value), missed (due before D), on_track (the forecast at due reaches the value), \
off_track.\n\n\
CSV columns: target_id,title,metric,value,due,current,value_180_days_ago,forecast_at_due,\
status,reach_date";

#[derive(Args)]
pub struct ReportArgs {
    /// The date D (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// k: a scope (or generation, for a divide) of fewer employees is not shown.
    #[arg(long, value_name = "N", default_value_t = core_report::DEFAULT_MIN_GROUP)]
    min_group: u32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArgs,
}

use upskill_core::export::TARGETS_REPORT_COLUMNS as COLUMNS;

pub fn report(db_path: &Path, args: ReportArgs, today: NaiveDate) -> Result<(), Error> {
    let db = open(db_path)?;
    let query = TargetsQuery {
        as_of: args.as_of.clone(),
        min_group: args.min_group,
    };
    let report =
        core_report::targets_report(db.conn(), &query, today).map_err(crate::report::with_flags)?;
    let delimiter = args.output.delimiter()?;
    let with_notes = args.output.with_notes;
    args.output.write_with(|mut out| match args.format {
        Format::Csv => {
            let mut csv = CsvOut::new(out, delimiter)?;
            upskill_core::export::write_targets_report(&mut csv, &report, with_notes)?;
            csv.finish()?;
            Ok(())
        }
        Format::Json => print_json(&mut out, &report),
        Format::Table => print_report(&mut out, &report),
    })
}

fn print_report(out: &mut dyn Write, report: &TargetsReport) -> Result<(), Error> {
    let one = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
    let header: Vec<String> = COLUMNS.map(String::from).to_vec();
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            vec![
                r.target_id.clone(),
                r.title.clone(),
                r.metric.to_string(),
                upskill_core::export::format_number(r.value),
                r.due.clone(),
                one(r.current),
                one(r.value_180_days_ago),
                one(r.forecast_at_due),
                r.status.to_string(),
                r.reach_date.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut out = out;
    print_table(&mut out, &header, 3, &rows)?;
    writeln!(out).map_err(io)?;
    for line in &report.lines {
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum TargetsCommand {
    /// Lists the targets.
    List,
    /// Adds a target: a metric (coverage or divide) for a scope, to reach by a due date.
    Add(Box<AddArgs>),
    /// Deletes a target.
    Delete {
        #[arg(value_name = "TARGET_ID")]
        id: String,
    },
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long, value_name = "TARGET_ID")]
    id: String,
    #[arg(long)]
    title: String,
    #[arg(long)]
    department: Option<String>,
    #[arg(long)]
    role: Option<String>,
    #[arg(long)]
    location: Option<String>,
    /// A generation: Silent Generation, Baby Boomers, Gen X, Millennials, Gen Z, Gen Alpha.
    #[arg(long)]
    generation: Option<String>,
    /// Only completions in this skill area count.
    #[arg(long, value_name = "AREA")]
    skill_area: Option<String>,
    /// Everyone below this manager, at any depth.
    #[arg(long, value_name = "EMPLOYEE_ID")]
    manager: Option<String>,
    /// coverage (reach at least VALUE percent) or divide (at most VALUE points).
    #[arg(long)]
    metric: String,
    /// 0 to 100.
    #[arg(long)]
    value: f64,
    /// YYYY-MM-DD, today or later.
    #[arg(long, value_name = "DATE")]
    due: String,
}

fn flags(err: Error) -> Error {
    match err {
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|p| {
                    let flag = match p.field.as_str() {
                        "target_id" => "--id".to_string(),
                        "manager_id" => "--manager".to_string(),
                        field => format!("--{}", field.replace('_', "-")),
                    };
                    FieldProblem::new(flag, p.message)
                })
                .collect(),
        ),
        other => other,
    }
}

pub fn run(db_path: &Path, command: TargetsCommand) -> Result<ExitCode, Error> {
    let today = chrono::Local::now().date_naive();
    let mut db = crate::backup::open_db(db_path)?;
    match command {
        TargetsCommand::List => {
            let header: Vec<String> = [
                "target_id",
                "title",
                "department",
                "role",
                "location",
                "generation",
                "skill_area",
                "manager_id",
                "metric",
                "value",
                "due",
            ]
            .map(String::from)
            .to_vec();
            let rows: Vec<Vec<String>> = targets::list_all(db.conn())?
                .into_iter()
                .map(|t| {
                    vec![
                        t.target_id,
                        t.title,
                        t.department.unwrap_or_default(),
                        t.role.unwrap_or_default(),
                        t.location.unwrap_or_default(),
                        t.generation.unwrap_or_default(),
                        t.skill_area.unwrap_or_default(),
                        t.manager_id.unwrap_or_default(),
                        t.metric.to_string(),
                        upskill_core::export::format_number(t.value),
                        t.due,
                    ]
                })
                .collect();
            print_table(&mut std::io::stdout().lock(), &header, header.len(), &rows)?;
        }
        TargetsCommand::Add(args) => {
            let AddArgs {
                id,
                title,
                department,
                role,
                location,
                generation,
                skill_area,
                manager,
                metric,
                value,
                due,
            } = *args;
            let input = TargetInput {
                target_id: id,
                title,
                department,
                role,
                location,
                generation,
                skill_area,
                manager_id: manager,
                metric,
                value: Some(value),
                due,
            };
            let t = targets::add(&mut db, &input, today).map_err(flags)?;
            println!(
                "added target {} ({} {} by {})",
                t.target_id,
                t.metric,
                upskill_core::export::format_number(t.value),
                t.due
            );
        }
        TargetsCommand::Delete { id } => {
            targets::delete(&mut db, &id)?;
            println!("deleted target {id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
