//! The seeded organisation generator: CSV files in the import formats, written streaming.
//!
//! Shape (at every size): a CEO, 15 department heads below them, then a manager tree with a
//! span of control of 7 (depth about log7 of the headcount), every employee in their manager's
//! department; about 45 roles; birth years across every working generation (a few without
//! one); 96 programs in 12 skill areas and all six formats. Who is trained follows the demo's
//! survey shape (Millennials ≈47%, Gen Z ≈40%, Gen X ≈33%, Baby Boomers ≈22%), and a trained
//! employee has 1 to 51 completions (26 on average), so completions ≈ 10 × employees.
//!
//! Every employee is drawn from their own RNG stream (seed, index), so a row never depends on
//! the order of generation. completions.csv is written in employee order while the same lines
//! go to one bucket file per month; each bucket is then sorted (by date, then a hash of the
//! line: a log's order within a day has nothing to do with employee ids) and appended to
//! completions-by-date.csv. Memory holds one employee's completions or one month's lines.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use upskill_core::names::{FIRST_NAMES, LAST_NAMES, LOCATIONS};
use upskill_core::rng::SplitMix64;

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

/// The generator of item `index` of stream `kind` under `seed`: every employee and every
/// employee's completions get their own stream, so a file can be written in any order and
/// still come out the same.
fn stream(seed: u64, kind: u64, index: u64) -> SplitMix64 {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
    let base = seed ^ kind.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let mut mixer = SplitMix64::new(base);
    let offset = mixer.next_u64().wrapping_add(index.wrapping_mul(GAMMA));
    // The mixer's state after that step (base + GAMMA), moved by the item's offset.
    let mut rng = SplitMix64::new(base.wrapping_add(GAMMA) ^ offset);
    rng.next_u64();
    rng
}

/// Departments: name, the head's role, the other roles, and the skill areas (indexes into
/// `AREAS`) its people train in besides the general ones.
const DEPARTMENTS: [(&str, &str, &[&str], &[usize]); 15] = [
    (
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
    (
        "Data",
        "Head of data",
        &["Data engineer", "Data scientist", "Analytics engineer"],
        &[3, 4, 7],
    ),
    ("Security", "CISO", &["Security analyst"], &[2, 6]),
    (
        "Product",
        "Chief product officer",
        &["Product manager", "UX designer"],
        &[7, 8],
    ),
    (
        "Sales",
        "Sales director",
        &["Account executive", "Sales engineer"],
        &[9],
    ),
    (
        "Customer Support",
        "Head of support",
        &["Support specialist"],
        &[9, 10],
    ),
    (
        "Marketing",
        "Marketing director",
        &["Marketing specialist"],
        &[8, 9],
    ),
    ("People", "HR director", &["HR partner", "Recruiter"], &[11]),
    (
        "Finance",
        "Finance director",
        &["Financial analyst", "Accountant"],
        &[7, 11],
    ),
    (
        "Legal",
        "General counsel",
        &["Legal counsel", "Compliance officer"],
        &[2, 11],
    ),
    (
        "Operations",
        "Operations director",
        &["Operations specialist"],
        &[10],
    ),
    (
        "Facilities",
        "Facilities director",
        &["Facilities coordinator", "Datacenter technician"],
        &[5],
    ),
    (
        "IT",
        "CIO",
        &["IT support technician", "Systems administrator"],
        &[5, 6, 10],
    ),
    ("Procurement", "Head of procurement", &["Buyer"], &[11]),
    (
        "Manufacturing",
        "Plant manager",
        &["Production technician", "Quality inspector"],
        &[10],
    ),
];
const EXECUTIVE: &str = "Executive";
const CEO_ROLE: &str = "Chief executive";
const LEAD_ROLE: &str = "Team lead";
/// A manager below the heads has this many reports.
const SPAN: u64 = 7;
const HEADS: u64 = DEPARTMENTS.len() as u64;

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
const FORMATS: [&str; 6] = [
    "bootcamp",
    "vendor_certification",
    "hands_on_lab",
    "e_learning",
    "workshop",
    "other",
];
const PROVIDERS: [&str; 6] = [
    "Upskill Academy",
    "Northwind Learning",
    "DataForge",
    "CloudCo",
    "ChipWorks",
    "Lex & Co",
];

/// Birth-year bands: first year, last year, share (per mille), share trained (per mille).
/// Gen Z stops at 2006 (of working age); 10 per mille have no birth year.
const BANDS: [(i32, i32, u64, u64); 5] = [
    (1938, 1945, 10, 150),  // Silent Generation
    (1946, 1964, 120, 220), // Baby Boomers
    (1965, 1980, 290, 330), // Gen X
    (1981, 1996, 400, 470), // Millennials
    (1997, 2006, 170, 400), // Gen Z
];
const NO_BIRTH_YEAR_TRAINED: u64 = 300;

const SEED_EMPLOYEE: u64 = 1;
const SEED_COMPLETIONS: u64 = 2;

pub fn employee_id(index: u64) -> String {
    format!("E{:07}", index + 1)
}

pub fn program_id(area: usize, n: usize) -> String {
    format!("P{:02}-{:02}", area + 1, n + 1)
}

/// The department of employee `index` (None: the CEO), following the tree up to a head.
fn department(index: u64) -> Option<usize> {
    let mut i = index;
    loop {
        match i {
            0 => return None,
            1..=HEADS => return Some((i - 1) as usize),
            _ => i = manager(i).unwrap_or(0),
        }
    }
}

fn manager(index: u64) -> Option<u64> {
    match index {
        0 => None,
        1..=HEADS => Some(0),
        _ => Some(1 + (index - HEADS - 1) / SPAN),
    }
}

/// Whether employee `index` has anyone reporting to them in an organisation of `count`.
fn has_reports(index: u64, count: u64) -> bool {
    match index {
        0 => count > 1,
        _ => HEADS + 1 + (index - 1) * SPAN < count,
    }
}

/// One generated employee.
pub struct Person {
    pub index: u64,
    pub department: Option<usize>,
    pub hire_date: Option<NaiveDate>,
    pub trained: bool,
}

fn csv_field(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

/// A name as the local part of an email address: lowercase ASCII letters only.
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'á' | 'ã' => Some('a'),
            'é' | 'ë' => Some('e'),
            'í' => Some('i'),
            'ó' | 'ö' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ç' => Some('c'),
            'ć' => Some('c'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Writes employee `index`'s row and returns what the completions need.
fn write_employee(out: &mut impl Write, seed: u64, index: u64, count: u64) -> io::Result<Person> {
    let mut rng = stream(seed, SEED_EMPLOYEE, index);
    let department = department(index);
    let (department_name, role) = match department {
        None => (EXECUTIVE, CEO_ROLE),
        Some(d) => {
            let (name, head, roles, _) = DEPARTMENTS[d];
            let role = if index <= HEADS {
                head
            } else if has_reports(index, count) {
                LEAD_ROLE
            } else {
                *rng.pick(roles)
            };
            (name, role)
        }
    };
    // Birth year: a band by its share, then uniform within it.
    let roll = rng.below(1000);
    let mut acc = 0;
    let mut birth_year = None;
    let mut trained_share = NO_BIRTH_YEAR_TRAINED;
    for (from, to, share, trained) in BANDS {
        acc += share;
        if roll < acc {
            birth_year = Some(from + rng.below((to - from + 1) as u64) as i32);
            trained_share = trained;
            break;
        }
    }
    let trained = rng.chance(trained_share);
    let as_of = as_of();
    // Hired at 18 or later, not before 1985, at least 30 days before as-of; 1% unknown.
    let hire_date = if rng.chance(10) {
        None
    } else {
        let year = birth_year.map_or(1990, |y| (y + 18).max(1985));
        let earliest = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
        let latest = as_of - Days::new(30);
        let span = (latest - earliest).num_days().max(1) as u64;
        Some((earliest + Days::new(rng.below(span))).min(latest))
    };
    let first = rng.pick(&FIRST_NAMES);
    let last = rng.pick(&LAST_NAMES);
    let id = employee_id(index);
    out.write_all(id.as_bytes())?;
    out.write_all(b",")?;
    csv_field(out, &format!("{first} {last}"))?;
    out.write_all(b",")?;
    // 2% have no email.
    if !rng.chance(20) {
        let local = format!("{}.{}.{}", ascii(first), ascii(last), index + 1);
        write!(out, "{local}@example.com")?;
    }
    write!(out, ",{role},{department_name},")?;
    if let Some(m) = manager(index) {
        out.write_all(employee_id(m).as_bytes())?;
    }
    out.write_all(b",")?;
    if let Some(year) = birth_year {
        write!(out, "{year}")?;
    }
    out.write_all(b",")?;
    if let Some(date) = hire_date {
        write!(out, "{date}")?;
    }
    out.write_all(b",")?;
    if !rng.chance(10) {
        out.write_all(rng.pick(&LOCATIONS).as_bytes())?;
    }
    // 4% have left; never a manager.
    let active = has_reports(index, count) || !rng.chance(40);
    writeln!(out, ",{}", u8::from(active))?;
    Ok(Person {
        index,
        department,
        hire_date,
        trained,
    })
}

fn write_programs(path: &Path) -> io::Result<u64> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "program_id,title,skill_area,format,provider,hours,validity_months"
    )?;
    let mut n = 0;
    for (a, area) in AREAS.iter().enumerate() {
        for p in 0..PROGRAMS_PER_AREA {
            let format = FORMATS[(a + p) % FORMATS.len()];
            let level = ["foundations", "in practice", "advanced", "for leaders"][p % 4];
            let title = format!("{area}: {level} ({})", format.replace('_', " "));
            let hours = [2, 4, 8, 16, 24, 40][(a * 3 + p) % 6];
            write!(out, "{},", program_id(a, p))?;
            csv_field(&mut out, &title)?;
            out.write_all(b",")?;
            csv_field(&mut out, area)?;
            write!(out, ",{format},")?;
            csv_field(&mut out, PROVIDERS[(a + 2 * p) % PROVIDERS.len()])?;
            write!(out, ",{hours},")?;
            if format == "vendor_certification" {
                write!(out, "{}", [12, 24, 36][p % 3])?;
            }
            writeln!(out)?;
            n += 1;
        }
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

/// Writes a trained person's completions in date order to `out` and to the month buckets.
fn write_completions(
    seed: u64,
    person: &Person,
    out: &mut impl Write,
    buckets: &mut [BufWriter<File>],
    line: &mut Vec<u8>,
) -> io::Result<u64> {
    let mut rng = stream(seed, SEED_COMPLETIONS, person.index);
    let as_of = as_of();
    let start = person
        .hire_date
        .map_or(first_completion_day(), |h| h.max(first_completion_day()));
    let span = (as_of - start).num_days().max(0) as u64 + 1;
    let specific: &[usize] = person.department.map_or(&[0], |d| DEPARTMENTS[d].3);
    let n = 1 + rng.below(51);
    let mut rows: Vec<(NaiveDate, usize, usize)> = (0..n)
        .map(|_| {
            // Half the time a general area, else one of the department's.
            let area = if rng.chance(500) {
                rng.below(GENERAL_AREAS as u64) as usize
            } else {
                *rng.pick(specific)
            };
            let program = rng.below(PROGRAMS_PER_AREA as u64) as usize;
            (start + Days::new(rng.below(span)), area, program)
        })
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let id = employee_id(person.index);
    for &(date, area, p) in &rows {
        line.clear();
        write!(line, "{id},{},{date},", program_id(area, p))?;
        // 80% have a score; certifications have a certificate id.
        if !rng.chance(200) {
            write!(line, "{}", 40 + rng.below(61))?;
        }
        line.push(b',');
        if FORMATS[(area + p) % FORMATS.len()] == "vendor_certification" {
            write!(line, "CERT-{:08X}", rng.next_u64() as u32)?;
        }
        line.push(b'\n');
        out.write_all(line)?;
        if let Some(b) = buckets.get_mut(bucket(date)) {
            b.write_all(line)?;
        }
    }
    Ok(rows.len() as u64)
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

    let programs = write_programs(&tmp(PROGRAMS_CSV))?;

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
    for index in 0..count {
        let person = write_employee(&mut employees, seed, index, count)?;
        if person.trained {
            total += write_completions(seed, &person, &mut completions, &mut buckets, &mut line)?;
        }
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
    fn the_tree_is_a_tree_and_departments_follow_it() {
        let count = 5_000;
        for i in 1..count {
            let m = manager(i).unwrap();
            assert!(m < i, "{i} reports to a later {m}");
            assert!(has_reports(m, count), "{m} has {i} below");
            if m != 0 {
                assert_eq!(department(i), department(m));
            }
        }
        assert_eq!(department(0), None);
    }

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
