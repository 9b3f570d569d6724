//! `upskill report coverage` and `upskill report gaps`: the core's reports as an aligned
//! table (with the definitions, filters, as-of and k beneath), CSV or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use upskill_core::db::{Db, OpenOptions};
use upskill_core::export::{self, CsvOut, Delimiter, ReportCsv};
use upskill_core::leadership::{self, LeadershipQuery};
use upskill_core::report::{
    self as core_report, CoverageReport, Dimension, Filters, GapQuery, GapReport, Period,
    ReportNotes, ReportOptions, ReportQuery, TrendQuery, TrendReport,
};
use upskill_core::{Error, FieldProblem};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Coverage (headcount, trained, percentage) by one or two dimensions.
    #[command(long_about = COVERAGE_ABOUT)]
    Coverage(CoverageArgs),
    /// Each group's coverage against the whole population's: flags the groups left behind
    /// and names the divide (the highest minus the lowest group).
    Gaps(GapArgs),
    /// Required training: obligations by status (compliant, expiring, expired, overdue, due,
    /// exempt) and the compliance percentage, by one or two dimensions.
    #[command(long_about = crate::compliance::REPORT_ABOUT)]
    Compliance(crate::compliance::ReportArgs),
    /// Coverage over time: the coverage report at the end of every month, quarter or year.
    #[command(long_about = TREND_ABOUT)]
    Trend(TrendArgs),
    /// Targets: each one's value now and 180 days ago, the forecast at its due date and
    /// whether it is met, on track, off track or missed.
    #[command(long_about = crate::targets::REPORT_ABOUT)]
    Targets(crate::targets::ReportArgs),
    /// The leadership report as a PDF (A4): headline coverage and the divide, generations,
    /// departments and roles, the role × generation heat map, compliance and targets, the
    /// trend, and the definitions with the record's SHA-256.
    #[command(long_about = PDF_ABOUT)]
    Pdf(PdfArgs),
}

const PDF_ABOUT: &str = "The leadership report as a PDF (A4, 2 to 6 pages).\n\n\
The headline coverage and the generational divide in words; coverage by generation (chart and \
table); by department and role (the top and bottom groups); the role × generation heat map; \
compliance by requirement and by department, and the targets with their status, when any exist; \
the trend (quarter ends over two years); and a page of definitions: population, as-of, filters, \
generation boundaries, k, the Upskill version and the SHA-256 of the record's content (the six \
tables as `upskill export` writes them, concatenated: employees, programs, completions, \
requirements, exemptions, targets).\n\n\
Every figure is the one `upskill report coverage`, `report compliance`, `report trend` and \
`report targets` print for the same filters, suppressed the same way: a group below k shows its \
headcount only; no person and no birth year appears. The text is real text with the font \
embedded. The file is written atomically.";

#[derive(Args)]
pub struct PdfArgs {
    /// The PDF file to write (replaced atomically if it exists).
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    filters: FilterArgs,
    /// The title on the first page (default "AI training coverage").
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
}

const TREND_ABOUT: &str = "Coverage over time: the coverage report at the end of every period.\n\n\
The points are the last day of each calendar month, quarter or year from --from to --to (a \
partial period at either end is included; the last point is --to itself). Each point is exactly \
`upskill report coverage --by DIM --as-of POINT` with the same filters: that day's population \
(hired by it, not left by it) and completions, suppressed on its own. Each point ends with an \
\"All employees\" row. At most 400 points.";

#[derive(Args)]
pub struct TrendArgs {
    /// One or two dimensions, comma-separated: generation, age_band, role, department,
    /// location, skill_area.
    #[arg(long, value_name = "DIM[,DIM]")]
    by: String,
    /// The first period is the one holding this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: String,
    /// The last point (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: String,
    /// A point at the end of every month, quarter or year.
    #[arg(long, value_enum, default_value_t = Every::Month)]
    every: Every,
    /// Only completions of programs in this skill area count.
    #[arg(long, value_name = "AREA")]
    skill_area: Option<String>,
    /// Only completions of programs of this format.
    #[arg(long, value_name = "FORMAT")]
    program_format: Option<String>,
    /// Only completions of this program.
    #[arg(long, value_name = "PROGRAM_ID")]
    program: Option<String>,
    /// Only employees of this department.
    #[arg(long)]
    department: Option<String>,
    /// Only employees below this manager, at any depth (not the manager).
    #[arg(long, value_name = "EMPLOYEE_ID")]
    manager: Option<String>,
    /// Count inactive employees without a left_on date too.
    #[arg(long)]
    include_inactive: bool,
    /// Trained = a completion still valid on each point's date.
    #[arg(long)]
    current: bool,
    /// k: groups with fewer employees show their headcount only (0 turns this off).
    #[arg(long, value_name = "N", default_value_t = core_report::DEFAULT_MIN_GROUP)]
    min_group: u32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Every {
    Month,
    Quarter,
    Year,
}

/// A usage error: printed as clap prints its own, exit 2.
pub(crate) fn usage_error(message: impl std::fmt::Display) -> ! {
    clap::Error::raw(
        clap::error::ErrorKind::ValueValidation,
        format!("{message}\n"),
    )
    .exit()
}

fn trend(db_path: &Path, args: TrendArgs, today: chrono::NaiveDate) -> Result<(), Error> {
    let dims = Dimension::parse_list(&args.by).map_err(with_flags)?;
    let query = TrendQuery {
        dims,
        filters: Filters {
            skill_area: args.skill_area.clone(),
            program_format: args.program_format.clone(),
            program_id: args.program.clone(),
            department: args.department.clone(),
            manager_id: args.manager.clone(),
            include_inactive: args.include_inactive,
            current: args.current.then_some(true),
            ..Filters::default()
        },
        min_group: args.min_group,
        from: args.from.clone(),
        to: args.to.clone(),
        every: match args.every {
            Every::Month => Period::Month,
            Every::Quarter => Period::Quarter,
            Every::Year => Period::Year,
        },
    };
    // A backwards range or too many points is a usage error, found before the database.
    if let Err(err) = core_report::trend_points(&query) {
        usage_error(with_flags(err));
    }
    let delimiter = args.output.delimiter()?;
    let db = open(db_path)?;
    let report = core_report::trend(db.conn(), &query, today).map_err(with_flags)?;
    args.output.write_with(|mut out| match args.format {
        Format::Csv => {
            let mut csv = CsvOut::new(out, delimiter)?;
            export::write_trend(&mut csv, &report, args.output.with_notes)?;
            csv.finish()?;
            Ok(())
        }
        Format::Json => print_json(&mut out, &report),
        Format::Table => print_trend(&mut out, &report),
    })
}

fn print_trend(out: &mut impl Write, report: &TrendReport) -> Result<(), Error> {
    let k = report.notes.min_group;
    let mut header: Vec<String> = vec!["period_end".into()];
    header.extend(report.dims.iter().map(|d| d.to_string()));
    let numeric_from = header.len();
    header.extend(["headcount", "trained", "coverage"].map(String::from));
    let mut rows = Vec::new();
    for point in &report.points {
        for r in point.rows.iter().chain(std::iter::once(&point.total)) {
            let mut row = vec![point.period_end.clone()];
            if r.groups.is_empty() {
                row.push(core_report::ALL_EMPLOYEES.into());
                row.resize(numeric_from, String::new());
            } else {
                row.extend(r.groups.iter().cloned());
            }
            row.push(r.headcount.to_string());
            row.push(r.trained.map_or("-".into(), |t| t.to_string()));
            row.push(shown_pct(r.coverage_pct, r.suppressed, k));
            rows.push(row);
        }
    }
    print_table(out, &header, numeric_from, &rows)?;
    print_notes(out, &report.notes)
}

const COVERAGE_ABOUT: &str =
    "Coverage (headcount, trained, percentage) by one or two dimensions.\n\n\
An employee is trained when they have at least one completion that passes the filters; \
coverage = trained / headcount, to one decimal. Groups with fewer than --min-group employees \
show their headcount only (suppressed), and where exactly one group is suppressed the \
next-smallest is too, so no number can be worked out by subtraction.\n\n\
Dimensions: generation (Pew Research Center birth years), age_band (as of --as-of), role, \
department, location, skill_area (one row per area; headcount is the whole population).";

#[derive(Args)]
pub struct CoverageArgs {
    /// One or two dimensions, comma-separated: generation, age_band, role, department,
    /// location, skill_area.
    #[arg(long, value_name = "DIM[,DIM]")]
    by: String,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    pool: PoolArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
pub(crate) struct PoolArgs {
    /// Pool the groups of fewer than --min-group employees into one "Other (N roles, M
    /// people)" row, shown when it reaches --min-group (off by default, so the rows of
    /// scheduled jobs stay as they were).
    #[arg(long)]
    pool_small: bool,
}

impl PoolArgs {
    pub(crate) fn options(&self) -> ReportOptions {
        ReportOptions {
            pool_small: self.pool_small,
        }
    }
}

#[derive(Args)]
pub struct GapArgs {
    /// The dimension: generation, age_band, role, department, location or skill_area.
    #[arg(long, value_name = "DIM")]
    by: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Flag groups this many percentage points or more below the population's coverage.
    #[arg(long, value_name = "PTS", default_value_t = core_report::DEFAULT_THRESHOLD)]
    threshold: f64,
    #[command(flatten)]
    pool: PoolArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArgs,
}

/// Where and how a report is written.
#[derive(Args)]
pub(crate) struct OutputArgs {
    /// Write to FILE instead of standard output (atomically: a temporary file beside it,
    /// renamed when complete).
    #[arg(long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// CSV field separator: ',' (default), ';' (Excel in many European locales), 'tab' or '|'.
    #[arg(long, default_value = ",", value_name = "CHAR")]
    pub(crate) delimiter: String,
    /// CSV: add the notes (filters, as-of, k, generation boundaries) after the table.
    #[arg(long)]
    pub(crate) with_notes: bool,
}

impl OutputArgs {
    /// Writes what `render` prints to the file (atomically) or to standard output.
    pub(crate) fn write_with(
        &self,
        render: impl Fn(&mut dyn Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        write_output(self.output.as_deref(), render)
    }

    pub(crate) fn delimiter(&self) -> Result<Delimiter, Error> {
        Delimiter::parse(&self.delimiter).map_err(with_flags)
    }

    /// Writes the report in `format` to the file or to standard output.
    fn write(&self, format: Format, report: ReportCsv<'_>) -> Result<(), Error> {
        let delimiter = Delimiter::parse(&self.delimiter).map_err(with_flags)?;
        let render = |mut out: &mut dyn Write| -> Result<(), Error> {
            match (format, report) {
                (Format::Csv, _) => {
                    let mut csv = CsvOut::new(out, delimiter)?;
                    export::write_report(&mut csv, report, self.with_notes)?;
                    csv.finish()?;
                    Ok(())
                }
                (Format::Table, ReportCsv::Coverage(r)) => print_coverage(&mut out, r),
                (Format::Table, ReportCsv::Gaps(r)) => print_gaps(&mut out, r),
                (Format::Json, ReportCsv::Coverage(r)) => print_json(&mut out, r),
                (Format::Json, ReportCsv::Gaps(r)) => print_json(&mut out, r),
            }
        };
        write_output(self.output.as_deref(), render)
    }
}

/// Writes what `render` prints to the file (atomically) or, without one, to standard output.
pub(crate) fn write_output(
    path: Option<&Path>,
    render: impl Fn(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    match path {
        Some(path) => {
            export::write_atomic(path, |file| render(file))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => render(&mut std::io::stdout().lock()),
    }
}

#[derive(Args)]
struct FilterArgs {
    #[command(flatten)]
    population: PopulationArgs,
    /// k: groups with fewer employees show their headcount only (0 turns this off).
    #[arg(long, value_name = "N", default_value_t = core_report::DEFAULT_MIN_GROUP)]
    min_group: u32,
}

impl FilterArgs {
    fn filters(&self) -> Filters {
        self.population.filters()
    }
}

/// The coverage report's filters: who is counted and which completions make them trained.
#[derive(Args)]
pub(crate) struct PopulationArgs {
    /// Only completions of programs in this skill area count.
    #[arg(long, value_name = "AREA")]
    skill_area: Option<String>,
    /// Only completions of programs of this format (bootcamp, vendor_certification,
    /// hands_on_lab, e_learning, workshop, other).
    #[arg(long, value_name = "FORMAT")]
    program_format: Option<String>,
    /// Only completions of this program.
    #[arg(long, value_name = "PROGRAM_ID")]
    program: Option<String>,
    /// Only completions on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only completions on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Report as of this date (default today): later completions and later hires are not
    /// counted; ages are as of its year.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only employees of this department.
    #[arg(long)]
    department: Option<String>,
    /// Only employees below this manager, at any depth (not the manager).
    #[arg(long, value_name = "EMPLOYEE_ID")]
    manager: Option<String>,
    /// Count inactive employees too.
    #[arg(long)]
    include_inactive: bool,
    /// Trained = a completion still valid on the as-of date (completed on or before it and
    /// its program's validity not run out).
    #[arg(long)]
    current: bool,
}

impl PopulationArgs {
    pub(crate) fn filters(&self) -> Filters {
        Filters {
            skill_area: self.skill_area.clone(),
            program_format: self.program_format.clone(),
            program_id: self.program.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            as_of: self.as_of.clone(),
            department: self.department.clone(),
            manager_id: self.manager.clone(),
            include_inactive: self.include_inactive,
            current: self.current.then_some(true),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Csv,
    Json,
}

pub fn run(db_path: &Path, command: ReportCommand) -> Result<ExitCode, Error> {
    match report(db_path, command) {
        // `upskill report ... | head`: the reader has all it wants.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

fn report(db_path: &Path, command: ReportCommand) -> Result<ExitCode, Error> {
    let today = chrono::Local::now().date_naive();
    match command {
        ReportCommand::Coverage(args) => {
            let dims = Dimension::parse_list(&args.by).map_err(with_flags)?;
            let db = open(db_path)?;
            let query = ReportQuery {
                dims,
                filters: args.filters.filters(),
                min_group: args.filters.min_group,
            };
            let report = core_report::coverage_with(db.conn(), &query, args.pool.options(), today)
                .map_err(with_flags)?;
            args.output
                .write(args.format, ReportCsv::Coverage(&report))?;
        }
        ReportCommand::Gaps(args) => {
            let dims = Dimension::parse_list(&args.by).map_err(with_flags)?;
            let [dim] = dims[..] else {
                return Err(Error::invalid(
                    "--by",
                    "gaps are found along one dimension (e.g. --by generation)",
                ));
            };
            let db = open(db_path)?;
            let query = GapQuery {
                dim,
                filters: args.filters.filters(),
                min_group: args.filters.min_group,
                threshold: args.threshold,
            };
            let report = core_report::gaps_with(db.conn(), &query, args.pool.options(), today)
                .map_err(with_flags)?;
            args.output.write(args.format, ReportCsv::Gaps(&report))?;
        }
        ReportCommand::Compliance(args) => crate::compliance::report(db_path, args, today)?,
        ReportCommand::Trend(args) => trend(db_path, args, today)?,
        ReportCommand::Targets(args) => crate::targets::report(db_path, args, today)?,
        ReportCommand::Pdf(args) => {
            let db = open(db_path)?;
            let query = LeadershipQuery {
                filters: args.filters.filters(),
                min_group: args.filters.min_group,
                title: args.title,
                beside_organisation: false,
            };
            let summary = leadership::write_pdf(db.conn(), &query, today, &args.output)
                .map_err(with_flags)?;
            eprintln!("wrote {} ({} pages)", summary.path, summary.pages);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the database for a report: without the `quick_check` of the whole file, which a
/// read does not need and which would cost more than the report itself on a large record
/// (OpenOptions::quick_check).
pub(crate) fn open(db_path: &Path) -> Result<Db, Error> {
    Db::open_with(
        db_path,
        &OpenOptions {
            quick_check: false,
            ..OpenOptions::default()
        },
    )
}

/// Names the command-line flag instead of the core's field in a validation error.
pub(crate) fn with_flags(err: Error) -> Error {
    match err {
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|p| {
                    let flag = match p.field.as_str() {
                        "program_id" => "--program".to_string(),
                        "manager_id" => "--manager".to_string(),
                        "requirement_id" => "--requirement".to_string(),
                        field => format!("--{}", field.replace('_', "-")),
                    };
                    FieldProblem::new(flag, p.message)
                })
                .collect(),
        ),
        other => other,
    }
}

pub(crate) fn io(err: std::io::Error) -> Error {
    Error::io("standard output", err)
}

pub(crate) fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Internal(format!("the report could not be written as JSON: {e}")))?;
    writeln!(out, "{text}").map_err(io)
}

/// Columns of an aligned table: text columns left, numbers right.
pub(crate) fn print_table(
    out: &mut impl Write,
    header: &[String],
    numeric_from: usize,
    rows: &[Vec<String>],
) -> Result<(), Error> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                if i < numeric_from {
                    format!("{cell:<width$}")
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end()).map_err(io)?;
    }
    Ok(())
}

pub(crate) fn shown_pct(value: Option<f64>, suppressed: bool, k: u32) -> String {
    match value {
        _ if suppressed => format!("fewer than {k}"),
        Some(v) => format!("{v:.1}%"),
        None => "-".into(),
    }
}

pub(crate) fn print_notes(out: &mut impl Write, notes: &ReportNotes) -> Result<(), Error> {
    writeln!(out).map_err(io)?;
    for line in &notes.lines {
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}

fn print_coverage(out: &mut impl Write, report: &CoverageReport) -> Result<(), Error> {
    let k = report.notes.min_group;
    let mut header: Vec<String> = report.dims.iter().map(|d| d.to_string()).collect();
    let numeric_from = header.len();
    header.extend(["headcount", "trained", "coverage"].map(String::from));
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            let mut row = r.groups.clone();
            row.push(r.headcount.to_string());
            row.push(r.trained.map_or("-".into(), |t| t.to_string()));
            row.push(shown_pct(r.coverage_pct, r.suppressed, k));
            row
        })
        .collect();
    let t = &report.total;
    let mut total = vec![String::new(); numeric_from];
    total[0] = "All employees".into();
    total.push(t.headcount.to_string());
    total.push(t.trained.map_or("-".into(), |v| v.to_string()));
    total.push(shown_pct(t.coverage_pct, t.suppressed, k));
    rows.push(total);
    print_table(out, &header, numeric_from, &rows)?;
    print_notes(out, &report.notes)
}

fn print_gaps(out: &mut impl Write, report: &GapReport) -> Result<(), Error> {
    let k = report.notes.min_group;
    let header: Vec<String> = [
        report.dim.as_str(),
        "headcount",
        "trained",
        "coverage",
        "gap (pts)",
        "flagged",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            vec![
                r.group.clone(),
                r.headcount.to_string(),
                r.trained.map_or("-".into(), |t| t.to_string()),
                shown_pct(r.coverage_pct, r.suppressed, k),
                r.gap_pts.map_or("-".into(), |g| format!("{g:+.1}")),
                if r.flagged { "yes" } else { "" }.into(),
            ]
        })
        .collect();
    print_table(out, &header, 1, &rows)?;
    let t = &report.total;
    writeln!(out).map_err(io)?;
    match (t.coverage_pct, t.trained) {
        (Some(pct), Some(trained)) => writeln!(
            out,
            "All employees: {pct:.1}% ({trained} of {}); flagged: {} points or more below.",
            t.headcount, report.threshold
        ),
        _ => writeln!(
            out,
            "All employees: {} (fewer than {k}: coverage not shown).",
            t.headcount
        ),
    }
    .map_err(io)?;
    match &report.divide {
        Some(divide) => writeln!(out, "Divide: {}", divide.text),
        None => writeln!(out, "Divide: fewer than two groups are shown."),
    }
    .map_err(io)?;
    print_notes(out, &report.notes)
}
