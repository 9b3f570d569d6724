//! The seeded organisation generator behind the demo organisation (`demo`) and the benchmark
//! organisations (`upskill-bench`): a [`Shape`] (departments and roles, the catalog, who is
//! trained by birth year, completions per trained person) and a seed in; people, programs and
//! each trained person's completions out, one person at a time.
//!
//! This module owns the per-person draw and the manager tree; what becomes of the records (rows
//! in the database, lines in CSV files) is the caller's. Memory holds one person and their
//! completions, whatever the size.
//!
//! The tree: person 0 is the chief executive, persons 1..=D head the D departments and report
//! to the chief, and every later person reports to an earlier one, each manager in index order
//! taking the next [`Shape::span`] people, so the tree fills level by level (depth about
//! log_span of the headcount) and each person works in their manager's department. Below the
//! heads, those with reports are team leads; no one with reports has left.
//!
//! Every person is drawn from their own random stream (seed, index) and their completions from
//! another, so with [`Training::Drawn`] a person never depends on the order of generation. The
//! order of the draws within a stream is part of the output: the bench's files, and the figures
//! measured on them, stay the same only while it does (`GENERATOR_VERSION` in the bench says
//! when they change).

use chrono::{Days, NaiveDate};

use crate::domain::ProgramFormat;
use crate::rng::SplitMix64;

/// The chief executive's department and role, and the role of everyone with reports below the
/// department heads.
pub const EXECUTIVE: &str = "Executive";
pub const CHIEF_ROLE: &str = "Chief executive";
pub const LEAD_ROLE: &str = "Team lead";

/// The random stream of each person, and of each trained person's completions; a caller's own
/// streams (the demo's leavers) take other kinds.
pub const PEOPLE_STREAM: u64 = 1;
pub const COMPLETIONS_STREAM: u64 = 2;

/// A department: its name, its head's role, the roles of the people who lead no one, and the
/// skill areas (indexes into [`Shape::areas`]) its people train in besides the general ones.
#[derive(Debug, Clone, Copy)]
pub struct Department {
    pub name: &'static str,
    pub head_role: &'static str,
    pub roles: &'static [&'static str],
    pub areas: &'static [usize],
}

impl Department {
    pub const fn new(
        name: &'static str,
        head_role: &'static str,
        roles: &'static [&'static str],
        areas: &'static [usize],
    ) -> Department {
        Department {
            name,
            head_role,
            roles,
            areas,
        }
    }
}

/// Birth years `from..=to`: the band's share of the workforce and the share of the band that
/// is trained, both per mille.
#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub from: i32,
    pub to: i32,
    pub share: u64,
    pub trained: u64,
}

impl Band {
    pub const fn new(from: i32, to: i32, share: u64, trained: u64) -> Band {
        Band {
            from,
            to,
            share,
            trained,
        }
    }
}

/// A skill area of the catalog and its programs.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: &'static str,
    pub programs: Vec<Program>,
}

#[derive(Debug, Clone)]
pub struct Program {
    pub program_id: String,
    pub title: String,
    pub format: ProgramFormat,
    pub provider: &'static str,
    pub hours: u32,
    pub validity_months: Option<u32>,
}

/// How a band's trained share becomes trained people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Training {
    /// Each person is trained with the band's share as the chance: a person depends on their
    /// own stream only, whatever else is generated.
    Drawn,
    /// Each person still draws, but a band's count of trained people stays within one person
    /// of its share at every point of the organisation, so the share shows at any size and
    /// seed (the demo's generational divide). A person then depends on the people before them.
    Even,
}

/// What an organisation looks like; with a seed and a headcount it gives one organisation.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The departments in the order their heads take (persons 1, 2, …). A department without
    /// areas of its own trains in the general ones only.
    pub departments: &'static [Department],
    /// How many people a manager below the department heads has.
    pub span: u64,
    /// Digits of the employee ids: `E` and the 1-based index, zero-padded.
    pub id_width: usize,
    pub first_names: &'static [&'static str],
    pub last_names: &'static [&'static str],
    pub locations: &'static [&'static str],
    /// Shares under 1000 in all leave the rest without a birth year, trained at
    /// `no_birth_year_trained` per mille.
    pub bands: &'static [Band],
    pub no_birth_year_trained: u64,
    pub training: Training,
    /// Per mille without an e-mail, without a hire date, without a location; and inactive (never
    /// anyone with reports).
    pub no_email: u64,
    pub no_hire_date: u64,
    pub no_location: u64,
    pub inactive: u64,
    /// The catalog; its first `general_areas` areas are everyone's.
    pub areas: Vec<Area>,
    pub general_areas: usize,
    /// A trained person's completions: from `completions.0` to `completions.1` drawn (before
    /// the same program twice on one day is dropped), dated from the later of their hire date
    /// and `completions_from` to `as_of`.
    pub completions: (u64, u64),
    pub completions_from: NaiveDate,
    /// The organisation's today: no date is later.
    pub as_of: NaiveDate,
}

/// Where a person sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// None: the chief executive.
    pub department: Option<usize>,
    pub manager: Option<u64>,
    /// A department's head (persons 1..=D).
    pub head: bool,
    pub has_reports: bool,
}

/// One generated person.
#[derive(Debug, Clone)]
pub struct Person<'s> {
    pub index: u64,
    /// None: the chief executive.
    pub department: Option<usize>,
    pub department_name: &'s str,
    pub role: &'s str,
    pub manager: Option<u64>,
    pub first_name: &'s str,
    pub last_name: &'s str,
    pub email: Option<String>,
    pub birth_year: Option<i32>,
    /// Index into [`Shape::bands`]; None without a birth year.
    pub band: Option<usize>,
    pub hire_date: Option<NaiveDate>,
    pub location: Option<&'s str>,
    pub active: bool,
    pub trained: bool,
    /// In date order; empty unless trained.
    pub completions: Vec<Completion>,
}

impl Person<'_> {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// One completion: program `program` of area `area` of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Completion {
    pub completed_on: NaiveDate,
    pub area: usize,
    pub program: usize,
    pub score: Option<u32>,
    pub certificate: Option<Certificate>,
}

/// A certificate id, written `CERT-` and eight hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Certificate(pub u32);

impl std::fmt::Display for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CERT-{:08X}", self.0)
    }
}

/// The generator of item `index` of stream `kind` under `seed`: every person and every
/// person's completions get their own stream, so records can be drawn in any order and still
/// come out the same.
pub fn stream(seed: u64, kind: u64, index: u64) -> SplitMix64 {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
    let base = seed ^ kind.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let mut mixer = SplitMix64::new(base);
    let offset = mixer.next_u64().wrapping_add(index.wrapping_mul(GAMMA));
    // The mixer's state after that step (base + GAMMA), moved by the item's offset.
    let mut rng = SplitMix64::new(base.wrapping_add(GAMMA) ^ offset);
    rng.next_u64();
    rng
}

/// A name as the local part of an e-mail address: lowercase ASCII letters only.
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'á' | 'ã' => Some('a'),
            'é' | 'ë' => Some('e'),
            'í' => Some('i'),
            'ó' | 'ö' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ç' | 'ć' => Some('c'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Half of a trained person's completions are in a general area, half in their department's.
const GENERAL_SHARE: u64 = 500;
/// Per mille of completions without a score; a score is 40 to 100.
const NO_SCORE: u64 = 200;

impl Shape {
    fn heads(&self) -> u64 {
        self.departments.len() as u64
    }

    /// `E` and the 1-based index, zero-padded to the shape's width.
    pub fn employee_id(&self, index: u64) -> String {
        format!("E{:0width$}", index + 1, width = self.id_width)
    }

    /// The head of department `department`.
    pub fn head(&self, department: usize) -> u64 {
        department as u64 + 1
    }

    pub fn manager(&self, index: u64) -> Option<u64> {
        match index {
            0 => None,
            i if i <= self.heads() => Some(0),
            i => Some(1 + (i - self.heads() - 1) / self.span),
        }
    }

    /// Whether `index` has anyone reporting to them in an organisation of `count`.
    pub fn has_reports(&self, index: u64, count: u64) -> bool {
        match index {
            0 => count > 1,
            i => self.heads() + 1 + (i - 1) * self.span < count,
        }
    }

    /// The department of `index` (None: the chief), following the tree up to a head.
    pub fn department(&self, index: u64) -> Option<usize> {
        let mut i = index;
        loop {
            match i {
                0 => return None,
                i if i <= self.heads() => return Some((i - 1) as usize),
                _ => i = self.manager(i).unwrap_or(0),
            }
        }
    }

    /// Where `index` sits in an organisation of `count`.
    pub fn place(&self, index: u64, count: u64) -> Place {
        Place {
            department: self.department(index),
            manager: self.manager(index),
            head: (1..=self.heads()).contains(&index),
            has_reports: self.has_reports(index, count),
        }
    }

    /// The organisation of `count` people from `seed`, one person (with their completions) at a
    /// time, in index order.
    pub fn people(&self, seed: u64, count: u64) -> People<'_> {
        People {
            shape: self,
            seed,
            count,
            next: 0,
            due: vec![0; self.bands.len() + 1],
        }
    }

    /// Person `index` at `place`, drawn from `rng`, as they stand on `as_of` (hired at least 30
    /// days before it; e-mail `first.last.N@example.com`, N = index + 1); trained by the draw
    /// alone, and without completions ([`Shape::completions`] draws them).
    pub fn person(
        &self,
        rng: &mut SplitMix64,
        index: u64,
        place: Place,
        as_of: NaiveDate,
    ) -> Person<'_> {
        let (department_name, role) = match place.department {
            None => (EXECUTIVE, CHIEF_ROLE),
            Some(d) => {
                let department = &self.departments[d];
                let role = if place.head {
                    department.head_role
                } else if place.has_reports {
                    LEAD_ROLE
                } else {
                    *rng.pick(department.roles)
                };
                (department.name, role)
            }
        };
        // Birth year: a band by its share, then uniform within it.
        let roll = rng.below(1000);
        let mut acc = 0;
        let mut birth_year = None;
        let mut band = None;
        let mut trained_share = self.no_birth_year_trained;
        for (i, b) in self.bands.iter().enumerate() {
            acc += b.share;
            if roll < acc {
                birth_year = Some(b.from + rng.below((b.to - b.from + 1) as u64) as i32);
                band = Some(i);
                trained_share = b.trained;
                break;
            }
        }
        let trained = rng.chance(trained_share);
        // Hired at 18 or later, not before 1985, at least 30 days before as-of.
        let hire_date = if rng.chance(self.no_hire_date) {
            None
        } else {
            let year = birth_year.map_or(1990, |y| (y + 18).max(1985));
            let earliest = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
            let latest = as_of.checked_sub_days(Days::new(30)).unwrap_or(as_of);
            let span = (latest - earliest).num_days().max(1) as u64;
            Some((earliest + Days::new(rng.below(span))).min(latest))
        };
        let first_name = *rng.pick(self.first_names);
        let last_name = *rng.pick(self.last_names);
        let email = (!rng.chance(self.no_email)).then(|| {
            format!(
                "{}.{}.{}@example.com",
                ascii(first_name),
                ascii(last_name),
                index + 1
            )
        });
        let location = (!rng.chance(self.no_location)).then(|| *rng.pick(self.locations));
        // No one with reports has left.
        let active = place.has_reports || !rng.chance(self.inactive);
        Person {
            index,
            department: place.department,
            department_name,
            role,
            manager: place.manager,
            first_name,
            last_name,
            email,
            birth_year,
            band,
            hire_date,
            location,
            active,
            trained,
            completions: Vec::new(),
        }
    }

    /// A trained person's completions drawn from `rng`, in date order, dated from the later of
    /// their hire date and [`Shape::completions_from`] to `until`; none when that window is
    /// empty.
    pub fn completions(
        &self,
        rng: &mut SplitMix64,
        person: &Person,
        until: NaiveDate,
    ) -> Vec<Completion> {
        let start = person
            .hire_date
            .map_or(self.completions_from, |h| h.max(self.completions_from));
        if start > until {
            return Vec::new();
        }
        let span = (until - start).num_days() as u64 + 1;
        // The chief's own area is the catalog's first; a department without areas of its own
        // trains in the general ones only.
        let specific: &[usize] = person
            .department
            .map_or(&[0], |d| self.departments[d].areas);
        let (fewest, most) = self.completions;
        let n = fewest + rng.below(most.saturating_sub(fewest) + 1);
        let mut drawn: Vec<(NaiveDate, usize, usize)> = (0..n)
            .map(|_| {
                let area = if rng.chance(GENERAL_SHARE) || specific.is_empty() {
                    rng.below(self.general_areas as u64) as usize
                } else {
                    *rng.pick(specific)
                };
                let program = rng.below(self.areas[area].programs.len() as u64) as usize;
                (start + Days::new(rng.below(span)), area, program)
            })
            .collect();
        drawn.sort_unstable();
        drawn.dedup();
        drawn
            .into_iter()
            .map(|(completed_on, area, program)| {
                let score = (!rng.chance(NO_SCORE)).then(|| 40 + rng.below(61) as u32);
                let format = self.areas[area].programs[program].format;
                let certificate = (format == ProgramFormat::VendorCertification)
                    .then(|| Certificate(rng.next_u64() as u32));
                Completion {
                    completed_on,
                    area,
                    program,
                    score,
                    certificate,
                }
            })
            .collect()
    }

    pub fn program(&self, completion: &Completion) -> &Program {
        &self.areas[completion.area].programs[completion.program]
    }

    /// The catalog in order: area by area.
    pub fn programs(&self) -> impl Iterator<Item = (&'static str, &Program)> {
        self.areas
            .iter()
            .flat_map(|a| a.programs.iter().map(move |p| (a.name, p)))
    }
}

/// An organisation being generated: see [`Shape::people`].
pub struct People<'s> {
    shape: &'s Shape,
    seed: u64,
    count: u64,
    next: u64,
    /// [`Training::Even`]: per band (the last: no birth year), how far its trained count is
    /// behind its share, in thousandths of a person; kept within (-1000, 1000).
    due: Vec<i64>,
}

impl<'s> Iterator for People<'s> {
    type Item = Person<'s>;

    fn next(&mut self) -> Option<Person<'s>> {
        if self.next >= self.count {
            return None;
        }
        let index = self.next;
        self.next += 1;
        let shape = self.shape;
        let place = shape.place(index, self.count);
        let mut rng = stream(self.seed, PEOPLE_STREAM, index);
        let mut person = shape.person(&mut rng, index, place, shape.as_of);
        if shape.training == Training::Even {
            let (slot, share) = match person.band {
                Some(b) => (b, shape.bands[b].trained),
                None => (shape.bands.len(), shape.no_birth_year_trained),
            };
            let due = &mut self.due[slot];
            *due += share as i64;
            person.trained = *due >= 1000 || (*due > 0 && person.trained);
            if person.trained {
                *due -= 1000;
            }
        }
        if person.trained {
            let mut rng = stream(self.seed, COMPLETIONS_STREAM, index);
            person.completions = shape.completions(&mut rng, &person, shape.as_of);
        }
        Some(person)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.count - self.next) as usize;
        (left, Some(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPARTMENTS: [Department; 3] = [
        Department {
            name: "Data",
            head_role: "Head of data",
            roles: &["Data engineer", "Data scientist"],
            areas: &[1],
        },
        Department {
            name: "Sales",
            head_role: "Sales director",
            roles: &["Account executive"],
            areas: &[],
        },
        Department {
            name: "IT",
            head_role: "CIO",
            roles: &["Systems administrator"],
            areas: &[1, 2],
        },
    ];
    const BANDS: [Band; 2] = [
        Band::new(1960, 1979, 300, 250),
        Band::new(1980, 2000, 650, 500),
    ];

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn shape(training: Training) -> Shape {
        let program = |id: &str, format| Program {
            program_id: id.into(),
            title: id.into(),
            format,
            provider: "Upskill Academy",
            hours: 4,
            validity_months: None,
        };
        Shape {
            departments: &DEPARTMENTS,
            span: 4,
            id_width: 4,
            first_names: &crate::names::FIRST_NAMES,
            last_names: &crate::names::LAST_NAMES,
            locations: &crate::names::LOCATIONS,
            bands: &BANDS,
            no_birth_year_trained: 100,
            training,
            no_email: 100,
            no_hire_date: 50,
            no_location: 0,
            inactive: 50,
            areas: vec![
                Area {
                    name: "AI literacy",
                    programs: vec![program("A1", ProgramFormat::ELearning)],
                },
                Area {
                    name: "ML engineering",
                    programs: vec![
                        program("M1", ProgramFormat::Bootcamp),
                        program("M2", ProgramFormat::VendorCertification),
                    ],
                },
                Area {
                    name: "GPU",
                    programs: vec![program("G1", ProgramFormat::HandsOnLab)],
                },
            ],
            general_areas: 1,
            completions: (1, 6),
            completions_from: date(2024, 1, 1),
            as_of: date(2026, 6, 30),
        }
    }

    #[test]
    fn the_tree_is_a_tree_and_departments_follow_it() {
        let shape = shape(Training::Drawn);
        let count = 5_000;
        for i in 1..count {
            let m = shape.manager(i).unwrap();
            assert!(m < i, "{i} reports to a later {m}");
            assert!(shape.has_reports(m, count), "{m} has {i} below");
            if m != 0 {
                assert_eq!(shape.department(i), shape.department(m));
            }
        }
        assert_eq!(shape.department(0), None);
        for d in 0..DEPARTMENTS.len() {
            assert_eq!(shape.department(shape.head(d)), Some(d));
            assert!(shape.place(shape.head(d), count).head);
        }
        assert_eq!(shape.employee_id(0), "E0001");
    }

    #[test]
    fn people_are_whole_and_completions_within_their_window() {
        let shape = shape(Training::Drawn);
        let count = 2_000;
        let people: Vec<Person> = shape.people(7, count).collect();
        assert_eq!(people.len() as u64, count);
        for p in &people {
            let place = shape.place(p.index, count);
            assert_eq!((p.department, p.manager), (place.department, place.manager));
            assert!(
                p.active || !place.has_reports,
                "{} leads and has left",
                p.index
            );
            assert_eq!(p.band.is_some(), p.birth_year.is_some());
            if let Some(hire) = p.hire_date {
                assert!(hire <= shape.as_of - Days::new(30));
            }
            assert_eq!(p.trained, !p.completions.is_empty(), "{}", p.index);
            assert!(p.completions.len() <= 6);
            assert!(p.completions.windows(2).all(|w| w[0] < w[1]));
            for c in &p.completions {
                assert!(c.completed_on >= shape.completions_from);
                assert!(c.completed_on <= shape.as_of);
                assert!(p.hire_date.is_none_or(|h| c.completed_on >= h));
                let program = shape.program(c);
                assert_eq!(
                    c.certificate.is_some(),
                    program.format == ProgramFormat::VendorCertification
                );
                let department_areas = p.department.map_or(&[0][..], |d| DEPARTMENTS[d].areas);
                assert!(c.area < shape.general_areas || department_areas.contains(&c.area));
            }
        }
        // The same seed gives the same people; another seed others.
        let again: Vec<String> = shape.people(7, count).map(|p| format!("{p:?}")).collect();
        let first: Vec<String> = people.iter().map(|p| format!("{p:?}")).collect();
        assert_eq!(first, again);
        let other: Vec<String> = shape.people(8, count).map(|p| format!("{p:?}")).collect();
        assert_ne!(first, other);
    }

    /// Even training: at every point of the organisation, each band's trained count is within
    /// one person of its share of the band's members so far.
    #[test]
    fn even_training_holds_each_band_to_its_share() {
        let shape = shape(Training::Even);
        let mut members = [0u64; 3];
        let mut trained = [0u64; 3];
        for p in shape.people(11, 3_000) {
            let (slot, share) = match p.band {
                Some(b) => (b, BANDS[b].trained),
                None => (2, shape.no_birth_year_trained),
            };
            members[slot] += 1;
            trained[slot] += u64::from(p.trained);
            let exact = (members[slot] * share) as f64 / 1000.0;
            assert!(
                (trained[slot] as f64 - exact).abs() < 1.0,
                "band {slot} at {}",
                p.index
            );
        }
        assert!(members.iter().all(|&m| m > 50), "{members:?}");
    }
}
