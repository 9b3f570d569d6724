//! The records Upskill keeps (employees, AI training programs, completions) and the rules
//! every input must pass before it reaches the database.
//!
//! Inputs arrive as loosely typed values (strings from forms, files and the command line) so
//! that a bad value is reported against its field instead of failing deserialisation.
//! `validate` turns an input into its `Valid*` form; only `Valid*` values are ever written.
//! The schema repeats these rules as CHECK constraints, so a bug here cannot store bad data.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldProblem, Result};

/// Longest accepted identifier (employee_id, program_id, certificate_id).
pub const MAX_ID_LEN: usize = 64;
/// Longest accepted name or title.
pub const MAX_TEXT_LEN: usize = 200;
/// Earliest accepted birth year; the schema checks the same bound.
pub const MIN_BIRTH_YEAR: i32 = 1900;

/// How a program is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProgramFormat {
    Bootcamp,
    VendorCertification,
    HandsOnLab,
    ELearning,
    Workshop,
    Other,
}

impl ProgramFormat {
    pub const ALL: [ProgramFormat; 6] = [
        ProgramFormat::Bootcamp,
        ProgramFormat::VendorCertification,
        ProgramFormat::HandsOnLab,
        ProgramFormat::ELearning,
        ProgramFormat::Workshop,
        ProgramFormat::Other,
    ];

    /// The canonical name, as stored in the database and written to files.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgramFormat::Bootcamp => "bootcamp",
            ProgramFormat::VendorCertification => "vendor_certification",
            ProgramFormat::HandsOnLab => "hands_on_lab",
            ProgramFormat::ELearning => "e_learning",
            ProgramFormat::Workshop => "workshop",
            ProgramFormat::Other => "other",
        }
    }

    /// Accepts the canonical names and the obvious human spellings
    /// ("Vendor certification", "Hands-on lab", "E-learning", "elearning").
    pub fn parse(text: &str) -> Option<ProgramFormat> {
        let key: String = text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        Some(match key.as_str() {
            "bootcamp" => ProgramFormat::Bootcamp,
            "vendorcertification" | "certification" | "vendorcert" => {
                ProgramFormat::VendorCertification
            }
            "handsonlab" | "lab" => ProgramFormat::HandsOnLab,
            "elearning" | "online" | "onlinecourse" => ProgramFormat::ELearning,
            "workshop" => ProgramFormat::Workshop,
            "other" => ProgramFormat::Other,
            _ => return None,
        })
    }
}

impl std::fmt::Display for ProgramFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An employee as shown to users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Employee {
    pub employee_id: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: String,
    pub department: String,
    pub manager_id: Option<String>,
    /// The manager's name, for display; None when there is no manager.
    pub manager_name: Option<String>,
    /// Year only: Upskill never stores a full date of birth.
    pub birth_year: Option<i32>,
    pub hire_date: Option<String>,
    pub location: Option<String>,
    pub active: bool,
    /// The day the employee left (YYYY-MM-DD): from that day on they are outside the
    /// population; before it, their history counts. None = has not left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub left_on: Option<String>,
    /// How many completions the employee has.
    #[ts(type = "number")]
    pub completions: i64,
}

/// An employee as entered in a form or a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EmployeeInput {
    pub employee_id: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: String,
    pub department: String,
    pub manager_id: Option<String>,
    pub birth_year: Option<i32>,
    pub hire_date: Option<String>,
    pub location: Option<String>,
    pub active: bool,
    /// The day the employee left (YYYY-MM-DD), if they have. On or before today, it makes
    /// them inactive; clearing it does not make them active again by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub left_on: Option<String>,
}

/// An employee that passed validation: trimmed, optional blanks turned into None.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEmployee {
    pub employee_id: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: String,
    pub department: String,
    pub manager_id: Option<String>,
    pub birth_year: Option<i32>,
    pub hire_date: Option<NaiveDate>,
    pub location: Option<String>,
    /// False when the input said so or `left_on` is on or before the day of validation.
    pub active: bool,
    pub left_on: Option<NaiveDate>,
}

/// A training program in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Program {
    pub program_id: String,
    pub title: String,
    pub skill_area: String,
    pub format: ProgramFormat,
    pub provider: Option<String>,
    pub hours: Option<f64>,
    /// Months a completion stays valid; None = never expires.
    pub validity_months: Option<i32>,
    /// Retired programs stay in the record but are not offered for new completions.
    pub retired: bool,
    #[ts(type = "number")]
    pub completions: i64,
}

/// A program as entered in a form or a file. `format` is text so that a bad value is a field error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgramInput {
    pub program_id: String,
    pub title: String,
    pub skill_area: String,
    #[ts(as = "ProgramFormat")]
    pub format: String,
    pub provider: Option<String>,
    pub hours: Option<f64>,
    pub validity_months: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidProgram {
    pub program_id: String,
    pub title: String,
    pub skill_area: String,
    pub format: ProgramFormat,
    pub provider: Option<String>,
    pub hours: Option<f64>,
    pub validity_months: Option<i32>,
}

/// One employee's completion of one program on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Completion {
    #[ts(type = "number")]
    pub id: i64,
    pub employee_id: String,
    pub employee_name: String,
    pub program_id: String,
    pub program_title: String,
    pub skill_area: String,
    pub completed_on: String,
    pub score: Option<f64>,
    pub certificate_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompletionInput {
    pub employee_id: String,
    pub program_id: String,
    pub completed_on: String,
    pub score: Option<f64>,
    pub certificate_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCompletion {
    pub employee_id: String,
    pub program_id: String,
    pub completed_on: NaiveDate,
    pub score: Option<f64>,
    pub certificate_id: Option<String>,
}

/// Collects every problem of one input, so a form can show them all at once.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldProblem::new(field, message));
    }

    fn finish<T>(self, value: T) -> Result<T> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::Invalid(self.0))
        }
    }

    /// A required, trimmed text of at most `max` characters.
    fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, "is required");
        } else {
            self.check_text(field, value, max);
        }
        value.to_string()
    }

    /// An optional text: blank becomes None.
    fn optional(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        self.check_text(field, value, max);
        Some(value.to_string())
    }

    fn check_text(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, format!("is longer than {max} characters"));
        } else if value.chars().any(char::is_control) {
            self.add(field, "contains a control character (a line break or tab)");
        }
    }

    fn optional_date(&mut self, field: &str, value: Option<&str>) -> Option<NaiveDate> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        match parse_iso_date(value) {
            Some(date) => Some(date),
            None => {
                self.add(
                    field,
                    format!("'{value}' is not a real date in the form YYYY-MM-DD"),
                );
                None
            }
        }
    }
}

/// Parses a strict `YYYY-MM-DD` date (a real calendar date, four-digit year).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The canonical text form of a date, as stored and exchanged.
pub fn format_date(date: NaiveDate) -> String {
    // By hand rather than `date.format(..)`: an import formats a million of these, and
    // chrono's strftime parses its pattern every time. Dates here are years 1900 to 9999.
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

impl EmployeeInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidEmployee> {
        let mut p = Problems::default();
        let employee_id = p.required("employee_id", &self.employee_id, MAX_ID_LEN);
        let full_name = p.required("full_name", &self.full_name, MAX_TEXT_LEN);
        let email = p.optional("email", self.email.as_deref(), MAX_TEXT_LEN);
        if let Some(email) = &email {
            if !is_plausible_email(email) {
                p.add("email", format!("'{email}' is not an email address"));
            }
        }
        let role = p.required("role", &self.role, MAX_TEXT_LEN);
        let department = p.required("department", &self.department, MAX_TEXT_LEN);
        let manager_id = p.optional("manager_id", self.manager_id.as_deref(), MAX_ID_LEN);
        if manager_id.is_some() && manager_id.as_deref() == Some(employee_id.as_str()) {
            p.add("manager_id", "an employee cannot be their own manager");
        }
        if let Some(year) = self.birth_year {
            if !(MIN_BIRTH_YEAR..=today.year()).contains(&year) {
                p.add(
                    "birth_year",
                    format!(
                        "{year} is not a birth year between {MIN_BIRTH_YEAR} and {}",
                        today.year()
                    ),
                );
            }
        }
        let hire_date = p.optional_date("hire_date", self.hire_date.as_deref());
        if let Some(date) = hire_date {
            if date.year() < MIN_BIRTH_YEAR {
                p.add("hire_date", format!("{date} is before {MIN_BIRTH_YEAR}"));
            }
        }
        let left_on = p.optional_date("left_on", self.left_on.as_deref());
        if let Some(left) = left_on {
            if left.year() < MIN_BIRTH_YEAR {
                p.add("left_on", format!("{left} is before {MIN_BIRTH_YEAR}"));
            } else if let Some(hired) = hire_date.filter(|hired| left < *hired) {
                p.add("left_on", format!("{left} is before the hire date {hired}"));
            }
        }
        let location = p.optional("location", self.location.as_deref(), MAX_TEXT_LEN);
        p.finish(ValidEmployee {
            employee_id,
            full_name,
            email,
            role,
            department,
            manager_id,
            birth_year: self.birth_year,
            hire_date,
            location,
            // Someone who has left is inactive; the reports count them up to the day before.
            active: self.active && left_on.is_none_or(|left| left > today),
            left_on,
        })
    }
}

fn is_plausible_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

impl ProgramInput {
    pub fn validate(&self) -> Result<ValidProgram> {
        let mut p = Problems::default();
        let program_id = p.required("program_id", &self.program_id, MAX_ID_LEN);
        let title = p.required("title", &self.title, MAX_TEXT_LEN);
        let skill_area = p.required("skill_area", &self.skill_area, MAX_TEXT_LEN);
        let format = match ProgramFormat::parse(&self.format) {
            Some(format) => format,
            None => {
                let allowed: Vec<&str> = ProgramFormat::ALL.iter().map(|f| f.as_str()).collect();
                if self.format.trim().is_empty() {
                    p.add("format", "is required");
                } else {
                    p.add(
                        "format",
                        format!(
                            "'{}' is not a format; use one of {}",
                            self.format.trim(),
                            allowed.join(", ")
                        ),
                    );
                }
                ProgramFormat::Other
            }
        };
        let provider = p.optional("provider", self.provider.as_deref(), MAX_TEXT_LEN);
        if let Some(hours) = self.hours {
            if !(hours.is_finite() && hours > 0.0 && hours <= 10_000.0) {
                p.add("hours", "must be more than 0 and at most 10,000");
            }
        }
        if let Some(months) = self.validity_months {
            if !(1..=1200).contains(&months) {
                p.add(
                    "validity_months",
                    "must be between 1 and 1,200 months (leave it empty for never expires)",
                );
            }
        }
        p.finish(ValidProgram {
            program_id,
            title,
            skill_area,
            format,
            provider,
            hours: self.hours,
            validity_months: self.validity_months,
        })
    }
}

/// Validates a completion date: a real date, not after `today`.
pub(crate) fn check_completed_on(
    p_field: &str,
    text: &str,
    today: NaiveDate,
) -> std::result::Result<NaiveDate, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldProblem::new(p_field, "is required"));
    }
    let date = parse_iso_date(text).ok_or_else(|| {
        FieldProblem::new(
            p_field,
            format!("'{text}' is not a real date in the form YYYY-MM-DD"),
        )
    })?;
    if date > today {
        return Err(FieldProblem::new(
            p_field,
            format!("{text} is in the future (today is {today})"),
        ));
    }
    if date.year() < MIN_BIRTH_YEAR {
        return Err(FieldProblem::new(
            p_field,
            format!("{text} is before {MIN_BIRTH_YEAR}"),
        ));
    }
    Ok(date)
}

/// Validates a score: empty, or a number from 0 to 100.
pub(crate) fn check_score(field: &str, score: Option<f64>) -> Option<FieldProblem> {
    match score {
        Some(s) if !(s.is_finite() && (0.0..=100.0).contains(&s)) => Some(FieldProblem::new(
            field,
            format!("{s} is not a score from 0 to 100"),
        )),
        _ => None,
    }
}

impl CompletionInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidCompletion> {
        let mut p = Problems::default();
        let employee_id = p.required("employee_id", &self.employee_id, MAX_ID_LEN);
        let program_id = p.required("program_id", &self.program_id, MAX_ID_LEN);
        let completed_on = match check_completed_on("completed_on", &self.completed_on, today) {
            Ok(date) => Some(date),
            Err(problem) => {
                p.0.push(problem);
                None
            }
        };
        if let Some(problem) = check_score("score", self.score) {
            p.0.push(problem);
        }
        let certificate_id =
            p.optional("certificate_id", self.certificate_id.as_deref(), MAX_ID_LEN);
        let value = completed_on.map(|completed_on| ValidCompletion {
            employee_id,
            program_id,
            completed_on,
            score: self.score,
            certificate_id,
        });
        match value {
            Some(v) => p.finish(v),
            None => Err(Error::Invalid(p.0)),
        }
    }
}

/// The default number of days a person has to complete a requirement.
pub const DEFAULT_DUE_DAYS: i64 = 90;
/// The most days a requirement may give (a hundred years); the schema checks the same bound.
pub const MAX_DUE_DAYS: i64 = 36_500;

/// A required training as shown to users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Requirement {
    pub requirement_id: String,
    pub title: String,
    /// Who it applies to: each optional, matched ignoring case; all None = everyone.
    pub role: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    /// What satisfies it: exactly one of a program and a skill area (any program in it).
    pub program_id: Option<String>,
    pub skill_area: Option<String>,
    #[ts(type = "number")]
    pub due_days: i64,
    /// YYYY-MM-DD.
    pub effective_from: String,
    pub retired: bool,
}

/// A requirement as entered in a form or a file. `due_days` defaults to 90 and
/// `effective_from` to the day it is created.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequirementInput {
    pub requirement_id: String,
    pub title: String,
    pub role: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub program_id: Option<String>,
    pub skill_area: Option<String>,
    #[ts(type = "number | null")]
    pub due_days: Option<i64>,
    pub effective_from: Option<String>,
}

/// A requirement that passed validation (the checks that need the database, an existing
/// program or skill area, are made where it is written: `requirements::check_refs`).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRequirement {
    pub requirement_id: String,
    pub title: String,
    pub role: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub program_id: Option<String>,
    pub skill_area: Option<String>,
    pub due_days: i64,
    pub effective_from: NaiveDate,
    /// The input gave no effective_from (so it is `today`): an upsert of an existing
    /// requirement then keeps the date it has.
    pub effective_from_defaulted: bool,
}

/// One employee excused from one requirement, for a reason, until a date (inclusive) or
/// for good.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Exemption {
    pub employee_id: String,
    pub employee_name: String,
    pub requirement_id: String,
    pub reason: String,
    /// YYYY-MM-DD, inclusive; None = no end.
    pub until: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExemptionInput {
    pub employee_id: String,
    pub requirement_id: String,
    pub reason: String,
    pub until: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidExemption {
    pub employee_id: String,
    pub requirement_id: String,
    pub reason: String,
    pub until: Option<NaiveDate>,
}

impl RequirementInput {
    /// Checks every field; `today` is the default `effective_from`.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidRequirement> {
        let mut p = Problems::default();
        let requirement_id = p.required("requirement_id", &self.requirement_id, MAX_ID_LEN);
        let title = p.required("title", &self.title, MAX_TEXT_LEN);
        let role = p.optional("role", self.role.as_deref(), MAX_TEXT_LEN);
        let department = p.optional("department", self.department.as_deref(), MAX_TEXT_LEN);
        let location = p.optional("location", self.location.as_deref(), MAX_TEXT_LEN);
        let program_id = p.optional("program_id", self.program_id.as_deref(), MAX_ID_LEN);
        let skill_area = p.optional("skill_area", self.skill_area.as_deref(), MAX_TEXT_LEN);
        match (&program_id, &skill_area) {
            (None, None) => p.add(
                "program_id",
                "is required: give the program or the skill area that satisfies the requirement",
            ),
            (Some(_), Some(_)) => {
                p.add("skill_area", "give a program_id or a skill_area, not both")
            }
            _ => {}
        }
        let due_days = self.due_days.unwrap_or(DEFAULT_DUE_DAYS);
        if !(0..=MAX_DUE_DAYS).contains(&due_days) {
            p.add(
                "due_days",
                format!("{due_days} is not a number of days from 0 to {MAX_DUE_DAYS}"),
            );
        }
        let given = self
            .effective_from
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty());
        let effective_from = p
            .optional_date("effective_from", self.effective_from.as_deref())
            .unwrap_or(today);
        if effective_from.year() < MIN_BIRTH_YEAR {
            p.add(
                "effective_from",
                format!("{effective_from} is before {MIN_BIRTH_YEAR}"),
            );
        }
        p.finish(ValidRequirement {
            requirement_id,
            title,
            role,
            department,
            location,
            program_id,
            skill_area,
            due_days,
            effective_from,
            effective_from_defaulted: !given,
        })
    }
}

impl ExemptionInput {
    pub fn validate(&self) -> Result<ValidExemption> {
        let mut p = Problems::default();
        let employee_id = p.required("employee_id", &self.employee_id, MAX_ID_LEN);
        let requirement_id = p.required("requirement_id", &self.requirement_id, MAX_ID_LEN);
        let reason = p.required("reason", &self.reason, MAX_TEXT_LEN);
        let until = p.optional_date("until", self.until.as_deref());
        if let Some(date) = until {
            if date.year() < MIN_BIRTH_YEAR {
                p.add("until", format!("{date} is before {MIN_BIRTH_YEAR}"));
            }
        }
        p.finish(ValidExemption {
            employee_id,
            requirement_id,
            reason,
            until,
        })
    }
}

/// What a target measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TargetMetric {
    /// The coverage report's percentage for the scope: reached when at or above the value.
    Coverage,
    /// The generational divide for the scope in points (the highest minus the lowest shown
    /// generation's coverage, Unknown left out): reached when at or below the value.
    Divide,
}

impl TargetMetric {
    pub const ALL: [TargetMetric; 2] = [TargetMetric::Coverage, TargetMetric::Divide];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetMetric::Coverage => "coverage",
            TargetMetric::Divide => "divide",
        }
    }

    pub fn parse(text: &str) -> Option<TargetMetric> {
        let key = text.trim().to_lowercase();
        TargetMetric::ALL.into_iter().find(|m| m.as_str() == key)
    }
}

impl std::fmt::Display for TargetMetric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A goal: a metric for a scope, to reach by a due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Target {
    pub target_id: String,
    pub title: String,
    /// The scope: each optional (none = everyone), matched exactly; manager_id = everyone
    /// below that manager, at any depth; skill_area = only completions in that area count.
    pub department: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    /// A generation's label (report::GENERATIONS), e.g. "Gen X".
    pub generation: Option<String>,
    pub skill_area: Option<String>,
    pub manager_id: Option<String>,
    pub metric: TargetMetric,
    /// Percent (coverage) or points (divide), 0 to 100.
    pub value: f64,
    /// YYYY-MM-DD.
    pub due: String,
}

/// A target as entered in a form or a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetInput {
    pub target_id: String,
    pub title: String,
    pub department: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    pub generation: Option<String>,
    pub skill_area: Option<String>,
    pub manager_id: Option<String>,
    #[ts(as = "TargetMetric")]
    pub metric: String,
    pub value: Option<f64>,
    pub due: String,
}

/// A target that passed validation (the checks that need the database, that the scope
/// matches somebody, are made where it is written: `targets::upsert`).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidTarget {
    pub target_id: String,
    pub title: String,
    pub department: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    /// The canonical label.
    pub generation: Option<String>,
    pub skill_area: Option<String>,
    pub manager_id: Option<String>,
    pub metric: TargetMetric,
    pub value: f64,
    pub due: NaiveDate,
    /// The day it was validated: a new target may not be due before it.
    pub checked_on: NaiveDate,
}

impl TargetInput {
    /// Checks every field (all problems at once). `today` is kept: a new target due before
    /// it is refused when written.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidTarget> {
        let mut p = Problems::default();
        let target_id = p.required("target_id", &self.target_id, MAX_ID_LEN);
        let title = p.required("title", &self.title, MAX_TEXT_LEN);
        let department = p.optional("department", self.department.as_deref(), MAX_TEXT_LEN);
        let role = p.optional("role", self.role.as_deref(), MAX_TEXT_LEN);
        let location = p.optional("location", self.location.as_deref(), MAX_TEXT_LEN);
        let generation = match p.optional("generation", self.generation.as_deref(), MAX_TEXT_LEN) {
            None => None,
            Some(text) => {
                let labels = crate::report::GENERATIONS.map(|(label, _, _)| label);
                match labels.iter().find(|l| l.eq_ignore_ascii_case(&text)) {
                    Some(label) => Some(label.to_string()),
                    None => {
                        p.add(
                            "generation",
                            format!(
                                "'{text}' is not a generation; choose from {}",
                                labels.join(", ")
                            ),
                        );
                        None
                    }
                }
            }
        };
        let skill_area = p.optional("skill_area", self.skill_area.as_deref(), MAX_TEXT_LEN);
        let manager_id = p.optional("manager_id", self.manager_id.as_deref(), MAX_ID_LEN);
        let metric = match TargetMetric::parse(&self.metric) {
            Some(metric) => metric,
            None => {
                if self.metric.trim().is_empty() {
                    p.add("metric", "is required: coverage or divide");
                } else {
                    p.add(
                        "metric",
                        format!(
                            "'{}' is not a metric; use coverage or divide",
                            self.metric.trim()
                        ),
                    );
                }
                TargetMetric::Coverage
            }
        };
        let value = match self.value {
            None => {
                p.add("value", "is required");
                0.0
            }
            Some(v) if !(v.is_finite() && (0.0..=100.0).contains(&v)) => {
                p.add("value", format!("{v} is not a value from 0 to 100"));
                0.0
            }
            Some(v) => v,
        };
        let due = if self.due.trim().is_empty() {
            p.add("due", "is required");
            None
        } else {
            p.optional_date("due", Some(&self.due))
        };
        if let Some(due) = due {
            if due.year() < MIN_BIRTH_YEAR {
                p.add("due", format!("{due} is before {MIN_BIRTH_YEAR}"));
            }
        }
        match due {
            Some(due) => p.finish(ValidTarget {
                target_id,
                title,
                department,
                role,
                location,
                generation,
                skill_area,
                manager_id,
                metric,
                value,
                due,
                checked_on: today,
            }),
            None => Err(Error::Invalid(p.0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::today;

    fn employee() -> EmployeeInput {
        EmployeeInput {
            employee_id: " E1 ".into(),
            full_name: "Ada Lovelace".into(),
            email: Some("".into()),
            role: "Data engineer".into(),
            department: "Data".into(),
            manager_id: Some("  ".into()),
            birth_year: Some(1990),
            hire_date: Some("2020-02-29".into()),
            location: None,
            active: true,
            left_on: None,
        }
    }

    #[test]
    fn employee_is_trimmed_and_blanks_become_none() {
        let v = employee().validate(today()).unwrap();
        assert_eq!(v.employee_id, "E1");
        assert_eq!(v.email, None);
        assert_eq!(v.manager_id, None);
        assert_eq!(v.hire_date, NaiveDate::from_ymd_opt(2020, 2, 29));
    }

    #[test]
    fn every_bad_employee_field_is_reported() {
        let input = EmployeeInput {
            employee_id: "E1".into(),
            full_name: " ".into(),
            email: Some("not-an-email".into()),
            role: "".into(),
            department: "D".into(),
            manager_id: Some("E1".into()),
            birth_year: Some(2027),
            hire_date: Some("2021-02-30".into()),
            location: Some("a\nb".into()),
            active: true,
            left_on: None,
        };
        let err = input.validate(today()).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "full_name",
                "email",
                "role",
                "manager_id",
                "birth_year",
                "hire_date",
                "location"
            ]
        );
        assert!(err
            .to_string()
            .contains("birth_year: 2027 is not a birth year between 1900 and 2026"));
    }

    #[test]
    fn birth_year_bounds_follow_today() {
        let mut e = employee();
        e.birth_year = Some(2026);
        assert!(e.validate(today()).is_ok());
        e.birth_year = Some(1899);
        assert!(e.validate(today()).is_err());
    }

    #[test]
    fn program_format_accepts_human_spellings() {
        for (text, want) in [
            ("Vendor certification", ProgramFormat::VendorCertification),
            ("vendor_certification", ProgramFormat::VendorCertification),
            ("Hands-on lab", ProgramFormat::HandsOnLab),
            ("E-learning", ProgramFormat::ELearning),
            (" BOOTCAMP ", ProgramFormat::Bootcamp),
        ] {
            assert_eq!(ProgramFormat::parse(text), Some(want), "{text}");
        }
        assert_eq!(ProgramFormat::parse("webinar"), None);
    }

    #[test]
    fn program_rules() {
        let input = ProgramInput {
            program_id: "P1".into(),
            title: "Prompting".into(),
            skill_area: "Prompt engineering".into(),
            format: "webinar".into(),
            provider: None,
            hours: Some(0.0),
            validity_months: Some(0),
        };
        let err = input.validate().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["format", "hours", "validity_months"]);
    }

    #[test]
    fn completion_date_not_in_future_and_score_in_range() {
        let input = CompletionInput {
            employee_id: "E1".into(),
            program_id: "P1".into(),
            completed_on: "2026-11-30".into(),
            score: Some(100.5),
            certificate_id: None,
        };
        let err = input.validate(today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "completed_on: 2026-11-30 is in the future (today is 2026-11-29); score: 100.5 is not a score from 0 to 100"
        );
        let ok = CompletionInput {
            completed_on: "2026-11-29".into(),
            score: Some(100.0),
            ..input
        };
        assert!(ok.validate(today()).is_ok());
    }

    #[test]
    fn strict_iso_dates_only() {
        assert!(parse_iso_date("2024-02-29").is_some());
        assert!(parse_iso_date("2023-02-29").is_none());
        assert!(parse_iso_date("2024-2-9").is_none());
        assert!(parse_iso_date("29.02.2024").is_none());
    }

    #[test]
    fn requirement_defaults_and_rules() {
        let input = RequirementInput {
            requirement_id: " R1 ".into(),
            title: "AI safety".into(),
            role: Some(" ".into()),
            program_id: Some("P1".into()),
            ..RequirementInput::default()
        };
        let v = input.validate(today()).unwrap();
        assert_eq!(v.requirement_id, "R1");
        assert_eq!((v.role, v.due_days, v.effective_from), (None, 90, today()));

        let bad = RequirementInput {
            requirement_id: "".into(),
            title: "T".into(),
            due_days: Some(-1),
            effective_from: Some("2024-02-30".into()),
            ..RequirementInput::default()
        };
        let err = bad.validate(today()).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["requirement_id", "program_id", "due_days", "effective_from"]
        );
        let both = RequirementInput {
            requirement_id: "R".into(),
            title: "T".into(),
            program_id: Some("P".into()),
            skill_area: Some("A".into()),
            due_days: Some(0),
            ..RequirementInput::default()
        };
        assert_eq!(
            both.validate(today()).unwrap_err().fields()[0].field,
            "skill_area"
        );
    }

    #[test]
    fn exemption_needs_a_reason_and_a_real_date() {
        let input = ExemptionInput {
            employee_id: "E1".into(),
            requirement_id: "R1".into(),
            reason: " ".into(),
            until: Some("2024-13-01".into()),
        };
        let err = input.validate().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["reason", "until"]);
    }
}
