//! `--suggest-mapping`: the mapping an import would use, written out as a complete mapping
//! file, with a comment on every choice it could not make.
//!
//! The file parses as it is (so it can be saved and used at once), and where something is
//! still to be decided (a date column that reads both ways, a status word Upskill does not
//! know, a required field no column was recognised for) the comment says what to write.

use super::columns::{DateUse, From, Header, RefMatch};
use super::dates::DateForm;
use super::load::Source;
use super::mapping::{
    toml_string, DateRead, FieldRule, MappingWriter, Match, Source as RuleSource,
};
use super::rows::quoted;
use super::survey::Survey;
use super::{vocab, ImportKind, Mapping};

/// Writes the mapping for a file whose header, survey and source were read.
pub(crate) fn write(
    kind: ImportKind,
    source: &Source,
    header: &Header,
    survey: &Survey,
    mapping: Option<&Mapping>,
    file_name: &str,
) -> String {
    let name = mapping
        .and_then(|m| m.name.clone())
        .unwrap_or_else(|| format!("{kind} from {file_name}"));
    let mut w = MappingWriter::new(kind, Some(&name));
    w.comment(&format!(
        "Suggested by `upskill import {kind} {file_name} --suggest-mapping`. Check every line,\n\
         then use it with --mapping FILE, or save it with --save-mapping NAME."
    ));
    let header_row = (header.line > 1).then_some(header.line);
    if header.line > 1 {
        w.comment(&format!(
            "header_row: the lines above line {} are a title and are ignored",
            header.line
        ));
    }
    w.file(header_row, source.delimiter, source.detected.encoding);
    let columns = kind.columns();
    let missing: Vec<&str> = header.unresolved.iter().map(|(f, _)| f.as_str()).collect();
    for (c, &field) in columns.iter().enumerate() {
        let Some(f) = header.field(c) else {
            if missing.contains(&field) {
                w.comment(&format!(
                    "{field} is required, and no column looks like it: name yours, e.g.\n{field} = \"Your column\""
                ));
                w.line(&format!("# {field} = \"?\""));
            } else {
                w.comment(&format!("{field}: not in this file"));
                w.line(&format!("{field} = false"));
            }
            continue;
        };
        let own_rule = mapping.and_then(|m| m.rule(field)).cloned();
        let mut rule = own_rule.clone().unwrap_or_else(|| FieldRule {
            field: field.to_string(),
            source: match &f.from {
                From::Column(i) => RuleSource::Column {
                    header: header.names[*i].clone(),
                    occurrence: occurrence(header, *i),
                },
                From::Join(cols) => {
                    RuleSource::Join(cols.iter().map(|&i| header.names[i].clone()).collect())
                }
                From::Value(v) => RuleSource::Value(v.clone()),
            },
            values: Vec::new(),
            format: None,
            matching: None,
            line: 0,
        });
        let mut notes: Vec<String> = Vec::new();
        match &f.from {
            From::Column(i) if own_rule.is_none() => notes.push(format!(
                "column {} ({}) looks like {field}",
                quoted(&header.names[*i]),
                super::columns::column_letter(*i)
            )),
            From::Join(_) if own_rule.is_none() => {
                notes.push(format!("{field}: the columns are joined with a space"))
            }
            _ => {}
        }
        if let DateUse::Auto(order) = &f.date {
            if own_rule.as_ref().is_none_or(|r| r.format.is_none()) {
                let found = survey.orders.iter().find(|(oc, _, _)| *oc == c);
                match (order, found) {
                    (Some(o), Some((_, _, Some((example, line))))) => notes.push(format!(
                        "{field}: dates are read as written; {} on line {line} shows day and month are {}",
                        quoted(example),
                        o.label()
                    )),
                    (None, Some((_, None, Some((example, line))))) => {
                        let (m, d) = (DateForm::MdySlash, DateForm::DmySlash);
                        notes.push(format!(
                            "{field}: CHOOSE: dates such as {} (line {line}) could be {} or {}; replace \"auto\" with {} or {}",
                            quoted(example),
                            m.label(),
                            d.label(),
                            toml_string(m.mapping_format()),
                            toml_string(d.mapping_format())
                        ));
                        rule.format = Some(DateRead::Auto);
                    }
                    _ => {}
                }
            }
        }
        if own_rule.is_none() {
            rule.matching = match (&f.matching, field, kind) {
                (RefMatch::Email, _, _) => Some(Match::Email),
                (RefMatch::Title, _, _) => Some(Match::Title),
                (RefMatch::Name, _, _) => Some(Match::Name),
                (RefMatch::Auto, "manager_id", ImportKind::Employees) => {
                    let values: Vec<&String> = survey.managers.keys().collect();
                    let ids = survey.ids.as_ref();
                    let not_ids: Vec<&&String> = values
                        .iter()
                        .filter(|v| {
                            ids.is_none_or(|ids| ids.get(v).is_none()) && !vocab::is_no_manager(v)
                        })
                        .collect();
                    if not_ids.is_empty() {
                        None
                    } else if not_ids.iter().all(|v| v.contains('@')) {
                        notes.push("manager_id: the managers are given as e-mails".into());
                        Some(Match::Email)
                    } else if not_ids.iter().all(|v| v.contains([' ', ','])) {
                        notes.push("manager_id: the managers are given as names (\"Last, First\" matches too)".into());
                        Some(Match::Name)
                    } else {
                        notes.push(format!(
                            "manager_id: some managers, e.g. {}, are not employee ids of this file: they are matched by id, else e-mail, else name; say which with match = \"employee_id\", \"email\" or \"name\"",
                            quoted(not_ids[0])
                        ));
                        None
                    }
                }
                _ => None,
            };
        }
        if field == "active" && own_rule.is_none() {
            let mut unknown = Vec::new();
            for (word, _) in &survey.words {
                match super::rows::parse_bool(word) {
                    Ok(active) => rule.values.push((word.clone(), active.to_string())),
                    Err(_) => {
                        unknown.push(word.clone());
                        rule.values
                            .push((word.clone(), "CHOOSE true or false".into()));
                    }
                }
            }
            if !unknown.is_empty() {
                notes.push(format!(
                    "active: CHOOSE: Upskill does not know {}; write \"true\" (still employed) or \"false\" for each",
                    unknown.iter().map(|w| quoted(w)).collect::<Vec<_>>().join(", ")
                ));
            }
            if rule
                .values
                .iter()
                .all(|(w, to)| super::rows::parse_bool(w).is_ok_and(|b| b.to_string() == *to))
                && unknown.is_empty()
            {
                // Every word is known: listing them shows what each becomes.
                notes.push("active: each status word and what it becomes".into());
            }
        }
        for note in &notes {
            w.comment(note);
        }
        w.field(&rule);
    }
    let mut keep = Vec::new();
    let mut commented = Vec::new();
    if let (ImportKind::Completions, Some(i)) = (kind, header.rules.status) {
        let done: Vec<&(String, u64)> = survey
            .words
            .iter()
            .filter(|(w, _)| vocab::completion_status(w) == Some(true))
            .collect();
        let rest: Vec<&(String, u64)> = survey
            .words
            .iter()
            .filter(|(w, _)| vocab::completion_status(w) != Some(true))
            .collect();
        keep.push((
            header.names[i].clone(),
            done.iter().map(|(w, _)| w.clone()).collect(),
        ));
        if !rest.is_empty() {
            commented.push(format!(
                "Rows whose {} is {} are not completions and are left out.",
                quoted(&header.names[i]),
                rest.iter()
                    .map(|(w, n)| format!("{} ({n})", quoted(w)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let unknown: Vec<&String> = rest
            .iter()
            .filter(|(w, _)| vocab::completion_status(w).is_none())
            .map(|(w, _)| w)
            .collect();
        if !unknown.is_empty() {
            commented.push(format!(
                "CHOOSE: Upskill does not know {}; add them to `in` if they mean completed.",
                unknown
                    .iter()
                    .map(|w| quoted(w))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut settings: Vec<(&str, &str)> = vec![("duplicates", "error")];
    match kind {
        ImportKind::Employees => settings.push(("unknown_manager", "error")),
        ImportKind::Completions => {
            settings.push(("unknown_employee", "error"));
            settings.push(("unknown_program", "error"));
            commented.push(
                "unknown_employee = \"skip\" leaves out learners who are not in the record (contractors), listing them as warnings."
                    .into(),
            );
        }
        _ => {}
    }
    if let Some(m) = mapping {
        keep = m
            .keep
            .iter()
            .filter_map(|c| match &c.test {
                super::mapping::Test::In(words) => Some((c.header.clone(), words.clone())),
                _ => None,
            })
            .collect();
    }
    w.rows(&keep, &settings, &commented);
    w.finish()
}

/// Which occurrence of its header column `i` is (1 for the first).
fn occurrence(header: &Header, i: usize) -> usize {
    let key = vocab::header_key(&header.names[i]);
    header.names[..i]
        .iter()
        .filter(|n| vocab::header_key(n) == key)
        .count()
        + 1
}
