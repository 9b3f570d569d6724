//! The Import page's "Match columns" step: what it shows about a file, and the mapping it
//! builds from the choices made there.
//!
//! The step edits a [`MappingDraft`] (plain fields, easy to bind to a form); the draft becomes
//! a mapping file's text here, checked by the same parser as a hand-written one, so a mapping
//! made in the app is the same thing as one written for the CLI, and saves as such.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{column_letter, From, Header};
use super::mapping::toml_string;
use super::{
    load, survey, vocab, Cancel, DateFormat, FieldMapping, ImportKind, ImportOptions, Mapping,
};
use crate::error::{Error, Result};

/// How many sample values the step shows per column.
pub const SAMPLES: usize = 5;

/// One file column as the step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FileColumn {
    pub name: String,
    /// The letter Excel shows for it.
    pub letter: String,
    /// The first distinct non-empty values.
    pub samples: Vec<String>,
    /// The Upskill field the vocabulary knows it as, if any.
    pub recognised: Option<String>,
}

/// A status word of the file and what it is read as (None: unknown, to be chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusWord {
    pub word: String,
    #[ts(type = "number")]
    pub rows: u64,
    pub reading: Option<bool>,
}

/// Everything the step shows for a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportColumns {
    pub kind: ImportKind,
    /// The physical line of the header row.
    #[ts(type = "number")]
    pub header_line: u64,
    pub columns: Vec<FileColumn>,
    /// The kind's fields in template order, with the required ones named.
    pub fields: Vec<String>,
    pub required: Vec<String>,
    /// What is chosen now for each field the file has (recognition, or the mapping given).
    pub mapping: Vec<FieldMapping>,
    /// The draft of that choice, for the form to start from.
    pub draft: MappingDraft,
    /// Employees: the `active` column's words; completions: the status column's words.
    pub words: Vec<StatusWord>,
    /// Date fields whose day and month could be either way round, with an example.
    pub ambiguous_dates: Vec<AmbiguousDates>,
    /// What recognition could not settle, in words.
    pub questions: Vec<String>,
    /// The suggested mapping file (what `--suggest-mapping` prints).
    pub suggestion: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AmbiguousDates {
    pub field: String,
    pub example: String,
    #[ts(type = "number")]
    pub line: u64,
}

/// A mapping as the step's form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MappingDraft {
    pub name: Option<String>,
    /// The header row, when it is not the first line.
    #[ts(type = "number | null")]
    pub header_row: Option<u64>,
    pub fields: Vec<FieldDraft>,
    /// Completions: import only rows whose `keep_column` is one of `keep_values`.
    pub keep_column: Option<String>,
    pub keep_values: Vec<String>,
    /// Completions: "error" or "skip"; employees' `unknown_manager`: "error" or "empty".
    pub unknown_employee: Option<String>,
    pub unknown_program: Option<String>,
    pub unknown_manager: Option<String>,
}

/// One field of a [`MappingDraft`]: no columns and no value means "not in this file".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldDraft {
    pub field: String,
    pub columns: Vec<String>,
    pub value: Option<String>,
    /// `values`: cell → replacement (e.g. a status word → "true"/"false").
    pub values: Vec<(String, String)>,
    /// A date format: "auto", "excel" or a chrono pattern.
    pub format: Option<String>,
    /// A reference's `match`: "employee_id", "email", "name", "program_id", "title".
    pub matching: Option<String>,
}

impl MappingDraft {
    /// The draft as a mapping file, checked by the parser (`Error::Mapping` when not valid).
    pub fn to_toml(&self, kind: ImportKind) -> Result<String> {
        let mut out = String::from("version = 1\n");
        out.push_str(&format!("kind = \"{kind}\"\n"));
        if let Some(name) = self.name.as_ref().filter(|n| !n.trim().is_empty()) {
            out.push_str(&format!("name = {}\n", toml_string(name.trim())));
        }
        if let Some(row) = self.header_row {
            out.push_str(&format!("\n[file]\nheader_row = {row}\n"));
        }
        out.push_str("\n[columns]\n");
        for f in &self.fields {
            if !kind.columns().contains(&f.field.as_str()) {
                return Err(Error::invalid(
                    f.field.clone(),
                    format!("'{}' is not a {kind} field", f.field),
                ));
            }
            let mut parts = Vec::new();
            match (f.columns.as_slice(), &f.value) {
                (_, Some(v)) => parts.push(format!("value = {}", toml_string(v))),
                ([], None) => {
                    out.push_str(&format!("{} = false\n", f.field));
                    continue;
                }
                ([one], None) => parts.push(format!("column = {}", toml_string(one))),
                (several, None) => {
                    let cols: Vec<String> = several.iter().map(|c| toml_string(c)).collect();
                    out.push_str(&format!("{} = [{}]\n", f.field, cols.join(", ")));
                    continue;
                }
            }
            if !f.values.is_empty() {
                let pairs: Vec<String> = f
                    .values
                    .iter()
                    .map(|(a, b)| format!("{} = {}", toml_string(a), toml_string(b)))
                    .collect();
                parts.push(format!("values = {{ {} }}", pairs.join(", ")));
            }
            if let Some(format) = f.format.as_ref().filter(|s| !s.is_empty()) {
                parts.push(format!("format = {}", toml_string(format)));
            }
            if let Some(m) = f.matching.as_ref().filter(|s| !s.is_empty()) {
                parts.push(format!("match = {}", toml_string(m)));
            }
            out.push_str(&format!("{} = {{ {} }}\n", f.field, parts.join(", ")));
        }
        let mut rows = Vec::new();
        if let Some(col) = &self.keep_column {
            let words: Vec<String> = self.keep_values.iter().map(|w| toml_string(w)).collect();
            rows.push(format!(
                "keep = [ {{ column = {}, in = [{}] }} ]",
                toml_string(col),
                words.join(", ")
            ));
        }
        for (key, value) in [
            ("unknown_employee", &self.unknown_employee),
            ("unknown_program", &self.unknown_program),
            ("unknown_manager", &self.unknown_manager),
        ] {
            if let Some(v) = value {
                rows.push(format!("{key} = {}", toml_string(v)));
            }
        }
        if !rows.is_empty() {
            out.push_str("\n[rows]\n");
            for r in rows {
                out.push_str(&r);
                out.push('\n');
            }
        }
        Mapping::parse(&out, "the mapping", kind)?;
        Ok(out)
    }
}

/// What the Match columns step shows for `path`, with `mapping` (TOML text) applied if given.
pub fn import_columns(
    kind: ImportKind,
    path: &Path,
    date_format: DateFormat,
    mapping: Option<&str>,
    today: NaiveDate,
    cancel: &Cancel,
) -> Result<ImportColumns> {
    let mapping = mapping
        .map(|text| Mapping::parse(text, "the mapping", kind))
        .transpose()?;
    let mapping = mapping.as_ref();
    let file_rules = mapping.map(|m| m.file.clone()).unwrap_or_default();
    let source = load::Source::open_with(path, file_rules.encoding, file_rules.delimiter)
        .map_err(|e| Error::io(path, e))?;
    let mut report = super::empty_report(kind, path, &source, &ImportOptions::default(), mapping);
    let Some(mut header) = load::read_header(&source, kind, mapping, true, &mut report)? else {
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        return Err(Error::Invalid(vec![crate::error::FieldProblem::new(
            "file",
            problems.join("; "),
        )]));
    };
    let survey = survey::run(&source, &mut header, date_format, today, cancel)?;
    let columns = samples(&source, &header, kind)?;
    let words = survey
        .words
        .iter()
        .map(|(word, rows)| StatusWord {
            word: word.clone(),
            rows: *rows,
            reading: match kind {
                ImportKind::Completions => vocab::completion_status(word),
                _ => super::rows::parse_bool(word).ok(),
            },
        })
        .collect();
    let ambiguous_dates = survey
        .orders
        .iter()
        .filter(|(_, order, _)| order.is_none())
        .filter_map(|(c, _, example)| {
            example.as_ref().map(|(text, line)| AmbiguousDates {
                field: kind.columns()[*c].to_string(),
                example: text.clone(),
                line: *line,
            })
        })
        .collect();
    let mut questions: Vec<String> = header.unresolved.iter().map(|(_, m)| m.clone()).collect();
    questions.extend(survey.file_problems.iter().map(|(_, m)| m.clone()));
    questions.extend(header.warnings.iter().cloned());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let suggestion = super::suggest::write(kind, &source, &header, &survey, mapping, &file_name);
    Ok(ImportColumns {
        kind,
        header_line: header.line,
        draft: draft_of(&header, mapping),
        mapping: header.describe(),
        columns,
        fields: kind.columns().iter().map(|c| c.to_string()).collect(),
        required: kind.required().iter().map(|c| c.to_string()).collect(),
        words,
        ambiguous_dates,
        questions,
        suggestion,
    })
}

/// The draft that says what `header` does.
fn draft_of(header: &Header, mapping: Option<&Mapping>) -> MappingDraft {
    let kind = header.kind;
    let fields = kind
        .columns()
        .iter()
        .enumerate()
        .map(|(c, &field)| {
            let rule = mapping.and_then(|m| m.rule(field));
            let mut draft = FieldDraft {
                field: field.to_string(),
                ..FieldDraft::default()
            };
            if let Some(f) = header.field(c) {
                match &f.from {
                    From::Column(i) => draft.columns = vec![header.names[*i].clone()],
                    From::Join(cols) => {
                        draft.columns = cols.iter().map(|&i| header.names[i].clone()).collect()
                    }
                    From::Value(v) => draft.value = Some(v.clone()),
                }
            }
            if let Some(rule) = rule {
                draft.values = rule.values.clone();
                draft.format = match &rule.format {
                    Some(super::mapping::DateRead::Excel) => Some("excel".into()),
                    Some(super::mapping::DateRead::Pattern(p)) => Some(p.clone()),
                    _ => None,
                };
            }
            draft
        })
        .collect();
    MappingDraft {
        name: mapping.and_then(|m| m.name.clone()),
        header_row: (header.line > 1).then_some(header.line),
        fields,
        keep_column: header.rules.status.map(|i| header.names[i].clone()),
        ..MappingDraft::default()
    }
}

/// Each column with its first distinct values.
fn samples(source: &load::Source, header: &Header, kind: ImportKind) -> Result<Vec<FileColumn>> {
    let mut columns: Vec<FileColumn> = header
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| FileColumn {
            name: name.clone(),
            letter: column_letter(i),
            samples: Vec::new(),
            recognised: super::columns::recognise(kind, name).map(|r| r.field.to_string()),
        })
        .collect();
    let mut records = source.records()?;
    let mut seen = 0;
    while records.advance().or_else(|e| source.survey_error(e))? {
        let record = records.current();
        if record.line < header.data_from {
            continue;
        }
        seen += 1;
        for (i, column) in columns.iter_mut().enumerate() {
            let text = header.raw(&record, i).trim().to_string();
            if !text.is_empty() && column.samples.len() < SAMPLES && !column.samples.contains(&text)
            {
                column.samples.push(text);
            }
        }
        if seen >= 200 || columns.iter().all(|c| c.samples.len() >= SAMPLES) {
            break;
        }
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_a_mapping_file_the_parser_takes() {
        let draft = MappingDraft {
            name: Some("Bamboo".into()),
            header_row: Some(3),
            fields: vec![
                FieldDraft {
                    field: "employee_id".into(),
                    columns: vec!["Employee #".into()],
                    ..Default::default()
                },
                FieldDraft {
                    field: "full_name".into(),
                    columns: vec!["First".into(), "Last".into()],
                    ..Default::default()
                },
                FieldDraft {
                    field: "email".into(),
                    ..Default::default()
                },
                FieldDraft {
                    field: "location".into(),
                    value: Some("Berlin".into()),
                    ..Default::default()
                },
                FieldDraft {
                    field: "active".into(),
                    columns: vec!["Status".into()],
                    values: vec![("Left".into(), "false".into())],
                    ..Default::default()
                },
                FieldDraft {
                    field: "hire_date".into(),
                    columns: vec!["Start".into()],
                    format: Some("%d/%m/%Y".into()),
                    ..Default::default()
                },
                FieldDraft {
                    field: "manager_id".into(),
                    columns: vec!["Boss".into()],
                    matching: Some("name".into()),
                    ..Default::default()
                },
            ],
            unknown_manager: Some("empty".into()),
            ..Default::default()
        };
        let text = draft.to_toml(ImportKind::Employees).unwrap();
        let m = Mapping::parse(&text, "x", ImportKind::Employees).unwrap();
        assert_eq!(m.file.header_row, Some(3));
        assert_eq!(m.columns.len(), 7);
        assert_eq!(
            m.rule("email").unwrap().source,
            super::super::mapping::Source::Absent
        );
        assert_eq!(
            m.unknown_manager,
            super::super::mapping::UnknownManager::Empty
        );
        let bad = MappingDraft {
            fields: vec![FieldDraft {
                field: "hire_date".into(),
                columns: vec!["S".into()],
                format: Some("%Y".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert!(matches!(
            bad.to_toml(ImportKind::Employees),
            Err(Error::Mapping(_))
        ));
    }
}
