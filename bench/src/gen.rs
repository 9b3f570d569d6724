//! The benchmark organisations as CSV files in the import formats, written streaming: the core's
//! generator (`upskill_core::generator`) with the bench's shape, and the files' layout.
//!
//! The shape (at every size): a CEO, 15 department heads below them, then a manager tree with a
//! span of control of 7, about 45 roles; birth years across every working generation (a few
//! without one); 96 programs in 12 skill areas and all six formats. Who is trained follows the
//! demo's survey shape (Millennials ≈47%, Gen Z ≈40%, Gen X ≈33%, Baby Boomers ≈22%), and a
//! trained employee has 1 to 51 completions (26 on average), so completions ≈ 10 × employees.
//!
//! completions.csv is written in employee order while the same lines go to one bucket file per
//! month; each bucket is then sorted (by date, then a hash of the line: a log's order within a
//! day has nothing to do with employee ids) and appended to completions-by-date.csv. Memory
//! holds one employee's completions or one month's lines.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use upskill_core::domain::ProgramFormat;
use upskill_core::generator::{Area, Band, Department, Person, Program, Shape, Training};
use upskill_core::names::{FIRST_NAMES, LAST_NAMES, LOCATIONS};

/// Bump when the generated files change, so old files are regenerated.
pub const GENERATOR_VERSION: u32 = 1;
pub const DEFAULT_SEED: u64 = 2026;

/// The files' "today": every date is on or before it (the import refuses future dates).
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default()
}

/// The first day a completion may have.
fn first_completion_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default()
}

pub const EMPLOYEES_CSV: &str = "employees.csv";
pub const PROGRAMS_CSV: &str = "programs.csv";
pub const COMPLETIONS_CSV: &str = "completions.csv";
pub const COMPLETIONS_BY_DATE_CSV: &str = "completions-by-date.csv";
/// The file imported while the desktop's reads are timed (during_import.rs).
pub const COMPLETIONS_NEW_CSV: &str = "completions-new.csv";
const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Size {
    #[value(name = "S")]
    S,
    #[value(name = "M")]
    M,
    #[value(name = "L")]
    L,
}

impl Size {
    pub fn employees(self) -> u32 {
        match self {
            Size::S => 1_000,
            Size::M => 100_000,
            Size::L => 1_000_000,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
        }
    }
}

/// What was generated, kept beside the files so a later run can reuse them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generator_version: u32,
    pub size: Size,
    pub seed: u64,
    pub as_of: String,
    pub employees: u64,
    pub programs: u64,
    pub completions: u64,
    pub employees_bytes: u64,
    pub completions_bytes: u64,
}

/// Departments: name, the head's role, the other roles, and the skill areas (indexes into
/// `AREAS`) its people train in besides the general ones.
const DEPARTMENTS: [Department; 15] = [
    Department::new(
        "Engineering",
        "VP engineering",
        &[
            "Software engineer",
            "Senior software engineer",
            "ML engineer",
            "Site reliability engineer",
        ],
        &[3, 4, 5, 6],
    ),
    Department::new(
        "Data",
        "Head of data",
        &["Data engineer", "Data scientist", "Analytics engineer"],
        &[3, 4, 7],
    ),
    Department::new("Security", "CISO", &["Security analyst"], &[2, 6]),
    Department::new(
        "Product",
        "Chief product officer",
        &["Product manager", "UX designer"],
        &[7, 8],
    ),
    Department::new(
        "Sales",
        "Sales director",
        &["Account executive", "Sales engineer"],
        &[9],
    ),
    Department::new(
        "Customer Support",
        "Head of support",
        &["Support specialist"],
        &[9, 10],
    ),
    Department::new(
        "Marketing",
        "Marketing director",
        &["Marketing specialist"],
        &[8, 9],
    ),
    Department::new("People", "HR director", &["HR partner", "Recruiter"], &[11]),
    Department::new(
        "Finance",
        "Finance director",
        &["Financial analyst", "Accountant"],
        &[7, 11],
    ),
    Department::new(
        "Legal",
        "General counsel",
        &["Legal counsel", "Compliance officer"],
        &[2, 11],
    ),
    Department::new(
        "Operations",
        "Operations director",
        &["Operations specialist"],
        &[10],
    ),
    Department::new(
        "Facilities",
        "Facilities director",
        &["Facilities coordinator", "Datacenter technician"],
        &[5],
    ),
    Department::new(
        "IT",
        "CIO",
        &["IT support technician", "Systems administrator"],
        &[5, 6, 10],
    ),
    Department::new("Procurement", "Head of procurement", &["Buyer"], &[11]),
    Department::new(
        "Manufacturing",
        "Plant manager",
        &["Production technician", "Quality inspector"],
        &[10],
    ),
];

/// Skill areas; the first three are everyone's.
const AREAS: [&str; 12] = [
    "AI literacy",
    "Prompt engineering",
    "AI security & compliance",
    "Data science & engineering",
    "ML engineering",
    "GPU & high-density infrastructure",
    "AI for software development",
    "Analytics & BI",
    "AI product & design",
    "AI for customer work",
    "Automation & agents",
    "Responsible AI & governance",
];
const GENERAL_AREAS: usize = 3;
const PROGRAMS_PER_AREA: usize = 8;
/// The formats in the order the programs cycle through them.
const FORMATS: [ProgramFormat; 6] = ProgramFormat::ALL;
const PROVIDERS: [&str; 6] = [
    "Upskill Academy",
    "Northwind Learning",
    "DataForge",
    "CloudCo",
    "ChipWorks",
    "Lex & Co",
];

/// Birth-year bands. Gen Z stops at 2006 (of working age); 10 per mille have no birth year.
const BANDS: [Band; 5] = [
    Band::new(1938, 1945, 10, 150),  // Silent Generation
    Band::new(1946, 1964, 120, 220), // Baby Boomers
    Band::new(1965, 1980, 290, 330), // Gen X
    Band::new(1981, 1996, 400, 470), // Millennials
    Band::new(1997, 2006, 170, 400), // Gen Z
];

/// Program `n` of area `area`: ids P01-01…, a title from the area, a level and the format.
fn program(area: usize, n: usize) -> Program {
    let format = FORMATS[(area + n) % FORMATS.len()];
    let level = ["foundations", "in practice", "advanced", "for leaders"][n % 4];
    Program {
        program_id: format!("P{:02}-{:02}", area + 1, n + 1),
        title: format!(
            "{}: {level} ({})",
            AREAS[area],
            format.as_str().replace('_', " ")
        ),
        format,
        provider: PROVIDERS[(area + 2 * n) % PROVIDERS.len()],
        hours: [2, 4, 8, 16, 24, 40][(area * 3 + n) % 6],
        validity_months: (format == ProgramFormat::VendorCertification)
            .then_some([12, 24, 36][n % 3]),
    }
}

/// The bench's organisation: the generator's shape for every size.
pub fn shape() -> Shape {
    Shape {
        departments: &DEPARTMENTS,
        span: 7,
        id_width: 7,
        first_names: &FIRST_NAMES,
        last_names: &LAST_NAMES,
        locations: &LOCATIONS,
        bands: &BANDS,
        no_birth_year_trained: 300,
        training: Training::Drawn,
        no_email: 20,
        no_hire_date: 10,
        no_location: 10,
        inactive: 40,
        areas: AREAS
            .iter()
            .enumerate()
            .map(|(a, &name)| Area {
                name,
                programs: (0..PROGRAMS_PER_AREA).map(|n| program(a, n)).collect(),
            })
            .collect(),
        general_areas: GENERAL_AREAS,
        completions: (1, 51),
        completions_from: first_completion_day(),
        as_of: as_of(),
    }
}

fn csv_field(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

fn write_employee(out: &mut impl Write, shape: &Shape, person: &Person) -> io::Result<()> {
    out.write_all(shape.employee_id(person.index).as_bytes())?;
    out.write_all(b",")?;
    csv_field(out, &person.full_name())?;
    out.write_all(b",")?;
    if let Some(email) = &person.email {
        out.write_all(email.as_bytes())?;
    }
    write!(out, ",{},{},", person.role, person.department_name)?;
    if let Some(m) = person.manager {
        out.write_all(shape.employee_id(m).as_bytes())?;
    }
    out.write_all(b",")?;
    if let Some(year) = person.birth_year {
        write!(out, "{year}")?;
    }
    out.write_all(b",")?;
    if let Some(date) = person.hire_date {
        write!(out, "{date}")?;
    }
    out.write_all(b",")?;
    if let Some(location) = person.location {
        out.write_all(location.as_bytes())?;
    }
    writeln!(out, ",{}", u8::from(person.active))
}

fn write_programs(path: &Path, shape: &Shape) -> io::Result<u64> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "program_id,title,skill_area,format,provider,hours,validity_months"
    )?;
    let mut n = 0;
    for (area, program) in shape.programs() {
        write!(out, "{},", program.program_id)?;
        csv_field(&mut out, &program.title)?;
        out.write_all(b",")?;
        csv_field(&mut out, area)?;
        write!(out, ",{},", program.format.as_str())?;
        csv_field(&mut out, program.provider)?;
        write!(out, ",{},", program.hours)?;
        if let Some(months) = program.validity_months {
            write!(out, "{months}")?;
        }
        writeln!(out)?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// The month bucket of a date: months since the first completion day.
fn bucket(date: NaiveDate) -> usize {
    let first = first_completion_day();
    ((date.year() - first.year()) * 12 + date.month() as i32 - first.month() as i32).max(0) as usize
}

/// FNV-1a: a fixed hash, to order the lines of one day.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// Writes a trained person's completions (in date order) to `out` and to the month buckets.
fn write_completions(
    shape: &Shape,
    person: &Person,
    out: &mut impl Write,
    buckets: &mut [BufWriter<File>],
    line: &mut Vec<u8>,
) -> io::Result<u64> {
    let id = shape.employee_id(person.index);
    for c in &person.completions {
        line.clear();
        write!(
            line,
            "{id},{},{},",
            shape.program(c).program_id,
            c.completed_on
        )?;
        if let Some(score) = c.score {
            write!(line, "{score}")?;
        }
        line.push(b',');
        if let Some(certificate) = c.certificate {
            write!(line, "{certificate}")?;
        }
        line.push(b'\n');
        out.write_all(line)?;
        if let Some(b) = buckets.get_mut(bucket(c.completed_on)) {
            b.write_all(line)?;
        }
    }
    Ok(person.completions.len() as u64)
}

/// Writes `rows` completions that a database holding completions.csv does not have, as
/// COMPLETIONS_NEW_CSV in `dir`: completions.csv's lines with the date one day earlier, then,
/// while more rows are wanted, the same lines again, each round a further 8 years earlier.
/// The first round's dates fall in 2018-12-31..2026-06-29 and each later round's 8 years
/// below the one before, so no two lines share a key (employee, program, date); a line may
/// meet an existing completion only where a person did the same program on the day before.
/// 8 years keeps 29 February a leap day. Returns the file's path and its rows.
pub fn write_new_completions(dir: &Path, rows: u64) -> io::Result<(std::path::PathBuf, u64)> {
    let source = dir.join(COMPLETIONS_CSV);
    let path = dir.join(COMPLETIONS_NEW_CSV);
    let tmp = dir.join(format!(".{COMPLETIONS_NEW_CSV}.tmp"));
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
    let mut written = 0u64;
    let bad =
        |line: &str| io::Error::other(format!("{}: not a bench line: {line}", source.display()));
    for round in 0u32.. {
        let mut lines = BufReader::new(File::open(&source)?).lines();
        let header = lines.next().transpose()?.unwrap_or_default();
        if round == 0 {
            writeln!(out, "{header}")?;
        }
        let mut any = false;
        for line in lines {
            if written == rows {
                break;
            }
            let line = line?;
            // employee_id,program_id,completed_on,score,certificate_id: no field is quoted.
            let mut fields = line.splitn(4, ',');
            let (Some(e), Some(p), Some(d), Some(rest)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(bad(&line));
            };
            let date = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.checked_sub_days(Days::new(1)))
                .and_then(|d| d.checked_sub_months(chrono::Months::new(96 * round)))
                .ok_or_else(|| bad(&line))?;
            writeln!(out, "{e},{p},{date},{rest}")?;
            written += 1;
            any = true;
        }
        if written == rows || !any {
            break;
        }
    }
    out.flush()?;
    drop(out);
    rename(&tmp, &path)?;
    Ok((path, written))
}

fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

/// Generates the files of `size` into `dir` unless an identical set is already there.
/// Returns the manifest.
pub fn generate(dir: &Path, size: Size, seed: u64, quiet: bool) -> io::Result<Manifest> {
    fs::create_dir_all(dir)?;
    let manifest_path = dir.join(MANIFEST);
    if let Ok(text) = fs::read_to_string(&manifest_path) {
        if let Ok(found) = serde_json::from_str::<Manifest>(&text) {
            let files_there = [
                EMPLOYEES_CSV,
                PROGRAMS_CSV,
                COMPLETIONS_CSV,
                COMPLETIONS_BY_DATE_CSV,
            ]
            .iter()
            .all(|f| dir.join(f).is_file());
            if found.generator_version == GENERATOR_VERSION
                && found.size == size
                && found.seed == seed
                && files_there
            {
                return Ok(found);
            }
        }
    }
    let _ = fs::remove_file(&manifest_path);
    let started = std::time::Instant::now();
    let count = u64::from(size.employees());
    let tmp = |name: &str| dir.join(format!(".{name}.tmp"));

    let shape = shape();
    let programs = write_programs(&tmp(PROGRAMS_CSV), &shape)?;

    let bucket_dir = dir.join(".buckets");
    let _ = fs::remove_dir_all(&bucket_dir);
    fs::create_dir_all(&bucket_dir)?;
    let months = bucket(as_of()) + 1;
    let bucket_path = |m: usize| bucket_dir.join(format!("{m:04}.csv"));
    let mut buckets: Vec<BufWriter<File>> = (0..months)
        .map(|m| File::create(bucket_path(m)).map(|f| BufWriter::with_capacity(64 * 1024, f)))
        .collect::<io::Result<_>>()?;

    let header = "employee_id,program_id,completed_on,score,certificate_id\n";
    let mut employees = BufWriter::with_capacity(1 << 20, File::create(tmp(EMPLOYEES_CSV))?);
    employees.write_all(
        b"employee_id,full_name,email,role,department,manager_id,birth_year,hire_date,location,active\n",
    )?;
    let mut completions = BufWriter::with_capacity(1 << 20, File::create(tmp(COMPLETIONS_CSV))?);
    completions.write_all(header.as_bytes())?;
    let mut total = 0u64;
    let mut line = Vec::with_capacity(128);
    for person in shape.people(seed, count) {
        write_employee(&mut employees, &shape, &person)?;
        total += write_completions(&shape, &person, &mut completions, &mut buckets, &mut line)?;
    }
    employees.flush()?;
    completions.flush()?;
    for b in &mut buckets {
        b.flush()?;
    }
    drop(buckets);

    // The date-ordered file: each month's lines sorted by (date, hash), appended in order.
    let mut by_date =
        BufWriter::with_capacity(1 << 20, File::create(tmp(COMPLETIONS_BY_DATE_CSV))?);
    by_date.write_all(header.as_bytes())?;
    for m in 0..months {
        let mut lines: Vec<(String, u64, String)> = Vec::new();
        for text in BufReader::new(File::open(bucket_path(m))?).lines() {
            let text = text?;
            let date = text.split(',').nth(2).unwrap_or_default().to_string();
            let hash = fnv(text.as_bytes());
            lines.push((date, hash, text));
        }
        lines.sort_unstable();
        for (_, _, text) in lines {
            by_date.write_all(text.as_bytes())?;
            by_date.write_all(b"\n")?;
        }
    }
    by_date.flush()?;
    drop(by_date);
    fs::remove_dir_all(&bucket_dir)?;

    for name in [
        EMPLOYEES_CSV,
        PROGRAMS_CSV,
        COMPLETIONS_CSV,
        COMPLETIONS_BY_DATE_CSV,
    ] {
        rename(&tmp(name), &dir.join(name))?;
    }
    let manifest = Manifest {
        generator_version: GENERATOR_VERSION,
        size,
        seed,
        as_of: as_of().to_string(),
        employees: count,
        programs,
        completions: total,
        employees_bytes: fs::metadata(dir.join(EMPLOYEES_CSV))?.len(),
        completions_bytes: fs::metadata(dir.join(COMPLETIONS_CSV))?.len(),
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    fs::write(&manifest_path, text)?;
    if !quiet {
        eprintln!(
            "generated {}: {} employees, {} programs, {} completions in {:.1?}",
            dir.display(),
            manifest.employees,
            manifest.programs,
            manifest.completions,
            started.elapsed()
        );
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_date_sorted() {
        let a = std::env::temp_dir().join(format!("upskill-bench-gen-a-{}", std::process::id()));
        let b = std::env::temp_dir().join(format!("upskill-bench-gen-b-{}", std::process::id()));
        let ma = generate(&a, Size::S, 7, true).unwrap();
        let mb = generate(&b, Size::S, 7, true).unwrap();
        assert_eq!(ma, mb);
        assert_eq!(ma.employees, 1_000);
        assert!(
            (7_000..14_000).contains(&ma.completions),
            "{}",
            ma.completions
        );
        for name in [EMPLOYEES_CSV, COMPLETIONS_CSV, COMPLETIONS_BY_DATE_CSV] {
            assert_eq!(
                fs::read(a.join(name)).unwrap(),
                fs::read(b.join(name)).unwrap()
            );
        }
        let by_date = fs::read_to_string(a.join(COMPLETIONS_BY_DATE_CSV)).unwrap();
        let dates: Vec<&str> = by_date
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap())
            .collect();
        assert_eq!(dates.len() as u64, ma.completions);
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        let mut sorted_a: Vec<&str> = by_date.lines().skip(1).collect();
        let by_employee = fs::read_to_string(a.join(COMPLETIONS_CSV)).unwrap();
        let mut sorted_b: Vec<&str> = by_employee.lines().skip(1).collect();
        sorted_a.sort_unstable();
        sorted_b.sort_unstable();
        assert_eq!(sorted_a, sorted_b, "the same rows in both files");

        // The file imported during the reads: as many rows as asked (here past two rounds),
        // every key (employee, program, date) once, every date one the import accepts.
        let want = 2 * ma.completions + 5;
        let (path, rows) = write_new_completions(&a, want).unwrap();
        assert_eq!(rows, want);
        let text = fs::read_to_string(&path).unwrap();
        let mut keys = std::collections::HashSet::new();
        let mut lines = text.lines();
        assert_eq!(lines.next(), by_employee.lines().next(), "the same header");
        for line in lines {
            let f: Vec<&str> = line.split(',').collect();
            let date = NaiveDate::parse_from_str(f[2], "%Y-%m-%d").unwrap();
            assert!(date < as_of() && date.year() > 2000, "{line}");
            assert!(keys.insert((f[0], f[1], date)), "twice: {line}");
        }
        assert_eq!(keys.len() as u64, want);
        let (_, fewer) = write_new_completions(&a, 10).unwrap();
        assert_eq!(fewer, 10);
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 11);
        fs::remove_dir_all(&a).unwrap();
        fs::remove_dir_all(&b).unwrap();
    }
}
