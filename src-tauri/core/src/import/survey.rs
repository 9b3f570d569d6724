//! The survey: one read of a file's values before it is checked, for what no single row can
//! decide.
//!
//! Owns the decisions that need a whole column: which date form a column is written in (a
//! column of `03/04/2019` alone could be either order; one `15/04/2019` in it settles it),
//! the file's own employee ids and the distinct manager references (so a manager can be
//! matched by e-mail or name to a row further down), and noticing letters Excel replaced with
//! `?`. It only reads: nothing here writes to the database. A completions file, which may have
//! millions of rows, is surveyed from its first rows only, unless a date column is still
//! undecided there.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{has_replaced_letters, DateUse, From, Header, RefMatch};
use super::compact::Interner;
use super::dates::{forms_of, order_evidence, DayMonth};
use super::load::Source;
use super::mapping::is_date_field;
use super::rows::{col, quoted, DateFormat};
use super::{Cancel, ImportKind};
use crate::error::Result;

/// How many data rows of a completions file are enough when every date column is decided.
const SAMPLE_ROWS: u64 = 2000;

/// What the survey found.
#[derive(Default)]
pub(crate) struct Survey {
    /// Employees: the ids the file's rows have.
    pub ids: Option<Interner>,
    /// Employees: each distinct manager cell (trimmed), with its first line and row count.
    pub managers: HashMap<String, (u64, u64)>,
    /// Employees with `match = { column = ... }`: that column's value → the row's employee id.
    pub by_column: HashMap<String, Vec<(String, u64)>>,
    /// Problems with the file as a whole (an undecidable date column): nothing is imported.
    pub file_problems: Vec<(String, String)>,
    pub warnings: Vec<String>,
    /// The distinct words of the `active` column (employees) or of a recognised completion
    /// status column, with how many rows have each (at most [`MAX_WORDS`] words).
    pub words: Vec<(String, u64)>,
    /// Date columns (kind column indexes) and what settled their day/month order, or an
    /// example that reads both ways when nothing did.
    pub orders: Vec<ColumnDecision>,
}

/// A date column (its kind column index), the day/month order its values settled, and the
/// value that settled it (or, when none did, one that reads both ways) with its line.
pub(crate) type ColumnDecision = (usize, Option<DayMonth>, Option<(String, u64)>);

/// How many distinct status words the survey keeps.
const MAX_WORDS: usize = 50;

/// Reads the file's values and settles the date form of each date column in `header`.
pub(crate) fn run(
    source: &Source,
    header: &mut Header,
    date_format: DateFormat,
    today: NaiveDate,
    cancel: &Cancel,
) -> Result<Survey> {
    let kind = header.kind;
    let columns = kind.columns();
    let date_columns: Vec<usize> = (0..columns.len())
        .filter(|&c| is_date_field(columns[c]))
        .filter(|&c| matches!(header.field(c).map(|f| &f.date), Some(DateUse::Auto(_))))
        .collect();
    let mut dates: Vec<ColumnOrder> = date_columns
        .iter()
        .map(|_| ColumnOrder::default())
        .collect();
    let mut survey = Survey::default();
    let employees = kind == ImportKind::Employees;
    if employees {
        survey.ids = Some(Interner::new());
    }
    let by_column = match header.field(col::employee::MANAGER_ID) {
        Some(f) if employees => match f.matching {
            RefMatch::Column(i) => Some(i),
            _ => None,
        },
        _ => None,
    };
    let text_columns: Vec<usize> = header
        .fields
        .iter()
        .flatten()
        .flat_map(|f| match &f.from {
            From::Column(i) => vec![*i],
            // A name joined from First + Last: Excel's '?' is as likely in either part.
            From::Join(parts) => parts.clone(),
            From::Value(_) => Vec::new(),
        })
        .collect();
    let words_column = if employees {
        header
            .field(col::employee::ACTIVE)
            .map(|_| col::employee::ACTIVE)
    } else {
        None
    };
    let status_column = header.rules.status;
    let mut words: Vec<(String, u64)> = Vec::new();
    let mut replaced: Option<(u64, String)> = None;
    let mut replaced_count = 0u64;

    let mut records = source.records()?;
    let mut rows = 0u64;
    // A record that cannot be read ends the survey there: the checking pass reports it.
    while records.advance().or_else(|e| source.survey_error(e))? {
        let record = records.current();
        if record.line < header.data_from {
            continue;
        }
        let word = match (words_column, status_column) {
            (Some(c), _) => header.cell(&record, c).map(|t| t.trim().to_string()),
            (None, Some(i)) => Some(header.raw(&record, i).trim().to_string()),
            _ => None,
        };
        if let Some(word) = word.filter(|w| !w.is_empty()) {
            match words
                .iter()
                .position(|(w, _)| w.eq_ignore_ascii_case(&word))
            {
                Some(i) => words[i].1 += 1,
                None if words.len() < MAX_WORDS => words.push((word, 1)),
                None => {}
            }
        }
        if header.skip(&record).is_some() {
            continue;
        }
        rows += 1;
        if rows.is_multiple_of(4096) {
            cancel.check()?;
        }
        if kind == ImportKind::Completions
            && rows > SAMPLE_ROWS
            && dates.iter().all(ColumnOrder::settled)
        {
            break;
        }
        for (d, &c) in dates.iter_mut().zip(&date_columns) {
            if let Some(text) = header.cell(&record, c) {
                let t = text.trim();
                // A birth year column holds years, and a year is no date to decide on.
                let year = c == col::employee::BIRTH_YEAR
                    && employees
                    && t.len() == 4
                    && t.bytes().all(|b| b.is_ascii_digit());
                if !t.is_empty() && !year {
                    d.observe(t, record.line, today);
                }
            }
        }
        if employees {
            let id = header
                .cell(&record, col::employee::EMPLOYEE_ID)
                .map(|t| t.trim().to_string())
                .unwrap_or_default();
            if let Some(ids) = survey.ids.as_mut() {
                if !id.is_empty() {
                    ids.intern(&id);
                }
            }
            if let Some(manager) = header.cell(&record, col::employee::MANAGER_ID) {
                let m = manager.trim();
                if !m.is_empty() {
                    let entry = survey
                        .managers
                        .entry(m.to_string())
                        .or_insert((record.line, 0));
                    entry.1 += 1;
                }
            }
            if let Some(other) = by_column {
                let value = header.raw(&record, other).trim().to_string();
                if !value.is_empty() && !id.is_empty() {
                    survey
                        .by_column
                        .entry(value)
                        .or_default()
                        .push((id, record.line));
                }
            }
        }
        for &i in &text_columns {
            let text = header.raw(&record, i);
            if has_replaced_letters(&text) {
                replaced_count += 1;
                if replaced.is_none() {
                    replaced = Some((record.line, text.trim().to_string()));
                }
            }
        }
    }

    survey.words = words;
    if let Some((line, text)) = replaced {
        survey.warnings.push(format!(
            "line {line}: {} has a '?' where a letter should be ({replaced_count} cell(s) like it): Excel replaces letters it cannot store when it saves as \"CSV\" (Windows-1252). Save the file as \"CSV UTF-8\" and import that instead",
            quoted(&text)
        ));
    }
    for (d, &c) in dates.iter().zip(&date_columns) {
        let field = columns[c];
        let name = header.display_name(field).to_string();
        let letter = column_of(header, c);
        let order = match (&d.month_first, &d.day_first) {
            (Some(_), None) => Some(DayMonth::MonthFirst),
            (None, Some(_)) => Some(DayMonth::DayFirst),
            _ => None,
        };
        let example = d
            .month_first
            .clone()
            .or(d.day_first.clone())
            .or(d.ambiguous.clone());
        survey.orders.push((c, order, example));
        match (&d.month_first, &d.day_first) {
            (Some((m, ml)), Some((dd, dl))) => survey.file_problems.push((
                field.to_string(),
                format!(
                    "column {} ({letter}) mixes day-first and month-first dates: {} on line {ml} can only be MM/DD/YYYY, {} on line {dl} only DD/MM/YYYY; a column must use one. Correct the file, or name the format in a mapping",
                    quoted(&name),
                    quoted(m),
                    quoted(dd),
                ),
            )),
            (Some(_), None) => set_order(header, c, DayMonth::MonthFirst),
            (None, Some(_)) => set_order(header, c, DayMonth::DayFirst),
            (None, None) => {
                if let (Some((example, line)), DateFormat::Iso) = (&d.ambiguous, date_format) {
                    survey.warnings.push(format!(
                        "every date like {} (line {line}) in column {} ({letter}) could be MM/DD/YYYY or DD/MM/YYYY; choose one: --date-format MM/DD/YYYY or DD/MM/YYYY, or in a mapping: {field} = {{ column = {}, format = \"%m/%d/%Y\" }} (or \"%d/%m/%Y\")",
                        quoted(example),
                        quoted(&name),
                        super::mapping::toml_string(&name),
                    ));
                }
            }
        }
    }
    Ok(survey)
}

fn set_order(header: &mut Header, c: usize, order: DayMonth) {
    if let Some(f) = header.fields[c].as_mut() {
        f.date = DateUse::Auto(Some(order));
    }
}

/// What a date column's values say about which way round day and month are written.
#[derive(Default)]
struct ColumnOrder {
    /// The first value that can only be month-first, and its line.
    month_first: Option<(String, u64)>,
    day_first: Option<(String, u64)>,
    /// The first value that reads both ways.
    ambiguous: Option<(String, u64)>,
}

impl ColumnOrder {
    fn observe(&mut self, text: &str, line: u64, today: NaiveDate) {
        if self.month_first.is_some() && self.day_first.is_some() {
            return;
        }
        let forms = forms_of(text, today);
        let slot = match order_evidence(&forms) {
            Some(DayMonth::MonthFirst) => &mut self.month_first,
            Some(DayMonth::DayFirst) => &mut self.day_first,
            None if forms.iter().filter(|f| f.order().is_some()).count() > 1 => &mut self.ambiguous,
            None => return,
        };
        if slot.is_none() {
            *slot = Some((text.to_string(), line));
        }
    }

    /// Whether more values can change nothing: the order is known, or nothing needs one.
    fn settled(&self) -> bool {
        self.ambiguous.is_none() || self.month_first.is_some() || self.day_first.is_some()
    }
}

fn column_of(header: &Header, c: usize) -> String {
    match header.field(c).map(|f| &f.from) {
        Some(From::Column(i)) => super::columns::column_letter(*i),
        Some(From::Join(cols)) => cols
            .iter()
            .map(|&i| super::columns::column_letter(i))
            .collect::<Vec<_>>()
            .join("+"),
        _ => "-".into(),
    }
}
