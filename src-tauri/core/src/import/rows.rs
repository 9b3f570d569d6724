//! Records to validated inputs: the header mapping, the lenient cell formats an import
//! accepts (dates, yes/no, numbers), and one record → `*Input` → `validate`.
//!
//! The rules themselves live in [`crate::domain`]; this module only turns spreadsheet text
//! into the inputs those rules take, so a row and a form are held to the same rules.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{DateUse, Header};
use super::records::Record;
use super::ImportKind;
use crate::domain::{
    format_date, CompletionInput, EmployeeInput, ExemptionInput, ProgramInput, RequirementInput,
    TargetInput, ValidCompletion, ValidEmployee, ValidExemption, ValidProgram, ValidRequirement,
    ValidTarget,
};
use crate::error::{Error, FieldProblem, Result};

/// The columns of each file kind, in template order. The `col` constants index these.
pub(crate) const EMPLOYEE_COLUMNS: &[&str] = &[
    "employee_id",
    "full_name",
    "email",
    "role",
    "department",
    "manager_id",
    "birth_year",
    "hire_date",
    "location",
    "active",
    "left_on",
];
pub(crate) const PROGRAM_COLUMNS: &[&str] = &[
    "program_id",
    "title",
    "skill_area",
    "format",
    "provider",
    "hours",
    "validity_months",
];
pub(crate) const COMPLETION_COLUMNS: &[&str] = &[
    "employee_id",
    "program_id",
    "completed_on",
    "score",
    "certificate_id",
];

pub(crate) const REQUIREMENT_COLUMNS: &[&str] = &[
    "requirement_id",
    "title",
    "role",
    "department",
    "location",
    "program_id",
    "skill_area",
    "due_days",
    "effective_from",
];
pub(crate) const EXEMPTION_COLUMNS: &[&str] = &["employee_id", "requirement_id", "reason", "until"];
pub(crate) const TARGET_COLUMNS: &[&str] = &[
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
];

/// Positions in the column lists above.
pub(crate) mod col {
    pub mod employee {
        pub const EMPLOYEE_ID: usize = 0;
        pub const FULL_NAME: usize = 1;
        pub const EMAIL: usize = 2;
        pub const ROLE: usize = 3;
        pub const DEPARTMENT: usize = 4;
        pub const MANAGER_ID: usize = 5;
        pub const BIRTH_YEAR: usize = 6;
        pub const HIRE_DATE: usize = 7;
        pub const LOCATION: usize = 8;
        pub const ACTIVE: usize = 9;
        pub const LEFT_ON: usize = 10;
    }
    pub mod program {
        pub const PROGRAM_ID: usize = 0;
        pub const TITLE: usize = 1;
        pub const SKILL_AREA: usize = 2;
        pub const FORMAT: usize = 3;
        pub const PROVIDER: usize = 4;
        pub const HOURS: usize = 5;
        pub const VALIDITY_MONTHS: usize = 6;
    }
    pub mod requirement {
        pub const REQUIREMENT_ID: usize = 0;
        pub const TITLE: usize = 1;
        pub const ROLE: usize = 2;
        pub const DEPARTMENT: usize = 3;
        pub const LOCATION: usize = 4;
        pub const PROGRAM_ID: usize = 5;
        pub const SKILL_AREA: usize = 6;
        pub const DUE_DAYS: usize = 7;
        pub const EFFECTIVE_FROM: usize = 8;
    }
    pub mod exemption {
        pub const EMPLOYEE_ID: usize = 0;
        pub const REQUIREMENT_ID: usize = 1;
        pub const REASON: usize = 2;
        pub const UNTIL: usize = 3;
    }
    pub mod target {
        pub const TARGET_ID: usize = 0;
        pub const TITLE: usize = 1;
        pub const DEPARTMENT: usize = 2;
        pub const ROLE: usize = 3;
        pub const LOCATION: usize = 4;
        pub const GENERATION: usize = 5;
        pub const SKILL_AREA: usize = 6;
        pub const MANAGER_ID: usize = 7;
        pub const METRIC: usize = 8;
        pub const VALUE: usize = 9;
        pub const DUE: usize = 10;
    }
    pub mod completion {
        pub const EMPLOYEE_ID: usize = 0;
        pub const PROGRAM_ID: usize = 1;
        pub const COMPLETED_ON: usize = 2;
        pub const SCORE: usize = 3;
        pub const CERTIFICATE_ID: usize = 4;
    }
}

/// How dates written with slashes are read. `YYYY-MM-DD` and `DD.MM.YYYY` are always
/// understood (neither is ambiguous); `03/04/2024` is April 3rd in London and March 4th in
/// New York, so slash dates are refused unless the file's convention is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DateFormat {
    /// `YYYY-MM-DD` or `DD.MM.YYYY`; slash dates are refused as ambiguous.
    #[default]
    Iso,
    /// Also `MM/DD/YYYY` (United States).
    MonthFirst,
    /// Also `DD/MM/YYYY` (United Kingdom and most of the world).
    DayFirst,
}

impl DateFormat {
    /// The names the command line takes: `YYYY-MM-DD` (or `DD.MM.YYYY`, the same), `MM/DD/YYYY`,
    /// `DD/MM/YYYY`, in any case.
    pub fn parse(text: &str) -> Result<DateFormat> {
        match text.trim().to_ascii_uppercase().as_str() {
            "YYYY-MM-DD" | "ISO" | "DD.MM.YYYY" => Ok(DateFormat::Iso),
            "MM/DD/YYYY" => Ok(DateFormat::MonthFirst),
            "DD/MM/YYYY" => Ok(DateFormat::DayFirst),
            _ => Err(Error::invalid(
                "date_format",
                format!(
                    "'{}' is not a date format; use YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY",
                    text.trim()
                ),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::MonthFirst => "MM/DD/YYYY",
            DateFormat::DayFirst => "DD/MM/YYYY",
        }
    }

    fn accepted(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD or DD.MM.YYYY",
            DateFormat::MonthFirst => "YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY",
            DateFormat::DayFirst => "YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY",
        }
    }
}

/// A value quoted for a message, cut short so that a 1 MB cell makes a one-line message.
pub(crate) fn quoted(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("'{}…'", &value[..cut]),
        None => format!("'{value}'"),
    }
}

/// Parses a date as a file may write it; the error is the message for the cell.
pub(crate) fn parse_date(text: &str, format: DateFormat) -> std::result::Result<NaiveDate, String> {
    let text = text.trim();
    let date = strip_time(text);
    let not_a_date = || {
        format!(
            "{} is not a date; write it as {}",
            quoted(text),
            format.accepted()
        )
    };
    let (y, m, d) = if let Some([y, m, d]) = numbers(date, b'-', [4, 2, 2]) {
        (y, m, d)
    } else if let Some([d, m, y]) = numbers(date, b'.', [2, 2, 4]) {
        (y, m, d)
    } else if let Some([a, b, y]) = numbers(date, b'/', [2, 2, 4]) {
        match format {
            DateFormat::MonthFirst => (y, a, b),
            DateFormat::DayFirst => (y, b, a),
            DateFormat::Iso => {
                return Err(format!(
                    "{} could be MM/DD/YYYY or DD/MM/YYYY; choose the date format",
                    quoted(text)
                ))
            }
        }
    } else {
        return Err(not_a_date());
    };
    let year = i32::try_from(y).map_err(|_| not_a_date())?;
    NaiveDate::from_ymd_opt(year, m, d)
        .ok_or_else(|| format!("{} is not a real date", quoted(text)))
}

/// `2024-03-01T00:00:00Z` and `15.03.2024 00:00` are dates with a time of day, as HR systems
/// and Excel export them; the time is dropped.
fn strip_time(text: &str) -> &str {
    let Some(at) = text.find(['T', ' ']) else {
        return text;
    };
    let time = text[at + 1..].trim();
    let looks_like_time = time.starts_with(|c: char| c.is_ascii_digit())
        && time.contains(':')
        && time
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'));
    if looks_like_time {
        &text[..at]
    } else {
        text
    }
}

/// Three runs of ASCII digits separated by `sep`, each at most as long as `max` says (the
/// four-digit part must be exactly four digits).
fn numbers(text: &str, sep: u8, max: [usize; 3]) -> Option<[u32; 3]> {
    let mut parts = text.as_bytes().split(|&b| b == sep);
    let mut out = [0u32; 3];
    for (slot, max) in out.iter_mut().zip(max) {
        let part = parts.next()?;
        let ok_len = if max == 4 {
            part.len() == 4
        } else {
            (1..=max).contains(&part.len())
        };
        if !ok_len || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *slot = part.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    }
    parts.next().is_none().then_some(out)
}

/// A birth year, or a full date of birth reduced to its year (the date itself goes no
/// further than this function).
pub(crate) fn parse_birth_year(text: &str, format: DateFormat) -> std::result::Result<i32, String> {
    let text = text.trim();
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse()
            .map_err(|_| format!("{} is not a year", quoted(text)));
    }
    match parse_date(text, format) {
        Ok(date) => Ok(date.year()),
        Err(message) if message.contains("is not a date") => Err(format!(
            "{} is not a year or a date; write it as YYYY or as {}",
            quoted(text),
            format.accepted()
        )),
        Err(message) => Err(message),
    }
}

/// `active`: true/false, yes/no, y/n, 1/0, or an employment status word HR systems export
/// (Active, Terminated, On Leave, Aktiv, ...: [`super::vocab::employment_status`]), in any
/// case; empty is true.
pub(crate) fn parse_bool(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "yes" | "y" | "1" | "active" => Ok(true),
        "false" | "no" | "n" | "0" | "inactive" => Ok(false),
        other => super::vocab::employment_status(other).ok_or_else(|| {
            format!(
                "{} is not true/false, yes/no, y/n, 1/0 or a status word Upskill knows (Active, Terminated, On Leave, ...); say what it means in a mapping: active = {{ column = \"...\", values = {{ {} = \"true\" }} }}",
                quoted(text.trim()),
                super::mapping::toml_string(text.trim())
            )
        }),
    }
}

/// A decimal number with a point. A comma is refused rather than guessed at: "1,500" is one
/// and a half in Berlin and fifteen hundred in Boston.
pub(crate) fn parse_number(text: &str) -> std::result::Result<f64, String> {
    let text = text.trim();
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'));
    match text.parse::<f64>() {
        Ok(n) if plain && n.is_finite() => Ok(n),
        _ if text.contains(',') => Err(format!(
            "{} is not a number; write decimals with a point (1.5)",
            quoted(text)
        )),
        _ => Err(format!("{} is not a number", quoted(text))),
    }
}

pub(crate) fn parse_whole(text: &str) -> std::result::Result<i32, String> {
    let text = text.trim();
    text.parse::<i32>()
        .map_err(|_| format!("{} is not a whole number", quoted(text)))
}

/// A spreadsheet cell may hold line breaks (Alt+Enter in Excel) or tabs; no value Upskill
/// keeps may, so each run of them becomes one space instead of a rejected row.
pub(crate) fn flatten(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains(['\r', '\n', '\t']) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        if matches!(c, '\r' | '\n' | '\t') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    Cow::Owned(out)
}

/// What turning one record into a valid input needs.
pub(crate) struct RowContext<'h> {
    pub header: &'h Header,
    pub date_format: DateFormat,
    pub today: NaiveDate,
}

/// Collects the problems of one row: cell-format problems first, then those validation
/// finds in other fields (a cell that could not be read is not also "required").
struct RowProblems(Vec<FieldProblem>);

impl RowProblems {
    fn cell<T>(&mut self, field: &str, parsed: std::result::Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.0.push(FieldProblem::new(field, message));
                None
            }
        }
    }

    fn finish<T>(
        mut self,
        validated: Result<T>,
        kind: ImportKind,
    ) -> std::result::Result<T, Vec<FieldProblem>> {
        match validated {
            Ok(value) if self.0.is_empty() => return Ok(value),
            Ok(_) => {}
            Err(Error::Invalid(found)) => {
                for problem in found {
                    if !self.0.iter().any(|p| p.field == problem.field) {
                        self.0.push(problem);
                    }
                }
            }
            Err(other) => self.0.push(FieldProblem::new("", other.to_string())),
        }
        let columns = kind.columns();
        self.0.sort_by_key(|p| {
            columns
                .iter()
                .position(|c| *c == p.field)
                .map_or(0, |i| i + 1)
        });
        Err(self.0)
    }
}

fn optional(text: Option<Cow<'_, str>>) -> Option<Cow<'_, str>> {
    text.filter(|t| !t.trim().is_empty())
}

/// A resolved reference (a manager, a completion's learner or course): `None` keeps the
/// cell as the file has it; `Some(None)` means "no manager".
pub(crate) type Resolved = Option<Option<String>>;

impl RowContext<'_> {
    fn start(&self, record: &Record<'_>) -> RowProblems {
        RowProblems(self.extra_values(record).into_iter().collect())
    }

    /// A row with non-empty values beyond the header's columns has most likely had a value
    /// split by an unquoted delimiter: every later column would be shifted.
    fn extra_values(&self, record: &Record<'_>) -> Option<FieldProblem> {
        let columns = self.header.names.len();
        let extra = (columns..record.len())
            .filter(|&i| record.get(i).is_some_and(|v| !v.trim_ascii().is_empty()))
            .count();
        (extra > 0).then(|| {
            FieldProblem::new(
                "",
                format!(
                    "the row has {} values but the header has {columns} columns; is a value with a delimiter in it not quoted?",
                    record.len(),
                ),
            )
        })
    }

    fn text(&self, record: &Record<'_>, column: usize) -> String {
        self.header
            .cell(record, column)
            .map(Cow::into_owned)
            .unwrap_or_default()
    }

    fn opt_text(&self, record: &Record<'_>, column: usize) -> Option<String> {
        self.header.cell(record, column).map(Cow::into_owned)
    }

    /// A date cell of the kind's column `column`, read as its field says.
    pub fn parse_date_in(
        &self,
        column: usize,
        text: &str,
    ) -> std::result::Result<NaiveDate, String> {
        use super::dates::{read_auto, AutoError, DayMonth};
        let using = self.header.field(column).map(|f| &f.date);
        let parsed = match using {
            Some(DateUse::Excel) => super::dates::parse_excel(text),
            Some(DateUse::Pattern(pattern)) => {
                super::dates::parse_with_pattern(pattern, text, self.today)
            }
            Some(DateUse::Auto(order)) => {
                let order = order.or(match self.date_format {
                    DateFormat::MonthFirst => Some(DayMonth::MonthFirst),
                    DateFormat::DayFirst => Some(DayMonth::DayFirst),
                    DateFormat::Iso => None,
                });
                // YYYY-MM-DD and DD.MM.YYYY (with a time or not) name their own form: read
                // them the quick way; `read_auto` tries every form a value could be in.
                let quick = if text.contains('/') {
                    None
                } else {
                    parse_date(text, DateFormat::Iso).ok()
                };
                match quick.map_or_else(|| read_auto(text, order, self.today), Ok) {
                    Ok(date) => Ok(date),
                    Err(AutoError::NoForm) => parse_date(text, self.date_format),
                    Err(AutoError::Ambiguous(forms)) => Err(format!(
                        "{} could be {}; choose the date format",
                        quoted(text.trim()),
                        forms
                            .iter()
                            .map(|f| f.label())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )),
                    Err(AutoError::WrongOrder(form)) => Err(format!(
                        "{} can only be {}, but the column's other dates are {}",
                        quoted(text.trim()),
                        form.label(),
                        order.map_or("the other way round", |o| o.label())
                    )),
                }
            }
            None => parse_date(text, self.date_format),
        };
        parsed.map_err(|message| {
            let excel = !matches!(using, Some(DateUse::Excel))
                && super::dates::forms_of(text, self.today) == [super::dates::DateForm::Excel];
            if excel {
                format!(
                    "{message}; {} looks like an Excel date serial: read it with format = \"excel\"",
                    quoted(text.trim())
                )
            } else {
                message
            }
        })
    }

    fn date(
        &self,
        p: &mut RowProblems,
        record: &Record<'_>,
        column: usize,
        field: &str,
    ) -> Option<String> {
        let text = optional(self.header.cell(record, column))?;
        p.cell(field, self.parse_date_in(column, &text))
            .map(format_date)
    }

    /// A birth year, or a date of birth (read as the column's dates are) reduced to its year.
    fn birth_year(&self, text: &str) -> std::result::Result<i32, String> {
        let t = text.trim();
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            return parse_birth_year(t, self.date_format);
        }
        match self.parse_date_in(col::employee::BIRTH_YEAR, t) {
            Ok(date) => Ok(date.year()),
            Err(message) if message.contains("is not a date") => Err(format!(
                "{} is not a year or a date; write it as YYYY or as {}",
                quoted(t),
                self.date_format.accepted()
            )),
            Err(message) => Err(message),
        }
    }

    /// `manager`: the manager as resolved from the cell (see [`Resolved`]).
    pub fn employee(
        &self,
        record: &Record<'_>,
        manager: Resolved,
    ) -> std::result::Result<ValidEmployee, Vec<FieldProblem>> {
        use col::employee::*;
        let mut p = self.start(record);
        let birth_year = optional(self.header.cell(record, BIRTH_YEAR))
            .and_then(|t| p.cell("birth_year", self.birth_year(&t)));
        let hire_date = self.date(&mut p, record, HIRE_DATE, "hire_date");
        let left_on = self.date(&mut p, record, LEFT_ON, "left_on");
        let active = match self.header.cell(record, ACTIVE) {
            Some(text) => p.cell("active", parse_bool(&text)).unwrap_or(true),
            None => true,
        };
        let manager_id = match manager {
            Some(resolved) => resolved,
            None => self.opt_text(record, MANAGER_ID),
        };
        let input = EmployeeInput {
            employee_id: self.text(record, EMPLOYEE_ID),
            full_name: self.text(record, FULL_NAME),
            email: self.opt_text(record, EMAIL),
            role: self.text(record, ROLE),
            department: self.text(record, DEPARTMENT),
            manager_id,
            birth_year,
            hire_date,
            location: self.opt_text(record, LOCATION),
            active,
            left_on,
        };
        p.finish(input.validate(self.today), ImportKind::Employees)
    }

    pub fn program(
        &self,
        record: &Record<'_>,
    ) -> std::result::Result<ValidProgram, Vec<FieldProblem>> {
        use col::program::*;
        let mut p = self.start(record);
        let hours = optional(self.header.cell(record, HOURS))
            .and_then(|t| p.cell("hours", parse_number(&t)));
        let validity_months = optional(self.header.cell(record, VALIDITY_MONTHS))
            .and_then(|t| p.cell("validity_months", parse_whole(&t)));
        let input = ProgramInput {
            program_id: self.text(record, PROGRAM_ID),
            title: self.text(record, TITLE),
            skill_area: self.text(record, SKILL_AREA),
            format: self.text(record, FORMAT),
            provider: self.opt_text(record, PROVIDER),
            hours,
            validity_months,
        };
        p.finish(input.validate(), ImportKind::Programs)
    }

    /// `ids`: the employee and program ids resolved from the cells, when they were.
    pub fn completion(
        &self,
        record: &Record<'_>,
        employee_id: Option<String>,
        program_id: Option<String>,
    ) -> std::result::Result<ValidCompletion, Vec<FieldProblem>> {
        use col::completion::*;
        let mut p = self.start(record);
        let completed_on = self
            .date(&mut p, record, COMPLETED_ON, "completed_on")
            .unwrap_or_default();
        let score = optional(self.header.cell(record, SCORE))
            .and_then(|t| p.cell("score", parse_number(&t)));
        let input = CompletionInput {
            employee_id: employee_id.unwrap_or_else(|| self.text(record, EMPLOYEE_ID)),
            program_id: program_id.unwrap_or_else(|| self.text(record, PROGRAM_ID)),
            completed_on,
            score,
            certificate_id: self.opt_text(record, CERTIFICATE_ID),
        };
        p.finish(input.validate(self.today), ImportKind::Completions)
    }

    /// A cell that is blank is no value.
    fn opt_nonblank(&self, record: &Record<'_>, column: usize) -> Option<String> {
        optional(self.header.cell(record, column)).map(|t| t.trim().to_string())
    }

    pub fn requirement(
        &self,
        record: &Record<'_>,
    ) -> std::result::Result<ValidRequirement, Vec<FieldProblem>> {
        use col::requirement::*;
        let mut p = self.start(record);
        let due_days = optional(self.header.cell(record, DUE_DAYS))
            .and_then(|t| p.cell("due_days", parse_whole(&t)))
            .map(i64::from);
        let effective_from = self.date(&mut p, record, EFFECTIVE_FROM, "effective_from");
        let input = RequirementInput {
            requirement_id: self.text(record, REQUIREMENT_ID),
            title: self.text(record, TITLE),
            role: self.opt_nonblank(record, ROLE),
            department: self.opt_nonblank(record, DEPARTMENT),
            location: self.opt_nonblank(record, LOCATION),
            program_id: self.opt_nonblank(record, PROGRAM_ID),
            skill_area: self.opt_nonblank(record, SKILL_AREA),
            due_days,
            effective_from,
        };
        p.finish(input.validate(self.today), ImportKind::Requirements)
    }

    pub fn exemption(
        &self,
        record: &Record<'_>,
    ) -> std::result::Result<ValidExemption, Vec<FieldProblem>> {
        use col::exemption::*;
        let mut p = self.start(record);
        let until = self.date(&mut p, record, UNTIL, "until");
        let input = ExemptionInput {
            employee_id: self.text(record, EMPLOYEE_ID),
            requirement_id: self.text(record, REQUIREMENT_ID),
            reason: self.text(record, REASON),
            until,
        };
        p.finish(input.validate(), ImportKind::Exemptions)
    }

    pub fn target(
        &self,
        record: &Record<'_>,
    ) -> std::result::Result<ValidTarget, Vec<FieldProblem>> {
        use col::target::*;
        let mut p = self.start(record);
        let value = optional(self.header.cell(record, VALUE))
            .and_then(|t| p.cell("value", parse_number(&t)));
        let due = self.date(&mut p, record, DUE, "due").unwrap_or_default();
        let input = TargetInput {
            target_id: self.text(record, TARGET_ID),
            title: self.text(record, TITLE),
            department: self.opt_nonblank(record, DEPARTMENT),
            role: self.opt_nonblank(record, ROLE),
            location: self.opt_nonblank(record, LOCATION),
            generation: self.opt_nonblank(record, GENERATION),
            skill_area: self.opt_nonblank(record, SKILL_AREA),
            manager_id: self.opt_nonblank(record, MANAGER_ID),
            metric: self.text(record, METRIC).trim().to_string(),
            value,
            due,
        };
        p.finish(input.validate(self.today), ImportKind::Targets)
    }

    /// The row as the preview shows it: the kind's columns the file has, trimmed and cut
    /// short; a full date of birth is shown as its year, as it would be stored.
    pub fn preview(&self, record: &Record<'_>) -> Vec<String> {
        const MAX: usize = 100;
        let birth_year =
            (self.header.kind == ImportKind::Employees).then_some(col::employee::BIRTH_YEAR);
        (0..self.header.fields.len())
            .filter(|&c| self.header.has(c))
            .map(|c| {
                let text = self.text(record, c);
                let text = text.trim();
                if Some(c) == birth_year && !text.is_empty() {
                    if let Ok(year) = self.birth_year(text) {
                        return year.to_string();
                    }
                }
                match text.char_indices().nth(MAX) {
                    Some((cut, _)) => format!("{}…", &text[..cut]),
                    None => text.to_string(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let iso = DateFormat::Iso;
        assert_eq!(parse_date("2024-03-05", iso), Ok(d(2024, 3, 5)));
        assert_eq!(parse_date(" 2024-3-5 ", iso), Ok(d(2024, 3, 5)));
        assert_eq!(parse_date("05.03.2024", iso), Ok(d(2024, 3, 5)));
        assert_eq!(parse_date("5.3.2024", iso), Ok(d(2024, 3, 5)));
        assert_eq!(parse_date("2024-03-05T00:00:00Z", iso), Ok(d(2024, 3, 5)));
        assert_eq!(parse_date("05.03.2024 13:45", iso), Ok(d(2024, 3, 5)));
        assert_eq!(
            parse_date("03/05/2024", DateFormat::MonthFirst),
            Ok(d(2024, 3, 5))
        );
        assert_eq!(
            parse_date("03/05/2024", DateFormat::DayFirst),
            Ok(d(2024, 5, 3))
        );
        assert_eq!(
            parse_date("03/05/2024", iso),
            Err("'03/05/2024' could be MM/DD/YYYY or DD/MM/YYYY; choose the date format".into())
        );
        assert_eq!(
            parse_date("2023-02-29", iso),
            Err("'2023-02-29' is not a real date".into())
        );
        assert_eq!(
            parse_date("31.04.2024", iso),
            Err("'31.04.2024' is not a real date".into())
        );
        assert_eq!(
            parse_date("March 5", iso),
            Err("'March 5' is not a date; write it as YYYY-MM-DD or DD.MM.YYYY".into())
        );
        for bad in [
            "24-03-05",
            "2024-03-05x",
            "2024/03/05",
            "1.2.3",
            "",
            "2024--05",
            "١٢.٠٣.٢٠٢٤",
        ] {
            assert!(parse_date(bad, DateFormat::DayFirst).is_err(), "{bad}");
        }
    }

    #[test]
    fn birth_year_takes_a_year_or_reduces_a_date() {
        let f = DateFormat::Iso;
        assert_eq!(parse_birth_year("1990", f), Ok(1990));
        assert_eq!(parse_birth_year("1990-05-17", f), Ok(1990));
        assert_eq!(parse_birth_year("17.05.1990", f), Ok(1990));
        assert_eq!(
            parse_birth_year("05/17/1990", DateFormat::MonthFirst),
            Ok(1990)
        );
        assert_eq!(
            parse_birth_year("nineteen", f),
            Err("'nineteen' is not a year or a date; write it as YYYY or as YYYY-MM-DD or DD.MM.YYYY".into())
        );
        assert!(parse_birth_year("30.02.1990", f)
            .unwrap_err()
            .contains("not a real date"));
    }

    #[test]
    fn yes_no_and_numbers() {
        for t in ["TRUE", "yes", "Y", "1", "", " active "] {
            assert_eq!(parse_bool(t), Ok(true), "{t}");
        }
        for t in ["false", "No", "n", "0", "Inactive"] {
            assert_eq!(parse_bool(t), Ok(false), "{t}");
        }
        assert!(parse_bool("maybe").is_err());
        assert_eq!(parse_number(" 12.5 "), Ok(12.5));
        assert_eq!(
            parse_number("1,5"),
            Err("'1,5' is not a number; write decimals with a point (1.5)".into())
        );
        for bad in ["NaN", "inf", "1e999", "", "12 h"] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_whole("12"), Ok(12));
        assert!(parse_whole("12.5").is_err());
    }

    #[test]
    fn date_format_names() {
        assert_eq!(
            DateFormat::parse("mm/dd/yyyy").unwrap(),
            DateFormat::MonthFirst
        );
        assert_eq!(
            DateFormat::parse("DD/MM/YYYY").unwrap(),
            DateFormat::DayFirst
        );
        assert_eq!(DateFormat::parse("YYYY-MM-DD").unwrap(), DateFormat::Iso);
        assert_eq!(
            DateFormat::parse("US").unwrap_err().to_string(),
            "date_format: 'US' is not a date format; use YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY"
        );
    }

    #[test]
    fn line_breaks_and_tabs_in_a_cell_become_one_space() {
        assert_eq!(flatten(Cow::Borrowed("a\r\nb\tc\n\n d")), "a b c  d");
        assert!(matches!(
            flatten(Cow::Borrowed("plain")),
            Cow::Borrowed("plain")
        ));
    }

    #[test]
    fn quoted_values_are_cut_short() {
        assert_eq!(quoted("abc"), "'abc'");
        let long = "ü".repeat(1000);
        assert_eq!(quoted(&long).chars().count(), 63);
    }
}
