//! Which file column holds each of Upskill's fields, and how its text is read.
//!
//! Owns the step between a decoded record and validation: finding the header row (below any
//! title rows), recognising vendor headers ([`super::vocab`]), applying a mapping file
//! ([`super::mapping`]), and turning one record into the text of each field (joined columns,
//! constant values, `values` replacements). What that text must be is still decided once, in
//! [`super::rows`] and [`crate::domain`], so a mapped row and a form are held to the same
//! rules. Which rows are not records at all (a keep/skip rule, a not-completed status, a
//! totals row, a continuation row) is decided here too, the same way in both passes.

use std::borrow::Cow;

use super::dates::DayMonth;
use super::mapping::{
    self, Condition, DateRead, Duplicates, Mapping, Match, Source, Test, Unknown, UnknownManager,
};
use super::records::Record;
use super::rows::quoted;
use super::vocab::{self, VocabKind};
use super::ImportKind;

/// How many records from the top of a file are looked at for the header row.
pub(crate) const HEADER_SEARCH_RECORDS: usize = 30;

/// Where a field's text comes from in a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum From {
    Column(usize),
    /// Columns joined with one space, blank parts left out.
    Join(Vec<usize>),
    Value(String),
}

/// How a date field's text is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateUse {
    /// Each value in the form that reads it; where day and month could be either way round,
    /// the order the survey found in the column's values (None: not settled).
    Auto(Option<DayMonth>),
    Excel,
    Pattern(String),
}

/// What a reference cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RefMatch {
    /// An id; failing that an e-mail; failing that (managers) a full name, or (programs) a title.
    Auto,
    Id,
    Email,
    Name,
    /// Looked up in this file column of the same file; the row found gives the employee.
    Column(usize),
    Title,
}

/// How a field was chosen: what the app shows and `--suggest-mapping` comments on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The column has the field's own name (Upskill's template).
    Own,
    /// A vendor header the vocabulary knows.
    Recognised,
    /// The mapping file's line.
    Mapping(u64),
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub from: From,
    /// `values`: (key as [`mapping::value_key`] makes it, replacement).
    pub values: Vec<(String, String)>,
    pub date: DateUse,
    pub matching: RefMatch,
    pub origin: Origin,
}

/// Why a row is not a record: counted, never a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    /// A mapping's keep or skip rule.
    Mapping,
    /// A completion status or progress that says the course was not completed.
    NotCompleted,
    /// A row with every key and required cell blank, continuing the row above (Frappe's
    /// child-table rows).
    Continuation,
    /// A totals row at the bottom of a report.
    Totals,
}

/// A condition on one file column.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub column: usize,
    pub test: Test,
}

/// Which rows are records, and what to do with duplicates and unknown references.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowRules {
    pub keep: Vec<Rule>,
    pub skip: Vec<Rule>,
    /// A recognised completion status column (no mapping names the rows to keep).
    pub status: Option<usize>,
    /// A recognised progress column (percent).
    pub progress: Option<usize>,
    /// Recognition's row checks (continuation and totals rows); off under a mapping's keep/skip.
    pub auto_rows: bool,
    pub duplicates: Duplicates,
    pub unknown_employee: Unknown,
    pub unknown_program: Unknown,
    pub unknown_manager: UnknownManager,
}

/// How a file's columns map onto its kind's fields.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub kind: ImportKind,
    /// For each of the kind's columns, where its text comes from.
    pub fields: Vec<Option<Field>>,
    /// The file's header cells as written (trimmed).
    pub names: Vec<String>,
    /// Header cells used for no field.
    pub ignored: Vec<String>,
    /// The physical line of the header row.
    pub line: u64,
    /// Records on lines before this one are not data (the header, a second header row).
    pub data_from: u64,
    pub rules: RowRules,
    /// What recognition decided, for the report ("column 'Employee #' looks like employee_id").
    pub notes: Vec<String>,
    /// What recognition chose between rivals (two columns that could be the same field).
    pub warnings: Vec<String>,
    /// Built leniently (for a suggested mapping): the problems that would refuse the file.
    pub unresolved: HeaderProblems,
}

/// A header the file cannot be imported with; each entry is (column, message).
pub(crate) type HeaderProblems = Vec<(String, String)>;

/// The column letters Excel shows: A…Z, AA…
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The field a header names for `kind`: the vendor vocabulary for the record kinds HR
/// systems and LMSs export, the field's own name for Upskill's other files.
pub(crate) fn recognise(kind: ImportKind, name: &str) -> Option<vocab::Recognised> {
    let vk = match kind {
        ImportKind::Employees => VocabKind::Employees,
        ImportKind::Programs => VocabKind::Programs,
        ImportKind::Completions => VocabKind::Completions,
        _ => {
            let key = vocab::header_key(name);
            return kind
                .columns()
                .iter()
                .find(|c| **c == key)
                .map(|c| vocab::Recognised { field: c, rank: 0 });
        }
    };
    vocab::recognise(vk, name)
}

/// The distinct fields a record's cells name, as header cells: how header-like it is.
pub(crate) fn header_score(kind: ImportKind, cells: &[String]) -> usize {
    let mut fields: Vec<&str> = cells
        .iter()
        .filter_map(|c| recognise(kind, c).map(|r| r.field))
        .collect();
    fields.sort_unstable();
    fields.dedup();
    fields.len()
}

/// Picks the header row among the first records: the first with the most recognised
/// headers. Returns its index in `head`.
pub(crate) fn find_header(kind: ImportKind, head: &[(u64, Vec<String>)]) -> usize {
    let mut best = (0, 0);
    for (i, (_, cells)) in head.iter().enumerate() {
        let score = header_score(kind, cells);
        if score > best.1 {
            best = (i, score);
        }
    }
    // A file whose first row names nothing Upskill knows keeps it as the header, so the
    // message lists the columns found there (as before recognition existed).
    if best.1 < 2 {
        0
    } else {
        best.0
    }
}

/// Whether a record right below the header is a second header row (SuccessFactors puts the
/// labels under the field ids): most of its cells are header words.
pub(crate) fn is_second_header(kind: ImportKind, header: &[String], cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() < 3 {
        return false;
    }
    let recognised = filled
        .iter()
        .filter(|c| recognise(kind, c).is_some())
        .count();
    let same = cells
        .iter()
        .zip(header)
        .filter(|(a, b)| !a.trim().is_empty() && vocab::header_key(a) == vocab::header_key(b))
        .count();
    recognised * 3 >= filled.len() * 2 && recognised >= 3 && same < filled.len()
}

struct Candidate {
    column: usize,
    rank: u8,
}

impl Header {
    /// Maps the header cells `names` (found on `line`) for `kind`, by the mapping where it
    /// names a field and by recognition elsewhere. Problems with the mapping come back as
    /// `MAP.toml:LINE: reason` in the second list; problems with the file's header in the first.
    pub fn build(
        kind: ImportKind,
        names: Vec<String>,
        line: u64,
        mapping: Option<&Mapping>,
        lenient: bool,
    ) -> std::result::Result<Header, (HeaderProblems, Vec<String>)> {
        let columns = kind.columns();
        let mut problems = HeaderProblems::new();
        let mut mapping_problems = Vec::new();
        let mut notes = Vec::new();
        let mut warnings = Vec::new();
        let mut fields: Vec<Option<Field>> = vec![None; columns.len()];
        let letter = |i: usize| column_letter(i);

        // Recognition: every column's candidate field.
        let mut candidates: Vec<(&'static str, Candidate)> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                continue;
            }
            if let Some(r) = recognise(kind, name) {
                candidates.push((
                    r.field,
                    Candidate {
                        column: i,
                        rank: r.rank,
                    },
                ));
            }
        }
        let best = |field: &str| -> Option<(usize, u8, Vec<usize>)> {
            let mut found: Vec<&Candidate> = candidates
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, c)| c)
                .collect();
            found.sort_by_key(|c| (c.rank, c.column));
            let first = found.first()?;
            let rivals = found
                .iter()
                .skip(1)
                .filter(|c| c.rank == first.rank)
                .map(|c| c.column)
                .collect();
            Some((first.column, first.rank, rivals))
        };

        let find = |header: &str, occurrence: usize| -> Option<usize> {
            let key = vocab::header_key(header);
            names
                .iter()
                .enumerate()
                .filter(|(_, n)| vocab::header_key(n) == key)
                .map(|(i, _)| i)
                .nth(occurrence.saturating_sub(1))
        };
        let source_name = mapping.map(|m| m.source.as_str()).unwrap_or("");
        let mut missing_column = |rule_line: u64, header: &str, occurrence: usize| {
            let found: Vec<String> = names
                .iter()
                .filter(|n| !n.is_empty())
                .take(30)
                .map(|n| quoted(n))
                .collect();
            let count = names
                .iter()
                .filter(|n| vocab::header_key(n) == vocab::header_key(header))
                .count();
            mapping_problems.push(if count > 0 && occurrence > count {
                format!(
                    "{source_name}:{rule_line}: the file has {count} column(s) named {}, not {occurrence}",
                    quoted(header)
                )
            } else {
                format!(
                    "{source_name}:{rule_line}: the file has no column {} (its header on line {line} has {})",
                    quoted(header),
                    found.join(", ")
                )
            });
        };

        // 1. What the mapping says.
        let mut decided = vec![false; columns.len()];
        if let Some(m) = mapping {
            for rule in &m.columns {
                let Some(c) = columns.iter().position(|f| *f == rule.field) else {
                    continue;
                };
                decided[c] = true;
                let from = match &rule.source {
                    Source::Absent => continue,
                    Source::Column { header, occurrence } => match find(header, *occurrence) {
                        Some(i) => From::Column(i),
                        None => {
                            missing_column(rule.line, header, *occurrence);
                            continue;
                        }
                    },
                    Source::Join(headers) => {
                        let mut cols = Vec::new();
                        for h in headers {
                            match find(h, 1) {
                                Some(i) => cols.push(i),
                                None => missing_column(rule.line, h, 1),
                            }
                        }
                        if cols.len() != headers.len() {
                            continue;
                        }
                        From::Join(cols)
                    }
                    Source::Value(text) => From::Value(text.clone()),
                };
                let matching = match &rule.matching {
                    None => {
                        if matches!(rule.source, Source::Column { .. } | Source::Join(_)) {
                            // The contract's default for a named column is the id itself.
                            match rule.field.as_str() {
                                "program_id" => RefMatch::Id,
                                "employee_id" | "manager_id" => RefMatch::Id,
                                _ => RefMatch::Auto,
                            }
                        } else {
                            RefMatch::Auto
                        }
                    }
                    Some(Match::EmployeeId | Match::ProgramId) => RefMatch::Id,
                    Some(Match::Email) => RefMatch::Email,
                    Some(Match::Name) => RefMatch::Name,
                    Some(Match::Title) => RefMatch::Title,
                    Some(Match::Column(header)) => match find(header, 1) {
                        Some(i) => RefMatch::Column(i),
                        None => {
                            missing_column(rule.line, header, 1);
                            continue;
                        }
                    },
                };
                let date = match &rule.format {
                    None | Some(DateRead::Auto) => DateUse::Auto(None),
                    Some(DateRead::Excel) => DateUse::Excel,
                    Some(DateRead::Pattern(p)) => DateUse::Pattern(p.clone()),
                };
                fields[c] = Some(Field {
                    from,
                    values: rule
                        .values
                        .iter()
                        .map(|(a, b)| (mapping::value_key(a), b.clone()))
                        .collect(),
                    date,
                    matching,
                    origin: Origin::Mapping(rule.line),
                });
            }
        }

        // 2. Recognition for the fields the mapping leaves out.
        let mut used: Vec<usize> = fields
            .iter()
            .flatten()
            .flat_map(|f| match &f.from {
                From::Column(i) => vec![*i],
                From::Join(cols) => cols.clone(),
                From::Value(_) => vec![],
            })
            .collect();
        for (c, &field) in columns.iter().enumerate() {
            if decided[c] {
                continue;
            }
            let chosen = match (kind, field) {
                (ImportKind::Employees, "full_name") => {
                    let full = best("full_name");
                    let first = best("first_name");
                    let last = best("last_name");
                    match (full, first, last) {
                        (Some((i, 0, _)), _, _) => Some((From::Column(i), 0u8, Vec::new())),
                        (_, Some((f, _, _)), Some((l, _, _))) => {
                            let mut parts = vec![f];
                            if let Some((m, _, _)) = best("middle_name") {
                                parts.push(m);
                            }
                            parts.push(l);
                            Some((From::Join(parts), 1, Vec::new()))
                        }
                        (Some((i, rank, rivals)), _, _) => Some((From::Column(i), rank, rivals)),
                        _ => None,
                    }
                }
                (ImportKind::Completions, "employee_id") => best("employee_id")
                    .or_else(|| best("email"))
                    .or_else(|| best("username"))
                    .map(|(i, r, rivals)| (From::Column(i), r, rivals)),
                (ImportKind::Completions, "program_id") => best("program_id")
                    .or_else(|| best("title"))
                    .map(|(i, r, rivals)| (From::Column(i), r, rivals)),
                _ => best(field).map(|(i, r, rivals)| (From::Column(i), r, rivals)),
            };
            let Some((from, _rank, rivals)) = chosen else {
                continue;
            };
            let own = matches!(&from, From::Column(i) if vocab::header_key(&names[*i]) == field);
            match &from {
                From::Column(i) if !own => notes.push(format!(
                    "column {} ({}) looks like {field}",
                    quoted(&names[*i]),
                    letter(*i)
                )),
                From::Join(cols) => notes.push(format!(
                    "{field} is {} joined",
                    cols.iter()
                        .map(|&i| format!("{} ({})", quoted(&names[i]), letter(i)))
                        .collect::<Vec<_>>()
                        .join(" + ")
                )),
                _ => {}
            }
            if let (From::Column(i), Some(&other)) = (&from, rivals.first()) {
                let same_name = vocab::header_key(&names[*i]) == vocab::header_key(&names[other]);
                let warning = if same_name {
                    format!(
                        "two columns are named {} ({} and {}); {field} was read from the first ({}). To read the other, map {field} = {{ column = {}, occurrence = 2 }}",
                        quoted(&names[*i]),
                        letter(*i),
                        letter(other),
                        letter(*i),
                        mapping::toml_string(&names[*i]),
                    )
                } else {
                    format!(
                        "the columns {} ({}) and {} ({}) could both be {field}; the first was used. To use the other, map {field} = {}",
                        quoted(&names[*i]),
                        letter(*i),
                        quoted(&names[other]),
                        letter(other),
                        mapping::toml_string(&names[other]),
                    )
                };
                warnings.push(warning);
            }
            match &from {
                From::Column(i) => used.push(*i),
                From::Join(cols) => used.extend(cols),
                From::Value(_) => {}
            }
            // A completion's learner given as an e-mail column, its course as a title column.
            let matching = match (&from, kind) {
                (From::Column(i), ImportKind::Completions) => {
                    match recognise(kind, &names[*i]).map(|r| r.field) {
                        Some("email") => RefMatch::Email,
                        Some("title") => RefMatch::Title,
                        _ => RefMatch::Auto,
                    }
                }
                _ => RefMatch::Auto,
            };
            fields[c] = Some(Field {
                from,
                values: Vec::new(),
                date: DateUse::Auto(None),
                matching,
                origin: if own { Origin::Own } else { Origin::Recognised },
            });
        }

        // Two columns with one header: the one used is named by its letter.
        for (c, field) in fields.iter().enumerate() {
            let Some(Field {
                from: From::Column(i),
                origin: Origin::Mapping(_) | Origin::Own,
                ..
            }) = field
            else {
                continue;
            };
            let twins: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(j, n)| *j != *i && vocab::header_key(n) == vocab::header_key(&names[*i]))
                .map(|(j, _)| j)
                .collect();
            if !twins.is_empty() && mapping.is_none() {
                problems.push((
                    columns[c].to_string(),
                    format!(
                        "the file has {} columns named {} ({}); choose one in a mapping: {} = {{ column = {}, occurrence = N }}",
                        twins.len() + 1,
                        quoted(&names[*i]),
                        std::iter::once(*i)
                            .chain(twins.iter().copied())
                            .map(letter)
                            .collect::<Vec<_>>()
                            .join(", "),
                        columns[c],
                        mapping::toml_string(&names[*i]),
                    ),
                ));
            }
        }

        // 3. Rows.
        let mut rules = RowRules {
            auto_rows: true,
            ..RowRules::default()
        };
        if let Some(m) = mapping {
            let mut rule_of = |c: &Condition| -> Option<Rule> {
                match find(&c.header, c.occurrence) {
                    Some(column) => Some(Rule {
                        column,
                        test: c.test.clone(),
                    }),
                    None => {
                        missing_column(c.line, &c.header, c.occurrence);
                        None
                    }
                }
            };
            rules.keep = m.keep.iter().filter_map(&mut rule_of).collect();
            rules.skip = m.skip.iter().filter_map(&mut rule_of).collect();
            rules.auto_rows = m.keep.is_empty() && m.skip.is_empty();
            rules.duplicates = m.duplicates;
            rules.unknown_employee = m.unknown_employee;
            rules.unknown_program = m.unknown_program;
            rules.unknown_manager = m.unknown_manager;
        }
        if kind == ImportKind::Completions && rules.keep.is_empty() {
            rules.status = best("status").map(|(i, _, _)| i);
            rules.progress = best("progress").map(|(i, _, _)| i);
            for i in [rules.status, rules.progress].into_iter().flatten() {
                used.push(i);
                notes.push(format!(
                    "column {} ({}) says whether a course was completed: rows that were not are skipped",
                    quoted(&names[i]),
                    letter(i)
                ));
            }
        }
        // Recognised columns the import does not use are still "known": not warned about
        // as unknown, but listed as ignored.
        let ignored: Vec<String> = names
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, n)| n.clone())
            .collect();

        let found = names
            .iter()
            .filter(|n| !n.is_empty())
            .take(20)
            .map(|n| quoted(n))
            .collect::<Vec<_>>()
            .join(", ");
        for &required in kind.required() {
            let c = columns.iter().position(|f| *f == required);
            let has = c.and_then(|c| fields[c].as_ref()).is_some();
            let mapped_absent = c.is_some_and(|c| decided[c]);
            if !has && !mapped_absent {
                problems.push((
                    required.to_string(),
                    format!(
                        "required column is missing (columns found: {}){}",
                        if found.is_empty() { "none" } else { &found },
                        hint_for(kind, required)
                    ),
                ));
            } else if !has && mapped_absent && mapping_problems.is_empty() {
                if let Some(rule) = mapping.and_then(|m| m.rule(required)) {
                    mapping_problems.push(format!(
                        "{source_name}:{}: {required} is required: it cannot be false",
                        rule.line
                    ));
                }
            }
        }
        if !mapping_problems.is_empty() || (!problems.is_empty() && !lenient) {
            return Err((problems, mapping_problems));
        }
        Ok(Header {
            kind,
            fields,
            names,
            ignored,
            line,
            data_from: line + 1,
            rules,
            notes,
            warnings,
            unresolved: problems,
        })
    }

    pub fn has(&self, column: usize) -> bool {
        self.field(column).is_some()
    }

    /// The kind's column `column`, if the file has it (None past the kind's columns).
    pub fn field(&self, column: usize) -> Option<&Field> {
        self.fields.get(column).and_then(Option::as_ref)
    }

    /// The name the file gives the kind's column `canonical` (its own name if the file lacks
    /// it): the header of its first source column.
    pub fn display_name<'a>(&'a self, canonical: &'a str) -> &'a str {
        let Some(c) = self.kind.columns().iter().position(|c| *c == canonical) else {
            return canonical;
        };
        match self.fields[c].as_ref().map(|f| &f.from) {
            Some(From::Column(i)) => &self.names[*i],
            Some(From::Join(cols)) => cols.first().map_or(canonical, |&i| self.names[i].as_str()),
            _ => canonical,
        }
    }

    /// The text of file column `i` in `record`: empty when the row is shorter than the
    /// header; the export's formula protection undone, line breaks flattened.
    pub fn raw<'r>(&self, record: &Record<'r>, i: usize) -> Cow<'r, str> {
        let text = record.text(i).unwrap_or(Cow::Borrowed(""));
        // Undo the export's formula protection, so an exported file re-imports exactly.
        let text = if crate::export::is_neutralised(&text) {
            match text {
                Cow::Borrowed(s) => Cow::Borrowed(&s[1..]),
                Cow::Owned(s) => Cow::Owned(s[1..].to_string()),
            }
        } else {
            text
        };
        super::rows::flatten(text)
    }

    /// The text of the kind's column `column`: None when the file has no such column.
    pub fn cell<'r>(&self, record: &Record<'r>, column: usize) -> Option<Cow<'r, str>> {
        let field = self.fields[column].as_ref()?;
        let text: Cow<'r, str> = match &field.from {
            From::Column(i) => self.raw(record, *i),
            From::Join(cols) => {
                let parts: Vec<String> = cols
                    .iter()
                    .map(|&i| self.raw(record, i).trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                Cow::Owned(parts.join(" "))
            }
            From::Value(text) => Cow::Owned(text.clone()),
        };
        if field.values.is_empty() {
            return Some(text);
        }
        let key = mapping::value_key(&text);
        match field.values.iter().find(|(from, _)| *from == key) {
            Some((_, to)) => Some(Cow::Owned(to.clone())),
            None => Some(text),
        }
    }

    /// Why `record` is not a record to import, if it is not.
    pub fn skip(&self, record: &Record<'_>) -> Option<Skip> {
        let r = &self.rules;
        if r.keep
            .iter()
            .any(|rule| !rule.test.holds(&self.raw(record, rule.column)))
            || r.skip
                .iter()
                .any(|rule| rule.test.holds(&self.raw(record, rule.column)))
        {
            return Some(Skip::Mapping);
        }
        if let Some(i) = r.status {
            if vocab::completion_status(self.raw(record, i).trim()) == Some(false) {
                return Some(Skip::NotCompleted);
            }
        }
        if let Some(i) = r.progress {
            let text = self.raw(record, i);
            if let Some(p) = percent(&text) {
                if p < 100.0 {
                    return Some(Skip::NotCompleted);
                }
            }
        }
        if r.auto_rows {
            let keys_blank = self
                .kind
                .required()
                .iter()
                .filter_map(|f| self.kind.columns().iter().position(|c| c == f))
                .all(|c| {
                    self.fields[c]
                        .as_ref()
                        .is_none_or(|f| matches!(f.from, From::Value(_)))
                        || self.cell(record, c).is_none_or(|t| t.trim().is_empty())
                });
            let filled: Vec<usize> = (0..record.len())
                .filter(|&i| !self.raw(record, i).trim().is_empty())
                .collect();
            if let Some(&first) = filled.first() {
                // A totals row fills a few cells of a wide header: a label and a count or two.
                let few = filled.len() <= 3 && filled.len() * 2 <= self.names.len();
                if few && vocab::is_totals_label(&self.raw(record, first)) {
                    return Some(Skip::Totals);
                }
            }
            if keys_blank && !filled.is_empty() {
                return Some(Skip::Continuation);
            }
        }
        None
    }
}

impl Header {
    /// The mapping as the report shows it: each field the file has, where it comes from
    /// and how it is read.
    pub fn describe(&self) -> Vec<super::FieldMapping> {
        let columns = self.kind.columns();
        self.fields
            .iter()
            .enumerate()
            .filter_map(|(c, f)| f.as_ref().map(|f| (columns[c], f)))
            .map(|(field, f)| {
                let cols: Vec<usize> = match &f.from {
                    From::Column(i) => vec![*i],
                    From::Join(cols) => cols.clone(),
                    From::Value(_) => Vec::new(),
                };
                let mut reads = Vec::new();
                match &f.date {
                    DateUse::Excel => reads.push("dates as Excel serial numbers".into()),
                    DateUse::Pattern(p) => reads.push(format!("dates as {p}")),
                    DateUse::Auto(Some(order)) => reads.push(format!(
                        "dates as written; day and month as {}",
                        order.label()
                    )),
                    DateUse::Auto(None) => {}
                }
                let what = match field {
                    "manager_id" => Some("managers"),
                    "employee_id" if self.kind == ImportKind::Completions => Some("learners"),
                    "program_id" if self.kind == ImportKind::Completions => Some("courses"),
                    _ => None,
                };
                if let Some(what) = what {
                    reads.push(match &f.matching {
                        RefMatch::Auto if field == "program_id" => {
                            format!("{what} matched by id, else title")
                        }
                        RefMatch::Auto if field == "manager_id" => {
                            format!("{what} matched by id, else e-mail, else full name")
                        }
                        RefMatch::Auto => format!("{what} matched by id, else e-mail"),
                        RefMatch::Id => format!("{what} matched by id"),
                        RefMatch::Email => format!("{what} matched by e-mail"),
                        RefMatch::Name => format!("{what} matched by full name"),
                        RefMatch::Title => format!("{what} matched by title"),
                        RefMatch::Column(i) => {
                            format!("{what} looked up in column {}", quoted(&self.names[*i]))
                        }
                    });
                }
                if !f.values.is_empty() {
                    reads.push(format!("{} value(s) replaced", f.values.len()));
                }
                super::FieldMapping {
                    field: field.to_string(),
                    columns: cols.iter().map(|&i| self.names[i].clone()).collect(),
                    letters: cols.iter().map(|&i| column_letter(i)).collect(),
                    value: match &f.from {
                        From::Value(v) => Some(v.clone()),
                        _ => None,
                    },
                    chosen: match f.origin {
                        Origin::Own => "own name".into(),
                        Origin::Recognised => "recognised".into(),
                        Origin::Mapping(line) => format!("mapping line {line}"),
                    },
                    reads: (!reads.is_empty()).then(|| reads.join("; ")),
                }
            })
            .collect()
    }
}

/// A progress cell as a percentage: "100%", "100", "75.5 %", "1.0" (a fraction when ≤ 1 with
/// a point). None when it is not a number.
pub(crate) fn percent(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return None;
    }
    let n: f64 = t.replace(',', ".").parse().ok()?;
    if !n.is_finite() {
        return None;
    }
    if t.contains('.') && n <= 1.0 && !text.contains('%') {
        Some(n * 100.0)
    } else {
        Some(n)
    }
}

/// What to add to "required column is missing" so the user knows what to do.
fn hint_for(kind: ImportKind, field: &str) -> String {
    match (kind, field) {
        (ImportKind::Completions, "employee_id") => {
            "; the learner can be an employee id or an e-mail column: map employee_id = { column = \"...\", match = \"email\" }".into()
        }
        (ImportKind::Completions, "program_id") => {
            "; the course can be a program id or a title column: map program_id = { column = \"...\", match = \"title\" }".into()
        }
        (ImportKind::Employees, "full_name") => {
            "; a name in two columns can be joined: full_name = [\"First Name\", \"Last Name\"]".into()
        }
        _ => format!("; map it in a mapping file: {field} = \"Your column\""),
    }
}

/// Whether a cell looks like Excel replaced letters it could not save with '?': a '?'
/// between two letters ("M?ller").
pub(crate) fn has_replaced_letters(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[1] == '?' && w[0].is_alphabetic() && w[2].is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_shows_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent("100%"), Some(100.0));
        assert_eq!(percent(" 75.5 % "), Some(75.5));
        assert_eq!(percent("0.5"), Some(50.0));
        assert_eq!(percent("1.0"), Some(100.0));
        assert_eq!(percent("100"), Some(100.0));
        assert_eq!(percent("n/a"), None);
        assert_eq!(percent(""), None);
    }

    #[test]
    fn replaced_letters() {
        assert!(has_replaced_letters("M?ller"));
        assert!(!has_replaced_letters("Who?"));
        assert!(!has_replaced_letters("? yes"));
    }
}
