//! Mapping files: how one vendor's export becomes Upskill's records.
//!
//! Owns the mapping-file format, version 1, exactly as `shared/import-mapping.md` specifies it
//! (users and tests write these files by hand, so the keys are a fixed contract): parsing the
//! TOML, refusing what it does not know with `MAP.toml:LINE: reason`, and writing a mapping
//! back out (`--suggest-mapping`, saved mappings). It does not look at any CSV file: which
//! file columns the names mean is decided in [`super::columns`], against the file's header,
//! where a column the file lacks is reported at the mapping's line.

use std::fmt::Write as _;

use regex::Regex;
use toml::Value;

use super::{Delimiter, Encoding, ImportKind};
use crate::error::{Error, Result};

/// A parsed, checked mapping file.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// Where it came from, as messages name it (`MAP.toml`, or `mapping 'NAME'`).
    pub source: String,
    pub kind: ImportKind,
    pub name: Option<String>,
    pub file: FileRules,
    /// `[columns]`, in the file's order.
    pub columns: Vec<FieldRule>,
    pub keep: Vec<Condition>,
    pub skip: Vec<Condition>,
    pub duplicates: Duplicates,
    pub unknown_employee: Unknown,
    pub unknown_program: Unknown,
    pub unknown_manager: UnknownManager,
    /// The text it was parsed from (what a saved mapping stores).
    pub text: String,
}

/// `[file]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileRules {
    /// 1-based physical line of the header row.
    pub header_row: Option<u64>,
    pub delimiter: Option<Delimiter>,
    pub encoding: Option<Encoding>,
}

/// One entry of `[columns]`: where a field's value comes from and how it is read.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRule {
    pub field: String,
    pub source: Source,
    /// `values`: whole-cell replacements, compared ignoring case and surrounding spaces
    /// (kept as written; [`value_key`] compares them).
    pub values: Vec<(String, String)>,
    pub format: Option<DateRead>,
    pub matching: Option<Match>,
    /// The mapping file's line of this entry.
    pub line: u64,
}

/// Where a field's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `field = false`: the file does not have it.
    Absent,
    /// The column with this header; `occurrence` picks the Nth of several (1-based).
    Column { header: String, occurrence: usize },
    /// These columns joined with one space, blank parts left out.
    Join(Vec<String>),
    /// The same text on every row.
    Value(String),
}

/// `format`: how a date field is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateRead {
    /// Detected from the column's values (the default).
    Auto,
    /// Excel 1900 serial numbers (an ISO date is accepted too).
    Excel,
    /// A chrono strftime pattern.
    Pattern(String),
}

/// `match`: what a reference cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    EmployeeId,
    Email,
    /// Full name, ignoring case; "Last, First" also matches.
    Name,
    /// The value is looked up in this column of the same file; the row found gives the employee.
    Column(String),
    ProgramId,
    Title,
}

impl Match {
    fn word(&self) -> String {
        match self {
            Match::EmployeeId => "\"employee_id\"".into(),
            Match::Email => "\"email\"".into(),
            Match::Name => "\"name\"".into(),
            Match::Column(header) => format!("{{ column = {} }}", toml_string(header)),
            Match::ProgramId => "\"program_id\"".into(),
            Match::Title => "\"title\"".into(),
        }
    }
}

/// A `[rows]` condition on one column.
#[derive(Debug, Clone)]
pub struct Condition {
    pub header: String,
    pub occurrence: usize,
    pub test: Test,
    pub line: u64,
}

#[derive(Debug, Clone)]
pub enum Test {
    /// The cell is one of these (ignoring case and surrounding spaces).
    In(Vec<String>),
    /// The regex is found in the cell.
    Matches(Regex),
    /// The cell is blank (true) or not (false).
    Blank(bool),
}

impl Test {
    /// Whether `cell` passes.
    pub fn holds(&self, cell: &str) -> bool {
        match self {
            Test::In(words) => {
                let key = value_key(cell);
                words.iter().any(|w| value_key(w) == key)
            }
            Test::Matches(re) => re.is_match(cell),
            Test::Blank(blank) => cell.trim().is_empty() == *blank,
        }
    }
}

/// `duplicates`: the same key on two rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Duplicates {
    #[default]
    Error,
    /// The last row wins; the earlier ones are listed as warnings.
    Last,
}

/// `unknown_employee`, `unknown_program`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unknown {
    #[default]
    Error,
    /// The row is skipped and listed as a warning.
    Skip,
}

/// `unknown_manager`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnknownManager {
    #[default]
    Error,
    /// The manager is left empty and the row listed as a warning.
    Empty,
}

/// How `values` and `in` compare cells: ignoring case and surrounding spaces.
pub fn value_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The fields whose `format` is a date format.
pub(crate) fn is_date_field(field: &str) -> bool {
    matches!(
        field,
        "birth_year"
            | "hire_date"
            | "completed_on"
            | "left_on"
            | "effective_from"
            | "until"
            | "due"
    )
}

/// The `match` values a field takes (empty: none).
fn matches_allowed(kind: ImportKind, field: &str) -> &'static [&'static str] {
    match (kind, field) {
        (ImportKind::Employees, "manager_id") => &["employee_id", "email", "name"],
        (ImportKind::Completions, "employee_id") => &["employee_id", "email"],
        (ImportKind::Completions, "program_id") => &["program_id", "title"],
        _ => &[],
    }
}

struct Problems<'a> {
    source: &'a str,
    text: &'a str,
    list: Vec<String>,
}

impl Problems<'_> {
    fn at(&mut self, line: u64, message: impl std::fmt::Display) {
        self.list.push(format!("{}:{line}: {message}", self.source));
    }

    fn line_of(&self, span: std::ops::Range<usize>) -> u64 {
        line_of(self.text, span.start)
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

impl Mapping {
    /// Parses and checks a mapping for an import of `kind`. `source` names it in messages.
    /// Every problem is reported (as `SOURCE:LINE: reason`), not just the first.
    pub fn parse(text: &str, source: &str, kind: ImportKind) -> Result<Mapping> {
        let mut p = Problems {
            source,
            text,
            list: Vec::new(),
        };
        let table: toml::Table = match text.parse::<toml::Table>() {
            Ok(table) => table,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(text, s.start));
                let message = e.message().trim().to_string();
                return Err(Error::Mapping(vec![format!("{source}:{line}: {message}")]));
            }
        };
        // Parsed again with spans for the lines of keys and values (toml's `Table` has none).
        let spanned: toml::de::DeTable<'_> = match toml::de::DeTable::parse(text) {
            Ok(t) => t.into_inner(),
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(text, s.start));
                return Err(Error::Mapping(vec![format!(
                    "{source}:{line}: {}",
                    e.message().trim()
                )]));
            }
        };
        let key_line = |path: &[&str]| -> u64 { key_line(&spanned, text, path) };

        let mut mapping = Mapping {
            source: source.to_string(),
            kind,
            name: None,
            file: FileRules::default(),
            columns: Vec::new(),
            keep: Vec::new(),
            skip: Vec::new(),
            duplicates: Duplicates::Error,
            unknown_employee: Unknown::Error,
            unknown_program: Unknown::Error,
            unknown_manager: UnknownManager::Error,
            text: text.to_string(),
        };

        for (key, _) in &table {
            if !matches!(
                key.as_str(),
                "version" | "kind" | "name" | "file" | "columns" | "rows"
            ) {
                p.at(
                    key_line(&[key]),
                    format!("unknown key '{key}' (a mapping has version, kind, name, [file], [columns] and [rows])"),
                );
            }
        }
        match table.get("version") {
            Some(Value::Integer(1)) => {}
            Some(other) => p.at(
                key_line(&["version"]),
                format!("version must be 1 (this is version 1 of the format), not {other}"),
            ),
            None => p.at(1, "version = 1 is missing"),
        }
        match table.get("kind") {
            Some(Value::String(k)) if k == kind.as_str() => {}
            Some(Value::String(k)) => p.at(
                key_line(&["kind"]),
                if ImportKind::ALL.iter().any(|x| x.as_str() == k) {
                    format!("this mapping is for {k}, but the file is imported as {kind}")
                } else {
                    format!("kind must be employees, programs or completions, not '{k}'")
                },
            ),
            Some(_) => p.at(
                key_line(&["kind"]),
                "kind must be a string such as \"employees\"",
            ),
            None => p.at(1, format!("kind = \"{kind}\" is missing")),
        }
        match table.get("name") {
            None => {}
            Some(Value::String(n)) if !n.trim().is_empty() => {
                mapping.name = Some(n.trim().to_string())
            }
            Some(_) => p.at(key_line(&["name"]), "name must be a non-empty string"),
        }
        if let Some(file) = table.get("file") {
            parse_file(file, &mut mapping.file, &mut p, &key_line);
        }
        match table.get("columns") {
            None => {}
            Some(Value::Table(columns)) => {
                for (field, value) in columns {
                    let line = key_line(&["columns", field]);
                    if let Some(rule) = parse_field(kind, field, value, line, &mut p) {
                        mapping.columns.push(rule);
                    }
                }
            }
            Some(_) => p.at(key_line(&["columns"]), "[columns] must be a table"),
        }
        if let Some(rows) = table.get("rows") {
            parse_rows(kind, rows, &mut mapping, &mut p, &key_line);
        }
        let _ = p.line_of(0..0);
        if p.list.is_empty() {
            Ok(mapping)
        } else {
            Err(Error::Mapping(p.list))
        }
    }

    /// The rule for `field`, if the mapping has one.
    pub fn rule(&self, field: &str) -> Option<&FieldRule> {
        self.columns.iter().find(|r| r.field == field)
    }
}

/// The line of the key at `path` (tables, then keys), or of the nearest table found.
fn key_line(table: &toml::de::DeTable<'_>, text: &str, path: &[&str]) -> u64 {
    let mut current = table;
    let mut line = 1;
    for (i, key) in path.iter().enumerate() {
        let Some((k, v)) = current.get_key_value(*key) else {
            return line;
        };
        line = line_of(text, k.span().start);
        if i + 1 < path.len() {
            match v.get_ref() {
                toml::de::DeValue::Table(t) => current = t,
                _ => return line,
            }
        }
    }
    line
}

fn parse_file(
    value: &Value,
    out: &mut FileRules,
    p: &mut Problems<'_>,
    key_line: &dyn Fn(&[&str]) -> u64,
) {
    let Value::Table(file) = value else {
        p.at(key_line(&["file"]), "[file] must be a table");
        return;
    };
    for (key, value) in file {
        let line = key_line(&["file", key]);
        match (key.as_str(), value) {
            ("header_row", Value::Integer(n)) if *n >= 1 => out.header_row = Some(*n as u64),
            ("header_row", _) => p.at(line, "header_row must be a line number, 1 or more"),
            ("delimiter", Value::String(d)) => match d.as_str() {
                "," => out.delimiter = Some(Delimiter::Comma),
                ";" => out.delimiter = Some(Delimiter::Semicolon),
                "\t" => out.delimiter = Some(Delimiter::Tab),
                "|" => out.delimiter = Some(Delimiter::Pipe),
                other => p.at(
                    line,
                    format!(
                        "delimiter must be one of \",\" \";\" \"\\t\" \"|\", not {}",
                        toml_string(other)
                    ),
                ),
            },
            ("encoding", Value::String(e)) => match e.to_ascii_lowercase().as_str() {
                "utf-8" | "utf8" => out.encoding = Some(Encoding::Utf8),
                "utf-16" | "utf16" => out.encoding = Some(Encoding::Utf16Le),
                "windows-1252" | "cp1252" => out.encoding = Some(Encoding::Windows1252),
                _ => p.at(
                    line,
                    format!(
                        "encoding must be \"utf-8\", \"utf-16\" or \"windows-1252\", not {}",
                        toml_string(e)
                    ),
                ),
            },
            ("delimiter" | "encoding", _) => p.at(line, format!("{key} must be a string")),
            _ => p.at(
                line,
                format!(
                    "unknown key '{key}' in [file] (it takes header_row, delimiter and encoding)"
                ),
            ),
        }
    }
}

fn parse_field(
    kind: ImportKind,
    field: &str,
    value: &Value,
    line: u64,
    p: &mut Problems<'_>,
) -> Option<FieldRule> {
    if !kind.columns().contains(&field) {
        p.at(
            line,
            format!(
                "'{field}' is not a {kind} field (the fields are {})",
                kind.columns().join(", ")
            ),
        );
        return None;
    }
    let mut rule = FieldRule {
        field: field.to_string(),
        source: Source::Absent,
        values: Vec::new(),
        format: None,
        matching: None,
        line,
    };
    let before = p.list.len();
    match value {
        Value::Boolean(false) => {}
        Value::Boolean(true) => p.at(
            line,
            format!("{field} = true means nothing; name the column, or write false for \"not in this file\""),
        ),
        Value::String(header) => {
            rule.source = column_source(header, 1, field, line, p);
        }
        Value::Array(parts) => {
            let mut headers = Vec::new();
            for part in parts {
                match part {
                    Value::String(h) if !h.trim().is_empty() => headers.push(h.clone()),
                    _ => p.at(line, format!("{field}: a list joins columns, so every part must be a header (a non-empty string)")),
                }
            }
            if headers.is_empty() && p.list.len() == before {
                p.at(line, format!("{field}: an empty list names no column"));
            }
            rule.source = Source::Join(headers);
        }
        Value::Table(options) => {
            let mut occurrence = 1usize;
            let mut column = None;
            for (key, v) in options {
                match (key.as_str(), v) {
                    ("column", Value::String(h)) => column = Some(h.clone()),
                    ("column", _) => p.at(line, format!("{field}: column must be a header (a string)")),
                    ("value", Value::String(text)) => rule.source = Source::Value(text.clone()),
                    ("value", _) => p.at(line, format!("{field}: value must be a string")),
                    ("occurrence", Value::Integer(n)) if *n >= 1 => occurrence = *n as usize,
                    ("occurrence", _) => p.at(line, format!("{field}: occurrence must be 1 or more (1 is the first column with that header)")),
                    ("values", Value::Table(pairs)) => {
                        for (from, to) in pairs {
                            match to {
                                Value::String(to) => rule.values.push((from.clone(), to.clone())),
                                Value::Boolean(b) => rule.values.push((from.clone(), b.to_string())),
                                Value::Integer(n) => rule.values.push((from.clone(), n.to_string())),
                                _ => p.at(line, format!("{field}: values: {} must map to a string", toml_string(from))),
                            }
                        }
                    }
                    ("values", _) => p.at(line, format!("{field}: values must be a table such as {{ \"Terminated\" = \"false\" }}")),
                    ("format", Value::String(f)) => {
                        if !is_date_field(field) {
                            p.at(line, format!("{field}: format applies to date fields only (birth_year, hire_date, completed_on)"));
                        } else {
                            match f.trim() {
                                "auto" => rule.format = Some(DateRead::Auto),
                                "excel" => rule.format = Some(DateRead::Excel),
                                pattern => match super::dates::check_pattern(pattern) {
                                    Ok(()) => rule.format = Some(DateRead::Pattern(pattern.to_string())),
                                    Err(message) => p.at(line, format!("{field}: format: {message}")),
                                },
                            }
                        }
                    }
                    ("format", _) => p.at(line, format!("{field}: format must be a string (\"auto\", \"excel\" or a pattern such as \"%m/%d/%Y\")")),
                    ("match", m) => {
                        let allowed = matches_allowed(kind, field);
                        if allowed.is_empty() {
                            p.at(line, format!("{field}: match applies to references only (employees: manager_id; completions: employee_id, program_id)"));
                            continue;
                        }
                        match m {
                            Value::String(word) if allowed.contains(&word.as_str()) => {
                                rule.matching = Some(match word.as_str() {
                                    "employee_id" => Match::EmployeeId,
                                    "email" => Match::Email,
                                    "name" => Match::Name,
                                    "program_id" => Match::ProgramId,
                                    _ => Match::Title,
                                })
                            }
                            Value::Table(t) if field == "manager_id" && kind == ImportKind::Employees => {
                                match (t.get("column"), t.len()) {
                                    (Some(Value::String(h)), 1) => rule.matching = Some(Match::Column(h.clone())),
                                    _ => p.at(line, format!("{field}: match as a table is {{ column = \"Other Header\" }}")),
                                }
                            }
                            _ => p.at(
                                line,
                                format!(
                                    "{field}: match must be {}{}",
                                    allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", "),
                                    if field == "manager_id" { " or { column = \"Other Header\" }" } else { "" }
                                ),
                            ),
                        }
                    }
                    _ => p.at(
                        line,
                        format!("{field}: unknown key '{key}' (a column's table takes column, occurrence, values, format, match, or value)"),
                    ),
                }
            }
            match (column, &rule.source) {
                (Some(_), Source::Value(_)) => {
                    p.at(line, format!("{field}: give either column or value, not both"))
                }
                (Some(h), _) => rule.source = column_source(&h, occurrence, field, line, p),
                (None, Source::Value(_)) => {}
                (None, _) => p.at(line, format!("{field}: the table needs column = \"Header\" (or value = \"text\")")),
            }
        }
        _ => p.at(
            line,
            format!("{field} must be a header, a list of headers, a table such as {{ column = \"Header\" }}, or false"),
        ),
    }
    (p.list.len() == before).then_some(rule)
}

fn column_source(
    header: &str,
    occurrence: usize,
    field: &str,
    line: u64,
    p: &mut Problems<'_>,
) -> Source {
    if header.trim().is_empty() {
        p.at(line, format!("{field}: the column's header is empty"));
    }
    Source::Column {
        header: header.to_string(),
        occurrence,
    }
}

fn parse_rows(
    kind: ImportKind,
    value: &Value,
    mapping: &mut Mapping,
    p: &mut Problems<'_>,
    key_line: &dyn Fn(&[&str]) -> u64,
) {
    let Value::Table(rows) = value else {
        p.at(key_line(&["rows"]), "[rows] must be a table");
        return;
    };
    for (key, value) in rows {
        let line = key_line(&["rows", key]);
        let word = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        };
        match key.as_str() {
            "keep" | "skip" => {
                let Value::Array(list) = value else {
                    p.at(line, format!("{key} must be a list of conditions such as [ {{ column = \"Status\", in = [\"Completed\"] }} ]"));
                    continue;
                };
                for (i, item) in list.iter().enumerate() {
                    // Conditions are usually one per line under the key.
                    let item_line = if list.len() > 1 && item_on_own_line(p.text, line) {
                        line + 1 + i as u64
                    } else {
                        line
                    };
                    if let Some(c) = parse_condition(key, item, item_line, p) {
                        if key == "keep" {
                            mapping.keep.push(c);
                        } else {
                            mapping.skip.push(c);
                        }
                    }
                }
            }
            "duplicates" => match word(value).as_deref() {
                Some("error") => mapping.duplicates = Duplicates::Error,
                Some("last") => mapping.duplicates = Duplicates::Last,
                _ => p.at(line, "duplicates must be \"error\" or \"last\""),
            },
            "unknown_employee" | "unknown_program" => {
                if kind != ImportKind::Completions {
                    p.at(line, format!("{key} applies to completions only"));
                    continue;
                }
                let choice = match word(value).as_deref() {
                    Some("error") => Unknown::Error,
                    Some("skip") => Unknown::Skip,
                    _ => {
                        p.at(line, format!("{key} must be \"error\" or \"skip\""));
                        continue;
                    }
                };
                if key == "unknown_employee" {
                    mapping.unknown_employee = choice;
                } else {
                    mapping.unknown_program = choice;
                }
            }
            "unknown_manager" => {
                if kind != ImportKind::Employees {
                    p.at(line, "unknown_manager applies to employees only");
                    continue;
                }
                match word(value).as_deref() {
                    Some("error") => mapping.unknown_manager = UnknownManager::Error,
                    Some("empty") => mapping.unknown_manager = UnknownManager::Empty,
                    _ => p.at(line, "unknown_manager must be \"error\" or \"empty\""),
                }
            }
            _ => p.at(
                line,
                format!("unknown key '{key}' in [rows] (it takes keep, skip, duplicates, unknown_employee, unknown_program and unknown_manager)"),
            ),
        }
    }
}

/// Whether the list that starts on `line` continues on the next lines (`keep = [` alone).
fn item_on_own_line(text: &str, line: u64) -> bool {
    text.lines()
        .nth(line.saturating_sub(1) as usize)
        .is_some_and(|l| l.trim_end().ends_with('['))
}

fn parse_condition(list: &str, item: &Value, line: u64, p: &mut Problems<'_>) -> Option<Condition> {
    let Value::Table(t) = item else {
        p.at(line, format!("{list}: each condition is a table such as {{ column = \"Status\", in = [\"Completed\"] }}"));
        return None;
    };
    let before = p.list.len();
    let mut header = None;
    let mut occurrence = 1;
    let mut tests = Vec::new();
    for (key, v) in t {
        match (key.as_str(), v) {
            ("column", Value::String(h)) if !h.trim().is_empty() => header = Some(h.clone()),
            ("column", _) => p.at(line, format!("{list}: column must be a header (a non-empty string)")),
            ("occurrence", Value::Integer(n)) if *n >= 1 => occurrence = *n as usize,
            ("occurrence", _) => p.at(line, format!("{list}: occurrence must be 1 or more")),
            ("in", Value::Array(words)) => {
                let mut list_words = Vec::new();
                for w in words {
                    match w {
                        Value::String(s) => list_words.push(s.clone()),
                        Value::Integer(n) => list_words.push(n.to_string()),
                        _ => p.at(line, format!("{list}: in must be a list of strings")),
                    }
                }
                tests.push(Test::In(list_words));
            }
            ("in", _) => p.at(line, format!("{list}: in must be a list of strings")),
            ("matches", Value::String(re)) => match Regex::new(re) {
                Ok(re) => tests.push(Test::Matches(re)),
                Err(e) => {
                    let why = e.to_string();
                    let why = why.lines().last().unwrap_or("").trim().trim_start_matches("error: ");
                    p.at(line, format!("{list}: matches: {} is not a valid regex: {why}", toml_string(re)))
                }
            },
            ("matches", _) => p.at(line, format!("{list}: matches must be a regex (a string)")),
            ("blank", Value::Boolean(b)) => tests.push(Test::Blank(*b)),
            ("blank", _) => p.at(line, format!("{list}: blank must be true or false")),
            _ => p.at(
                line,
                format!("{list}: unknown key '{key}' (a condition takes column and one of in, matches, blank)"),
            ),
        }
    }
    if header.is_none() && p.list.len() == before {
        p.at(
            line,
            format!("{list}: the condition needs column = \"Header\""),
        );
    }
    if tests.len() != 1 && p.list.len() == before {
        p.at(
            line,
            format!("{list}: a condition takes exactly one of in, matches or blank"),
        );
    }
    match (header, tests.pop()) {
        (Some(header), Some(test)) if p.list.len() == before => Some(Condition {
            header,
            occurrence,
            test,
            line,
        }),
        _ => None,
    }
}

/// A TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A mapping written out as a file (what `--suggest-mapping` prints and a saved mapping
/// stores). `comments` are written above `[columns]` entries by field, one `#` line each.
pub struct MappingWriter {
    out: String,
}

impl MappingWriter {
    pub fn new(kind: ImportKind, name: Option<&str>) -> MappingWriter {
        let mut out = String::from("version = 1\n");
        let _ = writeln!(out, "kind = \"{kind}\"");
        if let Some(name) = name {
            let _ = writeln!(out, "name = {}", toml_string(name));
        }
        MappingWriter { out }
    }

    pub fn file(&mut self, header_row: Option<u64>, delimiter: Delimiter, encoding: Encoding) {
        self.out.push_str("\n[file]\n");
        if let Some(row) = header_row {
            let _ = writeln!(self.out, "header_row = {row}");
        }
        let d = match delimiter {
            Delimiter::Comma => ",",
            Delimiter::Semicolon => ";",
            Delimiter::Tab => "\\t",
            Delimiter::Pipe => "|",
        };
        let _ = writeln!(self.out, "delimiter = \"{d}\"");
        let e = match encoding {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le | Encoding::Utf16Be => "utf-16",
            Encoding::Windows1252 => "windows-1252",
        };
        let _ = writeln!(self.out, "encoding = \"{e}\"");
        self.out.push_str("\n[columns]\n");
    }

    /// A line as it is.
    pub fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    pub fn comment(&mut self, text: &str) {
        for line in text.lines() {
            let _ = writeln!(self.out, "# {line}");
        }
    }

    /// One `[columns]` entry.
    pub fn field(&mut self, rule: &FieldRule) {
        let _ = writeln!(self.out, "{} = {}", rule.field, field_value(rule));
    }

    pub fn rows(
        &mut self,
        keep: &[(String, Vec<String>)],
        settings: &[(&str, &str)],
        commented: &[String],
    ) {
        self.out.push_str("\n[rows]\n");
        for line in commented {
            let _ = writeln!(self.out, "# {line}");
        }
        if !keep.is_empty() {
            self.out.push_str("keep = [\n");
            for (header, words) in keep {
                let words: Vec<String> = words.iter().map(|w| toml_string(w)).collect();
                let _ = writeln!(
                    self.out,
                    "  {{ column = {}, in = [{}] }},",
                    toml_string(header),
                    words.join(", ")
                );
            }
            self.out.push_str("]\n");
        }
        for (key, value) in settings {
            let _ = writeln!(self.out, "{key} = \"{value}\"");
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// The TOML value of one `[columns]` entry: the shortest form that says it all.
fn field_value(rule: &FieldRule) -> String {
    let plain = rule.values.is_empty() && rule.format.is_none() && rule.matching.is_none();
    // `format = "auto"` is written out only when a choice is left to make (see suggest.rs).
    match &rule.source {
        Source::Absent => return "false".into(),
        Source::Column {
            header,
            occurrence: 1,
        } if plain => return toml_string(header),
        Source::Join(headers) if plain => {
            let parts: Vec<String> = headers.iter().map(|h| toml_string(h)).collect();
            return format!("[{}]", parts.join(", "));
        }
        _ => {}
    }
    let mut parts = Vec::new();
    match &rule.source {
        Source::Column { header, occurrence } => {
            parts.push(format!("column = {}", toml_string(header)));
            if *occurrence != 1 {
                parts.push(format!("occurrence = {occurrence}"));
            }
        }
        Source::Value(text) => parts.push(format!("value = {}", toml_string(text))),
        // A join with options has no table form; the options are left to the user.
        Source::Join(headers) => {
            let parts: Vec<String> = headers.iter().map(|h| toml_string(h)).collect();
            return format!("[{}]", parts.join(", "));
        }
        Source::Absent => {}
    }
    if !rule.values.is_empty() {
        let pairs: Vec<String> = rule
            .values
            .iter()
            .map(|(from, to)| format!("{} = {}", toml_string(from), toml_string(to)))
            .collect();
        parts.push(format!("values = {{ {} }}", pairs.join(", ")));
    }
    match &rule.format {
        None => {}
        Some(DateRead::Auto) => parts.push("format = \"auto\"".into()),
        Some(DateRead::Excel) => parts.push("format = \"excel\"".into()),
        Some(DateRead::Pattern(p)) => parts.push(format!("format = {}", toml_string(p))),
    }
    if let Some(m) = &rule.matching {
        parts.push(format!("match = {}", m.word()));
    }
    format!("{{ {} }}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str, kind: ImportKind) -> Vec<String> {
        match Mapping::parse(text, "MAP.toml", kind) {
            Ok(_) => Vec::new(),
            Err(Error::Mapping(list)) => list,
            Err(other) => panic!("{other}"),
        }
    }

    const CONTRACT_EXAMPLE: &str = r#"version = 1
kind = "employees"                 # employees | programs | completions (must equal KIND)
name = "BambooHR people report"    # optional, shown in the app and in `upskill mappings list`

[file]                             # optional; each key detected when absent
header_row = 6                     # 1-based physical line of the header row; lines above it are ignored
delimiter = ";"                    # one of "," ";" "\t" "|"
encoding = "windows-1252"          # "utf-8" | "utf-16" | "windows-1252"

[columns]                          # Upskill field = source
employee_id = "Employee #"
full_name   = ["First Name", "Last Name"]
email       = "Work Email"
role        = "Job Title"
department  = { column = "Department", values = { "Engineering - NWL" = "Engineering" } }
location    = { column = "Location", occurrence = 2 }
manager_id  = { column = "Reports To", match = "name" }
birth_year  = { column = "Date of Birth", format = "%m/%d/%Y" }
hire_date   = { column = "Hire Date", format = "excel" }
active      = { column = "Status", values = { "Active" = "true", "On Leave" = "true", "Terminated" = "false" } }

[rows]
keep = [ { column = "Completion Status", in = ["Completed", "Passed"] } ]
skip = [ { column = "Employee #", matches = "^Total" } ]
duplicates = "error"               # "error" | "last": the same key on two rows
unknown_manager = "error"          # employees: "error" | "empty"
"#;

    #[test]
    fn the_contract_example_parses_to_what_it_says() {
        let m = Mapping::parse(CONTRACT_EXAMPLE, "MAP.toml", ImportKind::Employees).unwrap();
        assert_eq!(m.name.as_deref(), Some("BambooHR people report"));
        assert_eq!(
            m.file,
            FileRules {
                header_row: Some(6),
                delimiter: Some(Delimiter::Semicolon),
                encoding: Some(Encoding::Windows1252)
            }
        );
        assert_eq!(m.columns.len(), 10);
        assert_eq!(
            m.rule("full_name").unwrap().source,
            Source::Join(vec!["First Name".into(), "Last Name".into()])
        );
        assert_eq!(
            m.rule("location").unwrap().source,
            Source::Column {
                header: "Location".into(),
                occurrence: 2
            }
        );
        assert_eq!(m.rule("manager_id").unwrap().matching, Some(Match::Name));
        assert_eq!(
            m.rule("birth_year").unwrap().format,
            Some(DateRead::Pattern("%m/%d/%Y".into()))
        );
        assert_eq!(m.rule("hire_date").unwrap().format, Some(DateRead::Excel));
        assert_eq!(m.rule("active").unwrap().values.len(), 3);
        assert_eq!(m.rule("employee_id").unwrap().line, 11);
        assert_eq!(m.keep.len(), 1);
        assert_eq!(m.skip.len(), 1);
        assert!(m.keep[0].test.holds(" passed "));
        assert!(!m.keep[0].test.holds("In progress"));
        assert!(m.skip[0].test.holds("Total: 5"));
    }

    #[test]
    fn bad_mappings_name_their_line() {
        let cases: &[(&str, &str)] = &[
            (
                "version = 1\nkind = \"employees\"\n[columns]\nnickname = \"Nick\"\n",
                "MAP.toml:4: 'nickname' is not a employees field",
            ),
            (
                "version = 1\nkind = \"employees\"\ncolour = 3\n",
                "MAP.toml:3: unknown key 'colour'",
            ),
            (
                "version = 1\nkind = \"completions\"\n[rows]\nkeep = [ { column = \"S\", matches = \"(\" } ]\n",
                "MAP.toml:4: keep: matches: \"(\" is not a valid regex",
            ),
            ("version = 1\nkind = \"employees\"\n[columns\n", "MAP.toml:3: "),
            (
                "version = 2\nkind = \"employees\"\n",
                "MAP.toml:1: version must be 1",
            ),
            (
                "version = 1\nkind = \"programs\"\n",
                "MAP.toml:2: this mapping is for programs, but the file is imported as employees",
            ),
            (
                "version = 1\nkind = \"employees\"\n[columns]\nrole = { column = \"Title\", colour = 1 }\n",
                "MAP.toml:4: role: unknown key 'colour'",
            ),
            (
                "version = 1\nkind = \"employees\"\n[columns]\nhire_date = { column = \"H\", format = \"%Y-%m\" }\n",
                "MAP.toml:4: hire_date: format: ",
            ),
            (
                "version = 1\nkind = \"employees\"\n[file]\ndelimiter = \":\"\n",
                "MAP.toml:4: delimiter must be one of",
            ),
            (
                "version = 1\nkind = \"employees\"\n[columns]\nrole = { column = \"Title\", match = \"name\" }\n",
                "MAP.toml:4: role: match applies to references only",
            ),
        ];
        for (text, want) in cases {
            let got = problems(text, ImportKind::Employees);
            assert!(
                got.iter().any(|g| g.starts_with(want)),
                "{text:?}: {got:?} should start with {want:?}"
            );
        }
    }

    #[test]
    fn a_suggested_mapping_parses_back_to_the_same_rules() {
        let m = Mapping::parse(CONTRACT_EXAMPLE, "MAP.toml", ImportKind::Employees).unwrap();
        let mut w = MappingWriter::new(ImportKind::Employees, Some("again"));
        w.file(Some(6), Delimiter::Semicolon, Encoding::Windows1252);
        for rule in &m.columns {
            w.comment("a note");
            w.field(rule);
        }
        let text = w.finish();
        let back = Mapping::parse(&text, "again.toml", ImportKind::Employees).unwrap();
        let strip = |rules: &[FieldRule]| -> Vec<FieldRule> {
            rules
                .iter()
                .map(|r| FieldRule {
                    line: 0,
                    ..r.clone()
                })
                .collect()
        };
        assert_eq!(strip(&back.columns), strip(&m.columns), "{text}");
        assert_eq!(back.file, m.file);
    }

    #[test]
    fn toml_strings_escape_what_they_must() {
        assert_eq!(toml_string("a\"b\\c\td"), "\"a\\\"b\\\\c\\td\"");
    }
}
