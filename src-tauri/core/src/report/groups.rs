//! The dimensions a report groups by, and the groups themselves: generations (Pew Research
//! Center boundaries), age bands, and the text values of role, department, location and
//! skill area. The SQL that assigns an employee to a generation or age band is generated
//! from the same tables the reports print, so the two cannot disagree.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The label of the group for a missing value (no birth year, no location).
pub const UNKNOWN: &str = "Unknown";

/// Generations by birth year, oldest first (Pew Research Center): (label, first year, last year).
pub const GENERATIONS: [(&str, Option<i32>, Option<i32>); 6] = [
    ("Silent Generation", None, Some(1945)),
    ("Baby Boomers", Some(1946), Some(1964)),
    ("Gen X", Some(1965), Some(1980)),
    ("Millennials", Some(1981), Some(1996)),
    ("Gen Z", Some(1997), Some(2012)),
    ("Gen Alpha", Some(2013), None),
];

/// Age bands, youngest first: (label, lowest age, highest age). Age = as-of year − birth year.
pub const AGE_BANDS: [(&str, Option<i32>, Option<i32>); 6] = [
    ("<25", None, Some(24)),
    ("25-34", Some(25), Some(34)),
    ("35-44", Some(35), Some(44)),
    ("45-54", Some(45), Some(54)),
    ("55-64", Some(55), Some(64)),
    ("65+", Some(65), None),
];

/// What a report groups employees by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Dimension {
    Generation,
    AgeBand,
    Role,
    Department,
    Location,
    /// One row per skill area: headcount is the whole population, trained means a
    /// completion in that area. Unlike the others, its groups overlap.
    SkillArea,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Generation,
        Dimension::AgeBand,
        Dimension::Role,
        Dimension::Department,
        Dimension::Location,
        Dimension::SkillArea,
    ];

    /// The name used on the command line, in files and over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Generation => "generation",
            Dimension::AgeBand => "age_band",
            Dimension::Role => "role",
            Dimension::Department => "department",
            Dimension::Location => "location",
            Dimension::SkillArea => "skill_area",
        }
    }

    /// Accepts the canonical names, ignoring case, with `-` or a space for `_`.
    pub fn parse(text: &str) -> Option<Dimension> {
        let key = text.trim().to_lowercase().replace(['-', ' '], "_");
        Dimension::ALL.into_iter().find(|d| d.as_str() == key)
    }

    /// A comma-separated list of one or two distinct dimensions ("generation,role").
    pub fn parse_list(text: &str) -> Result<Vec<Dimension>> {
        let mut dims = Vec::new();
        for part in text.split(',') {
            let dim = Dimension::parse(part).ok_or_else(|| {
                Error::invalid(
                    "by",
                    format!(
                        "'{}' is not a dimension; choose from {}",
                        part.trim(),
                        Dimension::names()
                    ),
                )
            })?;
            dims.push(dim);
        }
        check_dims(&dims)?;
        Ok(dims)
    }

    /// "generation, age_band, ...": for messages.
    pub fn names() -> String {
        Dimension::ALL.map(Dimension::as_str).join(", ")
    }

    /// How a count of this dimension's groups is written: "1 role", "3 age bands".
    pub fn count_of(self, n: u32) -> String {
        let (one, many) = match self {
            Dimension::Generation => ("generation", "generations"),
            Dimension::AgeBand => ("age band", "age bands"),
            Dimension::Role => ("role", "roles"),
            Dimension::Department => ("department", "departments"),
            Dimension::Location => ("location", "locations"),
            Dimension::SkillArea => ("skill area", "skill areas"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// Whether the groups split the population into disjoint parts (all but skill area), so
    /// that a group's numbers could be recovered from the total and the other groups.
    pub(crate) fn partitions(self) -> bool {
        self != Dimension::SkillArea
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A report groups by one or two different dimensions.
pub(crate) fn check_dims(dims: &[Dimension]) -> Result<()> {
    match dims {
        [_] => Ok(()),
        [a, b] if a != b => Ok(()),
        [a, _] => Err(Error::invalid(
            "by",
            format!("'{a}' is named twice; name two different dimensions"),
        )),
        _ => Err(Error::invalid(
            "by",
            format!(
                "name one or two dimensions (e.g. generation,role); {} given",
                dims.len()
            ),
        )),
    }
}

/// One group of one dimension, as the database returns it. Orders as reports list groups:
/// generations and age bands by rank (oldest / youngest first, Unknown last), text
/// alphabetically ignoring case, a missing value next, the pooled small groups last.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Rank(u8),
    Text(String),
    Missing,
    /// `--pool-small`: this many groups below k, with this many people in all, as one.
    Other {
        groups: u32,
        people: u32,
    },
}

/// "1 person", "3 people".
pub(crate) fn people_count(n: u32) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Key::Rank(a), Key::Rank(b)) => a.cmp(b),
            (Key::Text(a), Key::Text(b)) => a
                .to_lowercase()
                .cmp(&b.to_lowercase())
                .then_with(|| a.cmp(b)),
            (
                Key::Other { groups, people },
                Key::Other {
                    groups: g,
                    people: p,
                },
            ) => (groups, people).cmp(&(g, p)),
            _ => self.place().cmp(&other.place()),
        }
    }
}

impl Key {
    /// The order of the kinds of key against each other.
    fn place(&self) -> u8 {
        match self {
            Key::Rank(_) => 0,
            Key::Text(_) => 1,
            Key::Missing => 2,
            Key::Other { .. } => 3,
        }
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Key {
    /// The label shown for this group of `dim`.
    pub(crate) fn label(&self, dim: Dimension) -> String {
        let table = match dim {
            Dimension::Generation => Some(&GENERATIONS),
            Dimension::AgeBand => Some(&AGE_BANDS),
            _ => None,
        };
        match (self, table) {
            (Key::Rank(rank), Some(table)) => table
                .get(usize::from(*rank))
                .map_or(UNKNOWN, |(label, _, _)| label)
                .to_string(),
            (Key::Rank(rank), None) => rank.to_string(),
            (Key::Text(text), _) => text.clone(),
            (Key::Missing, _) => UNKNOWN.to_string(),
            (Key::Other { groups, people }, _) => format!(
                "Other ({}, {})",
                dim.count_of(*groups),
                people_count(*people)
            ),
        }
    }
}

/// The SQL expression for an employee's (alias `e`) group of `dim`. Generations and age bands
/// come out as their rank in [`GENERATIONS`] / [`AGE_BANDS`], the Unknown group last.
/// Only integers from the constant tables and the as-of year are written into the text.
pub(crate) fn key_sql(dim: Dimension, as_of_year: i32) -> String {
    let bands = |subject: &str, table: &[(&str, Option<i32>, Option<i32>)]| {
        let mut sql = String::from("CASE WHEN e.birth_year IS NULL THEN ");
        sql.push_str(&table.len().to_string());
        for (rank, (_, _, last)) in table.iter().enumerate() {
            match last {
                Some(last) => sql.push_str(&format!(" WHEN {subject} <= {last} THEN {rank}")),
                None => sql.push_str(&format!(" ELSE {rank}")),
            }
        }
        sql.push_str(" END");
        sql
    };
    match dim {
        Dimension::Generation => bands("e.birth_year", &GENERATIONS),
        Dimension::AgeBand => bands(&format!("({as_of_year} - e.birth_year)"), &AGE_BANDS),
        Dimension::Role => "e.role".into(),
        Dimension::Department => "e.department".into(),
        Dimension::Location => "e.location".into(),
        Dimension::SkillArea => "t.skill_area".into(),
    }
}

/// A generation and its birth years, as every report states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GenerationBand {
    pub label: String,
    /// None: no lower bound ("1945 or earlier").
    pub first_year: Option<i32>,
    /// None: no upper bound ("2013 or later").
    pub last_year: Option<i32>,
}

/// An age band as of the report's as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgeBand {
    pub label: String,
    pub min_age: Option<i32>,
    pub max_age: Option<i32>,
}

pub(crate) fn generation_bands() -> Vec<GenerationBand> {
    GENERATIONS
        .iter()
        .map(|(label, first, last)| GenerationBand {
            label: (*label).into(),
            first_year: *first,
            last_year: *last,
        })
        .collect()
}

pub(crate) fn age_bands() -> Vec<AgeBand> {
    AGE_BANDS
        .iter()
        .map(|(label, min, max)| AgeBand {
            label: (*label).into(),
            min_age: *min,
            max_age: *max,
        })
        .collect()
}

/// "Silent Generation: born 1945 or earlier, Baby Boomers: 1946-1964, ..."
pub(crate) fn describe_generations() -> String {
    GENERATIONS
        .iter()
        .map(|(label, first, last)| match (first, last) {
            (None, Some(last)) => format!("{label} {last} or earlier"),
            (Some(first), None) => format!("{label} {first} or later"),
            (Some(first), Some(last)) => format!("{label} {first}-{last}"),
            (None, None) => (*label).to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
