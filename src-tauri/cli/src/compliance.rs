//! Required training on the command line: `upskill report compliance`, the action list
//! `upskill compliance list`, and `upskill requirements` / `upskill exemptions`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use upskill_core::compliance::{
    self, ComplianceDim, ComplianceQuery, ComplianceReport, Obligation, Status,
};
use upskill_core::domain::{format_date, ExemptionInput, RequirementInput};
use upskill_core::export::CsvOut;
use upskill_core::{exemptions, requirements, Error};

use crate::report::{io, open, print_json, print_table, shown_pct, with_flags, Format, OutputArgs};

pub const REPORT_ABOUT: &str = "Required training: obligations by status and the compliance \
percentage, by one or two dimensions.\n\n\
A requirement applies on the as-of date D when it is in effect (effective_from <= D) to an \
employee who is active, hired on or before D (no hire date counts as hired) and matches every \
scope column set (role, department, location, ignoring case); an obligation is one such \
(employee, requirement). Status, first match wins: exempt (an exemption holds on D); compliant \
(a satisfying completion is valid on D and the latest expiry among the valid ones is after \
D + --expiring-days, or one never expires); expiring (valid, but every valid one expires on or \
before D + W); expired (none valid, but one on or before D); overdue (none on or before D and D \
is after the due date: the later of hire date and effective_from, plus due_days); due.\n\n\
compliance_pct = (compliant + expiring) / (obligations - exempt), to one decimal. Groups with \
fewer than --min-group people show their people only, and where exactly one group is \
suppressed the next-smallest is too.\n\n\
Dimensions: generation, age_band, role, department, location, requirement.\n\n\
CSV columns: DIM...,people,obligations,compliant,expiring,expired,overdue,due,exempt,\
compliance_pct,suppressed";

/// The query flags both compliance commands share.
#[derive(Args)]
struct QueryArgs {
    /// The date D (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only this requirement.
    #[arg(long, value_name = "REQUIREMENT_ID")]
    requirement: Option<String>,
    /// W: a valid completion expiring on or before D + N days is "expiring".
    #[arg(long, value_name = "N", default_value_t = compliance::DEFAULT_EXPIRING_DAYS)]
    expiring_days: u32,
    /// Only employees of this department.
    #[arg(long)]
    department: Option<String>,
    /// Only employees below this manager, at any depth (not the manager).
    #[arg(long, value_name = "EMPLOYEE_ID")]
    manager: Option<String>,
}

impl QueryArgs {
    fn query(&self, today: NaiveDate) -> ComplianceQuery {
        ComplianceQuery {
            as_of: self
                .as_of
                .clone()
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| format_date(today)),
            expiring_days: self.expiring_days,
            requirement_id: self.requirement.clone(),
            department: self.department.clone(),
            manager_id: self.manager.clone(),
        }
    }
}

#[derive(Args)]
pub struct ReportArgs {
    /// One or two dimensions, comma-separated: generation, age_band, role, department,
    /// location, requirement.
    #[arg(long, value_name = "DIM[,DIM]")]
    by: String,
    #[command(flatten)]
    query: QueryArgs,
    /// k: groups with fewer people show their people only (0 turns this off).
    #[arg(long, value_name = "N", default_value_t = upskill_core::report::DEFAULT_MIN_GROUP)]
    min_group: u32,
    #[command(flatten)]
    pool: crate::report::PoolArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn report(db_path: &Path, args: ReportArgs, today: NaiveDate) -> Result<(), Error> {
    let dims = ComplianceDim::parse_list(&args.by).map_err(with_flags)?;
    let db = open(db_path)?;
    let report = compliance::report_with(
        db.conn(),
        &args.query.query(today),
        &dims,
        args.min_group,
        args.pool.options(),
    )
    .map_err(with_flags)?;
    let delimiter = args.output.delimiter()?;
    let with_notes = args.output.with_notes;
    args.output.write_with(|mut out| match args.format {
        Format::Csv => {
            let mut csv = CsvOut::new(out, delimiter)?;
            compliance::write_report_csv(&mut csv, &report, with_notes)?;
            csv.finish()?;
            Ok(())
        }
        Format::Json => print_json(&mut out, &report),
        Format::Table => print_report(&mut out, &report),
    })
}

fn print_report(out: &mut dyn Write, report: &ComplianceReport) -> Result<(), Error> {
    let k = report.notes.min_group;
    let mut header: Vec<String> = report.dims.iter().map(|d| d.column().to_string()).collect();
    let numeric_from = header.len();
    header.extend(
        [
            "people",
            "obligations",
            "compliant",
            "expiring",
            "expired",
            "overdue",
            "due",
            "exempt",
            "compliance",
        ]
        .map(String::from),
    );
    let cells = |groups: Vec<String>, r: &compliance::ComplianceRow| {
        let mut row = groups;
        row.push(r.people.to_string());
        for value in [
            r.obligations,
            r.compliant,
            r.expiring,
            r.expired,
            r.overdue,
            r.due,
            r.exempt,
        ] {
            row.push(value.map_or("-".into(), |v| v.to_string()));
        }
        row.push(shown_pct(r.compliance_pct, r.suppressed, k));
        row
    };
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| cells(r.groups.clone(), r))
        .collect();
    let mut label = vec![String::new(); numeric_from];
    label[0] = "All employees".into();
    rows.push(cells(label, &report.total));
    let mut plain = std::io::BufWriter::new(out);
    print_table(&mut plain, &header, numeric_from, &rows)?;
    writeln!(plain).map_err(io)?;
    for line in &report.notes.lines {
        writeln!(plain, "{line}").map_err(io)?;
    }
    plain.flush().map_err(io)
}

#[derive(Subcommand)]
pub enum ComplianceCommand {
    /// The action list: one row per obligation, the most urgent first (overdue, expired,
    /// expiring, due, compliant, exempt; then by due date and employee).
    #[command(long_about = LIST_ABOUT)]
    List(ListArgs),
}

const LIST_ABOUT: &str = "The action list: one row per obligation (an applying employee and \
requirement) with its status on the as-of date, sorted by status (overdue, expired, expiring, \
due, compliant, exempt), then due_on, then employee_id.\n\n\
CSV columns: employee_id,full_name,role,department,manager_id,requirement_id,status,due_on,\
last_completed_on,expires_on (blank where none). last_completed_on = the latest satisfying \
completion on or before the as-of date; expires_on = the expiry of the valid completion that \
expires last, else of the latest completion; blank if it never expires.\n\n\
See `upskill report compliance --help` for the definitions.";

#[derive(Args)]
pub struct ListArgs {
    /// Only these statuses, comma-separated: overdue, expired, expiring, due, compliant, exempt.
    #[arg(long, value_name = "S[,S]")]
    status: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(db_path: &Path, command: ComplianceCommand) -> Result<ExitCode, Error> {
    let today = chrono::Local::now().date_naive();
    let result = match command {
        ComplianceCommand::List(args) => list(db_path, args, today),
    };
    match result {
        // `upskill compliance list | head`: the reader has all it wants. (The CSV writer's
        // final flush reports it as an error of kind Other, hence the message.)
        Err(Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe
                || source.to_string().contains("Broken pipe") =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn list(db_path: &Path, args: ListArgs, today: NaiveDate) -> Result<(), Error> {
    let only = match &args.status {
        Some(text) => Status::parse_list(text).map_err(with_flags)?,
        None => Vec::new(),
    };
    let db = open(db_path)?;
    let list =
        compliance::action_list(db.conn(), &args.query.query(today), &only).map_err(with_flags)?;
    let delimiter = args.output.delimiter()?;
    // CSV straight from the compact list (a quarter of a million rows on a large
    // organisation); the other formats from the obligations.
    let (list, rows) = match args.format {
        Format::Csv => (Some(list), Vec::new()),
        _ => (None, list.into_obligations()),
    };
    args.output
        .write_with(|mut out| match (args.format, &list) {
            (Format::Csv, Some(list)) => {
                // Buffered: stdout is line-buffered, which would write each row on its own.
                let mut csv =
                    CsvOut::new(std::io::BufWriter::with_capacity(1 << 16, out), delimiter)?;
                list.write_csv(&mut csv)?;
                csv.finish()?.flush().map_err(io)?;
                Ok(())
            }
            (Format::Json, _) => print_json(&mut out, &rows),
            _ => print_list(out, &rows),
        })
}

fn print_list(out: &mut dyn Write, rows: &[Obligation]) -> Result<(), Error> {
    let header: Vec<String> = compliance::LIST_COLUMNS.map(String::from).to_vec();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|o| {
            vec![
                o.employee_id.clone(),
                o.full_name.clone(),
                o.role.clone(),
                o.department.clone(),
                o.manager_id.clone().unwrap_or_default(),
                o.requirement_id.clone(),
                o.status.to_string(),
                o.due_on.clone(),
                o.last_completed_on.clone().unwrap_or_default(),
                o.expires_on.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut plain = std::io::BufWriter::new(out);
    print_table(&mut plain, &header, header.len(), &cells)?;
    writeln!(plain, "\n{} obligation(s)", rows.len()).map_err(io)?;
    plain.flush().map_err(io)
}

#[derive(Subcommand)]
pub enum RequirementsCommand {
    /// Lists the requirements (retired ones with --all).
    List {
        #[arg(long)]
        all: bool,
    },
    /// Adds a requirement: exactly one of --program and --skill-area says what satisfies it.
    Add {
        #[arg(long, value_name = "REQUIREMENT_ID")]
        id: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long, value_name = "PROGRAM_ID")]
        program: Option<String>,
        #[arg(long, value_name = "AREA")]
        skill_area: Option<String>,
        /// Days a person has, from the later of hire date and effective_from (default 90).
        #[arg(long, value_name = "N")]
        due_days: Option<i64>,
        /// In effect from (default today).
        #[arg(long, value_name = "DATE")]
        effective_from: Option<String>,
    },
    /// Retires a requirement: it no longer applies to anyone.
    Retire {
        #[arg(value_name = "REQUIREMENT_ID")]
        id: String,
    },
}

#[derive(Subcommand)]
pub enum ExemptionsCommand {
    /// Lists the exemptions.
    List {
        #[arg(long, value_name = "EMPLOYEE_ID")]
        employee: Option<String>,
        #[arg(long, value_name = "REQUIREMENT_ID")]
        requirement: Option<String>,
    },
    /// Exempts an employee from a requirement, for a reason, until a date (inclusive) or for good.
    Add {
        #[arg(long, value_name = "EMPLOYEE_ID")]
        employee: String,
        #[arg(long, value_name = "REQUIREMENT_ID")]
        requirement: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Deletes an exemption.
    Delete {
        #[arg(long, value_name = "EMPLOYEE_ID")]
        employee: String,
        #[arg(long, value_name = "REQUIREMENT_ID")]
        requirement: String,
    },
}

/// Names the command's flags in the core's field errors.
fn crud_flags(err: Error) -> Error {
    match err {
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|p| {
                    let flag = match p.field.as_str() {
                        "requirement_id" => "--requirement".to_string(),
                        "employee_id" => "--employee".to_string(),
                        "program_id" => "--program".to_string(),
                        field => format!("--{}", field.replace('_', "-")),
                    };
                    upskill_core::FieldProblem::new(flag, p.message)
                })
                .collect(),
        ),
        other => other,
    }
}

pub fn requirements_run(db_path: &Path, command: RequirementsCommand) -> Result<ExitCode, Error> {
    let today = chrono::Local::now().date_naive();
    let mut db = crate::backup::open_db(db_path)?;
    match command {
        RequirementsCommand::List { all } => {
            let header: Vec<String> = [
                "requirement_id",
                "title",
                "role",
                "department",
                "location",
                "program_id",
                "skill_area",
                "due_days",
                "effective_from",
                "retired",
            ]
            .map(String::from)
            .to_vec();
            let rows: Vec<Vec<String>> = requirements::list(db.conn(), all)?
                .into_iter()
                .map(|r| {
                    vec![
                        r.requirement_id,
                        r.title,
                        r.role.unwrap_or_default(),
                        r.department.unwrap_or_default(),
                        r.location.unwrap_or_default(),
                        r.program_id.unwrap_or_default(),
                        r.skill_area.unwrap_or_default(),
                        r.due_days.to_string(),
                        r.effective_from,
                        if r.retired { "yes" } else { "" }.to_string(),
                    ]
                })
                .collect();
            print_table(&mut std::io::stdout().lock(), &header, header.len(), &rows)?;
        }
        RequirementsCommand::Add {
            id,
            title,
            role,
            department,
            location,
            program,
            skill_area,
            due_days,
            effective_from,
        } => {
            let input = RequirementInput {
                requirement_id: id,
                title,
                role,
                department,
                location,
                program_id: program,
                skill_area,
                due_days,
                effective_from,
            };
            let r = requirements::create(&mut db, &input, today).map_err(crud_flags)?;
            println!(
                "added requirement {} (due {} days from {})",
                r.requirement_id, r.due_days, r.effective_from
            );
        }
        RequirementsCommand::Retire { id } => {
            let r = requirements::retire(&mut db, &id)?;
            println!("retired requirement {}", r.requirement_id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn exemptions_run(db_path: &Path, command: ExemptionsCommand) -> Result<ExitCode, Error> {
    let mut db = crate::backup::open_db(db_path)?;
    match command {
        ExemptionsCommand::List {
            employee,
            requirement,
        } => {
            let header: Vec<String> = [
                "employee_id",
                "full_name",
                "requirement_id",
                "reason",
                "until",
            ]
            .map(String::from)
            .to_vec();
            let rows: Vec<Vec<String>> =
                exemptions::list(db.conn(), employee.as_deref(), requirement.as_deref())?
                    .into_iter()
                    .map(|x| {
                        vec![
                            x.employee_id,
                            x.employee_name,
                            x.requirement_id,
                            x.reason,
                            x.until.unwrap_or_default(),
                        ]
                    })
                    .collect();
            print_table(&mut std::io::stdout().lock(), &header, header.len(), &rows)?;
        }
        ExemptionsCommand::Add {
            employee,
            requirement,
            reason,
            until,
        } => {
            let input = ExemptionInput {
                employee_id: employee,
                requirement_id: requirement,
                reason,
                until,
            };
            let x = exemptions::create(&mut db, &input).map_err(crud_flags)?;
            println!(
                "exempted {} from {}{}",
                x.employee_id,
                x.requirement_id,
                x.until.map(|u| format!(" until {u}")).unwrap_or_default()
            );
        }
        ExemptionsCommand::Delete {
            employee,
            requirement,
        } => {
            exemptions::delete(&mut db, &employee, &requirement)?;
            println!("deleted the exemption of {employee} from {requirement}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
